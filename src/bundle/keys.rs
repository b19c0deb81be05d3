//! Who a bundle is for (recipients) and what opens it (identities).

use super::{BundleError, Result};
use age::secrecy::SecretString;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Parse one age X25519 public key (`age1…`).
pub fn parse_recipient(text: &str) -> Result<age::x25519::Recipient> {
    let text = text.trim();
    age::x25519::Recipient::from_str(text)
        .map_err(|e| BundleError::BadRecipient { text: text.to_string(), detail: e.to_string() })
}

/// Parse a recipients file in the age command-line format: one `age1…` key
/// a line; blank lines and lines starting with `#` are ignored.
pub fn parse_recipients_text(text: &str) -> Result<Vec<age::x25519::Recipient>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(parse_recipient)
        .collect()
}

pub fn parse_recipients_file(path: &Path) -> Result<Vec<age::x25519::Recipient>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| BundleError::Read { path: path.to_path_buf(), detail: e.to_string() })?;
    parse_recipients_text(&text)
}

/// Who a bundle is encrypted for, as asked: keys one by one (`--to`, the
/// export dialog's lines), the keys of recipients files, or a passphrase
/// instead. The command line and the window both decide here.
pub struct Audience {
    given: Vec<age::x25519::Recipient>,
    passphrase: bool,
}

impl Audience {
    /// Parse every key given (blank ones skipped) and every recipients file.
    pub fn asked(keys: &[String], files: &[PathBuf], passphrase: bool) -> Result<Audience> {
        let mut given = Vec::new();
        for key in keys.iter().map(|k| k.trim()).filter(|k| !k.is_empty()) {
            given.push(parse_recipient(key)?);
        }
        for file in files {
            given.extend(parse_recipients_file(file)?);
        }
        Ok(Audience { given, passphrase })
    }

    /// The recipients to encrypt for: those given, else the organisation's
    /// keys from the settings; none with a passphrase, which age cannot mix
    /// with keys. Called once the vault is open (its settings hold the
    /// organisation's keys), so a mistyped key is said before the passphrase
    /// is asked for.
    pub fn recipients(self, organisation: &[String]) -> Result<Vec<age::x25519::Recipient>> {
        match (self.passphrase, self.given.is_empty()) {
            (true, false) => Err(BundleError::PassphraseAndRecipients),
            (true, true) => Ok(Vec::new()),
            (false, false) => Ok(self.given),
            (false, true) => organisation.iter().map(|k| parse_recipient(k)).collect(),
        }
    }
}

/// What may open a bundle: X25519 identities (the vault's own, or from
/// identity files) and, for a passphrase-protected bundle, the passphrase.
#[derive(Default)]
pub struct Unlock {
    pub identities: Vec<age::x25519::Identity>,
    pub passphrase: Option<SecretString>,
}

impl Unlock {
    pub fn with_identity(identity: age::x25519::Identity) -> Unlock {
        Unlock { identities: vec![identity], passphrase: None }
    }

    pub fn with_passphrase(passphrase: SecretString) -> Unlock {
        Unlock { identities: Vec::new(), passphrase: Some(passphrase) }
    }

    /// Add the X25519 identities of an age identity file
    /// (`AGE-SECRET-KEY-1…` lines, `#` comments), as `age-keygen` writes.
    pub fn add_identity_file(&mut self, path: &Path) -> Result<()> {
        let text = zeroize::Zeroizing::new(
            std::fs::read_to_string(path)
                .map_err(|e| BundleError::Read { path: path.to_path_buf(), detail: e.to_string() })?,
        );
        let mut found = 0;
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let id = age::x25519::Identity::from_str(line).map_err(|_| BundleError::Read {
                path: path.to_path_buf(),
                detail: "not an age identity file (expected AGE-SECRET-KEY-1… lines)".into(),
            })?;
            self.identities.push(id);
            found += 1;
        }
        if found == 0 {
            return Err(BundleError::Read { path: path.to_path_buf(), detail: "no key in the identity file".into() });
        }
        Ok(())
    }
}

/// A new identity file's text, in the age-keygen layout.
pub fn new_identity_file(identity: &age::x25519::Identity) -> zeroize::Zeroizing<String> {
    use age::secrecy::ExposeSecret;
    let created = crate::model::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    zeroize::Zeroizing::new(format!(
        "# created: {created}\n# public key: {}\n{}\n",
        identity.to_public(),
        identity.to_string().expose_secret()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_file_with_comments() {
        let a = age::x25519::Identity::generate().to_public().to_string();
        let b = age::x25519::Identity::generate().to_public().to_string();
        let text = format!("# organisation\n{a}\n\n  {b}  \n# end\n");
        let r = parse_recipients_text(&text).unwrap();
        assert_eq!(r.iter().map(|x| x.to_string()).collect::<Vec<_>>(), vec![a, b]);
        assert!(matches!(parse_recipients_text("age1nope"), Err(BundleError::BadRecipient { .. })));
    }

    #[test]
    fn the_organisation_is_the_audience_when_no_key_is_given() {
        let a = age::x25519::Identity::generate().to_public().to_string();
        let b = age::x25519::Identity::generate().to_public().to_string();
        let org = [b.clone()];
        let names = |r: Vec<age::x25519::Recipient>| r.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let given = Audience::asked(&[a.clone(), " ".into()], &[], false).unwrap();
        assert_eq!(names(given.recipients(&org).unwrap()), vec![a.clone()]);
        assert_eq!(names(Audience::asked(&[], &[], false).unwrap().recipients(&org).unwrap()), vec![b]);
        assert!(Audience::asked(&[], &[], true).unwrap().recipients(&org).unwrap().is_empty());
        let both = Audience::asked(&[a], &[], true).unwrap().recipients(&org);
        assert!(matches!(both, Err(BundleError::PassphraseAndRecipients)));
        assert!(matches!(Audience::asked(&["age1nope".into()], &[], false), Err(BundleError::BadRecipient { .. })));
    }
}
