//! Faults between client and server, injected by the proxy (`proxy.rs`): for each, the
//! server ends with exactly one submitted application and the client's status is right.
//! The client's own timeouts and the server's answers are the clock: no sleeps.

use std::sync::Arc;
use std::time::{Duration, Instant};

use amtsweg_outbox::{Outbox, OutboxError, Status};

use super::proxy::{Fault, Proxy};
use crate::support::*;

const CREATE: &str = "POST /v1/submissions";
const UPLOAD: &str = "PUT /v1/submissions/*/attachments/";
const SUBMIT: &str = "PUT /v1/submissions/*$";

/// A server behind a proxy; the server publishes the proxy's URL (assertions' audience).
struct Setup {
    server: TestServer,
    proxy: Proxy,
    _vault_dir: TestVault,
    outbox: Outbox,
    reports: Reports,
    id: String,
}

async fn setup(adjust: impl FnOnce(&mut amtsweg_outbox::OutboxConfig)) -> Setup {
    let proxy = Proxy::listen().await;
    let url = proxy.url();
    let server = TestServer::start_with(|c| c.public_url = Some(url)).await;
    proxy.forward_to(server.addr);
    let test_vault = TestVault::new();
    let vault = test_vault.open();
    let mut config = fast_config();
    adjust(&mut config);
    let (outbox, reports) = outbox(&vault, config);
    let id = outbox
        .freeze(submit_from(
            &vault,
            &proxy.url(),
            "dog-tax-deregistration",
            5_000,
        ))
        .expect("frozen");
    Setup {
        server,
        proxy,
        _vault_dir: test_vault,
        outbox,
        reports,
        id,
    }
}

impl Setup {
    /// Exactly one submitted application at the server, and the client says submitted
    /// under its case.
    fn assert_one_submitted(&self, status: &Status) {
        let submitted: Vec<_> = self
            .server
            .submissions()
            .into_iter()
            .filter(|s| s["status"] == "submitted")
            .collect();
        assert_eq!(submitted.len(), 1, "exactly one submitted: {submitted:?}");
        assert_eq!(
            status,
            &Status::Submitted {
                case_id: submitted[0]["caseId"].as_str().expect("case").to_owned()
            }
        );
        assert_eq!(&self.outbox.status(&self.id).expect("status"), status);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_refused_then_back() {
    let s = setup(|_| {}).await;
    s.proxy.refuse().await;
    let e = s.outbox.send(&s.id).await.expect_err("refused");
    assert!(matches!(e, OutboxError::Network(_)), "{e:?}");
    assert_eq!(
        s.outbox.status(&s.id).expect("status"),
        Status::Waiting {
            last_error: Some("network".into())
        }
    );
    assert!(
        s.server.submissions().is_empty(),
        "nothing reached the server"
    );
    s.proxy.clear().await;
    let status = send_until_submitted(&s.outbox, &s.id, 1).await;
    s.assert_one_submitted(&status);
}

/// The request reached the server, which did its work; its answer never arrived.
async fn answer_lost(on: &str) {
    let s = setup(|_| {}).await;
    s.proxy.set_first(on, 1, Fault::DropAfterRequest);
    let e = s.outbox.send(&s.id).await.expect_err("answer lost");
    assert!(matches!(e, OutboxError::Network(_)), "{on}: {e:?}");
    assert_eq!(s.proxy.forwarded(on), 1, "{on}: the server had the request");
    let status = send_until_submitted(&s.outbox, &s.id, 2).await;
    s.assert_one_submitted(&status);
    assert!(s.proxy.seen(on) >= 2, "{on}: tried again");
    if on != CREATE {
        // The retry sent exactly the bytes sealed before the loss (the JWEs are in the
        // bodies; a new sealing would differ in every random key and IV).
        let bodies = s.proxy.bodies(on);
        assert_eq!(bodies[0], bodies[1], "{on}: the same bytes");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_answer_to_create_is_lost() {
    // The first announcement stays behind, never submitted (it expires at the server).
    answer_lost(CREATE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_answer_to_an_upload_is_lost() {
    answer_lost(UPLOAD).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_answer_to_submit_is_lost() {
    // The server submitted it; the repeat is answered 409 already-submitted: done.
    answer_lost(SUBMIT).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_never_answers() {
    let s = setup(|c| c.timeouts.request = Duration::from_millis(700)).await;
    s.proxy.set_first(SUBMIT, 1, Fault::Blackhole);
    let e = s.outbox.send(&s.id).await.expect_err("timed out");
    assert!(
        matches!(&e, OutboxError::Network(m) if m == "timed out"),
        "{e:?}"
    );
    assert_eq!(
        s.outbox.status(&s.id).expect("status"),
        Status::Sending {
            last_error: Some("network".into())
        }
    );
    let status = send_until_submitted(&s.outbox, &s.id, 1).await;
    s.assert_one_submitted(&status);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_requests_waits_as_long_as_retry_after_says() {
    let s = setup(|_| {}).await;
    s.proxy.set_first(
        CREATE,
        1,
        Fault::Status {
            status: 429,
            retry_after: Some(1),
        },
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = {
        let outbox = Arc::new(s.outbox);
        let run = outbox.clone();
        let task = tokio::spawn(async move {
            run.run(async {
                let _ = stopped.await;
            })
            .await;
        });
        (outbox, task)
    };
    s.proxy.wait_seen(CREATE, 1).await;
    let refused_at = Instant::now();
    s.proxy.wait_seen(CREATE, 2).await;
    let waited = refused_at.elapsed();
    // The backoff alone would have tried again after 20-200 ms.
    assert!(
        waited >= Duration::from_secs(1),
        "tried again after {waited:?}"
    );
    let status = s.reports.wait_for(&s.id, Status::is_submitted).await;
    let _ = stop.send(());
    worker.1.await.expect("worker");
    let outbox = worker.0;
    let submitted: Vec<_> = s
        .server
        .submissions()
        .into_iter()
        .filter(|x| x["status"] == "submitted")
        .collect();
    assert_eq!(submitted.len(), 1);
    assert_eq!(
        status,
        Status::Submitted {
            case_id: submitted[0]["caseId"].as_str().expect("case").to_owned()
        }
    );
    assert_eq!(outbox.status(&s.id).expect("status"), status);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn service_unavailable_is_retried_with_backoff() {
    let s = setup(|_| {}).await;
    s.proxy.set_first(
        UPLOAD,
        3,
        Fault::Status {
            status: 503,
            retry_after: None,
        },
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let outbox = Arc::new(s.outbox);
    let run = outbox.clone();
    let task = tokio::spawn(async move {
        run.run(async {
            let _ = stopped.await;
        })
        .await;
    });
    let status = s.reports.wait_for(&s.id, Status::is_submitted).await;
    let _ = stop.send(());
    task.await.expect("worker");
    assert_eq!(
        s.proxy.seen(UPLOAD) - s.proxy.forwarded(UPLOAD),
        3,
        "three refused"
    );
    let submitted: Vec<_> = s
        .server
        .submissions()
        .into_iter()
        .filter(|x| x["status"] == "submitted")
        .collect();
    assert_eq!(submitted.len(), 1);
    assert!(matches!(status, Status::Submitted { .. }));
    assert_eq!(outbox.status(&s.id).expect("status"), status);
}
