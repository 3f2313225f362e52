//! Publisher keys: which public keys this build trusts, key ids, and the text form of
//! keys (32 bytes as hex; lines starting with `#` are comments).

use std::fmt;

use ed25519_dalek::{SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::CatalogError;

/// Production publisher keys: (who holds the secret, public key as hex).
///
/// A publisher adds theirs by generating a key pair on the machine that will sign
/// (`amtsweg-dev catalog keygen --out DIR`), keeping the secret key
/// there, and adding the printed line here in a reviewed commit. To rotate, add the new
/// key, ship a release, sign with the new key, and remove the old one a release later.
/// See `docs/catalog-signing.md`.
const PRODUCTION_KEYS: &[(&str, &str)] = &[];

/// The committed test key (`crates/catalog/test-keys/`), pinned only with the opt-in
/// `test-trust` feature. Its secret is public, so a release build must never trust it.
#[cfg(feature = "test-trust")]
const TEST_KEY: (&str, &str) = (
    "test publisher (TEST ONLY, secret committed)",
    include_str!("../test-keys/test-publisher.pub"),
);

/// First 8 bytes of SHA-256 of the public key, as 16 hex digits: names a key in a
/// package and in logs without repeating the whole key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyId(String);

impl KeyId {
    pub fn of(key: &VerifyingKey) -> Self {
        let digest = Sha256::digest(key.as_bytes());
        Self(hex::encode(&digest[..8]))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One trusted public key.
#[derive(Debug, Clone)]
pub struct PinnedKey {
    pub name: String,
    pub id: KeyId,
    pub key: VerifyingKey,
}

/// The public keys a catalog may be signed with.
#[derive(Debug, Clone, Default)]
pub struct TrustedKeys {
    keys: Vec<PinnedKey>,
}

impl TrustedKeys {
    /// The keys compiled into this build: [`PRODUCTION_KEYS`], plus the committed test
    /// key when the opt-in `test-trust` feature is on (developers' runs and tests).
    pub fn pinned() -> Self {
        let mut trusted = Self::none();
        for (name, hex) in PRODUCTION_KEYS {
            match parse_verifying_key(hex) {
                Ok(key) => trusted = trusted.with(*name, key),
                // A unit test parses every entry, so this is unreachable in a tested build.
                Err(error) => tracing::error!(name, %error, "pinned catalog key unusable"),
            }
        }
        #[cfg(feature = "test-trust")]
        if let Ok(key) = parse_verifying_key(TEST_KEY.1) {
            trusted = trusted.with(TEST_KEY.0, key);
        }
        trusted
    }

    /// No keys: every signed package is refused as signed by an unknown key.
    pub fn none() -> Self {
        Self::default()
    }

    /// These keys and `key` (a tool verifying with a given key, tests).
    pub fn with(mut self, name: impl Into<String>, key: VerifyingKey) -> Self {
        let id = KeyId::of(&key);
        if !self.contains(&id) {
            self.keys.push(PinnedKey {
                name: name.into(),
                id,
                key,
            });
        }
        self
    }

    pub fn get(&self, id: &str) -> Option<&PinnedKey> {
        self.keys.iter().find(|k| k.id.as_str() == id)
    }

    pub fn contains(&self, id: &KeyId) -> bool {
        self.get(id.as_str()).is_some()
    }

    pub fn iter(&self) -> impl Iterator<Item = &PinnedKey> {
        self.keys.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// A new publisher key from the operating system's random source.
pub fn generate_signing_key() -> Result<SigningKey, CatalogError> {
    let mut seed = [0u8; 32];
    let result = getrandom::fill(&mut seed).map_err(|e| CatalogError::NoRandomness(e.to_string()));
    let key = result.map(|()| SigningKey::from_bytes(&seed));
    seed.zeroize();
    key
}

/// The secret key as a key file's text: a comment line and 64 hex digits.
pub fn format_signing_key(key: &SigningKey) -> Zeroizing<String> {
    let id = KeyId::of(&key.verifying_key());
    let hex = Zeroizing::new(hex::encode(key.as_bytes()));
    // Capacity up front: a reallocation would leave a copy of the secret behind.
    let mut text = Zeroizing::new(String::with_capacity(256));
    text.push_str(&format!(
        "# Amtsweg catalog publisher SECRET key {id}. Never commit, never share.\n"
    ));
    text.push_str(&hex);
    text.push('\n');
    text
}

/// The public key as a key file's text: a comment line and 64 hex digits.
pub fn format_verifying_key(key: &VerifyingKey) -> String {
    format!(
        "# Amtsweg catalog publisher public key {}\n{}\n",
        KeyId::of(key),
        hex::encode(key.as_bytes())
    )
}

/// Reads a secret key from its text form (see [`format_signing_key`]).
pub fn parse_signing_key(text: &str) -> Result<SigningKey, CatalogError> {
    let mut bytes = Zeroizing::new([0u8; 32]);
    decode_key(text, "secret key", &mut bytes)?;
    Ok(SigningKey::from_bytes(&bytes))
}

/// Reads a public key from its text form (see [`format_verifying_key`]). Weak keys
/// (small order) are refused: `verify_strict` would reject all their signatures anyway.
pub fn parse_verifying_key(text: &str) -> Result<VerifyingKey, CatalogError> {
    let mut bytes = [0u8; 32];
    decode_key(text, "public key", &mut bytes)?;
    let key = VerifyingKey::from_bytes(&bytes).map_err(|e| CatalogError::BadKey {
        what: "public key",
        reason: e.to_string(),
    })?;
    if key.is_weak() {
        return Err(CatalogError::BadKey {
            what: "public key",
            reason: "a weak (small-order) key".to_owned(),
        });
    }
    Ok(key)
}

fn decode_key(text: &str, what: &'static str, out: &mut [u8; 32]) -> Result<(), CatalogError> {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let hex = lines.next().unwrap_or_default();
    if lines.next().is_some() {
        return Err(CatalogError::BadKey {
            what,
            reason: "more than one key line".to_owned(),
        });
    }
    hex::decode_to_slice(hex, out).map_err(|e| CatalogError::BadKey {
        what,
        reason: format!("expected 64 hex digits: {e}"),
    })
}

#[cfg(test)]
pub(crate) fn production_keys() -> &'static [(&'static str, &'static str)] {
    PRODUCTION_KEYS
}
