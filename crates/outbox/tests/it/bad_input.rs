//! What comes back wrong: a destination key that fails its checks, an event token with
//! a bad signature, an answer that is not the API, a problem type the API does not
//! have; and files the application may not carry. Each is a clear error, the
//! application stays waiting, nothing is sent half; once the cause is gone it is sent
//! once.

use amtsweg_outbox::{KeyRefusal, Outbox, OutboxError, Status};
use serde_json::{Value, json};

use super::proxy::{Fault, Proxy};
use crate::support::*;

const KEY: &str = "GET /v1/destinations/*/keys/";
const CREATE: &str = "POST /v1/submissions";
const SUBMIT: &str = "PUT /v1/submissions/*$";
const EVENTS: &str = "GET /v1/cases/";

struct Setup {
    server: TestServer,
    proxy: Proxy,
    outbox: Outbox,
    _vault: TestVault,
    id: String,
}

async fn setup(procedure: &str, adjust: impl FnOnce(&mut amtsweg_outbox::Submit)) -> Setup {
    let proxy = Proxy::listen().await;
    let url = proxy.url();
    let server = TestServer::start_with(|c| c.public_url = Some(url)).await;
    proxy.forward_to(server.addr);
    let test_vault = TestVault::new();
    let vault = test_vault.open();
    let (outbox, _) = outbox(&vault, fast_config());
    let mut submit = submit_from(&vault, &proxy.url(), procedure, 2_000);
    adjust(&mut submit);
    let id = outbox.freeze(submit).expect("frozen");
    Setup {
        server,
        proxy,
        outbox,
        _vault: test_vault,
        id,
    }
}

fn with_key(body: &[u8], change: impl Fn(&mut serde_json::Map<String, Value>)) -> Vec<u8> {
    let mut jwk: Value = serde_json::from_slice(body).expect("a JWK");
    change(jwk.as_object_mut().expect("an object"));
    serde_json::to_vec(&jwk).expect("JSON")
}

fn short_modulus(body: &[u8]) -> Vec<u8> {
    // 2048 bits: the modulus's first 256 bytes (its top bit stays set).
    with_key(body, |k| {
        let n = k["n"].as_str().expect("n");
        k.insert("n".into(), Value::from(&n[..342]));
    })
}

fn without_wrap_key(body: &[u8]) -> Vec<u8> {
    with_key(body, |k| {
        k.insert("key_ops".into(), json!(["encrypt"]));
    })
}

fn another_kid(body: &[u8]) -> Vec<u8> {
    with_key(body, |k| {
        k.insert("kid".into(), Value::from("another-key"));
    })
}

fn without_chain(body: &[u8]) -> Vec<u8> {
    with_key(body, |k| {
        k.remove("x5c");
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_destination_key_that_fails_a_check_seals_and_sends_nothing() {
    type Change = fn(&[u8]) -> Vec<u8>;
    let cases: [(Change, KeyRefusal); 4] = [
        (short_modulus, KeyRefusal::TooWeak),
        (without_wrap_key, KeyRefusal::WrongUse),
        (another_kid, KeyRefusal::WrongKid),
        (without_chain, KeyRefusal::NoCertificate),
    ];
    for (change, refusal) in cases {
        let s = setup("dog-tax-registration", |_| {}).await;
        s.proxy.set(KEY, Fault::Rewrite(change));
        let e = s.outbox.send(&s.id).await.expect_err("refused");
        assert!(
            matches!(e, OutboxError::DestinationKey(r) if r == refusal),
            "{refusal}: {e:?}"
        );
        assert_eq!(
            s.outbox.status(&s.id).expect("status"),
            Status::Waiting {
                last_error: Some(format!("destination-key:{refusal}"))
            }
        );
        assert_eq!(s.proxy.seen(CREATE), 0, "{refusal}: nothing announced");
        assert!(s.server.submissions().is_empty(), "{refusal}");
        // The municipality fixes its key: the application goes, once.
        s.proxy.clear().await;
        let status = send_until_submitted(&s.outbox, &s.id, 1).await;
        assert!(matches!(status, Status::Submitted { .. }), "{refusal}");
        assert_eq!(s.server.submitted(), 1, "{refusal}");
    }
}

fn tampered_tokens(body: &[u8]) -> Vec<u8> {
    let mut log: Value = serde_json::from_slice(body).expect("an event log");
    for token in log["eventLog"].as_array_mut().expect("tokens") {
        let mut text = token.as_str().expect("a token").to_owned();
        // One character of the signature changed (the last one may carry padding bits).
        let at = text.len() - 5;
        let c = if &text[at..=at] == "A" { "B" } else { "A" };
        text.replace_range(at..=at, c);
        *token = Value::from(text);
    }
    serde_json::to_vec(&log).expect("JSON")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_token_with_a_bad_signature_does_not_count() {
    let s = setup("dog-tax-registration", |_| {}).await;
    let Status::Submitted { case_id } = send_until_submitted(&s.outbox, &s.id, 1).await else {
        panic!("not submitted");
    };
    amtsweg_municipal_api::decide(s.server.data.path(), &case_id, "accept", None).expect("decide");
    s.proxy.set(EVENTS, Fault::Rewrite(tampered_tokens));
    let e = s.outbox.send(&s.id).await.expect_err("refused");
    assert!(matches!(e, OutboxError::EventRefused(_)), "{e:?}");
    assert_eq!(
        s.outbox.status(&s.id).expect("status"),
        Status::Submitted {
            case_id: case_id.clone()
        },
        "a forged acceptance is not an acceptance"
    );
    s.proxy.clear().await;
    assert_eq!(
        s.outbox.send(&s.id).await.expect("news"),
        Status::Accepted { case_id }
    );
    assert_eq!(s.server.submitted(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_that_is_not_the_api_or_an_unknown_problem_is_garbage() {
    let cases = [
        (
            CREATE,
            Fault::Answer {
                status: 201,
                content_type: "text/html",
                body: b"<html><body>Wartungsarbeiten</body></html>".to_vec(),
            },
        ),
        (
            SUBMIT,
            Fault::Answer {
                status: 200,
                content_type: "application/json",
                body: br#"{"ok":true}"#.to_vec(),
            },
        ),
        (
            SUBMIT,
            Fault::Answer {
                status: 422,
                content_type: "application/problem+json",
                body:
                    br#"{"type":"https://example.org/problems/quota","title":"Quota","status":422}"#
                        .to_vec(),
            },
        ),
    ];
    for (on, fault) in cases {
        let s = setup("certificate-of-registration", |_| {}).await;
        s.proxy.set(on, fault);
        let e = s.outbox.send(&s.id).await.expect_err("garbage");
        assert!(matches!(e, OutboxError::Garbage(_)), "{on}: {e:?}");
        let status = s.outbox.status(&s.id).expect("status");
        assert!(
            matches!(
                &status,
                Status::Waiting { last_error: Some(c) } | Status::Sending { last_error: Some(c) }
                    if c == "garbage"
            ),
            "{on}: {status:?}"
        );
        assert_eq!(s.server.submitted(), 0, "{on}: nothing submitted");
        s.proxy.clear().await;
        send_until_submitted(&s.outbox, &s.id, 1).await;
        assert_eq!(s.server.submitted(), 1, "{on}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_over_its_limit_or_of_a_forbidden_type_is_never_sent() {
    let too_big = |submit: &mut amtsweg_outbox::Submit| {
        let file = submit.attachments.last_mut().expect("a file");
        let media_type = file.media_type.clone();
        file.bytes = file_bytes(&media_type, &file.attachment_id, 10 * 1024 * 1024 + 1);
    };
    let forbidden = |submit: &mut amtsweg_outbox::Submit| {
        let file = submit.attachments.last_mut().expect("a file");
        file.media_type = "application/x-msdownload".into();
        file.bytes = b"MZ\x90\x00".to_vec();
    };
    type Change = Box<dyn Fn(&mut amtsweg_outbox::Submit)>;
    let cases: [(&str, Change); 2] = [
        ("too big", Box::new(too_big)),
        ("forbidden", Box::new(forbidden)),
    ];
    for (what, change) in cases {
        let s = setup("resident-parking-permit", |submit| change(submit)).await;
        let e = s.outbox.send(&s.id).await.expect_err("refused");
        assert!(
            matches!(e, OutboxError::AttachmentRefused(_)),
            "{what}: {e:?}"
        );
        assert_eq!(
            s.outbox.status(&s.id).expect("status"),
            Status::Waiting {
                last_error: Some("attachment-refused".into())
            },
            "{what}"
        );
        assert_eq!(s.proxy.seen(CREATE), 0, "{what}: nothing announced");
        assert!(s.server.submissions().is_empty(), "{what}");
        // It stays in the outbox (listed, waiting), not forgotten.
        let listed = s.outbox.applications().expect("list");
        assert_eq!(listed.len(), 1);
        assert!(matches!(&listed[0].1, Ok(Status::Waiting { .. })), "{what}");
    }
}
