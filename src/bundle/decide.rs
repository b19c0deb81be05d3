//! How one incoming case merges with ours: rules that never undo an edit.
//!
//! Histories are compared, not single hashes. A case's *source history* is
//! its history without the import revisions at its end (those note where a
//! copy came from and change nothing the source wrote). Then:
//!
//! - ours is a prefix of theirs (same numbers, times and hashes, revision
//!   by revision; every signature was checked on reading): theirs
//!   continues ours, and is taken
//!   (a fast-forward), unless it would lose words (below);
//! - theirs is a prefix of ours: a stale copy, "already newer", whatever
//!   its content (C1 -> C2 -> C1 cannot fool it, since a repeated content
//!   hash is not a repeated revision);
//! - one side has every revision the other made since they parted, copied
//!   in by resolving a conflict: it descends from both, and counts as ahead
//!   (so a resolved conflict does not come back from the other laptop);
//! - the same source history: theirs is taken only when it is a fuller copy;
//! - anything else is a conflict.
//!
//! How redacted a copy is comes from its whole provenance: the bundle's
//! profile and the profile of every import recorded in its history, so a
//! pseudonymised copy re-exported as "full" is still pseudonymised. And a
//! copy that empties a field we have, puts the redaction mark in place of
//! words, or drops an attachment is a conflict, whatever its label.
//!
//! An unreadable case file here is never overwritten: the import stores
//! theirs as a conflict, and the damaged file (and its good previous
//! generation) stay as they are.

use super::import::IMPORT_NOTE_PREFIX;
use super::redact::{Profile, REDACTED_MARK};
use super::Result;
use crate::model::provenance::signed_as;
use crate::model::{changed_fields, now_utc, Case, Field, Part, Revision};
use crate::vault::{Vault, VaultError};
use super::import::MergeOutcome;

/// What to do with one incoming case.
pub(super) enum Decision {
    /// Nothing to store.
    Done(MergeOutcome),
    /// Store the incoming case with this revision added (noting the import).
    Write(MergeOutcome, Box<Revision>),
    /// Keep ours; store theirs as a conflict.
    Conflict,
}

/// What to name in the revisions an import adds.
pub(super) struct Context<'a> {
    pub profile: Profile,
    pub note: &'a str,
    pub editor: &'a str,
}

pub(super) fn decide_all(vault: &Vault, cases: &[Case], cx: &Context<'_>) -> Vec<Result<Decision>> {
    crate::parallel::map(cases, |c| decide(vault, c, cx))
}

/// How two source histories relate.
#[derive(Debug, PartialEq)]
enum Relation {
    Same,
    /// Ours is a strict prefix of theirs.
    TheirsAhead,
    /// Theirs is a strict prefix of ours.
    OursAhead,
    Diverged,
}

fn decide(vault: &Vault, theirs: &Case, cx: &Context<'_>) -> Result<Decision> {
    if !vault.contains(theirs.id) {
        if vault.case_path(theirs.id).exists() {
            // A case file here that did not open: never overwritten.
            return Ok(Decision::Conflict);
        }
        let revision = import_revision(vault, theirs, vec!["imported".into()], cx);
        return Ok(Decision::Write(MergeOutcome::Added, Box::new(revision)));
    }
    let ours = match vault.load_case(theirs.id) {
        Ok(case) => case,
        Err(VaultError::Damaged { .. } | VaultError::NewerVersion { .. }) => return Ok(Decision::Conflict),
        Err(e) => return Err(e.into()),
    };
    if ours.content_hash() == theirs.content_hash() {
        return Ok(Decision::Done(MergeOutcome::Unchanged));
    }
    let (ours_rank, theirs_rank) = (rank_of(&ours, None), rank_of(theirs, Some(cx.profile)));
    let keeps_all = !loses_words(&ours, theirs);
    Ok(match relation(source_history(&ours), source_history(theirs)) {
        Relation::OursAhead => Decision::Done(MergeOutcome::AlreadyNewer),
        Relation::TheirsAhead if keeps_all && theirs_rank >= ours_rank => take_theirs(vault, &ours, theirs, cx),
        // The same revision: taken only as a fuller copy of it.
        Relation::Same if keeps_all && theirs_rank > ours_rank => take_theirs(vault, &ours, theirs, cx),
        Relation::Same => Decision::Done(MergeOutcome::Unchanged),
        Relation::TheirsAhead | Relation::Diverged => Decision::Conflict,
    })
}

/// Theirs, with its own history (which continues ours) and a revision
/// noting the import.
fn take_theirs(vault: &Vault, ours: &Case, theirs: &Case, cx: &Context<'_>) -> Decision {
    let revision = import_revision(vault, theirs, changed_fields(ours, theirs), cx);
    let outcome = MergeOutcome::Updated { from_revision: ours.revision(), to_revision: revision.number };
    Decision::Write(outcome, Box::new(revision))
}

fn is_import(r: &Revision) -> bool {
    r.note.starts_with(IMPORT_NOTE_PREFIX)
}

/// The history without the import revisions at its end.
fn source_history(case: &Case) -> &[Revision] {
    let keep = case.history.iter().rposition(|r| !is_import(r)).map_or(0, |i| i + 1);
    &case.history[..keep]
}

/// The same save: number, time and both hashes (editor and note may have
/// been scrubbed by a redacted export; the signatures were checked on
/// reading).
fn same_revision(a: &Revision, b: &Revision) -> bool {
    let hashes = a.content_hash == b.content_hash && a.prev_hash == b.prev_hash;
    // A redacted copy's revisions carry hashes of their own (see
    // `redact::history`): the same save by number and time.
    let rechained = super::redact::history::is_rechained(a) || super::redact::history::is_rechained(b);
    a.number == b.number && a.at == b.at && (hashes || rechained)
}

fn relation(ours: &[Revision], theirs: &[Revision]) -> Relation {
    let common = ours.iter().zip(theirs).take_while(|(a, b)| same_revision(a, b)).count();
    match (common == ours.len(), common == theirs.len()) {
        (true, true) => Relation::Same,
        (true, false) => Relation::TheirsAhead,
        (false, true) => Relation::OursAhead,
        (false, false) => {
            // A resolved conflict: one side copied in every revision the
            // other made since they parted, so it descends from both.
            let theirs_hold_ours = ours[common..].iter().all(|r| holds(theirs, r));
            let ours_hold_theirs = theirs[common..].iter().all(|r| holds(ours, r));
            match (theirs_hold_ours, ours_hold_theirs) {
                (true, false) => Relation::TheirsAhead,
                (false, true) => Relation::OursAhead,
                _ => Relation::Diverged,
            }
        }
    }
}

/// Whether `history` holds the save `r`, in place or copied in by a
/// conflict resolution (renumbered, so compared by time, hashes and the
/// number it was signed with).
fn holds(history: &[Revision], r: &Revision) -> bool {
    history.iter().any(|x| {
        x.at == r.at && x.content_hash == r.content_hash && x.prev_hash == r.prev_hash && (x.signature.is_none() || signed_as(x).0 == signed_as(r).0)
    })
}

/// How much a copy keeps, judged from its whole provenance: the least of
/// the bundle's profile and every import recorded in its history.
fn rank_of(case: &Case, bundle_profile: Option<Profile>) -> u8 {
    let imports = case.history.iter().filter(|r| is_import(r)).map(|r| imported_profile(&r.note));
    bundle_profile.into_iter().chain(imports).map(rank).min().unwrap_or(rank(Profile::Full))
}

/// The profile an import revision's note names; an unreadable note counts
/// as the most redacted, so it can never make a copy look fuller.
fn imported_profile(note: &str) -> Profile {
    note.rsplit("profile ").next().and_then(|k| Profile::from_key(k.trim())).unwrap_or(Profile::StatisticsOnly)
}

/// How much a profile keeps: a copy may only be replaced by a richer one.
fn rank(p: Profile) -> u8 {
    match p {
        Profile::Full => 2,
        Profile::Pseudonymised => 1,
        Profile::StatisticsOnly => 0,
    }
}

/// Whether `theirs` would lose something `ours` has: a text emptied, words
/// replaced by the redaction mark, the birth year removed, an attachment
/// dropped. History and attachment metadata are not compared here.
fn loses_words(ours: &Case, theirs: &Case) -> bool {
    let texts = |c: &Case| {
        let mut v: Vec<(Field, String)> = Vec::new();
        c.each_text(|field, s| {
            if matches!(field.part(), Part::Case | Part::Incident) {
                v.push((field, s.clone()));
            }
        });
        v
    };
    let (a, b) = (texts(ours), texts(theirs));
    let emptied_or_marked = |field: Field| {
        let ours_has = a.iter().filter(|(f, s)| *f == field && !s.trim().is_empty()).count();
        let theirs_has = b.iter().filter(|(f, s)| *f == field && !s.trim().is_empty()).count();
        let marks = |v: &[(Field, String)]| v.iter().filter(|(f, s)| *f == field && s.contains(REDACTED_MARK)).count();
        theirs_has < ours_has || marks(&b) > marks(&a)
    };
    let birth_year_removed = ours.interviewee.birth_year.is_some() && theirs.interviewee.birth_year.is_none();
    let attachment_dropped = ours.attachments.iter().any(|o| !theirs.attachments.iter().any(|t| t.id == o.id));
    birth_year_removed || attachment_dropped || a.iter().any(|(f, _)| emptied_or_marked(*f))
}

/// The revision an import adds to `theirs`, signed by this vault. The
/// case is stored as it came, so its content is theirs.
fn import_revision(vault: &Vault, theirs: &Case, changed: Vec<String>, cx: &Context<'_>) -> Revision {
    let revision = Revision {
        number: theirs.revision() + 1,
        at: now_utc(),
        editor: cx.editor.to_string(),
        changed_fields: changed,
        // The source's revision this copy came from, so a later bundle
        // from the same source can be recognised as its continuation.
        prev_hash: theirs.last_hash().to_string(),
        content_hash: theirs.content_hash(),
        note: cx.note.to_string(),
        signature: None,
        // Against the source's content, which `prev_hash` names: the
        // stored case is that content, so no field differs.
        before: Some(Vec::new()),
    };
    vault.signed(theirs.id, revision)
}
