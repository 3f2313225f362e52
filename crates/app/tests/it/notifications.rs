//! The OS notifications of what happened to an application, against the reference
//! municipal server in-process on loopback: one when it is sent (with its case number),
//! one for each decision of the clerk, none for failed tries, in the citizen's language.
//! The scripted host records what the OS would show.
//!
//! The server and the dog tax draft are made as in `applications.rs` (a copy: the two
//! modules are changed by different hands at the moment; to be shared in `support.rs`).

use std::net::SocketAddr;
use std::sync::OnceLock;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use amtsweg_app::core::{ApplicationsConfig, OutboxTiming, VaultChoice};
use amtsweg_app::events::AppEvent;
use amtsweg_app::host::Notification;
use amtsweg_municipal_api::{Config, serve};
use serde_json::{Value, json};

use crate::support::{Harness, config, dog_tax_draft, harness};

const DEMO_ARS: &str = "066990999999";
/// The demo municipality's name in the bundled directory.
const DEMO_MUNICIPALITY: &str = "Musterstadt (Demo)";
/// Only ends a test that would otherwise hang; no assertion depends on it.
const HANG_LIMIT: Duration = Duration::from_secs(60);

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
        runtime.block_on(ready_rx).expect("the server became ready");
        TestServer {
            data,
            stop: Some(stop_tx),
        }
    }

    fn decide(&self, case_id: &str, decision: &str, reason: Option<&str>) {
        amtsweg_municipal_api::decide(self.data.path(), case_id, decision, reason)
            .expect("decided");
    }
}

fn free_address() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("address")
}

/// The app in the system language `system` with the demo municipality, sending to
/// `addr` with retries in milliseconds.
fn app_sending_to(
    dir: &std::path::Path,
    system: &str,
    addr: SocketAddr,
) -> (Harness, Receiver<AppEvent>) {
    app_with_vault(dir, system, addr, VaultChoice::InMemory)
}

fn app_with_vault(
    dir: &std::path::Path,
    system: &str,
    addr: SocketAddr,
    vault: VaultChoice,
) -> (Harness, Receiver<AppEvent>) {
    let mut config = config(dir, system, None);
    config.vault = vault;
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

/// A submitted dog tax registration (the shared completed draft); its application id.
fn submit_dog_tax(app: &Harness) -> String {
    let draft = dog_tax_draft(app, "Bello");
    let submitted = app.ok("submit_application", json!({ "draftId": draft }));
    submitted["applicationId"].as_str().expect("id").to_owned()
}

/// The one application listed.
fn the_application(app: &Harness) -> Value {
    let view = app.ok("list_applications", json!({}));
    let listed = view["applications"].as_array().expect("applications");
    assert_eq!(listed.len(), 1, "{view:#}");
    listed[0].clone()
}

/// Waits on the core's events (the worker's reports are the clock) until the one
/// application passes `want`; returns it.
fn wait_for(app: &Harness, events: &Receiver<AppEvent>, want: impl Fn(&Value) -> bool) -> Value {
    loop {
        let application = the_application(app);
        if want(&application) {
            return application;
        }
        events
            .recv_timeout(HANG_LIMIT)
            .unwrap_or_else(|e| panic!("no event while waiting: {e}; {application:#}"));
    }
}

fn status_is(status: &'static str) -> impl Fn(&Value) -> bool {
    move |a| a["status"]["status"] == status
}

/// The text without Fluent's isolation marks around each argument.
fn plain(text: &str) -> String {
    text.replace(['\u{2068}', '\u{2069}'], "")
}

fn plain_notification(n: &Notification) -> (String, String) {
    (plain(&n.title), plain(&n.body))
}

/// The notifications once the outbox's thread has shown `count` (it shows them just
/// before the event that woke the test, or just after).
fn notified(app: &Harness, count: usize) -> Vec<(String, String)> {
    app.host
        .wait_for_notified(count, HANG_LIMIT)
        .iter()
        .map(plain_notification)
        .collect()
}

#[test]
fn a_sent_application_tells_once_with_its_case_number_and_each_decision_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let addr = free_address();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = TestServer::start(&runtime, addr);
    let (app, events) = app_sending_to(dir.path(), "en-US", addr);
    submit_dog_tax(&app);

    let sent = wait_for(&app, &events, status_is("submitted"));
    let case_id = sent["caseId"].as_str().expect("case id").to_owned();
    assert_eq!(
        notified(&app, 1),
        [(
            "Application sent".to_owned(),
            format!(
                "Your application \"Register a dog for dog tax\" was sent to \
                 {DEMO_MUNICIPALITY}. Case number: {case_id}"
            )
        )]
    );

    server.decide(&case_id, "accept", None);
    wait_for(&app, &events, status_is("accepted"));
    // Polled many times in between (every 100 ms): still one "sent", then the decision.
    let shown = notified(&app, 2);
    assert_eq!(shown.len(), 2, "{shown:#?}");
    assert_eq!(shown[1].0, "Application accepted");
    assert_eq!(
        shown[1].1,
        format!(
            "{DEMO_MUNICIPALITY} accepted your application \"Register a dog for dog tax\". \
             Case number: {case_id}"
        )
    );
}

#[test]
fn failed_tries_tell_nothing_and_the_send_that_follows_tells_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let addr = free_address();
    let (app, events) = app_sending_to(dir.path(), "en-US", addr);
    submit_dog_tax(&app);

    // Each failed try is reported (an event); three of them, with no server.
    let mut failures = 0;
    while failures < 3 {
        events.recv_timeout(HANG_LIMIT).expect("a try");
        if the_application(&app)["status"]["lastError"].is_string() {
            failures += 1;
        }
    }
    assert_eq!(app.host.notified(), []);

    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let _server = TestServer::start(&runtime, addr);
    let sent = wait_for(&app, &events, status_is("submitted"));
    let shown = notified(&app, 1);
    assert_eq!(shown.len(), 1, "{shown:#?}");
    assert_eq!(shown[0].0, "Application sent");
    assert!(
        shown[0]
            .1
            .ends_with(sent["caseId"].as_str().expect("case id")),
        "{shown:#?}"
    );
}

#[test]
fn the_texts_are_in_the_citizen_s_language_and_a_rejection_gives_its_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let addr = free_address();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = TestServer::start(&runtime, addr);
    let (app, events) = app_sending_to(dir.path(), "de-DE", addr);
    submit_dog_tax(&app);

    let sent = wait_for(&app, &events, status_is("submitted"));
    let case_id = sent["caseId"].as_str().expect("case id").to_owned();
    assert_eq!(
        notified(&app, 1),
        [(
            "Antrag gesendet".to_owned(),
            format!(
                "Ihr Antrag „Hund zur Hundesteuer anmelden“ wurde an {DEMO_MUNICIPALITY} \
                 gesendet. Aktenzeichen: {case_id}"
            )
        )]
    );

    server.decide(
        &case_id,
        "reject",
        Some("Der Nachweis\nder Haftpflicht fehlt."),
    );
    wait_for(&app, &events, status_is("rejected"));
    let shown = notified(&app, 2);
    assert_eq!(shown.len(), 2, "{shown:#?}");
    assert_eq!(
        shown[1],
        (
            "Antrag abgelehnt".to_owned(),
            format!(
                "{DEMO_MUNICIPALITY} hat Ihren Antrag „Hund zur Hundesteuer anmelden“ \
                 abgelehnt. Aktenzeichen: {case_id}. Grund: Der Nachweis der Haftpflicht fehlt."
            )
        )
    );
}

#[test]
fn a_restart_that_finds_the_application_sent_tells_nothing_again() {
    const PASSPHRASE: &str = "correct horse battery staple 42";
    let dir = tempfile::tempdir().expect("temp dir");
    let on_disk = || VaultChoice::NoKeychain {
        dir: dir.path().join("vault"),
    };
    let addr = free_address();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = TestServer::start(&runtime, addr);
    let (app, events) = app_with_vault(dir.path(), "en-US", addr, on_disk());
    app.ok(
        "use_passphrase_keys",
        json!({ "passphrase": PASSPHRASE, "confirmation": PASSPHRASE }),
    );
    submit_dog_tax(&app);
    wait_for(&app, &events, status_is("submitted"));
    assert_eq!(notified(&app, 1).len(), 1);
    app.core.applications().quit();
    drop(app);

    // The next start polls the case with the server gone: each failed poll is reported
    // (an event), with the status it had.
    drop(server);
    let (app, events) = app_with_vault(dir.path(), "en-US", addr, on_disk());
    app.ok("unlock_vault", json!({ "passphrase": PASSPHRASE }));
    let mut failed_polls = 0;
    while failed_polls < 3 {
        if matches!(
            events.recv_timeout(HANG_LIMIT).expect("a poll"),
            AppEvent::ApplicationsChanged
        ) {
            failed_polls += 1;
        }
    }
    assert_eq!(the_application(&app)["status"]["status"], "submitted");
    assert_eq!(app.host.notified(), []);
}
