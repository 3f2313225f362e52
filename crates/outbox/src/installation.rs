//! The installation's device key for the municipal API: an Ed25519 key made from a seed
//! the vault derives from its own keys, so the same vault always is the same
//! installation and nothing secret ships in the binary. Every call carries a fresh,
//! short-lived assertion signed with it (security scheme `installationAssertion` of
//! `docs/municipal-api.openapi.yaml`).

use aws_lc_rs::digest::{SHA256, digest};
use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use aws_lc_rs::signature::{Ed25519KeyPair, KeyPair};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::json;

use crate::OutboxError;

/// How long an assertion lives, in seconds. The server allows at most 300 and tolerates
/// 60 s of clock skew; two minutes covers a slow upload's start without leaving a
/// stolen assertion much use (each `jti` is accepted once anyway).
pub const ASSERTION_LIFETIME: i64 = 120;

/// The installation's Ed25519 device key and its id.
pub struct Installation {
    key: Ed25519KeyPair,
    /// The public key, base64url without padding (the JWK's `x`).
    x: String,
    id: String,
}

impl std::fmt::Debug for Installation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The id is public (the server knows it); the key is not shown.
        f.debug_struct("Installation")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

impl Installation {
    /// The device key of `seed` (32 bytes from `Vault::installation_seed`). The same
    /// seed always gives the same key and id.
    pub fn from_seed(seed: &[u8; 32]) -> Result<Installation, OutboxError> {
        let key = Ed25519KeyPair::from_seed_unchecked(seed).map_err(|_| {
            OutboxError::Crypto("the installation seed is not an Ed25519 key".into())
        })?;
        let x = b64(key.public_key().as_ref());
        // RFC 7638 §3: the required members in lexicographic order, no whitespace. `x`
        // is base64url, so it needs no JSON escaping.
        let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
        let id = b64(digest(&SHA256, canonical.as_bytes()).as_ref());
        Ok(Installation { key, x, id })
    }

    /// The installation id: the RFC 7638 SHA-256 thumbprint of the public JWK,
    /// base64url without padding.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The public key as registered (`POST /v1/installations` body `{"jwk": …}`).
    pub fn public_jwk(&self) -> serde_json::Value {
        json!({ "kty": "OKP", "crv": "Ed25519", "x": self.x })
    }

    /// A fresh assertion for one call to the server whose published base URL is
    /// `audience`: compact JWS `EdDSA`, living [`ASSERTION_LIFETIME`] seconds from
    /// `now_unix`, with a random `jti` (the server accepts each once). Fails only if the
    /// system's random source does.
    pub fn assertion(&self, audience: &str, now_unix: i64) -> Result<String, OutboxError> {
        let mut jti = [0u8; 16];
        SystemRandom::new()
            .fill(&mut jti)
            .map_err(|_| OutboxError::Crypto("the random source failed".into()))?;
        let header = json!({ "alg": "EdDSA", "typ": "JWT", "kid": self.id });
        let claims = json!({
            "iss": self.id,
            "sub": self.id,
            "aud": audience,
            "iat": now_unix,
            "exp": now_unix + ASSERTION_LIFETIME,
            "jti": b64(&jti),
        });
        let input = format!(
            "{}.{}",
            b64(header.to_string().as_bytes()),
            b64(claims.to_string().as_bytes())
        );
        let signature = self.key.sign(input.as_bytes());
        Ok(format!("{input}.{}", b64(signature.as_ref())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_lc_rs::signature::{ED25519, UnparsedPublicKey};
    use serde_json::Value;
    use std::collections::BTreeMap;

    fn unb64(text: &str) -> Vec<u8> {
        URL_SAFE_NO_PAD.decode(text).expect("base64url")
    }

    fn part(token: &str, index: usize) -> Value {
        let text = token.split('.').nth(index).expect("a part");
        serde_json::from_slice(&unb64(text)).expect("JSON")
    }

    /// RFC 8037 appendix A.1: the example Ed25519 key's seed `d`.
    const RFC8037_SEED: &str = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";

    fn rfc8037() -> Installation {
        let seed: [u8; 32] = unb64(RFC8037_SEED).try_into().expect("32 bytes");
        Installation::from_seed(&seed).expect("a key")
    }

    #[test]
    fn the_id_is_the_rfc_7638_thumbprint_of_the_public_jwk() {
        let me = rfc8037();
        let jwk = me.public_jwk();
        // RFC 7638 §3.2 computed here on its own: the required members sorted by name,
        // serialized without whitespace, SHA-256, base64url.
        let required: BTreeMap<&str, &str> = ["crv", "kty", "x"]
            .into_iter()
            .map(|name| (name, jwk[name].as_str().expect("a string member")))
            .collect();
        let canonical = serde_json::to_string(&required).expect("JSON");
        let expected = b64(digest(&SHA256, canonical.as_bytes()).as_ref());
        assert_eq!(me.id(), expected);
        // And the published values of RFC 8037 A.2 (public key) and A.3 (thumbprint).
        assert_eq!(jwk["x"], "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
        assert_eq!(me.id(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    }

    #[test]
    fn the_same_seed_is_the_same_installation_and_another_seed_another() {
        let a = Installation::from_seed(&[7u8; 32]).expect("a key");
        let b = Installation::from_seed(&[7u8; 32]).expect("a key");
        let c = Installation::from_seed(&[8u8; 32]).expect("a key");
        assert_eq!(a.id(), b.id());
        assert_eq!(a.public_jwk(), b.public_jwk());
        assert_ne!(a.id(), c.id());
    }

    #[test]
    fn an_assertion_verifies_with_the_public_key_and_carries_the_prescribed_claims() {
        let me = rfc8037();
        let token = me
            .assertion("http://127.0.0.1:8787", 1_000)
            .expect("signed");
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);

        let x = unb64(me.public_jwk()["x"].as_str().expect("x"));
        let input = format!("{}.{}", parts[0], parts[1]);
        let signature = unb64(parts[2]);
        UnparsedPublicKey::new(&ED25519, &x)
            .verify(input.as_bytes(), &signature)
            .expect("the signature verifies");
        let changed = format!("{input}x");
        assert!(
            UnparsedPublicKey::new(&ED25519, &x)
                .verify(changed.as_bytes(), &signature)
                .is_err()
        );

        let header = part(&token, 0);
        assert_eq!(
            header,
            json!({"alg": "EdDSA", "typ": "JWT", "kid": me.id()})
        );
        let claims = part(&token, 1);
        assert_eq!(claims["iss"], me.id());
        assert_eq!(claims["sub"], me.id());
        assert_eq!(claims["aud"], "http://127.0.0.1:8787");
        assert_eq!(claims["iat"], 1_000);
        assert_eq!(claims["exp"], 1_120);
        let jti = unb64(claims["jti"].as_str().expect("jti"));
        assert_eq!(jti.len(), 16);
    }

    #[test]
    fn each_assertion_has_its_own_jti() {
        let me = rfc8037();
        let one = part(&me.assertion("http://x", 1).expect("signed"), 1);
        let two = part(&me.assertion("http://x", 1).expect("signed"), 1);
        assert_ne!(one["jti"], two["jti"]);
    }

    #[test]
    fn debug_shows_the_id_and_not_the_key() {
        let me = rfc8037();
        let shown = format!("{me:?}");
        assert!(shown.contains(me.id()), "{shown}");
        assert!(!shown.contains(RFC8037_SEED), "{shown}");
        assert!(!shown.contains("11qYAYKx"), "{shown}");
    }
}
