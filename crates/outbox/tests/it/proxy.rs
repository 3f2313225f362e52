//! A fault-injecting TCP proxy between the client and the reference server, on loopback:
//! the network failures of the outbox's fault tests, made on purpose and per request.
//!
//! It speaks just enough HTTP/1.1 to tell requests apart on a keep-alive connection
//! (reqwest reuses connections): it reads each request's head and its `Content-Length`
//! body, decides by the request line what to do with it, and forwards it whole over
//! its own keep-alive connection to the server, whose answer it reads the same way
//! (head, then `Content-Length` body; no body for `HEAD`, 1xx, 204 and 304; without a
//! length, until the server closes). Chunked bodies are not supported (reqwest sends a
//! `Content-Length` for every body the client makes, and the reference server answers
//! with one): a chunked request is answered `501` and its connection closed, a chunked
//! answer closes the client's connection. `Expect: 100-continue` is not supported either.
//!
//! Faults:
//! - [`Proxy::refuse`]: a real "connection refused". The proxy releases its listening
//!   socket (and closes the connections it holds, as a server going down does), so the
//!   kernel answers a connect with RST; [`Proxy::clear`] binds the same port again.
//!   This is port-wide and has no "first N": a refused connection carries no request to
//!   match, and the proxy never sees the attempts the kernel refuses.
//! - per request, by [`Fault`]: pass, drop after the server answered, never answer, or
//!   answer a canned status without forwarding.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// What the proxy does with a request that matches.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Forward it and pass the answer back.
    Pass,
    /// Forward it whole, let the server process it and read its answer, then close the
    /// client's connection without sending the answer: "the answer was lost".
    DropAfterRequest,
    /// Read it and never answer, keeping the connection open until the client gives up.
    Blackhole,
    /// Answer at once with this status as `application/problem+json`, without forwarding:
    /// 429 as the server's `rate-limited` problem, any other status as `about:blank`
    /// (RFC 9457: no more meaning than the status, as a gateway's 503 has). With
    /// `retry_after` a `Retry-After` header of that many seconds.
    Status {
        status: u16,
        retry_after: Option<u64>,
    },
    /// Answer at once with this status, content type and body, without forwarding: a
    /// server that answers garbage, or a problem type the API does not have.
    Answer {
        status: u16,
        content_type: &'static str,
        body: Vec<u8>,
    },
    /// Forward it, then pass back the server's answer with its body changed by this
    /// function (status and headers kept, the length adjusted): a key or a token
    /// altered on the way.
    Rewrite(fn(&[u8]) -> Vec<u8>),
}

/// Which requests a fault or a count is about: `"METHOD /path"`, `"METHOD"` for every
/// path, `"/path"` for any method, or `""` for every request. The path is matched as a
/// prefix of the request target as sent (path and query); `*` stands for one whole path
/// segment, and a final `$` anchors the pattern at the path's end. So
/// `"PUT /v1/submissions/"` is every upload and every submit, `"PUT /v1/submissions/*$"`
/// the submit only, `"PUT /v1/submissions/*/attachments/"` the uploads only.
#[derive(Debug, Clone)]
struct On {
    method: Option<String>,
    prefix: String,
}

impl On {
    fn parse(on: &str) -> On {
        let on = on.trim();
        match on.split_once(' ') {
            Some((method, prefix)) => On {
                method: Some(method.to_owned()),
                prefix: prefix.trim().to_owned(),
            },
            None if on.is_empty() || on.starts_with('/') => On {
                method: None,
                prefix: on.to_owned(),
            },
            None => On {
                method: Some(on.to_owned()),
                prefix: String::new(),
            },
        }
    }

    fn matches(&self, method: &str, target: &str) -> bool {
        self.method.as_deref().is_none_or(|m| m == method) && path_matches(&self.prefix, target)
    }
}

fn path_matches(pattern: &str, target: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(pattern) => (pattern, true),
        None => (pattern, false),
    };
    let mut pieces = pattern.split('*');
    let Some(mut rest) = target.strip_prefix(pieces.next().unwrap_or_default()) else {
        return false;
    };
    for piece in pieces {
        // The `*` before this piece: one non-empty segment.
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        if end == 0 {
            return false;
        }
        match rest[end..].strip_prefix(piece) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    !anchored || rest.is_empty() || rest.starts_with('?')
}

#[derive(Debug)]
struct Rule {
    on: On,
    fault: Fault,
    /// How many more matching requests get the fault; `None`: all of them.
    left: Option<usize>,
}

/// One request that reached the proxy.
#[derive(Debug, Clone)]
struct Passage {
    method: String,
    target: String,
    /// Written whole to the server.
    forwarded: bool,
    /// The request's body (what a retry must repeat byte for byte).
    body: Vec<u8>,
}

#[derive(Debug, Default)]
struct State {
    rules: Vec<Rule>,
    passages: Vec<Passage>,
    connections: usize,
    /// The task of each client connection, to close them when the proxy "goes down".
    tasks: Vec<JoinHandle<()>>,
    /// The accepting task; `None` while connections are refused.
    listening: Option<JoinHandle<()>>,
}

#[derive(Debug)]
struct Shared {
    /// Where requests go; `None` until [`Proxy::forward_to`].
    upstream: Mutex<Option<SocketAddr>>,
    state: Mutex<State>,
    /// Bumped at every passage, so a test can wait for one without sleeping.
    changed: tokio::sync::watch::Sender<u64>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().expect("the proxy's state")
    }

    /// Records a request and picks its fault (spending one of a "first N" budget).
    fn arrived(&self, method: &str, target: &str, bytes: &[u8]) -> (usize, Fault) {
        let mut state = self.state();
        let fault = state
            .rules
            .iter_mut()
            .find(|r| r.on.matches(method, target) && r.left != Some(0))
            .map_or(Fault::Pass, |rule| {
                if let Some(left) = rule.left.as_mut() {
                    *left -= 1;
                }
                rule.fault.clone()
            });
        state.passages.push(Passage {
            method: method.to_owned(),
            target: target.to_owned(),
            forwarded: false,
            body: bytes
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .map_or_else(Vec::new, |at| bytes[at + 4..].to_vec()),
        });
        let index = state.passages.len() - 1;
        drop(state);
        self.changed.send_modify(|n| *n += 1);
        (index, fault)
    }

    fn forwarded(&self, index: usize) {
        self.state().passages[index].forwarded = true;
        self.changed.send_modify(|n| *n += 1);
    }
}

/// The proxy: listens on a loopback port and forwards to `upstream`.
#[derive(Debug)]
pub struct Proxy {
    shared: Arc<Shared>,
    address: SocketAddr,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let mut state = self.shared.state();
        if let Some(listening) = state.listening.take() {
            listening.abort();
        }
        for task in state.tasks.drain(..) {
            task.abort();
        }
    }
}

impl Proxy {
    /// Starts a proxy to `upstream` on a free loopback port, passing everything.
    pub async fn start(upstream: SocketAddr) -> Proxy {
        let proxy = Proxy::listen().await;
        proxy.forward_to(upstream);
        proxy
    }

    /// Starts a proxy that knows its port but not yet its server: the reference server
    /// must be told the proxy's URL as its `public_url` (the assertions' audience and
    /// the events' issuer are the URL the client uses) before it binds. Until
    /// [`Proxy::forward_to`], a request that passes closes its connection.
    pub async fn listen() -> Proxy {
        let listener = bind_outside_ephemeral_range().await;
        let address = listener.local_addr().expect("the proxy's address");
        let (changed, _) = tokio::sync::watch::channel(0);
        let shared = Arc::new(Shared {
            upstream: Mutex::new(None),
            state: Mutex::new(State::default()),
            changed,
        });
        let listening = tokio::spawn(accept(shared.clone(), listener));
        shared.state().listening = Some(listening);
        Proxy { shared, address }
    }

    /// Sends what passes to `upstream` from now on.
    pub fn forward_to(&self, upstream: SocketAddr) {
        *self.shared.upstream.lock().expect("the upstream") = Some(upstream);
    }

    /// The base URL clients use instead of the server's.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Every request matching `on` (see the module's `On` syntax) gets `fault`, until
    /// [`Proxy::clear`]. Earlier rules win where several match.
    pub fn set(&self, on: &str, fault: Fault) {
        self.shared.state().rules.push(Rule {
            on: On::parse(on),
            fault,
            left: None,
        });
    }

    /// The next `n` requests matching `on` get `fault`; later ones pass (unless another
    /// rule matches them).
    pub fn set_first(&self, on: &str, n: usize, fault: Fault) {
        self.shared.state().rules.push(Rule {
            on: On::parse(on),
            fault,
            left: Some(n),
        });
    }

    /// Connections are refused from now on: the listening socket is closed (when this
    /// returns, a connect fails with "connection refused") and every open client
    /// connection is closed, as when the server's machine goes down.
    pub async fn refuse(&self) {
        let (listening, tasks) = {
            let mut state = self.shared.state();
            (state.listening.take(), std::mem::take(&mut state.tasks))
        };
        for task in listening.into_iter().chain(tasks) {
            task.abort();
            // Awaiting the aborted task makes sure its sockets are dropped (closed).
            let _ = task.await;
        }
    }

    /// Removes every fault rule and, if connections were refused, listens again on the
    /// same port.
    pub async fn clear(&self) {
        let refusing = {
            let mut state = self.shared.state();
            state.rules.clear();
            state.listening.is_none()
        };
        if refusing {
            // tokio sets SO_REUSEADDR, and the port lies outside the ephemeral range, so
            // no outgoing connection can have taken it meanwhile.
            let listener = TcpListener::bind(self.address)
                .await
                .expect("the proxy binds its port again");
            let listening = tokio::spawn(accept(self.shared.clone(), listener));
            self.shared.state().listening = Some(listening);
        }
    }

    /// How many requests matching `on` reached the proxy (whatever their fault).
    pub fn seen(&self, on: &str) -> usize {
        let on = On::parse(on);
        self.shared
            .state()
            .passages
            .iter()
            .filter(|p| on.matches(&p.method, &p.target))
            .count()
    }

    /// How many requests matching `on` were forwarded whole to the server (so the server
    /// processed them, including those whose answer [`Fault::DropAfterRequest`] dropped).
    /// The bodies of the requests matching `on` that reached the proxy, in order.
    pub fn bodies(&self, on: &str) -> Vec<Vec<u8>> {
        let on = On::parse(on);
        self.shared
            .state()
            .passages
            .iter()
            .filter(|p| on.matches(&p.method, &p.target))
            .map(|p| p.body.clone())
            .collect()
    }

    pub fn forwarded(&self, on: &str) -> usize {
        let on = On::parse(on);
        self.shared
            .state()
            .passages
            .iter()
            .filter(|p| p.forwarded && on.matches(&p.method, &p.target))
            .count()
    }

    /// How many client connections the proxy accepted.
    pub fn connections(&self) -> usize {
        self.shared.state().connections
    }

    /// Waits until at least `n` requests matching `on` reached the proxy: the
    /// synchronisation for faults the client cannot observe by itself (a blackholed
    /// request the client gave up on).
    pub async fn wait_seen(&self, on: &str, n: usize) {
        let mut changed = self.shared.changed.subscribe();
        while self.seen(on) < n {
            changed.changed().await.expect("the proxy is alive");
        }
    }
}

/// A loopback listener on a port below the kernel's ephemeral range: while the proxy
/// refuses, the port is free, and an ephemeral port could be handed to an outgoing
/// connection (then binding it again fails) or even make a connect to it connect to
/// itself (TCP simultaneous open). Below the range neither can happen.
async fn bind_outside_ephemeral_range() -> TcpListener {
    let low = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse::<u16>().ok())
        .unwrap_or(32768);
    if low > 4096 {
        let first = low / 2;
        let span = low - first;
        // Where to start: differs between proxies and test runs, so parallel tests
        // rarely try the same ports.
        let start = {
            use std::hash::{BuildHasher, Hasher};
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_u64(u64::from(std::process::id()));
            (hasher.finish() % u64::from(span)) as u16
        };
        for i in 0..span.min(500) {
            let port = first + (start + i) % span;
            if let Ok(listener) = TcpListener::bind(("127.0.0.1", port)).await {
                return listener;
            }
        }
    }
    TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port")
}

async fn accept(shared: Arc<Shared>, listener: TcpListener) {
    loop {
        let Ok((client, _)) = listener.accept().await else {
            continue;
        };
        let task = tokio::spawn(connection(shared.clone(), client));
        let mut state = shared.state();
        state.connections += 1;
        state.tasks.retain(|t| !t.is_finished());
        state.tasks.push(task);
    }
}

/// One client connection, request by request.
async fn connection(shared: Arc<Shared>, mut client: TcpStream) {
    let mut from_client = Vec::new();
    let mut upstream: Option<(TcpStream, Vec<u8>)> = None;
    loop {
        let request = match read_message(&mut client, &mut from_client, None).await {
            Ok(Some(request)) => request,
            Ok(None) => return,
            Err(Unreadable::Chunked) => {
                let _ = client.write_all(&canned(501, None)).await;
                return;
            }
            Err(Unreadable::Io) => return,
        };
        let (index, fault) = shared.arrived(&request.method, &request.target, &request.bytes);
        match fault {
            Fault::Status {
                status,
                retry_after,
            } => {
                if client
                    .write_all(&canned(status, retry_after))
                    .await
                    .is_err()
                {
                    return;
                }
                continue;
            }
            Fault::Blackhole => {
                // Keep the connection open and unanswered until the client closes it.
                let mut sink = [0u8; 4096];
                while matches!(client.read(&mut sink).await, Ok(n) if n > 0) {}
                return;
            }
            Fault::Answer {
                ref content_type,
                status,
                ref body,
            } => {
                let head = format!(
                    "HTTP/1.1 {status} Answer\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\r\n",
                    body.len()
                );
                let mut bytes = head.into_bytes();
                bytes.extend_from_slice(body);
                if client.write_all(&bytes).await.is_err() {
                    return;
                }
                continue;
            }
            Fault::Pass | Fault::DropAfterRequest | Fault::Rewrite(_) => {}
        }
        if upstream.is_none() {
            let Some(address) = *shared.upstream.lock().expect("the upstream") else {
                return;
            };
            match TcpStream::connect(address).await {
                Ok(stream) => upstream = Some((stream, Vec::new())),
                Err(_) => return,
            }
        }
        let Some((server, from_server)) = upstream.as_mut() else {
            return;
        };
        if server.write_all(&request.bytes).await.is_err() {
            return;
        }
        shared.forwarded(index);
        let answer = match read_message(server, from_server, Some(&request.method)).await {
            Ok(Some(answer)) => answer,
            _ => return,
        };
        if matches!(fault, Fault::DropAfterRequest) {
            return;
        }
        let bytes = match fault {
            Fault::Rewrite(change) => rewritten(&answer.bytes, change),
            _ => answer.bytes,
        };
        if client.write_all(&bytes).await.is_err() {
            return;
        }
        if request.close || answer.close {
            return;
        }
    }
}

/// A request or an answer, as read from the wire.
#[derive(Debug)]
struct Message {
    bytes: Vec<u8>,
    method: String,
    target: String,
    /// The connection ends after this message (`Connection: close`, or an answer whose
    /// body ended with the connection).
    close: bool,
}

#[derive(Debug)]
enum Unreadable {
    Io,
    Chunked,
}

enum Length {
    Exactly(usize),
    UntilClose,
}

/// Reads the next request (`request_method: None`) or the answer to a request of that
/// method from `stream`, with `buffer` holding what was read but not yet used.
/// `Ok(None)`: the peer closed the connection between messages.
async fn read_message(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
    request_method: Option<&str>,
) -> Result<Option<Message>, Unreadable> {
    loop {
        if let Some((head_len, mut message, length)) = parse_head(buffer, request_method)? {
            let total = match length {
                Length::Exactly(body) => {
                    while buffer.len() < head_len + body {
                        if read_more(stream, buffer).await? == 0 {
                            return Err(Unreadable::Io);
                        }
                    }
                    head_len + body
                }
                Length::UntilClose => {
                    while read_more(stream, buffer).await? > 0 {}
                    message.close = true;
                    buffer.len()
                }
            };
            message.bytes = buffer.drain(..total).collect();
            return Ok(Some(message));
        }
        if read_more(stream, buffer).await? == 0 {
            return if buffer.is_empty() {
                Ok(None)
            } else {
                Err(Unreadable::Io)
            };
        }
    }
}

async fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Result<usize, Unreadable> {
    stream.read_buf(buffer).await.map_err(|_| Unreadable::Io)
}

/// The head at the start of `buffer`, if complete: its length, what it says, and how
/// long its body is.
fn parse_head(
    buffer: &[u8],
    request_method: Option<&str>,
) -> Result<Option<(usize, Message, Length)>, Unreadable> {
    let mut raw = [httparse::EMPTY_HEADER; 64];
    let (head_len, method, target, status, headers) = match request_method {
        None => {
            let mut request = httparse::Request::new(&mut raw);
            match request.parse(buffer).map_err(|_| Unreadable::Io)? {
                httparse::Status::Partial => return Ok(None),
                httparse::Status::Complete(n) => (
                    n,
                    request.method.unwrap_or_default().to_owned(),
                    request.path.unwrap_or_default().to_owned(),
                    None,
                    owned(request.headers),
                ),
            }
        }
        Some(method) => {
            let mut response = httparse::Response::new(&mut raw);
            match response.parse(buffer).map_err(|_| Unreadable::Io)? {
                httparse::Status::Partial => return Ok(None),
                httparse::Status::Complete(n) => (
                    n,
                    method.to_owned(),
                    String::new(),
                    response.code,
                    owned(response.headers),
                ),
            }
        }
    };
    let header = |name: &str| -> Vec<&str> {
        headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    };
    if !header("transfer-encoding").is_empty() {
        return Err(Unreadable::Chunked);
    }
    let close = header("connection")
        .iter()
        .any(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case("close")));
    let content_length = header("content-length")
        .first()
        .map(|v| v.trim().parse::<usize>().map_err(|_| Unreadable::Io))
        .transpose()?;
    let length = match (request_method, status) {
        (None, _) => Length::Exactly(content_length.unwrap_or(0)),
        (Some("HEAD"), _) => Length::Exactly(0),
        (Some(_), Some(code)) if code < 200 || code == 204 || code == 304 => Length::Exactly(0),
        (Some(_), _) => content_length.map_or(Length::UntilClose, Length::Exactly),
    };
    Ok(Some((
        head_len,
        Message {
            bytes: Vec::new(),
            method,
            target,
            close,
        },
        length,
    )))
}

fn owned(headers: &[httparse::Header<'_>]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|h| {
            (
                h.name.to_owned(),
                String::from_utf8_lossy(h.value).into_owned(),
            )
        })
        .collect()
}

/// A problem answer made by the proxy itself.
/// An answer with its body replaced by `change(body)` and its `content-length` fixed.
fn rewritten(answer: &[u8], change: fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    let Some(end) = answer.windows(4).position(|w| w == b"\r\n\r\n") else {
        return answer.to_vec();
    };
    let body = change(&answer[end + 4..]);
    let head = String::from_utf8_lossy(&answer[..end]);
    let mut out: Vec<u8> = Vec::new();
    for line in head.split("\r\n") {
        if line.to_ascii_lowercase().starts_with("content-length:") {
            out.extend_from_slice(format!("content-length: {}", body.len()).as_bytes());
        } else {
            out.extend_from_slice(line.as_bytes());
        }
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(&body);
    out
}

fn canned(status: u16, retry_after: Option<u64>) -> Vec<u8> {
    let (reason, kind, title) = match status {
        429 => (
            "Too Many Requests",
            "urn:amtsweg:problem:rate-limited",
            "Too many calls by this installation",
        ),
        501 => ("Not Implemented", "about:blank", "Not Implemented"),
        503 => ("Service Unavailable", "about:blank", "Service Unavailable"),
        _ => ("Status", "about:blank", "Status"),
    };
    let body = serde_json::json!({ "type": kind, "title": title, "status": status }).to_string();
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: application/problem+json\r\ncontent-length: {}\r\n",
        body.len()
    );
    if let Some(seconds) = retry_after {
        head.push_str(&format!("retry-after: {seconds}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    bytes
}
