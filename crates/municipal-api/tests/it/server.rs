use reqwest::Method;
use serde_json::{Value, json};

use crate::support::*;

fn decrypted_show(server: &TestServer, submission: &str) -> Value {
    amtsweg_municipal_api::show(&server.data_path(), submission).expect("show")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_submits_at_once_make_one_submitted_application() {
    let server = TestServer::start(|_| {}).await;
    let me = Installation::register(&server.url).await;
    let app = prepare(
        &me,
        &fixture("dog-tax-registration"),
        b"%PDF-1.7 test",
        "antrag.pdf",
    )
    .await;
    let (id, case) = announce_and_upload(&me, &app).await;
    let body = submit_body(&app);
    let path = format!("/v1/submissions/{id}");
    let (a, b) = tokio::join!(
        me.send(Method::PUT, &path, &body),
        me.send(Method::PUT, &path, &body)
    );
    let mut statuses = [a.0, b.0];
    statuses.sort_unstable();
    assert_eq!(
        statuses,
        [200, 409],
        "one submit wins, the other is already-submitted: {a:?} {b:?}"
    );
    let conflict = if a.0 == 409 { &a.1 } else { &b.1 };
    assert_eq!(conflict["type"], "urn:amtsweg:problem:already-submitted");
    let (status, events) = me.get(&format!("/v1/cases/{case}/events")).await;
    assert_eq!(status, 200);
    assert_eq!(events["count"], 1, "one submit event: {events}");
    let shown = decrypted_show(&server, &id);
    assert_eq!(shown["status"], "submitted");
    assert_eq!(
        shown["data"],
        fixture("dog-tax-registration")["data"],
        "the data arrived as sent"
    );
    assert_eq!(
        shown["attachments"][0]["sha512"],
        sha512_hex(b"%PDF-1.7 test")
    );
}

/// Replaces the walk's family name (F00000013, "Mustermann") wherever it is given with
/// `value`; returns how many.
fn mark_names(data: &mut Value, value: &str) -> usize {
    match data {
        Value::String(name) if name == "Mustermann" => {
            *name = value.to_owned();
            1
        }
        Value::Object(map) => map.values_mut().map(|v| mark_names(v, value)).sum(),
        Value::Array(items) => items.iter_mut().map(|v| mark_names(v, value)).sum(),
        _ => 0,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_never_contains_what_the_citizen_sent() {
    const MARKER: &str = "Quetzalcoatlowski";
    let server = TestServer::start(|_| {}).await;
    let me = Installation::register(&server.url).await;

    let mut accepted = fixture("dog-tax-registration");
    assert!(
        mark_names(&mut accepted["data"], MARKER) > 0,
        "the fixture has a name to mark"
    );
    let pdf = format!("%PDF-1.7 {MARKER}");
    let app = prepare(&me, &accepted, pdf.as_bytes(), &format!("{MARKER}.pdf")).await;
    let (id, _) = announce_and_upload(&me, &app).await;
    let (status, answer) = me
        .send(
            Method::PUT,
            &format!("/v1/submissions/{id}"),
            &submit_body(&app),
        )
        .await;
    assert_eq!(status, 200, "{answer}");

    // A refused submission too: the marker as the answer to a yes/no question.
    let mut refused = fixture("dog-tax-registration");
    let data = refused["data"].as_object_mut().expect("data object");
    let yes_no = data
        .iter()
        .find(|(_, v)| v.is_boolean())
        .map(|(k, _)| k.clone())
        .expect("a yes/no answer in the fixture");
    data.insert(yes_no, json!(MARKER));
    let app = prepare(&me, &refused, pdf.as_bytes(), "antrag.pdf").await;
    let (refused_id, _) = announce_and_upload(&me, &app).await;
    let (status, problem) = me
        .send(
            Method::PUT,
            &format!("/v1/submissions/{refused_id}"),
            &submit_body(&app),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["type"], "urn:amtsweg:problem:data-invalid");
    assert!(
        !problem.to_string().contains(MARKER),
        "the problem names where, not what: {problem}"
    );

    let logs = String::from_utf8_lossy(&logs().lock().expect("logs")).into_owned();
    assert!(
        logs.contains(&id),
        "the server logged the submission (the capture works)"
    );
    assert!(
        logs.contains(&refused_id) && logs.contains("data-invalid"),
        "and the refusal"
    );
    assert!(
        !logs.contains(MARKER),
        "no answer, file name or attachment content in the log"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_announced_submission_that_is_never_submitted_expires() {
    let server = TestServer::start(|c| c.announced_hours = 0).await;
    let me = Installation::register(&server.url).await;
    let app = prepare(&me, &fixture("dog-tax-registration"), b"%PDF", "a.pdf").await;
    let (first, _) = announce_and_upload(&me, &app).await;
    let (status, _) = me.get(&format!("/v1/submissions/{first}")).await;
    assert_eq!(status, 200, "there until the next create looks");
    announce_and_upload(&me, &app).await;
    let (status, problem) = me.get(&format!("/v1/submissions/{first}")).await;
    assert_eq!(
        (status, problem["type"].as_str()),
        (404, Some("urn:amtsweg:problem:submission-unknown"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_submitted_application_is_never_expired() {
    let server = TestServer::start(|c| c.announced_hours = 0).await;
    let me = Installation::register(&server.url).await;
    let app = prepare(&me, &fixture("dog-tax-registration"), b"%PDF", "a.pdf").await;
    let (id, _) = announce_and_upload(&me, &app).await;
    let (status, _) = me
        .send(
            Method::PUT,
            &format!("/v1/submissions/{id}"),
            &submit_body(&app),
        )
        .await;
    assert_eq!(status, 200);
    announce_and_upload(&me, &app).await;
    let (status, shown) = me.get(&format!("/v1/submissions/{id}")).await;
    assert_eq!((status, shown["status"].as_str()), (200, Some("submitted")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_is_decided_once_and_a_rejection_needs_a_reason() {
    let server = TestServer::start(|_| {}).await;
    let me = Installation::register(&server.url).await;
    let app = prepare(&me, &fixture("dog-tax-registration"), b"%PDF", "a.pdf").await;
    let (id, case) = announce_and_upload(&me, &app).await;
    let data = server.data_path();
    assert!(
        amtsweg_municipal_api::decide(&data, &case, "accept", None).is_err(),
        "an announced submission cannot be decided"
    );
    let (status, _) = me
        .send(
            Method::PUT,
            &format!("/v1/submissions/{id}"),
            &submit_body(&app),
        )
        .await;
    assert_eq!(status, 200);
    assert!(amtsweg_municipal_api::decide(&data, &case, "reject", None).is_err());
    amtsweg_municipal_api::decide(&data, &case, "forward", None).expect("forward");
    amtsweg_municipal_api::decide(&data, &case, "accept", None).expect("accept");
    assert!(amtsweg_municipal_api::decide(&data, &case, "reject", Some("late")).is_err());
    assert!(amtsweg_municipal_api::decide(&data, &case, "forward", None).is_err());
    let (_, events) = me.get(&format!("/v1/cases/{case}/events")).await;
    // The claims only: the signatures are checked by the contract tests with Node's jose.
    let claims: Vec<Value> = events["eventLog"]
        .as_array()
        .expect("log")
        .iter()
        .map(|token| {
            let part = token
                .as_str()
                .expect("token")
                .split('.')
                .nth(1)
                .expect("claims");
            serde_json::from_slice(
                &base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, part)
                    .expect("b64"),
            )
            .expect("json")
        })
        .collect();
    let kinds: Vec<String> = claims
        .iter()
        .map(|c| {
            c["events"]
                .as_object()
                .expect("events")
                .keys()
                .next()
                .expect("one")
                .clone()
        })
        .collect();
    let prefix = "https://schema.fitko.de/fit-connect/events/";
    assert_eq!(
        kinds,
        [
            "submit-submission",
            "forward-submission",
            "accept-submission"
        ]
        .map(|k| format!("{prefix}{k}"))
    );
    assert_eq!(decrypted_show(&server, &id)["decision"], "accept");
    let listed = amtsweg_municipal_api::list(&server.data_path()).expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["submissionId"], id.as_str());
    assert_eq!(listed[0]["caseId"], case.as_str());
    assert_eq!(listed[0]["decision"], "accept");
    assert_eq!(listed[0]["status"], "submitted");
    // Every event of the case names the server as published, the clerk's too.
    for c in &claims {
        assert_eq!(c["iss"], server.url.as_str());
    }
}

async fn register_from(server: &TestServer, forwarded_for: Option<&str>) -> u16 {
    // A key registered by hand, so that the header can be set.
    let me = Installation::unregistered(&server.url);
    let mut request = me
        .http
        .post(format!("{}/v1/installations", server.url))
        .bearer_auth(me.assertion())
        .json(&json!({"jwk": {"kty": "OKP", "crv": "Ed25519", "x": me.x}}));
    if let Some(address) = forwarded_for {
        request = request.header("x-forwarded-for", address);
    }
    request.send().await.expect("register").status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registrations_are_counted_per_address_and_behind_a_proxy_per_forwarded_address() {
    // Without trusting the proxy, X-Forwarded-For is the client's claim and is ignored.
    let server = TestServer::start(|c| c.registrations_per_hour = 1).await;
    assert_eq!(register_from(&server, Some("192.0.2.1")).await, 201);
    assert_eq!(
        register_from(&server, Some("192.0.2.2")).await,
        429,
        "one address: the loopback peer"
    );

    let server = TestServer::start(|c| {
        c.registrations_per_hour = 1;
        c.trust_forwarded_for = true;
    })
    .await;
    assert_eq!(register_from(&server, Some("192.0.2.1")).await, 201);
    assert_eq!(
        register_from(&server, Some("192.0.2.1")).await,
        429,
        "the same citizen again"
    );
    // The proxy appends the address it saw last; what the client claimed before is not used.
    assert_eq!(
        register_from(&server, Some("192.0.2.1, 192.0.2.2")).await,
        201,
        "another citizen"
    );
    assert_eq!(
        register_from(&server, Some("192.0.2.2, 192.0.2.3")).await,
        201
    );
    assert_eq!(
        register_from(&server, Some("198.51.100.9, 192.0.2.3")).await,
        429
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_over_its_routes_limit_is_refused_as_too_large() {
    let server = TestServer::start(|c| {
        c.attachment_limit = 4096;
        c.submit_limit = 2048;
    })
    .await;
    let me = Installation::register(&server.url).await;
    let app = prepare(&me, &fixture("dog-tax-registration"), b"%PDF", "a.pdf").await;
    let (id, _) = announce_and_upload(&me, &app).await;
    // The PDF's JWE (wrapped key alone: 683 characters) fits 4 KiB; 5 KiB does not.
    let big = "a".repeat(5 * 1024);
    let answer = me
        .http
        .put(format!(
            "{}/v1/submissions/{id}/attachments/{}",
            server.url, app.pdf_id
        ))
        .bearer_auth(me.assertion())
        .header("content-type", "application/jose")
        .body(big)
        .send()
        .await
        .expect("upload");
    assert_eq!(answer.status(), 413);
    let problem: Value = answer.json().await.expect("problem");
    assert_eq!(problem["type"], "urn:amtsweg:problem:body-too-large");
    // The submit body: two RSA-4096 JWEs are over 2 KiB.
    let (status, problem) = me
        .send(
            Method::PUT,
            &format!("/v1/submissions/{id}"),
            &submit_body(&app),
        )
        .await;
    assert_eq!(
        (status, problem["type"].as_str()),
        (413, Some("urn:amtsweg:problem:body-too-large"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_whose_body_never_comes_ends_with_request_timeout() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let server = TestServer::start(|c| c.request_timeout = std::time::Duration::from_secs(1)).await;
    let me = Installation::register(&server.url).await;
    let address = server.url.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    // Announces 100 bytes of body and sends none: a client holding the connection open.
    let request = format!(
        "POST /v1/submissions HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n",
        me.assertion()
    );
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut answer = Vec::new();
    let read = tokio::time::timeout(std::time::Duration::from_secs(20), async {
        let mut buffer = [0u8; 4096];
        loop {
            let n = stream.read(&mut buffer).await.expect("read");
            answer.extend_from_slice(&buffer[..n]);
            if n == 0 || String::from_utf8_lossy(&answer).contains("request-timeout") {
                break;
            }
        }
    })
    .await;
    assert!(read.is_ok(), "the server answered within 20 s");
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(
        text.contains("application/problem+json")
            && text.contains("urn:amtsweg:problem:request-timeout"),
        "{text}"
    );
}
