//! "Submit" and "My applications" against the reference municipal server, in-process on
//! loopback: an application submitted offline waits, is sent by the worker once the
//! server listens (no further command), and follows the clerk's decision.

use std::net::SocketAddr;
use std::sync::OnceLock;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use amtsweg_app::core::{ApplicationsConfig, OutboxTiming};
use amtsweg_app::events::AppEvent;
use amtsweg_municipal_api::{Config, serve};
use serde_json::{Value, json};

use crate::support::{Harness, config, dog_tax_draft_answered, harness};

const DEMO_ARS: &str = "066990999999";

/// The server's slow RSA-4096 keys, made once per test binary and copied into each
/// server's data folder.
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

/// A reference server on `addr` with a fresh data folder, running on `runtime`.
struct TestServer {
    data: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl TestServer {
    fn start(runtime: &tokio::runtime::Runtime, addr: SocketAddr) -> TestServer {
        let data = tempfile::tempdir().expect("temp dir");
        let keys = data.path().join("keys");
        std::fs::create_dir_all(&keys).expect("keys dir");
        for entry in std::fs::read_dir(key_template().join("keys")).expect("template") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), keys.join(entry.file_name())).expect("copy key");
        }
        let mut config = Config::new(data.path().to_path_buf());
        config.bind = addr;
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        runtime.spawn(async move {
            serve(
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
        let url = runtime.block_on(ready_rx).expect("the server became ready");
        assert_eq!(url, format!("http://{addr}"));
        TestServer {
            data,
            stop: Some(stop_tx),
        }
    }

    fn submissions(&self) -> Vec<Value> {
        amtsweg_municipal_api::list(self.data.path()).expect("list")
    }
}

/// A loopback address no one listens on yet (the server starts on it later).
fn free_address() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("address")
}

/// The app with the demo municipality, sending to `addr` with retries in milliseconds.
fn app_sending_to(dir: &std::path::Path, addr: SocketAddr) -> (Harness, Receiver<AppEvent>) {
    let mut config = config(dir, "en-US", None);
    config.applications = ApplicationsConfig {
        timing: Some(OutboxTiming {
            connect: Duration::from_millis(500),
            request: Duration::from_secs(5),
            backoff_min: Duration::from_millis(20),
            backoff_max: Duration::from_millis(200),
            poll_interval: Duration::from_millis(100),
        }),
        endpoint: Some(format!("http://{addr}")),
    };
    let app = harness(config);
    let events = app.core.take_events().expect("the events");
    app.ok("complete_first_start", json!({}));
    app.ok("choose_municipality", json!({ "ars": DEMO_ARS }));
    (app, events)
}

/// A dog tax registration of Erika Mustermann and her dog Bello answered up to
/// `pages_answered` pages (all eight: check your answers); its draft id.
fn dog_tax_draft(app: &Harness, pages_answered: usize) -> String {
    dog_tax_draft_answered(app, "Mustermann", "Bello", pages_answered)
}

/// The one application listed.
fn the_application(app: &Harness) -> Value {
    let view = app.ok("list_applications", json!({}));
    let listed = view["applications"].as_array().expect("applications");
    assert_eq!(listed.len(), 1, "{view:#}");
    listed[0].clone()
}

/// Waits on the core's events (the worker's reports are the clock) until the one
/// application's status is `status`; returns it. The timeout only ends a test that would
/// otherwise hang.
fn wait_for_status(app: &Harness, events: &Receiver<AppEvent>, status: &str) -> Value {
    loop {
        let application = the_application(app);
        if application["status"]["status"] == status {
            return application;
        }
        let event = events
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|e| {
                panic!("no event while waiting for {status}: {e}; {application:#}")
            });
        // Any event may be the one: the list is asked again.
        let _ = event;
    }
}

fn draft_ids(app: &Harness) -> Vec<String> {
    app.ok("list_drafts", json!({}))["drafts"]
        .as_array()
        .expect("drafts")
        .iter()
        .map(|d| d["draftId"].as_str().expect("id").to_owned())
        .collect()
}

#[test]
fn an_application_submitted_offline_waits_and_is_sent_once_when_the_server_starts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let addr = free_address();
    let (app, events) = app_sending_to(dir.path(), addr);
    let draft = dog_tax_draft(&app, 8);
    assert!(draft_ids(&app).contains(&draft));

    let submitted = app.ok("submit_application", json!({ "draftId": draft }));
    assert_eq!(submitted["status"]["status"], "waiting", "{submitted:#}");
    let id = submitted["applicationId"].as_str().expect("id").to_owned();
    // The draft left "My drafts" and this session.
    assert!(!draft_ids(&app).contains(&draft));
    let gone = app
        .invoke("draft_screen", json!({ "draftId": draft }))
        .expect_err("the draft is gone");
    assert_eq!(gone["code"], "error-unknown-draft", "{gone:#}");

    // The worker tried without a server: still waiting, saying why.
    let waiting = wait_for_status(&app, &events, "waiting");
    assert_eq!(waiting["applicationId"], id.as_str());
    assert_eq!(waiting["procedureId"], "dog-tax-registration");
    assert_eq!(waiting["title"], "Register a dog for dog tax");
    assert_eq!(
        waiting["applicationDate"],
        jiff::ZonedDateTime::now().date().to_string()
    );
    assert!(waiting["caseId"].is_null(), "{waiting:#}");
    assert!(waiting["receivedMs"].is_null(), "{waiting:#}");
    // The indicator, once a try failed: one waiting, and nobody answered.
    let mut tried = waiting.clone();
    while tried["status"]["lastError"].is_null() {
        events
            .recv_timeout(Duration::from_secs(60))
            .expect("an event while waiting for a failed try");
        tried = the_application(&app);
    }
    assert_eq!(tried["status"]["lastError"], "network", "{tried:#}");
    let view = app.ok("list_applications", json!({}));
    assert_eq!(view["waiting"], 1, "{view:#}");
    assert_eq!(view["connection"], "offline", "{view:#}");
    assert_eq!(
        view["waitingText"],
        "One application is waiting to be sent."
    );
    assert_eq!(
        tried["statusText"],
        "Waiting to be sent: the municipality cannot be reached right now"
    );
    assert_eq!(tried["municipality"], "Musterstadt (Demo)");

    // The municipality's server comes up: the worker sends without being asked.
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = TestServer::start(&runtime, addr);
    let sent = wait_for_status(&app, &events, "submitted");
    let at_server = server.submissions();
    let submitted_there: Vec<&Value> = at_server
        .iter()
        .filter(|s| s["status"] == "submitted")
        .collect();
    assert_eq!(submitted_there.len(), 1, "{at_server:#?}");
    assert_eq!(sent["caseId"], submitted_there[0]["caseId"], "{sent:#}");
    assert_eq!(sent["status"]["caseId"], sent["caseId"]);
    assert_eq!(
        submitted_there[0]["service"],
        "urn:de:fim:leika:leistung:99102013104000"
    );
    let view = app.ok("list_applications", json!({}));
    assert_eq!(view["waiting"], 0, "{view:#}");
    assert_eq!(view["connection"], "online", "{view:#}");
    assert_eq!(view["waitingText"], "No application is waiting to be sent.");
    assert_eq!(sent["statusText"], "Sent");
}

#[test]
fn the_citizen_s_copy_of_a_sent_application_names_its_case_and_when_it_was_received() {
    let dir = tempfile::tempdir().expect("temp dir");
    let addr = free_address();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let _server = TestServer::start(&runtime, addr);
    let (app, events) = app_sending_to(dir.path(), addr);
    let draft = dog_tax_draft(&app, 8);
    let id = app.ok("submit_application", json!({ "draftId": draft }))["applicationId"]
        .as_str()
        .expect("id")
        .to_owned();
    let mut sent = wait_for_status(&app, &events, "submitted");
    // The time of receipt comes with the submit's event, fetched right after it.
    while sent["receivedMs"].is_null() {
        events
            .recv_timeout(Duration::from_secs(60))
            .expect("an event while waiting for the receipt");
        sent = the_application(&app);
    }
    let received_ms = sent["receivedMs"].as_i64().expect("ms");
    let now_ms = jiff::Timestamp::now().as_millisecond();
    assert!(
        (now_ms - 600_000..=now_ms).contains(&received_ms),
        "{sent:#}"
    );
    let case_id = sent["caseId"].as_str().expect("case id").to_owned();

    // "Download PDF": the draft is gone, the application kept what the copy shows.
    let chosen = dir.path().join("copy.pdf");
    app.host.answer(Some(chosen.clone()));
    let done = app.ok(
        "download_sent_application_pdf",
        json!({ "applicationId": id }),
    );
    assert_eq!(done["fileName"], "copy.pdf", "{done:#}");
    let text = crate::printouts::pdftotext(&chosen);
    assert!(text.contains(&case_id), "{text}");
    assert!(text.contains("Received by the authority"), "{text}");
    assert!(text.contains("Eingegangen bei der Behörde"), "{text}");
    assert!(text.contains("Bello"), "{text}");
    assert!(
        text.contains(&jiff::ZonedDateTime::now().date().to_string()),
        "{text}"
    );
    assert!(!text.contains("Wird beim Senden vergeben"), "{text}");

    // "Print": the same copy handed to the viewer; a cancelled download writes nothing.
    let printed = app.ok("print_sent_application", json!({ "applicationId": id }));
    let opened = app.host.opened();
    assert_eq!(opened.len(), 1);
    assert!(crate::printouts::pdftotext(&opened[0]).contains(&case_id));
    assert!(
        printed["message"]
            .as_str()
            .expect("message")
            .contains(".pdf")
    );
    app.host.answer(None);
    let cancelled = app.ok(
        "download_sent_application_pdf",
        json!({ "applicationId": id }),
    );
    assert!(cancelled.is_null(), "{cancelled:#}");
}

#[test]
fn the_clerk_s_acceptance_reaches_my_applications_at_the_next_poll() {
    let dir = tempfile::tempdir().expect("temp dir");
    let addr = free_address();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = TestServer::start(&runtime, addr);
    let (app, events) = app_sending_to(dir.path(), addr);
    let draft = dog_tax_draft(&app, 8);
    app.ok("submit_application", json!({ "draftId": draft }));
    let sent = wait_for_status(&app, &events, "submitted");
    let case_id = sent["caseId"].as_str().expect("case id").to_owned();

    amtsweg_municipal_api::decide(server.data.path(), &case_id, "accept", None).expect("decided");
    let accepted = wait_for_status(&app, &events, "accepted");
    assert_eq!(accepted["caseId"], case_id.as_str());
    assert_eq!(accepted["statusText"], "Accepted");
    assert_eq!(accepted["status"]["caseId"], case_id.as_str());
}

#[test]
fn an_incomplete_draft_is_not_submitted_and_nothing_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (app, _events) = app_sending_to(dir.path(), free_address());
    let draft = dog_tax_draft(&app, 3);
    let before = app.ok("list_drafts", json!({}));

    let refused = app
        .invoke("submit_application", json!({ "draftId": draft }))
        .expect_err("refused");
    assert_eq!(refused["code"], "procedure-error-incomplete", "{refused:#}");
    assert!(
        !refused["message"].as_str().expect("message").is_empty(),
        "{refused:#}"
    );
    assert_eq!(app.ok("list_drafts", json!({})), before);
    assert_eq!(
        app.ok("list_applications", json!({}))["applications"],
        json!([])
    );
    // The draft is still open where the citizen left it.
    app.ok("draft_screen", json!({ "draftId": draft }));
}
