//! The destination's encryption key, checked before anything is sealed with it: an RSA
//! key of at least 4096 bits for `RSA-OAEP-256` key wrapping, with the `kid` the route
//! named, whose `x5c` certificate chain is a valid X.509 path (signatures, CA
//! constraints, validity dates) to a pinned root and whose leaf certifies this very key
//! for key encipherment. FIT-Connect asks the same of a sender (its "Verschlüsselungs-
//! schlüssel prüfen" rules); a key that fails any check is refused with the reason.
//!
//! The roots ([`TrustAnchors`]): in release builds those the municipality's signed
//! catalog names (the app passes them, issue 19: for production FIT-Connect that is the
//! Verwaltungs-PKI's root); with the `test-trust` feature also the committed demo
//! authority of the reference server, whose secret key is public.

use aws_lc_rs::rsa::{OaepPublicEncryptingKey, PublicEncryptingKey, PublicKeyComponents};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, TrustAnchor, UnixTime};
use serde_json::Value;

use crate::{KeyRefusal, OutboxError};

/// The least modulus FIT-Connect accepts for a destination's encryption key.
const MIN_RSA_BITS: usize = 4096;

/// The root certificates a destination key's chain must lead to. Owned, so the app can
/// keep them for as long as it runs.
#[derive(Clone)]
pub struct TrustAnchors {
    anchors: Vec<TrustAnchor<'static>>,
}

impl std::fmt::Debug for TrustAnchors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrustAnchors")
            .field("roots", &self.anchors.len())
            .finish()
    }
}

impl TrustAnchors {
    /// Roots from DER certificates. Refuses none given, or one that is not a certificate.
    pub fn from_der<'a>(
        certificates: impl IntoIterator<Item = &'a [u8]>,
    ) -> Result<Self, OutboxError> {
        let mut anchors = Vec::new();
        for der in certificates {
            let der = CertificateDer::from(der);
            let anchor = webpki::anchor_from_trusted_cert(&der).map_err(|_| {
                OutboxError::Config("a trusted root is not an X.509 certificate".to_owned())
            })?;
            anchors.push(anchor.to_owned());
        }
        if anchors.is_empty() {
            return Err(OutboxError::Config("no trusted root given".to_owned()));
        }
        Ok(TrustAnchors { anchors })
    }

    /// Roots from PEM text (every `CERTIFICATE` block in it).
    pub fn from_pem(pem: &str) -> Result<Self, OutboxError> {
        let ders = CertificateDer::pem_slice_iter(pem.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| OutboxError::Config("trusted roots: not PEM certificates".to_owned()))?;
        Self::from_der(ders.iter().map(|d| d.as_ref()))
    }

    /// The reference server's demo authority (`crates/municipal-api/demo-ca`). TEST ONLY:
    /// its secret key is committed, so a chain to it proves nothing.
    #[cfg(feature = "test-trust")]
    pub fn demo() -> Self {
        const DEMO_CA: &str = include_str!("../../municipal-api/demo-ca/demo-ca.crt.pem");
        // A committed file, parsed by this crate's tests.
        Self::from_pem(DEMO_CA).expect("the committed demo CA certificate parses")
    }

    /// No root at all: every destination key is refused (`destination-key:untrusted`).
    /// What a release build of the app trusts until the roots come from the
    /// municipality's signed catalog; its applications wait, saying why.
    pub fn none() -> Self {
        TrustAnchors {
            anchors: Vec::new(),
        }
    }

    /// How many roots are trusted.
    pub fn len(&self) -> usize {
        self.anchors.len()
    }

    /// True only for [`TrustAnchors::none`].
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }
}

/// A destination's encryption key that passed [`check_key`]: only such a key seals.
pub struct DestinationKey {
    kid: String,
    key: OaepPublicEncryptingKey,
}

impl std::fmt::Debug for DestinationKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DestinationKey")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl DestinationKey {
    /// The key's `kid`, written into every JWE sealed with it.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// Its modulus length in bits (at least 4096).
    pub fn bits(&self) -> usize {
        self.key.key_size_bits()
    }

    pub(crate) fn oaep(&self) -> &OaepPublicEncryptingKey {
        &self.key
    }
}

fn refuse(why: KeyRefusal) -> OutboxError {
    OutboxError::DestinationKey(why)
}

fn text<'v>(jwk: &'v Value, name: &str) -> Option<&'v str> {
    jwk.get(name).and_then(Value::as_str)
}

/// A big-endian unsigned integer without its leading zero bytes (DER keeps one where
/// the top bit is set, JWK never does).
fn unsigned(bytes: &[u8]) -> &[u8] {
    let zeros = bytes.iter().take_while(|b| **b == 0).count();
    &bytes[zeros..]
}

fn bit_length(bytes: &[u8]) -> usize {
    let bytes = unsigned(bytes);
    match bytes.first() {
        None => 0,
        Some(top) => bytes.len() * 8 - top.leading_zeros() as usize,
    }
}

/// FIT-Connect prescribes key usage, not extended key usage, for an encryption key's
/// certificate; a leaf without EKU is normal there. Key usage is checked below instead.
struct AnyExtendedKeyUsage;

impl webpki::ExtendedKeyUsageValidator for AnyExtendedKeyUsage {
    fn validate(&self, _: webpki::KeyPurposeIdIter<'_, '_>) -> Result<(), webpki::Error> {
        Ok(())
    }
}

fn path_refusal(error: &webpki::Error) -> KeyRefusal {
    match error {
        webpki::Error::CertExpired { .. }
        | webpki::Error::CertNotValidYet { .. }
        | webpki::Error::InvalidCertValidity => KeyRefusal::Expired,
        // Unknown issuer, a bad signature, a leaf used as CA, a broken constraint,
        // an unparsable chain certificate: no path to a trusted root.
        _ => KeyRefusal::UntrustedChain,
    }
}

/// Checks the JWK a destination publishes as its encryption key (`GET
/// /v1/destinations/{id}/keys/{kid}`) against `expected_kid` (the route's
/// `encryptionKid`) and `anchors`, at `now_unix_seconds`. Refuses with the first
/// reason found, in this order: [`KeyRefusal::TooWeak`], [`KeyRefusal::WrongUse`],
/// [`KeyRefusal::WrongKid`], [`KeyRefusal::NoCertificate`], [`KeyRefusal::Expired`] or
/// [`KeyRefusal::UntrustedChain`], [`KeyRefusal::WrongKeyUsage`].
pub fn check_key(
    jwk: &Value,
    expected_kid: &str,
    anchors: &TrustAnchors,
    now_unix_seconds: u64,
) -> Result<DestinationKey, OutboxError> {
    let number = |name: &str| {
        text(jwk, name)
            .and_then(|t| URL_SAFE_NO_PAD.decode(t).ok())
            .ok_or(refuse(KeyRefusal::TooWeak))
    };
    if text(jwk, "kty") != Some("RSA") {
        return Err(refuse(KeyRefusal::TooWeak));
    }
    let (n, e) = (number("n")?, number("e")?);
    if bit_length(&n) < MIN_RSA_BITS {
        return Err(refuse(KeyRefusal::TooWeak));
    }

    let wraps_keys = jwk
        .get("key_ops")
        .and_then(Value::as_array)
        .is_some_and(|ops| ops.iter().any(|op| op.as_str() == Some("wrapKey")));
    let use_ok = jwk.get("use").is_none_or(|u| u.as_str() == Some("enc"));
    if text(jwk, "alg") != Some("RSA-OAEP-256") || !wraps_keys || !use_ok {
        return Err(refuse(KeyRefusal::WrongUse));
    }

    let kid = text(jwk, "kid").unwrap_or_default();
    if kid != expected_kid {
        return Err(refuse(KeyRefusal::WrongKid));
    }

    // The chain, leaf first (RFC 7517 §4.7): standard base64 DER, not base64url.
    let chain: Vec<CertificateDer<'static>> = jwk
        .get("x5c")
        .and_then(Value::as_array)
        .filter(|certs| !certs.is_empty())
        .ok_or(refuse(KeyRefusal::NoCertificate))?
        .iter()
        .map(|c| {
            c.as_str()
                .and_then(|c| STANDARD.decode(c).ok())
                .map(CertificateDer::from)
                .ok_or(refuse(KeyRefusal::NoCertificate))
        })
        .collect::<Result<_, _>>()?;
    let (leaf_der, intermediates) = chain
        .split_first()
        .ok_or(refuse(KeyRefusal::NoCertificate))?;

    // The leaf must certify this very key, or the chain vouches for another one.
    let (_, leaf) = x509_parser::parse_x509_certificate(leaf_der)
        .map_err(|_| refuse(KeyRefusal::NoCertificate))?;
    match leaf.public_key().parsed() {
        Ok(x509_parser::public_key::PublicKey::RSA(rsa))
            if unsigned(rsa.modulus) == unsigned(&n) && unsigned(rsa.exponent) == unsigned(&e) => {}
        _ => return Err(refuse(KeyRefusal::NoCertificate)),
    }

    let end_entity =
        webpki::EndEntityCert::try_from(leaf_der).map_err(|_| refuse(KeyRefusal::NoCertificate))?;
    let time = UnixTime::since_unix_epoch(std::time::Duration::from_secs(now_unix_seconds));
    let path = end_entity
        .verify_for_usage(
            webpki::ALL_VERIFICATION_ALGS,
            &anchors.anchors,
            intermediates,
            time,
            AnyExtendedKeyUsage,
            None,
            None,
        )
        .map_err(|e| refuse(path_refusal(&e)))?;

    // webpki does not read key usage: the leaf must be for key encipherment (RFC 5280
    // §4.2.1.3; FIT-Connect requires the extension), each intermediate CA of the path,
    // where it restricts its usage, for certificate signing.
    let leaf_usage = leaf
        .key_usage()
        .ok()
        .flatten()
        .is_some_and(|ku| ku.value.key_encipherment());
    if !leaf_usage {
        return Err(refuse(KeyRefusal::WrongKeyUsage));
    }
    for intermediate in path.intermediate_certificates() {
        let der = intermediate.der();
        let (_, ca) = x509_parser::parse_x509_certificate(&der)
            .map_err(|_| refuse(KeyRefusal::UntrustedChain))?;
        match ca.key_usage() {
            Ok(None) => {}
            Ok(Some(ku)) if ku.value.key_cert_sign() => {}
            _ => return Err(refuse(KeyRefusal::WrongKeyUsage)),
        }
    }

    let public: PublicEncryptingKey = PublicKeyComponents {
        n: unsigned(&n),
        e: unsigned(&e),
    }
    .try_into()
    .map_err(|_| refuse(KeyRefusal::TooWeak))?;
    let key = OaepPublicEncryptingKey::new(public)
        .map_err(|_| OutboxError::Crypto("cannot use the RSA key for OAEP".to_owned()))?;
    Ok(DestinationKey {
        kid: kid.to_owned(),
        key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_lengths_ignore_leading_zeros() {
        assert_eq!(bit_length(&[]), 0);
        assert_eq!(bit_length(&[0, 0, 1]), 1);
        assert_eq!(bit_length(&[0x80, 0]), 16);
        assert_eq!(bit_length(&[0, 0x7f, 0]), 15);
    }

    #[test]
    fn anchors_refuse_what_is_not_a_certificate() {
        assert!(matches!(
            TrustAnchors::from_pem("no PEM here"),
            Err(OutboxError::Config(_))
        ));
        assert!(matches!(
            TrustAnchors::from_der([&b"\x30\x03\x02\x01\x00"[..]]),
            Err(OutboxError::Config(_))
        ));
    }

    #[cfg(feature = "test-trust")]
    #[test]
    fn the_demo_anchors_are_the_one_committed_root() {
        assert_eq!(TrustAnchors::demo().len(), 1);
    }
}
