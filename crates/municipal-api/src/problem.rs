//! Every refusal as an RFC 9457 problem (`application/problem+json`), one type per cause,
//! named `urn:amtsweg:problem:<name>` (docs/municipal-api.openapi.yaml lists them).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// The cause of a refusal; its name is the problem type, its status the HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    MalformedRequest,
    AssertionMissing,
    AssertionInvalid,
    InstallationUnknown,
    RegistrationLimited,
    RateLimited,
    BodyTooLarge,
    UnsupportedMediaType,
    DestinationUnknown,
    /// A key id that does not exist (GET of a key).
    KeyNotFound,
    /// A JWE sealed for another key than the destination's encryption key.
    KeyUnknown,
    ServiceNotOffered,
    SubmissionUnknown,
    AttachmentNotAnnounced,
    AttachmentsMissing,
    AlreadySubmitted,
    DecryptionFailed,
    HashMismatch,
    MetadataInvalid,
    DataInvalid,
    CaseUnknown,
    CatalogNotPublished,
    RequestTimeout,
    NotFound,
    MethodNotAllowed,
    Internal,
}

impl ProblemKind {
    pub fn name(self) -> &'static str {
        use ProblemKind::*;
        match self {
            MalformedRequest => "malformed-request",
            AssertionMissing => "assertion-missing",
            AssertionInvalid => "assertion-invalid",
            InstallationUnknown => "installation-unknown",
            RegistrationLimited => "registration-limited",
            RateLimited => "rate-limited",
            BodyTooLarge => "body-too-large",
            UnsupportedMediaType => "unsupported-media-type",
            DestinationUnknown => "destination-unknown",
            KeyNotFound | KeyUnknown => "key-unknown",
            ServiceNotOffered => "service-not-offered",
            SubmissionUnknown => "submission-unknown",
            AttachmentNotAnnounced => "attachment-not-announced",
            AttachmentsMissing => "attachments-missing",
            AlreadySubmitted => "already-submitted",
            DecryptionFailed => "decryption-failed",
            HashMismatch => "hash-mismatch",
            MetadataInvalid => "metadata-invalid",
            DataInvalid => "data-invalid",
            CaseUnknown => "case-unknown",
            CatalogNotPublished => "catalog-not-published",
            RequestTimeout => "request-timeout",
            NotFound => "not-found",
            MethodNotAllowed => "method-not-allowed",
            Internal => "internal",
        }
    }

    pub fn status(self) -> StatusCode {
        use ProblemKind::*;
        match self {
            MalformedRequest => StatusCode::BAD_REQUEST,
            AssertionMissing | AssertionInvalid | InstallationUnknown => StatusCode::UNAUTHORIZED,
            RegistrationLimited | RateLimited => StatusCode::TOO_MANY_REQUESTS,
            BodyTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            DestinationUnknown | KeyNotFound | SubmissionUnknown | CaseUnknown
            | CatalogNotPublished | NotFound => StatusCode::NOT_FOUND,
            KeyUnknown
            | ServiceNotOffered
            | AttachmentNotAnnounced
            | AttachmentsMissing
            | DecryptionFailed
            | HashMismatch
            | MetadataInvalid
            | DataInvalid => StatusCode::UNPROCESSABLE_ENTITY,
            AlreadySubmitted => StatusCode::CONFLICT,
            RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn title(self) -> &'static str {
        use ProblemKind::*;
        match self {
            MalformedRequest => "The request is malformed",
            AssertionMissing => "The call needs an installation assertion",
            AssertionInvalid => "The installation assertion is not valid",
            InstallationUnknown => "The installation is not registered",
            RegistrationLimited => "Too many new installations from this address",
            RateLimited => "Too many calls by this installation",
            BodyTooLarge => "The request body is too large",
            UnsupportedMediaType => "The request body has the wrong media type",
            DestinationUnknown => "The destination does not exist",
            KeyNotFound => "The key does not exist",
            KeyUnknown => "The content is encrypted for another key",
            ServiceNotOffered => "The destination does not offer this service",
            SubmissionUnknown => "The submission does not exist",
            AttachmentNotAnnounced => "The attachment was not announced",
            AttachmentsMissing => "Announced attachments were not uploaded",
            AlreadySubmitted => "The submission was already submitted",
            DecryptionFailed => "The content cannot be decrypted",
            HashMismatch => "A hash in the metadata does not match the content",
            MetadataInvalid => "The metadata are not valid",
            DataInvalid => "The data do not match the service's schema",
            CaseUnknown => "The case does not exist",
            CatalogNotPublished => "No catalog is published here",
            RequestTimeout => "The request took too long",
            NotFound => "There is nothing at this address",
            MethodNotAllowed => "This method is not allowed here",
            Internal => "Internal error",
        }
    }
}

/// A refusal to send: its kind, a detail for the caller (never content of a submission),
/// and how long to wait for the 429s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub detail: Option<String>,
    pub retry_after: Option<u64>,
}

impl Problem {
    pub fn new(kind: ProblemKind) -> Self {
        Problem {
            kind,
            detail: None,
            retry_after: None,
        }
    }

    pub fn with(kind: ProblemKind, detail: impl Into<String>) -> Self {
        Problem {
            kind,
            detail: Some(detail.into()),
            retry_after: None,
        }
    }

    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds.max(1));
        self
    }
}

impl From<ProblemKind> for Problem {
    fn from(kind: ProblemKind) -> Self {
        Problem::new(kind)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let mut body = json!({
            "type": format!("urn:amtsweg:problem:{}", self.kind.name()),
            "title": self.kind.title(),
            "status": self.kind.status().as_u16(),
        });
        if let Some(detail) = self.detail {
            body["detail"] = json!(detail);
        }
        let mut response = (self.kind.status(), body.to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
