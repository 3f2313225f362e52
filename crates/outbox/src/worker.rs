//! The outbox: freezing at submit, and the worker that delivers each waiting
//! application exactly once (ARCHITECTURE.md "Outbox" has the argument step by step).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use amtsweg_vault::{Summary, Vault, VaultError};
use backon::BackoffBuilder;
use serde_json::Value;
use tokio::sync::Notify;
use tokio::time::Instant;

use crate::api::{Api, Route, SubmitOutcome, Timeouts, now};
use crate::destination::{TrustAnchors, check_key};
use crate::events::{EventKeys, Expected};
use crate::failpoint;
use crate::installation::Installation;
use crate::seal::{SealLimits, seal};
use crate::sending::{SendingRecord, Status, Step};
use crate::{FrozenApplication, FrozenFile, OutboxError, ServiceType, metadata};

/// How the worker behaves; tests set the times in seconds or less.
#[derive(Debug, Clone)]
pub struct OutboxConfig {
    pub timeouts: Timeouts,
    /// The first wait after a failure; it doubles up to `backoff_max`, with jitter.
    pub backoff_min: Duration,
    pub backoff_max: Duration,
    /// How often a submitted application's case is asked for news.
    pub poll_interval: Duration,
    pub limits: SealLimits,
    pub anchors: TrustAnchors,
}

impl OutboxConfig {
    /// The defaults of the app: a minute's cap, a poll every 15 minutes.
    pub fn new(anchors: TrustAnchors) -> OutboxConfig {
        OutboxConfig {
            timeouts: Timeouts::default(),
            backoff_min: Duration::from_secs(2),
            backoff_max: Duration::from_secs(60),
            poll_interval: Duration::from_secs(15 * 60),
            limits: SealLimits::default(),
            anchors,
        }
    }
}

/// What the worker reports after each try of an application, when its status changed or
/// the try failed; the app core forwards it as a core event and tells the citizen of what
/// the municipality did (an OS notification), so it names the procedure and where the
/// application went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub application_id: String,
    /// The procedure the application is for (its title is the catalog's).
    pub procedure_id: String,
    /// The procedure's title as it was sent (German): for when the catalog no longer
    /// has the procedure.
    pub sent_title: String,
    /// The regional key of the municipality the application is addressed to.
    pub ars: String,
    /// The status before this try: equal to `status` when the try failed without a
    /// change (a poll that found the server down), so only a change is a transition.
    pub previous: Status,
    pub status: Status,
}

pub type Reporter = Arc<dyn Fn(Report) + Send + Sync>;

/// One application as listed: its id and its status, or why it cannot be read.
pub type Listed = (String, Result<Status, OutboxError>);

/// What the app hands over when the citizen submits a completed draft.
#[derive(Clone)]
pub struct Submit {
    /// The draft that becomes the application (removed in the same transaction).
    pub draft_id: String,
    pub procedure_id: String,
    pub endpoint: String,
    pub ars: String,
    pub service: ServiceType,
    /// `submissionSchema.schemaUri` (the procedure's data schema).
    pub schema_uri: String,
    /// `YYYY-MM-DD`.
    pub application_date: String,
    /// The FIM data JSON, as it will be hashed and sent.
    pub data: Vec<u8>,
    /// The authority's PDF (`purpose: form`).
    pub form_pdf: Vec<u8>,
    pub form_filename: String,
    /// The citizen's files; each `attachment_id` is the file's id in the data.
    pub attachments: Vec<FrozenFile>,
    /// Kept with the application for the citizen, never sent
    /// ([`FrozenApplication::keepsake`]).
    pub keepsake: Vec<u8>,
}

impl std::fmt::Debug for Submit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Submit")
            .field("draft_id", &self.draft_id)
            .field("procedure_id", &self.procedure_id)
            .field("data", &self.data.len())
            .field("attachments", &self.attachments.len())
            .finish_non_exhaustive()
    }
}

/// When an application is tried next, and the delays still to come.
struct Schedule {
    due: Instant,
    delays: backon::ExponentialBackoff,
}

/// The outbox of one vault.
pub struct Outbox {
    vault: Arc<Vault>,
    config: OutboxConfig,
    me: Installation,
    reporter: Reporter,
    nudge: Notify,
    /// Endpoints this installation registered at in this process (registering is
    /// idempotent at the server; this only saves the call).
    registered: Mutex<HashSet<String>>,
    schedule: Mutex<HashMap<String, Schedule>>,
}

impl std::fmt::Debug for Outbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outbox")
            .field("installation", &self.me)
            .finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A failure worth trying again soon: the network, a timeout, a busy server.
fn transient(e: &OutboxError) -> bool {
    match e {
        OutboxError::Network(_) => true,
        OutboxError::Refused { status, .. } => {
            matches!(status, 408 | 429) || (500..600).contains(status)
        }
        _ => false,
    }
}

/// The stable code kept in the record and shown as the reason an application waits.
fn error_code(e: &OutboxError) -> String {
    match e {
        OutboxError::DestinationKey(r) => format!("destination-key:{r}"),
        OutboxError::NoRoute => "no-route".into(),
        OutboxError::Network(_) => "network".into(),
        OutboxError::Refused { name, .. } => format!("refused:{name}"),
        OutboxError::Garbage(_) => "garbage".into(),
        OutboxError::EventRefused(_) => "event-refused".into(),
        OutboxError::AttachmentRefused(_) => "attachment-refused".into(),
        OutboxError::Metadata(_) => "metadata".into(),
        OutboxError::Crypto(_) => "crypto".into(),
        OutboxError::Record(_) => "record".into(),
        OutboxError::Config(_) => "config".into(),
        OutboxError::Vault(_) => "vault".into(),
    }
}

fn uuid_v4() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl Outbox {
    pub fn new(
        vault: Arc<Vault>,
        config: OutboxConfig,
        reporter: Reporter,
    ) -> Result<Outbox, OutboxError> {
        let me = Installation::from_seed(&*vault.installation_seed()?)?;
        Ok(Outbox {
            vault,
            config,
            me,
            reporter,
            nudge: Notify::new(),
            registered: Mutex::new(HashSet::new()),
            schedule: Mutex::new(HashMap::new()),
        })
    }

    /// The installation's id at the municipal API (its device key's thumbprint).
    pub fn installation_id(&self) -> &str {
        self.me.id()
    }

    // --- freezing ---

    /// Freezes a completed draft into an application waiting to be sent: its metadata
    /// is made and checked against the official schema, then one vault transaction
    /// writes the application and removes the draft. No network is needed. Returns the
    /// application's id.
    pub fn freeze(&self, submit: Submit) -> Result<String, OutboxError> {
        crate::api::check_endpoint(&submit.endpoint)?;
        let application_id = uuid_v4();
        let form = FrozenFile {
            attachment_id: uuid_v4(),
            filename: submit.form_filename,
            media_type: "application/pdf".into(),
            bytes: submit.form_pdf,
        };
        let mut app = FrozenApplication {
            application_id: application_id.clone(),
            procedure_id: submit.procedure_id,
            endpoint: submit.endpoint,
            ars: submit.ars,
            service: submit.service,
            data: submit.data,
            metadata: Vec::new(),
            form,
            attachments: submit.attachments,
            application_date: submit.application_date,
            keepsake: submit.keepsake,
        };
        let metadata = metadata::build(&metadata::MetadataParts {
            data: &app.data,
            schema_uri: &submit.schema_uri,
            service: &app.service,
            application_date: &app.application_date,
            form: &app.form,
            attachments: &app.attachments,
        });
        metadata::validate(&metadata)?;
        app.metadata = serde_json::to_vec(&metadata)
            .map_err(|_| OutboxError::Metadata("cannot be written".into()))?;
        let payload = encode_application(&app)?;
        let summary = serde_json::to_vec(&serde_json::json!({
            "title": app.service.name,
            "date": app.application_date,
            "ars": app.ars,
        }))
        .map_err(|_| OutboxError::Record("the summary cannot be written".into()))?;
        self.vault.freeze_application(
            &submit.draft_id,
            &application_id,
            &app.procedure_id,
            &payload,
            &summary,
        )?;
        self.nudge();
        Ok(application_id)
    }

    /// The frozen application, as it will be (or was) sent.
    pub fn application(&self, id: &str) -> Result<FrozenApplication, OutboxError> {
        let opened = self.vault.open_application(id)?;
        decode_application(&opened.payload)
    }

    /// Every application with its status, oldest first. One whose record is damaged is
    /// listed with the vault's error rather than hidden.
    pub fn applications(&self) -> Result<Vec<Listed>, OutboxError> {
        let mut out = Vec::new();
        for entry in self.vault.list_applications()? {
            let status = match entry.summary {
                Summary::Damaged { reason } => Err(OutboxError::Vault(VaultError::Damaged {
                    id: entry.id.clone(),
                    reason,
                })),
                _ => self.record(&entry.id).map(|r| r.status()),
            };
            out.push((entry.id, status));
        }
        Ok(out)
    }

    pub fn status(&self, id: &str) -> Result<Status, OutboxError> {
        Ok(self.record(id)?.status())
    }

    /// When the municipality received application `id`: the verified submit event's
    /// time (seconds since the Unix epoch), once the worker has fetched it.
    pub fn received_at(&self, id: &str) -> Result<Option<i64>, OutboxError> {
        Ok(match self.record(id)?.step {
            Step::Submitted { events, .. } => events
                .iter()
                .find(|e| e.kind == crate::events::EventKind::Submitted)
                .map(|e| e.issued_at),
            _ => None,
        })
    }

    fn record(&self, id: &str) -> Result<SendingRecord, OutboxError> {
        match self.vault.open_sending(id)? {
            Some(s) => SendingRecord::decode(&s.payload),
            None => Ok(SendingRecord::default()),
        }
    }

    fn save(&self, id: &str, record: &SendingRecord) -> Result<(), OutboxError> {
        self.vault.save_sending(id, &record.encode()?)?;
        Ok(())
    }

    // --- sending ---

    /// Wakes the worker now: the network came back, or an application was frozen.
    pub fn nudge(&self) {
        // Everything waiting is due at once; the delays start again from the minimum.
        lock(&self.schedule).clear();
        self.nudge.notify_one();
    }

    /// Takes application `id` as far as it goes now: to submitted (and its news) or to
    /// the first failure, which is recorded and returned. Each step is recorded in the
    /// vault before the next one starts.
    pub async fn send(&self, id: &str) -> Result<Status, OutboxError> {
        let app = self.application(id)?;
        let mut record = self.record(id)?;
        let before = record.status();
        let result = self.advance(&app, &mut record).await;
        match &result {
            Ok(()) => {
                if record.last_error.is_some() || record.attempts != 0 {
                    record.last_error = None;
                    record.attempts = 0;
                    self.save(id, &record)?;
                }
            }
            Err(e) => {
                record.attempts = record.attempts.saturating_add(1);
                record.last_error = Some(error_code(e));
                // What failed is remembered for the status line; if even that cannot be
                // written the step itself is still recorded, so nothing is lost.
                if let Err(save) = self.save(id, &record) {
                    tracing::warn!(error = %save, "the reason an application waits was not recorded");
                }
            }
        }
        let status = record.status();
        if status != before || result.is_err() {
            (self.reporter)(Report {
                application_id: id.to_owned(),
                procedure_id: app.procedure_id.clone(),
                sent_title: app.service.name.clone(),
                ars: app.ars.clone(),
                previous: before,
                status: status.clone(),
            });
        }
        result.map(|()| status)
    }

    async fn advance(
        &self,
        app: &FrozenApplication,
        record: &mut SendingRecord,
    ) -> Result<(), OutboxError> {
        let api = Api::new(&app.endpoint, self.config.timeouts)?;
        let id = app.application_id.as_str();
        loop {
            let next = match &record.step {
                Step::Waiting => {
                    let (route, key) = self.destination(&api, app).await?;
                    let sealed = seal(app, &key, &route.destination_id, &self.config.limits)?;
                    Step::Sealed { sealed }
                }
                Step::Sealed { sealed } => {
                    self.register(&api).await?;
                    let announced: Vec<&str> = sealed
                        .files
                        .iter()
                        .map(|f| f.attachment_id.as_str())
                        .collect();
                    let created = self
                        .authenticated(&api, || {
                            api.create(&self.me, &sealed.destination_id, &announced, &app.service)
                        })
                        .await?;
                    failpoint::hit("create:answered");
                    Step::Created {
                        sealed: sealed.clone(),
                        submission_id: created.submission_id,
                        case_id: created.case_id,
                    }
                }
                Step::Created {
                    sealed,
                    submission_id,
                    case_id,
                } => {
                    self.register(&api).await?;
                    let mut expired = false;
                    for file in &sealed.files {
                        let uploaded = self
                            .authenticated(&api, || {
                                api.upload(&self.me, submission_id, &file.attachment_id, &file.jwe)
                            })
                            .await;
                        match uploaded {
                            Ok(()) => {}
                            // Announced more than a day ago and expired at the server:
                            // it was never submitted, so announcing anew is safe.
                            Err(OutboxError::Refused {
                                status: 404, name, ..
                            }) if name == "submission-unknown" => {
                                expired = true;
                                break;
                            }
                            Err(e) => return Err(e),
                        }
                    }
                    failpoint::hit("upload:done");
                    if expired {
                        Step::Sealed {
                            sealed: sealed.clone(),
                        }
                    } else {
                        Step::Submitting {
                            sealed: sealed.clone(),
                            submission_id: submission_id.clone(),
                            case_id: case_id.clone(),
                        }
                    }
                }
                Step::Submitting {
                    sealed,
                    submission_id,
                    case_id,
                } => {
                    self.register(&api).await?;
                    let outcome = self
                        .authenticated(&api, || {
                            api.submit(
                                &self.me,
                                submission_id,
                                &sealed.metadata_jwe,
                                &sealed.data_jwe,
                            )
                        })
                        .await;
                    match outcome {
                        Ok(SubmitOutcome::Submitted | SubmitOutcome::AlreadySubmitted) => {
                            failpoint::hit("submit:answered");
                            Step::Submitted {
                                submission_id: submission_id.clone(),
                                case_id: case_id.clone(),
                                events: Vec::new(),
                            }
                        }
                        // The announcement expired before the submit reached the server
                        // (a submitted one never expires): announce anew.
                        Err(OutboxError::Refused {
                            status: 404, name, ..
                        }) if name == "submission-unknown" => Step::Sealed {
                            sealed: sealed.clone(),
                        },
                        // The server lost an upload: upload again.
                        Err(OutboxError::Refused {
                            status: 422, name, ..
                        }) if name == "attachments-missing" => Step::Created {
                            sealed: sealed.clone(),
                            submission_id: submission_id.clone(),
                            case_id: case_id.clone(),
                        },
                        Err(e) => return Err(e),
                    }
                }
                Step::Submitted {
                    submission_id,
                    case_id,
                    events,
                } => {
                    let news = self.news(&api, submission_id, case_id, events).await?;
                    if news.is_empty() {
                        return Ok(());
                    }
                    let mut events = events.clone();
                    events.extend(news);
                    Step::Submitted {
                        submission_id: submission_id.clone(),
                        case_id: case_id.clone(),
                        events,
                    }
                }
            };
            let was_submitted = matches!(record.step, Step::Submitted { .. });
            record.step = next;
            record.attempts = 0;
            record.last_error = None;
            self.save(id, record)?;
            failpoint::hit("step:recorded");
            if was_submitted {
                return Ok(());
            }
        }
    }

    /// Routes, fetches the destination's key and checks it.
    async fn destination(
        &self,
        api: &Api,
        app: &FrozenApplication,
    ) -> Result<(Route, crate::destination::DestinationKey), OutboxError> {
        let routes = api.routes(app.service.leika_key(), &app.ars).await?;
        let route = routes.into_iter().next().ok_or(OutboxError::NoRoute)?;
        let jwk = api.destination_key(&route).await?;
        let now = u64::try_from(now()).unwrap_or_default();
        let key = check_key(&jwk, &route.encryption_kid, &self.config.anchors, now)?;
        Ok((route, key))
    }

    async fn register(&self, api: &Api) -> Result<(), OutboxError> {
        if lock(&self.registered).contains(api.base()) {
            return Ok(());
        }
        api.register(&self.me).await?;
        lock(&self.registered).insert(api.base().to_owned());
        Ok(())
    }

    /// Runs an authenticated call; when the server does not know this installation
    /// (its database was reset), registers again and repeats the call once.
    async fn authenticated<T, F, Fut>(&self, api: &Api, call: F) -> Result<T, OutboxError>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<T, OutboxError>>,
    {
        match call().await {
            Err(OutboxError::Refused {
                status: 401, name, ..
            }) if name == "installation-unknown" => {
                lock(&self.registered).remove(api.base());
                self.register(api).await?;
                call().await
            }
            other => other,
        }
    }

    /// The case's events not yet recorded, each verified against the server's keys.
    async fn news(
        &self,
        api: &Api,
        submission_id: &str,
        case_id: &str,
        known: &[crate::events::CaseEvent],
    ) -> Result<Vec<crate::events::CaseEvent>, OutboxError> {
        let tokens = self
            .authenticated(api, || api.events(&self.me, case_id))
            .await?;
        let mut keys: Option<EventKeys> = None;
        let expected = Expected {
            issuer: api.base(),
            case_id,
            submission_id,
        };
        let mut news = Vec::new();
        for token in tokens {
            let keys = match &mut keys {
                Some(k) => k,
                None => keys.insert(EventKeys::from_jwks(&api.event_keys().await?)?),
            };
            let event = keys.verify(&token, &expected)?;
            if !known
                .iter()
                .chain(news.iter())
                .any(|e: &crate::events::CaseEvent| e.jti == event.jti)
            {
                news.push(event);
            }
        }
        Ok(news)
    }

    /// Sends every application that is due, once each; returns how many are still
    /// waiting or sending afterwards. The loop of [`Outbox::run`] and of tests.
    pub async fn send_due(&self) -> Result<usize, OutboxError> {
        let now = Instant::now();
        let mut open = 0;
        for (id, status) in self.applications()? {
            let Ok(status) = status else {
                // A damaged application is shown as such; it cannot be sent.
                continue;
            };
            if status.is_final() {
                continue;
            }
            let due = lock(&self.schedule).get(&id).is_none_or(|s| s.due <= now);
            if !due {
                if !status.is_submitted() {
                    open += 1;
                }
                continue;
            }
            let outcome = self.send(&id).await;
            let mut schedule = lock(&self.schedule);
            match outcome {
                Ok(status) if status.is_final() => {
                    schedule.remove(&id);
                }
                Ok(_) => {
                    // Submitted: ask for news at the poll interval.
                    schedule.insert(
                        id,
                        Schedule {
                            due: Instant::now() + self.config.poll_interval,
                            delays: self.delays(),
                        },
                    );
                }
                Err(e) => {
                    open += 1;
                    let entry = schedule.entry(id).or_insert_with(|| Schedule {
                        due: now,
                        delays: self.delays(),
                    });
                    let mut wait = if transient(&e) {
                        entry.delays.next().unwrap_or(self.config.backoff_max)
                    } else {
                        // Refused for a reason a retry soon will not change (a key, a
                        // file, an answer that is not the API): the longest wait.
                        self.config.backoff_max
                    };
                    if let OutboxError::Refused {
                        retry_after: Some(s),
                        ..
                    } = e
                    {
                        // Retry-After is honoured, up to an hour.
                        wait = wait.max(Duration::from_secs(s.min(3600)));
                    }
                    entry.due = Instant::now() + wait;
                    // A stable code only: never a server's words or an answer.
                    tracing::info!(
                        reason = %error_code(&e),
                        retry_in_ms = wait.as_millis(),
                        "outbox-try-failed"
                    );
                }
            }
        }
        Ok(open)
    }

    fn delays(&self) -> backon::ExponentialBackoff {
        backon::ExponentialBuilder::default()
            .with_min_delay(self.config.backoff_min)
            .with_max_delay(self.config.backoff_max)
            .with_jitter()
            .without_max_times()
            .build()
    }

    /// When the next application is due (None: nothing scheduled, wait for a nudge).
    fn next_due(&self) -> Option<Instant> {
        lock(&self.schedule).values().map(|s| s.due).min()
    }

    /// The worker: sends what is due, then sleeps until the next due time or a nudge,
    /// until `shutdown` resolves. Never busy-loops: without a due application it waits
    /// for a nudge alone.
    pub async fn run(&self, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        loop {
            if let Err(e) = self.send_due().await {
                tracing::warn!(error = %e, "the outbox could not list its applications");
            }
            let next = self.next_due();
            tokio::select! {
                () = &mut shutdown => return,
                () = self.nudge.notified() => {}
                () = async {
                    match next {
                        Some(at) => tokio::time::sleep_until(at).await,
                        None => std::future::pending().await,
                    }
                } => {}
            }
        }
    }
}

fn encode_application(app: &FrozenApplication) -> Result<Vec<u8>, OutboxError> {
    let mut out = Vec::new();
    ciborium::into_writer(app, &mut out)
        .map_err(|_| OutboxError::Record("the application cannot be written".into()))?;
    Ok(out)
}

fn decode_application(bytes: &[u8]) -> Result<FrozenApplication, OutboxError> {
    ciborium::from_reader(bytes)
        .map_err(|_| OutboxError::Record("the application is not readable".into()))
}

/// For tests: the value a metadata check sees.
#[doc(hidden)]
pub fn metadata_of(app: &FrozenApplication) -> Result<Value, OutboxError> {
    serde_json::from_slice(&app.metadata)
        .map_err(|_| OutboxError::Record("the metadata is not JSON".into()))
}
