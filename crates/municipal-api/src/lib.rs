//! The reference server of Amtsweg's municipal API: the subset of the FIT-Connect
//! Submission API v1 and Routing API that the app speaks, plus our additions (the signed
//! catalog, installations that authenticate with their own device key). It plays both
//! the municipality's relay and the destination authority, so that tests prove end to
//! end that what a citizen typed arrives, decrypts and validates; and it serves the demo
//! municipality that `make run` starts beside the app.
//!
//! The API is written down in `docs/municipal-api.openapi.yaml`; what a municipality runs
//! and publishes in `docs/municipalities.md`.

mod api;
mod auth;
mod jose;
mod keys;
mod problem;
mod receive;
mod services;
mod store;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use keys::{DEMO_CA_CERT, make_demo_ca};
pub use problem::{Problem, ProblemKind};
pub use services::DEMO_ARS;

/// This crate's one error type: what stops the server or a command. Refusals of a
/// request are [`Problem`]s, answered to the caller, not errors of the server.
#[derive(Debug, thiserror::Error)]
pub enum MunicipalApiError {
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("key error: {0}")]
    Keys(String),
    #[error("catalog error: {0}")]
    Catalog(#[from] amtsweg_catalog::CatalogError),
    #[error("configuration error: {0}")]
    Config(String),
    #[error("{0}")]
    Refused(String),
}

/// How the server runs; every limit is a flag, so tests run them small.
#[derive(Debug, Clone)]
pub struct Config {
    pub data: PathBuf,
    pub bind: SocketAddr,
    /// The base URL as published (the audience of assertions, the issuer of events);
    /// `http://<bound address>` when not given.
    pub public_url: Option<String>,
    /// Sign the bundled catalog with this publisher key file at start.
    pub catalog_key: Option<PathBuf>,
    /// Or serve this signed catalog package as it is.
    pub catalog: Option<PathBuf>,
    pub ars: String,
    pub registrations_per_hour: u32,
    pub calls_per_minute: u32,
    pub announced_hours: u32,
    pub request_timeout: Duration,
    pub json_limit: usize,
    pub submit_limit: usize,
    pub attachment_limit: usize,
}

impl Config {
    pub fn new(data: PathBuf) -> Self {
        Config {
            data,
            bind: SocketAddr::from(([127, 0, 0, 1], 8787)),
            public_url: None,
            catalog_key: None,
            catalog: None,
            ars: DEMO_ARS.to_owned(),
            registrations_per_hour: 10,
            calls_per_minute: 120,
            announced_hours: 24,
            request_timeout: Duration::from_secs(60),
            json_limit: 64 * 1024,
            submit_limit: 2 * 1024 * 1024,
            attachment_limit: 16 * 1024 * 1024,
        }
    }
}

/// Everything a request handler shares.
#[derive(Debug)]
pub(crate) struct Server {
    pub config: Config,
    pub public_url: String,
    pub keys: keys::ServerKeys,
    pub destination: services::Destination,
    pub metadata_schema: jsonschema::Validator,
    pub store: Mutex<store::Store>,
    pub catalog: Option<Vec<u8>>,
    pub calls: governor::DefaultKeyedRateLimiter<String>,
}

/// Makes the keys and the database of a data folder (the `init` command); tests make
/// the slow RSA keys once and copy `keys/` into each fresh folder.
pub fn init(data: &std::path::Path, ars: &str) -> Result<(), MunicipalApiError> {
    let store = store::Store::open(data)?;
    let files = services::catalog_files()?;
    let id = store.meta_or_insert("destination", || uuid::Uuid::new_v4().to_string())?;
    let destination = services::destination(&files, ars, id)?;
    keys::ServerKeys::load_or_make(data, &destination.name)?;
    Ok(())
}

/// Binds, then serves until `shutdown` resolves. Calls `ready` with the bound address
/// once requests are accepted.
pub async fn serve(
    config: Config,
    ready: impl FnOnce(SocketAddr, &str),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), MunicipalApiError> {
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    let address = listener.local_addr()?;
    let public_url = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{address}"))
        .trim_end_matches('/')
        .to_owned();
    let server = Arc::new(api::prepare(config, public_url.clone())?);
    let router = api::router(server);
    ready(address, &public_url);
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await?;
    Ok(())
}

/// The clerk decides a case: `forward`, `accept` or `reject` (with a reason). Issues the
/// event token; returns its `jti`.
pub fn decide(
    data: &std::path::Path,
    case_id: &str,
    decision: &str,
    reason: Option<&str>,
    issuer: &str,
) -> Result<String, MunicipalApiError> {
    api::decide(data, case_id, decision, reason, issuer)
}

/// What arrived for a submission, decrypted (the `show` command): for demos and tests,
/// printed on the clerk's terminal, never logged.
pub fn show(
    data: &std::path::Path,
    submission: &str,
) -> Result<serde_json::Value, MunicipalApiError> {
    api::show(data, submission)
}
