//! "My data" with applications (issue 19, point 5): an export with a sent and a waiting
//! application, "Delete all" (refused with their number until the citizen confirms a
//! second time), an import: both are back, the waiting one is sent exactly once, and the
//! sent one is still followed — the import adopted the installation that handed it over.
//! Against the reference municipal server, in-process on loopback, stopped and started
//! again on the same data folder.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use amtsweg_app::core::{ApplicationsConfig, OutboxTiming};
use amtsweg_app::events::AppEvent;
use amtsweg_municipal_api::{Config, serve};
use serde_json::{Value, json};

use crate::support::{Harness, config, harness};

const DEMO_ARS: &str = "066990999999";
const PASSPHRASE: &str = "correct horse battery staple";

/// The server's slow RSA-4096 keys, made once per test binary (this file's own copy).
fn key_template() -> &'static Path {
    static TEMPLATE: OnceLock<tempfile::TempDir> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            amtsweg_municipal_api::init(dir.path(), DEMO_ARS).expect("init");
            dir
        })
        .path()
}

/// The reference server's data folder, and the server while it runs on `addr`.
struct Municipality {
    data: tempfile::TempDir,
    addr: SocketAddr,
    runtime: tokio::runtime::Runtime,
    running: Option<(
        tokio::sync::oneshot::Sender<()>,
        tokio::task::JoinHandle<()>,
    )>,
}

impl Municipality {
    fn new() -> Municipality {
        let data = tempfile::tempdir().expect("temp dir");
        let keys = data.path().join("keys");
        std::fs::create_dir_all(&keys).expect("keys dir");
        for entry in std::fs::read_dir(key_template().join("keys")).expect("template") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), keys.join(entry.file_name())).expect("copy key");
        }
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        let addr = listener.local_addr().expect("address");
        drop(listener);
        Municipality {
            data,
            addr,
            runtime: tokio::runtime::Runtime::new().expect("runtime"),
            running: None,
        }
    }

    /// Starts the server on its address and data folder; returns once it listens.
    fn start(&mut self) {
        let mut config = Config::new(self.data.path().to_path_buf());
        config.bind = self.addr;
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let task = self.runtime.spawn(async move {
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
        let url = self
            .runtime
            .block_on(ready_rx)
            .expect("the server became ready");
        assert_eq!(url, format!("http://{}", self.addr));
        self.running = Some((stop_tx, task));
    }

    /// Stops the server and waits until it no longer listens (its data stays).
    fn stop(&mut self) {
        let (stop, task) = self.running.take().expect("running");
        let _ = stop.send(());
        self.runtime.block_on(task).expect("the server stopped");
    }

    fn submissions(&self) -> Vec<Value> {
        amtsweg_municipal_api::list(self.data.path()).expect("list")
    }
}

impl Drop for Municipality {
    fn drop(&mut self) {
        if let Some((stop, _)) = self.running.take() {
            let _ = stop.send(());
        }
    }
}

/// The app with the demo municipality and its vault on disk, sending to `addr` with
/// retries in milliseconds.
fn app_sending_to(dir: &Path, addr: SocketAddr) -> (Harness, Receiver<AppEvent>) {
    let mut config = config(dir, "en-US", None);
    config.vault = amtsweg_app::core::VaultChoice::NoKeychain {
        dir: dir.join("vault"),
    };
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
    // Drafts kept on disk under a passphrase: this computer has no keychain.
    app.ok(
        "use_passphrase_keys",
        json!({ "passphrase": PASSPHRASE, "confirmation": PASSPHRASE }),
    );
    app.ok("complete_first_start", json!({}));
    app.ok("choose_municipality", json!({ "ars": DEMO_ARS }));
    (app, events)
}

fn text(s: &str) -> Value {
    json!({ "text": s })
}

fn group(instances: Vec<Value>) -> Value {
    json!({ "group": instances })
}

/// A completed dog tax registration for the dog `dog`; its draft id.
fn dog_tax_draft(app: &Harness, dog: &str) -> String {
    let started = app.ok(
        "start_draft",
        json!({ "procedureId": "dog-tax-registration" }),
    );
    let draft = started["draftId"].as_str().expect("draft id").to_owned();
    let today = jiff::ZonedDateTime::now().date();
    let acquired = today
        .checked_sub(jiff::Span::new().days(10))
        .expect("date")
        .to_string();
    let pages = [
        (
            "name",
            json!({ "F00000045": text("Erika"), "F00000013": text("Mustermann") }),
        ),
        ("date-of-birth", json!({ "F99000001": text("1985-03-27") })),
        (
            "address",
            json!({ "G00000237": group(vec![json!({
                "G00000040": group(vec![json!({
                    "F00000053": text("Hauptstraße"), "F00000016": text("1") })]),
                "G00000113": group(vec![json!({
                    "F00000054": text("00000"), "F00000035": text("Musterstadt") })]),
            })]) }),
        ),
        ("contact", json!({})),
        (
            "start-date",
            json!({ "F99000004": text(&today.to_string()) }),
        ),
        (
            "dogs",
            json!({ "G99000001": group(vec![
                json!({ "F99000005": text(dog), "F99000006": text("mixed-breed"),
                        "F99000007": text(&acquired), "F99000008": text("no") }),
            ]) }),
        ),
        ("fee", json!({})),
        ("payment", json!({ "F99000012": text("no") })),
    ];
    for (page, answers) in pages {
        let outcome = app.ok(
            "continue_page",
            json!({ "draftId": draft, "pageId": page, "answers": answers }),
        );
        assert_eq!(outcome["outcome"], "next", "{page}: {outcome:#}");
    }
    draft
}

fn submit(app: &Harness, draft: &str) -> String {
    let submitted = app.ok("submit_application", json!({ "draftId": draft }));
    submitted["applicationId"].as_str().expect("id").to_owned()
}

/// The application `id` as "My applications" lists it (`Null`: not listed).
fn listed(app: &Harness, id: &str) -> Value {
    let view = app.ok("list_applications", json!({}));
    view["applications"]
        .as_array()
        .expect("applications")
        .iter()
        .find(|a| a["applicationId"] == id)
        .cloned()
        .unwrap_or(Value::Null)
}

/// Waits on the core's events (the worker's reports are the clock) until `done` holds
/// for application `id`; returns it. The deadline only ends a test that would otherwise
/// hang (a worker that fails at every poll reports each failure, so events alone never
/// stop coming).
fn wait_for(
    app: &Harness,
    events: &Receiver<AppEvent>,
    id: &str,
    what: &str,
    done: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    loop {
        let application = listed(app, id);
        if done(&application) {
            return application;
        }
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if let Err(e) = events.recv_timeout(left) {
            panic!("no {what}: {e}; {application:#}");
        }
    }
}

/// A message without Fluent's bidi isolation marks around its placeables.
fn plain(message: &Value) -> String {
    message
        .as_str()
        .expect("a message")
        .chars()
        .filter(|c| !matches!(c, '\u{2068}' | '\u{2069}'))
        .collect()
}

fn status_is(status: &'static str) -> impl Fn(&Value) -> bool {
    move |a| a["status"]["status"] == status
}

#[test]
fn a_sent_and_a_waiting_application_survive_export_delete_all_and_import_and_each_is_sent_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut municipality = Municipality::new();
    municipality.start();
    let (app, events) = app_sending_to(dir.path(), municipality.addr);

    // One application sent while the server listens…
    let sent_id = submit(&app, &dog_tax_draft(&app, "Bello"));
    let sent = wait_for(&app, &events, &sent_id, "submitted", status_is("submitted"));
    let sent_case = sent["caseId"].as_str().expect("case id").to_owned();
    // …and one submitted while it is down: it waits, the worker having tried.
    municipality.stop();
    let waiting_id = submit(&app, &dog_tax_draft(&app, "Luna"));
    wait_for(&app, &events, &waiting_id, "waiting after a try", |a| {
        a["status"]["status"] == "waiting" && a["status"]["lastError"] == "network"
    });

    // Export: both applications are in the file.
    let file = dir.path().join("export.amtsweg");
    app.host.answer(Some(file.clone()));
    let exported = app.ok(
        "export_my_data",
        json!({ "passphrase": PASSPHRASE, "confirmation": PASSPHRASE }),
    );
    assert_eq!(exported["applications"], 2, "{exported:#}");
    assert!(
        plain(&exported["message"]).contains("0 drafts, 0 attachments and 2 applications"),
        "{exported:#}"
    );

    // "Delete all" says how many are not sent yet and deletes nothing…
    assert_eq!(app.ok("my_data_view", json!({}))["unsentApplications"], 1);
    let refused = app
        .invoke("delete_all_my_data", json!({}))
        .expect_err("refused while one waits");
    assert_eq!(refused["code"], "error-delete-unsent", "{refused:#}");
    assert_eq!(
        plain(&refused["message"]),
        "One application has not been sent yet. If you delete all your data, it will never be sent."
    );
    assert_eq!(listed(&app, &waiting_id)["status"]["status"], "waiting");
    assert_eq!(
        app.ok("get_app_view", json!({}))["screen"],
        "catalog",
        "the settings are untouched"
    );
    // …until the citizen confirms a second time.
    app.ok("delete_all_my_data", json!({ "confirmUnsent": true }));
    // A fresh vault under a new passphrase, as after a first start on this computer.
    app.ok(
        "use_passphrase_keys",
        json!({ "passphrase": PASSPHRASE, "confirmation": PASSPHRASE }),
    );
    assert_eq!(
        app.ok("list_applications", json!({}))["applications"],
        json!([])
    );

    // Import: both are back, with where they stood.
    app.host.answer(Some(file));
    let imported = app.ok("import_my_data", json!({ "passphrase": PASSPHRASE }));
    assert_eq!(imported["applications"], 2, "{imported:#}");
    assert_eq!(imported["keptElsewhere"], 0, "{imported:#}");
    assert!(
        plain(&imported["message"]).contains("2 applications were imported"),
        "{imported:#}"
    );
    let back = listed(&app, &sent_id);
    assert_eq!(back["status"]["status"], "submitted", "{back:#}");
    assert_eq!(back["caseId"], sent_case.as_str());
    assert_eq!(listed(&app, &waiting_id)["status"]["status"], "waiting");
    assert_eq!(app.ok("my_data_view", json!({}))["unsentApplications"], 1);

    // The server is back: the waiting one is sent by the worker, without a command.
    municipality.start();
    let now_sent = wait_for(
        &app,
        &events,
        &waiting_id,
        "the waiting one submitted",
        status_is("submitted"),
    );
    let waiting_case = now_sent["caseId"].as_str().expect("case id").to_owned();
    assert_ne!(waiting_case, sent_case);

    // Exactly one submission for each application, nothing announced twice.
    let at_server = municipality.submissions();
    assert_eq!(at_server.len(), 2, "{at_server:#?}");
    let mut cases: Vec<&str> = at_server
        .iter()
        .filter(|s| s["status"] == "submitted")
        .map(|s| s["caseId"].as_str().expect("case id"))
        .collect();
    cases.sort_unstable();
    let mut expected = vec![sent_case.as_str(), waiting_case.as_str()];
    expected.sort_unstable();
    assert_eq!(cases, expected, "{at_server:#?}");

    // The one sent before the export is still followed: the clerk's decision arrives.
    amtsweg_municipal_api::decide(municipality.data.path(), &sent_case, "accept", None)
        .expect("decided");
    let accepted = wait_for(&app, &events, &sent_id, "accepted", status_is("accepted"));
    assert_eq!(accepted["caseId"], sent_case.as_str());
    assert_eq!(app.ok("my_data_view", json!({}))["unsentApplications"], 0);
    assert_eq!(municipality.submissions().len(), 2);
}
