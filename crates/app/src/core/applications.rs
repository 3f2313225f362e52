//! "Submit" and "My applications": a completed draft frozen into the outbox
//! (`amtsweg_outbox`, ARCHITECTURE.md "Outbox") and every application with its status.
//!
//! The outbox shares the open vault; its worker runs on a thread of its own (a tokio
//! current-thread runtime) while a vault is open, and stops when the vault is taken out
//! (deleted, re-keyed, replaced by an import) and when Amtsweg quits. Sending happens
//! only while Amtsweg runs. Each change the worker reports is published as
//! [`AppEvent::ApplicationsChanged`], so an open screen asks again.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};
use std::thread::JoinHandle;
use std::time::Duration;

use amtsweg_l10n::Args;
use amtsweg_outbox::{
    FrozenFile, Outbox, OutboxConfig, Report, ServiceType, Status, Submit, Timeouts, TrustAnchors,
};
use amtsweg_vault::{Summary, Vault};
use serde::Serialize;
use ts_rs::TS;

use super::attachments::Attachments;
use super::catalog::CatalogInUse;
use super::connectivity::{Connection, Connectivity};
use super::drafts::Drafts;
use super::frame::Frame;
use super::notifications::Notifier;
use super::printouts::{Dates, PrintoutDone, Printouts};
use super::vault::{VaultSlot, VaultWatcher};
use crate::error::AppError;
use crate::events::AppEvent;

/// How the outbox sends: the app's defaults, or what a test sets.
#[derive(Debug, Clone, Default)]
pub struct ApplicationsConfig {
    /// Retries, polls and timeouts; `None`: the outbox's defaults (2 s doubling to a
    /// minute, a poll every 15 minutes).
    pub timing: Option<OutboxTiming>,
    /// Every municipality's endpoint replaced by this one: tests, whose reference server
    /// listens on a free loopback port rather than the demo's 8787.
    pub endpoint: Option<String>,
}

/// The outbox's times ([`OutboxConfig`] without its roots, which the app decides).
#[derive(Debug, Clone, Copy)]
pub struct OutboxTiming {
    pub connect: Duration,
    pub request: Duration,
    pub backoff_min: Duration,
    pub backoff_max: Duration,
    pub poll_interval: Duration,
}

/// The roots a destination key's certificate chain must lead to: those the catalog in
/// use names for the chosen municipality (`destinationRoots`, docs/municipalities.md),
/// and behind `test-trust` (developers' runs and tests, never a release build: the
/// outbox crate refuses to compile it so) the committed demo authority of the reference
/// server besides. No root at all: every destination key is refused and applications
/// wait with the reason `destination-key:…`. A root that does not parse is left out
/// (the catalog's content check refuses such a catalog; the bundled one is tested).
fn trust_anchors(roots: &[String]) -> TrustAnchors {
    let pem: String = roots
        .iter()
        .filter(|root| TrustAnchors::from_pem(root).is_ok())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n");
    #[cfg(feature = "test-trust")]
    let pem = format!(
        "{pem}\n{}",
        include_str!("../../../municipal-api/demo-ca/demo-ca.crt.pem")
    );
    TrustAnchors::from_pem(&pem).unwrap_or_else(|_| TrustAnchors::none())
}

/// Where an application stands, as "My applications" shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "status", rename_all = "camelCase")]
#[ts(export)]
pub enum ApplicationStatus {
    /// Frozen, not yet handed over: offline, or Amtsweg was closed, or the last try
    /// failed (`lastError`, a stable code such as `network`, never a server's words).
    #[serde(rename_all = "camelCase")]
    Waiting { last_error: Option<String> },
    /// Handed over in part; the municipality has not confirmed it yet.
    #[serde(rename_all = "camelCase")]
    Sending { last_error: Option<String> },
    /// Received by the municipality under this case id.
    #[serde(rename_all = "camelCase")]
    Submitted { case_id: String },
    #[serde(rename_all = "camelCase")]
    Forwarded { case_id: String },
    #[serde(rename_all = "camelCase")]
    Accepted { case_id: String },
    #[serde(rename_all = "camelCase")]
    Rejected {
        case_id: String,
        reason: Option<String>,
    },
    /// The application's record cannot be read (it is shown, never hidden).
    #[serde(rename_all = "camelCase")]
    Damaged { reason: String },
}

impl From<Status> for ApplicationStatus {
    fn from(status: Status) -> Self {
        match status {
            Status::Waiting { last_error } => Self::Waiting { last_error },
            Status::Sending { last_error } => Self::Sending { last_error },
            Status::Submitted { case_id } => Self::Submitted { case_id },
            Status::Forwarded { case_id } => Self::Forwarded { case_id },
            Status::Accepted { case_id } => Self::Accepted { case_id },
            Status::Rejected { case_id, reason } => Self::Rejected { case_id, reason },
        }
    }
}

impl ApplicationStatus {
    /// The municipality's case id, once it is known.
    pub fn case_id(&self) -> Option<&str> {
        match self {
            Self::Submitted { case_id }
            | Self::Forwarded { case_id }
            | Self::Accepted { case_id }
            | Self::Rejected { case_id, .. } => Some(case_id),
            Self::Waiting { .. } | Self::Sending { .. } | Self::Damaged { .. } => None,
        }
    }
}

/// One line of "My applications".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ApplicationListItem {
    pub application_id: String,
    pub procedure_id: String,
    /// The procedure's title in the citizen's language (the German one when the catalog
    /// no longer has the procedure).
    pub title: String,
    /// The application date (`YYYY-MM-DD`), the day it was submitted in Amtsweg: not
    /// the time the municipality received it.
    pub application_date: String,
    pub status: ApplicationStatus,
    /// The status as the citizen reads it, in their language ("Waiting to be sent: the
    /// municipality cannot be reached right now").
    pub status_text: String,
    /// The municipality it goes (went) to, by name.
    pub municipality: String,
    /// The municipality's case id, once sent.
    pub case_id: Option<String>,
    /// When the municipality received it, in milliseconds since 1970 (the UI formats it
    /// in the citizen's language); known once the worker fetched the submit's event.
    #[ts(type = "number | null")]
    pub received_ms: Option<i64>,
}

/// What "Submit" did: the application and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ApplicationSubmitted {
    pub application_id: String,
    pub status: ApplicationStatus,
}

/// "My applications".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ApplicationsView {
    /// Oldest first.
    pub applications: Vec<ApplicationListItem>,
    /// How many are not yet handed over (waiting or sending): the indicator's number.
    pub waiting: u32,
    /// Whether the municipality's server answered the last call Amtsweg made.
    pub connection: Connection,
    /// "2 applications are waiting to be sent.", in the citizen's language.
    pub waiting_text: String,
}

/// The worker of one open vault's outbox.
struct Running {
    outbox: Arc<Outbox>,
    /// Which vault it serves (a vault that opens again is another one).
    vault: Weak<Vault>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Running {
    /// Stops the worker and waits for its thread: afterwards only `self` holds the
    /// outbox (and through it the vault).
    fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::warn!("outbox-worker-panicked");
        }
    }
}

/// The outbox of the open vault and its worker, told by the vault slot when a vault
/// opens and before it is taken out.
struct Worker {
    running: Mutex<Option<Running>>,
    config: ApplicationsConfig,
    /// The chosen municipality's destination roots (PEM), read when the outbox starts.
    destination_roots: Box<dyn Fn() -> Vec<String> + Send + Sync>,
    connectivity: Arc<Connectivity>,
    events: std::sync::mpsc::Sender<AppEvent>,
    notifier: Arc<Notifier>,
}

impl Worker {
    fn running(&self) -> MutexGuard<'_, Option<Running>> {
        self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn outbox_config(&self) -> OutboxConfig {
        let mut config = OutboxConfig::new(trust_anchors(&(self.destination_roots)()));
        if let Some(t) = self.config.timing {
            config.timeouts = Timeouts {
                connect: t.connect,
                request: t.request,
            };
            config.backoff_min = t.backoff_min;
            config.backoff_max = t.backoff_max;
            config.poll_interval = t.poll_interval;
        }
        config
    }

    fn start(&self, vault: &Arc<Vault>) -> Result<Running, String> {
        let events = self.events.clone();
        let connectivity = Arc::clone(&self.connectivity);
        let notifier = Arc::clone(&self.notifier);
        let reporter: amtsweg_outbox::Reporter = Arc::new(move |report: Report| {
            tracing::info!(status = ?status_name(&report.status), "application-changed");
            connectivity.record(answered(&report.status));
            // An OS notification when it was sent or the municipality decided.
            notifier.report(&report);
            // Gone only with the core; nobody listening is no error.
            let _ = events.send(AppEvent::ApplicationsChanged);
        });
        let outbox = Arc::new(
            Outbox::new(Arc::clone(vault), self.outbox_config(), reporter)
                .map_err(|e| e.to_string())?,
        );
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        let working = Arc::clone(&outbox);
        let thread = std::thread::Builder::new()
            .name("outbox".into())
            .spawn(move || {
                runtime.block_on(async {
                    // Stopping drops a try in the middle: each step is recorded before
                    // the next, so the next start goes on from the last one recorded.
                    tokio::select! {
                        () = working.run(std::future::pending()) => {}
                        _ = stopped => {}
                    }
                });
            })
            .map_err(|e| e.to_string())?;
        Ok(Running {
            outbox,
            vault: Arc::downgrade(vault),
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    fn stop(&self) {
        let running = self.running().take();
        if let Some(mut running) = running {
            running.stop();
            tracing::info!("outbox-stopped");
        }
    }
}

impl VaultWatcher for Worker {
    fn opened(&self, vault: &Arc<Vault>) {
        let mut running = self.running();
        if let Some(current) = running.as_ref()
            && current
                .vault
                .upgrade()
                .is_some_and(|v| Arc::ptr_eq(&v, vault))
        {
            return;
        }
        if let Some(mut old) = running.take() {
            old.stop();
        }
        match self.start(vault) {
            Ok(started) => {
                tracing::info!(
                    endpoint_replaced = self.config.endpoint.is_some(),
                    backoff_max_ms = self
                        .config
                        .timing
                        .map_or(60_000, |t| t.backoff_max.as_millis()),
                    "outbox-started"
                );
                *running = Some(started);
            }
            // Applications stay frozen in the vault; the next opening tries again.
            Err(error) => {
                tracing::warn!(error = %amtsweg_redact::Excerpt(&error), "outbox-not-started")
            }
        }
    }

    fn closing(&self) {
        self.stop();
    }
}

/// The services [`Applications`] uses (its constructor's arguments, by name).
#[derive(Debug)]
pub struct ApplicationsUses {
    pub drafts: Arc<Drafts>,
    pub attachments: Arc<Attachments>,
    pub printouts: Arc<Printouts>,
    pub catalog: Arc<CatalogInUse>,
    pub vault: Arc<VaultSlot>,
    pub connectivity: Arc<Connectivity>,
    pub frame: Arc<Frame>,
    pub events: std::sync::mpsc::Sender<AppEvent>,
    /// Tells the citizen, by an OS notification, what happened to an application.
    pub notifier: Arc<Notifier>,
}

/// "Submit" and "My applications": it reads the draft through the drafts and the
/// printouts (the authority's PDF), the attachments' bytes, the municipality and the
/// procedure from the catalog in use, and keeps the outbox of the open vault.
pub struct Applications {
    worker: Arc<Worker>,
    drafts: Arc<Drafts>,
    attachments: Arc<Attachments>,
    printouts: Arc<Printouts>,
    catalog: Arc<CatalogInUse>,
    vault: Arc<VaultSlot>,
    frame: Arc<Frame>,
}

impl std::fmt::Debug for Applications {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Applications")
            .field("running", &self.worker.running().is_some())
            .finish_non_exhaustive()
    }
}

impl Applications {
    /// Starts the worker as soon as a vault is open (now, if it is).
    pub fn new(uses: ApplicationsUses, config: ApplicationsConfig) -> Self {
        let ApplicationsUses {
            drafts,
            attachments,
            printouts,
            catalog,
            vault,
            connectivity,
            frame,
            events,
            notifier,
        } = uses;
        let in_use = Arc::clone(&catalog);
        let worker = Arc::new(Worker {
            running: Mutex::new(None),
            config,
            destination_roots: Box::new(move || in_use.destination_roots()),
            connectivity,
            events,
            notifier,
        });
        let watcher: Arc<dyn VaultWatcher> = worker.clone();
        vault.watch(Arc::downgrade(&watcher));
        Self {
            worker,
            drafts,
            attachments,
            printouts,
            catalog,
            vault,
            frame,
        }
    }

    /// "Submit" on check your answers: the completed draft `draft_id` becomes an
    /// application waiting to be sent (its data, the authority's German PDF and the
    /// citizen's files, frozen in one vault transaction that also removes the draft from
    /// "My drafts"); the worker sends it as soon as it can. Needs no network. A draft
    /// that is not complete is refused (the engine's error), and nothing changes.
    pub fn submit(&self, draft_id: &str) -> Result<ApplicationSubmitted, AppError> {
        // Every check the engine makes before data is sent; the draft is only read.
        let preview = self.drafts.submission_preview(draft_id)?;
        let municipality = self
            .catalog
            .municipality()
            .ok_or(AppError::NoMunicipality)?;
        let endpoint = self
            .worker
            .config
            .endpoint
            .clone()
            .unwrap_or_else(|| municipality.endpoint().as_str().to_owned());
        let ars = municipality.ars().to_string();
        let application_date = jiff::ZonedDateTime::now().date().to_string();
        let copy = self.printouts.authority_copy(draft_id, &application_date)?;
        let mut attachments = Vec::with_capacity(copy.files.len());
        let mut data = preview.data;
        for file in &copy.files {
            let attachment_id = attachment_id(&file.id);
            // The data names each file by the id its attachment is sent under, so the
            // authority can match them.
            rename_file_id(&mut data, &file.id, &attachment_id);
            attachments.push(FrozenFile {
                attachment_id,
                filename: file.name.clone(),
                media_type: file.media_type.clone(),
                bytes: self.attachments.bytes(&file.id)?.to_vec(),
            });
        }
        let schema_uri = preview
            .schema
            .get("$id")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let data =
            serde_json::to_vec(&data).map_err(|e| AppError::InvalidRequest(e.to_string()))?;
        let submit = Submit {
            draft_id: draft_id.to_owned(),
            procedure_id: preview.procedure_id,
            endpoint,
            ars,
            service: ServiceType {
                name: copy.title,
                identifier: preview.leika,
            },
            schema_uri,
            application_date,
            data,
            form_pdf: copy.pdf,
            form_filename: copy.file_name,
            attachments,
            keepsake: copy.keepsake,
        };
        let application_id = self.with_outbox(|outbox| Ok(outbox.freeze(submit)?))?;
        // The draft and its files left the vault with the freeze.
        self.drafts.forget(&[draft_id.to_owned()]);
        tracing::info!("application-frozen");
        let status = self.with_outbox(|outbox| Ok(outbox.status(&application_id)?))?;
        Ok(ApplicationSubmitted {
            application_id,
            status: status.into(),
        })
    }

    /// "My applications": every application with its status, oldest first; one that
    /// cannot be read is listed as damaged rather than hidden.
    pub fn list(&self) -> Result<ApplicationsView, AppError> {
        let vault = self.vault.get()?;
        let entries = vault.list_applications()?;
        drop(vault);
        let (statuses, received) = self.with_outbox(|outbox| {
            let statuses = outbox.applications()?;
            let received: Vec<Option<i64>> = statuses
                .iter()
                .map(|(id, _)| outbox.received_at(id).ok().flatten())
                .collect();
            Ok((statuses, received))
        })?;
        let titles = self.catalog.titles();
        let applications = entries
            .into_iter()
            .map(|entry| {
                let stored = match &entry.summary {
                    Summary::Readable(bytes) | Summary::Unverified(bytes) => {
                        serde_json::from_slice::<StoredSummary>(bytes).ok()
                    }
                    Summary::Damaged { .. } => None,
                };
                let found = statuses.iter().position(|(id, _)| *id == entry.id);
                let received_ms = found
                    .and_then(|i| received[i])
                    .map(|seconds| seconds.saturating_mul(1000));
                let status = match found.map(|i| &statuses[i]) {
                    Some((_, Ok(status))) => ApplicationStatus::from(status.clone()),
                    Some((_, Err(error))) => ApplicationStatus::Damaged {
                        reason: error.to_string(),
                    },
                    None => ApplicationStatus::Damaged {
                        reason: "its sending record is missing".into(),
                    },
                };
                let title = titles
                    .get(&entry.procedure_id)
                    .cloned()
                    .or_else(|| stored.as_ref().map(|s| s.title.clone()))
                    .unwrap_or_else(|| entry.procedure_id.clone());
                let municipality = stored
                    .as_ref()
                    .and_then(|s| s.ars.as_deref())
                    .and_then(|ars| self.catalog.find_municipality(ars).ok())
                    .map(|m| m.name().to_owned())
                    .unwrap_or_default();
                ApplicationListItem {
                    application_id: entry.id,
                    status_text: self.status_text(&status),
                    municipality,
                    procedure_id: entry.procedure_id,
                    title,
                    application_date: stored.map(|s| s.date).unwrap_or_default(),
                    case_id: status.case_id().map(str::to_owned),
                    status,
                    received_ms,
                }
            })
            .collect::<Vec<_>>();
        let waiting = applications
            .iter()
            .filter(|a| {
                matches!(
                    a.status,
                    ApplicationStatus::Waiting { .. } | ApplicationStatus::Sending { .. }
                )
            })
            .count();
        let mut args = Args::new();
        args.set("count", waiting);
        Ok(ApplicationsView {
            waiting_text: self.frame.text("connection-waiting", Some(&args)),
            waiting: u32::try_from(waiting).unwrap_or(u32::MAX),
            connection: self.worker.connectivity.current(),
            applications,
        })
    }

    /// The status in the citizen's language.
    fn status_text(&self, status: &ApplicationStatus) -> String {
        let mut args = Args::new();
        let id = match status {
            ApplicationStatus::Waiting { last_error }
            | ApplicationStatus::Sending { last_error } => match last_error.as_deref() {
                Some("network") => "application-status-waiting-network",
                Some(code) => {
                    args.set("code", code.to_owned());
                    "application-status-waiting-problem"
                }
                None if matches!(status, ApplicationStatus::Sending { .. }) => {
                    "application-status-sending"
                }
                None => "application-status-waiting",
            },
            ApplicationStatus::Submitted { .. } => "application-status-submitted",
            ApplicationStatus::Forwarded { .. } => "application-status-forwarded",
            ApplicationStatus::Accepted { .. } => "application-status-accepted",
            ApplicationStatus::Rejected { .. } => "application-status-rejected",
            ApplicationStatus::Damaged { reason } => {
                args.set("reason", reason.clone());
                "application-status-damaged"
            }
        };
        self.frame.text(id, Some(&args))
    }

    /// "Download PDF" (`print`: "Print") in My applications: the citizen's copy of
    /// application `application_id`, with its case number and time of receipt once
    /// known. `None`: the citizen cancelled the save dialog.
    pub fn printout(
        &self,
        application_id: &str,
        print: bool,
    ) -> Result<Option<PrintoutDone>, AppError> {
        let (frozen, status, received) = self.with_outbox(|outbox| {
            Ok((
                outbox.application(application_id)?,
                outbox.status(application_id)?,
                outbox.received_at(application_id)?,
            ))
        })?;
        let dates = Dates {
            application: frozen.application_date.clone(),
            case_number: ApplicationStatus::from(status).case_id().map(str::to_owned),
            received_at: received.and_then(local_time),
        };
        self.printouts
            .application_copy(&frozen.keepsake, &dates, print)
    }

    /// Runs `f` with the outbox of the open vault. The worker's lock is held meanwhile,
    /// so a vault being taken out waits for `f` rather than for a share of the vault it
    /// would never be given back.
    fn with_outbox<T>(
        &self,
        f: impl FnOnce(&Outbox) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        // Why there is no outbox: the vault's own error (locked, unavailable, …).
        let vault = self.vault.get()?;
        let shared = vault.shared();
        drop(vault);
        let serves_it = |r: &Running| r.vault.upgrade().is_some_and(|v| Arc::ptr_eq(&v, &shared));
        let running = self.worker.running();
        let running = if running.as_ref().is_some_and(serves_it) {
            running
        } else {
            // Opened, but the worker could not start then: once more, now.
            drop(running);
            self.worker.opened(&shared);
            self.worker.running()
        };
        drop(shared);
        match running.as_ref() {
            Some(r) => f(&r.outbox),
            None => Err(AppError::Application(amtsweg_outbox::OutboxError::Config(
                "the outbox could not be started".into(),
            ))),
        }
    }

    /// The citizen chose a municipality: the worker starts again, so that it trusts the
    /// destination roots its catalog names (read when a worker starts; on a first start
    /// the vault opens before any municipality is chosen). A try in the middle is
    /// dropped: each step is recorded before the next, so the new worker goes on.
    pub fn municipality_changed(&self) {
        let Ok(vault) = self.vault.get() else {
            return;
        };
        let shared = vault.shared();
        drop(vault);
        self.worker.stop();
        self.worker.opened(&shared);
    }

    /// Amtsweg quits: the worker stops (what waits is sent at the next start).
    pub fn quit(&self) {
        self.worker.stop();
    }
}

impl Drop for Applications {
    fn drop(&mut self) {
        self.worker.stop();
    }
}

/// What the outbox keeps beside each application for the list (`Outbox::freeze`).
#[derive(serde::Deserialize)]
struct StoredSummary {
    /// The German title.
    title: String,
    date: String,
    /// The municipality's regional key (absent in applications frozen before it was kept).
    #[serde(default)]
    ars: Option<String>,
}

/// `seconds` since 1970 as the citizen's clock reads it: "2026-12-06 18:40".
fn local_time(seconds: i64) -> Option<String> {
    let at = jiff::Timestamp::from_second(seconds).ok()?;
    Some(
        at.to_zoned_datetime(jiff::tz::TimeZone::system())
            .strftime("%Y-%m-%d %H:%M")
            .to_string(),
    )
}

/// A short name of a status for the log (never a case id or a reason).
fn status_name(status: &Status) -> &'static str {
    match status {
        Status::Waiting { .. } => "waiting",
        Status::Sending { .. } => "sending",
        Status::Submitted { .. } => "submitted",
        Status::Forwarded { .. } => "forwarded",
        Status::Accepted { .. } => "accepted",
        Status::Rejected { .. } => "rejected",
    }
}

/// Whether the try that ended in `status` reached the municipality's server: only a
/// network failure says it did not (a refusal is an answer).
fn answered(status: &Status) -> bool {
    match status {
        Status::Waiting { last_error } | Status::Sending { last_error } => {
            last_error.as_deref() != Some("network")
        }
        _ => true,
    }
}

/// The FIT-Connect `attachmentId` of the app's file `file_id`: FIT-Connect wants a UUID,
/// and the app's ids are `file-` and 32 hex digits (128 random bits). A UUID is kept as
/// it is; anything else becomes the version-4-shaped UUID of the first 128 bits of its
/// SHA-512, so the same file always gets the same id (a resubmitted copy, a test).
pub(super) fn attachment_id(file_id: &str) -> String {
    use sha2::{Digest, Sha512};
    if let Ok(uuid) = uuid::Uuid::try_parse(file_id)
        && uuid.get_version_num() == 4
    {
        return uuid.hyphenated().to_string();
    }
    let digest = Sha512::digest(file_id.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string()
}

/// Replaces `from` by `to` as the `id` of every file object in the submission data
/// (`{"id", "name", "mediaType", "size"}`, the engine's form of a file).
fn rename_file_id(data: &mut serde_json::Value, from: &str, to: &str) {
    match data {
        serde_json::Value::Object(map) => {
            if map.contains_key("mediaType")
                && map.get("id").and_then(serde_json::Value::as_str) == Some(from)
            {
                map.insert("id".into(), serde_json::Value::String(to.to_owned()));
            }
            for value in map.values_mut() {
                rename_file_id(value, from, to);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                rename_file_id(item, from, to);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_destination_roots_of_the_catalog_are_trusted() {
        let root = include_str!("../../../municipal-api/demo-ca/demo-ca.crt.pem").to_owned();
        // Test builds trust the demo authority themselves; a release build does not.
        let own = usize::from(cfg!(feature = "test-trust"));
        assert_eq!(trust_anchors(&[]).len(), own);
        assert_eq!(trust_anchors(std::slice::from_ref(&root)).len(), own + 1);
        // One that is not a certificate is left out; the others stay.
        let broken = root.replacen("MII", "M!I", 1);
        assert_eq!(trust_anchors(&[broken, root]).len(), own + 1);
    }

    #[test]
    fn an_app_file_id_becomes_the_same_uuid_v4_every_time() {
        let id = "file-00112233445566778899aabbccddeeff";
        let mapped = attachment_id(id);
        let uuid = uuid::Uuid::try_parse(&mapped).expect("a UUID");
        assert_eq!(uuid.get_version_num(), 4);
        assert_eq!(mapped, mapped.to_lowercase());
        assert_eq!(attachment_id(id), mapped);
        assert_ne!(
            attachment_id("file-00112233445566778899aabbccddeefe"),
            mapped
        );
        // A UUID v4 stays itself.
        let v4 = "0f8fad5b-d9cb-469f-a165-70867728950e";
        assert_eq!(attachment_id(v4), v4);
    }

    #[test]
    fn the_data_names_a_file_by_its_attachment_id() {
        let mut data = serde_json::json!({
            "F1": {"id": "file-1", "name": "a.pdf", "mediaType": "application/pdf", "size": 3},
            "G1": [{"F2": {"id": "file-1", "name": "b", "mediaType": "image/png", "size": 1}},
                   {"F3": {"id": "file-2", "name": "c", "mediaType": "image/png", "size": 1}}],
            "F4": {"id": "file-1"},
        });
        rename_file_id(&mut data, "file-1", "u");
        assert_eq!(data["F1"]["id"], "u");
        assert_eq!(data["G1"][0]["F2"]["id"], "u");
        assert_eq!(data["G1"][1]["F3"]["id"], "file-2");
        // Not a file: left alone.
        assert_eq!(data["F4"]["id"], "file-1");
    }
}
