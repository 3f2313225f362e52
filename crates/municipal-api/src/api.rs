//! The routes of the municipal API and their handlers. Handlers are thin: they parse,
//! authenticate, call the store or `receive`, and answer JSON or a problem.

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path as UrlPath, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use governor::clock::{Clock, DefaultClock};
use serde_json::{Value, json};

use crate::auth;
use crate::keys::ServerKeys;
use crate::problem::{Problem, ProblemKind};
use crate::receive;
use crate::services;
use crate::store::{Store, SubmissionRow, Submitted};
use crate::{Config, MunicipalApiError, Server};

type Answer = Result<Response, Problem>;
type Shared = State<Arc<Server>>;

const EVENT_PREFIX: &str = "https://schema.fitko.de/fit-connect/events/";
const MAX_ATTACHMENTS: usize = 100;

fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

fn internal(error: MunicipalApiError) -> Problem {
    tracing::error!(%error, "internal error");
    Problem::new(ProblemKind::Internal)
}

impl From<MunicipalApiError> for Problem {
    fn from(error: MunicipalApiError) -> Self {
        internal(error)
    }
}

fn json_answer(status: StatusCode, body: Value) -> Response {
    (status, axum::Json(body)).into_response()
}

fn uuid(text: &str, what: &str) -> Result<String, Problem> {
    uuid::Uuid::parse_str(text)
        .map(|u| u.hyphenated().to_string())
        .map_err(|_| {
            Problem::with(
                ProblemKind::MalformedRequest,
                format!("{what} must be a UUID"),
            )
        })
}

fn body(body: Result<Bytes, BytesRejection>) -> Result<Bytes, Problem> {
    body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Problem::new(ProblemKind::BodyTooLarge)
        } else {
            Problem::with(ProblemKind::MalformedRequest, "the body could not be read")
        }
    })
}

fn media_type_is(headers: &HeaderMap, expected: &str) -> Result<(), Problem> {
    let media_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    if media_type.as_deref() == Some(expected) {
        Ok(())
    } else {
        Err(Problem::with(
            ProblemKind::UnsupportedMediaType,
            format!("expected {expected}"),
        ))
    }
}

fn json_body(headers: &HeaderMap, bytes: Result<Bytes, BytesRejection>) -> Result<Value, Problem> {
    let bytes = body(bytes)?;
    media_type_is(headers, "application/json")?;
    match serde_json::from_slice(&bytes) {
        Ok(value @ Value::Object(_)) => Ok(value),
        _ => Err(Problem::with(
            ProblemKind::MalformedRequest,
            "the body must be a JSON object",
        )),
    }
}

/// Builds the shared state: store, keys, destination, catalog, limits.
pub(crate) fn prepare(config: Config, public_url: String) -> Result<Server, MunicipalApiError> {
    let store = Store::open(&config.data)?;
    store.set_meta("public_url", &public_url)?;
    let files = services::catalog_files()?;
    let id = store.meta_or_insert("destination", || uuid::Uuid::new_v4().to_string())?;
    let destination = services::destination(&files, &config.ars, id)?;
    let keys = ServerKeys::load_or_make(&config.data, &destination.name)?;
    let catalog = match (&config.catalog, &config.catalog_key) {
        (Some(path), _) => Some(std::fs::read(path)?),
        (None, Some(key_path)) => {
            let text = zeroize::Zeroizing::new(std::fs::read_to_string(key_path)?);
            let key = amtsweg_catalog::parse_signing_key(&text)?;
            // Each start is newer than the last: the sequence is the start time.
            let sequence = u64::try_from(now()).unwrap_or(1);
            Some(amtsweg_catalog::sign(&files, sequence, &key).into_bytes())
        }
        (None, None) => None,
    };
    let expired = store.expire_announced(i64::from(config.announced_hours) * 3600)?;
    if expired > 0 {
        tracing::info!(
            expired,
            "announced submissions that were never submitted expired"
        );
    }
    let per_minute = NonZeroU32::new(config.calls_per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
    Ok(Server {
        metadata_schema: services::metadata_validator()?,
        calls: governor::RateLimiter::keyed(governor::Quota::per_minute(per_minute)),
        public_url,
        keys,
        destination,
        catalog,
        store: std::sync::Mutex::new(store),
        config,
    })
}

pub(crate) fn router(server: Arc<Server>) -> Router {
    let json_limit = DefaultBodyLimit::max(server.config.json_limit);
    Router::new()
        .route("/v1/routes", get(routes))
        .route("/v1/destinations/{destination}", get(destination))
        .route(
            "/v1/destinations/{destination}/keys/{kid}",
            get(destination_key),
        )
        .route("/.well-known/jwks.json", get(jwks))
        .route("/v1/catalog", get(catalog))
        .route("/v1/installations", post(register).layer(json_limit))
        .route("/v1/submissions", post(create).layer(json_limit))
        .route(
            "/v1/submissions/{submission}",
            get(submission_status)
                .put(submit)
                .layer(DefaultBodyLimit::max(server.config.submit_limit)),
        )
        .route(
            "/v1/submissions/{submission}/attachments/{attachment}",
            put(upload).layer(DefaultBodyLimit::max(server.config.attachment_limit)),
        )
        .route("/v1/cases/{case}/events", get(events))
        .fallback(|| async { Problem::new(ProblemKind::NotFound) })
        .method_not_allowed_fallback(|| async { Problem::new(ProblemKind::MethodNotAllowed) })
        .layer(middleware::from_fn_with_state(server.clone(), limits))
        .with_state(server)
}

/// Every request within the time limit, logged by route and outcome only: never a body,
/// a header's value or a query (a query names a place, no more, but logs stay minimal).
async fn limits(State(server): Shared, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response =
        match tokio::time::timeout(server.config.request_timeout, next.run(request)).await {
            Ok(response) => response,
            Err(_) => Problem::new(ProblemKind::RequestTimeout).into_response(),
        };
    tracing::info!(%method, %path, status = response.status().as_u16(), "request");
    response
}

fn digits(v: Option<&str>, n: usize) -> Option<&str> {
    v.filter(|v| v.len() == n && v.bytes().all(|b| b.is_ascii_digit()))
}

async fn routes(State(server): Shared, RawQuery(query): RawQuery) -> Answer {
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    let find = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let leika = digits(find("leikaKey"), 14).ok_or_else(|| {
        Problem::with(ProblemKind::MalformedRequest, "leikaKey must be 14 digits")
    })?;
    let ars = digits(find("ars"), 12)
        .ok_or_else(|| Problem::with(ProblemKind::MalformedRequest, "ars must be 12 digits"))?;
    let d = &server.destination;
    let routes: Vec<Value> = if d.ars == ars && d.offers_leika(leika) {
        vec![json!({
            "destinationId": d.id,
            "destinationName": d.name,
            "encryptionKid": server.keys.destination_kid,
        })]
    } else {
        Vec::new()
    };
    Ok(json_answer(
        StatusCode::OK,
        json!({ "count": routes.len(), "routes": routes }),
    ))
}

fn our_destination<'s>(server: &'s Server, id: &str) -> Result<&'s services::Destination, Problem> {
    let id = uuid(id, "destinationId")?;
    if id == server.destination.id {
        Ok(&server.destination)
    } else {
        Err(Problem::new(ProblemKind::DestinationUnknown))
    }
}

async fn destination(State(server): Shared, UrlPath(id): UrlPath<String>) -> Answer {
    let d = our_destination(&server, &id)?;
    let services: Vec<Value> = d
        .services
        .iter()
        .map(|s| {
            json!({
                "identifier": s.identifier,
                "name": s.name,
                "regions": [d.ars],
                "submissionSchemas": [{ "schemaUri": s.schema_uri, "mimeType": "application/json" }],
            })
        })
        .collect();
    Ok(json_answer(
        StatusCode::OK,
        json!({
            "destinationId": d.id,
            "status": "active",
            "encryptionKid": server.keys.destination_kid,
            "metadataVersions": [services::METADATA_VERSION],
            "services": services,
        }),
    ))
}

async fn destination_key(
    State(server): Shared,
    UrlPath((id, kid)): UrlPath<(String, String)>,
) -> Answer {
    our_destination(&server, &id)?;
    if kid != server.keys.destination_kid {
        return Err(Problem::new(ProblemKind::KeyNotFound));
    }
    Ok(json_answer(
        StatusCode::OK,
        server.keys.destination_jwk.clone(),
    ))
}

async fn jwks(State(server): Shared) -> Response {
    json_answer(StatusCode::OK, json!({ "keys": [server.keys.events_jwk] }))
}

async fn catalog(State(server): Shared) -> Answer {
    let bytes = server
        .catalog
        .clone()
        .ok_or(ProblemKind::CatalogNotPublished)?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        bytes,
    )
        .into_response())
}

/// Checks the assertion of an authenticated call and spends its `jti`; returns the
/// installation id.
fn authenticate(server: &Server, headers: &HeaderMap) -> Result<String, Problem> {
    let token = auth::bearer(headers)?;
    let kid = auth::key_id(token)?;
    let x = server
        .store
        .lock()
        .map_err(|_| ProblemKind::Internal)?
        .installation_key(&kid)?
        .ok_or(ProblemKind::InstallationUnknown)?;
    let assertion = auth::verify(token, &x, &server.public_url, now())?;
    // Counted after the signature is checked, so nobody can spend another's budget.
    if let Err(not_until) = server.calls.check_key(&assertion.installation) {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        return Err(Problem::new(ProblemKind::RateLimited).retry_after(wait.as_secs() + 1));
    }
    spend(server, &assertion)?;
    Ok(assertion.installation)
}

fn spend(server: &Server, assertion: &auth::Assertion) -> Result<(), Problem> {
    let fresh = server
        .store
        .lock()
        .map_err(|_| ProblemKind::Internal)?
        .use_assertion(&assertion.jti, assertion.exp)?;
    if fresh {
        Ok(())
    } else {
        Err(Problem::with(
            ProblemKind::AssertionInvalid,
            "this jti was used before",
        ))
    }
}

/// Whose registration this is: the peer, or behind a trusted proxy on this computer the
/// address the proxy appended last to `X-Forwarded-For` (what came before it is the
/// client's own claim and could be anything).
fn source_address(config: &Config, peer: SocketAddr, headers: &HeaderMap) -> String {
    if config.trust_forwarded_for && peer.ip().is_loopback() {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .next_back()
            .and_then(|a| a.trim().parse::<std::net::IpAddr>().ok());
        if let Some(address) = forwarded {
            return address.to_string();
        }
    }
    peer.ip().to_string()
}

async fn register(
    State(server): Shared,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    bytes: Result<Bytes, BytesRejection>,
) -> Answer {
    let token = auth::bearer(&headers)?;
    let body = json_body(&headers, bytes)?;
    let x = auth::registration_key(&body)?;
    let id = crate::jose::ed25519_thumbprint(&x);
    if auth::key_id(token)? != id {
        return Err(Problem::with(
            ProblemKind::AssertionInvalid,
            "kid must be the thumbprint of the key registered",
        ));
    }
    // Proof of possession: the key being registered signed this call.
    let assertion = auth::verify(token, &x, &server.public_url, now())?;
    spend(&server, &assertion)?;
    let source = source_address(&server.config, peer, &headers);
    let store = server.store.lock().map_err(|_| ProblemKind::Internal)?;
    if store.installation_key(&id)?.is_none() {
        let since = now() - 3600;
        let (count, oldest) = store.registrations_since(&source, since)?;
        if count >= server.config.registrations_per_hour {
            let wait = oldest.map_or(3600, |t| (t + 3600 - now()).max(1));
            return Err(
                Problem::new(ProblemKind::RegistrationLimited).retry_after(wait.unsigned_abs())
            );
        }
    }
    let (at, new) = store.register(&id, &x, &source)?;
    drop(store);
    if new {
        tracing::info!(installation = %id, "installation registered");
    }
    let registered_at = jiff::Timestamp::from_second(at)
        .map(|t| t.to_string())
        .unwrap_or_default();
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(json_answer(
        status,
        json!({ "installationId": id, "registeredAt": registered_at }),
    ))
}

async fn create(
    State(server): Shared,
    headers: HeaderMap,
    bytes: Result<Bytes, BytesRejection>,
) -> Answer {
    let installation = authenticate(&server, &headers)?;
    let body = json_body(&headers, bytes)?;
    let malformed = |why: &str| Problem::with(ProblemKind::MalformedRequest, why);
    let destination_id = body
        .get("destinationId")
        .and_then(Value::as_str)
        .ok_or_else(|| malformed("destinationId is missing"))?;
    let destination = our_destination(&server, destination_id)?;
    let announced: Vec<String> = body
        .get("announcedAttachments")
        .and_then(Value::as_array)
        .ok_or_else(|| malformed("announcedAttachments must be an array"))?
        .iter()
        .map(|v| {
            v.as_str()
                .ok_or_else(|| malformed("announcedAttachments holds UUIDs"))
                .and_then(|s| uuid(s, "an attachment id"))
        })
        .collect::<Result<_, _>>()?;
    let unique: std::collections::BTreeSet<&String> = announced.iter().collect();
    if unique.len() != announced.len() || announced.len() > MAX_ATTACHMENTS {
        return Err(malformed(
            "announcedAttachments must hold at most 100 different ids",
        ));
    }
    let service_type = body
        .get("serviceType")
        .ok_or_else(|| malformed("serviceType is missing"))?;
    let identifier = service_type
        .get("identifier")
        .and_then(Value::as_str)
        .ok_or_else(|| malformed("serviceType.identifier is missing"))?;
    let name = service_type
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let service = destination.service(identifier).ok_or_else(|| {
        Problem::with(
            ProblemKind::ServiceNotOffered,
            format!("{identifier} is not offered here"),
        )
    })?;
    let row = SubmissionRow {
        id: uuid::Uuid::new_v4().to_string(),
        case_id: uuid::Uuid::new_v4().to_string(),
        installation,
        destination: destination.id.clone(),
        service_identifier: service.identifier.clone(),
        announced,
        uploaded: Vec::new(),
        submitted: false,
        decision: None,
    };
    {
        let store = server.store.lock().map_err(|_| ProblemKind::Internal)?;
        store.expire_announced(i64::from(server.config.announced_hours) * 3600)?;
        store.create_submission(&row, name)?;
    }
    tracing::info!(submission = %row.id, case = %row.case_id, "submission announced");
    Ok(json_answer(
        StatusCode::CREATED,
        json!({ "submissionId": row.id, "caseId": row.case_id, "destinationId": row.destination }),
    ))
}

/// The installation's own submission; another's is answered as unknown, so ids cannot
/// be probed.
fn own_submission(server: &Server, installation: &str, id: &str) -> Result<SubmissionRow, Problem> {
    let id = uuid(id, "submissionId")?;
    server
        .store
        .lock()
        .map_err(|_| ProblemKind::Internal)?
        .submission(&id)?
        .filter(|s| s.installation == installation)
        .ok_or_else(|| Problem::new(ProblemKind::SubmissionUnknown))
}

async fn submission_status(
    State(server): Shared,
    headers: HeaderMap,
    UrlPath(id): UrlPath<String>,
) -> Answer {
    let installation = authenticate(&server, &headers)?;
    let s = own_submission(&server, &installation, &id)?;
    Ok(json_answer(
        StatusCode::OK,
        json!({
            "submissionId": s.id,
            "caseId": s.case_id,
            "destinationId": s.destination,
            "status": if s.submitted { "submitted" } else { "announced" },
            "announcedAttachments": s.announced,
            "uploadedAttachments": s.uploaded,
        }),
    ))
}

async fn upload(
    State(server): Shared,
    headers: HeaderMap,
    UrlPath((id, attachment)): UrlPath<(String, String)>,
    bytes: Result<Bytes, BytesRejection>,
) -> Answer {
    let installation = authenticate(&server, &headers)?;
    let bytes = body(bytes)?;
    media_type_is(&headers, "application/jose")?;
    let s = own_submission(&server, &installation, &id)?;
    let attachment = uuid(&attachment, "attachmentId")?;
    if s.submitted {
        return Err(Problem::new(ProblemKind::AlreadySubmitted));
    }
    if !s.announced.contains(&attachment) {
        return Err(Problem::new(ProblemKind::AttachmentNotAnnounced));
    }
    let jwe = std::str::from_utf8(&bytes)
        .map_err(|_| Problem::with(ProblemKind::DecryptionFailed, "not a compact JWE"))?
        .trim();
    crate::jose::jwe_key_id(jwe, &server.keys.destination_kid).map_err(receive::refusal)?;
    server
        .store
        .lock()
        .map_err(|_| ProblemKind::Internal)?
        .put_attachment(&s.id, &attachment, jwe)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn submit(
    State(server): Shared,
    headers: HeaderMap,
    UrlPath(id): UrlPath<String>,
    bytes: Result<Bytes, BytesRejection>,
) -> Answer {
    let installation = authenticate(&server, &headers)?;
    let body = json_body(&headers, bytes)?;
    let s = own_submission(&server, &installation, &id)?;
    if s.submitted {
        return Err(Problem::new(ProblemKind::AlreadySubmitted));
    }
    let part = |name: &str| {
        body.get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| {
                Problem::with(ProblemKind::MalformedRequest, format!("{name} is missing"))
            })
    };
    let encrypted_metadata = part("encryptedMetadata")?;
    let encrypted_data = part("encryptedData")?;
    let missing: Vec<&String> = s
        .announced
        .iter()
        .filter(|a| !s.uploaded.contains(a))
        .collect();
    if !missing.is_empty() {
        return Err(Problem::with(
            ProblemKind::AttachmentsMissing,
            format!(
                "not uploaded: {}",
                missing
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    let attachments = server
        .store
        .lock()
        .map_err(|_| ProblemKind::Internal)?
        .attachment_jwes(&s.id)?;
    // RSA decryption and schema checks are CPU work: off the async workers.
    let worker = server.clone();
    let result = tokio::task::spawn_blocking(move || {
        let server = worker;
        let service = server
            .destination
            .service(&s.service_identifier)
            .ok_or(ProblemKind::ServiceNotOffered)?;
        let received = receive::receive(
            &server.keys.destination,
            &server.keys.destination_kid,
            &server.metadata_schema,
            service,
            &s,
            &receive::Sealed {
                metadata: &encrypted_metadata,
                data: &encrypted_data,
                attachments: &attachments,
            },
        )?;
        let (event, _) = event_token(
            &server.keys,
            &server.public_url,
            &s,
            "submit-submission",
            json!({}),
        )?;
        let done = server
            .store
            .lock()
            .map_err(|_| ProblemKind::Internal)?
            .submit(
                &s.id,
                &s.case_id,
                &Submitted {
                    encrypted_metadata: &encrypted_metadata,
                    encrypted_data: &encrypted_data,
                    metadata: &received.metadata,
                    data: &received.data,
                    attachments: received.attachments,
                    event: &event,
                },
            )?;
        if !done {
            return Err(Problem::new(ProblemKind::AlreadySubmitted));
        }
        tracing::info!(submission = %s.id, case = %s.case_id, "submission submitted");
        Ok::<_, Problem>(json_answer(
            StatusCode::OK,
            json!({ "submissionId": s.id, "caseId": s.case_id, "status": "submitted" }),
        ))
    })
    .await
    .map_err(|_| Problem::new(ProblemKind::Internal))?;
    if let Err(problem) = &result {
        tracing::info!(submission = %id, problem = problem.kind.name(), "submission refused");
    }
    result
}

async fn events(
    State(server): Shared,
    headers: HeaderMap,
    UrlPath(case_id): UrlPath<String>,
) -> Answer {
    let installation = authenticate(&server, &headers)?;
    let case_id = uuid(&case_id, "caseId")?;
    let store = server.store.lock().map_err(|_| ProblemKind::Internal)?;
    store
        .submission_by_case(&case_id)?
        .filter(|s| s.installation == installation)
        .ok_or(ProblemKind::CaseUnknown)?;
    let log = store.events(&case_id)?;
    Ok(json_answer(
        StatusCode::OK,
        json!({ "count": log.len(), "eventLog": log }),
    ))
}

/// A Security Event Token (RFC 8417) about `submission`, signed PS512.
/// Returns the token and its `jti`.
fn event_token(
    keys: &ServerKeys,
    issuer: &str,
    submission: &SubmissionRow,
    event: &str,
    payload: Value,
) -> Result<(String, String), Problem> {
    let jti = uuid::Uuid::new_v4().to_string();
    let claims = json!({
        "iss": issuer,
        "iat": now(),
        "jti": jti,
        "sub": format!("submission:{}", submission.id),
        "txn": format!("case:{}", submission.case_id),
        "events": { format!("{EVENT_PREFIX}{event}"): payload },
    });
    crate::jose::sign_ps512(&keys.events, &keys.events_kid, "secevent+jwt", &claims)
        .map(|token| (token, jti))
        .map_err(|_| Problem::new(ProblemKind::Internal))
}

/// The clerk's decision (see [`crate::decide`]).
pub(crate) fn decide(
    data: &Path,
    case_id: &str,
    decision: &str,
    reason: Option<&str>,
) -> Result<String, MunicipalApiError> {
    let (event, payload) = match (decision, reason) {
        ("forward", _) => ("forward-submission", json!({})),
        ("accept", _) => ("accept-submission", json!({})),
        ("reject", Some(reason)) => (
            "reject-submission",
            json!({ "problems": [{
                "type": "urn:amtsweg:problem:rejected",
                "title": "Rejected",
                "detail": reason,
            }]}),
        ),
        ("reject", None) => {
            return Err(MunicipalApiError::Refused(
                "a rejection needs a reason".into(),
            ));
        }
        _ => {
            return Err(MunicipalApiError::Refused(format!(
                "unknown decision {decision:?}"
            )));
        }
    };
    let mut store = Store::open(data)?;
    let submission = store
        .submission_by_case(case_id)?
        .filter(|s| s.submitted)
        .ok_or_else(|| {
            MunicipalApiError::Refused(format!("no submitted application has case {case_id}"))
        })?;
    let files = services::catalog_files()?;
    let destination_id =
        store.meta_or_insert("destination", || uuid::Uuid::new_v4().to_string())?;
    let name = services::destination(&files, crate::DEMO_ARS, destination_id)
        .map(|d| d.name)
        .unwrap_or_default();
    let keys = ServerKeys::load_or_make(data, &name)?;
    // The events of a case have one issuer: the URL the server published when it ran.
    let issuer = store.meta("public_url")?.ok_or_else(|| {
        MunicipalApiError::Refused("the server has not run on this data folder".into())
    })?;
    let (token, jti) = event_token(&keys, &issuer, &submission, event, payload)
        .map_err(|_| MunicipalApiError::Keys("cannot sign the event".into()))?;
    if !store.decide(case_id, decision, &token)? {
        return Err(MunicipalApiError::Refused(format!(
            "case {case_id} was already {}",
            submission.decision.unwrap_or_else(|| "decided".into())
        )));
    }
    Ok(jti)
}

pub(crate) fn show(data: &Path, id: &str) -> Result<Value, MunicipalApiError> {
    let store = Store::open(data)?;
    let submission = store
        .submission(id)?
        .ok_or_else(|| MunicipalApiError::Refused(format!("no submission {id}")))?;
    let (metadata, data, attachments) = store.received(id)?.unwrap_or_default();
    let parse = |text: &str| serde_json::from_str::<Value>(text).unwrap_or(Value::Null);
    Ok(json!({
        "submissionId": submission.id,
        "caseId": submission.case_id,
        "status": if submission.submitted { "submitted" } else { "announced" },
        "decision": submission.decision,
        "metadata": parse(&metadata),
        "data": parse(&data),
        "attachments": attachments.iter().map(|(id, content)| json!({
            "attachmentId": id,
            "size": content.len(),
            "sha512": crate::jose::sha512_hex(content),
        })).collect::<Vec<_>>(),
    }))
}
