//! How an installation proves itself: its own Ed25519 device key, registered on first
//! contact, signs a short-lived assertion for every call (OAuth 2 `private_key_jwt`,
//! RFC 7523 §3, presented directly as the bearer credential). No secret ships in the
//! app's binary; a stolen assertion is useless after five minutes or one use.

use axum::http::HeaderMap;
use serde_json::{Map, Value};

use crate::jose::{JoseRefusal, ed25519_thumbprint, parse_jws, unb64};
use crate::problem::{Problem, ProblemKind};

/// An assertion may live at most this long (`exp - iat`), in seconds.
pub const MAX_ASSERTION_LIFETIME: i64 = 300;
/// Clock skew tolerated between the device and the server, in seconds.
pub const CLOCK_SKEW: i64 = 60;

/// The checked claims of an assertion.
#[derive(Debug)]
pub struct Assertion {
    pub installation: String,
    pub jti: String,
    pub exp: i64,
}

/// The bearer assertion of a request, if any.
pub fn bearer(headers: &HeaderMap) -> Result<&str, Problem> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)
        .ok_or(ProblemKind::AssertionMissing)?;
    let text = value.to_str().map_err(|_| {
        Problem::with(
            ProblemKind::AssertionInvalid,
            "the Authorization header is not text",
        )
    })?;
    match text.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(token.trim())
        }
        _ => Err(Problem::with(
            ProblemKind::AssertionMissing,
            "expected `Authorization: Bearer <assertion>`",
        )),
    }
}

/// The `kid` the assertion names: the installation whose key must have signed it.
pub fn key_id(assertion: &str) -> Result<String, Problem> {
    let jws = parse_jws(assertion).map_err(invalid)?;
    jws.header
        .get("kid")
        .and_then(Value::as_str)
        .filter(|k| !k.is_empty() && k.len() <= 64)
        .map(str::to_owned)
        .ok_or_else(|| Problem::with(ProblemKind::AssertionInvalid, "the assertion names no kid"))
}

fn invalid(refusal: JoseRefusal) -> Problem {
    let detail = match refusal {
        JoseRefusal::Invalid(why) => why.to_owned(),
        JoseRefusal::UnknownKey(_) => "unknown key".to_owned(),
    };
    Problem::with(ProblemKind::AssertionInvalid, detail)
}

/// Checks an assertion's signature with the installation's key `x` (base64url) and its
/// claims against `audience` and `now`. The `jti` is checked for replay by the caller,
/// which keeps the used ones.
pub fn verify(assertion: &str, x: &str, audience: &str, now: i64) -> Result<Assertion, Problem> {
    let key = unb64(x)
        .filter(|k| k.len() == 32)
        .ok_or(ProblemKind::Internal)?;
    let jws = parse_jws(assertion).map_err(invalid)?;
    let claims = jws.verify_ed25519(&key).map_err(invalid)?;
    let installation = ed25519_thumbprint(x);
    check_claims(&claims, &installation, audience, now)?;
    Ok(Assertion {
        installation,
        jti: string(&claims, "jti")?.to_owned(),
        exp: number(&claims, "exp")?,
    })
}

fn string<'c>(claims: &'c Map<String, Value>, name: &str) -> Result<&'c str, Problem> {
    claims.get(name).and_then(Value::as_str).ok_or_else(|| {
        Problem::with(
            ProblemKind::AssertionInvalid,
            format!("claim `{name}` is missing"),
        )
    })
}

fn number(claims: &Map<String, Value>, name: &str) -> Result<i64, Problem> {
    claims.get(name).and_then(Value::as_i64).ok_or_else(|| {
        Problem::with(
            ProblemKind::AssertionInvalid,
            format!("claim `{name}` is missing"),
        )
    })
}

fn check_claims(
    claims: &Map<String, Value>,
    installation: &str,
    audience: &str,
    now: i64,
) -> Result<(), Problem> {
    let refuse = |why: &str| Err(Problem::with(ProblemKind::AssertionInvalid, why));
    if string(claims, "iss")? != installation || string(claims, "sub")? != installation {
        return refuse("`iss` and `sub` must be the installation id");
    }
    let aud_ok = match claims.get("aud") {
        Some(Value::String(a)) => same_audience(a, audience),
        Some(Value::Array(list)) => list
            .iter()
            .any(|a| a.as_str().is_some_and(|a| same_audience(a, audience))),
        _ => false,
    };
    if !aud_ok {
        return refuse("`aud` is not this server");
    }
    let jti = string(claims, "jti")?;
    if jti.is_empty() || jti.len() > 64 {
        return refuse("`jti` must have 1 to 64 characters");
    }
    let iat = number(claims, "iat")?;
    let exp = number(claims, "exp")?;
    if iat > now + CLOCK_SKEW {
        return refuse("`iat` is in the future");
    }
    if exp <= now - CLOCK_SKEW {
        return refuse("the assertion has expired");
    }
    if exp - iat > MAX_ASSERTION_LIFETIME || exp < iat {
        return refuse("the assertion may live at most 300 seconds");
    }
    Ok(())
}

/// The published endpoint may carry a trailing slash (the directory's do); the
/// audience is the same URL either way.
fn same_audience(claimed: &str, ours: &str) -> bool {
    claimed.trim_end_matches('/') == ours.trim_end_matches('/')
}

/// The public key of a registration body `{"jwk":{"kty":"OKP","crv":"Ed25519","x":…}}`.
pub fn registration_key(body: &Value) -> Result<String, Problem> {
    let jwk = body
        .get("jwk")
        .and_then(Value::as_object)
        .ok_or_else(|| Problem::with(ProblemKind::MalformedRequest, "`jwk` is missing"))?;
    let kty = jwk.get("kty").and_then(Value::as_str);
    let crv = jwk.get("crv").and_then(Value::as_str);
    if kty != Some("OKP") || crv != Some("Ed25519") {
        return Err(Problem::with(
            ProblemKind::MalformedRequest,
            "the key must be an Ed25519 OKP JWK",
        ));
    }
    // A private key sent by mistake is refused, not stored.
    if jwk.contains_key("d") {
        return Err(Problem::with(
            ProblemKind::MalformedRequest,
            "send the public key only",
        ));
    }
    let x = jwk.get("x").and_then(Value::as_str).unwrap_or_default();
    if unb64(x).is_none_or(|k| k.len() != 32) {
        return Err(Problem::with(
            ProblemKind::MalformedRequest,
            "`x` must be 32 bytes in base64url",
        ));
    }
    Ok(x.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn an_assertion_living_longer_than_five_minutes_is_refused() {
        let c =
            claims(json!({"iss":"i","sub":"i","aud":"http://x","jti":"1","iat":1000,"exp":1301}));
        assert!(check_claims(&c, "i", "http://x", 1000).is_err());
        let c =
            claims(json!({"iss":"i","sub":"i","aud":"http://x","jti":"1","iat":1000,"exp":1300}));
        assert!(check_claims(&c, "i", "http://x", 1000).is_ok());
    }

    #[test]
    fn the_audience_is_the_same_with_or_without_a_trailing_slash_and_nothing_else() {
        for aud in ["http://x", "http://x/"] {
            let c = claims(json!({"iss":"i","sub":"i","aud":aud,"jti":"1","iat":1000,"exp":1100}));
            assert!(check_claims(&c, "i", "http://x", 1000).is_ok(), "{aud}");
        }
        let c =
            claims(json!({"iss":"i","sub":"i","aud":"http://y","jti":"1","iat":1000,"exp":1100}));
        assert!(check_claims(&c, "i", "http://x", 1000).is_err());
    }

    #[test]
    fn an_assertion_for_another_installation_is_refused() {
        let c =
            claims(json!({"iss":"j","sub":"j","aud":"http://x","jti":"1","iat":1000,"exp":1100}));
        assert!(check_claims(&c, "i", "http://x", 1000).is_err());
    }
}
