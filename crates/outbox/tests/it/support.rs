//! The reference server in-process on loopback (real HTTP), a vault on disk, and
//! applications made from the engine's walk files (`tests/fixtures/submissions`).

use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use amtsweg_municipal_api::{Config, serve};
use amtsweg_outbox::{
    FrozenFile, Outbox, OutboxConfig, Report, ServiceType, Status, Submit, Timeouts,
};
use amtsweg_vault::{KeySource, Vault, VaultKeys};
use serde_json::Value;

pub const DEMO_ARS: &str = "066990999999";

/// The slow RSA-4096 keys, made once per test binary and copied into each data folder.
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

/// A reference server on a free loopback port with a fresh data folder.
pub struct TestServer {
    pub url: String,
    pub addr: std::net::SocketAddr,
    pub data: tempfile::TempDir,
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
    pub async fn start() -> TestServer {
        Self::start_with(|_| {}).await
    }

    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> TestServer {
        let data = tempfile::tempdir().expect("temp dir");
        let keys = data.path().join("keys");
        std::fs::create_dir_all(&keys).expect("keys dir");
        for entry in std::fs::read_dir(key_template().join("keys")).expect("template") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), keys.join(entry.file_name())).expect("copy key");
        }
        let mut config = Config::new(data.path().to_path_buf());
        config.bind = "127.0.0.1:0".parse().expect("address");
        adjust(&mut config);
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let result = serve(
                config,
                move |addr, url| {
                    let _ = ready_tx.send((addr, url.to_owned()));
                },
                async move {
                    let _ = stop_rx.await;
                },
            )
            .await;
            result.expect("the server runs");
        });
        let (addr, url) = ready_rx.await.expect("the server became ready");
        TestServer {
            url,
            addr,
            data,
            stop: Some(stop_tx),
        }
    }

    /// Every submission the server holds, without content.
    pub fn submissions(&self) -> Vec<Value> {
        amtsweg_municipal_api::list(self.data.path()).expect("list")
    }

    /// How many submissions are submitted (not merely announced).
    pub fn submitted(&self) -> usize {
        self.submissions()
            .iter()
            .filter(|s| s["status"] == "submitted")
            .count()
    }

    /// What arrived for a submission, decrypted by the server.
    pub fn show(&self, submission_id: &str) -> Value {
        amtsweg_municipal_api::show(self.data.path(), submission_id).expect("show")
    }
}

/// A vault on disk whose keys the test holds (and can hand to a child process).
pub struct TestVault {
    pub dir: tempfile::TempDir,
    pub keys_text: String,
}

impl TestVault {
    pub fn new() -> TestVault {
        let keys = VaultKeys::generate().expect("keys");
        TestVault {
            dir: tempfile::tempdir().expect("temp dir"),
            keys_text: keys.to_secret_text().to_string(),
        }
    }

    pub fn open(&self) -> Arc<Vault> {
        open_vault(self.dir.path(), &self.keys_text)
    }
}

pub fn open_vault(dir: &Path, keys_text: &str) -> Arc<Vault> {
    let keys = VaultKeys::from_secret_text(keys_text).expect("keys");
    Arc::new(Vault::open(dir, KeySource::Keys(keys)).expect("vault"))
}

/// Times in milliseconds, so a test of retries takes about a second.
pub fn fast_config() -> OutboxConfig {
    let mut config = OutboxConfig::new(demo_roots());
    config.timeouts = Timeouts {
        connect: Duration::from_millis(500),
        request: Duration::from_secs(3),
    };
    config.backoff_min = Duration::from_millis(20);
    config.backoff_max = Duration::from_millis(200);
    config.poll_interval = Duration::from_millis(100);
    config
}

/// The reports the worker sent, in order.
#[derive(Clone, Default)]
pub struct Reports(pub Arc<Mutex<Vec<Report>>>, Arc<tokio::sync::Notify>);

impl Reports {
    pub fn reporter(&self) -> amtsweg_outbox::Reporter {
        let (reports, changed) = (self.0.clone(), self.1.clone());
        Arc::new(move |r| {
            reports.lock().expect("reports").push(r);
            changed.notify_waiters();
        })
    }

    /// Waits for a report on `id` whose status passes `want` (the worker's reports are
    /// the clock), and returns that status.
    pub async fn wait_for(&self, id: &str, want: impl Fn(&Status) -> bool) -> Status {
        loop {
            let changed = self.1.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            if let Some(s) = self.statuses(id).into_iter().find(|s| want(s)) {
                return s;
            }
            changed.await;
        }
    }

    pub fn statuses(&self, id: &str) -> Vec<Status> {
        self.0
            .lock()
            .expect("reports")
            .iter()
            .filter(|r| r.application_id == id)
            .map(|r| r.status.clone())
            .collect()
    }
}

pub fn outbox(vault: &Arc<Vault>, config: OutboxConfig) -> (Outbox, Reports) {
    let reports = Reports::default();
    let outbox = Outbox::new(vault.clone(), config, reports.reporter()).expect("outbox");
    (outbox, reports)
}

/// A bundled procedure's walk file (written by the procedure crate's walk test).
pub fn fixture(procedure: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/submissions")
        .join(format!("{procedure}.json"));
    serde_json::from_slice(&std::fs::read(&path).expect("fixture")).expect("fixture JSON")
}

pub fn bundled_procedures() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/submissions");
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .expect("fixtures")
        .map(|e| {
            e.expect("entry")
                .path()
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    out.sort();
    out
}

/// A file's bytes: its type's magic number, then bytes that depend on its id, so a mixed
/// up file cannot pass for another.
pub fn file_bytes(media_type: &str, id: &str, len: usize) -> Vec<u8> {
    let magic: &[u8] = match media_type {
        "application/pdf" => b"%PDF-1.7\n",
        "image/jpeg" => &[0xFF, 0xD8, 0xFF, 0xE0],
        "image/png" => b"\x89PNG\r\n\x1a\n",
        _ => b"",
    };
    let mut out = magic.to_vec();
    out.extend(id.bytes().cycle().take(len.saturating_sub(out.len())));
    out
}

/// Puts the walk's draft into the vault (its files as the draft's attachments, with
/// UUIDs as the API's convention asks) and returns what the app hands over at submit.
/// `file_len` replaces the walk's file sizes (its 2 MB photos would only slow tests).
pub fn submit_from(vault: &Vault, endpoint: &str, procedure: &str, file_len: usize) -> Submit {
    let fx = fixture(procedure);
    let draft_id = uuid::Uuid::new_v4().to_string();
    vault
        .save_draft(&draft_id, procedure, b"{\"answers\":\"walk\"}", b"{}")
        .expect("draft");
    let mut data = fx["data"].clone();
    let mut attachments = Vec::new();
    replace_files(&mut data, &mut |file| {
        let id = uuid::Uuid::new_v4().to_string();
        let media_type = file["mediaType"].as_str().expect("type").to_owned();
        let bytes = file_bytes(&media_type, &id, file_len);
        file["id"] = Value::from(id.clone());
        file["size"] = Value::from(bytes.len());
        vault
            .save_attachment(&draft_id, &id, &bytes, b"{}")
            .expect("attachment");
        attachments.push(FrozenFile {
            attachment_id: id,
            filename: file["name"].as_str().expect("name").to_owned(),
            media_type,
            bytes,
        });
    });
    let leika = fx["leika"].as_str().expect("leika").to_owned();
    Submit {
        draft_id,
        procedure_id: procedure.to_owned(),
        endpoint: endpoint.to_owned(),
        ars: DEMO_ARS.to_owned(),
        service: ServiceType {
            name: format!("Testantrag {procedure}"),
            identifier: leika,
        },
        schema_uri: fx["schemaUri"].as_str().expect("schema uri").to_owned(),
        application_date: "2026-12-06".to_owned(),
        data: serde_json::to_vec(&data).expect("data"),
        form_pdf: file_bytes("application/pdf", procedure, 30_000),
        form_filename: format!("Antrag {procedure} – Müller.pdf"),
        attachments,
        keepsake: format!("keepsake of {procedure}").into_bytes(),
    }
}

/// Calls `f` on every file answer (`{id, name, mediaType, size}`) of the data.
fn replace_files(value: &mut Value, f: &mut dyn FnMut(&mut Value)) {
    match value {
        Value::Object(map) => {
            if map.contains_key("mediaType") && map.contains_key("id") {
                f(value);
                return;
            }
            for v in map.values_mut() {
                replace_files(v, f);
            }
        }
        Value::Array(items) => {
            for v in items {
                replace_files(v, f);
            }
        }
        _ => {}
    }
}

/// Sends until the application is submitted or `tries` passes are used; each pass is
/// one `send`, the next starting when the previous one returned (no sleeping: the
/// answers and the client's timeouts are the clock).
pub async fn send_until_submitted(outbox: &Outbox, id: &str, tries: usize) -> Status {
    let mut last = None;
    for _ in 0..tries {
        match outbox.send(id).await {
            Ok(status) if status.is_submitted() => return status,
            Ok(status) => last = Some(Ok(status)),
            Err(e) => last = Some(Err(e.to_string())),
        }
    }
    panic!("not submitted after {tries} passes; last: {last:?}");
}

/// The committed demo authority (TEST ONLY) as the one root, as the app trusts it behind
/// its `test-trust` feature.
pub fn demo_roots() -> amtsweg_outbox::TrustAnchors {
    amtsweg_outbox::TrustAnchors::from_pem(amtsweg_municipal_api::DEMO_CA_CERT).expect("demo CA")
}
