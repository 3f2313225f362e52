//! What became of a case: the Security Event Tokens (RFC 8417) of
//! `GET /v1/cases/{caseId}/events`, each a compact JWS `PS512` by a key of
//! `GET /.well-known/jwks.json` (`SetHeader`, `SetClaims` of
//! `docs/municipal-api.openapi.yaml`). An event counts only once its token verifies and
//! names this submission, this case and this server: a relay or a man in the middle
//! must not be able to tell the citizen "accepted".
//!
//! Refusal reasons are fixed texts: never a claim's value (a rejection's reason may
//! name the citizen's circumstances).

use aws_lc_rs::signature::{RSA_PSS_2048_8192_SHA512, RsaPublicKeyComponents};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::OutboxError;

/// The FIT-Connect event types are URIs under this prefix.
const EVENT_PREFIX: &str = "https://schema.fitko.de/fit-connect/events/";

/// The smallest event signing key accepted, in bits (as the destination's keys).
pub const MIN_EVENT_KEY_BITS: usize = 4096;

/// What the municipality did with a submission, as its verified event says.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum EventKind {
    /// `submit-submission`: the server received it complete and it decrypted.
    Submitted,
    /// `forward-submission`: handed on to the authority.
    Forwarded,
    /// `accept-submission`.
    Accepted,
    /// `reject-submission`, with the clerk's reason (the problems' details).
    Rejected { reason: Option<String> },
}

impl std::fmt::Debug for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EventKind::Submitted => f.write_str("Submitted"),
            EventKind::Forwarded => f.write_str("Forwarded"),
            EventKind::Accepted => f.write_str("Accepted"),
            // The reason may concern the citizen: only its size reaches a log.
            EventKind::Rejected { reason } => f
                .debug_struct("Rejected")
                .field("reason", &reason.as_ref().map(String::len))
                .finish(),
        }
    }
}

/// One verified event of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    /// The token's `jti`: the same event polled twice has the same one.
    pub jti: String,
    /// The token's `iat`, seconds since the Unix epoch.
    pub issued_at: i64,
    pub kind: EventKind,
}

/// Which case a token must be about, and who must have issued it.
#[derive(Debug, Clone, Copy)]
pub struct Expected<'a> {
    /// The municipal API's base URL (the application's endpoint): the tokens' `iss`.
    /// One trailing slash on either side is ignored, as the server does for `aud`.
    pub issuer: &'a str,
    /// `submissionId` from creating the submission (the tokens' `sub` is
    /// `submission:<id>`).
    pub submission_id: &'a str,
    /// `caseId` from creating the submission (the tokens' `txn` is `case:<id>`).
    pub case_id: &'a str,
}

/// One RSA public key that signs events.
struct EventKey {
    kid: String,
    n: Vec<u8>,
    e: Vec<u8>,
}

/// The server's event signing keys (`GET /.well-known/jwks.json`): RSA keys for `PS512`
/// of at least [`MIN_EVENT_KEY_BITS`] bits; every other key of the set is ignored.
pub struct EventKeys {
    keys: Vec<EventKey>,
}

impl std::fmt::Debug for EventKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventKeys")
            .field(
                "kids",
                &self.keys.iter().map(|k| &k.kid).collect::<Vec<_>>(),
            )
            .finish()
    }
}

fn unb64(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

fn refused(why: &str) -> OutboxError {
    OutboxError::EventRefused(why.to_owned())
}

/// The bit length of a big-endian unsigned integer without leading zero bytes.
fn bits(n: &[u8]) -> usize {
    match n.first() {
        Some(&first) => (n.len() - 1) * 8 + (8 - first.leading_zeros() as usize),
        None => 0,
    }
}

fn text<'m>(map: &'m Map<String, Value>, name: &str) -> Option<&'m str> {
    map.get(name).and_then(Value::as_str)
}

/// A key of the set, if it is one for verifying `PS512` signatures and long enough.
fn event_key(jwk: &Value) -> Option<EventKey> {
    let jwk = jwk.as_object()?;
    if text(jwk, "kty")? != "RSA" {
        return None;
    }
    // Optional members (RFC 7517 §4): when present they must allow this use.
    if jwk.get("alg").is_some_and(|a| a != "PS512") || jwk.get("use").is_some_and(|u| u != "sig") {
        return None;
    }
    if let Some(ops) = jwk.get("key_ops") {
        let ops = ops.as_array()?;
        if !ops.iter().any(|op| op == "verify") {
            return None;
        }
    }
    let kid = text(jwk, "kid").filter(|k| !k.is_empty())?.to_owned();
    let n = unb64(text(jwk, "n")?)?;
    let e = unb64(text(jwk, "e")?)?;
    // JWK integers have no leading zero bytes (RFC 7518 §6.3.1.1), as aws-lc wants them.
    if n.first() == Some(&0) || e.first().is_none_or(|&b| b == 0) {
        return None;
    }
    if bits(&n) < MIN_EVENT_KEY_BITS {
        return None;
    }
    Some(EventKey { kid, n, e })
}

impl EventKeys {
    /// The usable keys of a JWK set. A set that is not `{"keys": [...]}` is garbage; one
    /// without a single usable key is refused (no event of it could ever count).
    pub fn from_jwks(jwks: &Value) -> Result<EventKeys, OutboxError> {
        let list = jwks
            .get("keys")
            .and_then(Value::as_array)
            .ok_or_else(|| OutboxError::Garbage("the event key set is not a JWK set".into()))?;
        let keys: Vec<EventKey> = list.iter().filter_map(event_key).collect();
        if keys.is_empty() {
            return Err(refused(
                "the server publishes no RSA key of at least 4096 bits for PS512",
            ));
        }
        Ok(EventKeys { keys })
    }

    /// Verifies one token of the case's event log and reads its event.
    pub fn verify(&self, token: &str, expected: &Expected<'_>) -> Result<CaseEvent, OutboxError> {
        let mut parts = token.split('.');
        let (Some(header_part), Some(claims_part), Some(signature_part), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(refused("not a compact JWS of three parts"));
        };
        let header = json_object(header_part).ok_or_else(|| refused("the header is not JSON"))?;
        if text(&header, "alg") != Some("PS512") {
            return Err(refused("alg is not PS512"));
        }
        if text(&header, "typ") != Some("secevent+jwt") {
            return Err(refused("typ is not secevent+jwt"));
        }
        // A critical extension this code does not know must be refused (RFC 7515 §4.1.11).
        if header.contains_key("crit") {
            return Err(refused("crit is not supported"));
        }
        let kid = text(&header, "kid").ok_or_else(|| refused("the token names no key"))?;
        let key = self
            .keys
            .iter()
            .find(|k| k.kid == kid)
            .ok_or_else(|| refused("the token's key is not one of the server's event keys"))?;
        let signature =
            unb64(signature_part).ok_or_else(|| refused("the signature is not base64url"))?;
        let signing_input = &token[..header_part.len() + 1 + claims_part.len()];
        RsaPublicKeyComponents {
            n: key.n.as_slice(),
            e: key.e.as_slice(),
        }
        .verify(
            &RSA_PSS_2048_8192_SHA512,
            signing_input.as_bytes(),
            &signature,
        )
        .map_err(|_| refused("the signature does not verify"))?;

        // Signed by the server; now: is it about this submission?
        let claims = json_object(claims_part).ok_or_else(|| refused("the claims are not JSON"))?;
        let issuer = text(&claims, "iss").ok_or_else(|| refused("iss is missing"))?;
        if !same_url(issuer, expected.issuer) {
            return Err(refused("the token was issued by another server"));
        }
        if text(&claims, "sub").and_then(|s| s.strip_prefix("submission:"))
            != Some(expected.submission_id)
        {
            return Err(refused("the token is about another submission"));
        }
        if text(&claims, "txn").and_then(|t| t.strip_prefix("case:")) != Some(expected.case_id) {
            return Err(refused("the token is about another case"));
        }
        let jti = text(&claims, "jti")
            .filter(|j| !j.is_empty())
            .ok_or_else(|| refused("jti is missing"))?
            .to_owned();
        let issued_at = claims
            .get("iat")
            .and_then(Value::as_i64)
            .ok_or_else(|| refused("iat is missing"))?;
        let events = claims
            .get("events")
            .and_then(Value::as_object)
            .filter(|e| e.len() == 1)
            .ok_or_else(|| refused("the token does not carry exactly one event"))?;
        let (event_type, payload) = events
            .iter()
            .next()
            .ok_or_else(|| refused("the token carries no event"))?;
        let kind = match event_type.strip_prefix(EVENT_PREFIX) {
            Some("submit-submission") => EventKind::Submitted,
            Some("forward-submission") => EventKind::Forwarded,
            Some("accept-submission") => EventKind::Accepted,
            Some("reject-submission") => EventKind::Rejected {
                reason: rejection_reason(payload),
            },
            _ => return Err(refused("unknown event type")),
        };
        Ok(CaseEvent {
            jti,
            issued_at,
            kind,
        })
    }
}

fn json_object(part: &str) -> Option<Map<String, Value>> {
    match serde_json::from_slice(&unb64(part)?) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// The details of a rejection's problems, one per line; `None` if it names none.
fn rejection_reason(payload: &Value) -> Option<String> {
    let details: Vec<&str> = payload
        .get("problems")
        .and_then(Value::as_array)?
        .iter()
        .filter_map(|p| p.get("detail").and_then(Value::as_str))
        .filter(|d| !d.trim().is_empty())
        .collect();
    (!details.is_empty()).then(|| details.join("\n"))
}

/// The same base URL with or without one trailing slash.
fn same_url(a: &str, b: &str) -> bool {
    let one = |url: &'_ str| url.strip_suffix('/').unwrap_or(url).to_owned();
    one(a) == one(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::rsa::{KeyPair as RsaKeyPair, KeySize};
    use aws_lc_rs::signature::{KeyPair, RSA_PSS_SHA512};
    use serde_json::json;
    use std::sync::OnceLock;

    fn b64(bytes: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }

    const ISSUER: &str = "http://127.0.0.1:8787";
    const SUBMISSION: &str = "33aa9686-ccd0-4028-b380-528e4aca1b9d";
    const CASE: &str = "dcd0b14d-5bf7-4ca6-8691-086df44e18b3";

    fn expected() -> Expected<'static> {
        Expected {
            issuer: ISSUER,
            submission_id: SUBMISSION,
            case_id: CASE,
        }
    }

    /// An RSA key of `bits` as a PS512 JWK, made once per size (4096-bit keys are slow).
    fn key(size: KeySize) -> &'static (RsaKeyPair, Value) {
        static K4096: OnceLock<(RsaKeyPair, Value)> = OnceLock::new();
        static K2048: OnceLock<(RsaKeyPair, Value)> = OnceLock::new();
        let cell = match size {
            KeySize::Rsa2048 => &K2048,
            _ => &K4096,
        };
        cell.get_or_init(|| {
            let pair = RsaKeyPair::generate(size).expect("a key");
            let public = pair.public_key();
            let n = public.modulus();
            let e = public.exponent();
            let jwk = json!({
                "kty": "RSA", "kid": "events-1", "alg": "PS512", "use": "sig",
                "key_ops": ["verify"],
                "n": b64(n.big_endian_without_leading_zero()),
                "e": b64(e.big_endian_without_leading_zero()),
            });
            (pair, jwk)
        })
    }

    fn strong() -> &'static (RsaKeyPair, Value) {
        key(KeySize::Rsa4096)
    }

    fn sign(pair: &RsaKeyPair, header: &Value, claims: &Value) -> String {
        let input = format!(
            "{}.{}",
            b64(header.to_string().as_bytes()),
            b64(claims.to_string().as_bytes())
        );
        let mut signature = vec![0u8; pair.public_modulus_len()];
        pair.sign(
            &RSA_PSS_SHA512,
            &SystemRandom::new(),
            input.as_bytes(),
            &mut signature,
        )
        .expect("signed");
        format!("{input}.{}", b64(&signature))
    }

    fn header() -> Value {
        json!({"alg": "PS512", "typ": "secevent+jwt", "kid": "events-1"})
    }

    fn claims(event: &str, payload: Value) -> Value {
        json!({
            "iss": ISSUER, "iat": 1_796_564_583, "jti": "876707c1-324a-4038-8794-5b25fb17d6aa",
            "sub": format!("submission:{SUBMISSION}"), "txn": format!("case:{CASE}"),
            "events": { format!("{EVENT_PREFIX}{event}"): payload },
        })
    }

    fn keys() -> EventKeys {
        EventKeys::from_jwks(&json!({"keys": [strong().1]})).expect("usable keys")
    }

    fn refusal(result: Result<CaseEvent, OutboxError>) -> String {
        match result {
            Err(OutboxError::EventRefused(why)) => why,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn each_fit_connect_event_is_read_from_a_valid_token() {
        let keys = keys();
        for (event, payload, kind) in [
            ("submit-submission", json!({}), EventKind::Submitted),
            ("forward-submission", json!({}), EventKind::Forwarded),
            ("accept-submission", json!({}), EventKind::Accepted),
            (
                "reject-submission",
                json!({"problems": [{"type": "urn:amtsweg:problem:rejected", "title": "Rejected",
                    "detail": "Der Nachweis fehlt."}]}),
                EventKind::Rejected {
                    reason: Some("Der Nachweis fehlt.".into()),
                },
            ),
        ] {
            let token = sign(&strong().0, &header(), &claims(event, payload));
            let read = keys.verify(&token, &expected()).expect("verifies");
            assert_eq!(read.kind, kind, "{event}");
            assert_eq!(read.jti, "876707c1-324a-4038-8794-5b25fb17d6aa");
            assert_eq!(read.issued_at, 1_796_564_583);
        }
    }

    #[test]
    fn another_alg_typ_kid_or_a_crit_header_is_refused_before_any_claim_counts() {
        let keys = keys();
        let good = claims("accept-submission", json!({}));
        for (name, value, why) in [
            ("alg", json!("RS512"), "alg is not PS512"),
            ("alg", json!("none"), "alg is not PS512"),
            ("typ", json!("JWT"), "typ is not secevent+jwt"),
            (
                "kid",
                json!("events-2"),
                "the token's key is not one of the server's event keys",
            ),
            ("crit", json!(["exp"]), "crit is not supported"),
        ] {
            let mut h = header();
            h[name] = value;
            let token = sign(&strong().0, &h, &good);
            assert_eq!(refusal(keys.verify(&token, &expected())), why, "{name}");
        }
    }

    #[test]
    fn a_token_about_another_submission_case_or_server_or_an_unknown_event_is_refused() {
        let keys = keys();
        let cases: [(&str, Value, &str); 6] = [
            (
                "sub",
                json!("submission:00000000-0000-4000-8000-000000000000"),
                "the token is about another submission",
            ),
            (
                "txn",
                json!("case:00000000-0000-4000-8000-000000000000"),
                "the token is about another case",
            ),
            (
                "iss",
                json!("http://127.0.0.1:9999"),
                "the token was issued by another server",
            ),
            (
                "events",
                json!({ format!("{EVENT_PREFIX}frobnicate-submission"): {} }),
                "unknown event type",
            ),
            (
                "events",
                json!({ format!("{EVENT_PREFIX}accept-submission"): {},
                        format!("{EVENT_PREFIX}submit-submission"): {} }),
                "the token does not carry exactly one event",
            ),
            ("jti", Value::Null, "jti is missing"),
        ];
        for (name, value, why) in cases {
            let mut c = claims("accept-submission", json!({}));
            c[name] = value;
            let token = sign(&strong().0, &header(), &c);
            assert_eq!(refusal(keys.verify(&token, &expected())), why, "{name}");
        }
    }

    #[test]
    fn the_issuer_may_differ_by_a_trailing_slash() {
        let keys = keys();
        let token = sign(
            &strong().0,
            &header(),
            &claims("accept-submission", json!({})),
        );
        let with_slash = Expected {
            issuer: "http://127.0.0.1:8787/",
            ..expected()
        };
        assert!(keys.verify(&token, &with_slash).is_ok());
    }

    #[test]
    fn a_changed_claim_does_not_verify() {
        let keys = keys();
        let token = sign(
            &strong().0,
            &header(),
            &claims("reject-submission", json!({"problems": []})),
        );
        // Swap the signed claims for "accepted", keeping the signature.
        let forged = b64(claims("accept-submission", json!({}))
            .to_string()
            .as_bytes());
        let parts: Vec<&str> = token.split('.').collect();
        let token = format!("{}.{forged}.{}", parts[0], parts[2]);
        assert_eq!(
            refusal(keys.verify(&token, &expected())),
            "the signature does not verify"
        );
    }

    #[test]
    fn a_short_key_or_one_for_another_use_is_not_an_event_key() {
        let weak = &key(KeySize::Rsa2048).1;
        let refused_set = EventKeys::from_jwks(&json!({"keys": [weak]}));
        assert!(
            matches!(refused_set, Err(OutboxError::EventRefused(_))),
            "{refused_set:?}"
        );
        // A set with the weak key and the strong one keeps only the strong one.
        let mut weak2 = weak.clone();
        weak2["kid"] = json!("weak");
        let set = EventKeys::from_jwks(&json!({"keys": [weak2, strong().1]})).expect("usable");
        assert_eq!(format!("{set:?}"), r#"EventKeys { kids: ["events-1"] }"#);
        let token = sign(
            &key(KeySize::Rsa2048).0,
            &json!({"alg": "PS512", "typ": "secevent+jwt", "kid": "weak"}),
            &claims("accept-submission", json!({})),
        );
        assert_eq!(
            refusal(set.verify(&token, &expected())),
            "the token's key is not one of the server's event keys"
        );

        for (name, value) in [
            ("alg", json!("RS256")),
            ("use", json!("enc")),
            ("key_ops", json!(["encrypt"])),
            ("kty", json!("EC")),
        ] {
            let mut jwk = strong().1.clone();
            jwk[name] = value;
            assert!(
                EventKeys::from_jwks(&json!({"keys": [jwk]})).is_err(),
                "{name}"
            );
        }
        assert!(matches!(
            EventKeys::from_jwks(&json!([strong().1])),
            Err(OutboxError::Garbage(_))
        ));
    }

    #[test]
    fn the_bit_length_counts_from_the_highest_set_bit() {
        assert_eq!(bits(&[]), 0);
        assert_eq!(bits(&[1]), 1);
        assert_eq!(bits(&[0x80, 0]), 16);
        assert_eq!(bits(&[0x7f; 512]), 4095);
    }

    #[test]
    fn debug_of_a_rejection_shows_the_reasons_size_only() {
        let kind = EventKind::Rejected {
            reason: Some("Herr Müller fehlt".into()),
        };
        let shown = format!("{kind:?}");
        assert!(!shown.contains("Müller"), "{shown}");
        assert_eq!(shown, "Rejected { reason: Some(18) }");
    }

    #[test]
    fn an_event_round_trips_through_serde() {
        let event = CaseEvent {
            jti: "j".into(),
            issued_at: 5,
            kind: EventKind::Rejected {
                reason: Some("r".into()),
            },
        };
        let text = serde_json::to_string(&event).expect("JSON");
        assert_eq!(
            serde_json::from_str::<CaseEvent>(&text).expect("read"),
            event
        );
    }
}
