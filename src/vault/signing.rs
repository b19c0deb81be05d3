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

/// Signatures checked together: Ed25519 batch verification
/// (ed25519-dalek's `verify_batch`), 12 µs a signature in batches of 256
/// on the 2-core test machine against 32 µs one by one. An import checks
/// every signed revision of a bundle, tens of thousands for a laptop's
/// archive.
///
/// Only the answer "all check" is taken from it. A signature out of the
/// ordinary (unreadable, another key or namespace than it claims, an
/// unusual envelope) is not batched but makes [`SignatureBatch::all_check`]
/// say no, and so does a batch that fails: the caller then checks one by
/// one with [`SignerKey::verify`], which says which signature is bad and
/// why. So a bad signature is always judged by single verification.
#[derive(Default)]
pub struct SignatureBatch {
    messages: Vec<Vec<u8>>,
    signatures: Vec<ed25519_dalek::Signature>,
    keys: Vec<ed25519_dalek::VerifyingKey>,
    unusual: bool,
}

/// Keys kept decompressed on one thread: more than a bundle's signers.
/// Then all are forgotten, so a bundle whose every revision has its own
/// signer holds no more than this (one decompression a signature).
const KEYS_KEPT: usize = 64;

std::thread_local! {
    static DECOMPRESSED: std::cell::RefCell<std::collections::HashMap<[u8; 32], ed25519_dalek::VerifyingKey>> =
        std::cell::RefCell::default();
}

/// The public key `bytes`, decompressed: once a thread for the few keys
/// that sign a bundle's revisions, though each case's signatures are
/// gathered apart (a decompression costs as much as a tenth of a check).
fn verifying_key(bytes: &[u8; 32]) -> Option<ed25519_dalek::VerifyingKey> {
    DECOMPRESSED.with_borrow_mut(|keys| {
        if let Some(key) = keys.get(bytes) {
            return Some(*key);
        }
        let key = ed25519_dalek::VerifyingKey::from_bytes(bytes).ok()?;
        if keys.len() >= KEYS_KEPT {
            keys.clear();
        }
        keys.insert(*bytes, key);
        Some(key)
    })
}

/// Fewer signatures than this are not split over threads (a batch's
/// gain grows with its size: 16 µs a signature at 64, 11 µs at 1,024).
const MIN_BATCH: usize = 256;

impl SignatureBatch {
    /// Add the armoured SSHSIG `armoured` of `msg` by `key` under `namespace`.
    pub fn push(&mut self, key: &SignerKey, namespace: &str, msg: &[u8], armoured: &str) {
        let prepared = SshSig::from_pem(armoured.trim()).ok().and_then(|sig| {
            // What `PublicKey::verify` checks before the signature itself.
            let plain = sig.public_key() == key.0.key_data()
                && sig.namespace() == namespace
                && sig.reserved().is_empty()
                && sig.algorithm() == ssh_key::Algorithm::Ed25519;
            if !plain {
                return None;
            }
            let data = SshSig::signed_data(namespace, sig.hash_alg(), msg).ok()?;
            let signature = ed25519_dalek::Signature::from_slice(sig.signature_bytes()).ok()?;
            let bytes: &[u8; 32] = sig.public_key().ed25519()?.as_ref().try_into().ok()?;
            Some((data, signature, verifying_key(bytes)?))
        });
        match prepared {
            Some((data, signature, verifying)) => {
                self.messages.push(data);
                self.signatures.push(signature);
                self.keys.push(verifying);
            }
            None => self.unusual = true,
        }
    }

    /// Note a signature that cannot be batched (its signer unreadable):
    /// [`SignatureBatch::all_check`] then says no.
    pub fn push_unusual(&mut self) {
        self.unusual = true;
    }

    /// Add every signature of `other`.
    pub fn append(&mut self, mut other: SignatureBatch) {
        self.messages.append(&mut other.messages);
        self.signatures.append(&mut other.signatures);
        self.keys.append(&mut other.keys);
        self.unusual |= other.unusual;
    }

    fn len(&self) -> usize {
        self.signatures.len()
    }

    /// Whether every signature added checks (one batch a core).
    /// `false`: check them one by one to learn which does not.
    pub fn all_check(&self) -> bool {
        if self.unusual {
            return false;
        }
        if self.signatures.is_empty() {
            return true;
        }
        let check = |range: std::ops::Range<usize>| {
            let messages: Vec<&[u8]> = self.messages[range.clone()].iter().map(Vec::as_slice).collect();
            ed25519_dalek::verify_batch(&messages, &self.signatures[range.clone()], &self.keys[range]).is_ok()
        };
        let per = self.len().div_ceil(crate::parallel::threads()).max(MIN_BATCH);
        if per >= self.len() {
            return check(0..self.len());
        }
        std::thread::scope(|s| {
            let parts: Vec<_> = (0..self.len())
                .step_by(per)
                .map(|start| s.spawn(move || check(start..(start + per).min(self.len()))))
                .collect();
            parts.into_iter().all(|p| p.join().expect("checking signatures does not panic"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{SignatureBatch, SignerKey, SigningKey, BUNDLE_NAMESPACE, REVISION_NAMESPACE};
    use std::path::Path;

    /// `n` messages, signed in turn by two keys.
    fn signed(n: usize) -> (Vec<SignerKey>, Vec<Vec<u8>>, Vec<String>) {
        let keys = [SigningKey::generate("a"), SigningKey::generate("b")];
        let messages: Vec<Vec<u8>> = (0..n).map(|i| format!("revision {i} 증언").into_bytes()).collect();
        let sigs = messages.iter().enumerate().map(|(i, m)| keys[i % 2].sign(REVISION_NAMESPACE, m)).collect();
        (keys.iter().map(SigningKey::public).collect(), messages, sigs)
    }

    fn batch(keys: &[SignerKey], messages: &[Vec<u8>], sigs: &[String], namespace: &str) -> SignatureBatch {
        let mut b = SignatureBatch::default();
        for (i, (m, s)) in messages.iter().zip(sigs).enumerate() {
            b.push(&keys[i % 2], namespace, m, s);
        }
        b
    }

    #[test]
    fn a_batch_checks_exactly_when_every_signature_checks_alone() {
        let (keys, mut messages, mut sigs) = signed(700);
        let good = batch(&keys, &messages, &sigs, REVISION_NAMESPACE);
        assert_eq!(good.len(), 700);
        assert!(good.all_check());
        assert!(SignatureBatch::default().all_check());
        // Split in two and joined again, as an import joins its cases'.
        let (mut first, second) = (batch(&keys, &messages[..2], &sigs[..2], REVISION_NAMESPACE), batch(&keys[..], &messages[2..], &sigs[2..], REVISION_NAMESPACE));
        assert!(first.all_check());
        first.append(second);
        assert!(first.all_check());

        // One altered text, in the last thread's part.
        messages[650][0] ^= 1;
        assert!(keys[0].verify(REVISION_NAMESPACE, &messages[650], &sigs[650]).is_err());
        assert!(!batch(&keys, &messages, &sigs, REVISION_NAMESPACE).all_check());
        messages[650][0] ^= 1;
        // Another namespace than the one signed.
        assert!(!batch(&keys, &messages, &sigs, BUNDLE_NAMESPACE).all_check());
        // A signature by the other key than the one it is checked against.
        sigs.swap(10, 11);
        assert!(!batch(&keys, &messages, &sigs, REVISION_NAMESPACE).all_check());
        sigs.swap(10, 11);
        // Not a signature at all; a signer that could not be read.
        let mut b = batch(&keys, &messages, &sigs, REVISION_NAMESPACE);
        b.push(&keys[0], REVISION_NAMESPACE, b"x", "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----");
        assert!(!b.all_check());
        let mut b = batch(&keys, &messages, &sigs, REVISION_NAMESPACE);
        b.push_unusual();
        assert!(!b.all_check());
        assert!(batch(&keys, &messages, &sigs, REVISION_NAMESPACE).all_check());
    }

    #[test]
    fn a_batch_of_signatures_each_by_its_own_key_checks_as_they_do_alone() {
        // More signers than the keys kept decompressed, each used twice.
        let keys: Vec<SigningKey> = (0..super::KEYS_KEPT * 2 + 5).map(|i| SigningKey::generate(&format!("k{i}"))).collect();
        let mut messages: Vec<Vec<u8>> = (0..keys.len() * 2).map(|i| format!("revision {i}").into_bytes()).collect();
        let signer = |i: usize| &keys[i % keys.len()];
        let sigs: Vec<String> = messages.iter().enumerate().map(|(i, m)| signer(i).sign(REVISION_NAMESPACE, m)).collect();
        let publics: Vec<SignerKey> = (0..messages.len()).map(|i| signer(i).public()).collect();
        let gather = |messages: &[Vec<u8>], publics: &[SignerKey]| {
            let mut b = SignatureBatch::default();
            for ((m, s), k) in messages.iter().zip(&sigs).zip(publics) {
                b.push(k, REVISION_NAMESPACE, m, s);
            }
            b
        };
        assert!(gather(&messages, &publics).all_check());
        // Checked against the key after its own: refused.
        let mut shifted = publics.clone();
        shifted.rotate_left(1);
        assert!(!gather(&messages, &shifted).all_check());
        messages[keys.len() + 3][0] ^= 1;
        assert!(!gather(&messages, &publics).all_check());
    }

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
