//! Every bundled procedure, from the engine's walk files, frozen and sent to the
//! reference server: it decrypts what arrived, the data is what was answered, the
//! metadata is valid against the official schema, and the status says so.

use amtsweg_outbox::{Status, metadata_of};
use serde_json::Value;

use crate::support::*;

fn official_metadata_schema() -> jsonschema::Validator {
    // The repository's copy of the official FIT-Connect metadata schema 1.0.0.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../municipal-api/schemas/metadata.schema.v1.0.0.json");
    let schema: Value =
        serde_json::from_slice(&std::fs::read(path).expect("schema")).expect("schema JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the official schema compiles")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_bundled_procedure_arrives_decrypted_as_answered() {
    let server = TestServer::start().await;
    let vault = TestVault::new();
    let vault = vault.open();
    let (outbox, reports) = outbox(&vault, fast_config());
    let schema = official_metadata_schema();
    let procedures = bundled_procedures();
    assert_eq!(procedures.len(), 12, "the bundled procedures' walk files");
    for procedure in &procedures {
        let submit = submit_from(&vault, &server.url, procedure, 4_000);
        let draft_id = submit.draft_id.clone();
        let answered: Value = serde_json::from_slice(&submit.data).expect("data");
        let files: Vec<(String, usize)> = submit
            .attachments
            .iter()
            .map(|f| (f.attachment_id.clone(), f.bytes.len()))
            .collect();
        let id = outbox.freeze(submit).expect("frozen");
        // The draft became the application: it is gone, the application waits.
        assert!(
            vault.open_draft(&draft_id).is_err(),
            "{procedure}: draft kept"
        );
        assert_eq!(
            outbox.status(&id).expect("status"),
            Status::Waiting { last_error: None }
        );
        let frozen = outbox.application(&id).expect("application");
        assert_eq!(
            frozen.keepsake,
            format!("keepsake of {procedure}").into_bytes(),
            "{procedure}: the keepsake is kept"
        );
        assert_eq!(outbox.received_at(&id).expect("received"), None);
        let metadata = metadata_of(&frozen).expect("metadata");
        assert!(
            schema.is_valid(&metadata),
            "{procedure}: metadata not valid"
        );

        let status = outbox.send(&id).await.expect("sent");
        let Status::Submitted { case_id } = &status else {
            panic!("{procedure}: {status:?}");
        };
        let at_server: Vec<Value> = server
            .submissions()
            .into_iter()
            .filter(|s| &s["caseId"] == case_id)
            .collect();
        assert_eq!(at_server.len(), 1, "{procedure}");
        assert_eq!(at_server[0]["status"], "submitted", "{procedure}");
        let shown = server.show(at_server[0]["submissionId"].as_str().expect("id"));
        assert_eq!(shown["data"], answered, "{procedure}: data as answered");
        assert!(
            !shown.to_string().contains("keepsake of"),
            "{procedure}: the keepsake was sent"
        );
        // The receipt's time is the server's submit event, fetched with the submit.
        let received = outbox.received_at(&id).expect("received").expect("a time");
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_secs() as i64;
        assert!(
            (now - 600..=now + 5).contains(&received),
            "{procedure}: {received}"
        );
        assert!(
            schema.is_valid(&shown["metadata"]),
            "{procedure}: the metadata that arrived is not valid"
        );
        assert_eq!(
            shown["metadata"]["publicServiceType"]["identifier"],
            frozen.service.identifier.as_str()
        );
        // The PDF and each of the citizen's files arrived whole.
        let arrived: Vec<(String, u64)> = shown["attachments"]
            .as_array()
            .expect("attachments")
            .iter()
            .map(|a| {
                (
                    a["attachmentId"].as_str().expect("id").to_owned(),
                    a["size"].as_u64().expect("size"),
                )
            })
            .collect();
        assert_eq!(arrived.len(), files.len() + 1, "{procedure}");
        for (file, len) in &files {
            assert!(
                arrived.contains(&(file.clone(), *len as u64)),
                "{procedure}: file {file} missing"
            );
        }
        assert!(
            reports
                .statuses(&id)
                .iter()
                .any(|s| matches!(s, Status::Submitted { .. })),
            "{procedure}: the worker reported the submit"
        );
    }
    assert_eq!(server.submitted(), procedures.len());
}

/// The report of a try names the application's procedure, its municipality and the
/// status it came from, so the app can tell the citizen what changed; a poll that finds
/// the server gone is reported with no change of status (nothing happened to the case).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_names_the_procedure_and_the_status_it_came_from() {
    let server = TestServer::start().await;
    let vault = TestVault::new();
    let vault = vault.open();
    let (outbox, reports) = outbox(&vault, fast_config());
    let procedure = bundled_procedures()
        .into_iter()
        .next()
        .expect("a procedure");
    let id = outbox
        .freeze(submit_from(&vault, &server.url, &procedure, 1_000))
        .expect("frozen");
    let status = outbox.send(&id).await.expect("sent");
    assert!(status.is_submitted(), "{status:?}");
    let sent = reports.0.lock().expect("reports").clone();
    assert_eq!(sent.len(), 1, "one report for one try: {sent:?}");
    assert_eq!(sent[0].application_id, id);
    assert_eq!(sent[0].procedure_id, procedure);
    assert_eq!(sent[0].sent_title, format!("Testantrag {procedure}"));
    assert_eq!(sent[0].ars, DEMO_ARS);
    assert_eq!(sent[0].previous, Status::Waiting { last_error: None });
    assert_eq!(sent[0].status, status);

    drop(server);
    assert!(outbox.send(&id).await.is_err(), "the server is gone");
    let after = reports.0.lock().expect("reports").clone();
    assert_eq!(after.len(), 2, "the failed poll is reported: {after:?}");
    assert_eq!(after[1].previous, status);
    assert_eq!(after[1].status, status);
}
