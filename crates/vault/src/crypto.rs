//! The cryptography of records, the version manifest and passphrases, kept apart from
//! SQLite so each piece can be tested (and property-tested) on its own.
//!
//! Every byte string that is authenticated is built by [`Fields`]: each field is
//! length-prefixed, so no two different field lists encode to the same bytes (no
//! "id `ab` + kind `c`" versus "id `a` + kind `bc`" ambiguity).

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::VaultError;

pub(crate) const NONCE_LEN: usize = 24;
pub(crate) const SALT_LEN: usize = 16;
/// Poly1305 tag appended to every ciphertext.
pub(crate) const TAG_LEN: usize = 16;

/// A fresh random value (nonces, salts). XChaCha20's 192-bit nonce is large enough that
/// random nonces never repeat in practice, so no counter has to survive crashes.
pub(crate) fn random<const N: usize>() -> Result<[u8; N], VaultError> {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).map_err(|e| VaultError::Random(e.to_string()))?;
    Ok(out)
}

/// Length-prefixed concatenation of fields, the one encoding of authenticated data.
#[derive(Debug, Default)]
pub(crate) struct Fields(Vec<u8>);

impl Fields {
    pub(crate) fn new(domain: &str) -> Fields {
        let mut f = Fields(Vec::with_capacity(128));
        f.bytes(domain.as_bytes());
        f
    }

    pub(crate) fn bytes(&mut self, b: &[u8]) -> &mut Fields {
        // A record field larger than 4 GiB cannot reach here (SQLite's blob limit is
        // 1 GB), so the length always fits.
        self.0.extend_from_slice(&(b.len() as u64).to_be_bytes());
        self.0.extend_from_slice(b);
        self
    }

    pub(crate) fn str(&mut self, s: &str) -> &mut Fields {
        self.bytes(s.as_bytes())
    }

    pub(crate) fn u64(&mut self, n: u64) -> &mut Fields {
        self.bytes(&n.to_be_bytes())
    }

    pub(crate) fn i64(&mut self, n: i64) -> &mut Fields {
        self.bytes(&n.to_be_bytes())
    }

    pub(crate) fn opt_str(&mut self, s: Option<&str>) -> &mut Fields {
        // Absent and empty must differ, so absence is its own marker byte.
        match s {
            None => self.bytes(&[0]),
            Some(s) => self.bytes(&[1]).str(s),
        }
    }

    pub(crate) fn as_slice(&self) -> &[u8] {
        &self.0
    }

    /// Empties the buffer, keeping its memory, for the next entry of a loop.
    pub(crate) fn clear(&mut self) {
        self.0.clear();
    }

    pub(crate) fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

/// Reads what `Fields` wrote.
pub(crate) struct Reader<'a>(pub(crate) &'a [u8]);

impl<'a> Reader<'a> {
    pub(crate) fn field(&mut self) -> Option<&'a [u8]> {
        let len_bytes: [u8; 8] = self.0.get(..8)?.try_into().ok()?;
        let len = usize::try_from(u64::from_be_bytes(len_bytes)).ok()?;
        let rest = &self.0[8..];
        if rest.len() < len {
            return None;
        }
        let (field, rest) = rest.split_at(len);
        self.0 = rest;
        Some(field)
    }

    pub(crate) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_be_bytes(self.field()?.try_into().ok()?))
    }

    pub(crate) fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.field()?).ok()
    }

    pub(crate) fn opt_str(&mut self) -> Option<Option<String>> {
        match self.field()? {
            [0] => Some(None),
            [1] => Some(Some(self.str()?.to_owned())),
            _ => None,
        }
    }
}

/// XChaCha20-Poly1305 under one key.
pub(crate) struct Cipher(XChaCha20Poly1305);

impl std::fmt::Debug for Cipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cipher(<redacted>)")
    }
}

impl Cipher {
    pub(crate) fn new(key: &[u8; 32]) -> Cipher {
        // The cipher copies the key and wipes its copy on drop (chacha20poly1305's
        // ZeroizeOnDrop).
        Cipher(XChaCha20Poly1305::new(key.into()))
    }

    pub(crate) fn seal(
        &self,
        nonce: &[u8; NONCE_LEN],
        plaintext: &[u8],
        ad: &[u8],
    ) -> Result<Vec<u8>, VaultError> {
        self.0
            .encrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: plaintext,
                    aad: ad,
                },
            )
            // Only a plaintext beyond XChaCha20's 256 GiB limit fails.
            .map_err(|_| VaultError::InvalidInput("too large to encrypt".into()))
    }

    /// `None` when the bytes, the nonce or the associated data differ from what was
    /// sealed, or the nonce has the wrong length.
    pub(crate) fn open(
        &self,
        nonce: &[u8],
        ciphertext: &[u8],
        ad: &[u8],
    ) -> Option<Zeroizing<Vec<u8>>> {
        if nonce.len() != NONCE_LEN {
            return None;
        }
        self.0
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: ad,
                },
            )
            .ok()
            .map(Zeroizing::new)
    }
}

/// How a record's signed digest is made. Stored with each record (`records.format`)
/// and named in the message the signature covers, so a record is verified only by the
/// rules it was signed under: relabelling a record with another format makes its
/// signature fail, whatever the digests are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecordFormat {
    /// Builds up to issue 14: SHA-256 over the fields.
    V1,
    /// BLAKE3 over the same fields: as collision resistant, about four times faster on a
    /// 64 KiB draft (SIMD on every x86-64 and ARM CPU, no SHA extensions needed).
    V2,
}

impl RecordFormat {
    /// What this build writes.
    pub(crate) const CURRENT: RecordFormat = RecordFormat::V2;

    pub(crate) fn from_number(n: i64) -> Option<RecordFormat> {
        match n {
            1 => Some(RecordFormat::V1),
            2 => Some(RecordFormat::V2),
            _ => None,
        }
    }

    pub(crate) fn number(self) -> i64 {
        match self {
            RecordFormat::V1 => 1,
            RecordFormat::V2 => 2,
        }
    }

    /// The first half of the signed message: 32 bytes naming the format.
    fn signature_domain(self) -> &'static [u8; 32] {
        match self {
            RecordFormat::V1 => b"amtsweg-vault record signature 1",
            RecordFormat::V2 => b"amtsweg-vault record signature 2",
        }
    }
}

/// Signs a record digest: Ed25519 over the format's domain and the digest of the
/// record's fields. Hashing first means a 64 KiB payload is hashed once (by the format's
/// hash) rather than twice by Ed25519's SHA-512, and is never copied into one message
/// buffer.
pub(crate) fn sign(key: &SigningKey, format: RecordFormat, digest: &[u8; 32]) -> [u8; 64] {
    key.sign(&signed_message(format, digest)).to_bytes()
}

/// `verify_strict`: rejects non-canonical and malleable signatures and small-order keys.
pub(crate) fn verify(
    key: &VerifyingKey,
    format: RecordFormat,
    digest: &[u8; 32],
    signature: &[u8],
) -> bool {
    let Ok(sig) = Signature::from_slice(signature) else {
        return false;
    };
    key.verify_strict(&signed_message(format, digest), &sig)
        .is_ok()
}

fn signed_message(format: RecordFormat, digest: &[u8; 32]) -> [u8; 64] {
    let mut m = [0u8; 64];
    m[..32].copy_from_slice(format.signature_domain());
    m[32..].copy_from_slice(digest);
    m
}

/// The format's hash over length-prefixed fields, fed piece by piece.
pub(crate) enum Digester {
    Sha256(Sha256),
    // Boxed: the hasher's chunk stack makes it about 2 KB.
    Blake3(Box<blake3::Hasher>),
}

impl std::fmt::Debug for Digester {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Digester::Sha256(_) => "Digester(SHA-256)",
            Digester::Blake3(_) => "Digester(BLAKE3)",
        })
    }
}

impl Digester {
    pub(crate) fn new(format: RecordFormat) -> Digester {
        match format {
            RecordFormat::V1 => Digester::Sha256(Sha256::new()),
            RecordFormat::V2 => Digester::Blake3(Box::default()),
        }
    }

    pub(crate) fn field(&mut self, b: &[u8]) -> &mut Digester {
        let len = (b.len() as u64).to_be_bytes();
        match self {
            Digester::Sha256(h) => {
                h.update(len);
                h.update(b);
            }
            Digester::Blake3(h) => {
                h.update(&len);
                h.update(b);
            }
        }
        self
    }

    pub(crate) fn finish(self) -> [u8; 32] {
        match self {
            Digester::Sha256(h) => h.finalize().into(),
            Digester::Blake3(h) => h.finalize().into(),
        }
    }
}

/// HMAC-SHA256 over length-prefixed fields, for the version manifest (see `manifest`).
pub(crate) struct ManifestMac(Hmac<Sha256>);

impl ManifestMac {
    pub(crate) fn new(key: &[u8; 32], domain: &str) -> ManifestMac {
        // HMAC accepts keys of any length, so this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
        mac.update(&Fields::new(domain).0);
        ManifestMac(mac)
    }

    pub(crate) fn update(&mut self, fields: &Fields) {
        self.0.update(fields.as_slice());
    }

    pub(crate) fn finish(self) -> [u8; 32] {
        self.0.finalize().into_bytes().into()
    }

    /// Constant-time comparison with a stored tag.
    pub(crate) fn verify(self, tag: &[u8]) -> bool {
        self.0.verify_slice(tag).is_ok()
    }
}

/// Argon2id parameters: stored beside what they protect (the vault's meta, an export
/// file's header), so a later default does not lock out older vaults and files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over the memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl KdfParams {
    /// RFC 9106's second recommended option (64 MiB, 3 passes), with one lane because
    /// the `argon2` crate computes lanes one after another: more lanes would only cost
    /// the citizen time, not an attacker. About a quarter second once per start.
    pub const RECOMMENDED: KdfParams = KdfParams {
        memory_kib: 64 * 1024,
        iterations: 3,
        parallelism: 1,
    };

    /// What a file or database from elsewhere may ask for. Amtsweg only ever writes
    /// [`KdfParams::RECOMMENDED`]; anything up to four times its work (memory × passes,
    /// about a second) is accepted, so a crafted export file can neither exhaust memory
    /// nor keep the app busy for minutes before its passphrase is found wrong.
    const MAX_MEMORY_KIB: u32 = 256 * 1024;
    const MAX_ITERATIONS: u32 = 8;
    const MAX_PARALLELISM: u32 = 4;
    const MAX_WORK: u64 = 4 * Self::RECOMMENDED.work();

    /// Memory × passes, in KiB: what one derivation costs.
    const fn work(&self) -> u64 {
        self.memory_kib as u64 * self.iterations as u64
    }

    fn argon2(&self) -> Result<Argon2<'static>, VaultError> {
        if self.memory_kib > Self::MAX_MEMORY_KIB
            || self.iterations > Self::MAX_ITERATIONS
            || self.parallelism > Self::MAX_PARALLELISM
            || self.work() > Self::MAX_WORK
        {
            return Err(VaultError::KdfParams(format!(
                "{self:?} exceeds the limits (256 MiB, 8 passes, 4 lanes, 768 MiB × passes)"
            )));
        }
        let params = Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
            .map_err(|e| VaultError::KdfParams(e.to_string()))?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }

    /// A 256-bit key from a passphrase and salt.
    pub(crate) fn derive(
        &self,
        passphrase: &[u8],
        salt: &[u8; SALT_LEN],
    ) -> Result<Zeroizing<[u8; 32]>, VaultError> {
        let argon = self.argon2()?;
        let mut out = Zeroizing::new([0u8; 32]);
        argon
            .hash_password_into(passphrase, salt, out.as_mut_slice())
            .map_err(|e| VaultError::KdfParams(e.to_string()))?;
        Ok(out)
    }

    pub(crate) fn to_bytes(self) -> [u8; 12] {
        let mut b = [0u8; 12];
        b[..4].copy_from_slice(&self.memory_kib.to_be_bytes());
        b[4..8].copy_from_slice(&self.iterations.to_be_bytes());
        b[8..].copy_from_slice(&self.parallelism.to_be_bytes());
        b
    }

    pub(crate) fn from_bytes(b: &[u8]) -> Option<KdfParams> {
        let b: &[u8; 12] = b.try_into().ok()?;
        let n = |i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        Some(KdfParams {
            memory_kib: n(0),
            iterations: n(4),
            parallelism: n(8),
        })
    }
}

impl Default for KdfParams {
    fn default() -> Self {
        KdfParams::RECOMMENDED
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cipher() -> Cipher {
        Cipher::new(&random::<32>().expect("random"))
    }

    #[test]
    fn fields_are_unambiguous() {
        let mut a = Fields::new("d");
        a.str("ab").str("c");
        let mut b = Fields::new("d");
        b.str("a").str("bc");
        assert_ne!(a.as_slice(), b.as_slice());
        let mut none = Fields::new("d");
        none.opt_str(None);
        let mut empty = Fields::new("d");
        empty.opt_str(Some(""));
        assert_ne!(none.as_slice(), empty.as_slice());
    }

    #[test]
    fn manifest_mac_depends_on_every_field_domain_and_key() {
        let key = random::<32>().expect("random");
        let mac = |entries: &[(&str, u64)], key: &[u8; 32], domain: &str| {
            let mut m = ManifestMac::new(key, domain);
            for (id, v) in entries {
                let mut f = Fields::default();
                f.str(id).u64(*v);
                m.update(&f);
            }
            m
        };
        let base = mac(&[("a", 2), ("b", 1)], &key, "d").finish();
        assert_eq!(base, mac(&[("a", 2), ("b", 1)], &key, "d").finish());
        assert_ne!(base, mac(&[("a", 1), ("b", 1)], &key, "d").finish());
        assert_ne!(base, mac(&[("a", 2)], &key, "d").finish());
        assert_ne!(base, mac(&[("a", 2), ("b", 1)], &key, "e").finish());
        let other = random::<32>().expect("random");
        assert_ne!(base, mac(&[("a", 2), ("b", 1)], &other, "d").finish());
        assert!(mac(&[("a", 2), ("b", 1)], &key, "d").verify(&base));
        assert!(!mac(&[("a", 2), ("b", 2)], &key, "d").verify(&base));
    }

    #[test]
    fn a_signature_verifies_only_under_the_format_it_was_made_for() {
        let key = SigningKey::from_bytes(&random::<32>().expect("seed"));
        // The same digest bytes under both formats: only the format named in the signed
        // message tells them apart.
        let digest = random::<32>().expect("digest");
        let sig = sign(&key, RecordFormat::V2, &digest);
        assert!(verify(
            &key.verifying_key(),
            RecordFormat::V2,
            &digest,
            &sig
        ));
        assert!(!verify(
            &key.verifying_key(),
            RecordFormat::V1,
            &digest,
            &sig
        ));
        let old = sign(&key, RecordFormat::V1, &digest);
        assert!(!verify(
            &key.verifying_key(),
            RecordFormat::V2,
            &digest,
            &old
        ));
    }

    #[test]
    fn the_formats_hash_differently_and_known_answers_hold() {
        let digest = |format| {
            let mut d = Digester::new(format);
            d.field(b"abc");
            d.finish()
        };
        // Length prefix (8 bytes, big-endian 3) then "abc", by each format's hash.
        let mut input = 3u64.to_be_bytes().to_vec();
        input.extend_from_slice(b"abc");
        assert_eq!(
            digest(RecordFormat::V1),
            <[u8; 32]>::from(Sha256::digest(&input))
        );
        assert_eq!(digest(RecordFormat::V2), *blake3::hash(&input).as_bytes());
        for n in [1, 2] {
            let format = RecordFormat::from_number(n).expect("known");
            assert_eq!(format.number(), n);
        }
        assert_eq!(RecordFormat::from_number(0), None);
        assert_eq!(RecordFormat::from_number(3), None);
    }

    #[test]
    fn kdf_params_are_bounded_and_round_trip() {
        let p = KdfParams {
            memory_kib: 64,
            iterations: 1,
            parallelism: 1,
        };
        assert_eq!(KdfParams::from_bytes(&p.to_bytes()), Some(p));
        assert_eq!(KdfParams::from_bytes(&[0; 11]), None);
        let salt = random::<SALT_LEN>().expect("salt");
        let huge = KdfParams {
            memory_kib: u32::MAX,
            iterations: 1,
            parallelism: 1,
        };
        assert!(matches!(
            huge.derive(b"pw", &salt),
            Err(VaultError::KdfParams(_))
        ));
        let a = p.derive(b"pw", &salt).expect("derive");
        assert_eq!(*a, *p.derive(b"pw", &salt).expect("derive"));
        assert_ne!(*a, *p.derive(b"pW", &salt).expect("derive"));
        assert_ne!(
            *a,
            *p.derive(b"pw", &random::<SALT_LEN>().expect("salt"))
                .expect("derive")
        );
    }

    proptest! {
        #[test]
        fn seal_open_round_trip(plain in proptest::collection::vec(any::<u8>(), 0..4096),
                                ad in proptest::collection::vec(any::<u8>(), 0..64)) {
            let c = cipher();
            let nonce = random::<NONCE_LEN>().expect("nonce");
            let sealed = c.seal(&nonce, &plain, &ad).expect("seal");
            prop_assert_eq!(sealed.len(), plain.len() + TAG_LEN);
            let opened = c.open(&nonce, &sealed, &ad).expect("open");
            prop_assert_eq!(opened.as_slice(), plain.as_slice());
        }

        #[test]
        fn any_changed_byte_fails_to_open(plain in proptest::collection::vec(any::<u8>(), 1..512),
                                          which in 0usize..3, pos in any::<prop::sample::Index>(),
                                          bit in 0u8..8) {
            let c = cipher();
            let mut nonce = random::<NONCE_LEN>().expect("nonce");
            let mut ad = b"record a v1".to_vec();
            let mut sealed = c.seal(&nonce, &plain, &ad).expect("seal");
            match which {
                0 => { let i = pos.index(sealed.len()); sealed[i] ^= 1 << bit; }
                1 => { let i = pos.index(NONCE_LEN); nonce[i] ^= 1 << bit; }
                _ => { let i = pos.index(ad.len()); ad[i] ^= 1 << bit; }
            }
            prop_assert!(c.open(&nonce, &sealed, &ad).is_none());
        }

        #[test]
        fn sign_verify_round_trip(fields in proptest::collection::vec(
                                      proptest::collection::vec(any::<u8>(), 0..256), 0..6),
                                  flip in any::<prop::sample::Index>(),
                                  v2 in any::<bool>()) {
            let format = if v2 { RecordFormat::V2 } else { RecordFormat::V1 };
            let key = SigningKey::from_bytes(&random::<32>().expect("seed"));
            let mut d = Digester::new(format);
            for f in &fields { d.field(f); }
            let digest = d.finish();
            let mut sig = sign(&key, format, &digest);
            prop_assert!(verify(&key.verifying_key(), format, &digest, &sig));
            let other = SigningKey::from_bytes(&random::<32>().expect("seed"));
            prop_assert!(!verify(&other.verifying_key(), format, &digest, &sig));
            let mut changed = digest;
            changed[flip.index(32)] ^= 1;
            prop_assert!(!verify(&key.verifying_key(), format, &changed, &sig));
            sig[flip.index(64)] ^= 0x80;
            prop_assert!(!verify(&key.verifying_key(), format, &digest, &sig));
        }
    }
}
