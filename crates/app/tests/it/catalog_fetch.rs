//! The municipality's signed catalog fetched from its server (`GET /v1/catalog`): the
//! reference municipal server in-process on loopback signs the bundled catalog with the
//! committed test key at start (as `make run` does); fixed packages (tampered, expired,
//! too old) come from a small server that answers every request with the same bytes.
//!
//! The core's own thread may try as well once the municipality is chosen; both ways
//! verify and store alike, so these tests assert what is kept and what the next start
//! uses, and read the log of the try they make themselves ([`CatalogFetch::fetch_now`]).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::OnceLock;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use amtsweg_app::core::{ApplicationsConfig, CatalogFetched, MINIMUM_CATALOG_SEQUENCE};
use amtsweg_app::events::AppEvent;
use amtsweg_catalog::{CatalogFiles, sign_until};
use serde_json::{Value, json};

use crate::signed_catalogs::test_key;
use crate::support::{Harness, config, harness};
use crate::thread_log::logged_on_this_thread;

const DEMO_ARS: &str = "066990999999";

fn repo() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The server's slow RSA-4096 keys, made once per test binary.
fn key_template() -> &'static std::path::Path {
    static TEMPLATE: OnceLock<tempfile::TempDir> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            amtsweg_municipal_api::init(dir.path(), DEMO_ARS).expect("init");
            dir
        })
        .path()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime")
}

/// The reference server on `addr`, signing the bundled catalog with the test key at
/// start; stopped when dropped.
struct ReferenceServer {
    _data: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for ReferenceServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl ReferenceServer {
    fn start(runtime: &tokio::runtime::Runtime, addr: SocketAddr) -> Self {
        let data = tempfile::tempdir().expect("temp dir");
        let keys = data.path().join("keys");
        std::fs::create_dir_all(&keys).expect("keys dir");
        for entry in std::fs::read_dir(key_template().join("keys")).expect("template") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), keys.join(entry.file_name())).expect("copy key");
        }
        let mut config = amtsweg_municipal_api::Config::new(data.path().to_path_buf());
        config.bind = addr;
        config.catalog_key =
            Some(repo().join("crates/catalog/test-keys/test-publisher.TEST-ONLY-NOT-SECRET.key"));
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        runtime.spawn(async move {
            amtsweg_municipal_api::serve(
                config,
                move |_, url| {
                    let _ = ready_tx.send(url.to_owned());
                },
                async move {
                    let _ = stop_rx.await;
                },
            )
            .await
            .expect("the server runs");
        });
        runtime.block_on(ready_rx).expect("the server became ready");
        Self {
            _data: data,
            stop: Some(stop_tx),
        }
    }
}

/// `GET {base}{path}` as any client sees it: status and body.
fn get(runtime: &tokio::runtime::Runtime, url: String) -> (u16, Vec<u8>) {
    runtime.block_on(async {
        let answer = reqwest::get(url).await.expect("an answer");
        let status = answer.status().as_u16();
        (status, answer.bytes().await.expect("a body").to_vec())
    })
}

/// A server that answers every request on its address with `200` and `body`, for as
/// long as the test binary runs (its thread waits in `accept`).
fn serving(body: Vec<u8>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let addr = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            // The request ends with its empty line; a GET has no body.
            let mut request = Vec::new();
            let mut byte = [0u8; 1];
            while !request.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                request.push(byte[0]);
            }
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    addr
}

/// A loopback address no one listens on yet.
fn free_address() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("address")
}

fn bundled() -> CatalogFiles {
    CatalogFiles::from_folder(&repo()).expect("the repository's catalog")
}

/// The bundled catalog signed as number `sequence`, valid from an hour ago until
/// `expires_in` from now (negative: expired).
fn package(sequence: u64, expires_in: jiff::SignedDuration) -> Vec<u8> {
    let now = jiff::Timestamp::now();
    let created = now
        .checked_sub(jiff::SignedDuration::from_hours(1))
        .expect("time");
    let expires = now.checked_add(expires_in).expect("time");
    sign_until(&bundled(), sequence, &test_key(), created, expires).into_bytes()
}

fn valid(sequence: u64) -> Vec<u8> {
    package(sequence, jiff::SignedDuration::from_hours(24))
}

/// The stored last good package, if any.
fn stored(dir: &std::path::Path) -> Option<Vec<u8>> {
    std::fs::read(dir.join("data/catalog/catalog.signed.json")).ok()
}

/// The app with the demo municipality chosen, asking `addr` for everything (optionally
/// taking over the catalog file `offered` at start).
fn app_asking(
    dir: &std::path::Path,
    addr: SocketAddr,
    offered: Option<std::path::PathBuf>,
) -> (Harness, Receiver<AppEvent>) {
    let mut config = config(dir, "en-US", None);
    config.catalog_file = offered;
    config.applications = ApplicationsConfig {
        endpoint: Some(format!("http://{addr}")),
        ..ApplicationsConfig::default()
    };
    let app = harness(config);
    let events = app.core.take_events().expect("the events");
    app.ok("complete_first_start", json!({}));
    app.ok("choose_municipality", json!({ "ars": DEMO_ARS }));
    (app, events)
}

/// A start on the same folders without a server (nothing to ask).
fn next_start(dir: &std::path::Path) -> Harness {
    let app = harness(config(dir, "en-US", None));
    app.ok("complete_first_start", json!({}));
    app
}

/// Whether the municipality's server answered last, as "My applications" shows it
/// (once the vault is open: its opening is the event waited for).
fn connection(app: &Harness, events: &Receiver<AppEvent>) -> Value {
    loop {
        match app.invoke("list_applications", json!({})) {
            Ok(view) => return view["connection"].clone(),
            Err(_) => {
                events
                    .recv_timeout(Duration::from_secs(60))
                    .expect("the vault opens");
            }
        }
    }
}

#[test]
fn the_municipalitys_catalog_is_fetched_kept_and_used_from_the_next_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let runtime = runtime();
    let addr = free_address();
    let _server = ReferenceServer::start(&runtime, addr);
    let (status, served) = get(&runtime, format!("http://{addr}/v1/catalog"));
    assert_eq!(status, 200);
    let sequence = amtsweg_catalog::verify(&served, &amtsweg_catalog::TrustedKeys::pinned(), None)
        .expect("the server's catalog verifies")
        .sequence();

    let (app, events) = app_asking(dir.path(), addr, None);
    let fetched = app.core.catalog_fetch().fetch_now();
    // The core's own thread may have kept it a moment earlier: then it is unchanged.
    assert!(
        fetched == CatalogFetched::Stored { sequence } || fetched == CatalogFetched::Unchanged,
        "{fetched:?}"
    );
    assert_eq!(stored(dir.path()).as_deref(), Some(served.as_slice()));
    assert_eq!(
        app.core.catalog_fetch().fetch_now(),
        CatalogFetched::Unchanged
    );
    assert_eq!(connection(&app, &events), "online");
    // Not swapped under the running app: the bundled catalog stays in use until then.
    assert_eq!(app.core.catalog().signed_sequence(), None);
    drop(app);

    let again = next_start(dir.path());
    assert_eq!(again.core.catalog().signed_sequence(), Some(sequence));
}

/// Starts the app with the last good catalog `last_good` (when given) taken over at start,
/// serves `offered` and fetches it once; the outcome and what the fetch logged.
fn fetching(
    dir: &std::path::Path,
    last_good: Option<&[u8]>,
    offered: Vec<u8>,
) -> (CatalogFetched, String) {
    let file = last_good.map(|bytes| {
        let path = dir.join("last-good.json");
        std::fs::write(&path, bytes).expect("write");
        path
    });
    let (app, _events) = app_asking(dir, serving(offered), file);
    assert_eq!(
        stored(dir).as_deref(),
        last_good,
        "the last good catalog before the fetch"
    );
    let mut fetched = None;
    let log = logged_on_this_thread(|| fetched = Some(app.core.catalog_fetch().fetch_now()));
    (fetched.expect("fetched"), log)
}

fn assert_refused(fetched: &CatalogFetched, log: &str, reason: &str) {
    assert_eq!(
        fetched,
        &CatalogFetched::Refused {
            reason: leak(reason)
        }
    );
    assert!(log.contains("catalog-fetch-refused"), "{log}");
    assert!(log.contains(&format!("reason=\"{reason}\"")), "{log}");
    // The package's own text never reaches the log.
    assert!(!log.contains("dog-tax-registration-title"), "{log}");
    assert!(!log.contains("signature"), "{log}");
}

fn leak(reason: &str) -> &'static str {
    Box::leak(reason.to_owned().into_boxed_str())
}

#[test]
fn a_tampered_catalog_is_refused_and_the_last_good_one_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let last_good = valid(100);
    // One byte of a text changed after signing: "dog" becomes "cog".
    let text = String::from_utf8(valid(200)).expect("UTF-8");
    let tampered = text.replacen("Register a dog", "Register a cog", 1);
    assert_ne!(tampered, text, "the text to change is in the package");
    let (fetched, log) = fetching(dir.path(), Some(&last_good), tampered.into_bytes());
    assert_refused(&fetched, &log, "altered");
    assert_eq!(stored(dir.path()), Some(last_good));
}

#[test]
fn an_expired_catalog_is_refused_and_the_last_good_one_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let last_good = valid(100);
    let expired = package(200, jiff::SignedDuration::from_mins(-1));
    let (fetched, log) = fetching(dir.path(), Some(&last_good), expired);
    assert_refused(&fetched, &log, "expired");
    assert_eq!(stored(dir.path()), Some(last_good));
}

#[test]
fn a_catalog_older_than_the_last_good_one_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let last_good = valid(100);
    let (fetched, log) = fetching(dir.path(), Some(&last_good), valid(99));
    assert_refused(&fetched, &log, "not-newer");
    assert_eq!(stored(dir.path()), Some(last_good));
}

#[test]
fn a_catalog_below_the_minimum_sequence_is_refused_on_a_fresh_installation() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = valid(MINIMUM_CATALOG_SEQUENCE - 1);
    let (fetched, log) = fetching(dir.path(), None, old);
    assert_refused(&fetched, &log, "below-minimum");
    assert_eq!(stored(dir.path()), None);
    assert_eq!(
        next_start(dir.path()).core.catalog().signed_sequence(),
        None
    );
}

#[test]
fn without_a_server_nothing_changes_and_the_app_is_offline_until_it_answers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let runtime = runtime();
    let addr = free_address();
    let (app, events) = app_asking(dir.path(), addr, None);

    let mut fetched = None;
    let log = logged_on_this_thread(|| fetched = Some(app.core.catalog_fetch().fetch_now()));
    assert_eq!(fetched, Some(CatalogFetched::Unreachable));
    assert!(log.contains("catalog-fetch-unreachable"), "{log}");
    assert_eq!(stored(dir.path()), None);
    assert_eq!(connection(&app, &events), "offline");

    let _server = ReferenceServer::start(&runtime, addr);
    let fetched = app.core.catalog_fetch().fetch_now();
    assert!(
        matches!(
            fetched,
            CatalogFetched::Stored { .. } | CatalogFetched::Unchanged
        ),
        "{fetched:?}"
    );
    assert!(stored(dir.path()).is_some());
    assert_eq!(connection(&app, &events), "online");
}

#[test]
fn nothing_is_asked_before_a_municipality_is_chosen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let addr = serving(valid(100));
    let mut config = config(dir.path(), "en-US", None);
    config.applications.endpoint = Some(format!("http://{addr}"));
    let app = harness(config);
    assert_eq!(
        app.core.catalog_fetch().fetch_now(),
        CatalogFetched::NothingToAsk
    );
    assert_eq!(stored(dir.path()), None);
}

#[test]
fn the_demo_catalog_names_the_root_the_reference_servers_destination_key_chains_to() {
    let dir = tempfile::tempdir().expect("temp dir");
    let runtime = runtime();
    let addr = free_address();
    let _server = ReferenceServer::start(&runtime, addr);
    let (app, _events) = app_asking(dir.path(), addr, None);
    let roots = app.core.catalog().destination_roots();
    assert_eq!(roots.len(), 1, "the demo municipality names its authority");

    // Only the catalog's roots: not the demo authority that test builds add themselves.
    let anchors = amtsweg_outbox::TrustAnchors::from_pem(&roots.join("\n")).expect("roots");
    let api = amtsweg_outbox::Api::new(&format!("http://{addr}"), Default::default()).expect("api");
    let (route, jwk) = runtime.block_on(async {
        let routes = api
            .routes("99102013104000", DEMO_ARS)
            .await
            .expect("routes");
        let route = routes.into_iter().next().expect("a route");
        let jwk = api.destination_key(&route).await.expect("the key");
        (route, jwk)
    });
    let now = jiff::Timestamp::now().as_second().unsigned_abs();
    amtsweg_outbox::check_key(&jwk, &route.encryption_kid, &anchors, now)
        .expect("the destination key chains to the catalog's root");
    // Without a root from the catalog, the same key is refused.
    assert!(
        amtsweg_outbox::check_key(
            &jwk,
            &route.encryption_kid,
            &amtsweg_outbox::TrustAnchors::none(),
            now
        )
        .is_err()
    );

    // Another municipality's roots are not the chosen one's: Kassel names none.
    app.ok("choose_municipality", json!({ "ars": "066110000000" }));
    assert!(app.core.catalog().destination_roots().is_empty());
}
