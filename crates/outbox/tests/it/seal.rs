//! The destination key's checks with keys and certificates made here (each bad in one
//! way), and the good path against the reference server: its key passes with the demo
//! root, and an application sealed here and submitted by hand is decrypted, validated
//! and accepted by it.

use std::sync::OnceLock;

use amtsweg_outbox::{
    DestinationKey, FrozenApplication, FrozenFile, KeyRefusal, MetadataParts, OutboxError,
    SealLimits, ServiceType, TrustAnchors, check_key, metadata, seal,
};
use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use aws_lc_rs::rsa::KeySize;
use aws_lc_rs::signature::{Ed25519KeyPair, KeyPair};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyUsagePurpose,
    PublicKeyData, SignatureAlgorithm,
};
use serde_json::{Value, json};

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// 2026-06-01, inside the validity of the certificates made here.
const NOW: u64 = 1_780_272_000;

/// An RSA key pair made by aws-lc-rs: its PKCS#1 public key for certificates, n and e.
struct RsaKey {
    pkcs1: Vec<u8>,
    n: Vec<u8>,
    e: Vec<u8>,
}

fn rsa_key(size: KeySize) -> RsaKey {
    let pair = aws_lc_rs::rsa::KeyPair::generate(size).expect("RSA key");
    let public = pair.public_key();
    RsaKey {
        pkcs1: public.as_ref().to_vec(),
        n: public.modulus().big_endian_without_leading_zero().to_vec(),
        e: public.exponent().big_endian_without_leading_zero().to_vec(),
    }
}

/// The slow 4096-bit keys, made once per test binary: the destination's, and another.
fn key_4096(which: usize) -> &'static RsaKey {
    static KEYS: OnceLock<[RsaKey; 2]> = OnceLock::new();
    &KEYS.get_or_init(|| [rsa_key(KeySize::Rsa4096), rsa_key(KeySize::Rsa4096)])[which]
}

/// An RSA public key as rcgen needs it for a certificate's subject (as the server's
/// keys.rs does it).
struct RsaSubjectKey<'a>(&'a [u8]);

impl PublicKeyData for RsaSubjectKey<'_> {
    fn der_bytes(&self) -> &[u8] {
        self.0
    }
    fn algorithm(&self) -> &'static SignatureAlgorithm {
        &rcgen::PKCS_RSA_SHA256
    }
}

/// A test certificate authority (ECDSA P-256, like the demo authority).
struct Ca {
    der: Vec<u8>,
    issuer: Issuer<'static, rcgen::KeyPair>,
}

fn ca_params(name: &str) -> CertificateParams {
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, name);
    params.distinguished_name = dn;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.not_before = rcgen::date_time_ymd(2026, 1, 1);
    params.not_after = rcgen::date_time_ymd(2036, 1, 1);
    params
}

fn ca(name: &str) -> Ca {
    let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).expect("CA key");
    let cert = ca_params(name).self_signed(&key).expect("CA certificate");
    Ca {
        der: cert.der().to_vec(),
        issuer: Issuer::new(ca_params(name), key),
    }
}

/// The authority the good keys chain to, and the anchors trusting only it.
fn root() -> &'static Ca {
    static ROOT: OnceLock<Ca> = OnceLock::new();
    ROOT.get_or_init(|| ca("Outbox test root"))
}

fn anchors() -> TrustAnchors {
    TrustAnchors::from_der([root().der.as_slice()]).expect("anchors")
}

struct Leaf {
    usages: Vec<KeyUsagePurpose>,
    from: (i32, u8, u8),
    until: (i32, u8, u8),
}

impl Default for Leaf {
    fn default() -> Self {
        Leaf {
            usages: vec![KeyUsagePurpose::KeyEncipherment],
            from: (2026, 1, 2),
            until: (2027, 1, 2),
        }
    }
}

fn certify(ca: &Ca, subject: &RsaKey, leaf: Leaf) -> Vec<u8> {
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, "Bürgerbüro Musterstadt (test)");
    params.distinguished_name = dn;
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = leaf.usages;
    params.use_authority_key_identifier_extension = true;
    params.not_before = rcgen::date_time_ymd(leaf.from.0, leaf.from.1, leaf.from.2);
    params.not_after = rcgen::date_time_ymd(leaf.until.0, leaf.until.1, leaf.until.2);
    params
        .signed_by(&RsaSubjectKey(&subject.pkcs1), &ca.issuer)
        .expect("leaf certificate")
        .der()
        .to_vec()
}

const KID: &str = "destination-key-1";

/// The JWK a destination publishes for `key`, with the chain `x5c` (leaf first).
fn jwk(key: &RsaKey, x5c: &[&[u8]]) -> Value {
    json!({
        "kty": "RSA",
        "kid": KID,
        "alg": "RSA-OAEP-256",
        "key_ops": ["wrapKey"],
        "n": b64(&key.n),
        "e": b64(&key.e),
        "x5c": x5c.iter().map(|c| STANDARD.encode(c)).collect::<Vec<_>>(),
    })
}

/// A good key: 4096 bits, for wrapping, certified for key encipherment by the root.
fn good_jwk() -> Value {
    let leaf = certify(root(), key_4096(0), Leaf::default());
    jwk(key_4096(0), &[&leaf, &root().der])
}

fn refusal(jwk: &Value) -> KeyRefusal {
    match check_key(jwk, KID, &anchors(), NOW) {
        Err(OutboxError::DestinationKey(why)) => why,
        other => panic!("expected a refused key, got {other:?}"),
    }
}

#[test]
fn a_good_key_passes_and_shows_only_its_kid() {
    let key = check_key(&good_jwk(), KID, &anchors(), NOW).expect("a good key passes");
    assert_eq!(key.kid(), KID);
    assert_eq!(key.bits(), 4096);
    let shown = format!("{key:?}");
    assert!(shown.contains(KID));
    assert!(
        !shown.contains(&b64(&key_4096(0).n)[..20]),
        "no key material: {shown}"
    );
    // The chain may also end below the root, without the root itself in x5c.
    let leaf = certify(root(), key_4096(0), Leaf::default());
    check_key(&jwk(key_4096(0), &[&leaf]), KID, &anchors(), NOW).expect("leaf only passes");
}

#[test]
fn a_2048_bit_key_or_another_key_type_is_too_weak() {
    let short = rsa_key(KeySize::Rsa2048);
    let leaf = certify(root(), &short, Leaf::default());
    assert_eq!(
        refusal(&jwk(&short, &[&leaf, &root().der])),
        KeyRefusal::TooWeak
    );

    let mut ec = good_jwk();
    ec["kty"] = "EC".into();
    assert_eq!(refusal(&ec), KeyRefusal::TooWeak);
}

#[test]
fn a_key_without_wrap_key_or_for_another_algorithm_is_for_the_wrong_use() {
    let mut no_wrap = good_jwk();
    no_wrap["key_ops"] = json!(["encrypt", "verify"]);
    assert_eq!(refusal(&no_wrap), KeyRefusal::WrongUse);

    let mut no_ops = good_jwk();
    no_ops.as_object_mut().expect("object").remove("key_ops");
    assert_eq!(refusal(&no_ops), KeyRefusal::WrongUse);

    let mut sha1 = good_jwk();
    sha1["alg"] = "RSA-OAEP".into();
    assert_eq!(refusal(&sha1), KeyRefusal::WrongUse);

    let mut signing = good_jwk();
    signing["use"] = "sig".into();
    assert_eq!(refusal(&signing), KeyRefusal::WrongUse);
}

#[test]
fn a_key_with_another_kid_is_refused() {
    let mut other = good_jwk();
    other["kid"] = "another-key".into();
    assert_eq!(refusal(&other), KeyRefusal::WrongKid);
}

#[test]
fn a_key_without_certificate_or_whose_leaf_holds_another_key_is_uncertified() {
    let mut none = good_jwk();
    none.as_object_mut().expect("object").remove("x5c");
    assert_eq!(refusal(&none), KeyRefusal::NoCertificate);

    let mut empty = good_jwk();
    empty["x5c"] = json!([]);
    assert_eq!(refusal(&empty), KeyRefusal::NoCertificate);

    // A valid certificate, from the trusted root, but for the other key.
    let other_leaf = certify(root(), key_4096(1), Leaf::default());
    assert_eq!(
        refusal(&jwk(key_4096(0), &[&other_leaf, &root().der])),
        KeyRefusal::NoCertificate
    );
}

#[test]
fn a_chain_to_another_root_is_untrusted() {
    let stranger = ca("Some other authority");
    let leaf = certify(&stranger, key_4096(0), Leaf::default());
    assert_eq!(
        refusal(&jwk(key_4096(0), &[&leaf, &stranger.der])),
        KeyRefusal::UntrustedChain
    );
    // Naming the trusted root in x5c does not help a leaf it did not sign.
    assert_eq!(
        refusal(&jwk(key_4096(0), &[&leaf, &root().der])),
        KeyRefusal::UntrustedChain
    );
}

#[test]
fn an_expired_or_not_yet_valid_certificate_is_refused() {
    let expired = certify(
        root(),
        key_4096(0),
        Leaf {
            from: (2026, 1, 2),
            until: (2026, 5, 31),
            ..Leaf::default()
        },
    );
    assert_eq!(
        refusal(&jwk(key_4096(0), &[&expired, &root().der])),
        KeyRefusal::Expired
    );
    let future = certify(
        root(),
        key_4096(0),
        Leaf {
            from: (2026, 6, 2),
            until: (2027, 6, 2),
            ..Leaf::default()
        },
    );
    assert_eq!(
        refusal(&jwk(key_4096(0), &[&future, &root().der])),
        KeyRefusal::Expired
    );
    // The same certificate is good a day later: the time passed in is the one used.
    check_key(
        &jwk(key_4096(0), &[&future, &root().der]),
        KID,
        &anchors(),
        NOW + 2 * 86_400,
    )
    .expect("valid from 2026-06-02");
}

#[test]
fn a_leaf_not_for_key_encipherment_is_refused() {
    let signing = certify(
        root(),
        key_4096(0),
        Leaf {
            usages: vec![KeyUsagePurpose::DigitalSignature],
            ..Leaf::default()
        },
    );
    assert_eq!(
        refusal(&jwk(key_4096(0), &[&signing, &root().der])),
        KeyRefusal::WrongKeyUsage
    );
    let unrestricted = certify(
        root(),
        key_4096(0),
        Leaf {
            usages: vec![],
            ..Leaf::default()
        },
    );
    assert_eq!(
        refusal(&jwk(key_4096(0), &[&unrestricted, &root().der])),
        KeyRefusal::WrongKeyUsage,
        "FIT-Connect requires the key usage extension"
    );
}

// --- Sealing --------------------------------------------------------------------------

fn uuid() -> String {
    let mut bytes = [0u8; 16];
    SystemRandom::new().fill(&mut bytes).expect("random");
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = hex_lower(&bytes);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn file(name: &str, media_type: &str, bytes: Vec<u8>) -> FrozenFile {
    FrozenFile {
        attachment_id: uuid(),
        filename: name.to_owned(),
        media_type: media_type.to_owned(),
        bytes,
    }
}

fn pdf(len: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.resize(len, b' ');
    bytes
}

fn png(len: usize) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.resize(len, 7);
    bytes
}

/// A frozen application as the lead's freeze makes it: data, metadata built and
/// validated here, the PDF and the citizen's files.
fn frozen(
    data: &[u8],
    schema_uri: &str,
    service: ServiceType,
    form: FrozenFile,
    attachments: Vec<FrozenFile>,
) -> FrozenApplication {
    let built = metadata::build(&MetadataParts {
        data,
        schema_uri,
        service: &service,
        application_date: "2026-12-06",
        form: &form,
        attachments: &attachments,
    });
    metadata::validate(&built).expect("valid metadata");
    FrozenApplication {
        application_id: uuid(),
        procedure_id: "dog-tax-registration".to_owned(),
        endpoint: "http://127.0.0.1:1".to_owned(),
        ars: amtsweg_municipal_api::DEMO_ARS.to_owned(),
        service,
        data: data.to_vec(),
        metadata: serde_json::to_vec(&built).expect("metadata bytes"),
        form,
        attachments,
        application_date: "2026-12-06".to_owned(),
        keepsake: Vec::new(),
    }
}

fn dog_tax_service() -> ServiceType {
    ServiceType {
        name: "Hundesteuer Anmeldung".to_owned(),
        identifier: "urn:de:fim:leika:leistung:99102013104000".to_owned(),
    }
}

fn good_key() -> DestinationKey {
    check_key(&good_jwk(), KID, &anchors(), NOW).expect("good key")
}

fn attachment_refusal(app: &FrozenApplication, limits: &SealLimits) -> String {
    match seal(app, &good_key(), "destination-1", limits) {
        Err(OutboxError::AttachmentRefused(why)) => why,
        other => panic!("expected a refused attachment, got {other:?}"),
    }
}

#[test]
fn a_file_over_its_limit_or_of_a_forbidden_type_stops_sealing_naming_which() {
    let limits = SealLimits {
        max_file_bytes: 1000,
        max_form_bytes: 2000,
        ..SealLimits::default()
    };
    let ok = || file("Impfpass Erika Mustermann.png", "image/png", png(1000));
    let form = || file("Antrag.pdf", "application/pdf", pdf(2000));

    // Within the limits it seals; one byte more in the last file and nothing does.
    let app = frozen(
        b"{}",
        "urn:x:1",
        dog_tax_service(),
        form(),
        vec![ok(), ok()],
    );
    seal(&app, &good_key(), "destination-1", &limits).expect("within the limits");

    let big = file("Impfpass Erika Mustermann.png", "image/png", png(1001));
    let big_id = big.attachment_id.clone();
    let app = frozen(b"{}", "urn:x:1", dog_tax_service(), form(), vec![ok(), big]);
    let why = attachment_refusal(&app, &limits);
    assert!(
        why.contains("attachment 2 of 2") && why.contains(&big_id),
        "{why}"
    );
    assert!(why.contains("1001"), "{why}");
    assert!(!why.contains("Mustermann"), "no file name: {why}");

    let gif = file("Bello.gif", "image/gif", b"GIF89a....".to_vec());
    let app = frozen(b"{}", "urn:x:1", dog_tax_service(), form(), vec![gif]);
    assert!(attachment_refusal(&app, &limits).contains("image/gif"));

    // A PNG that is not one by its content.
    let fake = file("Bello.png", "image/png", pdf(100));
    let app = frozen(b"{}", "urn:x:1", dog_tax_service(), form(), vec![fake]);
    assert!(attachment_refusal(&app, &limits).contains("by its content"));

    let big_form = file("Antrag.pdf", "application/pdf", pdf(2001));
    let app = frozen(b"{}", "urn:x:1", dog_tax_service(), big_form, vec![ok()]);
    assert!(attachment_refusal(&app, &limits).contains("the form"));

    // The form is a PDF, whatever the citizen's files may be.
    let png_form = file("Antrag.png", "image/png", png(100));
    let app = frozen(b"{}", "urn:x:1", dog_tax_service(), png_form, vec![]);
    assert!(attachment_refusal(&app, &limits).contains("the form"));
}

#[test]
fn sealing_names_the_key_and_destination_and_keeps_the_files_order() {
    let photo = file("Bello.png", "image/png", png(300));
    let scan = file("Impfpass.pdf", "application/pdf", pdf(400));
    let form = file("Antrag.pdf", "application/pdf", pdf(500));
    let ids: Vec<String> = [&form, &photo, &scan]
        .iter()
        .map(|f| f.attachment_id.clone())
        .collect();
    let app = frozen(b"{}", "urn:x:1", dog_tax_service(), form, vec![photo, scan]);
    let sealed = seal(&app, &good_key(), "destination-1", &SealLimits::default()).expect("sealed");
    assert_eq!(sealed.destination_id, "destination-1");
    assert_eq!(sealed.kid, KID);
    let sealed_ids: Vec<&str> = sealed
        .files
        .iter()
        .map(|f| f.attachment_id.as_str())
        .collect();
    assert_eq!(sealed_ids, ids);
    let header = |jwe: &str| -> Value {
        let first = jwe.split('.').next().expect("header");
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(first).expect("b64")).expect("json")
    };
    assert_eq!(header(&sealed.metadata_jwe)["cty"], "application/json");
    assert_eq!(header(&sealed.data_jwe)["cty"], "application/json");
    assert_eq!(header(&sealed.files[1].jwe)["cty"], "image/png");
    assert_eq!(header(&sealed.files[2].jwe)["kid"], KID);
}

// --- Against the reference server -----------------------------------------------------

/// The reference server in-process on a free loopback port, with fresh keys.
struct Server {
    url: String,
    data: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn start_server() -> Server {
    let data = tempfile::tempdir().expect("temp dir");
    let path = data.path().to_path_buf();
    tokio::task::spawn_blocking(move || {
        amtsweg_municipal_api::init(&path, amtsweg_municipal_api::DEMO_ARS)
    })
    .await
    .expect("init task")
    .expect("the server's keys");
    let mut config = amtsweg_municipal_api::Config::new(data.path().to_path_buf());
    config.bind = "127.0.0.1:0".parse().expect("address");
    let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        amtsweg_municipal_api::serve(
            config,
            move |_, url| {
                let _ = ready_tx.send(url.to_owned());
            },
            async move {
                let _ = stop_rx.await;
            },
        )
        .await
        .expect("the server runs");
    });
    Server {
        url: ready_rx.await.expect("the server became ready"),
        data,
        stop: Some(stop_tx),
    }
}

/// A throwaway installation: an Ed25519 device key and its signed assertions.
struct Installation {
    http: reqwest::Client,
    base: String,
    key: Ed25519KeyPair,
    id: String,
}

impl Installation {
    async fn register(base: &str) -> Installation {
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).expect("key");
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
            id,
        };
        let (status, answer) = me
            .send(
                reqwest::Method::POST,
                "/v1/installations",
                json!({"jwk": {"kty": "OKP", "crv": "Ed25519", "x": x}}),
            )
            .await;
        assert_eq!(status, 201, "{answer}");
        me
    }

    fn assertion(&self) -> String {
        let mut jti = [0u8; 16];
        SystemRandom::new().fill(&mut jti).expect("random");
        let now = jiff::Timestamp::now().as_second();
        let header = json!({"alg": "EdDSA", "typ": "JWT", "kid": self.id});
        let claims = json!({
            "iss": self.id, "sub": self.id, "aud": self.base,
            "iat": now, "exp": now + 120, "jti": b64(&jti),
        });
        let input = format!(
            "{}.{}",
            b64(header.to_string().as_bytes()),
            b64(claims.to_string().as_bytes())
        );
        format!("{input}.{}", b64(self.key.sign(input.as_bytes()).as_ref()))
    }

    async fn send(&self, method: reqwest::Method, path: &str, body: Value) -> (u16, Value) {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .bearer_auth(self.assertion());
        if method != reqwest::Method::GET {
            request = request.json(&body);
        }
        let answer = request.send().await.expect("request");
        (
            answer.status().as_u16(),
            answer.json().await.unwrap_or(Value::Null),
        )
    }

    async fn upload(&self, submission: &str, attachment: &str, jwe: &str) -> u16 {
        self.http
            .put(format!(
                "{}/v1/submissions/{submission}/attachments/{attachment}",
                self.base
            ))
            .bearer_auth(self.assertion())
            .header("content-type", "application/jose")
            .body(jwe.to_owned())
            .send()
            .await
            .expect("upload")
            .status()
            .as_u16()
    }
}

fn fixture(procedure: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/submissions")
        .join(format!("{procedure}.json"));
    serde_json::from_slice(&std::fs::read(path).expect("fixture")).expect("fixture JSON")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reference_servers_key_passes_and_it_accepts_what_is_sealed_here() {
    let server = start_server().await;
    let me = Installation::register(&server.url).await;

    let fixture = fixture("dog-tax-registration");
    let service = ServiceType {
        name: "Hundesteuer Anmeldung".to_owned(),
        identifier: fixture["leika"].as_str().expect("leika").to_owned(),
    };
    let (status, routes) = me
        .send(
            reqwest::Method::GET,
            &format!(
                "/v1/routes?leikaKey={}&ars={}",
                service.leika_key(),
                amtsweg_municipal_api::DEMO_ARS
            ),
            Value::Null,
        )
        .await;
    assert_eq!(status, 200, "{routes}");
    let destination = routes["routes"][0]["destinationId"]
        .as_str()
        .expect("route");
    let kid = routes["routes"][0]["encryptionKid"].as_str().expect("kid");
    let (status, jwk) = me
        .send(
            reqwest::Method::GET,
            &format!("/v1/destinations/{destination}/keys/{kid}"),
            Value::Null,
        )
        .await;
    assert_eq!(status, 200, "{jwk}");

    let now = u64::try_from(jiff::Timestamp::now().as_second()).expect("after 1970");
    let key =
        check_key(&jwk, kid, &crate::support::demo_roots(), now).expect("the server's key passes");
    assert_eq!(key.kid(), kid);
    // The same key is refused when another root is the only one trusted.
    assert!(matches!(
        check_key(&jwk, kid, &anchors(), now),
        Err(OutboxError::DestinationKey(KeyRefusal::UntrustedChain))
    ));

    // The walk's answers, with the citizen's file referenced as the form does it.
    let photo = file("Impfpass Bello.png", "image/png", png(200 * 1024));
    let mut data = fixture["data"].clone();
    data["F00000600"] = json!({
        "id": photo.attachment_id, "name": photo.filename,
        "mediaType": "image/png", "size": photo.bytes.len(),
    });
    let data = serde_json::to_vec(&data).expect("data");
    let form = file("Antrag Hundesteuer.pdf", "application/pdf", pdf(40 * 1024));
    let app = frozen(
        &data,
        fixture["schemaUri"].as_str().expect("schema"),
        service.clone(),
        form,
        vec![photo],
    );
    let sealed = seal(&app, &key, destination, &SealLimits::default()).expect("sealed");

    let (status, created) = me
        .send(
            reqwest::Method::POST,
            "/v1/submissions",
            json!({
                "destinationId": sealed.destination_id,
                "announcedAttachments": sealed.files.iter().map(|f| &f.attachment_id).collect::<Vec<_>>(),
                "serviceType": {"name": service.name, "identifier": service.identifier},
            }),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let submission = created["submissionId"].as_str().expect("submission id");
    for part in &sealed.files {
        assert_eq!(
            me.upload(submission, &part.attachment_id, &part.jwe).await,
            204
        );
    }
    let (status, answer) = me
        .send(
            reqwest::Method::PUT,
            &format!("/v1/submissions/{submission}"),
            json!({"encryptedMetadata": sealed.metadata_jwe, "encryptedData": sealed.data_jwe}),
        )
        .await;
    assert_eq!(
        status, 200,
        "the server decrypts and validates it: {answer}"
    );

    let shown = amtsweg_municipal_api::show(server.data.path(), submission).expect("show");
    assert_eq!(shown["status"], "submitted");
    assert_eq!(
        shown["data"],
        serde_json::from_slice::<Value>(&data).expect("json"),
        "the data arrived as sealed"
    );
    assert_eq!(
        shown["metadata"],
        serde_json::from_slice::<Value>(&app.metadata).expect("json")
    );
    let mut arrived: Vec<(String, String)> = shown["attachments"]
        .as_array()
        .expect("attachments")
        .iter()
        .map(|a| {
            (
                a["attachmentId"].as_str().expect("id").to_owned(),
                a["sha512"].as_str().expect("hash").to_owned(),
            )
        })
        .collect();
    let mut expected: Vec<(String, String)> = app
        .files()
        .map(|f| {
            let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA512, &f.bytes);
            (f.attachment_id.clone(), hex::encode(digest))
        })
        .collect();
    arrived.sort();
    expected.sort();
    assert_eq!(arrived, expected);
}
