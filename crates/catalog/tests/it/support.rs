//! Shared helpers: the committed test key, sample catalogs, package surgery.

use std::path::{Path, PathBuf};

use amtsweg_catalog::{
    CatalogFiles, SignedCatalog, SigningKey, TrustedKeys, parse_signing_key, sign_until,
};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The committed TEST ONLY key, which builds with the `test-trust` feature pin.
pub fn test_key() -> SigningKey {
    parse_signing_key(include_str!(
        "../../test-keys/test-publisher.TEST-ONLY-NOT-SECRET.key"
    ))
    .expect("test key")
}

/// The test key trusted explicitly, so that these tests pass with or without the
/// `test-trust` feature (the feature itself is tested in the crate's unit tests).
pub fn pinned() -> TrustedKeys {
    TrustedKeys::none().with("test", test_key().verifying_key())
}

pub fn created() -> jiff::Timestamp {
    "2026-05-01T10:00:00Z".parse().expect("timestamp")
}

/// A small catalog; its dog-tax file holds the marker `MARKER-A` for one-byte edits.
pub fn sample_files() -> CatalogFiles {
    CatalogFiles::from_pairs([
        (
            "procedures/dog-tax-registration.json",
            "{\"id\": \"dog-tax-registration\", \"note\": \"MARKER-A\"}\n",
        ),
        (
            "locales/de/procedures/dog-tax-registration.ftl",
            "dog-tax-registration-title = Hundesteuer anmelden\n",
        ),
        (
            "locales/en/procedures/dog-tax-registration.ftl",
            "dog-tax-registration-title = Register a dog for dog tax\n",
        ),
    ])
    .expect("valid sample")
}

/// Far ahead, so that the stored catalogs of these tests never expire under them.
pub fn expires() -> jiff::Timestamp {
    "2099-01-01T00:00:00Z".parse().expect("timestamp")
}

pub fn signed(sequence: u64) -> SignedCatalog {
    sign_until(&sample_files(), sequence, &test_key(), created(), expires())
}

/// `bytes` with the first `from` replaced by `to` (same length: a one-byte edit when they
/// differ in one byte).
pub fn replace_once(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    let text = std::str::from_utf8(bytes).expect("packages are UTF-8");
    assert!(text.contains(from), "{from:?} not in package");
    let changed = text.replacen(from, to, 1).into_bytes();
    assert_eq!(changed.len(), bytes.len());
    changed
}

/// The package as JSON, to change and write back (structure edits).
pub fn edit(bytes: &[u8], change: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut value: serde_json::Value = serde_json::from_slice(bytes).expect("JSON");
    change(&mut value);
    serde_json::to_vec(&value).expect("serializes")
}
