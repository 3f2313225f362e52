//! The municipality's signed catalog, fetched from its server (`GET {endpoint}/v1/catalog`,
//! docs/municipal-api.openapi.yaml) while Amtsweg runs, verified exactly as a catalog
//! file offered at start is ([`super::catalog::accept`]: pinned publisher key, this
//! release's minimum sequence, signed expiry, newer than the last good one, content that
//! loads) and kept as the last good catalog. A refused package changes nothing and is
//! logged with a stable reason, never with its bytes.
//!
//! A catalog kept here is taken into use at the next start, not now: a draft open in a
//! wizard was started under the catalog in use, and its pages, texts and rules must not
//! change under it.
//!
//! When: never on the start-up path. The thread waits first ([`CatalogFetchTiming`]:
//! 5 s after start, so the first screen and the vault come first), and only then builds
//! its HTTP client (TLS roots and all); afterwards every 6 hours, 15 minutes after a try
//! that reached nobody, and 2 s after the citizen chooses another municipality (so a
//! quick change of mind asks once). Nothing is asked while no municipality is chosen or
//! its endpoint is a reserved placeholder host. Each try's outcome goes to
//! [`Connectivity`]: any HTTP answer counts as answered.

use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use amtsweg_catalog::{CatalogError, CatalogStore, MAX_PACKAGE_BYTES};

use super::catalog::{self, CatalogInUse};
use super::connectivity::Connectivity;

/// When the catalog is asked for, and how long a call may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogFetchTiming {
    /// The wait after start before the first try.
    pub first: Duration,
    /// The wait after the citizen chose a municipality.
    pub after_change: Duration,
    /// The wait after a try that reached the server.
    pub every: Duration,
    /// The wait after a try that reached nobody.
    pub retry: Duration,
    /// The time limit to connect.
    pub connect: Duration,
    /// The time limit of the whole call, the package included.
    pub request: Duration,
}

impl Default for CatalogFetchTiming {
    fn default() -> Self {
        Self {
            first: Duration::from_secs(5),
            after_change: Duration::from_secs(2),
            every: Duration::from_secs(6 * 60 * 60),
            retry: Duration::from_secs(15 * 60),
            connect: Duration::from_secs(10),
            request: Duration::from_secs(60),
        }
    }
}

/// What one try found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogFetched {
    /// A newer catalog was verified and kept as the last good one: used from the next
    /// start.
    Stored { sequence: u64 },
    /// The server's package is the last good one already.
    Unchanged,
    /// The package was refused ([`CatalogError::reason`]); the last good one stays.
    Refused { reason: &'static str },
    /// The server answered without a package (`404 catalog-not-published`, or another
    /// status).
    NoCatalog { status: u16 },
    /// Nobody answered: no network, the server is down, a timeout, a failed TLS
    /// handshake.
    Unreachable,
    /// Nothing to ask: no municipality chosen, or its endpoint is a placeholder.
    NothingToAsk,
}

/// What the fetching thread is told.
enum Wake {
    /// The citizen chose a municipality.
    Changed,
    /// Amtsweg quits.
    Stop,
}

/// The municipality's catalog, fetched in the background.
pub struct CatalogFetch {
    fetcher: Arc<Fetcher>,
    wake: Mutex<Option<Sender<Wake>>>,
}

impl std::fmt::Debug for CatalogFetch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CatalogFetch")
            .field("timing", &self.fetcher.timing)
            .finish_non_exhaustive()
    }
}

impl CatalogFetch {
    /// Starts the fetching thread; its first try comes after `timing.first`. `endpoint`
    /// replaces every municipality's endpoint (the tests' reference server; the same
    /// override as [`super::ApplicationsConfig::endpoint`], since catalog and
    /// submissions come from the one server).
    pub fn start(
        catalog: Arc<CatalogInUse>,
        store: CatalogStore,
        connectivity: Arc<Connectivity>,
        endpoint: Option<String>,
        timing: CatalogFetchTiming,
    ) -> Self {
        let fetcher = Arc::new(Fetcher {
            catalog,
            store,
            connectivity,
            endpoint,
            timing,
            one_at_a_time: Mutex::new(()),
        });
        let (sender, receiver) = std::sync::mpsc::channel();
        let working = Arc::clone(&fetcher);
        let spawned = std::thread::Builder::new()
            .name("catalog-fetch".into())
            .spawn(move || schedule(&receiver, timing, || working.fetch_once()));
        let wake = match spawned {
            // Not joined at quit: a try in flight may end on its own (the store replaces
            // its file atomically, so an exit in the middle leaves the last good one).
            Ok(_) => Some(sender),
            Err(error) => {
                // The app works with the catalog it has; the next start tries again.
                tracing::warn!(%error, "catalog-fetch-not-started");
                None
            }
        };
        Self {
            fetcher,
            wake: Mutex::new(wake),
        }
    }

    /// The citizen chose a municipality: its catalog is asked for shortly.
    pub fn municipality_changed(&self) {
        self.send(Wake::Changed);
    }

    /// Asks now, on the calling thread, and waits for the outcome (the catalog screen's
    /// "look for a newer catalog", the tests). Not from inside an async runtime.
    pub fn fetch_now(&self) -> CatalogFetched {
        self.fetcher.fetch_once()
    }

    /// Amtsweg quits: no further try starts.
    pub fn quit(&self) {
        self.send(Wake::Stop);
        self.wake
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
    }

    fn send(&self, wake: Wake) {
        if let Some(sender) = self
            .wake
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
        {
            // A thread that ended has nothing left to do.
            let _ = sender.send(wake);
        }
    }
}

impl Drop for CatalogFetch {
    fn drop(&mut self) {
        self.quit();
    }
}

/// The fetching thread: tries when due, until told to stop or its sender is gone.
fn schedule(
    wake: &Receiver<Wake>,
    timing: CatalogFetchTiming,
    mut fetch: impl FnMut() -> CatalogFetched,
) {
    let mut due = Instant::now() + timing.first;
    loop {
        match wake.recv_timeout(due.saturating_duration_since(Instant::now())) {
            Ok(Wake::Changed) => due = Instant::now() + timing.after_change,
            Ok(Wake::Stop) | Err(RecvTimeoutError::Disconnected) => return,
            Err(RecvTimeoutError::Timeout) => {
                let wait = match fetch() {
                    CatalogFetched::Unreachable => timing.retry,
                    _ => timing.every,
                };
                due = Instant::now() + wait;
            }
        }
    }
}

/// One try's work, shared by the thread and [`CatalogFetch::fetch_now`].
struct Fetcher {
    catalog: Arc<CatalogInUse>,
    store: CatalogStore,
    connectivity: Arc<Connectivity>,
    endpoint: Option<String>,
    timing: CatalogFetchTiming,
    /// The thread and a caller of `fetch_now` do not try at once.
    one_at_a_time: Mutex<()>,
}

/// Why a download gave no package.
enum Failed {
    /// No HTTP answer.
    Unreachable(&'static str),
    /// An answer larger than any package may be.
    TooLarge,
}

impl Fetcher {
    /// The chosen municipality's server, when there is one to ask: HTTPS, or plain HTTP
    /// on this computer only (the same rule as the outbox's).
    fn base(&self) -> Option<String> {
        let municipality = self.catalog.municipality()?;
        let endpoint = match &self.endpoint {
            Some(endpoint) => endpoint.clone(),
            // A reserved example host can never answer; asking it would only log
            // failures and show the citizen "offline".
            None if municipality.endpoint().is_placeholder() => return None,
            None => municipality.endpoint().as_str().to_owned(),
        };
        match amtsweg_outbox::check_endpoint(&endpoint) {
            Ok(base) => Some(base),
            Err(error) => {
                tracing::warn!(%error, "catalog-fetch-endpoint-refused");
                None
            }
        }
    }

    fn fetch_once(&self) -> CatalogFetched {
        let _one = self
            .one_at_a_time
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let Some(base) = self.base() else {
            return CatalogFetched::NothingToAsk;
        };
        let began = Instant::now();
        let answer = self.download(&base);
        let downloaded_ms = began.elapsed().as_secs_f64() * 1000.0;
        let fetched = match answer {
            Err(Failed::Unreachable(kind)) => {
                tracing::warn!(kind, "catalog-fetch-unreachable");
                CatalogFetched::Unreachable
            }
            Err(Failed::TooLarge) => {
                tracing::warn!(reason = "too-large", "catalog-fetch-refused");
                CatalogFetched::Refused {
                    reason: "too-large",
                }
            }
            // "Delete all my data" (which forgets the municipality) while the package was
            // on its way: nothing is kept for a citizen who asked for nothing to be kept.
            Ok((200, _)) if self.catalog.municipality().is_none() => CatalogFetched::NothingToAsk,
            Ok((200, bytes)) => self.take(&bytes),
            Ok((status, _)) => {
                tracing::info!(status, "catalog-fetch-no-catalog");
                CatalogFetched::NoCatalog { status }
            }
        };
        tracing::debug!(
            downloaded_ms = format_args!("{downloaded_ms:.1}"),
            verified_ms = format_args!(
                "{:.1}",
                began.elapsed().as_secs_f64() * 1000.0 - downloaded_ms
            ),
            "catalog-fetch-done"
        );
        fetched
    }

    /// Verifies and keeps `bytes` as the store does with an offered file.
    fn take(&self, bytes: &[u8]) -> CatalogFetched {
        match catalog::accept(&self.store, bytes) {
            Ok(verified) => {
                tracing::info!(
                    sequence = verified.sequence(),
                    "catalog-fetch-stored; used from the next start"
                );
                CatalogFetched::Stored {
                    sequence: verified.sequence(),
                }
            }
            Err(CatalogError::NotNewer { sequence, in_use })
                if sequence == in_use && self.is_stored(bytes) =>
            {
                tracing::debug!(sequence, "catalog-fetch-unchanged");
                CatalogFetched::Unchanged
            }
            Err(error) => {
                // The reason only: the error's text may quote the package.
                let reason = error.reason();
                tracing::warn!(reason, "catalog-fetch-refused");
                CatalogFetched::Refused { reason }
            }
        }
    }

    fn is_stored(&self, bytes: &[u8]) -> bool {
        std::fs::read(self.store.path()).is_ok_and(|stored| stored == bytes)
    }

    /// `GET {base}/v1/catalog`: the status and, for `200`, the body (at most
    /// [`MAX_PACKAGE_BYTES`]). The runtime and client live for this one call: a try
    /// every few hours needs no pool kept warm, nor memory held between tries.
    fn download(&self, base: &str) -> Result<(u16, Vec<u8>), Failed> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|_| Failed::Unreachable("no runtime"))?;
        let client = reqwest::Client::builder()
            .connect_timeout(self.timing.connect)
            .timeout(self.timing.request)
            // The API never redirects; a redirect could lead off the municipality's host.
            .redirect(reqwest::redirect::Policy::none())
            .https_only(base.starts_with("https:"))
            .user_agent(concat!("Amtsweg/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|_| Failed::Unreachable("no HTTP client"))?;
        let url = format!("{base}/v1/catalog");
        runtime.block_on(async {
            let mut answer = client
                .get(url)
                .header(reqwest::header::ACCEPT, "application/json")
                .send()
                .await
                .map_err(|e| {
                    self.connectivity.record(false);
                    Failed::Unreachable(network_kind(&e))
                })?;
            // Any answer shows the server is there, a refusal included.
            self.connectivity.record(true);
            let status = answer.status().as_u16();
            if status != 200 {
                return Ok((status, Vec::new()));
            }
            let limit = MAX_PACKAGE_BYTES as u64;
            if answer.content_length().is_some_and(|n| n > limit) {
                return Err(Failed::TooLarge);
            }
            let mut body = Vec::new();
            while let Some(chunk) = answer
                .chunk()
                .await
                .map_err(|e| Failed::Unreachable(network_kind(&e)))?
            {
                if body.len() + chunk.len() > MAX_PACKAGE_BYTES {
                    return Err(Failed::TooLarge);
                }
                body.extend_from_slice(&chunk);
            }
            Ok((status, body))
        })
    }
}

/// What went wrong, without reqwest's message (which names the URL).
fn network_kind(e: &reqwest::Error) -> &'static str {
    if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else if e.is_body() || e.is_decode() {
        "the answer broke off"
    } else {
        "the connection failed"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: Duration = Duration::from_secs(3600);
    /// Only ends a test that would otherwise hang; nothing waits this long when it works.
    const HANG: Duration = Duration::from_secs(60);

    fn timing(first: Duration) -> CatalogFetchTiming {
        CatalogFetchTiming {
            first,
            after_change: Duration::ZERO,
            every: HOUR,
            retry: HOUR,
            ..CatalogFetchTiming::default()
        }
    }

    /// Runs the schedule on a thread; each try is reported on the returned receiver.
    fn scheduled(
        timing: CatalogFetchTiming,
        outcome: CatalogFetched,
    ) -> (Sender<Wake>, Receiver<()>, std::thread::JoinHandle<()>) {
        let (wake, woken) = std::sync::mpsc::channel();
        let (tried, tries) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            schedule(&woken, timing, || {
                let _ = tried.send(());
                outcome.clone()
            });
        });
        (wake, tries, thread)
    }

    #[test]
    fn the_first_try_comes_after_the_first_wait_and_the_next_only_when_due() {
        let (wake, tries, thread) = scheduled(timing(Duration::ZERO), CatalogFetched::Unchanged);
        assert_eq!(tries.recv_timeout(HANG), Ok(()), "the first try");
        // The next is an hour away; stopping ends the thread without it.
        wake.send(Wake::Stop).expect("send");
        thread.join().expect("the thread ends");
        assert!(tries.try_recv().is_err(), "no second try");
    }

    #[test]
    fn a_change_of_municipality_asks_again_without_waiting_for_the_period() {
        let (wake, tries, thread) = scheduled(timing(HOUR), CatalogFetched::Unchanged);
        wake.send(Wake::Changed).expect("send");
        assert_eq!(tries.recv_timeout(HANG), Ok(()), "tried after the change");
        drop(wake);
        thread.join().expect("a dropped sender ends the thread");
        assert!(tries.try_recv().is_err(), "once");
    }

    #[test]
    fn a_try_that_reached_nobody_is_repeated_after_the_retry_wait() {
        let mut timing = timing(Duration::ZERO);
        timing.retry = Duration::ZERO;
        let (wake, tries, thread) = scheduled(timing, CatalogFetched::Unreachable);
        assert_eq!(tries.recv_timeout(HANG), Ok(()));
        assert_eq!(
            tries.recv_timeout(HANG),
            Ok(()),
            "retried, not after `every`"
        );
        wake.send(Wake::Stop).expect("send");
        thread.join().expect("ends");
    }
}
