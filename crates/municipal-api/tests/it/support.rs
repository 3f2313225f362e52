//! A test client of the municipal API in Rust, against the server started in-process on
//! loopback (real HTTP). The contract and interoperability tests with an independent
//! JOSE implementation are the Node ones in `tests/municipal-api/`; these cover what
//! needs the server's inside: concurrency, its logs, its database.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use amtsweg_municipal_api::{Config, serve};
use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use aws_lc_rs::rsa::{
    OAEP_SHA256_MGF1SHA256, OaepPublicEncryptingKey, PublicEncryptingKey, PublicKeyComponents,
};
use aws_lc_rs::signature::{Ed25519KeyPair, KeyPair};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

pub fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(text).expect("base64url")
}

pub fn sha512_hex(bytes: &[u8]) -> String {
    hex::encode(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA512, bytes))
}

fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// Everything every server of this test binary logged (one global subscriber: the
/// server's tasks run on the runtime's threads).
pub fn logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = buffer.clone();
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("trace"))
            .with_ansi(false)
            .with_writer(move || LogWriter(writer.clone()))
            .init();
        buffer
    })
    .clone()
}

struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The slow RSA-4096 keys, made once per test binary and copied into each data folder.
fn key_template() -> &'static Path {
    static TEMPLATE: OnceLock<tempfile::TempDir> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            amtsweg_municipal_api::init(dir.path(), amtsweg_municipal_api::DEMO_ARS).expect("init");
            dir
        })
        .path()
}

/// A server on a free loopback port with a fresh data folder.
pub struct TestServer {
    pub url: String,
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
    pub async fn start(adjust: impl FnOnce(&mut Config)) -> TestServer {
        logs();
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
                move |_, url| {
                    let _ = ready_tx.send(url.to_owned());
                },
                async move {
                    let _ = stop_rx.await;
                },
            )
            .await;
            result.expect("the server runs");
        });
        let url = ready_rx.await.expect("the server became ready");
        TestServer {
            url,
            data,
            stop: Some(stop_tx),
        }
    }

    pub fn data_path(&self) -> PathBuf {
        self.data.path().to_path_buf()
    }
}

/// An installation: its Ed25519 device key and the assertions it signs.
pub struct Installation {
    pub http: reqwest::Client,
    pub base: String,
    key: Ed25519KeyPair,
    pub x: String,
    pub id: String,
}

impl Installation {
    pub async fn register(base: &str) -> Installation {
        let rng = SystemRandom::new();
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&rng).expect("key");
        let key = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).expect("key");
        let x = b64(key.public_key().as_ref());
        let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
        let id = b64(
            aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, canonical.as_bytes()).as_ref(),
        );
        let me = Installation {
            http: reqwest::Client::new(),
            base: base.to_owned(),
            key,
            x,
            id,
        };
        let answer = me
            .http
            .post(format!("{base}/v1/installations"))
            .bearer_auth(me.assertion())
            .json(&json!({"jwk": {"kty": "OKP", "crv": "Ed25519", "x": me.x}}))
            .send()
            .await
            .expect("register");
        assert_eq!(answer.status(), 201, "{:?}", answer.text().await);
        me
    }

    pub fn assertion(&self) -> String {
        let mut jti = [0u8; 16];
        SystemRandom::new().fill(&mut jti).expect("random");
        let header = json!({"alg": "EdDSA", "typ": "JWT", "kid": self.id});
        let claims = json!({
            "iss": self.id, "sub": self.id, "aud": self.base,
            "iat": now(), "exp": now() + 120, "jti": b64(&jti),
        });
        let input = format!(
            "{}.{}",
            b64(header.to_string().as_bytes()),
            b64(claims.to_string().as_bytes())
        );
        format!("{input}.{}", b64(self.key.sign(input.as_bytes()).as_ref()))
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        let answer = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(self.assertion())
            .send()
            .await
            .expect("GET");
        (
            answer.status().as_u16(),
            answer.json().await.unwrap_or(Value::Null),
        )
    }

    pub async fn send(&self, method: reqwest::Method, path: &str, body: &Value) -> (u16, Value) {
        let answer = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(self.assertion())
            .json(body)
            .send()
            .await
            .expect("request");
        (
            answer.status().as_u16(),
            answer.json().await.unwrap_or(Value::Null),
        )
    }

    pub async fn upload(&self, submission: &str, attachment: &str, jwe: String) -> u16 {
        self.http
            .put(format!(
                "{}/v1/submissions/{submission}/attachments/{attachment}",
                self.base
            ))
            .bearer_auth(self.assertion())
            .header("content-type", "application/jose")
            .body(jwe)
            .send()
            .await
            .expect("upload")
            .status()
            .as_u16()
    }
}

/// Seals `plain` for the destination key `jwk` as a compact JWE (RSA-OAEP-256, A256GCM).
pub fn seal(jwk: &Value, plain: &[u8], cty: &str) -> String {
    let n = unb64(jwk["n"].as_str().expect("n"));
    let e = unb64(jwk["e"].as_str().expect("e"));
    let der = PublicKeyComponents {
        n: n.as_slice(),
        e: e.as_slice(),
    }
    .as_der()
    .expect("der");
    let public =
        OaepPublicEncryptingKey::new(PublicEncryptingKey::from_der(der.as_ref()).expect("key"))
            .expect("oaep");
    let rng = SystemRandom::new();
    let mut cek = [0u8; 32];
    rng.fill(&mut cek).expect("random");
    let mut iv = [0u8; 12];
    rng.fill(&mut iv).expect("random");
    let mut wrapped = vec![0u8; public.ciphertext_size()];
    let wrapped = public
        .encrypt(&OAEP_SHA256_MGF1SHA256, &cek, &mut wrapped, None)
        .expect("wrap")
        .to_vec();
    let header = json!({"alg": "RSA-OAEP-256", "enc": "A256GCM", "cty": cty, "kid": jwk["kid"]});
    let protected = b64(header.to_string().as_bytes());
    let aead = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &cek).expect("cek"));
    let mut body = plain.to_vec();
    let tag = aead
        .seal_in_place_separate_tag(
            Nonce::assume_unique_for_key(iv),
            Aad::from(protected.as_bytes()),
            &mut body,
        )
        .expect("seal");
    format!(
        "{protected}.{}.{}.{}.{}",
        b64(&wrapped),
        b64(&iv),
        b64(&body),
        b64(tag.as_ref())
    )
}

/// A bundled procedure's submission fixture (written by the procedure crate's walk test).
pub fn fixture(procedure: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/submissions")
        .join(format!("{procedure}.json"));
    serde_json::from_slice(&std::fs::read(&path).expect("fixture")).expect("fixture JSON")
}

/// An application ready to submit: its PDF and data sealed, its metadata sealed.
pub struct Application {
    pub destination: String,
    pub leika: String,
    pub pdf_id: String,
    pub pdf_jwe: String,
    pub metadata_jwe: String,
    pub data_jwe: String,
}

pub async fn prepare(
    me: &Installation,
    fixture: &Value,
    pdf: &[u8],
    filename: &str,
) -> Application {
    let leika = fixture["leika"].as_str().expect("leika").to_owned();
    let digits = leika.rsplit(':').next().expect("digits");
    let (status, routes) = me
        .get(&format!("/v1/routes?leikaKey={digits}&ars=066990999999"))
        .await;
    assert_eq!(status, 200);
    let destination = routes["routes"][0]["destinationId"]
        .as_str()
        .expect("a route")
        .to_owned();
    let kid = routes["routes"][0]["encryptionKid"]
        .as_str()
        .expect("kid")
        .to_owned();
    let (status, jwk) = me
        .get(&format!("/v1/destinations/{destination}/keys/{kid}"))
        .await;
    assert_eq!(status, 200);
    let data = serde_json::to_vec(&fixture["data"]).expect("data");
    let pdf_id = uuid::Uuid::new_v4().to_string();
    let metadata = json!({
        "contentStructure": {
            "data": {
                "hash": {"type": "sha512", "content": sha512_hex(&data)},
                "submissionSchema": {"schemaUri": fixture["schemaUri"], "mimeType": "application/json"},
            },
            "attachments": [{
                "attachmentId": pdf_id, "purpose": "form", "mimeType": "application/pdf",
                "filename": filename, "hash": {"type": "sha512", "content": sha512_hex(pdf)},
            }],
        },
        "publicServiceType": {"identifier": leika},
        "additionalReferenceInfo": {"applicationDate": "2026-12-06"},
    });
    Application {
        destination,
        leika,
        pdf_jwe: seal(&jwk, pdf, "application/pdf"),
        pdf_id,
        metadata_jwe: seal(&jwk, metadata.to_string().as_bytes(), "application/json"),
        data_jwe: seal(&jwk, &data, "application/json"),
    }
}

/// Creates the submission and uploads the PDF; returns (submissionId, caseId).
pub async fn announce_and_upload(me: &Installation, app: &Application) -> (String, String) {
    let (status, created) = me
        .send(
            reqwest::Method::POST,
            "/v1/submissions",
            &json!({
                "destinationId": app.destination,
                "announcedAttachments": [app.pdf_id],
                "serviceType": {"name": "Test", "identifier": app.leika},
            }),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let id = created["submissionId"].as_str().expect("id").to_owned();
    assert_eq!(me.upload(&id, &app.pdf_id, app.pdf_jwe.clone()).await, 204);
    (id, created["caseId"].as_str().expect("case").to_owned())
}

pub fn submit_body(app: &Application) -> Value {
    json!({"encryptedMetadata": app.metadata_jwe, "encryptedData": app.data_jwe})
}
