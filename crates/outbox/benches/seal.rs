//! Sealing one application for a 4096-bit destination key (goal: under 5 ms), beside
//! its floor: the RSA-OAEP-256 wraps (one per part) and AES-256-GCM over the same bytes.
//! The application: ~2 KB of FIM data JSON, its metadata, a 40 KB PDF and a 200 KB
//! image. Also the destination key's check (once per sending, X.509 path included).
//!
//! `cargo bench -p amtsweg-outbox --bench seal -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use amtsweg_outbox::{
    DestinationKey, FrozenApplication, FrozenFile, MetadataParts, SealLimits, ServiceType,
    TrustAnchors, check_key, metadata, seal,
};
use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use aws_lc_rs::rsa::{KeySize, OAEP_SHA256_MGF1SHA256, OaepPublicEncryptingKey};
use aws_lc_rs::signature::KeyPair;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyUsagePurpose,
    PublicKeyData, SignatureAlgorithm,
};
use serde_json::{Value, json};

struct RsaSubjectKey<'a>(&'a [u8]);

impl PublicKeyData for RsaSubjectKey<'_> {
    fn der_bytes(&self) -> &[u8] {
        self.0
    }
    fn algorithm(&self) -> &'static SignatureAlgorithm {
        &rcgen::PKCS_RSA_SHA256
    }
}

fn ca_params() -> CertificateParams {
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, "Benchmark root");
    params.distinguished_name = dn;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign];
    params.not_before = rcgen::date_time_ymd(2026, 1, 1);
    params.not_after = rcgen::date_time_ymd(2036, 1, 1);
    params
}

/// A destination's JWK for a fresh RSA-4096 key, certified by a fresh root, and that root.
fn destination() -> (Value, TrustAnchors, OaepPublicEncryptingKey) {
    let pair = aws_lc_rs::rsa::KeyPair::generate(KeySize::Rsa4096).expect("RSA key");
    let public = pair.public_key();
    let ca_key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).expect("CA key");
    let root = ca_params()
        .self_signed(&ca_key)
        .expect("root")
        .der()
        .to_vec();
    let issuer = Issuer::new(ca_params(), ca_key);
    let mut params = CertificateParams::default();
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = vec![KeyUsagePurpose::KeyEncipherment];
    params.not_before = rcgen::date_time_ymd(2026, 1, 1);
    params.not_after = rcgen::date_time_ymd(2036, 1, 1);
    let leaf = params
        .signed_by(&RsaSubjectKey(public.as_ref()), &issuer)
        .expect("leaf")
        .der()
        .to_vec();
    let jwk = json!({
        "kty": "RSA", "kid": "bench", "alg": "RSA-OAEP-256", "key_ops": ["wrapKey"],
        "n": URL_SAFE_NO_PAD.encode(public.modulus().big_endian_without_leading_zero()),
        "e": URL_SAFE_NO_PAD.encode(public.exponent().big_endian_without_leading_zero()),
        "x5c": [STANDARD.encode(&leaf), STANDARD.encode(&root)],
    });
    let anchors = TrustAnchors::from_der([root.as_slice()]).expect("anchors");
    let der = aws_lc_rs::encoding::AsDer::as_der(&aws_lc_rs::rsa::PublicKeyComponents {
        n: public.modulus().big_endian_without_leading_zero(),
        e: public.exponent().big_endian_without_leading_zero(),
    })
    .expect("SPKI");
    let oaep = OaepPublicEncryptingKey::new(
        aws_lc_rs::rsa::PublicEncryptingKey::from_der(der.as_ref()).expect("key"),
    )
    .expect("OAEP");
    (jwk, anchors, oaep)
}

fn file(id: &str, name: &str, media_type: &str, magic: &[u8], len: usize) -> FrozenFile {
    let mut bytes = magic.to_vec();
    // Not all one byte: compressible or not, AES-GCM costs the same, but keep it honest.
    bytes.extend((0..len - magic.len()).map(|i| (i * 31 % 251) as u8));
    FrozenFile {
        attachment_id: id.to_owned(),
        filename: name.to_owned(),
        media_type: media_type.to_owned(),
        bytes,
    }
}

fn application() -> FrozenApplication {
    let dogs: Vec<Value> = (0..5)
        .map(|i| json!({"F99000005": format!("Hund {i}"), "F99000006": "mixed-breed", "F99000007": "2025-04-16", "F99000008": false}))
        .collect();
    let mut data = json!({
        "F00000013": "Mustermann", "F00000045": "Erika", "F99000001": "1985-03-27",
        "F99000002": "erika.mustermann@example.org", "F99000003": "+4956112345678",
        "F99000004": "2025-05-16", "F99000010": "96.00", "F99000012": false,
        "G00000237": {"G00000040": {"F00000016": "8", "F00000053": "Obere Königsstraße"},
                      "G00000113": {"F00000035": "Kassel", "F00000054": "34117"}},
        "G99000001": dogs,
    });
    let mut bytes = serde_json::to_vec(&data).expect("data");
    // Pad with a free-text answer to about 2 KB.
    data["F99000013"] = "x"
        .repeat(2048usize.saturating_sub(bytes.len() + 20))
        .into();
    bytes = serde_json::to_vec(&data).expect("data");
    let service = ServiceType {
        name: "Hundesteuer Anmeldung".to_owned(),
        identifier: "urn:de:fim:leika:leistung:99102013104000".to_owned(),
    };
    let form = file(
        "0b7c4a52-6f0e-4d8e-9a43-3f5c2b1d9e01",
        "Antrag.pdf",
        "application/pdf",
        b"%PDF-1.7\n",
        40 * 1024,
    );
    let photo = file(
        "5e1f7f0c-2c59-4a57-8d36-1d5a4b7e2f02",
        "Impfpass.png",
        "image/png",
        b"\x89PNG\r\n\x1a\n",
        200 * 1024,
    );
    let built = metadata::build(&MetadataParts {
        data: &bytes,
        schema_uri: "urn:amtsweg:procedure:dog-tax-registration:1.0.0",
        service: &service,
        application_date: "2026-12-06",
        form: &form,
        attachments: std::slice::from_ref(&photo),
    });
    metadata::validate(&built).expect("valid metadata");
    FrozenApplication {
        application_id: "9f0e8d7c-6b5a-4948-8372-615049382716".to_owned(),
        procedure_id: "dog-tax-registration".to_owned(),
        endpoint: "http://127.0.0.1:8787".to_owned(),
        ars: "066990999999".to_owned(),
        service,
        data: bytes,
        metadata: serde_json::to_vec(&built).expect("metadata"),
        form,
        attachments: vec![photo],
        application_date: "2026-12-06".to_owned(),
        keepsake: Vec::new(),
    }
}

fn bench(c: &mut Criterion) {
    let (jwk, anchors, oaep) = destination();
    // 2026-06-01.
    let now = 1_780_272_000;
    let key: DestinationKey = check_key(&jwk, "bench", &anchors, now).expect("a good key");
    let app = application();
    let limits = SealLimits::default();
    let parts: Vec<&[u8]> = [&app.metadata[..], &app.data[..]]
        .into_iter()
        .chain(app.files().map(|f| &f.bytes[..]))
        .collect();
    let total: usize = parts.iter().map(|p| p.len()).sum();
    eprintln!(
        "application: data {} B, metadata {} B, form {} B, image {} B ({} parts, {total} B)",
        app.data.len(),
        app.metadata.len(),
        app.form.bytes.len(),
        app.attachments[0].bytes.len(),
        parts.len()
    );

    let mut group = c.benchmark_group("seal");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("application (4 parts, RSA-4096)", |b| {
        b.iter(|| seal(black_box(&app), &key, "destination", &limits).expect("sealed"))
    });
    group.finish();

    let mut group = c.benchmark_group("baseline");
    group.bench_function("one RSA-OAEP-256 wrap (4096)", |b| {
        let mut out = vec![0u8; oaep.ciphertext_size()];
        b.iter(|| {
            oaep.encrypt(
                &OAEP_SHA256_MGF1SHA256,
                black_box(&[7u8; 32]),
                &mut out,
                None,
            )
            .expect("wrap")
            .len()
        })
    });
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("AES-256-GCM of the same bytes", |b| {
        let aead = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &[9u8; 32]).expect("key"));
        b.iter(|| {
            for part in &parts {
                let mut body = part.to_vec();
                let tag = aead
                    .seal_in_place_separate_tag(
                        Nonce::assume_unique_for_key([3u8; 12]),
                        Aad::from(b"header"),
                        &mut body,
                    )
                    .expect("seal");
                black_box(&body);
                black_box(tag.as_ref()[0]);
            }
        })
    });
    group.finish();

    c.bench_function("check_key (x5c path, RSA-4096)", |b| {
        b.iter(|| check_key(black_box(&jwk), "bench", &anchors, now).expect("good"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
