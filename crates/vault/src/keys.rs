//! The vault's keys: a random 256-bit data key and the installation's Ed25519 signing
//! key. They leave this type only as the small secret text the keychain stores; every
//! key the vault uses for a purpose is derived from them, so one stored secret serves
//! encryption, the version manifest and the key id alike.

use std::fmt;

use ed25519_dalek::{SigningKey, VerifyingKey};
use hkdf::Hkdf;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::VaultError;

/// Prefix of the secret text. It names the format so a later format can be told apart,
/// and it lets a keychain entry that holds something else be recognised as "not ours".
const TEXT_PREFIX: &str = "amtsweg-vault-keys:v1:";

/// What a derived key is for. Each purpose has its own HKDF `info`, so a key for one
/// purpose never equals a key for another, and learning one reveals nothing of the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// XChaCha20-Poly1305 key for record payloads and summaries.
    RecordEncryption,
    /// HMAC-SHA256 key of the version manifest.
    Manifest,
    /// Key of the key check value stored in the database's meta.
    KeyCheck,
    /// The Ed25519 seed of the installation's device key for the municipal API
    /// ([`crate::Vault::installation_seed`]): derived, not stored, so it follows the
    /// keys wherever they are kept (keychain, passphrase, recovery code), and it is not
    /// the vault's signing key, so a signature the municipal API sees can never be
    /// taken for a record's.
    Installation,
}

impl Purpose {
    fn info(self) -> &'static [u8] {
        match self {
            Purpose::RecordEncryption => b"amtsweg-vault v1 record encryption",
            Purpose::Manifest => b"amtsweg-vault v1 version manifest",
            Purpose::KeyCheck => b"amtsweg-vault v1 key check",
            Purpose::Installation => b"amtsweg-vault v1 installation device key",
        }
    }
}

/// The data key and the signing key of one installation (or one kiosk session).
///
/// Both are wiped from memory when the value is dropped. `Debug` prints `<redacted>`;
/// there is deliberately no `Display` and no serde, so the keys cannot reach a log or
/// a file by accident. [`VaultKeys::to_secret_text`] is the one way out, for the
/// keychain.
#[derive(Clone)]
pub struct VaultKeys {
    data_key: Zeroizing<[u8; 32]>,
    // ed25519-dalek's `zeroize` feature wipes the secret scalar and seed on drop.
    signing_key: SigningKey,
}

impl fmt::Debug for VaultKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VaultKeys(<redacted>)")
    }
}

impl VaultKeys {
    /// New random keys from the operating system's random source.
    pub fn generate() -> Result<VaultKeys, VaultError> {
        let mut data_key = Zeroizing::new([0u8; 32]);
        let mut seed = Zeroizing::new([0u8; 32]);
        getrandom::fill(data_key.as_mut_slice()).map_err(|e| VaultError::Random(e.to_string()))?;
        getrandom::fill(seed.as_mut_slice()).map_err(|e| VaultError::Random(e.to_string()))?;
        Ok(VaultKeys {
            data_key,
            signing_key: SigningKey::from_bytes(&seed),
        })
    }

    /// The keys as one line of ASCII text (150 bytes, far under the 2560 bytes a Windows
    /// credential may hold): `amtsweg-vault-keys:v1:<data key hex>:<signing seed hex>`.
    /// The returned string is wiped when dropped; the caller must not copy it elsewhere.
    pub fn to_secret_text(&self) -> Zeroizing<String> {
        // Hex is written into a wiped buffer, not through `hex::encode`, whose
        // intermediate `String` would be left in freed memory.
        let mut buf = Zeroizing::new([0u8; 128]);
        let seed = Zeroizing::new(self.signing_key.to_bytes());
        let (data_hex, seed_hex) = buf.split_at_mut(64);
        // Both halves are exactly twice the 32 input bytes, so these cannot fail.
        let _ = hex::encode_to_slice(self.data_key.as_slice(), data_hex);
        let _ = hex::encode_to_slice(seed.as_slice(), seed_hex);
        let mut text = Zeroizing::new(String::with_capacity(TEXT_PREFIX.len() + 129));
        text.push_str(TEXT_PREFIX);
        for (i, b) in buf.iter().enumerate() {
            if i == 64 {
                text.push(':');
            }
            text.push(char::from(*b));
        }
        text
    }

    /// Reads keys written by [`VaultKeys::to_secret_text`]. Surrounding whitespace is
    /// ignored (some keychain tools add a newline); anything else that is not exactly
    /// that format is [`VaultError::KeyFormat`].
    pub fn from_secret_text(text: &str) -> Result<VaultKeys, VaultError> {
        let rest = text
            .trim()
            .strip_prefix(TEXT_PREFIX)
            .ok_or(VaultError::KeyFormat(
                "not an Amtsweg vault key (wrong prefix)",
            ))?;
        let (data_hex, seed_hex) = rest
            .split_once(':')
            .ok_or(VaultError::KeyFormat("the two keys are not separated"))?;
        let mut data_key = Zeroizing::new([0u8; 32]);
        let mut seed = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(data_hex, data_key.as_mut_slice())
            .map_err(|_| VaultError::KeyFormat("the data key is not 64 hex digits"))?;
        hex::decode_to_slice(seed_hex, seed.as_mut_slice())
            .map_err(|_| VaultError::KeyFormat("the signing key is not 64 hex digits"))?;
        Ok(VaultKeys {
            data_key,
            signing_key: SigningKey::from_bytes(&seed),
        })
    }

    /// Keys from their raw parts (a passphrase-derived data key, the export file).
    pub(crate) fn from_parts(data_key: &[u8; 32], signing_seed: &[u8; 32]) -> VaultKeys {
        VaultKeys {
            data_key: Zeroizing::new(*data_key),
            signing_key: SigningKey::from_bytes(signing_seed),
        }
    }

    /// The signing key's seed, for writing the keys sealed under a passphrase.
    pub(crate) fn signing_seed(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.signing_key.to_bytes())
    }

    /// The data key itself, for writing the keys sealed under a passphrase.
    pub(crate) fn data_key(&self) -> &[u8; 32] {
        &self.data_key
    }

    /// The public half of the signing key; signatures are checked against it.
    pub fn verifying_key(&self) -> VerifyingKey {
        self.signing_key.verifying_key()
    }

    pub(crate) fn signing_key(&self) -> &SigningKey {
        &self.signing_key
    }

    /// A 256-bit key for one purpose: HKDF-SHA256 with the data key as input keying
    /// material, no salt (the data key is already uniformly random) and the purpose as
    /// `info`.
    pub(crate) fn derive(&self, purpose: Purpose) -> Zeroizing<[u8; 32]> {
        let hk = Hkdf::<Sha256>::new(None, self.data_key.as_slice());
        let mut out = Zeroizing::new([0u8; 32]);
        // 32 bytes is far below HKDF-SHA256's limit of 255 * 32, so this cannot fail.
        let _ = hk.expand(purpose.info(), out.as_mut_slice());
        out
    }

    /// The key id stored in the database: SHA-256 over the public key and a key check
    /// value of the data key. It tells "these are not this vault's keys" (a different
    /// installation's keys, a wrong passphrase) apart from damaged records, and reveals
    /// nothing about the data key, because the check value is a one-way derivation.
    pub fn key_id(&self) -> String {
        let check = self.derive(Purpose::KeyCheck);
        let mut hasher = Sha256::new();
        hasher.update(b"amtsweg-vault v1 key id");
        hasher.update(self.verifying_key().as_bytes());
        hasher.update(check.as_slice());
        let mut digest = hasher.finalize();
        let id = hex::encode(&digest[..16]);
        digest.as_mut_slice().zeroize();
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_text_round_trips_and_is_small() {
        let keys = VaultKeys::generate().expect("keys");
        let text = keys.to_secret_text();
        assert_eq!(text.len(), TEXT_PREFIX.len() + 129);
        assert!(text.len() < 2560);
        let back = VaultKeys::from_secret_text(&format!("{}\n", text.as_str())).expect("parse");
        assert_eq!(back.to_secret_text().as_str(), text.as_str());
        assert_eq!(back.key_id(), keys.key_id());
    }

    #[test]
    fn two_generated_keys_differ() {
        let a = VaultKeys::generate().expect("keys");
        let b = VaultKeys::generate().expect("keys");
        assert_ne!(a.key_id(), b.key_id());
        assert_ne!(a.to_secret_text().as_str(), b.to_secret_text().as_str());
    }

    #[test]
    fn debug_does_not_show_key_material() {
        let keys = VaultKeys::generate().expect("keys");
        let text = keys.to_secret_text();
        let data_hex = &text[TEXT_PREFIX.len()..TEXT_PREFIX.len() + 64];
        let debug = format!("{keys:?}");
        assert_eq!(debug, "VaultKeys(<redacted>)");
        assert!(!debug.contains(data_hex));
    }

    #[test]
    fn malformed_text_is_refused() {
        let keys = VaultKeys::generate().expect("keys");
        let good = keys.to_secret_text();
        let cases = [
            String::new(),
            "password123".to_owned(),
            good.replacen("v1", "v2", 1),
            good[..good.len() - 2].to_owned(),
            good.replacen(':', ";", 3),
            format!("{}0", good.as_str()),
            format!("{}g", &good[..good.len() - 1]),
        ];
        for case in cases {
            if case == *good {
                continue;
            }
            assert!(
                matches!(
                    VaultKeys::from_secret_text(&case),
                    Err(VaultError::KeyFormat(_))
                ),
                "accepted {case:?}"
            );
        }
    }

    #[test]
    fn derived_keys_differ_per_purpose_and_are_stable() {
        let keys = VaultKeys::generate().expect("keys");
        let enc = keys.derive(Purpose::RecordEncryption);
        let man = keys.derive(Purpose::Manifest);
        let installation = keys.derive(Purpose::Installation);
        assert_ne!(*enc, *man);
        assert_ne!(*installation, *enc);
        assert_ne!(*installation, *man);
        assert_ne!(*installation, *keys.derive(Purpose::KeyCheck));
        assert_ne!(*installation, *keys.signing_seed());
        assert_ne!(*enc, *keys.data_key);
        assert_eq!(*enc, *keys.derive(Purpose::RecordEncryption));
    }
}
