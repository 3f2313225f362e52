//! The bundled procedures' service keys (LeiKa). A municipality's destination is chosen
//! by this key, so a wrong one sends an application where no one handles it. The
//! expected keys are those the federal register of services (PVOG) returned for Kassel
//! and other municipalities in October 2026; the four it does not list are local keys.

use std::collections::BTreeMap;

use amtsweg_procedure::Procedure;

use crate::support::{read, repo_root};

/// Every bundled definition, loaded, by procedure id.
fn bundled() -> BTreeMap<String, Procedure> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(repo_root().join("procedures")).expect("procedures folder") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        // Beside the definitions live the schemas and the municipality directory.
        if !name.ends_with(".json")
            || name.ends_with(".schema.json")
            || name == "municipalities.json"
        {
            continue;
        }
        let procedure = Procedure::load(&format!("procedures/{name}"), &read(&path))
            .unwrap_or_else(|e| panic!("procedures/{name} does not load: {e}"));
        out.insert(procedure.id().to_string(), procedure);
    }
    assert!(out.len() >= 12, "the bundled procedures are missing");
    out
}

/// Found in the federal register: (procedure, key digits, the register's German name).
const FEDERAL: [(&str, &str, &str); 8] = [
    (
        "dog-tax-registration",
        "99102013104000",
        "Hundesteuer Anmeldung",
    ),
    (
        "dog-tax-deregistration",
        "99102013070000",
        "Hundesteuer Abmeldung",
    ),
    (
        "resident-parking-permit",
        "99108001001000",
        "Bewohnerparkausweis Erteilung",
    ),
    (
        "business-registration",
        "99050012104000",
        "Gewerbe anmelden",
    ),
    (
        "business-deregistration",
        "99050012070000",
        "Gewerbe abmelden",
    ),
    (
        "residence-registration",
        "99115005104000",
        "Wohnsitz anmelden",
    ),
    (
        "certificate-of-registration",
        "99115003012000",
        "Meldebescheinigung beantragen",
    ),
    (
        "certificate-of-good-conduct",
        "99049001001000",
        "Führungszeugnis beantragen",
    ),
];

/// Not in the federal register: (procedure, key digits).
const LOCAL: [(&str, &str); 4] = [
    ("bulky-waste-pickup", "99013004000000"),
    ("lost-property-report", "99031002000000"),
    ("special-road-use", "99108002261000"),
    ("tree-felling-permit", "99090020276000"),
];

fn urn(digits: &str) -> String {
    format!("urn:de:fim:leika:leistung:{digits}")
}

#[test]
fn every_bundled_procedure_says_where_its_service_key_was_found() {
    let bundled = bundled();
    let mut problems = Vec::new();
    for (id, procedure) in &bundled {
        if procedure.leika_source().trim().is_empty() {
            problems.push(format!("{id}: no source"));
        }
    }
    for (id, _, name) in FEDERAL {
        let source = bundled[id].leika_source();
        let expected = format!(
            "PVOG (Bundesportal), Leistungsbeschreibung '{name}', retrieved for Kassel, October 2026"
        );
        if !source.starts_with(&expected) {
            problems.push(format!("{id}: source {source:?} is not {expected:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn business_deregistration_has_the_registers_key_for_gewerbe_abmelden() {
    let bundled = bundled();
    // 99050012105000 was a guess that the register does not list.
    assert_eq!(
        bundled["business-deregistration"].leika().as_str(),
        "urn:de:fim:leika:leistung:99050012070000"
    );
}

#[test]
fn federal_keys_are_verified_and_local_keys_say_why_they_are_local() {
    let bundled = bundled();
    let mut problems = Vec::new();
    let mut listed = 0;
    for (id, digits, _) in FEDERAL {
        listed += 1;
        let p = &bundled[id];
        if p.leika().as_str() != urn(digits) {
            problems.push(format!("{id}: key {}, expected {digits}", p.leika()));
        }
        if !p.leika_verified() {
            problems.push(format!("{id}: a key found in the register is verified"));
        }
        if let Some(reason) = p.leika_local_reason() {
            problems.push(format!(
                "{id}: a federal key claims to be local: {reason:?}"
            ));
        }
    }
    for (id, digits) in LOCAL {
        listed += 1;
        let p = &bundled[id];
        if p.leika().as_str() != urn(digits) {
            problems.push(format!("{id}: key {}, expected {digits}", p.leika()));
        }
        if p.leika_verified() {
            problems.push(format!(
                "{id}: a local key cannot be verified in the register"
            ));
        }
        match p.leika_local_reason() {
            Some(reason) if reason.contains("federal register") => {}
            other => problems.push(format!("{id}: a local key without its reason: {other:?}")),
        }
    }
    assert_eq!(
        listed,
        bundled.len(),
        "every bundled procedure is listed here as federal or local"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_good_conduct_certificate_is_named_a_federal_service() {
    let bundled = bundled();
    let source = bundled["certificate-of-good-conduct"].leika_source();
    assert!(
        source.contains("Bundesamt für Justiz") && source.contains("not a municipal"),
        "{source}"
    );
    // The Bundesamt issues and sends the certificate; the texts must not say the
    // municipality does.
    for (locale, municipality_sends) in [("de", "schicken wir"), ("en", "we send")] {
        let path = repo_root().join(format!(
            "locales/{locale}/procedures/certificate-of-good-conduct.ftl"
        ));
        let text = String::from_utf8(read(&path)).expect("UTF-8");
        let claims: Vec<&str> = text
            .lines()
            .filter(|l| l.contains(municipality_sends))
            .collect();
        assert!(claims.is_empty(), "{locale}: {claims:?}");
    }
    let residence = bundled["residence-registration"].leika_source();
    assert!(
        residence.contains("99115005104001"),
        "the Hessian main-residence variant is named: {residence}"
    );
}
