//! The FIT-Connect metadata (schema 1.0.0) of an application: what the authority reads
//! before it decrypts anything else — which service, the data's schema and SHA-512, the
//! PDF as the `form` and each citizen's file as an `attachment`, each with its SHA-512,
//! and the day of the application. Built at freeze and validated against the official
//! schema (`crates/municipal-api/schemas/metadata.schema.v1.0.0.json`, FITKO's file
//! unchanged) plus what the schema leaves optional but this application always has.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde_json::{Value, json};

use crate::{FrozenFile, OutboxError, ServiceType};

/// The official FIT-Connect metadata schema 1.0.0, as published by FITKO.
const METADATA_SCHEMA: &str =
    include_str!("../../municipal-api/schemas/metadata.schema.v1.0.0.json");

/// What the metadata of one application describes, all borrowed from the application
/// being frozen.
#[derive(Clone, Copy)]
pub struct MetadataParts<'a> {
    /// The FIM data JSON, byte for byte as it is sealed (its SHA-512 is taken here).
    pub data: &'a [u8],
    /// The `$id` of the JSON Schema the data satisfies (`submissionSchema.schemaUri`).
    pub schema_uri: &'a str,
    pub service: &'a ServiceType,
    /// `YYYY-MM-DD`.
    pub application_date: &'a str,
    /// The application PDF (`purpose: form`).
    pub form: &'a FrozenFile,
    /// The citizen's files (`purpose: attachment`).
    pub attachments: &'a [FrozenFile],
}

impl std::fmt::Debug for MetadataParts<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MetadataParts")
            .field("data", &self.data.len())
            .field("schema_uri", &self.schema_uri)
            .field("service", &self.service.identifier)
            .field("form", &self.form)
            .field("attachments", &self.attachments)
            .finish_non_exhaustive()
    }
}

/// SHA-512 in lowercase hex, as FIT-Connect's metadata names hashes.
pub(crate) fn sha512_hex(bytes: &[u8]) -> String {
    hex::encode(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA512, bytes))
}

fn hash(bytes: &[u8]) -> Value {
    json!({"type": "sha512", "content": sha512_hex(bytes)})
}

fn attachment(file: &FrozenFile, purpose: &str) -> Value {
    json!({
        "attachmentId": file.attachment_id,
        "purpose": purpose,
        "filename": file.filename,
        "mimeType": file.media_type,
        "hash": hash(&file.bytes),
    })
}

/// The metadata JSON of an application (not yet validated: see [`validate`]). The form
/// comes first among the attachments, then the citizen's files in their order.
pub fn build(parts: &MetadataParts<'_>) -> Value {
    let attachments: Vec<Value> = std::iter::once(attachment(parts.form, "form"))
        .chain(
            parts
                .attachments
                .iter()
                .map(|f| attachment(f, "attachment")),
        )
        .collect();
    json!({
        "contentStructure": {
            "data": {
                "hash": hash(parts.data),
                "submissionSchema": {
                    "schemaUri": parts.schema_uri,
                    "mimeType": "application/json",
                },
            },
            "attachments": attachments,
        },
        "publicServiceType": {
            "name": parts.service.name,
            "identifier": parts.service.identifier,
        },
        "additionalReferenceInfo": {
            "applicationDate": parts.application_date,
        },
    })
}

fn validator() -> Result<&'static jsonschema::Validator, OutboxError> {
    static VALIDATOR: OnceLock<Result<jsonschema::Validator, String>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| {
            let schema: Value = serde_json::from_str(METADATA_SCHEMA).map_err(|e| e.to_string())?;
            // Formats checked too (uuid, date, uri): the schema means them, and an
            // authority's validator may check them even where the reference server
            // does not. Only local `$ref`s: nothing is fetched.
            jsonschema::draft202012::options()
                .should_validate_formats(true)
                .build(&schema)
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| OutboxError::Metadata(format!("the official schema does not load: {e}")))
}

fn invalid(why: impl Into<String>) -> OutboxError {
    OutboxError::Metadata(why.into())
}

/// Checks `metadata` against the official FIT-Connect metadata schema 1.0.0 and what
/// this application's metadata always has beyond it: `contentStructure.data`, exactly
/// one `form` attachment, unique attachment ids, the LeiKa URN of the service and the
/// application date. Errors name JSON paths, never values (file names are personal).
pub fn validate(metadata: &Value) -> Result<(), OutboxError> {
    let errors: Vec<String> = validator()?
        .iter_errors(metadata)
        .take(5)
        .map(|e| format!("{} fails {}", e.instance_path(), e.schema_path()))
        .collect();
    if !errors.is_empty() {
        return Err(invalid(format!(
            "not valid against the FIT-Connect metadata schema 1.0.0: {}",
            errors.join("; ")
        )));
    }
    if metadata.pointer("/contentStructure/data").is_none() {
        return Err(invalid("contentStructure.data is missing"));
    }
    let attachments = metadata
        .pointer("/contentStructure/attachments")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let forms = attachments
        .iter()
        .filter(|a| a.get("purpose").and_then(Value::as_str) == Some("form"))
        .count();
    if forms != 1 {
        return Err(invalid(
            "contentStructure.attachments must hold exactly one form",
        ));
    }
    let ids: BTreeSet<&str> = attachments
        .iter()
        .filter_map(|a| a.get("attachmentId").and_then(Value::as_str))
        .collect();
    if ids.len() != attachments.len() {
        return Err(invalid(
            "contentStructure.attachments: each attachmentId must be used once",
        ));
    }
    let is_leika = metadata
        .pointer("/publicServiceType/identifier")
        .and_then(Value::as_str)
        .and_then(|id| id.strip_prefix("urn:de:fim:leika:leistung:"))
        .is_some_and(|digits| digits.len() == 14 && digits.bytes().all(|b| b.is_ascii_digit()));
    if !is_leika {
        return Err(invalid(
            "publicServiceType.identifier must be a LeiKa URN (urn:de:fim:leika:leistung:<14 digits>)",
        ));
    }
    if metadata
        .pointer("/additionalReferenceInfo/applicationDate")
        .is_none()
    {
        return Err(invalid(
            "additionalReferenceInfo.applicationDate is missing",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(id: &str, name: &str, media_type: &str, bytes: &[u8]) -> FrozenFile {
        FrozenFile {
            attachment_id: id.to_owned(),
            filename: name.to_owned(),
            media_type: media_type.to_owned(),
            bytes: bytes.to_vec(),
        }
    }

    fn service() -> ServiceType {
        ServiceType {
            name: "Hundesteuer Anmeldung".to_owned(),
            identifier: "urn:de:fim:leika:leistung:99108008252000".to_owned(),
        }
    }

    const FORM_ID: &str = "0b7c4a52-6f0e-4d8e-9a43-3f5c2b1d9e01";
    const PHOTO_ID: &str = "5e1f7f0c-2c59-4a57-8d36-1d5a4b7e2f02";
    const SCAN_ID: &str = "a3d9b6e4-7c21-4f08-b5e1-9c0d8e7f6a03";

    fn built(attachments: &[FrozenFile]) -> Value {
        let service = service();
        let form = file(FORM_ID, "Antrag.pdf", "application/pdf", b"%PDF-1.7 form");
        build(&MetadataParts {
            data: br#"{"hund":{"name":"Bello"}}"#,
            schema_uri: "https://schema.amtsweg.example/dog-tax-registration/1.json",
            service: &service,
            application_date: "2026-12-06",
            form: &form,
            attachments,
        })
    }

    #[test]
    fn built_metadata_of_several_shapes_validates() {
        let photo = file(PHOTO_ID, "Bello.jpg", "image/jpeg", b"\xff\xd8\xff photo");
        let scan = file(
            SCAN_ID,
            "Impfpass – Seite 1.png",
            "image/png",
            b"\x89PNG scan",
        );
        for attachments in [vec![], vec![photo.clone()], vec![photo, scan]] {
            let metadata = built(&attachments);
            validate(&metadata).expect("valid");
            let listed = metadata["contentStructure"]["attachments"]
                .as_array()
                .expect("attachments");
            assert_eq!(listed.len(), attachments.len() + 1);
            assert_eq!(listed[0]["purpose"], "form");
            assert!(listed[1..].iter().all(|a| a["purpose"] == "attachment"));
        }
    }

    #[test]
    fn the_hashes_are_sha512_of_exactly_the_bytes() {
        let photo = file(PHOTO_ID, "Bello.jpg", "image/jpeg", b"\xff\xd8\xff photo");
        let metadata = built(std::slice::from_ref(&photo));
        // SHA-512 of the empty string (FIPS 180-2 test vector) checks the helper itself.
        assert!(sha512_hex(b"").starts_with("cf83e1357eefb8bdf1542850d66d8007"));
        assert_eq!(
            metadata["contentStructure"]["data"]["hash"]["content"],
            sha512_hex(br#"{"hund":{"name":"Bello"}}"#)
        );
        assert_eq!(
            metadata["contentStructure"]["attachments"][1]["hash"]["content"],
            sha512_hex(&photo.bytes)
        );
        assert_eq!(
            metadata["contentStructure"]["attachments"][1]["attachmentId"],
            PHOTO_ID
        );
        assert_eq!(
            metadata["publicServiceType"]["identifier"],
            "urn:de:fim:leika:leistung:99108008252000"
        );
        assert_eq!(
            metadata["additionalReferenceInfo"]["applicationDate"],
            "2026-12-06"
        );
    }

    fn refused(metadata: &Value) -> String {
        match validate(metadata) {
            Err(OutboxError::Metadata(why)) => why,
            other => panic!("expected a metadata refusal, got {other:?}"),
        }
    }

    #[test]
    fn broken_metadata_is_refused_naming_where_not_what() {
        let mut wrong_hash = built(&[]);
        wrong_hash["contentStructure"]["data"]["hash"]["type"] = "sha256".into();
        assert!(refused(&wrong_hash).contains("/contentStructure/data/hash/type"));

        let mut short_hash = built(&[]);
        short_hash["contentStructure"]["attachments"][0]["hash"]["content"] = "abc".into();
        assert!(refused(&short_hash).contains("/contentStructure/attachments/0/hash/content"));

        let mut no_data = built(&[]);
        no_data["contentStructure"]
            .as_object_mut()
            .expect("object")
            .remove("data");
        assert!(refused(&no_data).contains("contentStructure.data"));

        let mut bad_date = built(&[]);
        bad_date["additionalReferenceInfo"]["applicationDate"] = "6.12.2026".into();
        assert!(refused(&bad_date).contains("applicationDate"));

        let mut bad_id = built(&[]);
        bad_id["contentStructure"]["attachments"][0]["attachmentId"] =
            "Antrag von Erika Mustermann.pdf".into();
        let why = refused(&bad_id);
        assert!(why.contains("attachmentId"));
        assert!(!why.contains("Mustermann"), "no values in the error: {why}");

        let photo = file(PHOTO_ID, "Bello.jpg", "image/jpeg", b"x");
        let mut two_forms = built(&[photo]);
        two_forms["contentStructure"]["attachments"][1]["purpose"] = "form".into();
        assert!(refused(&two_forms).contains("one form"));

        let mut not_leika = built(&[]);
        not_leika["publicServiceType"]["identifier"] = "urn:de:example:service:1".into();
        assert!(refused(&not_leika).contains("LeiKa"));

        let mut no_date = built(&[]);
        no_date
            .as_object_mut()
            .expect("object")
            .remove("additionalReferenceInfo");
        assert!(refused(&no_date).contains("applicationDate"));
    }
}
