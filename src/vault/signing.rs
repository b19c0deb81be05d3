//! The vault's signing key: who made a bundle or a revision.
//!
//! Each vault holds one Ed25519 key. Signatures are OpenSSH signatures
//! (SSHSIG, PROTOCOL.sshsig), so anyone can check them with the stock tool:
//! `ssh-keygen -Y verify -f allowed_signers -I NAME -n NAMESPACE -s SIG < DATA`.
//! The namespace says what was signed, so a revision signature can never be
//! passed off as a bundle signature or the reverse.
//!
//! The key is stored as `signing.age`: the OpenSSH private key file,
//! encrypted to the vault's own age recipient like every other file (so
//! changing the passphrase rewrites nothing here, and in an emergency
//! `age -d -i key.age signing.age` gives a key `ssh-keygen -Y sign` uses).

use super::error::{Result, VaultError};
use rand_core::{OsRng, RngCore};
use ssh_key::{HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};
use std::fmt;
use std::path::Path;
use zeroize::Zeroizing;

/// File holding the vault's signing key (encrypted to the vault key).
pub const SIGNING_FILE: &str = "signing.age";
/// SSHSIG namespace of a bundle's `manifest.sig`.
pub const BUNDLE_NAMESPACE: &str = "testimony-vault-bundle";
/// SSHSIG namespace of a revision's signature.
pub const REVISION_NAMESPACE: &str = "testimony-vault-revision";

/// A vault's private signing key. The secret is wiped on drop (both forms).
#[derive(Clone)]
pub struct SigningKey {
    key: PrivateKey,
    /// The same key as ed25519-dalek signs with: ssh-key converts (and
    /// checks) its key pair into this at every signature, which was half
    /// the cost of signing the 10,000 revisions of an import.
    signer: ed25519_dalek::SigningKey,
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey").field("public", &self.public().fingerprint()).finish_non_exhaustive()
    }
}

impl SigningKey {
    /// A new random Ed25519 key; `comment` is written into the key file.
    pub fn generate(comment: &str) -> SigningKey {
        let mut seed = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(&mut seed[..]);
        let pair = ssh_key::private::Ed25519Keypair::from_seed(&seed);
        let mut key = PrivateKey::from(pair);
        key.set_comment(comment);
        SigningKey::of(key).expect("a key made from a seed is whole")
    }

    /// `None` unless `key` is an Ed25519 key pair whose halves agree.
    fn of(key: PrivateKey) -> Option<SigningKey> {
        let signer = ed25519_dalek::SigningKey::try_from(key.key_data().ed25519()?).ok()?;
        Some(SigningKey { key, signer })
    }

    /// Read an unencrypted OpenSSH Ed25519 private key (what `to_openssh`
    /// writes, or `ssh-keygen -t ed25519 -N ''`).
    pub fn from_openssh(text: &[u8], file: &Path) -> Result<SigningKey> {
        let key = PrivateKey::from_openssh(text).map_err(|e| VaultError::damaged(file, format!("not a signing key: {e}")))?;
        if key.algorithm() != ssh_key::Algorithm::Ed25519 || key.is_encrypted() {
            return Err(VaultError::damaged(file, "the signing key is not an unencrypted Ed25519 key"));
        }
        SigningKey::of(key).ok_or_else(|| VaultError::damaged(file, "the signing key's public half does not match its secret"))
    }

    /// The OpenSSH private key file's text.
    pub fn to_openssh(&self) -> Zeroizing<String> {
        self.key.to_openssh(LineEnding::LF).expect("an Ed25519 key always encodes")
    }

    pub fn public(&self) -> SignerKey {
        SignerKey(PublicKey::new(self.key.public_key().key_data().clone(), ""))
    }

    /// An SSHSIG signature of `msg` under `namespace`, in its armoured
    /// text form (`-----BEGIN SSH SIGNATURE-----`).
    pub fn sign(&self, namespace: &str, msg: &[u8]) -> String {
        // `SshSig::sign`'s steps, with the key already converted.
        let data = SshSig::signed_data(namespace, HashAlg::Sha512, msg).expect("namespaces are not empty");
        let raw = ed25519_dalek::Signer::sign(&self.signer, &data).to_bytes().to_vec();
        let sig = ssh_key::Signature::new(ssh_key::Algorithm::Ed25519, raw).expect("an Ed25519 signature is 64 bytes");
        let sig = SshSig::new(self.key.public_key().key_data().clone(), namespace, HashAlg::Sha512, sig)
            .expect("namespaces are not empty");
        sig.to_pem(LineEnding::LF).expect("a signature always encodes")
    }
}

/// A signer's public key, compared by key alone (comments ignored).
#[derive(Clone, PartialEq, Eq)]
pub struct SignerKey(PublicKey);

impl fmt::Debug for SignerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SignerKey({})", self.fingerprint())
    }
}

impl SignerKey {
    /// Parse an OpenSSH public key line (`ssh-ed25519 AAAA… [comment]`).
    /// Only Ed25519 keys are accepted.
    pub fn parse(text: &str) -> std::result::Result<SignerKey, String> {
        let key = PublicKey::from_openssh(text.trim()).map_err(|e| e.to_string())?;
        if key.algorithm() != ssh_key::Algorithm::Ed25519 {
            return Err(format!("{} keys are not accepted; use an Ed25519 key", key.algorithm()));
        }
        Ok(SignerKey(PublicKey::new(key.key_data().clone(), "")))
    }

    /// The OpenSSH public key line, without a comment: what `trust add`
    /// takes and an `allowed_signers` file holds.
    pub fn openssh(&self) -> String {
        self.0.to_openssh().expect("an Ed25519 key always encodes")
    }

    /// SHA-256 of the key (the hash `ssh-keygen -l` shows in base64), as
    /// sixteen groups of four hex digits, for reading aloud.
    pub fn fingerprint(&self) -> String {
        let hex = hex::encode(self.0.fingerprint(HashAlg::Sha256).as_bytes());
        let groups: Vec<&str> = (0..hex.len()).step_by(4).map(|i| &hex[i..i + 4]).collect();
        groups.join(" ")
    }

    /// Check an armoured SSHSIG signature of `msg` by this key under
    /// `namespace`.
    pub fn verify(&self, namespace: &str, msg: &[u8], armoured: &str) -> std::result::Result<(), String> {
        let sig = SshSig::from_pem(armoured.trim()).map_err(|e| format!("unreadable signature: {e}"))?;
        self.0.verify(namespace, msg, &sig).map_err(|e| e.to_string())
    }

    /// The key an armoured signature claims to be made by (not yet checked).
    pub fn of_signature(armoured: &str) -> std::result::Result<SignerKey, String> {
        let sig = SshSig::from_pem(armoured.trim()).map_err(|e| format!("unreadable signature: {e}"))?;
        Ok(SignerKey(PublicKey::new(sig.public_key().clone(), "")))
    }
}

#[cfg(test)]
mod tests {
    use super::{SignerKey, SigningKey, BUNDLE_NAMESPACE, REVISION_NAMESPACE};
    use std::path::Path;

    #[test]
    fn signs_exactly_as_ssh_key_does() {
        for i in 0..20u8 {
            let key = SigningKey::generate("test");
            let msg: Vec<u8> = (0..i as usize * 37).map(|j| (j as u8).wrapping_mul(i)).collect();
            for namespace in [BUNDLE_NAMESPACE, REVISION_NAMESPACE] {
                let theirs = key.key.sign(namespace, ssh_key::HashAlg::Sha512, &msg).unwrap();
                assert_eq!(key.sign(namespace, &msg), theirs.to_pem(ssh_key::LineEnding::LF).unwrap());
            }
        }
    }

    #[test]
    fn signs_and_checks_and_refuses_other_namespaces_keys_and_bytes() {
        let key = SigningKey::generate("test");
        let sig = key.sign(BUNDLE_NAMESPACE, b"manifest");
        assert!(sig.starts_with("-----BEGIN SSH SIGNATURE-----"));
        let public = key.public();
        public.verify(BUNDLE_NAMESPACE, b"manifest", &sig).unwrap();
        assert!(public.verify(REVISION_NAMESPACE, b"manifest", &sig).is_err());
        assert!(public.verify(BUNDLE_NAMESPACE, b"manifesT", &sig).is_err());
        assert!(SigningKey::generate("other").public().verify(BUNDLE_NAMESPACE, b"manifest", &sig).is_err());
        assert_eq!(SignerKey::of_signature(&sig).unwrap(), public);
    }

    #[test]
    fn key_file_and_public_line_round_trip() {
        let key = SigningKey::generate("vault");
        let back = SigningKey::from_openssh(key.to_openssh().as_bytes(), Path::new("k")).unwrap();
        assert_eq!(back.public(), key.public());
        let line = key.public().openssh();
        assert!(line.starts_with("ssh-ed25519 "), "{line}");
        assert_eq!(SignerKey::parse(&format!("{line} someone@example")).unwrap(), key.public());
        let fp = key.public().fingerprint();
        assert_eq!(fp.len(), 16 * 4 + 15, "{fp}");
        assert!(SignerKey::parse("ssh-ed25519 AAAAnot-base64").is_err());
    }
}
