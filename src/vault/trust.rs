//! Trusted signers: whose bundles this vault imports.
//!
//! A list of (name, public key, when added), stored as `trust.age`,
//! encrypted to the vault key and written atomically with a previous
//! generation like the settings. The vault's own key is always trusted and
//! is not in the list. Adding a signer is always an explicit step: an
//! import never adds one by itself.

use super::error::{Result, VaultError};
use super::signing::SignerKey;
use serde::{Deserialize, Serialize};
use std::path::Path;
use time::OffsetDateTime;

pub const TRUST_FILE: &str = "trust.age";
/// Format of `trust.age`'s plaintext. Readers refuse newer ones.
pub const TRUST_FORMAT: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedSigner {
    /// Who the key belongs to, as the user named them.
    pub name: String,
    /// OpenSSH public key line (`ssh-ed25519 AAAA…`).
    pub key: String,
    #[serde(with = "time::serde::rfc3339")]
    pub added: OffsetDateTime,
}

impl TrustedSigner {
    pub fn fingerprint(&self) -> String {
        SignerKey::parse(&self.key).map(|k| k.fingerprint()).unwrap_or_default()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustList {
    pub signers: Vec<TrustedSigner>,
}

#[derive(Serialize, Deserialize)]
struct TrustFile {
    format: u32,
    signers: Vec<TrustedSigner>,
}

impl TrustList {
    /// The name a key is trusted under.
    pub fn name_of(&self, key: &SignerKey) -> Option<&str> {
        self.signers.iter().find(|s| SignerKey::parse(&s.key).as_ref() == Ok(key)).map(|s| s.name.as_str())
    }

    pub fn encode(&self) -> Vec<u8> {
        let file = TrustFile { format: TRUST_FORMAT, signers: self.signers.clone() };
        ron::to_string(&file).expect("a trust list always serializes").into_bytes()
    }

    pub fn decode(bytes: &[u8], path: &Path) -> Result<TrustList> {
        #[derive(Deserialize)]
        struct Probe {
            format: u32,
        }
        let text = std::str::from_utf8(bytes).map_err(|_| VaultError::damaged(path, "the trust list is not text"))?;
        let probe: Probe = ron::from_str(text).map_err(|e| VaultError::damaged(path, e.to_string()))?;
        if probe.format > TRUST_FORMAT {
            return Err(VaultError::NewerVersion { file: path.to_path_buf(), found: probe.format, supported: TRUST_FORMAT });
        }
        let file: TrustFile = ron::from_str(text).map_err(|e| VaultError::damaged(path, e.to_string()))?;
        Ok(TrustList { signers: file.signers })
    }
}

#[cfg(test)]
mod tests {
    use super::{TrustList, TrustedSigner};
    use crate::vault::signing::SigningKey;
    use std::path::Path;

    #[test]
    fn round_trips_and_finds_a_key_by_value() {
        let key = SigningKey::generate("x").public();
        let list = TrustList {
            signers: vec![TrustedSigner { name: "서울 사무소".into(), key: key.openssh(), added: crate::model::now_utc() }],
        };
        let back = TrustList::decode(&list.encode(), Path::new("t")).unwrap();
        assert_eq!(back, list);
        assert_eq!(back.name_of(&key), Some("서울 사무소"));
        assert_eq!(back.name_of(&SigningKey::generate("y").public()), None);
    }
}
