use std::fs;

use proptest::prelude::*;

use super::*;

fn write(dir: &Path, relative: &str, text: &str) -> PathBuf {
    let path = dir.join(relative);
    fs::create_dir_all(path.parent().expect("file has a parent")).expect("create folder");
    fs::write(&path, text).expect("write file");
    path
}

#[test]
fn shipped_locales_parse_without_errors() {
    // The embedded loader only logs errors; this test makes them a build failure.
    for locale_dir in ["de", "en"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../locales")
            .join(locale_dir);
        let mut files = Vec::new();
        layers_collect(&dir, &mut files);
        assert!(!files.is_empty(), "no files in {}", dir.display());
        for file in files {
            let text = fs::read_to_string(&file).expect("read");
            if let Err((_, errors)) = FluentResource::try_new(text) {
                panic!("{} has errors: {errors:?}", file.display());
            }
        }
    }
}

fn layers_collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read dir").filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            layers_collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "ftl") {
            out.push(path);
        }
    }
}

#[test]
fn every_english_message_exists_in_german_and_the_other_way_round() {
    let l10n = Localizer::embedded();
    let de: BTreeSet<String> = l10n.find("de").expect("de").keys.clone();
    let en: BTreeSet<String> = l10n.find("en").expect("en").keys.clone();
    assert_eq!(
        de.difference(&en).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "missing in en"
    );
    assert_eq!(
        en.difference(&de).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "missing in de"
    );
}

#[test]
fn lists_the_shipped_locales_named_in_themselves_german_first() {
    let locales = Localizer::embedded().locales();
    let named: Vec<(&str, &str)> = locales
        .iter()
        .map(|l| (l.code.as_str(), l.self_name.as_str()))
        .collect();
    assert_eq!(named, vec![("de", "Deutsch"), ("en", "English")]);
    assert!(
        locales
            .iter()
            .all(|l| l.direction == Direction::LeftToRight)
    );
}

#[test]
fn negotiates_the_system_language_or_falls_back_to_german() {
    let l10n = Localizer::embedded();
    assert_eq!(l10n.negotiate(&["en_US.UTF-8"]), "en");
    assert_eq!(l10n.negotiate(&["en-GB"]), "en");
    assert_eq!(l10n.negotiate(&["de_AT.UTF-8"]), "de");
    assert_eq!(l10n.negotiate(&["fr_FR.UTF-8"]), "de");
    assert_eq!(
        l10n.negotiate(&["fr-FR", "en-US"]),
        "en",
        "second preference is honoured"
    );
    assert_eq!(l10n.negotiate(&["C"]), "de");
    assert_eq!(l10n.negotiate::<&str>(&[]), "de");
}

#[test]
fn parses_posix_and_bcp47_system_locales() {
    assert_eq!(
        parse_system_locale("de_DE.UTF-8").map(|l| l.to_string()),
        Some("de-DE".into())
    );
    assert_eq!(
        parse_system_locale("sr_RS@latin").map(|l| l.to_string()),
        Some("sr-RS".into())
    );
    assert_eq!(
        parse_system_locale("en-US").map(|l| l.to_string()),
        Some("en-US".into())
    );
    assert_eq!(parse_system_locale("POSIX"), None);
    assert_eq!(parse_system_locale(""), None);
}

#[test]
fn formats_in_the_chosen_locale_with_arguments() {
    let l10n = Localizer::embedded();
    let mut args = FluentArgs::new();
    args.set("file", "/tmp/x/en/app.ftl");
    args.set("line", 7);
    let en = l10n.format("en", "notice-translation-broken", Some(&args));
    let de = l10n.format("de", "notice-translation-broken", Some(&args));
    assert!(en.starts_with("The translation file"), "{en}");
    assert!(de.starts_with("Die Übersetzungsdatei"), "{de}");
    // Placeables are isolated for bidirectional text.
    assert!(en.contains("\u{2068}7\u{2069}"), "{en:?}");
}

#[test]
fn unknown_message_is_shown_as_its_id_and_unknown_locale_falls_back_to_german() {
    let l10n = Localizer::embedded();
    assert_eq!(
        l10n.format("en", "no-such-message", None),
        "no-such-message"
    );
    assert_eq!(l10n.format("fr", "first-start-continue", None), "Weiter");
    assert_eq!(
        l10n.resolve("fr"),
        Err(L10nError::UnknownLocale("fr".into()))
    );
    assert_eq!(l10n.resolve("en").as_deref(), Ok("en"));
}

#[test]
fn messages_map_has_static_texts_and_leaves_out_those_needing_arguments() {
    let l10n = Localizer::embedded();
    let en = l10n.messages("en");
    assert_eq!(
        en.get("first-start-continue").map(String::as_str),
        Some("Continue")
    );
    assert_eq!(
        en.get("first-start-heading").map(String::as_str),
        Some("Welcome to Amtsweg")
    );
    assert!(
        !en.contains_key("notice-translation-broken"),
        "needs $file and $line"
    );
    let de = l10n.messages("de");
    assert_eq!(de.len(), en.len());
}

#[test]
fn messages_map_leaves_out_texts_in_subfolders() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "en/procedures/demo.ftl",
        "demo-title = Demo procedure\n",
    );
    write(dir.path(), "en/extra.ftl", "extra-text = Extra\n");
    let l10n = Localizer::with_override(dir.path());
    let en = l10n.messages("en");
    assert_eq!(en.get("extra-text").map(String::as_str), Some("Extra"));
    assert!(
        !en.contains_key("demo-title"),
        "procedure texts are formatted by the engine"
    );
    // Still formatted on request.
    assert_eq!(l10n.format("en", "demo-title", None), "Demo procedure");
}

#[test]
fn override_folder_replaces_shipped_messages() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "en/app.ftl", "first-start-continue = Go on\n");
    let l10n = Localizer::with_override(dir.path());
    assert!(l10n.problems().is_empty());
    assert_eq!(l10n.format("en", "first-start-continue", None), "Go on");
    // Messages the override does not define still come from the shipped file.
    assert_eq!(l10n.format("en", "catalog-heading", None), "Services");
}

#[test]
fn override_folder_adds_a_new_locale_that_falls_back_to_german() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "tr/brand.ftl", "locale-self-name = Türkçe\n");
    write(dir.path(), "tr/app.ftl", "first-start-continue = Devam\n");
    let l10n = Localizer::with_override(dir.path());
    let codes: Vec<String> = l10n.locales().into_iter().map(|l| l.self_name).collect();
    assert_eq!(codes, vec!["Deutsch", "English", "Türkçe"]);
    assert_eq!(l10n.format("tr", "first-start-continue", None), "Devam");
    assert_eq!(l10n.format("tr", "catalog-heading", None), "Verfahren");
}

#[test]
fn broken_override_file_costs_only_its_own_messages() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "tr/brand.ftl", "locale-self-name = Türkçe\n");
    write(dir.path(), "tr/good.ftl", "catalog-heading = Hizmetler\n");
    let broken = write(
        dir.path(),
        "tr/app.ftl",
        "first-start-continue = Devam\nskip-to-content = İçeriğe geç\nfirst-start-heading = { $\n",
    );
    let l10n = Localizer::with_override(dir.path());

    assert_eq!(l10n.problems().len(), 1);
    let problem = &l10n.problems()[0];
    assert_eq!(problem.file, broken);
    assert_eq!(problem.line, 3, "{problem:?}");
    // The broken file's messages, even its well-formed ones, fall back to German ...
    assert_eq!(l10n.format("tr", "first-start-continue", None), "Weiter");
    assert_eq!(
        l10n.format("tr", "skip-to-content", None),
        "Zum Inhalt springen"
    );
    // ... while the locale's other files still count.
    assert_eq!(l10n.format("tr", "catalog-heading", None), "Hizmetler");
    assert_eq!(
        l10n.messages("tr")
            .get("catalog-heading")
            .map(String::as_str),
        Some("Hizmetler")
    );
}

#[test]
fn broken_override_of_a_shipped_locale_falls_back_to_the_shipped_translation() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "en/app.ftl",
        "first-start-continue = Go on\n\n\n= broken\n",
    );
    let l10n = Localizer::with_override(dir.path());
    assert_eq!(l10n.problems().len(), 1);
    assert_eq!(l10n.problems()[0].line, 4);
    assert_eq!(l10n.format("en", "first-start-continue", None), "Continue");
}

#[test]
fn non_utf8_override_file_is_reported_with_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("en/app.ftl");
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(&path, b"a = b\nc = \xff\n").expect("write");
    let l10n = Localizer::with_override(dir.path());
    assert_eq!(l10n.problems()[0].line, 2);
    assert_eq!(l10n.problems()[0].description, "is not valid UTF-8");
}

#[test]
fn missing_override_folder_is_a_problem_not_a_failure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let l10n = Localizer::with_override(&dir.path().join("absent"));
    assert_eq!(l10n.problems().len(), 1);
    assert_eq!(l10n.format("en", "first-start-continue", None), "Continue");
}

#[test]
fn right_to_left_locales_are_recognised() {
    let l10n = Localizer::embedded();
    assert_eq!(l10n.direction("ar"), Direction::RightToLeft);
    assert_eq!(l10n.direction("fa-IR"), Direction::RightToLeft);
    assert_eq!(l10n.direction("de"), Direction::LeftToRight);
}

proptest! {
    // Whatever a translator writes into an override file, loading never panics and
    // every shipped message still resolves to some text.
    #[test]
    fn arbitrary_override_text_never_breaks_loading(text in "\\PC{0,200}") {
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), "en/app.ftl", &text);
        let l10n = Localizer::with_override(dir.path());
        let continue_text = l10n.format("en", "catalog-heading", None);
        prop_assert!(!continue_text.is_empty());
    }

    #[test]
    fn line_of_counts_newlines_before_the_offset(lines in proptest::collection::vec("[a-z ]{0,10}", 1..20), pick in 0usize..20) {
        let text = lines.join("\n");
        let pick = pick % lines.len();
        let offset: usize = lines[..pick].iter().map(|l| l.len() + 1).sum();
        prop_assert_eq!(layers::line_of(text.as_bytes(), offset), pick + 1);
    }
}

#[test]
fn catalog_texts_add_procedure_messages_and_a_broken_one_is_a_problem() {
    let texts = vec![
        CatalogText {
            locale: "en".into(),
            path: "locales/en/procedures/demo.ftl".into(),
            text: "demo-title = Demo procedure\n".into(),
        },
        CatalogText {
            locale: "de".into(),
            path: "locales/de/procedures/demo.ftl".into(),
            text: "demo-title = {\n".into(),
        },
    ];
    let l10n = Localizer::new(None, &texts);
    assert_eq!(l10n.format("en", "demo-title", None), "Demo procedure");
    assert_eq!(l10n.problems().len(), 1);
    assert_eq!(
        l10n.problems()[0].file,
        PathBuf::from("locales/de/procedures/demo.ftl")
    );
    assert!(
        !l10n.messages("en").contains_key("demo-title"),
        "not an app text"
    );
}

#[test]
fn a_catalog_text_that_defines_the_apps_messages_is_left_out_whole() {
    let english = Localizer::embedded().format("en", "app-name", None);
    let texts = vec![CatalogText {
        locale: "en".into(),
        path: "locales/en/procedures/demo.ftl".into(),
        text: "demo-title = Demo procedure\napp-name = Not the app\n".into(),
    }];
    let l10n = Localizer::new(None, &texts);
    assert_eq!(l10n.format("en", "app-name", None), english);
    assert_ne!(
        l10n.format("en", "demo-title", None),
        "Demo procedure",
        "the whole file is left out"
    );
    assert_eq!(l10n.problems().len(), 1);
    assert!(
        l10n.problems()[0].description.contains("\"app-name\""),
        "{:?}",
        l10n.problems()
    );
}

#[test]
fn foreign_message_ids_are_those_without_the_procedures_prefix() {
    let text = "demo-title = A\ndemo-x = B\n-demo-term = C\ndemotitle = D\nprocedure-yes = E\n-brand-name = F\n";
    assert_eq!(
        foreign_message_ids("demo", text),
        ["demotitle", "procedure-yes", "-brand-name"]
    );
    assert_eq!(procedure_of_text("locales/de/procedures/demo.ftl"), "demo");
}

// --- the pseudo-locale ---

fn with_pseudo() -> Localizer {
    Localizer::build(LocalizerConfig {
        pseudo_locale: true,
        ..LocalizerConfig::default()
    })
}

fn with_pseudo_and_override(dir: &Path) -> Localizer {
    Localizer::build(LocalizerConfig {
        override_dir: Some(dir),
        pseudo_locale: true,
        ..LocalizerConfig::default()
    })
}

/// Whether `text` is nothing but whole `⟦…⟧` pieces (nested ones allowed) and spaces.
fn is_marked(text: &str) -> bool {
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            PSEUDO_OPEN => depth += 1,
            PSEUDO_CLOSE if depth == 0 => return false,
            PSEUDO_CLOSE => depth -= 1,
            c if depth == 0 && !c.is_whitespace() => return false,
            _ => {}
        }
    }
    depth == 0 && !text.trim().is_empty()
}

fn unmarked(text: &str) -> String {
    text.chars()
        .filter(|&c| c != PSEUDO_OPEN && c != PSEUDO_CLOSE)
        .collect()
}

#[test]
fn the_pseudo_locale_is_listed_and_accepted_only_when_built_with_it() {
    let plain = Localizer::embedded();
    assert!(plain.locales().iter().all(|l| !l.pseudo));
    assert_eq!(
        plain.resolve("qps-ploc"),
        Err(L10nError::UnknownLocale("qps-ploc".into()))
    );

    let l10n = with_pseudo();
    let last = l10n.locales().pop().expect("locales");
    assert_eq!(last.code, PSEUDO_LOCALE);
    assert!(last.pseudo);
    assert_eq!(last.direction, Direction::LeftToRight);
    assert_eq!(l10n.direction(PSEUDO_LOCALE), Direction::LeftToRight);
    assert!(
        l10n.locales()
            .iter()
            .filter(|l| l.code != PSEUDO_LOCALE)
            .all(|l| !l.pseudo)
    );
    // Either spelling of the tag, stored in its canonical form.
    assert_eq!(l10n.resolve("qps-ploc").as_deref(), Ok(PSEUDO_LOCALE));
    assert_eq!(l10n.resolve(PSEUDO_LOCALE).as_deref(), Ok(PSEUDO_LOCALE));
    // Never what a system's languages negotiate to.
    assert_eq!(l10n.negotiate(&["qps-ploc", "en"]), "en");
    assert_eq!(l10n.negotiate(&["qps-Ploc"]), "de");
}

#[test]
fn every_german_message_has_a_pseudo_twin() {
    let l10n = with_pseudo();
    let de = &l10n.find("de").expect("de");
    let pseudo = &l10n.find(PSEUDO_LOCALE).expect("pseudo");
    assert_eq!(de.keys, pseudo.keys);
    assert_eq!(de.app_keys, pseudo.app_keys);
    assert!(
        de.keys.contains("dog-tax-registration-title"),
        "procedure texts are German messages too"
    );
    assert_eq!(
        l10n.messages("de").keys().collect::<Vec<_>>(),
        l10n.messages(PSEUDO_LOCALE).keys().collect::<Vec<_>>()
    );
}

#[test]
fn every_pseudo_message_is_marked_accented_and_never_the_german_text() {
    let l10n = with_pseudo();
    let pseudo = l10n.find(PSEUDO_LOCALE).expect("pseudo");
    let german = l10n.find("de").expect("de");
    for key in &pseudo.keys {
        let (text, errors) = format_in(pseudo, key, None).expect("formats");
        assert!(is_marked(&text), "{key} is not marked: {text:?}");
        let (de, _) = format_in(german, key, None).expect("German formats");
        assert_ne!(text, de, "{key}");
        if errors.is_empty() {
            // Without variables every letter is literal text: all of them accented
            // (q has no accented form that decomposes back to q).
            let plain: Vec<char> = text
                .chars()
                .filter(|c| c.is_ascii_alphabetic() && !matches!(c, 'q' | 'Q'))
                .collect();
            assert!(
                plain.is_empty(),
                "{key}: {plain:?} not accented in {text:?}"
            );
        }
    }
}

#[test]
fn pseudo_texts_are_at_least_thirty_percent_longer() {
    let l10n = with_pseudo();
    let de = l10n.messages("de");
    let pseudo = l10n.messages(PSEUDO_LOCALE);
    let mut long = 0;
    for (key, german) in &de {
        let length = german.chars().count();
        if length < 20 {
            continue;
        }
        long += 1;
        let lengthened = unmarked(&pseudo[key]).chars().count();
        assert!(
            lengthened * 10 >= length * 13,
            "{key}: {lengthened} characters for {length}: {:?}",
            pseudo[key]
        );
    }
    assert!(long > 50, "only {long} long messages checked");
    // Short ones still grow.
    let weiter = &pseudo["first-start-continue"];
    assert!(weiter.starts_with("⟦Ŵéíťéŕ "), "{weiter}");
    assert!(
        unmarked(weiter).chars().count() > "Weiter".len(),
        "{weiter}"
    );
}

#[test]
fn pseudo_texts_keep_variables_references_and_selectors_working() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "de/extra.ftl",
        "-thing = Ding\n    .gender = neuter\n\
         count-things = { $count ->\n    [one] ein { -thing }\n   *[other] { $count } { -thing }e\n}\n\
         kind-of-thing = { -thing.gender ->\n    [neuter] sächlich\n   *[other] anders\n}\n\
         see-things = Siehe: { count-things }\n\
         two-paragraphs =\n    Erster Absatz.\n\n    Zweiter Absatz.\n",
    );
    let l10n = with_pseudo_and_override(dir.path());
    assert!(l10n.problems().is_empty(), "{:?}", l10n.problems());
    let strip = |s: String| s.replace(['\u{2068}', '\u{2069}'], "");

    let mut args = FluentArgs::new();
    args.set("file", "/tmp/Übersetzung/app.ftl");
    args.set("line", 7);
    let notice = strip(l10n.format(PSEUDO_LOCALE, "notice-translation-broken", Some(&args)));
    assert!(
        notice.starts_with("⟦Ďíé Üḃéŕšéťžúñĝšďáťéí /tmp/Übersetzung/app.ftl "),
        "{notice}"
    );
    assert!(notice.contains(" 7 "), "{notice}");
    assert!(is_marked(&notice));

    let mut one = FluentArgs::new();
    one.set("count", 1);
    let mut three = FluentArgs::new();
    three.set("count", 3);
    let text = |id: &str, args: Option<&FluentArgs<'_>>| {
        unmarked(&strip(l10n.format(PSEUDO_LOCALE, id, args)))
    };
    assert!(
        text("count-things", Some(&one)).starts_with("éíñ Ďíñĝ "),
        "{}",
        text("count-things", Some(&one))
    );
    assert!(text("count-things", Some(&three)).starts_with("3 Ďíñĝé "));
    assert!(
        text("kind-of-thing", None).starts_with("šäçĥĺíçĥ "),
        "term attributes select as in German"
    );
    let see = strip(l10n.format(PSEUDO_LOCALE, "see-things", Some(&three)));
    assert!(see.starts_with("⟦Šíéĥé: ⟦3 Ďíñĝé "), "{see}");
    assert!(is_marked(&see));

    let paragraphs = l10n.format(PSEUDO_LOCALE, "two-paragraphs", None);
    let parts: Vec<&str> = paragraphs.split("\n\n").collect();
    assert_eq!(parts.len(), 2, "{paragraphs:?}");
    assert!(
        parts.iter().all(|p| is_marked(p)),
        "each paragraph marked: {paragraphs:?}"
    );
    assert!(parts[0].starts_with("⟦Éŕšťéŕ Áḃšáťž.⟧"), "{paragraphs:?}");
}

#[test]
fn the_pseudo_locale_covers_catalog_and_override_texts_but_no_folder_of_its_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "de/app.ftl", "first-start-continue = Los\n");
    write(
        dir.path(),
        "qps-ploc/app.ftl",
        "first-start-continue = Hand-made\n",
    );
    let texts = vec![CatalogText {
        locale: "de".into(),
        path: "locales/de/procedures/demo.ftl".into(),
        text: "demo-title = Ein Verfahren\n".into(),
    }];
    let l10n = Localizer::build(LocalizerConfig {
        override_dir: Some(dir.path()),
        catalog_texts: &texts,
        pseudo_locale: true,
    });
    assert_eq!(
        unmarked(&l10n.format(PSEUDO_LOCALE, "demo-title", None)),
        "Éíñ Ṽéŕḟáĥŕéñ ĺóŕéṁ"
    );
    let go = l10n.format(PSEUDO_LOCALE, "first-start-continue", None);
    assert!(go.starts_with("⟦Ĺóš "), "{go}");
    assert!(!l10n.messages(PSEUDO_LOCALE).contains_key("demo-title"));

    let without = Localizer::build(LocalizerConfig {
        override_dir: Some(dir.path()),
        ..LocalizerConfig::default()
    });
    assert!(
        !without.has_locale("qps-ploc"),
        "not even from the override folder"
    );
}

#[test]
fn accents_decompose_back_to_the_plain_letters_so_search_still_finds_them() {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let letters: String = ('a'..='z').chain('A'..='Z').collect();
    let accented = accent(&letters);
    let back: String = accented.nfd().filter(|c| !is_combining_mark(*c)).collect();
    assert_eq!(back, letters);
    assert_eq!(
        accented
            .chars()
            .filter(char::is_ascii_alphabetic)
            .collect::<String>(),
        "qQ"
    );
    assert_eq!(accent("Straße 12, Köln!"), "Šťŕáßé 12, Ķöĺñ!");
}
