//! Shared helpers: the real localizer behind the engine's `Texts`, files, answers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use amtsweg_l10n::{Args, Localizer, Value};
use amtsweg_procedure::{Answer, Answers, Catalog, Date, FileRef, Procedure, TextArg, Texts};

/// What the shell does: `Texts` over `amtsweg_l10n::Localizer`.
pub struct Fluent(pub Localizer);

impl Texts for Fluent {
    fn text(&self, locale: &str, id: &str, args: &[(&str, TextArg<'_>)]) -> String {
        let mut fluent = Args::new();
        for (name, arg) in args {
            match arg {
                TextArg::Str(s) => fluent.set(*name, Value::from(*s)),
                TextArg::Int(n) => fluent.set(*name, Value::from(*n)),
            }
        }
        // Isolation marks are right for the UI; tests compare plain text.
        self.0
            .format(locale, id, Some(&fluent))
            .replace(['\u{2068}', '\u{2069}'], "")
    }
}

pub fn texts() -> &'static Fluent {
    static TEXTS: OnceLock<Fluent> = OnceLock::new();
    TEXTS.get_or_init(|| Fluent(Localizer::embedded()))
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

pub fn dog_tax() -> Procedure {
    let path = repo_root().join("procedures/dog-tax-registration.json");
    Procedure::load("procedures/dog-tax-registration.json", &read(&path))
        .expect("the bundled dog tax procedure loads")
}

pub fn every_kind() -> Procedure {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/every-kind.json");
    Procedure::load("every-kind.json", &read(&path)).expect("the fixture loads")
}

pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        Catalog::new(vec![dog_tax(), every_kind()], texts(), &["de", "en"]).expect("catalog builds")
    })
}

pub fn today() -> Date {
    Date::new(2025, 6, 15).expect("a real date")
}

pub fn text(s: &str) -> Answer {
    Answer::Text(s.to_owned())
}

pub fn answers<const N: usize>(pairs: [(&str, Answer); N]) -> Answers {
    pairs
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect::<BTreeMap<_, _>>()
}

pub fn file(name: &str, media_type: &str, size: u64) -> Answer {
    Answer::File(FileRef {
        id: format!("vault-{name}"),
        name: name.to_owned(),
        media_type: media_type.to_owned(),
        size,
    })
}
