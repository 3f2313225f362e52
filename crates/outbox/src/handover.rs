//! What the vault's import and "Delete all my data" need to know of a sending record
//! without reading it themselves (the vault is below the outbox and cannot parse it):
//! whether the sending reached the municipality's server, and whether the submit was
//! confirmed.

use crate::sending::{SendingRecord, Step};

/// Whether the sending recorded in `payload` (a sending record's bytes as the vault
/// keeps them) reached the municipality's server: the submission was announced
/// (`Created`), its files uploaded (`Submitting`) or it was submitted. Only the
/// installation that announced it can go on with it from there. A record that cannot
/// be read counts as having reached it (the cautious answer: never a second
/// announcement by mistake).
pub fn reached_server(payload: &[u8]) -> bool {
    match SendingRecord::decode(payload) {
        Ok(record) => !matches!(record.step, Step::Waiting | Step::Sealed { .. }),
        Err(_) => true,
    }
}

/// Whether the municipality confirmed the submit of the application whose sending
/// record is `payload` (`None`: none was saved yet, so it is not). A record that cannot
/// be read counts as not confirmed: "Delete all" asks once more rather than too seldom.
pub fn submitted(payload: Option<&[u8]>) -> bool {
    payload
        .and_then(|p| SendingRecord::decode(p).ok())
        .is_some_and(|record| record.status().is_submitted())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Sealed, SealedFile};

    fn sealed() -> Sealed {
        Sealed {
            destination_id: "dest".into(),
            kid: "kid".into(),
            metadata_jwe: "m".into(),
            data_jwe: "d".into(),
            files: vec![SealedFile {
                attachment_id: "a".into(),
                jwe: "f".into(),
            }],
        }
    }

    fn record(step: Step) -> Vec<u8> {
        SendingRecord {
            step,
            attempts: 2,
            last_error: Some("network".into()),
        }
        .encode()
        .expect("encoded")
    }

    #[test]
    fn announced_uploaded_and_submitted_reached_the_server_and_only_they() {
        let (submission_id, case_id) = ("submission".to_owned(), "case".to_owned());
        let cases = [
            (record(Step::Waiting), false, false),
            (record(Step::Sealed { sealed: sealed() }), false, false),
            (
                record(Step::Created {
                    sealed: sealed(),
                    submission_id: submission_id.clone(),
                    case_id: case_id.clone(),
                }),
                true,
                false,
            ),
            (
                record(Step::Submitting {
                    sealed: sealed(),
                    submission_id: submission_id.clone(),
                    case_id: case_id.clone(),
                }),
                true,
                false,
            ),
            (
                record(Step::Submitted {
                    submission_id,
                    case_id,
                    events: Vec::new(),
                }),
                true,
                true,
            ),
        ];
        for (payload, reached, confirmed) in cases {
            let text = String::from_utf8_lossy(&payload).into_owned();
            assert_eq!(reached_server(&payload), reached, "{text}");
            assert_eq!(submitted(Some(&payload)), confirmed, "{text}");
        }
        assert!(!submitted(None));
    }

    #[test]
    fn an_unreadable_record_counts_as_reached_and_as_not_submitted() {
        for payload in [&b""[..], b"{}", b"not json", br#"{"step":"launched"}"#] {
            assert!(reached_server(payload));
            assert!(!submitted(Some(payload)));
        }
    }
}
