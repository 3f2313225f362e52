//! The fault-injecting proxy's own tests, against a small independent upstream (axum)
//! that records every request reaching it, so "the server saw it" is the server's word,
//! not the proxy's.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{Method, StatusCode, Uri};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::proxy::{Fault, Proxy};

/// One request as the upstream received it.
#[derive(Debug, Clone)]
struct Hit {
    line: String,
    peer: SocketAddr,
}

/// An HTTP server that answers every request `200` with the request's body echoed and
/// the connection's client address in `x-peer`.
struct Upstream {
    address: SocketAddr,
    hits: Arc<Mutex<Vec<Hit>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Upstream {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn echo(
    State(hits): State<Arc<Mutex<Vec<Hit>>>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> (StatusCode, [(&'static str, String); 1], Bytes) {
    hits.lock().expect("hits").push(Hit {
        line: format!("{method} {uri}"),
        peer,
    });
    (StatusCode::OK, [("x-peer", peer.to_string())], body)
}

impl Upstream {
    async fn start() -> Upstream {
        let hits = Arc::new(Mutex::new(Vec::new()));
        let app = axum::Router::new()
            .fallback(echo)
            .layer(axum::extract::DefaultBodyLimit::max(4 * 1024 * 1024))
            .with_state(hits.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let address = listener.local_addr().expect("address");
        let task = tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .expect("the upstream serves");
        });
        Upstream {
            address,
            hits,
            task,
        }
    }

    /// How many requests whose request line starts with `prefix` arrived.
    fn hits(&self, prefix: &str) -> usize {
        self.hits
            .lock()
            .expect("hits")
            .iter()
            .filter(|h| h.line.starts_with(prefix))
            .count()
    }

    fn peers(&self) -> Vec<SocketAddr> {
        let mut peers: Vec<SocketAddr> = self
            .hits
            .lock()
            .expect("hits")
            .iter()
            .map(|h| h.peer)
            .collect();
        peers.dedup();
        peers
    }
}

/// A client like the outbox's: keep-alive, a bound on every request (a guard against a
/// hanging test, never what a test waits for, except where the timeout is the point).
fn client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(timeout)
        .build()
        .expect("a client")
}

fn normal() -> reqwest::Client {
    client(Duration::from_secs(30))
}

async fn started() -> (Upstream, Proxy) {
    let upstream = Upstream::start().await;
    let proxy = Proxy::start(upstream.address).await;
    (upstream, proxy)
}

/// The `std::io::Error` under a client error, if any.
fn io_kind(error: &reqwest::Error) -> Option<std::io::ErrorKind> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        source = e.source();
    }
    None
}

#[tokio::test]
async fn requests_pass_with_their_bodies_over_one_kept_alive_connection_each_side() {
    let (upstream, proxy) = started().await;
    let http = normal();
    let url = proxy.url();

    let answer = http
        .get(format!("{url}/v1/routes?leikaKey=1"))
        .send()
        .await
        .expect("GET passes");
    assert_eq!(answer.status(), 200);
    assert!(answer.bytes().await.expect("body").is_empty());

    // A body larger than any single read, both ways.
    let big: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8).collect();
    let answer = http
        .put(format!("{url}/v1/submissions/s1/attachments/a1"))
        .body(big.clone())
        .send()
        .await
        .expect("PUT passes");
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.bytes().await.expect("body").as_ref(), &big[..]);

    let answer = http
        .post(format!("{url}/v1/submissions"))
        .json(&json!({"destinationId": "d"}))
        .send()
        .await
        .expect("POST passes");
    assert_eq!(
        answer.json::<Value>().await.expect("JSON"),
        json!({"destinationId": "d"})
    );

    assert_eq!(upstream.hits(""), 3);
    assert_eq!(proxy.connections(), 1, "the client's connection was reused");
    assert_eq!(
        upstream.peers().len(),
        1,
        "the proxy's connection to the server was reused"
    );
    assert_eq!(proxy.seen(""), 3);
    assert_eq!(proxy.forwarded(""), 3);
    assert_eq!(proxy.seen("/v1/submissions"), 2);
    assert_eq!(proxy.seen("PUT /v1/submissions/"), 1);
    assert_eq!(proxy.seen("GET /v1/submissions"), 0);
}

#[tokio::test]
async fn a_refusing_proxy_refuses_connections_until_cleared_on_the_same_port() {
    let (upstream, proxy) = started().await;
    let pooled = normal();
    let url = format!("{}/v1/routes", proxy.url());
    assert_eq!(pooled.get(&url).send().await.expect("passes").status(), 200);

    proxy.refuse().await;
    let error = normal().get(&url).send().await.expect_err("no connection");
    assert!(error.is_connect(), "{error:?}");
    assert_eq!(
        io_kind(&error),
        Some(std::io::ErrorKind::ConnectionRefused),
        "{error:?}"
    );
    // The kept-alive connection went down with the "server" as well.
    assert!(pooled.get(&url).send().await.is_err());
    assert_eq!(upstream.hits(""), 1);

    proxy.clear().await;
    assert!(proxy.url().ends_with(&proxy.address().port().to_string()));
    assert_eq!(
        normal().get(&url).send().await.expect("passes").status(),
        200
    );
    assert_eq!(pooled.get(&url).send().await.expect("passes").status(), 200);
    assert_eq!(upstream.hits(""), 3);
}

#[tokio::test]
async fn a_dropped_answer_fails_the_client_after_the_server_processed_the_request() {
    let (upstream, proxy) = started().await;
    let http = normal();
    let url = proxy.url();
    proxy.set("PUT /v1/submissions/", Fault::DropAfterRequest);

    let error = http
        .put(format!("{url}/v1/submissions/s1"))
        .json(&json!({"encryptedData": "x"}))
        .send()
        .await
        .expect_err("the answer is lost");
    assert!(!error.is_connect() && !error.is_timeout(), "{error:?}");
    assert_eq!(upstream.hits("PUT /v1/submissions/s1"), 1);
    assert_eq!(proxy.forwarded("PUT /v1/submissions/"), 1);

    // Only the matching requests: another method on the same path, and another path,
    // pass on the same client.
    for request in [
        http.get(format!("{url}/v1/submissions/s1")),
        http.post(format!("{url}/v1/submissions")),
    ] {
        assert_eq!(request.send().await.expect("passes").status(), 200);
    }
}

#[tokio::test]
async fn a_blackholed_request_times_out_on_the_client_and_never_reaches_the_server() {
    let (upstream, proxy) = started().await;
    let http = client(Duration::from_millis(300));
    proxy.set("POST /v1/submissions", Fault::Blackhole);

    let error = http
        .post(format!("{}/v1/submissions", proxy.url()))
        .json(&json!({}))
        .send()
        .await
        .expect_err("no answer");
    assert!(error.is_timeout(), "{error:?}");
    proxy.wait_seen("POST /v1/submissions", 1).await;
    assert_eq!(proxy.forwarded(""), 0);
    assert_eq!(upstream.hits(""), 0);
}

#[tokio::test]
async fn a_canned_429_carries_retry_after_and_only_the_first_n_requests_get_it() {
    let (upstream, proxy) = started().await;
    let http = normal();
    let url = format!("{}/v1/cases/c1/events", proxy.url());
    proxy.set_first(
        "GET /v1/cases/",
        1,
        Fault::Status {
            status: 429,
            retry_after: Some(7),
        },
    );

    let answer = http.get(&url).send().await.expect("an answer");
    assert_eq!(answer.status(), 429);
    assert_eq!(answer.headers()["retry-after"], "7");
    assert_eq!(answer.headers()["content-type"], "application/problem+json");
    let problem: Value = answer.json().await.expect("JSON");
    assert_eq!(problem["type"], "urn:amtsweg:problem:rate-limited");
    assert_eq!(problem["status"], 429);
    assert_eq!(upstream.hits(""), 0);

    let answer = http.get(&url).send().await.expect("an answer");
    assert_eq!(answer.status(), 200, "the second request passes");
    assert_eq!(upstream.hits("GET /v1/cases/c1/events"), 1);
    assert_eq!(proxy.seen("GET /v1/cases/"), 2);
    assert_eq!(proxy.forwarded("GET /v1/cases/"), 1);

    proxy.set(
        "",
        Fault::Status {
            status: 503,
            retry_after: None,
        },
    );
    let answer = http.get(&url).send().await.expect("an answer");
    assert_eq!(answer.status(), 503);
    assert!(answer.headers().get("retry-after").is_none());
    let problem: Value = answer.json().await.expect("JSON");
    assert_eq!(problem["type"], "about:blank");
    assert_eq!(upstream.hits(""), 1);
    assert_eq!(proxy.connections(), 1, "canned answers keep the connection");
}

#[tokio::test]
async fn the_first_n_dropped_answers_then_pass() {
    let (upstream, proxy) = started().await;
    let http = normal();
    let url = format!("{}/v1/submissions/s1", proxy.url());
    proxy.set_first("PUT /v1/submissions/", 2, Fault::DropAfterRequest);
    for _ in 0..2 {
        assert!(http.put(&url).body("{}").send().await.is_err());
    }
    assert_eq!(
        http.put(&url)
            .body("{}")
            .send()
            .await
            .expect("passes")
            .status(),
        200
    );
    assert_eq!(upstream.hits("PUT /v1/submissions/s1"), 3);
    assert_eq!(proxy.forwarded("PUT"), 3);

    proxy.set("PUT", Fault::DropAfterRequest);
    proxy.clear().await;
    assert_eq!(
        http.put(&url)
            .body("{}")
            .send()
            .await
            .expect("passes")
            .status(),
        200,
        "clear removes every rule"
    );
}

#[tokio::test]
async fn a_chunked_request_is_answered_501_not_forwarded() {
    let (upstream, proxy) = started().await;
    let mut raw = tokio::net::TcpStream::connect(proxy.address())
        .await
        .expect("connects");
    raw.write_all(
        b"POST /v1/submissions HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n",
    )
    .await
    .expect("written");
    let mut answer = Vec::new();
    raw.read_to_end(&mut answer).await.expect("read");
    assert!(answer.starts_with(b"HTTP/1.1 501 "), "{answer:?}");
    assert_eq!(upstream.hits(""), 0);
}

#[tokio::test]
async fn a_proxy_started_before_its_server_forwards_once_told_where() {
    let proxy = Proxy::listen().await;
    let url = format!("{}/v1/routes", proxy.url());
    assert!(
        normal().get(&url).send().await.is_err(),
        "nowhere to go yet"
    );
    let upstream = Upstream::start().await;
    proxy.forward_to(upstream.address);
    assert_eq!(
        normal().get(&url).send().await.expect("passes").status(),
        200
    );
    assert_eq!(upstream.hits("GET /v1/routes"), 1);
}

#[tokio::test]
async fn a_pattern_tells_the_submit_from_an_upload() {
    let (upstream, proxy) = started().await;
    let http = normal();
    let url = proxy.url();
    proxy.set("PUT /v1/submissions/*$", Fault::DropAfterRequest);
    proxy.set(
        "PUT /v1/submissions/*/attachments/*",
        Fault::Status {
            status: 503,
            retry_after: None,
        },
    );

    let upload = http
        .put(format!("{url}/v1/submissions/s1/attachments/a1"))
        .body("jwe")
        .send()
        .await
        .expect("an answer");
    assert_eq!(upload.status(), 503);
    assert!(
        http.put(format!("{url}/v1/submissions/s1"))
            .body("{}")
            .send()
            .await
            .is_err(),
        "the submit's answer is dropped"
    );
    let status = http
        .put(format!("{url}/v1/submissions/s1?x=1"))
        .body("{}")
        .send()
        .await;
    assert!(status.is_err(), "a query does not escape the anchor");
    for passing in ["/v1/submissions", "/v1/submissions/", "/v1/submission/s1"] {
        let answer = http
            .put(format!("{url}{passing}"))
            .body("{}")
            .send()
            .await
            .expect("passes");
        assert_eq!(answer.status(), 200, "{passing}");
    }
    assert_eq!(proxy.seen("PUT /v1/submissions/*$"), 2);
    assert_eq!(proxy.seen("PUT /v1/submissions/*/attachments/"), 1);
    assert_eq!(proxy.seen("/v1/submissions$"), 1);
    assert_eq!(upstream.hits("PUT /v1/submissions/s1"), 2);
    assert_eq!(upstream.hits("PUT /v1/submissions/s1/"), 0);
}
