//! Catalog listing and search-as-you-type.

use amtsweg_procedure::{Catalog, Procedure, TextArg};

use crate::support::{catalog, dog_tax, every_kind};

fn ids(entries: &[amtsweg_procedure::CatalogEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.procedure_id.as_str()).collect()
}

#[test]
fn search_ignores_case_umlauts_and_accents() {
    let c = catalog();
    for query in ["hund", "HUNDE", "Hundest", "steuer", "listenhund", "kampfh"] {
        assert_eq!(
            ids(&c.search("de", query)),
            ["dog-tax-registration"],
            "{query}"
        );
    }
    for query in ["dog", "Dog tax", "register", "hundesteuer"] {
        assert_eq!(
            ids(&c.search("en", query)),
            ["dog-tax-registration"],
            "{query}"
        );
    }
    assert!(c.search("de", "parken").is_empty());
    assert_eq!(
        c.search("de", "").len(),
        2,
        "an empty query lists everything"
    );
}

/// Titles with umlauts, ß and accents, through a closure as the text source.
#[test]
fn umlauts_spelled_out_or_dropped() {
    let titles = |_: &str, id: &str, _: &[(&str, TextArg<'_>)]| -> String {
        match id {
            "dog-tax-registration-title" => "Sperrmüll-Abholung".into(),
            "every-kind-title" => "Straßenfest anmelden (Café, Gebühr)".into(),
            other => other.into(),
        }
    };
    let c = Catalog::new(vec![dog_tax(), every_kind()], &titles, &["de"]).expect("catalog");
    for query in ["sperrmüll", "Sperrmuell", "sperrmull", "MÜLL", "abholung"] {
        assert_eq!(
            ids(&c.search("de", query)),
            ["dog-tax-registration"],
            "{query}"
        );
    }
    for query in ["strasse", "straße", "cafe", "gebuhr", "gebuehr", "fest anm"] {
        assert_eq!(ids(&c.search("de", query)), ["every-kind"], "{query}");
    }
    // Title prefix ranks before a word inside the title.
    let ranked = |_: &str, id: &str, _: &[(&str, TextArg<'_>)]| -> String {
        match id {
            "dog-tax-registration-title" => "Anmeldung eines Hundes".into(),
            "every-kind-title" => "Hundesteuer".into(),
            other => other.into(),
        }
    };
    let c = Catalog::new(vec![dog_tax(), every_kind()], &ranked, &["de"]).expect("catalog");
    assert_eq!(
        ids(&c.search("de", "hund")),
        ["every-kind", "dog-tax-registration"]
    );
    assert_eq!(
        ids(&c.list("de")),
        ["dog-tax-registration", "every-kind"],
        "listed by title"
    );
}

#[test]
fn listing_localizes_and_falls_back() {
    let c = catalog();
    let de = c.list("de");
    let dog = de
        .iter()
        .find(|e| e.procedure_id == "dog-tax-registration")
        .expect("listed");
    assert_eq!(dog.title, "Hund zur Hundesteuer anmelden");
    let en = c.list("en");
    assert!(en.iter().any(|e| e.title == "Register a dog for dog tax"));
    assert_eq!(
        c.list("tr").len(),
        2,
        "an unindexed locale uses the first one"
    );
    assert_eq!(c.len(), 2);
}

#[test]
fn bad_files_are_all_reported_and_duplicates_refused() {
    let good =
        std::fs::read(crate::support::repo_root().join("procedures/dog-tax-registration.json"))
            .expect("file");
    let plain = |_: &str, id: &str, _: &[(&str, TextArg<'_>)]| id.to_owned();
    let files: Vec<(&str, &[u8])> = vec![
        ("procedures/a.json", b"{"),
        ("procedures/dog-tax-registration.json", &good),
        ("procedures/b.json", b"[]"),
    ];
    let errors = Catalog::load(files, &plain, &["de"]).expect_err("two bad files");
    assert_eq!(errors.len(), 2);
    assert!(errors[0].to_string().starts_with("procedures/a.json: "));
    assert!(errors[1].to_string().starts_with("procedures/b.json: "));
    let twice = vec![dog_tax(), dog_tax()];
    let error = Catalog::new(twice, &plain, &["de"]).expect_err("duplicate");
    assert_eq!(
        error.to_string(),
        "two files define procedure `dog-tax-registration`"
    );
    let _: Option<&Procedure> = catalog().get("dog-tax-registration");
}
