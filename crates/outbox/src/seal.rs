//! Sealing an application once for its destination: every file checked against the
//! limits first, then the metadata, the data and each file encrypted as a compact JWE
//! for the checked destination key. The result ([`Sealed`]) is recorded and sent as
//! these exact bytes on every retry; it is never sealed again for the same key.

use aws_lc_rs::rand::SystemRandom;

use crate::destination::DestinationKey;
use crate::jwe;
use crate::{FrozenApplication, FrozenFile, OutboxError, Sealed, SealedFile};

const MIB: usize = 1024 * 1024;

/// What an application's files may be. The app checks each file against its
/// procedure's own limits when the citizen attaches it; these are the outbox's bounds,
/// the last check before anything leaves the device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealLimits {
    /// Largest citizen's file in bytes.
    pub max_file_bytes: usize,
    /// Largest application PDF (`form`) in bytes.
    pub max_form_bytes: usize,
    /// Media types a citizen's file may have; the form is always `application/pdf`.
    pub media_types: Vec<String>,
}

impl Default for SealLimits {
    /// 10 MiB per citizen's file, the most any bundled procedure allows (`maxBytes` in
    /// `procedures/*.json` is 5 or 10 MiB); 11 MiB for the PDF, which sealed (base64url,
    /// 4/3) stays under the reference server's 16 MiB per upload; PDF, JPEG and PNG, the
    /// types every bundled procedure accepts.
    fn default() -> Self {
        SealLimits {
            max_file_bytes: 10 * MIB,
            max_form_bytes: 11 * MIB,
            media_types: ["application/pdf", "image/jpeg", "image/png"]
                .map(str::to_owned)
                .to_vec(),
        }
    }
}

/// Whether `bytes` begin as a file of `media_type` does, for the types the outbox knows;
/// a type it does not know is taken as declared.
fn content_matches(media_type: &str, bytes: &[u8]) -> bool {
    match media_type {
        "application/pdf" => bytes.starts_with(b"%PDF-"),
        "image/jpeg" => bytes.starts_with(&[0xff, 0xd8, 0xff]),
        "image/png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        _ => true,
    }
}

/// Checks one file; `which` names it by position and id, never by its file name (which
/// can carry personal data).
fn check_file(
    file: &FrozenFile,
    which: &str,
    max_bytes: usize,
    allowed: &[&str],
) -> Result<(), OutboxError> {
    let refuse = |why: String| {
        OutboxError::AttachmentRefused(format!("{which} ({}) {why}", file.attachment_id))
    };
    if !allowed.contains(&file.media_type.as_str()) {
        return Err(refuse(format!(
            "is of type {:?}, which may not be sent",
            file.media_type
        )));
    }
    if file.bytes.len() > max_bytes {
        return Err(refuse(format!(
            "has {} bytes, over the limit of {max_bytes}",
            file.bytes.len()
        )));
    }
    if !content_matches(&file.media_type, &file.bytes) {
        return Err(refuse(format!(
            "is not a {} file by its content",
            file.media_type
        )));
    }
    Ok(())
}

/// Seals `app` for `key`, the checked encryption key of `destination_id`: first every
/// file is checked against `limits` (nothing is encrypted if one fails:
/// [`OutboxError::AttachmentRefused`] names which, by position and id), then the
/// metadata and the data (`cty application/json`) and each file (`cty` = its media type)
/// are encrypted once, each with its own content key.
pub fn seal(
    app: &FrozenApplication,
    key: &DestinationKey,
    destination_id: &str,
    limits: &SealLimits,
) -> Result<Sealed, OutboxError> {
    check_file(
        &app.form,
        "the form",
        limits.max_form_bytes,
        &["application/pdf"],
    )?;
    let allowed: Vec<&str> = limits.media_types.iter().map(String::as_str).collect();
    for (index, file) in app.attachments.iter().enumerate() {
        check_file(
            file,
            &format!("attachment {} of {}", index + 1, app.attachments.len()),
            limits.max_file_bytes,
            &allowed,
        )?;
    }

    let rng = SystemRandom::new();
    let seal_part = |cty: &str, bytes: &[u8]| jwe::encrypt(key.oaep(), key.kid(), cty, bytes, &rng);
    let metadata_jwe = seal_part("application/json", &app.metadata)?;
    let data_jwe = seal_part("application/json", &app.data)?;
    let files = app
        .files()
        .map(|file| {
            Ok(SealedFile {
                attachment_id: file.attachment_id.clone(),
                jwe: seal_part(&file.media_type, &file.bytes)?,
            })
        })
        .collect::<Result<Vec<_>, OutboxError>>()?;
    Ok(Sealed {
        destination_id: destination_id.to_owned(),
        kid: key.kid().to_owned(),
        metadata_jwe,
        data_jwe,
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_known_types_are_told_by_their_first_bytes() {
        assert!(content_matches("application/pdf", b"%PDF-1.7\n"));
        assert!(!content_matches("application/pdf", b"\x89PNG\r\n\x1a\n"));
        assert!(content_matches("image/jpeg", &[0xff, 0xd8, 0xff, 0xe0]));
        assert!(!content_matches("image/jpeg", b""));
        assert!(content_matches("image/png", b"\x89PNG\r\n\x1a\n...."));
        assert!(!content_matches("image/png", b"%PDF-"));
        assert!(content_matches("text/plain", b"anything"));
    }

    #[test]
    fn the_default_limits_are_the_procedures_largest() {
        let limits = SealLimits::default();
        assert_eq!(limits.max_file_bytes, 10_485_760);
        assert!(limits.max_form_bytes > limits.max_file_bytes);
        // Sealed, the largest form still fits the reference server's 16 MiB per upload.
        assert!(limits.max_form_bytes.div_ceil(3) * 4 + 2048 < 16 * MIB);
    }
}
