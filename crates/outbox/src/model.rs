//! What the outbox keeps: the frozen application (written once, never edited) and the
//! record of its sending (a new version at every step, ARCHITECTURE.md "Outbox").

use serde::{Deserialize, Serialize};

/// `publicServiceType` / `serviceType` of FIT-Connect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceType {
    /// The service's German name (the procedure's title).
    pub name: String,
    /// `urn:de:fim:leika:leistung:<14 digits>`.
    pub identifier: String,
}

impl ServiceType {
    /// The 14 digits of the LeiKa key (what `GET /v1/routes` takes).
    pub fn leika_key(&self) -> &str {
        self.identifier.rsplit(':').next().unwrap_or_default()
    }
}

/// One file of an application: the PDF (`purpose: form`) or one of the citizen's files
/// (`purpose: attachment`, its `attachment_id` being the file's id in the data).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrozenFile {
    /// A lowercase UUID v4: the FIT-Connect `attachmentId`.
    pub attachment_id: String,
    pub filename: String,
    pub media_type: String,
    #[serde(with = "serde_bytes")]
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for FrozenFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The file name can carry personal data; only the sizes reach a log.
        f.debug_struct("FrozenFile")
            .field("attachment_id", &self.attachment_id)
            .field("media_type", &self.media_type)
            .field("bytes", &self.bytes.len())
            .finish_non_exhaustive()
    }
}

/// An application as frozen at submit: exactly the bytes that are hashed, sealed and
/// sent. Made once in one vault transaction with the draft's removal; never edited.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrozenApplication {
    /// A lowercase UUID v4; also the vault record's id.
    pub application_id: String,
    pub procedure_id: String,
    /// The municipal API's base URL (HTTPS, or loopback for the demo and tests).
    pub endpoint: String,
    /// The municipality's Amtlicher Regionalschlüssel, 12 digits.
    pub ars: String,
    pub service: ServiceType,
    /// The FIM data JSON, byte for byte as its SHA-512 in the metadata was taken.
    #[serde(with = "serde_bytes")]
    pub data: Vec<u8>,
    /// The FIT-Connect metadata JSON (valid against the official schema 1.0.0).
    #[serde(with = "serde_bytes")]
    pub metadata: Vec<u8>,
    /// The application PDF (`purpose: form`).
    pub form: FrozenFile,
    /// The citizen's files (`purpose: attachment`).
    pub attachments: Vec<FrozenFile>,
    /// `YYYY-MM-DD`, the day it was submitted in the app.
    pub application_date: String,
    /// What the app keeps beside the application for the citizen (the answers as the
    /// check page showed them, for their copy and receipt); never sent, opaque here.
    #[serde(with = "serde_bytes", default)]
    pub keepsake: Vec<u8>,
}

impl std::fmt::Debug for FrozenApplication {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FrozenApplication")
            .field("application_id", &self.application_id)
            .field("procedure_id", &self.procedure_id)
            .field("data", &self.data.len())
            .field("attachments", &self.attachments.len())
            .finish_non_exhaustive()
    }
}

impl FrozenApplication {
    /// The form first, then the citizen's files: the order of `announcedAttachments`.
    pub fn files(&self) -> impl Iterator<Item = &FrozenFile> {
        std::iter::once(&self.form).chain(self.attachments.iter())
    }
}

/// One part encrypted for the destination, kept as the exact bytes sent on every retry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedFile {
    pub attachment_id: String,
    /// The compact JWE (`cty` = the file's media type).
    pub jwe: String,
}

/// The application sealed once for one destination key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    pub destination_id: String,
    /// The destination's `encryptionKid` the parts were sealed to.
    pub kid: String,
    pub metadata_jwe: String,
    pub data_jwe: String,
    /// In the order of [`FrozenApplication::files`].
    pub files: Vec<SealedFile>,
}
