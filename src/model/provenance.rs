//! Who made each revision: the signature a revision carries, and the exact
//! text that is signed.
//!
//! The vault that makes a revision signs [`signed_text`] with its key
//! (SSHSIG, namespace `testimony-vault-revision`); the signature and the
//! signer's public key travel with the revision through bundles and merges,
//! so an archive can say who wrote each revision long after. This module
//! only defines the data; signing and checking live in
//! [`crate::vault::signing`].

use super::Revision;
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

/// Version line that starts every signed revision text.
pub const SIGNED_TEXT_HEADER: &str = "testimony-vault revision signature 1";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionSignature {
    /// The signer's OpenSSH public key line (`ssh-ed25519 AAAA…`).
    pub signer: String,
    /// SSHSIG armour (`-----BEGIN SSH SIGNATURE-----` …) over
    /// [`signed_text`]. Empty when a redacted export changed the revision's
    /// text (an editor name scrubbed, a note emptied): the signature over
    /// the original could not be checked, so it is withheld, and the
    /// revision reads as signed by `signer`, not checkable in this copy.
    pub sig: String,
    /// Set when resolving a conflict copied this revision from the other
    /// version of the case and gave it a number and note in this history:
    /// the number and note it was signed with there, so its signature
    /// still checks and still names who wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_as: Option<SignedAs>,
}

/// The number and note a copied revision was signed with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedAs {
    pub number: u32,
    pub note: String,
}

/// The canonical text a revision's signature covers: one `name: value` line
/// each, in this order, text values as JSON strings (so a newline in an
/// editor name cannot forge a line), ending with a newline:
///
/// ```text
/// testimony-vault revision signature 1
/// case: 0b6e…-…
/// number: 3
/// at: 2026-03-01T10:00:00Z
/// editor: "면담자 A"
/// changed: ["narrative","consent.court"]
/// note: ""
/// prev: <hex SHA-256 of the previous revision's content, or empty>
/// content: <hex SHA-256 of the case content at this revision>
/// ```
///
/// A revision copied from another version keeps the number and note it was
/// signed with (see [`RevisionSignature::signed_as`]); those are signed.
pub fn signed_text(case_id: Uuid, r: &Revision) -> String {
    let json = |s: &str| serde_json::to_string(s).expect("a string always serializes");
    let changed = serde_json::to_string(&r.changed_fields).expect("strings always serialize");
    let (number, note) = signed_as(r);
    format!(
        "{SIGNED_TEXT_HEADER}\ncase: {case_id}\nnumber: {}\nat: {}\neditor: {}\nchanged: {changed}\nnote: {}\nprev: {}\ncontent: {}\n",
        number,
        r.at.format(&Rfc3339).unwrap_or_default(),
        json(&r.editor),
        json(note),
        r.prev_hash,
        r.content_hash,
    )
}

/// The number and note `r` was signed with: its own, or the ones a
/// conflict resolution kept when it copied and renumbered it.
pub fn signed_as(r: &Revision) -> (u32, &str) {
    match r.signature.as_ref().and_then(|s| s.signed_as.as_ref()) {
        Some(s) => (s.number, s.note.as_str()),
        None => (r.number, r.note.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::signed_text;
    use crate::model::Revision;
    use uuid::Uuid;

    #[test]
    fn every_signed_value_changes_the_text_and_newlines_cannot_forge_a_line() {
        let r = Revision {
            number: 3,
            at: crate::model::now_utc(),
            editor: "A".into(),
            changed_fields: vec!["narrative".into()],
            prev_hash: "aa".into(),
            content_hash: "bb".into(),
            note: String::new(),
            signature: None,
            before: None,
        };
        let id = Uuid::new_v4();
        let base = signed_text(id, &r);
        assert!(base.ends_with("content: bb\n"), "{base}");
        let variants = [
            Revision { number: 4, ..r.clone() },
            Revision { editor: "B".into(), ..r.clone() },
            Revision { prev_hash: "ab".into(), ..r.clone() },
            Revision { content_hash: "bc".into(), ..r.clone() },
            Revision { note: "n".into(), ..r.clone() },
            Revision { changed_fields: vec![], ..r.clone() },
            Revision { at: r.at + time::Duration::seconds(1), ..r.clone() },
        ];
        for v in &variants {
            assert_ne!(signed_text(id, v), base);
        }
        assert_ne!(signed_text(Uuid::new_v4(), &r), base);
        let forged = Revision { editor: "A\nnumber: 9".into(), ..r.clone() };
        assert_eq!(signed_text(id, &forged).lines().filter(|l| l.starts_with("number:")).count(), 1);
    }
}
