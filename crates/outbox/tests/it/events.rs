//! Case events from the real reference server: its tokens verify against its JWKS and
//! read as what the clerk decided; a changed, foreign or unkeyed token does not count.
//! The installation that submits is the outbox's own [`Installation`], so these tests
//! also show that the server accepts its registration and assertions.

use amtsweg_outbox::{CaseEvent, EventKeys, EventKind, Expected, Installation, OutboxError};
use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use aws_lc_rs::rsa::{
    OAEP_SHA256_MGF1SHA256, OaepPublicEncryptingKey, PublicEncryptingKey, PublicKeyComponents,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use super::proxy::Proxy;
use crate::support::{TestServer, fixture};

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(text).expect("base64url")
}

fn sha512_hex(bytes: &[u8]) -> String {
    hex::encode(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA512, bytes))
}

fn now() -> i64 {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970");
    i64::try_from(since.as_secs()).expect("in range")
}

/// The outbox's installation talking to the server.
struct Client {
    http: reqwest::Client,
    base: String,
    me: Installation,
}

impl Client {
    async fn register(base: &str) -> Client {
        let mut seed = [0u8; 32];
        SystemRandom::new().fill(&mut seed).expect("random");
        let client = Client {
            http: reqwest::Client::new(),
            base: base.to_owned(),
            me: Installation::from_seed(&seed).expect("a device key"),
        };
        let answer = client
            .http
            .post(format!("{base}/v1/installations"))
            .bearer_auth(client.assertion())
            .json(&json!({ "jwk": client.me.public_jwk() }))
            .send()
            .await
            .expect("register");
        assert_eq!(answer.status(), 201);
        let body: Value = answer.json().await.expect("JSON");
        assert_eq!(body["installationId"], client.me.id());
        client
    }

    fn assertion(&self) -> String {
        self.me.assertion(&self.base, now()).expect("signed")
    }

    async fn get(&self, path: &str) -> (u16, Value) {
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

    async fn send(&self, method: reqwest::Method, path: &str, body: &Value) -> (u16, Value) {
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

    async fn upload(&self, submission: &str, attachment: &str, jwe: String) -> u16 {
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

    /// The case's event log and the server's event keys.
    async fn events(&self, case: &str) -> (Vec<String>, Value) {
        let (status, log) = self.get(&format!("/v1/cases/{case}/events")).await;
        assert_eq!(status, 200, "{log}");
        let tokens = log["eventLog"]
            .as_array()
            .expect("an event log")
            .iter()
            .map(|t| t.as_str().expect("a token").to_owned())
            .collect();
        let jwks = self
            .http
            .get(format!("{}/.well-known/jwks.json", self.base))
            .send()
            .await
            .expect("JWKS")
            .json()
            .await
            .expect("JSON");
        (tokens, jwks)
    }
}

/// Seals `plain` for the destination key `jwk` as a compact JWE (RSA-OAEP-256, A256GCM);
/// as the reference server's own test support does.
fn seal(jwk: &Value, plain: &[u8], cty: &str) -> String {
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

/// Routes, seals, announces, uploads and submits one small application (the dog tax
/// registration's walk fixture with a stand-in PDF); returns (submissionId, caseId).
async fn submit_one(client: &Client) -> (String, String) {
    let fixture = fixture("dog-tax-registration");
    let leika = fixture["leika"].as_str().expect("leika").to_owned();
    let digits = leika.rsplit(':').next().expect("digits");
    let (status, routes) = client
        .get(&format!(
            "/v1/routes?leikaKey={digits}&ars={}",
            amtsweg_municipal_api::DEMO_ARS
        ))
        .await;
    assert_eq!(status, 200);
    let destination = routes["routes"][0]["destinationId"]
        .as_str()
        .expect("a route")
        .to_owned();
    let kid = routes["routes"][0]["encryptionKid"].as_str().expect("kid");
    let (status, jwk) = client
        .get(&format!("/v1/destinations/{destination}/keys/{kid}"))
        .await;
    assert_eq!(status, 200);

    let pdf = b"%PDF-1.7 a stand-in".as_slice();
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
                "filename": "antrag.pdf", "hash": {"type": "sha512", "content": sha512_hex(pdf)},
            }],
        },
        "publicServiceType": {"identifier": leika},
        "additionalReferenceInfo": {"applicationDate": "2026-12-06"},
    });

    let (status, created) = client
        .send(
            reqwest::Method::POST,
            "/v1/submissions",
            &json!({
                "destinationId": destination,
                "announcedAttachments": [pdf_id],
                "serviceType": {"name": "Test", "identifier": leika},
            }),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let id = created["submissionId"].as_str().expect("id").to_owned();
    let case = created["caseId"].as_str().expect("case").to_owned();
    assert_eq!(
        client
            .upload(&id, &pdf_id, seal(&jwk, pdf, "application/pdf"))
            .await,
        204
    );
    let (status, submitted) = client
        .send(
            reqwest::Method::PUT,
            &format!("/v1/submissions/{id}"),
            &json!({
                "encryptedMetadata": seal(&jwk, metadata.to_string().as_bytes(), "application/json"),
                "encryptedData": seal(&jwk, &data, "application/json"),
            }),
        )
        .await;
    assert_eq!(status, 200, "{submitted}");
    (id, case)
}

fn expected<'a>(server: &'a TestServer, submission: &'a str, case: &'a str) -> Expected<'a> {
    Expected {
        issuer: &server.url,
        submission_id: submission,
        case_id: case,
    }
}

fn verify_all(
    keys: &EventKeys,
    tokens: &[String],
    expected: &Expected<'_>,
) -> Result<Vec<CaseEvent>, OutboxError> {
    tokens.iter().map(|t| keys.verify(t, expected)).collect()
}

fn refusal(result: Result<CaseEvent, OutboxError>) -> String {
    match result {
        Err(OutboxError::EventRefused(why)) => why,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_submitted_then_accepted_case_reads_as_submitted_and_accepted() {
    // Through the proxy, as the fault tests run: the server publishes the proxy's URL,
    // so assertions are made for it and events are issued by it.
    let proxy = Proxy::listen().await;
    let server = {
        let url = proxy.url();
        TestServer::start_with(|c| c.public_url = Some(url)).await
    };
    proxy.forward_to(server.addr);
    assert_eq!(server.url, proxy.url());
    let client = Client::register(&server.url).await;
    let (submission, case) = submit_one(&client).await;
    let accept_jti =
        amtsweg_municipal_api::decide(server.data.path(), &case, "accept", None).expect("decided");

    let (tokens, jwks) = client.events(&case).await;
    let keys = EventKeys::from_jwks(&jwks).expect("the server's keys");
    let events =
        verify_all(&keys, &tokens, &expected(&server, &submission, &case)).expect("all verify");
    let kinds: Vec<&EventKind> = events.iter().map(|e| &e.kind).collect();
    assert_eq!(kinds, [&EventKind::Submitted, &EventKind::Accepted]);
    assert_eq!(events[1].jti, accept_jti);
    assert_ne!(events[0].jti, events[1].jti);
    assert!(events[0].issued_at <= events[1].issued_at);
    assert_eq!(
        proxy.seen("PUT /v1/submissions/"),
        2,
        "an upload and the submit"
    );
    assert_eq!(proxy.forwarded("GET /v1/cases/"), 1);
}

#[tokio::test]
async fn a_rejection_reads_with_the_clerks_reason() {
    let server = TestServer::start().await;
    let client = Client::register(&server.url).await;
    let (submission, case) = submit_one(&client).await;
    let reason = "Der Nachweis der Haftpflichtversicherung fehlt.";
    amtsweg_municipal_api::decide(server.data.path(), &case, "reject", Some(reason))
        .expect("decided");

    let (tokens, jwks) = client.events(&case).await;
    let keys = EventKeys::from_jwks(&jwks).expect("the server's keys");
    let events =
        verify_all(&keys, &tokens, &expected(&server, &submission, &case)).expect("all verify");
    assert_eq!(
        events.last().map(|e| &e.kind),
        Some(&EventKind::Rejected {
            reason: Some(reason.to_owned())
        })
    );
}

#[tokio::test]
async fn a_changed_signature_another_cases_token_an_unknown_kid_or_another_issuer_is_refused() {
    let server = TestServer::start().await;
    let client = Client::register(&server.url).await;
    let (submission, case) = submit_one(&client).await;
    let (other_submission, other_case) = submit_one(&client).await;
    let reason = "Die Rasse des Hundes fehlt.";
    amtsweg_municipal_api::decide(server.data.path(), &case, "reject", Some(reason))
        .expect("decided");
    let ours = expected(&server, &submission, &case);

    let (tokens, jwks) = client.events(&case).await;
    let keys = EventKeys::from_jwks(&jwks).expect("the server's keys");
    let rejection = tokens.last().expect("the rejection").clone();
    assert!(keys.verify(&rejection, &ours).is_ok());

    // One byte of the signature changed.
    let (input, signature) = rejection.rsplit_once('.').expect("three parts");
    let mut signature = unb64(signature);
    signature[100] ^= 0x01;
    let changed = format!("{input}.{}", b64(&signature));
    let why = refusal(keys.verify(&changed, &ours));
    assert_eq!(why, "the signature does not verify");
    assert!(
        !why.contains("Rasse"),
        "no personal data in a refusal: {why}"
    );

    // A genuine token of the other case is not an event of this one.
    let (other_tokens, _) = client.events(&other_case).await;
    let theirs = expected(&server, &other_submission, &other_case);
    assert!(keys.verify(&other_tokens[0], &theirs).is_ok());
    refusal(keys.verify(&other_tokens[0], &ours));
    // Even with the right submission id and the other case's txn only.
    let mixed = Expected {
        case_id: &other_case,
        ..ours
    };
    assert_eq!(
        refusal(keys.verify(&rejection, &mixed)),
        "the token is about another case"
    );

    // A key set without the token's kid.
    let mut unkeyed = jwks.clone();
    unkeyed["keys"][0]["kid"] = json!("another-key");
    let unkeyed = EventKeys::from_jwks(&unkeyed).expect("still a usable key");
    assert_eq!(
        refusal(unkeyed.verify(&rejection, &ours)),
        "the token's key is not one of the server's event keys"
    );

    // Issued by this server, but the application was sent to another.
    let elsewhere = Expected {
        issuer: "http://127.0.0.1:1",
        ..ours
    };
    assert_eq!(
        refusal(keys.verify(&rejection, &elsewhere)),
        "the token was issued by another server"
    );
}
