//! The signed catalog package: one JSON file
//!
//! ```json
//! { "format": 2, "keyId": "…16 hex…", "sequence": 7, "created": "2026-05-01T10:00:00Z",
//!   "expires": "2026-10-28T10:00:00Z", "files": { "procedures/dog-tax-registration.json": "…text…", … },
//!   "signature": "…128 hex…" }
//! ```
//!
//! The signature is Ed25519 over [`signed_message`], a canonical byte string derived
//! from everything but the signature: a domain tag, the format, the key id, the sequence,
//! the creation time, the expiry time, and a manifest of the files sorted by path, each with its length
//! and SHA-256. Every variable-length field is preceded by its length as a fixed 8-byte
//! big-endian number and the manifest by its entry count, so the bytes parse back into
//! exactly one tuple of fields: no two different packages give the same message (short of
//! a SHA-256 collision), however paths, times or ids are chosen. JSON itself is never
//! signed, so its whitespace, key order and escapes do not matter, and unknown fields are
//! refused because they would not be covered by the signature.

use std::collections::BTreeSet;
use std::fmt;

use ed25519_dalek::{Signature, Signer, SigningKey};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use sha2::{Digest, Sha256};

use crate::directory::Directory;
use crate::files::CatalogFiles;
use crate::keys::{KeyId, TrustedKeys};
use crate::{CatalogError, MAX_TOTAL_BYTES};

/// The package format this build writes and reads. Format 2 added the signed expiry.
pub const PACKAGE_FORMAT: u32 = 2;

/// How long a package signed by [`sign`] or [`sign_at`] stays valid: an old package
/// cannot be replayed onto a fresh installation after this.
pub const DEFAULT_VALIDITY_DAYS: i64 = 180;

/// Largest package accepted: the file limit plus room for JSON escapes.
pub const MAX_PACKAGE_BYTES: usize = 2 * MAX_TOTAL_BYTES + 1024 * 1024;

/// Separates these signatures from anything else a publisher key might ever sign.
const DOMAIN_TAG: &[u8] = b"amtsweg catalog package";

/// A signed package, ready to publish or store.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedCatalog(Vec<u8>);

impl fmt::Debug for SignedCatalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SignedCatalog({} bytes)", self.0.len())
    }
}

impl SignedCatalog {
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }
}

/// A package whose signature, key and sequence were checked.
#[derive(Debug, Clone)]
pub struct VerifiedCatalog {
    files: CatalogFiles,
    sequence: u64,
    key_id: KeyId,
    created: String,
    expires: jiff::Timestamp,
}

impl VerifiedCatalog {
    pub fn files(&self) -> &CatalogFiles {
        &self.files
    }

    pub fn into_files(self) -> CatalogFiles {
        self.files
    }

    pub fn sequence(&self) -> u64 {
        self.sequence
    }

    /// The publisher key that signed it.
    pub fn key_id(&self) -> &KeyId {
        &self.key_id
    }

    /// When the publisher signed it (RFC 3339, as the publisher's clock said).
    pub fn created(&self) -> &str {
        &self.created
    }

    /// After this time the package is no longer used (signed, so it cannot be moved).
    pub fn expires(&self) -> jiff::Timestamp {
        self.expires
    }

    /// Whether the package's signed expiry lies at or before `now`.
    pub fn is_expired_at(&self, now: jiff::Timestamp) -> bool {
        self.expires <= now
    }

    /// The municipality directory it carries.
    pub fn directory(&self) -> Result<Directory, CatalogError> {
        self.files.directory()
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Package {
    format: u64,
    key_id: String,
    sequence: u64,
    created: String,
    expires: String,
    files: Files,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    signature: Option<String>,
}

/// Only the format, read first: a newer format may have other fields.
#[derive(Deserialize)]
struct Probe {
    format: u64,
}

/// Signs `files` as catalog number `sequence`, created now, valid for
/// [`DEFAULT_VALIDITY_DAYS`].
pub fn sign(files: &CatalogFiles, sequence: u64, key: &SigningKey) -> SignedCatalog {
    sign_at(files, sequence, key, jiff::Timestamp::now())
}

/// Signs `files` as catalog number `sequence` with a given creation time (reproducible
/// packages, tests), valid for [`DEFAULT_VALIDITY_DAYS`] from then.
pub fn sign_at(
    files: &CatalogFiles,
    sequence: u64,
    key: &SigningKey,
    created: jiff::Timestamp,
) -> SignedCatalog {
    let expires = created
        .checked_add(jiff::SignedDuration::from_hours(DEFAULT_VALIDITY_DAYS * 24))
        .unwrap_or(jiff::Timestamp::MAX);
    sign_until(files, sequence, key, created, expires)
}

/// Signs `files` as catalog number `sequence`, created at `created` and used until
/// `expires`.
pub fn sign_until(
    files: &CatalogFiles,
    sequence: u64,
    key: &SigningKey,
    created: jiff::Timestamp,
    expires: jiff::Timestamp,
) -> SignedCatalog {
    let key_id = KeyId::of(&key.verifying_key());
    let created = created.to_string();
    let expires = expires.to_string();
    let message = signed_message(
        u64::from(PACKAGE_FORMAT),
        key_id.as_str(),
        sequence,
        &created,
        &expires,
        files,
    );
    let signature = key.sign(&message);
    let package = Package {
        format: u64::from(PACKAGE_FORMAT),
        key_id: key_id.to_string(),
        sequence,
        created,
        expires,
        files: Files(
            files
                .iter()
                // CatalogFiles holds UTF-8 only, checked on insert.
                .map(|(p, c)| (p.to_owned(), String::from_utf8_lossy(c).into_owned()))
                .collect(),
        ),
        signature: Some(hex::encode(signature.to_bytes())),
    };
    let mut json = serde_json::to_vec_pretty(&package)
        .expect("a package of strings and integers always serializes");
    json.push(b'\n');
    SignedCatalog(json)
}

/// Checks a package: well-formed, signed by one of `trusted`, not altered since, and —
/// when a catalog is in use — with a higher sequence than `last_sequence`. The expiry is
/// read but not judged here: whoever uses the catalog compares it with the clock
/// ([`VerifiedCatalog::is_expired_at`]; the store refuses and gives up expired ones).
pub fn verify(
    bytes: &[u8],
    trusted: &TrustedKeys,
    last_sequence: Option<u64>,
) -> Result<VerifiedCatalog, CatalogError> {
    if bytes.len() > MAX_PACKAGE_BYTES {
        return Err(CatalogError::TooLarge {
            what: "the catalog package".to_owned(),
            size: bytes.len() as u64,
            limit: MAX_PACKAGE_BYTES as u64,
        });
    }
    let probe: Probe =
        serde_json::from_slice(bytes).map_err(|e| CatalogError::Malformed(e.to_string()))?;
    if probe.format != u64::from(PACKAGE_FORMAT) {
        return Err(CatalogError::UnsupportedFormat {
            found: probe.format,
            supported: PACKAGE_FORMAT,
        });
    }
    let package: Package =
        serde_json::from_slice(bytes).map_err(|e| CatalogError::Malformed(e.to_string()))?;
    let signature = match package.signature.as_deref() {
        None | Some("") => return Err(CatalogError::Unsigned),
        Some(hex) => hex,
    };
    // Structure before cryptography: paths are checked even in a package whose
    // signature would fail, and nothing below runs on an unchecked path.
    let files = CatalogFiles::from_pairs(package.files.0)?;
    if package.created.parse::<jiff::Timestamp>().is_err() {
        return Err(CatalogError::Malformed(format!(
            "created {:?} is not an RFC 3339 time",
            package.created
        )));
    }
    let Ok(expires) = package.expires.parse::<jiff::Timestamp>() else {
        return Err(CatalogError::Malformed(format!(
            "expires {:?} is not an RFC 3339 time",
            shorten(&package.expires)
        )));
    };

    let pinned = trusted
        .get(&package.key_id)
        .ok_or_else(|| CatalogError::UnknownKey {
            key_id: shorten(&package.key_id),
        })?;
    let mut signature_bytes = [0u8; 64];
    hex::decode_to_slice(signature, &mut signature_bytes).map_err(|e| {
        CatalogError::Malformed(format!("the signature is not 128 hex digits: {e}"))
    })?;
    let message = signed_message(
        package.format,
        &package.key_id,
        package.sequence,
        &package.created,
        &package.expires,
        &files,
    );
    pinned
        .key
        .verify_strict(&message, &Signature::from_bytes(&signature_bytes))
        .map_err(|_| CatalogError::Altered {
            key_id: pinned.id.to_string(),
        })?;

    if let Some(in_use) = last_sequence
        && package.sequence <= in_use
    {
        return Err(CatalogError::NotNewer {
            sequence: package.sequence,
            in_use,
        });
    }
    Ok(VerifiedCatalog {
        files,
        sequence: package.sequence,
        key_id: pinned.id.clone(),
        created: package.created,
        expires,
    })
}

/// The bytes the signature covers (see the module docs for why they are unambiguous).
pub(crate) fn signed_message(
    format: u64,
    key_id: &str,
    sequence: u64,
    created: &str,
    expires: &str,
    files: &CatalogFiles,
) -> Vec<u8> {
    fn field(message: &mut Vec<u8>, bytes: &[u8]) {
        message.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
        message.extend_from_slice(bytes);
    }
    let mut message = Vec::with_capacity(128 + files.len() * 128);
    field(&mut message, DOMAIN_TAG);
    message.extend_from_slice(&format.to_be_bytes());
    field(&mut message, key_id.as_bytes());
    message.extend_from_slice(&sequence.to_be_bytes());
    field(&mut message, created.as_bytes());
    field(&mut message, expires.as_bytes());
    message.extend_from_slice(&(files.len() as u64).to_be_bytes());
    // CatalogFiles iterates in byte order of the paths, which are unique.
    for (path, content) in files.iter() {
        field(&mut message, path.as_bytes());
        message.extend_from_slice(&(content.len() as u64).to_be_bytes());
        message.extend_from_slice(&Sha256::digest(content));
    }
    message
}

fn shorten(s: &str) -> String {
    s.chars().take(32).collect()
}

/// The `files` object. A JSON object with the same key twice is refused: which of the two
/// a reader keeps is up to the reader, and a package must mean one thing.
struct Files(Vec<(String, String)>);

impl Serialize for Files {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(p, c)| (p, c)))
    }
}

impl<'de> Deserialize<'de> for Files {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FilesVisitor;

        impl<'de> Visitor<'de> for FilesVisitor {
            type Value = Files;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of relative paths to file contents")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Files, A::Error> {
                let mut seen = BTreeSet::new();
                let mut files = Vec::new();
                while let Some((path, content)) = map.next_entry::<String, String>()? {
                    if !seen.insert(path.clone()) {
                        return Err(serde::de::Error::custom(format!(
                            "the file {:?} appears twice",
                            shorten(&path)
                        )));
                    }
                    files.push((path, content));
                }
                Ok(Files(files))
            }
        }

        deserializer.deserialize_map(FilesVisitor)
    }
}
