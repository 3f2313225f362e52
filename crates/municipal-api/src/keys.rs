//! The server's keys, made on first start and kept in `<data>/keys/`:
//!
//! - the destination's RSA-4096 key pair (`RSA-OAEP-256`, `wrapKey`), whose public JWK
//!   carries an `x5c` chain to the demo certificate authority, as FIT-Connect requires of
//!   a destination's key (the Verwaltungs-PKI in production);
//! - the RSA-4096 key that signs Security Event Tokens (`PS512`).
//!
//! The demo authority (`demo-ca/`) is TEST ONLY: its secret key is committed, so what it
//! certifies proves nothing; the app trusts it only behind the `test-trust` feature.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::{KeySize, OaepPrivateDecryptingKey, PrivateDecryptingKey};
use aws_lc_rs::signature::{KeyPair, RsaKeyPair};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyUsagePurpose,
    PublicKeyData, SignatureAlgorithm,
};
use serde_json::{Value, json};
use zeroize::Zeroizing;

use crate::MunicipalApiError;
use crate::jose::{b64, rsa_thumbprint};

/// The demo certificate authority's certificate (PEM), committed.
pub const DEMO_CA_CERT: &str = include_str!("../demo-ca/demo-ca.crt.pem");
/// Its secret key, committed on purpose and TEST ONLY (demo-ca/README.md).
const DEMO_CA_KEY: &str = include_str!("../demo-ca/demo-ca.TEST-ONLY-NOT-SECRET.key.pem");

const DESTINATION_KEY: &str = "destination.pk8";
const DESTINATION_CERT: &str = "destination.crt.der";
const EVENT_KEY: &str = "events.pk8";

/// The keys a running server uses.
#[derive(Debug)]
pub struct ServerKeys {
    pub destination: OaepPrivateDecryptingKey,
    /// The destination key's public JWK (with `kid` and `x5c`).
    pub destination_jwk: Value,
    pub destination_kid: String,
    pub events: RsaKeyPair,
    pub events_jwk: Value,
    pub events_kid: String,
}

fn rsa_public_jwk(public: &aws_lc_rs::rsa::PublicKey) -> (String, String, String) {
    let n = b64(public.modulus().big_endian_without_leading_zero());
    let e = b64(public.exponent().big_endian_without_leading_zero());
    let kid = rsa_thumbprint(&n, &e);
    (n, e, kid)
}

fn write_secret(path: &Path, bytes: &[u8]) -> Result<(), MunicipalApiError> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}

fn keys_dir(data: &Path) -> PathBuf {
    data.join("keys")
}

impl ServerKeys {
    /// Loads the keys from `<data>/keys/`, making any that are missing (first start), and
    /// renews the destination's certificate when it is missing or ends within 30 days.
    pub fn load_or_make(data: &Path, destination_name: &str) -> Result<Self, MunicipalApiError> {
        let dir = keys_dir(data);
        fs::create_dir_all(&dir)?;
        let key_error = |what: &str| MunicipalApiError::Keys(what.to_owned());

        let destination_path = dir.join(DESTINATION_KEY);
        if !destination_path.exists() {
            let key = PrivateDecryptingKey::generate(KeySize::Rsa4096)
                .map_err(|_| key_error("cannot make the destination key"))?;
            let der = key
                .as_der()
                .map_err(|_| key_error("cannot encode the destination key"))?;
            write_secret(&destination_path, der.as_ref())?;
            // A new key needs a new certificate.
            let _ = fs::remove_file(dir.join(DESTINATION_CERT));
        }
        let event_path = dir.join(EVENT_KEY);
        if !event_path.exists() {
            let key = aws_lc_rs::rsa::KeyPair::generate(KeySize::Rsa4096)
                .map_err(|_| key_error("cannot make the event key"))?;
            let der = key
                .as_der()
                .map_err(|_| key_error("cannot encode the event key"))?;
            write_secret(&event_path, der.as_ref())?;
        }

        let destination_der = Zeroizing::new(fs::read(&destination_path)?);
        let destination_private = PrivateDecryptingKey::from_pkcs8(&destination_der)
            .map_err(|_| key_error("the destination key file is damaged"))?;
        // The same PKCS#8 as a signature key pair gives its public modulus and exponent.
        let destination_pair = RsaKeyPair::from_pkcs8(&destination_der)
            .map_err(|_| key_error("the destination key file is damaged"))?;
        let (n, e, destination_kid) = rsa_public_jwk(destination_pair.public_key());

        let cert_path = dir.join(DESTINATION_CERT);
        let cert = match fs::read(&cert_path) {
            Ok(der) if written_within(&cert_path, RENEW_AFTER) => der,
            _ => {
                let der = certify(destination_pair.public_key().as_ref(), destination_name)?;
                let _ = fs::remove_file(&cert_path);
                fs::write(&cert_path, &der)?;
                der
            }
        };
        let ca_der = pem_body(DEMO_CA_CERT)
            .ok_or_else(|| key_error("the demo CA certificate is damaged"))?;
        let destination_jwk = json!({
            "kty": "RSA",
            "kid": destination_kid,
            "alg": "RSA-OAEP-256",
            "key_ops": ["wrapKey"],
            "n": n,
            "e": e,
            "x5c": [STANDARD.encode(&cert), STANDARD.encode(&ca_der)],
        });

        let event_der = Zeroizing::new(fs::read(&event_path)?);
        let events = RsaKeyPair::from_pkcs8(&event_der)
            .map_err(|_| key_error("the event key file is damaged"))?;
        let (n, e, events_kid) = rsa_public_jwk(events.public_key());
        let events_jwk = json!({
            "kty": "RSA",
            "kid": events_kid,
            "alg": "PS512",
            "use": "sig",
            "key_ops": ["verify"],
            "n": n,
            "e": e,
        });

        Ok(ServerKeys {
            destination: OaepPrivateDecryptingKey::new(destination_private)
                .map_err(|_| key_error("the destination key is not an RSA key"))?,
            destination_jwk,
            destination_kid,
            events,
            events_jwk,
            events_kid,
        })
    }
}

fn pem_body(pem: &str) -> Option<Vec<u8>> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    STANDARD.decode(body.trim()).ok()
}

/// A destination certificate is valid for a year; one written more than 335 days ago is
/// renewed at start, so it never ends while the server runs for a month.
const RENEW_AFTER: std::time::Duration = std::time::Duration::from_secs(335 * 24 * 3600);

/// Whether `path` was written less than `age` ago. Only this server writes the
/// certificate file, so its age tells the certificate's without an X.509 parser.
fn written_within(path: &Path, age: std::time::Duration) -> bool {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|modified| modified.elapsed().ok())
        .is_some_and(|elapsed| elapsed < age)
}

/// An RSA public key as rcgen needs it for a certificate's subject.
struct RsaSubjectKey<'a>(&'a [u8]);

impl PublicKeyData for RsaSubjectKey<'_> {
    fn der_bytes(&self) -> &[u8] {
        self.0
    }

    fn algorithm(&self) -> &'static SignatureAlgorithm {
        // rsaEncryption: the subject key's algorithm, whatever signs the certificate.
        &rcgen::PKCS_RSA_SHA256
    }
}

fn demo_ca_params() -> CertificateParams {
    let mut params = CertificateParams::default();
    let mut name = DistinguishedName::new();
    name.push(DnType::OrganizationName, "Amtsweg demo");
    name.push(
        DnType::CommonName,
        "Amtsweg Demo CA - TEST ONLY, NOT SECRET",
    );
    params.distinguished_name = name;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.not_before = rcgen::date_time_ymd(2026, 1, 1);
    params.not_after = rcgen::date_time_ymd(2046, 1, 1);
    params
}

/// Makes the demo certificate authority (`amtsweg-municipal-api demo-ca`): done once,
/// its files committed. Returns (certificate PEM, key PEM).
pub fn make_demo_ca() -> Result<(String, Zeroizing<String>), MunicipalApiError> {
    let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)
        .map_err(|e| MunicipalApiError::Keys(e.to_string()))?;
    let cert = demo_ca_params()
        .self_signed(&key)
        .map_err(|e| MunicipalApiError::Keys(e.to_string()))?;
    Ok((cert.pem(), Zeroizing::new(key.serialize_pem())))
}

/// A certificate for the destination's public key (PKCS#1 bytes), signed by the demo
/// authority, valid from yesterday for a year, for key encipherment only.
fn certify(public_pkcs1: &[u8], destination_name: &str) -> Result<Vec<u8>, MunicipalApiError> {
    let error = |e: rcgen::Error| MunicipalApiError::Keys(e.to_string());
    let ca_key = rcgen::KeyPair::from_pem(DEMO_CA_KEY).map_err(error)?;
    let issuer = Issuer::new(demo_ca_params(), ca_key);
    let mut params = CertificateParams::default();
    let mut name = DistinguishedName::new();
    name.push(DnType::OrganizationName, "Amtsweg demo");
    name.push(
        DnType::CommonName,
        format!("{destination_name} (TEST ONLY)"),
    );
    params.distinguished_name = name;
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = vec![KeyUsagePurpose::KeyEncipherment];
    params.use_authority_key_identifier_extension = true;
    let today = jiff::tz::Offset::UTC
        .to_datetime(jiff::Timestamp::now())
        .date();
    let from = today.yesterday().unwrap_or(today);
    let until = from.checked_add(jiff::Span::new().years(1)).unwrap_or(from);
    params.not_before =
        rcgen::date_time_ymd(i32::from(from.year()), from.month() as u8, from.day() as u8);
    params.not_after = rcgen::date_time_ymd(
        i32::from(until.year()),
        until.month() as u8,
        until.day() as u8,
    );
    let cert = params
        .signed_by(&RsaSubjectKey(public_pkcs1), &issuer)
        .map_err(error)?;
    Ok(cert.der().to_vec())
}
