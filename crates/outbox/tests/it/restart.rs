//! The client killed between a step at the server and recording it, then started
//! again: the server ends with exactly one submitted application, and the client knows
//! it as submitted under that submission's case.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use amtsweg_outbox::Status;

use crate::support::*;

/// Starts the child on application `id`, waits until it reaches `failpoint`, kills it.
fn kill_child_at(vault: &TestVault, id: &str, failpoint: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_amtsweg-outbox-test-child"))
        .arg(vault.dir.path())
        .arg(id)
        .env("AMTSWEG_TEST_VAULT_KEYS", &vault.keys_text)
        .env("AMTSWEG_OUTBOX_FAILPOINT", failpoint)
        .env("AMTSWEG_TEST_ROOTS", amtsweg_municipal_api::DEMO_CA_CERT)
        .stdout(Stdio::piped())
        .spawn()
        .expect("child");
    let stdout = child.stdout.take().expect("stdout");
    let mut reached = false;
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("line");
        if line == format!("FAILPOINT {failpoint}") {
            reached = true;
            break;
        }
        assert!(
            !line.starts_with("DONE") && !line.starts_with("FAILED"),
            "the child ended before {failpoint}: {line}"
        );
    }
    child.kill().expect("kill");
    let _ = child.wait();
    assert!(reached, "the child never reached {failpoint}");
}

async fn killed_then_restarted(failpoint: &str) {
    let server = TestServer::start().await;
    let vault = TestVault::new();
    let id = {
        let opened = vault.open();
        let (outbox, _) = outbox(&opened, fast_config());
        outbox
            .freeze(submit_from(
                &opened,
                &server.url,
                "resident-parking-permit",
                3_000,
            ))
            .expect("frozen")
    };
    // The child blocks at the failpoint; waiting for it and killing it is blocking work.
    tokio::task::block_in_place(|| kill_child_at(&vault, &id, failpoint));

    let opened = vault.open();
    let (outbox, _) = outbox(&opened, fast_config());
    let status = send_until_submitted(&outbox, &id, 3).await;
    let Status::Submitted { case_id } = status else {
        panic!("{failpoint}: {status:?}");
    };
    let submitted: Vec<_> = server
        .submissions()
        .into_iter()
        .filter(|s| s["status"] == "submitted")
        .collect();
    assert_eq!(submitted.len(), 1, "{failpoint}: exactly one submitted");
    assert_eq!(submitted[0]["caseId"], case_id.as_str(), "{failpoint}");
    // Sending again changes nothing at the server.
    outbox.send(&id).await.expect("again");
    assert_eq!(server.submitted(), 1, "{failpoint}: still one");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_after_the_create_was_answered() {
    // The announced submission stays behind unsubmitted (it expires); a new one is made.
    killed_then_restarted("create:answered").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_after_the_uploads() {
    killed_then_restarted("upload:done").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_after_the_submit_was_answered() {
    // The server has it; the repeated submit answers 409 for this id: done.
    killed_then_restarted("submit:answered").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_after_a_step_was_recorded() {
    killed_then_restarted("step:recorded").await;
}
