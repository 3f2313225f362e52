//! What happens at submit: every part decrypted with the destination's key, the metadata
//! checked against the official FIT-Connect schema and against the submission, each
//! SHA-512 hash compared, the data checked against its service's JSON Schema. Only then
//! is the submission marked submitted (exactly once) with its first event.
//!
//! Problem details name where something failed (a JSON path, an attachment id), never a
//! value: they may be logged by whoever runs a relay.

use std::collections::BTreeSet;

use serde_json::Value;
use zeroize::Zeroizing;

use crate::jose::{self, JoseRefusal};
use crate::problem::{Problem, ProblemKind};
use crate::services::Service;
use crate::store::SubmissionRow;

/// Everything that arrived, checked and decrypted.
#[derive(Debug)]
pub struct Received {
    pub metadata: String,
    pub data: String,
    pub attachments: Vec<(String, Vec<u8>)>,
}

/// A refused JWE as the API answers it.
pub(crate) fn refusal(refusal: JoseRefusal) -> Problem {
    match refusal {
        JoseRefusal::UnknownKey(kid) => Problem::with(
            ProblemKind::KeyUnknown,
            format!("encrypted for key {kid:?}, not the destination's encryption key"),
        ),
        JoseRefusal::Invalid(why) => Problem::with(ProblemKind::DecryptionFailed, why),
    }
}

fn schema_errors(validator: &jsonschema::Validator, instance: &Value) -> Option<String> {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .take(5)
        .map(|e| {
            format!(
                "{} fails {}",
                display_path(&e.instance_path().to_string()),
                e.schema_path()
            )
        })
        .collect();
    (!errors.is_empty()).then(|| errors.join("; "))
}

fn display_path(path: &str) -> String {
    if path.is_empty() {
        "/".to_owned()
    } else {
        path.to_owned()
    }
}

fn hash_of(entry: &Value) -> Option<&str> {
    entry.get("hash")?.get("content")?.as_str()
}

/// The encrypted parts of a submission as they arrived.
#[derive(Debug)]
pub struct Sealed<'a> {
    pub metadata: &'a str,
    pub data: &'a str,
    /// The uploaded attachments: (id, compact JWE).
    pub attachments: &'a [(String, String)],
}

/// Checks and decrypts a submission's parts.
pub fn receive(
    key: &aws_lc_rs::rsa::OaepPrivateDecryptingKey,
    kid: &str,
    metadata_schema: &jsonschema::Validator,
    service: &Service,
    submission: &SubmissionRow,
    sealed: &Sealed<'_>,
) -> Result<Received, Problem> {
    let (metadata_bytes, _) = jose::decrypt(sealed.metadata, key, kid).map_err(refusal)?;
    let metadata: Value = serde_json::from_slice(&metadata_bytes)
        .map_err(|_| Problem::with(ProblemKind::MetadataInvalid, "the metadata are not JSON"))?;
    if let Some(errors) = schema_errors(metadata_schema, &metadata) {
        return Err(Problem::with(
            ProblemKind::MetadataInvalid,
            format!("not valid against the FIT-Connect metadata schema 1.0.0: {errors}"),
        ));
    }
    let invalid = |why: String| Problem::with(ProblemKind::MetadataInvalid, why);
    let identifier = metadata
        .pointer("/publicServiceType/identifier")
        .and_then(Value::as_str);
    if identifier != Some(service.identifier.as_str()) {
        return Err(invalid(format!(
            "publicServiceType.identifier must be {}, the service the submission was created for",
            service.identifier
        )));
    }
    let data_entry = metadata
        .pointer("/contentStructure/data")
        .ok_or_else(|| invalid("contentStructure.data is missing".to_owned()))?;
    let schema_uri = data_entry
        .pointer("/submissionSchema/schemaUri")
        .and_then(Value::as_str);
    if schema_uri != Some(service.schema_uri.as_str()) {
        return Err(invalid(format!(
            "contentStructure.data.submissionSchema.schemaUri must be {}",
            service.schema_uri
        )));
    }
    let listed: Vec<&Value> = metadata
        .pointer("/contentStructure/attachments")
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let listed_ids: BTreeSet<&str> = listed
        .iter()
        .filter_map(|a| a.get("attachmentId").and_then(Value::as_str))
        .collect();
    let announced: BTreeSet<&str> = submission.announced.iter().map(String::as_str).collect();
    if listed_ids != announced || listed_ids.len() != listed.len() {
        return Err(invalid(
            "contentStructure.attachments must list each announced attachment once".to_owned(),
        ));
    }

    let (data_bytes, _) = jose::decrypt(sealed.data, key, kid).map_err(refusal)?;
    if hash_of(data_entry) != Some(jose::sha512_hex(&data_bytes).as_str()) {
        return Err(Problem::with(
            ProblemKind::HashMismatch,
            "the data's SHA-512 differs from contentStructure.data.hash",
        ));
    }
    let data: Value = serde_json::from_slice(&data_bytes)
        .map_err(|_| Problem::with(ProblemKind::DataInvalid, "the data are not JSON"))?;
    if let Some(errors) = schema_errors(&service.validator, &data) {
        return Err(Problem::with(
            ProblemKind::DataInvalid,
            format!("not valid against {}: {errors}", service.schema_uri),
        ));
    }

    let mut decrypted = Vec::new();
    for (id, jwe) in sealed.attachments {
        let (content, _) = jose::decrypt(jwe, key, kid).map_err(refusal)?;
        let entry = listed
            .iter()
            .find(|a| a.get("attachmentId").and_then(Value::as_str) == Some(id.as_str()))
            .ok_or_else(|| {
                invalid(format!(
                    "attachment {id} is not in contentStructure.attachments"
                ))
            })?;
        if hash_of(entry) != Some(jose::sha512_hex(&content).as_str()) {
            return Err(Problem::with(
                ProblemKind::HashMismatch,
                format!("attachment {id}: its SHA-512 differs from its hash in the metadata"),
            ));
        }
        decrypted.push((id.clone(), Zeroizing::new(content.to_vec())));
    }

    Ok(Received {
        metadata: String::from_utf8_lossy(&metadata_bytes).into_owned(),
        data: String::from_utf8_lossy(&data_bytes).into_owned(),
        attachments: decrypted
            .into_iter()
            .map(|(id, c)| (id, c.to_vec()))
            .collect(),
    })
}
