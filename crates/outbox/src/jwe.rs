//! The one JWE shape FIT-Connect prescribes for what a citizen sends: compact
//! serialization, `alg RSA-OAEP-256` (SHA-256, MGF1-SHA-256), `enc A256GCM`, with `kid`
//! and `cty`, never `zip` (compression before encryption leaks the content through its
//! length), on aws-lc-rs primitives.
//!
//! Why not a JOSE crate (looked at for this issue): josekit 0.10 needs OpenSSL; biscuit
//! 0.8 names RSA-OAEP-256 but implements only direct and AES-GCM key wrapping;
//! jwt-simple 0.15 wraps with RSA-OAEP (SHA-1) only, seals JWT claims rather than bytes,
//! and builds on BoringSSL or the `rsa` crate; jsonwebtoken 12 has no JWE; there is no
//! `jose-jwe` on crates.io. The shape is small and fixed, and the reference server
//! (`crates/municipal-api/src/jose.rs`, cross-checked against Node's `jose`) decrypts it
//! in this crate's tests.

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use aws_lc_rs::rsa::{OAEP_SHA256_MGF1SHA256, OaepPublicEncryptingKey};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use zeroize::Zeroizing;

use crate::OutboxError;

pub(crate) fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The protected header, members in the order FIT-Connect's examples write them.
#[derive(Serialize)]
struct Header<'a> {
    alg: &'static str,
    enc: &'static str,
    kid: &'a str,
    cty: &'a str,
}

fn crypto(what: &str) -> OutboxError {
    OutboxError::Crypto(what.to_owned())
}

/// Seals `plain` for the public key `key` (whose JWK `kid` is `kid`) as a compact JWE
/// with content type `cty`: a fresh 256-bit content key, wrapped with RSA-OAEP-256, and
/// a fresh 96-bit IV for AES-256-GCM over the plaintext, the protected header as AAD.
pub(crate) fn encrypt(
    key: &OaepPublicEncryptingKey,
    kid: &str,
    cty: &str,
    plain: &[u8],
    rng: &SystemRandom,
) -> Result<String, OutboxError> {
    let header = serde_json::to_vec(&Header {
        alg: "RSA-OAEP-256",
        enc: "A256GCM",
        kid,
        cty,
    })
    .map_err(|_| crypto("cannot write the JWE header"))?;
    let protected = b64(&header);

    // The content key is the one secret here: wiped when this returns, whatever happens.
    let mut cek = Zeroizing::new([0u8; 32]);
    rng.fill(&mut cek[..])
        .map_err(|_| crypto("no randomness for a content key"))?;
    let mut iv = [0u8; NONCE_LEN];
    rng.fill(&mut iv)
        .map_err(|_| crypto("no randomness for an IV"))?;

    let mut wrapped = vec![0u8; key.ciphertext_size()];
    let wrapped_len = key
        .encrypt(&OAEP_SHA256_MGF1SHA256, &cek[..], &mut wrapped, None)
        .map_err(|_| crypto("cannot wrap the content key"))?
        .len();
    wrapped.truncate(wrapped_len);

    let aead = LessSafeKey::new(
        UnboundKey::new(&AES_256_GCM, &cek[..]).map_err(|_| crypto("bad content key"))?,
    );
    let mut body = plain.to_vec();
    // The AAD is the protected header exactly as sent (RFC 7516 §5.1 step 14).
    let tag = aead
        .seal_in_place_separate_tag(
            Nonce::assume_unique_for_key(iv),
            Aad::from(protected.as_bytes()),
            &mut body,
        )
        .map_err(|_| crypto("cannot encrypt"))?;

    let mut compact = protected;
    compact.reserve((wrapped.len() + iv.len() + body.len() + 16).div_ceil(3) * 4 + 4);
    for part in [&wrapped[..], &iv[..], &body[..], tag.as_ref()] {
        compact.push('.');
        URL_SAFE_NO_PAD.encode_string(part, &mut compact);
    }
    Ok(compact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_lc_rs::rsa::{KeySize, OaepPrivateDecryptingKey, PrivateDecryptingKey};

    fn unb64(text: &str) -> Vec<u8> {
        URL_SAFE_NO_PAD.decode(text).expect("base64url")
    }

    /// An independent opening: RSA-OAEP-256 unwrap with the private key, then
    /// AES-256-GCM open with the header as AAD, written from RFC 7516 and not from
    /// `encrypt`.
    fn open(compact: &str, private: &PrivateDecryptingKey) -> (serde_json::Value, Vec<u8>) {
        let parts: Vec<&str> = compact.split('.').collect();
        assert_eq!(parts.len(), 5, "a compact JWE has five parts");
        let header: serde_json::Value =
            serde_json::from_slice(&unb64(parts[0])).expect("header JSON");
        let oaep = OaepPrivateDecryptingKey::new(private.clone()).expect("oaep");
        let mut cek = vec![0u8; oaep.min_output_size()];
        let cek = oaep
            .decrypt(&OAEP_SHA256_MGF1SHA256, &unb64(parts[1]), &mut cek, None)
            .expect("the content key unwraps")
            .to_vec();
        assert_eq!(cek.len(), 32, "a 256-bit content key");
        let iv: [u8; 12] = unb64(parts[2]).try_into().expect("a 96-bit IV");
        let mut sealed = unb64(parts[3]);
        let tag = unb64(parts[4]);
        assert_eq!(tag.len(), 16);
        sealed.extend_from_slice(&tag);
        let aead = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &cek).expect("key"));
        let plain = aead
            .open_in_place(
                Nonce::assume_unique_for_key(iv),
                Aad::from(parts[0].as_bytes()),
                &mut sealed,
            )
            .expect("the body opens")
            .to_vec();
        (header, plain)
    }

    #[test]
    fn a_sealed_part_opens_with_the_private_key_and_has_exactly_the_prescribed_header() {
        let private = PrivateDecryptingKey::generate(KeySize::Rsa2048).expect("key");
        let public = OaepPublicEncryptingKey::new(private.public_key()).expect("oaep");
        let rng = SystemRandom::new();
        let plain = "Größe: 3 Hunde, \"Bello\"".as_bytes();
        let jwe = encrypt(&public, "kid-1", "application/json", plain, &rng).expect("sealed");

        let (header, opened) = open(&jwe, &private);
        assert_eq!(opened, plain);
        assert_eq!(
            header,
            serde_json::json!({
                "alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": "kid-1", "cty": "application/json"
            }),
            "exactly these members: no zip, no crit"
        );
        assert!(!jwe.contains('='), "base64url without padding");
    }

    #[test]
    fn each_seal_takes_a_fresh_content_key_and_iv() {
        let private = PrivateDecryptingKey::generate(KeySize::Rsa2048).expect("key");
        let public = OaepPublicEncryptingKey::new(private.public_key()).expect("oaep");
        let rng = SystemRandom::new();
        let one = encrypt(&public, "k", "image/png", b"same", &rng).expect("sealed");
        let two = encrypt(&public, "k", "image/png", b"same", &rng).expect("sealed");
        let (one, two): (Vec<&str>, Vec<&str>) =
            (one.split('.').collect(), two.split('.').collect());
        assert_eq!(one[0], two[0], "the same header");
        assert_ne!(one[2], two[2], "another IV");
        assert_ne!(one[3], two[3], "another ciphertext");
        assert_eq!(open(&one.join("."), &private).1, b"same");
        assert_eq!(open(&two.join("."), &private).1, b"same");
    }

    #[test]
    fn an_empty_part_seals_too() {
        let private = PrivateDecryptingKey::generate(KeySize::Rsa2048).expect("key");
        let public = OaepPublicEncryptingKey::new(private.public_key()).expect("oaep");
        let jwe =
            encrypt(&public, "k", "application/json", b"", &SystemRandom::new()).expect("sealed");
        assert_eq!(open(&jwe, &private).1, b"");
    }
}
