//! The municipality directory: the repository's file, its schema, search, and refusals.

use amtsweg_catalog::{CatalogError, Directory, directory_schema};
use serde_json::{Value, json};

use crate::support::repo_root;

fn repo_directory_json() -> Value {
    let bytes = std::fs::read(repo_root().join("procedures/municipalities.json")).expect("file");
    serde_json::from_slice(&bytes).expect("JSON")
}

fn repo_directory() -> Directory {
    let bytes = std::fs::read(repo_root().join("procedures/municipalities.json")).expect("file");
    Directory::from_json(&bytes).expect("the repository's directory loads")
}

fn names(found: &[&amtsweg_catalog::Municipality]) -> Vec<String> {
    found.iter().map(|m| m.name().to_owned()).collect()
}

#[test]
fn the_repository_directory_loads_and_holds_kassel_its_neighbours_and_the_demo() {
    let directory = repo_directory();
    assert_eq!(directory.procedures().len(), 12);
    let kassel = directory.get("066110000000").expect("Kassel");
    assert_eq!(kassel.name(), "Kassel");
    assert_eq!(kassel.ars().ags(), "06611000");
    assert!(kassel.postcodes().iter().any(|p| p.as_str() == "34117"));
    assert_eq!(kassel.procedures(), directory.procedures());
    for neighbour in [
        "Vellmar",
        "Ahnatal",
        "Fuldatal",
        "Niestetal",
        "Kaufungen",
        "Lohfelden",
        "Baunatal",
        "Schauenburg",
    ] {
        let found = directory.search(neighbour);
        assert_eq!(names(&found), [neighbour]);
        assert!(found[0].ars().as_str().starts_with("06633"), "{neighbour}");
        assert!(found[0].endpoint().url().scheme() == "https");
    }

    let demos: Vec<_> = directory
        .municipalities()
        .iter()
        .filter(|m| m.endpoint().is_loopback())
        .collect();
    assert_eq!(demos.len(), 1);
    let demo = demos[0];
    assert!(demo.is_demo() && !demo.is_verified());
    assert_eq!(demo.endpoint().as_str(), "http://127.0.0.1:8787/");
    assert_eq!(
        demo.procedures(),
        directory.procedures(),
        "the demo offers every procedure"
    );
    assert_eq!(demo.ars().land(), "06");
}

#[test]
fn every_real_municipality_is_hessian_and_every_placeholder_endpoint_is_marked_demo() {
    for m in repo_directory().municipalities() {
        assert_eq!(m.ars().land(), "06", "{}", m.name());
        if m.endpoint().is_placeholder() || m.endpoint().is_loopback() {
            assert!(m.is_demo(), "{}", m.name());
        }
        assert!(m.source().is_some(), "{} names no source", m.name());
    }
}

#[test]
fn search_by_postcode_prefix() {
    let directory = repo_directory();
    assert!(names(&directory.search("341")).contains(&"Kassel".to_owned()));
    assert_eq!(names(&directory.search("34117")), ["Kassel"]);
    assert_eq!(names(&directory.search(" 34260 ")), ["Kaufungen"]);
    let wide = names(&directory.search("34"));
    assert!(wide.len() >= 11, "{wide:?}");
    assert!(
        directory.search("341170").is_empty(),
        "six digits match no postcode"
    );
    assert!(directory.search("99999").is_empty());
    assert_eq!(names(&directory.search("00000")), ["Musterstadt (Demo)"]);
}

#[test]
fn search_by_name_ignores_case_umlauts_and_accents() {
    let directory = repo_directory();
    assert_eq!(names(&directory.search("kaufungen")), ["Kaufungen"]);
    assert_eq!(names(&directory.search("Fuldatal")), ["Fuldatal"]);
    assert_eq!(names(&directory.search("FULDATAL")), ["Fuldatal"]);
    assert_eq!(names(&directory.search("muster")), ["Musterstadt (Demo)"]);
    assert_eq!(names(&directory.search("demo")), ["Musterstadt (Demo)"]);
    for spelling in [
        "Fuldabrück",
        "fuldabruck",
        "fuldabrueck",
        "FULDABRÜCK",
        "fuldabrúck",
    ] {
        assert_eq!(
            names(&directory.search(spelling)),
            ["Fuldabrück"],
            "{spelling}"
        );
    }
    // "Fulda" starts three names; Kassel's name does not contain a word starting so.
    let fulda = names(&directory.search("fulda"));
    assert_eq!(fulda, ["Fuldabrück", "Fuldatal"]);
    assert_eq!(names(&directory.search("kassel 34119")), ["Kassel"]);
    assert!(directory.search("kassel 34260").is_empty());
    assert!(directory.search("assel").is_empty(), "prefixes only");
    assert!(directory.search("").is_empty());
    assert!(directory.search("  -  ").is_empty());
}

#[test]
fn the_view_holds_what_the_municipality_choice_shows() {
    let directory = repo_directory();
    let view = directory.get("066110000000").expect("Kassel").view();
    assert_eq!(view.name, "Kassel");
    assert_eq!(view.ars, "066110000000");
    assert!(view.postcodes.contains(&"34117".to_owned()));
    assert!(view.demo);
    assert_eq!(view.procedures.len(), 12);
    let json = serde_json::to_value(&view).expect("serializes");
    assert!(json.get("postcodes").is_some() && json.get("demo").is_some());
}

fn minimal(municipality: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "format": 1,
        "procedures": ["dog-tax-registration", "bulky-waste-pickup"],
        "municipalities": [municipality],
    }))
    .expect("JSON")
}

fn good_entry() -> Value {
    json!({
        "name": "Vellmar",
        "postcodes": ["34246"],
        "ars": "066330026026",
        "endpoint": "https://relay.vellmar.de/",
        "procedures": ["dog-tax-registration"],
        "verified": true
    })
}

fn refusal(change: impl FnOnce(&mut Value)) -> CatalogError {
    let mut entry = good_entry();
    change(&mut entry);
    Directory::from_json(&minimal(entry)).expect_err("refused")
}

#[test]
fn a_good_minimal_directory_loads() {
    let directory = Directory::from_json(&minimal(good_entry())).expect("loads");
    let vellmar = &directory.municipalities()[0];
    assert!(!vellmar.is_demo());
    assert!(vellmar.offers("dog-tax-registration"));
    assert!(!vellmar.offers("bulky-waste-pickup"));
}

#[test]
fn a_bad_ars_is_refused_naming_the_field() {
    for bad in ["06633026", "999999999999", "17633002602x", "06633002602"] {
        let error = refusal(|e| e["ars"] = bad.into());
        let text = error.to_string();
        assert!(
            matches!(&error, CatalogError::InvalidDirectory { at, .. } if at.contains("ars")),
            "{bad}: {text}"
        );
        assert!(text.contains("ARS"), "{text}");
    }
}

#[test]
fn a_bad_postcode_is_refused() {
    for bad in [
        json!(["3424"]),
        json!(["342460"]),
        json!(["3424a"]),
        json!([34246]),
        json!([]),
    ] {
        let error = refusal(|e| e["postcodes"] = bad.clone());
        assert!(
            matches!(&error, CatalogError::InvalidDirectory { .. }),
            "{bad}: {error}"
        );
    }
    let error = refusal(|e| e["postcodes"] = json!(["3424"]));
    assert!(error.to_string().contains("postcode"), "{error}");
}

#[test]
fn an_http_endpoint_that_is_not_loopback_is_refused() {
    let error = refusal(|e| e["endpoint"] = "http://relay.vellmar.de/".into());
    assert!(error.to_string().contains("HTTPS"), "{error}");
    assert!(
        matches!(error, CatalogError::InvalidDirectory { ref at, .. } if at.contains("endpoint"))
    );
}

#[test]
fn loopback_http_and_placeholder_hosts_need_the_demo_flag() {
    let error = refusal(|e| e["endpoint"] = "http://127.0.0.1:8787".into());
    assert!(error.to_string().contains("demo"), "{error}");
    let error = refusal(|e| e["endpoint"] = "https://vellmar.amtsweg.example/".into());
    assert!(error.to_string().contains("demo"), "{error}");
    let mut demo = good_entry();
    demo["endpoint"] = "http://127.0.0.1:8787".into();
    demo["demo"] = true.into();
    assert!(Directory::from_json(&minimal(demo)).is_ok());
}

#[test]
fn a_duplicate_ars_is_refused_naming_both() {
    let mut other = good_entry();
    other["name"] = "Vellmar again".into();
    let bytes = serde_json::to_vec(&json!({
        "format": 1,
        "procedures": ["dog-tax-registration"],
        "municipalities": [good_entry(), other],
    }))
    .expect("JSON");
    match Directory::from_json(&bytes) {
        Err(CatalogError::DuplicateArs { ars, first, second }) => {
            assert_eq!(ars, "066330026026");
            assert_eq!(
                (first.as_str(), second.as_str()),
                ("Vellmar", "Vellmar again")
            );
        }
        other => panic!("expected DuplicateArs, got {other:?}"),
    }
}

#[test]
fn procedure_ids_are_checked() {
    let error = refusal(|e| e["procedures"] = json!(["Dog_Tax"]));
    assert!(error.to_string().contains("procedure id"), "{error}");
    let error = refusal(|e| e["procedures"] = json!(["tree-felling-permit"]));
    assert!(
        error.to_string().contains("not in the directory"),
        "{error}"
    );
    let error = refusal(|e| e["procedures"] = json!("everything"));
    assert!(error.to_string().contains("all"), "{error}");
    let error =
        refusal(|e| e["procedures"] = json!(["dog-tax-registration", "dog-tax-registration"]));
    assert!(error.to_string().contains("twice"), "{error}");
    let everything = refusal(|e| e["typo"] = true.into());
    assert!(everything.to_string().contains("typo"), "{everything}");
}

#[test]
fn a_newer_directory_format_is_named() {
    let mut value: Value = serde_json::from_slice(&minimal(good_entry())).expect("JSON");
    value["format"] = 2.into();
    let error = Directory::from_json(&serde_json::to_vec(&value).expect("JSON")).expect_err("2");
    assert!(error.to_string().contains("format 2"), "{error}");
}

#[test]
fn the_committed_directory_schema_is_current() {
    let path = repo_root().join("procedures/municipalities.schema.json");
    let fresh = serde_json::to_string_pretty(&directory_schema()).expect("schema") + "\n";
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != fresh {
        // Rewritten for the developer to review and commit; the test fails either way,
        // and CI (a fresh clone) with it.
        std::fs::write(&path, &fresh).expect("write municipalities.schema.json");
        panic!(
            "{} was not what the directory types generate; it has been rewritten: review and commit it",
            path.display()
        );
    }
}

#[test]
fn the_repository_directory_satisfies_its_schema_and_the_schema_catches_mistakes() {
    let validator = jsonschema::draft202012::new(&directory_schema()).expect("a valid JSON Schema");
    let base = repo_directory_json();
    let errors: Vec<String> = validator
        .iter_errors(&base)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    type Breakage = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Breakage)> = vec![
        (
            "short ARS",
            Box::new(|v| v["municipalities"][0]["ars"] = "0661100".into()),
        ),
        (
            "Land 17",
            Box::new(|v| v["municipalities"][0]["ars"] = "176110000000".into()),
        ),
        (
            "numeric postcode",
            Box::new(|v| v["municipalities"][0]["postcodes"] = json!([34117])),
        ),
        (
            "HTTP endpoint",
            Box::new(|v| v["municipalities"][0]["endpoint"] = "http://kassel.de/".into()),
        ),
        (
            "typo",
            Box::new(|v| v["municipalities"][0]["verfied"] = true.into()),
        ),
        (
            "bad offer",
            Box::new(|v| v["municipalities"][0]["procedures"] = "some".into()),
        ),
        ("format 2", Box::new(|v| v["format"] = 2.into())),
    ];
    for (what, break_it) in cases {
        let mut value = base.clone();
        break_it(&mut value);
        assert!(
            !validator.is_valid(&value),
            "the schema accepts a directory with {what}"
        );
    }
}

/// The reference server's demo authority, a real PEM certificate.
fn demo_root() -> String {
    std::fs::read_to_string(repo_root().join("crates/municipal-api/demo-ca/demo-ca.crt.pem"))
        .expect("the demo CA certificate")
}

#[test]
fn a_municipality_without_destination_roots_names_none() {
    // Directories written before the field existed still load: the default is none.
    let directory = Directory::from_json(&minimal(good_entry())).expect("loads");
    assert!(directory.municipalities()[0].destination_roots().is_empty());
}

#[test]
fn destination_roots_are_kept_as_given() {
    let mut entry = good_entry();
    entry["destinationRoots"] = json!([demo_root()]);
    let directory = Directory::from_json(&minimal(entry)).expect("loads");
    assert_eq!(
        directory.municipalities()[0].destination_roots(),
        [demo_root()]
    );
}

#[test]
fn a_destination_root_that_is_not_one_pem_certificate_is_refused() {
    let two = format!("{}{}", demo_root(), demo_root());
    let key = demo_root().replace("CERTIFICATE", "PRIVATE KEY");
    let not_base64 = demo_root().replacen("MII", "M*I", 1);
    let huge = format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        "A".repeat(17 * 1024)
    );
    for bad in [two, key, not_base64, huge, "MIIB".to_owned(), String::new()] {
        let error = refusal(|e| e["destinationRoots"] = json!([bad]));
        assert!(
            error.to_string().contains("destinationRoots"),
            "names the field: {error}"
        );
    }
}

#[test]
fn destination_roots_are_limited_and_unique() {
    let error = refusal(|e| e["destinationRoots"] = json!([demo_root(), demo_root()]));
    assert!(error.to_string().contains("twice"), "{error}");
    let many: Vec<String> = (0..=amtsweg_catalog::MAX_DESTINATION_ROOTS)
        .map(|i| demo_root().replacen("MII", &format!("MII{}", "A".repeat(i * 4)), 1))
        .collect();
    let error = refusal(|e| e["destinationRoots"] = json!(many));
    assert!(error.to_string().contains("destination roots"), "{error}");
}

#[test]
fn the_demo_municipality_names_the_reference_servers_authority() {
    let directory = repo_directory();
    let demo = directory
        .get("066990999999")
        .expect("the demo municipality");
    assert_eq!(demo.destination_roots(), [demo_root()]);
    // The placeholders of real municipalities name none: no root is trusted for them.
    for m in directory
        .municipalities()
        .iter()
        .filter(|m| m.ars().as_str() != "066990999999")
    {
        assert!(m.destination_roots().is_empty(), "{}", m.name());
    }
}
