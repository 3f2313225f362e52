//! The three JOSE shapes the municipal API uses, on aws-lc-rs primitives:
//!
//! - compact JWE, `alg RSA-OAEP-256`, `enc A256GCM` (what the citizen's app seals for the
//!   destination): decrypted here with aws-lc's RSA, which is constant-time, as a
//!   network-facing private-key operation must be;
//! - compact JWS `PS512` (the Security Event Tokens this server issues);
//! - compact JWS `EdDSA` over Ed25519 (the installations' assertions).
//!
//! Why not a JOSE crate: the complete ones (josekit) need OpenSSL, the pure-Rust ones lack
//! RSA-OAEP-256 JWE or rely on the `rsa` crate whose advisory (RUSTSEC-2023-0071, timing)
//! is about exactly this use; jsonwebtoken has no JWE and wants PKCS#1 keys. These shapes
//! are small, fixed, and cross-checked against Node's `jose` in `tests/municipal-api/`.

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{OAEP_SHA256_MGF1SHA256, OaepPrivateDecryptingKey};
use aws_lc_rs::signature::{ED25519, RSA_PSS_SHA512, RsaKeyPair, UnparsedPublicKey};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;
use zeroize::Zeroizing;

/// Why a compact JWE or JWS was refused. The API answers the first two as their own
/// problem types; every other reason is one "decryption failed" / "assertion invalid",
/// so an attacker learns nothing from which check failed.
#[derive(Debug, PartialEq, Eq)]
pub enum JoseRefusal {
    /// The JWE names another key than the destination's encryption key.
    UnknownKey(String),
    /// Not the one shape accepted, or the bytes do not decrypt / verify.
    Invalid(&'static str),
}

pub fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn unb64(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

fn header(part: &str) -> Result<serde_json::Map<String, Value>, JoseRefusal> {
    let bytes = unb64(part).ok_or(JoseRefusal::Invalid("header is not base64url"))?;
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(JoseRefusal::Invalid("header is not a JSON object")),
    }
}

fn text<'h>(header: &'h serde_json::Map<String, Value>, name: &str) -> Option<&'h str> {
    header.get(name).and_then(Value::as_str)
}

/// The `kid` a compact JWE names, after checking its header's shape; no key is used.
/// Lets an upload be refused for a wrong key at once, before anything is stored.
pub fn jwe_key_id(compact: &str, expected_kid: &str) -> Result<(), JoseRefusal> {
    let first = compact.split('.').next().unwrap_or_default();
    if compact.split('.').count() != 5 {
        return Err(JoseRefusal::Invalid("not a compact JWE of five parts"));
    }
    check_jwe_header(&header(first)?, expected_kid)
}

fn check_jwe_header(
    header: &serde_json::Map<String, Value>,
    expected_kid: &str,
) -> Result<(), JoseRefusal> {
    if text(header, "alg") != Some("RSA-OAEP-256") {
        return Err(JoseRefusal::Invalid("alg is not RSA-OAEP-256"));
    }
    if text(header, "enc") != Some("A256GCM") {
        return Err(JoseRefusal::Invalid("enc is not A256GCM"));
    }
    // Compression before encryption leaks the plaintext's content through its length.
    if header.contains_key("zip") {
        return Err(JoseRefusal::Invalid("zip is not allowed"));
    }
    // A critical extension this code does not know must be refused (RFC 7516 §4.1.13).
    if header.contains_key("crit") {
        return Err(JoseRefusal::Invalid("crit is not supported"));
    }
    match text(header, "kid") {
        Some(kid) if kid == expected_kid => Ok(()),
        Some(kid) => Err(JoseRefusal::UnknownKey(kid.to_owned())),
        None => Err(JoseRefusal::UnknownKey(String::new())),
    }
}

/// Decrypts a compact JWE (`RSA-OAEP-256` + `A256GCM`) sealed for `key`, whose id is
/// `kid`. Returns the plaintext and the header's `cty`.
pub fn decrypt(
    compact: &str,
    key: &OaepPrivateDecryptingKey,
    kid: &str,
) -> Result<(Zeroizing<Vec<u8>>, Option<String>), JoseRefusal> {
    let parts: Vec<&str> = compact.split('.').collect();
    let [protected, encrypted_key, iv, ciphertext, tag] = parts[..] else {
        return Err(JoseRefusal::Invalid("not a compact JWE of five parts"));
    };
    let header = header(protected)?;
    check_jwe_header(&header, kid)?;
    let invalid = || JoseRefusal::Invalid("does not decrypt");
    let encrypted_key = unb64(encrypted_key).ok_or_else(invalid)?;
    let iv: [u8; 12] = unb64(iv)
        .and_then(|v| v.try_into().ok())
        .ok_or_else(invalid)?;
    let tag = unb64(tag).filter(|t| t.len() == 16).ok_or_else(invalid)?;
    let mut sealed = Zeroizing::new(unb64(ciphertext).ok_or_else(invalid)?);
    sealed.extend_from_slice(&tag);

    let mut cek = Zeroizing::new(vec![0u8; key.min_output_size()]);
    let cek_len = key
        .decrypt(&OAEP_SHA256_MGF1SHA256, &encrypted_key, &mut cek, None)
        .map_err(|_| invalid())?
        .len();
    if cek_len != 32 {
        return Err(invalid());
    }
    let aead = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &cek[..32]).map_err(|_| invalid())?);
    // The AAD is the protected header exactly as sent (RFC 7516 §5.2 step 14).
    let plain_len = aead
        .open_in_place(
            Nonce::assume_unique_for_key(iv),
            Aad::from(protected.as_bytes()),
            &mut sealed[..],
        )
        .map_err(|_| invalid())?
        .len();
    sealed.truncate(plain_len);
    let cty = text(&header, "cty").map(str::to_owned);
    Ok((sealed, cty))
}

/// Signs `claims` as a compact JWS `PS512` with the header fields given.
pub fn sign_ps512(
    key: &RsaKeyPair,
    kid: &str,
    typ: &str,
    claims: &Value,
) -> Result<String, aws_lc_rs::error::Unspecified> {
    let header = serde_json::json!({ "alg": "PS512", "typ": typ, "kid": kid });
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let mut signature = vec![0u8; key.public_modulus_len()];
    key.sign(
        &RSA_PSS_SHA512,
        &SystemRandom::new(),
        input.as_bytes(),
        &mut signature,
    )?;
    Ok(format!("{input}.{}", b64(&signature)))
}

/// A compact JWS's parts before its signature is checked: the header says which key to
/// check it with.
#[derive(Debug)]
pub struct UnverifiedJws<'a> {
    pub header: serde_json::Map<String, Value>,
    signing_input: &'a str,
    payload: &'a str,
    signature: Vec<u8>,
}

pub fn parse_jws(compact: &str) -> Result<UnverifiedJws<'_>, JoseRefusal> {
    let mut parts = compact.splitn(4, '.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JoseRefusal::Invalid("not a compact JWS of three parts"));
    };
    Ok(UnverifiedJws {
        header: header(h)?,
        signing_input: &compact[..h.len() + 1 + p.len()],
        payload: p,
        signature: unb64(s).ok_or(JoseRefusal::Invalid("signature is not base64url"))?,
    })
}

impl UnverifiedJws<'_> {
    /// Checks an `EdDSA` signature with the Ed25519 public key `x`; returns the claims.
    pub fn verify_ed25519(&self, x: &[u8]) -> Result<serde_json::Map<String, Value>, JoseRefusal> {
        if text(&self.header, "alg") != Some("EdDSA") || self.header.contains_key("crit") {
            return Err(JoseRefusal::Invalid("alg is not EdDSA"));
        }
        UnparsedPublicKey::new(&ED25519, x)
            .verify(self.signing_input.as_bytes(), &self.signature)
            .map_err(|_| JoseRefusal::Invalid("signature does not verify"))?;
        let bytes = unb64(self.payload).ok_or(JoseRefusal::Invalid("payload is not base64url"))?;
        match serde_json::from_slice(&bytes) {
            Ok(Value::Object(map)) => Ok(map),
            _ => Err(JoseRefusal::Invalid("payload is not a JSON object")),
        }
    }
}

/// RFC 7638 thumbprint (SHA-256, base64url) of an Ed25519 public key: the installation id.
pub fn ed25519_thumbprint(x_b64: &str) -> String {
    // Members in lexicographic order, no whitespace (RFC 7638 §3).
    let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x_b64}"}}"#);
    b64(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, canonical.as_bytes()).as_ref())
}

/// RFC 7638 thumbprint of an RSA public key (its `kid` here).
pub fn rsa_thumbprint(n_b64: &str, e_b64: &str) -> String {
    let canonical = format!(r#"{{"e":"{e_b64}","kty":"RSA","n":"{n_b64}"}}"#);
    b64(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, canonical.as_bytes()).as_ref())
}

/// SHA-512 of `bytes` in lowercase hex, as FIT-Connect's metadata names hashes.
pub fn sha512_hex(bytes: &[u8]) -> String {
    hex::encode(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA512, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_lc_rs::rsa::{KeySize, OaepPublicEncryptingKey, PrivateDecryptingKey};
    use aws_lc_rs::signature::{Ed25519KeyPair, KeyPair, RSA_PSS_2048_8192_SHA512};

    /// Seals like a client would: a fresh content key wrapped with RSA-OAEP-256.
    fn seal(key: &PrivateDecryptingKey, header: &Value, plain: &[u8]) -> String {
        let protected = b64(header.to_string().as_bytes());
        let cek = [7u8; 32];
        let public = OaepPublicEncryptingKey::new(key.public_key()).expect("works");
        let mut wrapped = vec![0u8; public.ciphertext_size()];
        let wrapped = public
            .encrypt(&OAEP_SHA256_MGF1SHA256, &cek, &mut wrapped, None)
            .expect("works")
            .to_vec();
        let iv = [9u8; 12];
        let aead = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &cek).expect("works"));
        let mut body = plain.to_vec();
        let tag = aead
            .seal_in_place_separate_tag(
                Nonce::assume_unique_for_key(iv),
                Aad::from(protected.as_bytes()),
                &mut body,
            )
            .expect("works");
        format!(
            "{protected}.{}.{}.{}.{}",
            b64(&wrapped),
            b64(&iv),
            b64(&body),
            b64(tag.as_ref())
        )
    }

    fn key() -> (PrivateDecryptingKey, OaepPrivateDecryptingKey) {
        let key = PrivateDecryptingKey::generate(KeySize::Rsa2048).expect("works");
        (
            key.clone(),
            OaepPrivateDecryptingKey::new(key).expect("works"),
        )
    }

    fn header(kid: &str) -> Value {
        serde_json::json!({"alg":"RSA-OAEP-256","enc":"A256GCM","cty":"application/json","kid":kid})
    }

    #[test]
    fn a_jwe_sealed_for_the_key_decrypts_to_its_plaintext_and_content_type() {
        let (private, oaep) = key();
        let jwe = seal(&private, &header("k1"), "Größe: 3 Hunde".as_bytes());
        let (plain, cty) = decrypt(&jwe, &oaep, "k1").expect("works");
        assert_eq!(&plain[..], "Größe: 3 Hunde".as_bytes());
        assert_eq!(cty.as_deref(), Some("application/json"));
    }

    #[test]
    fn another_kid_is_told_apart_from_a_bad_jwe() {
        let (private, oaep) = key();
        let jwe = seal(&private, &header("other"), b"x");
        assert_eq!(
            decrypt(&jwe, &oaep, "k1").expect_err("refused"),
            JoseRefusal::UnknownKey("other".into())
        );
        assert_eq!(
            jwe_key_id(&jwe, "k1").expect_err("refused"),
            JoseRefusal::UnknownKey("other".into())
        );
        assert!(jwe_key_id(&jwe, "other").is_ok());
    }

    #[test]
    fn a_changed_byte_a_changed_header_zip_or_another_enc_is_refused() {
        let (private, oaep) = key();
        let jwe = seal(&private, &header("k1"), b"some data");
        let mut parts: Vec<String> = jwe.split('.').map(str::to_owned).collect();
        let mut body = unb64(&parts[3]).expect("works");
        body[0] ^= 1;
        parts[3] = b64(&body);
        assert!(matches!(
            decrypt(&parts.join("."), &oaep, "k1"),
            Err(JoseRefusal::Invalid(_))
        ));

        // The protected header is authenticated: swapping it breaks the tag.
        let mut parts: Vec<String> = jwe.split('.').map(str::to_owned).collect();
        let mut other = header("k1");
        other["cty"] = "text/plain".into();
        parts[0] = b64(other.to_string().as_bytes());
        assert!(matches!(
            decrypt(&parts.join("."), &oaep, "k1"),
            Err(JoseRefusal::Invalid(_))
        ));

        let mut zipped = header("k1");
        zipped["zip"] = "DEF".into();
        let jwe = seal(&private, &zipped, b"x");
        assert_eq!(
            decrypt(&jwe, &oaep, "k1").expect_err("refused"),
            JoseRefusal::Invalid("zip is not allowed")
        );

        let mut cbc = header("k1");
        cbc["enc"] = "A128CBC-HS256".into();
        let jwe = seal(&private, &cbc, b"x");
        assert_eq!(
            decrypt(&jwe, &oaep, "k1").expect_err("refused"),
            JoseRefusal::Invalid("enc is not A256GCM")
        );

        assert!(decrypt("a.b.c", &oaep, "k1").is_err());
    }

    #[test]
    fn a_ps512_token_verifies_with_the_public_key_and_not_after_a_change() {
        let pair = aws_lc_rs::rsa::KeyPair::generate(KeySize::Rsa2048).expect("works");
        let token = sign_ps512(&pair, "e1", "secevent+jwt", &serde_json::json!({"jti":"1"}))
            .expect("works");
        let jws = parse_jws(&token).expect("works");
        assert_eq!(jws.header["alg"], "PS512");
        assert_eq!(jws.header["typ"], "secevent+jwt");
        let public = UnparsedPublicKey::new(&RSA_PSS_2048_8192_SHA512, pair.public_key().as_ref());
        assert!(
            public
                .verify(jws.signing_input.as_bytes(), &jws.signature)
                .is_ok()
        );
        let changed = format!("{}x", jws.signing_input);
        assert!(public.verify(changed.as_bytes(), &jws.signature).is_err());
    }

    #[test]
    fn an_ed25519_assertion_verifies_only_with_its_key_and_alg() {
        let rng = SystemRandom::new();
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&rng).expect("works");
        let pair = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).expect("works");
        let header = b64(br#"{"alg":"EdDSA","typ":"JWT"}"#);
        let payload = b64(br#"{"iss":"i"}"#);
        let input = format!("{header}.{payload}");
        let token = format!("{input}.{}", b64(pair.sign(input.as_bytes()).as_ref()));
        let claims = parse_jws(&token)
            .expect("works")
            .verify_ed25519(pair.public_key().as_ref())
            .expect("works");
        assert_eq!(claims["iss"], "i");
        let other = Ed25519KeyPair::from_pkcs8(
            Ed25519KeyPair::generate_pkcs8(&rng)
                .expect("works")
                .as_ref(),
        )
        .expect("works");
        assert!(
            parse_jws(&token)
                .expect("works")
                .verify_ed25519(other.public_key().as_ref())
                .is_err()
        );
        let none = format!("{}.{payload}.", b64(br#"{"alg":"none"}"#));
        assert!(
            parse_jws(&none)
                .expect("works")
                .verify_ed25519(pair.public_key().as_ref())
                .is_err()
        );
    }

    #[test]
    fn the_ed25519_thumbprint_is_rfc_8037s_example() {
        // RFC 8037, appendix A.3.
        assert_eq!(
            ed25519_thumbprint("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"),
            "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
        );
    }
}
