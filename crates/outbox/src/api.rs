//! The municipal API as the outbox speaks it (`docs/municipal-api.openapi.yaml`): one
//! method per operation, every answer checked against what the API promises. Anything
//! else becomes [`OutboxError::Garbage`]; a problem of the API becomes
//! [`OutboxError::Refused`] with its name; a failed connection, a lost answer or a
//! timeout becomes [`OutboxError::Network`].

use std::time::Duration;

use reqwest::{Method, StatusCode, header};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::installation::Installation;
use crate::{OutboxError, ServiceType};

/// The problem types of the API start with this; anything else is not the API.
const PROBLEM_PREFIX: &str = "urn:amtsweg:problem:";

/// A route of `GET /v1/routes`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Route {
    pub destination_id: String,
    pub encryption_kid: String,
}

/// The answer of `POST /v1/submissions`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Created {
    pub submission_id: String,
    pub case_id: String,
}

/// What `PUT /v1/submissions/{id}` led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmitOutcome {
    /// `200`: submitted now.
    Submitted,
    /// `409 already-submitted` for our own submission id: an earlier submit whose
    /// answer was lost went through. Done as well.
    AlreadySubmitted,
}

/// The state of `GET /v1/submissions/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubmissionState {
    pub submission_id: String,
    pub case_id: String,
    pub status: String,
}

/// The time limits of every call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    pub connect: Duration,
    /// The whole call, answer included; an upload of a large file needs its share.
    pub request: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            request: Duration::from_secs(120),
        }
    }
}

/// A client of one municipality's API.
#[derive(Debug, Clone)]
pub struct Api {
    http: reqwest::Client,
    /// Without a trailing slash; also the audience of every assertion.
    base: String,
}

/// HTTPS, or plain HTTP to this computer only (the demo and the tests).
pub fn check_endpoint(endpoint: &str) -> Result<String, OutboxError> {
    let url = url::Url::parse(endpoint)
        .map_err(|_| OutboxError::Config("the endpoint is not a URL".into()))?;
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d == "localhost",
        None => false,
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        _ => {
            return Err(OutboxError::Config(
                "an endpoint must be HTTPS unless it is on this computer".into(),
            ));
        }
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(OutboxError::Config(
            "an endpoint has no query or fragment".into(),
        ));
    }
    Ok(endpoint.trim_end_matches('/').to_owned())
}

fn network(e: reqwest::Error) -> OutboxError {
    // reqwest's message names the URL, which holds ids only; the kind is what matters.
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else if e.is_body() || e.is_decode() {
        "the answer broke off"
    } else {
        "the connection failed"
    };
    OutboxError::Network(kind.to_owned())
}

fn retry_after(headers: &header::HeaderMap) -> Option<u64> {
    // Seconds only: the API sends no HTTP dates (docs/municipal-api.openapi.yaml).
    headers
        .get(header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

impl Api {
    pub fn new(endpoint: &str, timeouts: Timeouts) -> Result<Api, OutboxError> {
        let base = check_endpoint(endpoint)?;
        let http = reqwest::Client::builder()
            .connect_timeout(timeouts.connect)
            .timeout(timeouts.request)
            // The API never redirects; following one could carry an assertion elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .https_only(base.starts_with("https:"))
            .user_agent(concat!("Amtsweg/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| OutboxError::Config(format!("the HTTP client: {e}")))?;
        Ok(Api { http, base })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    async fn call(
        &self,
        method: Method,
        path: &str,
        who: Option<&Installation>,
        body: Option<Body<'_>>,
    ) -> Result<(StatusCode, header::HeaderMap, Vec<u8>), OutboxError> {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(who) = who {
            request = request.bearer_auth(who.assertion(&self.base, now())?);
        }
        request = match body {
            Some(Body::Json(v)) => request.json(v),
            Some(Body::Jose(text)) => request
                .header(header::CONTENT_TYPE, "application/jose")
                .body(text.to_owned()),
            None => request,
        };
        let answer = request.send().await.map_err(network)?;
        let status = answer.status();
        let headers = answer.headers().clone();
        let bytes = answer.bytes().await.map_err(network)?;
        Ok((status, headers, bytes.to_vec()))
    }

    /// The answer as `T` when `status` is one the operation succeeds with; else its
    /// problem.
    fn expect<T: for<'de> Deserialize<'de>>(
        answer: (StatusCode, header::HeaderMap, Vec<u8>),
        ok: &[u16],
    ) -> Result<(StatusCode, T), OutboxError> {
        let (status, headers, bytes) = answer;
        if ok.contains(&status.as_u16()) {
            let value = serde_json::from_slice(&bytes).map_err(|_| {
                OutboxError::Garbage(format!("the answer ({status}) is not what the API sends"))
            })?;
            return Ok((status, value));
        }
        Err(problem(status, &headers, &bytes))
    }

    /// `POST /v1/installations`: registers this installation's key (idempotent).
    pub async fn register(&self, me: &Installation) -> Result<(), OutboxError> {
        let body = json!({"jwk": me.public_jwk()});
        let answer = self
            .call(
                Method::POST,
                "/v1/installations",
                Some(me),
                Some(Body::Json(&body)),
            )
            .await?;
        let (_, value): (_, Value) = Self::expect(answer, &[200, 201])?;
        if value.get("installationId").and_then(Value::as_str) != Some(me.id()) {
            return Err(OutboxError::Garbage(
                "the registration names another installation".into(),
            ));
        }
        Ok(())
    }

    /// `GET /v1/routes`: the destinations for a LeiKa key in a region.
    pub async fn routes(&self, leika_key: &str, ars: &str) -> Result<Vec<Route>, OutboxError> {
        if !(leika_key.len() == 14 && leika_key.bytes().all(|b| b.is_ascii_digit())) {
            return Err(OutboxError::Config("a LeiKa key has 14 digits".into()));
        }
        if !(ars.len() == 12 && ars.bytes().all(|b| b.is_ascii_digit())) {
            return Err(OutboxError::Config("an ARS has 12 digits".into()));
        }
        #[derive(Deserialize)]
        struct Routes {
            routes: Vec<Route>,
        }
        let answer = self
            .call(
                Method::GET,
                &format!("/v1/routes?leikaKey={leika_key}&ars={ars}"),
                None,
                None,
            )
            .await?;
        let (_, routes): (_, Routes) = Self::expect(answer, &[200])?;
        for r in &routes.routes {
            check_uuid(&r.destination_id)?;
            check_token(&r.encryption_kid)?;
        }
        Ok(routes.routes)
    }

    /// `GET /v1/destinations/{id}/keys/{kid}`: the destination's encryption key as sent
    /// (checked by `destination::check_key` before use).
    pub async fn destination_key(&self, route: &Route) -> Result<Value, OutboxError> {
        check_uuid(&route.destination_id)?;
        check_token(&route.encryption_kid)?;
        let answer = self
            .call(
                Method::GET,
                &format!(
                    "/v1/destinations/{}/keys/{}",
                    route.destination_id, route.encryption_kid
                ),
                None,
                None,
            )
            .await?;
        Ok(Self::expect(answer, &[200])?.1)
    }

    /// `POST /v1/submissions`: announces the submission and its files.
    pub async fn create(
        &self,
        me: &Installation,
        destination_id: &str,
        announced: &[&str],
        service: &ServiceType,
    ) -> Result<Created, OutboxError> {
        let body = json!({
            "destinationId": destination_id,
            "announcedAttachments": announced,
            "serviceType": {"name": service.name, "identifier": service.identifier},
        });
        let answer = self
            .call(
                Method::POST,
                "/v1/submissions",
                Some(me),
                Some(Body::Json(&body)),
            )
            .await?;
        let (_, created): (_, Created) = Self::expect(answer, &[201])?;
        check_uuid(&created.submission_id)?;
        check_uuid(&created.case_id)?;
        Ok(created)
    }

    /// `PUT /v1/submissions/{id}/attachments/{attachmentId}`: one file's JWE (replaces an
    /// earlier upload of the same id).
    pub async fn upload(
        &self,
        me: &Installation,
        submission_id: &str,
        attachment_id: &str,
        jwe: &str,
    ) -> Result<(), OutboxError> {
        check_uuid(submission_id)?;
        check_uuid(attachment_id)?;
        let (status, headers, bytes) = self
            .call(
                Method::PUT,
                &format!("/v1/submissions/{submission_id}/attachments/{attachment_id}"),
                Some(me),
                Some(Body::Jose(jwe)),
            )
            .await?;
        if status == StatusCode::NO_CONTENT {
            return Ok(());
        }
        Err(problem(status, &headers, &bytes))
    }

    /// `PUT /v1/submissions/{id}`: submits metadata and data.
    pub async fn submit(
        &self,
        me: &Installation,
        submission_id: &str,
        metadata_jwe: &str,
        data_jwe: &str,
    ) -> Result<SubmitOutcome, OutboxError> {
        check_uuid(submission_id)?;
        let body = json!({"encryptedMetadata": metadata_jwe, "encryptedData": data_jwe});
        let answer = self
            .call(
                Method::PUT,
                &format!("/v1/submissions/{submission_id}"),
                Some(me),
                Some(Body::Json(&body)),
            )
            .await?;
        match Self::expect::<Value>(answer, &[200]) {
            Ok((_, value)) => {
                if value.get("submissionId").and_then(Value::as_str) != Some(submission_id)
                    || value.get("status").and_then(Value::as_str) != Some("submitted")
                {
                    return Err(OutboxError::Garbage(
                        "the submit's answer names another submission or status".into(),
                    ));
                }
                Ok(SubmitOutcome::Submitted)
            }
            Err(OutboxError::Refused {
                status: 409, name, ..
            }) if name == "already-submitted" => Ok(SubmitOutcome::AlreadySubmitted),
            Err(e) => Err(e),
        }
    }

    /// `GET /v1/submissions/{id}`.
    pub async fn submission(
        &self,
        me: &Installation,
        submission_id: &str,
    ) -> Result<SubmissionState, OutboxError> {
        check_uuid(submission_id)?;
        let answer = self
            .call(
                Method::GET,
                &format!("/v1/submissions/{submission_id}"),
                Some(me),
                None,
            )
            .await?;
        Ok(Self::expect(answer, &[200])?.1)
    }

    /// `GET /v1/cases/{caseId}/events`: the event tokens as sent, unverified.
    pub async fn events(
        &self,
        me: &Installation,
        case_id: &str,
    ) -> Result<Vec<String>, OutboxError> {
        check_uuid(case_id)?;
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct EventLog {
            event_log: Vec<String>,
        }
        let answer = self
            .call(
                Method::GET,
                &format!("/v1/cases/{case_id}/events"),
                Some(me),
                None,
            )
            .await?;
        let (_, log): (_, EventLog) = Self::expect(answer, &[200])?;
        Ok(log.event_log)
    }

    /// `GET /.well-known/jwks.json`: the keys that sign the event tokens.
    pub async fn event_keys(&self) -> Result<Value, OutboxError> {
        let answer = self
            .call(Method::GET, "/.well-known/jwks.json", None, None)
            .await?;
        Ok(Self::expect(answer, &[200])?.1)
    }
}

enum Body<'a> {
    Json(&'a Value),
    Jose(&'a str),
}

/// A non-success answer: the API's problem by name, or garbage.
fn problem(status: StatusCode, headers: &header::HeaderMap, bytes: &[u8]) -> OutboxError {
    let retry_after = retry_after(headers);
    let is_problem = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/problem+json"));
    let parsed: Option<Value> = if is_problem {
        serde_json::from_slice(bytes).ok()
    } else {
        None
    };
    let name = parsed
        .as_ref()
        .and_then(|p| p.get("type"))
        .and_then(Value::as_str)
        .and_then(|t| t.strip_prefix(PROBLEM_PREFIX))
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
    match name {
        Some(name) => OutboxError::Refused {
            status: status.as_u16(),
            name: name.to_owned(),
            retry_after,
        },
        // A proxy's or gateway's own answer (503 from a load balancer, 429 from a
        // firewall) is not the API's, but its status still says "later".
        None if status.as_u16() == 429 || status.is_server_error() || status.as_u16() == 408 => {
            OutboxError::Refused {
                status: status.as_u16(),
                name: "unavailable".into(),
                retry_after,
            }
        }
        None => OutboxError::Garbage(format!("an answer {status} that is not the API's")),
    }
}

fn check_uuid(id: &str) -> Result<(), OutboxError> {
    let ok = id.len() == 36
        && id.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
        });
    if ok {
        Ok(())
    } else {
        Err(OutboxError::Garbage("an id that is not a UUID".into()))
    }
}

/// A key id goes into a path: base64url characters only.
fn check_token(kid: &str) -> Result<(), OutboxError> {
    if !kid.is_empty()
        && kid.len() <= 128
        && kid
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        Ok(())
    } else {
        Err(OutboxError::Garbage(
            "a key id with other characters".into(),
        ))
    }
}

pub(crate) fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_are_https_or_this_computer() {
        assert_eq!(
            check_endpoint("https://amt.example/api/").expect("https"),
            "https://amt.example/api"
        );
        assert!(check_endpoint("http://127.0.0.1:8787").is_ok());
        assert!(check_endpoint("http://[::1]:8787/").is_ok());
        assert!(check_endpoint("http://localhost:8787").is_ok());
        for bad in [
            "http://amt.example",
            "http://127.0.0.1.example.com",
            "ftp://127.0.0.1",
            "https://amt.example/?a=1",
            "not a url",
        ] {
            assert!(
                matches!(check_endpoint(bad), Err(OutboxError::Config(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_problem_is_named_and_anything_else_is_garbage_or_later() {
        let mut h = header::HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            "application/problem+json".parse().expect("header"),
        );
        h.insert(header::RETRY_AFTER, "7".parse().expect("header"));
        let e = problem(
            StatusCode::TOO_MANY_REQUESTS,
            &h,
            br#"{"type":"urn:amtsweg:problem:rate-limited","title":"x","status":429}"#,
        );
        assert!(
            matches!(&e, OutboxError::Refused { status: 429, name, retry_after: Some(7) } if name == "rate-limited"),
            "{e:?}"
        );
        let e = problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            &h,
            br#"{"type":"https://example.org/other","status":422}"#,
        );
        assert!(matches!(e, OutboxError::Garbage(_)), "{e:?}");
        let e = problem(
            StatusCode::SERVICE_UNAVAILABLE,
            &header::HeaderMap::new(),
            b"<html>",
        );
        assert!(
            matches!(&e, OutboxError::Refused { status: 503, name, retry_after: None } if name == "unavailable"),
            "{e:?}"
        );
        let e = problem(StatusCode::NOT_FOUND, &header::HeaderMap::new(), b"<html>");
        assert!(matches!(e, OutboxError::Garbage(_)), "{e:?}");
    }

    #[test]
    fn ids_that_go_into_paths_are_checked() {
        assert!(check_uuid("33aa9686-ccd0-4028-b380-528e4aca1b9d").is_ok());
        assert!(check_uuid("../../etc/passwd-0000-0000-000000000000").is_err());
        assert!(check_uuid("33AA9686-CCD0-4028-B380-528E4ACA1B9D").is_err());
        assert!(check_token("-DyKxFLKGlv6OjWRbFph9aFw_5XJvJ-lHlJhP94pvBM").is_ok());
        assert!(check_token("a/b").is_err());
    }
}
