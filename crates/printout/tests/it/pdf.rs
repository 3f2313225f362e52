//! Fonts, pixels, page breaks and the recovery code, checked on the PDF itself.

use amtsweg_printout::{Copy, Facts, render, render_recovery_code};
use amtsweg_procedure::{Summary, SummaryGroupInstance, SummaryItem, SummarySection};

use crate::bundled::{facts_for, summaries, words};
use crate::smoke::{facts, row};
use crate::support::{pdftotext, poppler, repo_root, texts};

fn dog_tax() -> (Summary, Vec<u8>) {
    let (de, en) = summaries().remove("dog-tax-registration").expect("dog tax");
    let pdf = render(
        &de,
        &facts(),
        Copy::Citizen {
            locale: "en",
            summary: &en,
        },
        texts(),
    )
    .expect("renders");
    (de, pdf)
}

#[test]
fn fonts_are_embedded_as_small_subsets() {
    let (_, pdf) = dog_tax();
    let list = poppler("pdffonts", &[], &pdf, false);
    let rows: Vec<&str> = list.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "regular and bold:\n{list}");
    for r in &rows {
        // name, type (two words), encoding, emb, sub, uni, object id
        let cols: Vec<&str> = r.split_whitespace().collect();
        assert_eq!(cols[4], "yes", "not embedded:\n{list}");
    }
    // The font programmes themselves (FontFile2 streams), decompressed.
    let doc = lopdf::Document::load_mem(&pdf).expect("lopdf reads it");
    let mut programmes = Vec::new();
    for object in doc.objects.values() {
        if let Ok(d) = object.as_dict()
            && let Ok(r) = d.get(b"FontFile2").and_then(lopdf::Object::as_reference)
        {
            let stream = doc
                .get_object(r)
                .and_then(lopdf::Object::as_stream)
                .expect("stream");
            let bytes = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            programmes.push(bytes.len());
        }
    }
    let full = [
        std::fs::metadata(repo_root().join("crates/printout/fonts/DejaVuSans.ttf"))
            .expect("font")
            .len(),
        std::fs::metadata(repo_root().join("crates/printout/fonts/DejaVuSans-Bold.ttf"))
            .expect("font")
            .len(),
    ];
    assert_eq!(programmes.len(), 2, "two embedded programmes");
    for size in &programmes {
        // A full face is 700 KB; the glyphs of an application are a few percent of it.
        assert!(
            (*size as u64) * 10 < full[0].min(full[1]),
            "an embedded font programme of {size} bytes is not a small part of {full:?}"
        );
        assert!(*size > 1000, "an empty programme is not a font");
    }
    assert!(pdf.len() < 100_000, "the PDF is {} bytes", pdf.len());
}

/// Dark pixels of page `page` at 36 dpi, in the top half of the text area.
fn dark_pixels(pdf: &[u8], page: u32) -> usize {
    let p = page.to_string();
    let dir = std::env::temp_dir().join(format!("amtsweg-ppm-{}-{page}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("p.pdf");
    std::fs::write(&file, pdf).expect("write");
    let out = std::process::Command::new("pdftoppm")
        .args(["-gray", "-r", "36", "-f", &p, "-l", &p])
        .arg(&file)
        .output()
        .expect("pdftoppm (poppler-utils) must be installed");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success());
    // PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
    let data = out.stdout;
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while data[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !data[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&data[start..at]).into_owned());
    }
    at += 1;
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (fields[1].parse().expect("w"), fields[2].parse().expect("h"));
    let pixels = &data[at..];
    assert_eq!(pixels.len(), w * h);
    // The text area: inside the 20 mm margins, the top half of the page.
    let (x0, x1, y0, y1) = (w / 10, w - w / 10, h / 14, h / 2);
    (y0..y1)
        .flat_map(|y| (x0..x1).map(move |x| (x, y)))
        .filter(|&(x, y)| pixels[y * w + x] < 128)
        .count()
}

#[test]
fn a_rendered_page_has_text_where_text_should_be() {
    let (_, pdf) = dog_tax();
    let dark = dark_pixels(&pdf, 1);
    assert!(dark > 500, "page 1 is (nearly) blank: {dark} dark pixels");
}

/// A generated long application: 8 sections of 12 questions, answers of one to eight
/// lines, a repeatable group; about ten pages.
fn long_summary() -> Summary {
    let mut sections = Vec::new();
    for s in 0..8 {
        let mut items = Vec::new();
        for q in 0..12 {
            let n = s * 12 + q;
            let sentences = 1 + (n * 5) % 4;
            let value = format!(
                "Anfang-{n:03} {} Ende-{n:03}",
                "Die Grünfläche hinter dem Gebäude wird für die Straßenfeier genutzt. "
                    .repeat(sentences)
            );
            items.push(row(
                &format!("k{n}"),
                &format!("Frage-{n:03} zur Größe"),
                &[&value],
            ));
        }
        items.push(SummaryItem::Group {
            key: format!("g{s}"),
            label: format!("Gruppe-{s}"),
            instances: (0..2)
                .map(|i| SummaryGroupInstance {
                    label: format!("Hund {}-{s}", i + 1),
                    items: vec![row(
                        &format!("g{s}.{i}"),
                        &format!("Rasse-{s}{i}"),
                        &[&format!("Dackel-{s}{i}")],
                    )],
                    change_focus: None,
                })
                .collect(),
            change_page_id: "p".into(),
        });
        sections.push(SummarySection {
            section_id: format!("s{s}"),
            title: format!("Abschnitt-{s}"),
            items,
        });
    }
    Summary {
        procedure_id: "long".into(),
        title: "Langer Antrag".into(),
        sections,
        errors: vec![],
        can_submit: true,
        submit_label: "Senden".into(),
    }
}

pub fn long_pdf() -> Vec<u8> {
    let summary = long_summary();
    render(&summary, &facts(), Copy::Authority, texts()).expect("renders")
}

#[test]
fn a_ten_page_application_keeps_labels_with_their_answers() {
    let pdf = long_pdf();
    let info = poppler("pdfinfo", &[], &pdf, false);
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count");
    assert!((9..=13).contains(&pages), "{pages} pages");
    let mut on_page = std::collections::HashMap::new();
    for page in 1..=pages {
        let p = page.to_string();
        let text = pdftotext(&pdf, &["-layout", "-f", &p, "-l", &p]);
        assert!(
            words(&text).contains(&format!("Seite {page} von {pages}")),
            "page {page} has no page number"
        );
        for word in text.split_whitespace() {
            on_page.entry(word.to_owned()).or_insert(page);
        }
    }
    let page_of = |w: &str| {
        *on_page
            .get(w)
            .unwrap_or_else(|| panic!("{w} is not in the PDF"))
    };
    for n in 0..96 {
        let label = page_of(&format!("Frage-{n:03}"));
        assert_eq!(
            label,
            page_of(&format!("Anfang-{n:03}")),
            "question {n}: label and answer"
        );
        assert_eq!(
            label,
            page_of(&format!("Ende-{n:03}")),
            "question {n}: answer split"
        );
    }
    for s in 0..8 {
        assert_eq!(
            page_of(&format!("Abschnitt-{s}")),
            page_of(&format!("Frage-{:03}", s * 12))
        );
        assert_eq!(
            page_of(&format!("Gruppe-{s}")),
            page_of(&format!("Rasse-{s}0"))
        );
        assert_eq!(
            page_of(&format!("Rasse-{s}1")),
            page_of(&format!("Dackel-{s}1"))
        );
    }
}

#[test]
fn the_recovery_code_reads_back_the_same() {
    let groups: Vec<String> = ["K7QM", "2XWA", "9PLD", "HT4E", "UZ8R", "C3NB", "VF6Y"]
        .iter()
        .map(|g| (*g).to_owned())
        .collect();
    for locale in ["de", "en"] {
        let pdf = render_recovery_code(&groups, locale, texts()).expect("renders");
        let text = words(&pdftotext(&pdf, &[]));
        assert!(text.contains(&groups.join(" ")), "{locale}: {text}");
        assert!(!text.contains(['\u{2068}', '\u{2069}']));
    }
    let de = words(&pdftotext(
        &render_recovery_code(&groups, "de", texts()).expect("pdf"),
        &[],
    ));
    assert!(de.contains("Ihr Wiederherstellungscode"), "{de}");
}

#[test]
fn markup_in_answers_is_printed_as_text() {
    let (mut de, _) = summaries().remove("dog-tax-registration").expect("dog tax");
    de.sections[0].items.push(row(
        "x",
        "Bemerkung <b>fett</b>",
        &["<script>alert('ß')</script> & (Klammer) \\ %PDF"],
    ));
    let f = Facts {
        case_number: None,
        ..facts_for(&de)
    };
    let text = words(&pdftotext(
        &render(&de, &f, Copy::Authority, texts()).expect("pdf"),
        &[],
    ));
    assert!(
        text.contains("<script>alert('ß')</script> & (Klammer) \\ %PDF"),
        "{text}"
    );
    assert!(text.contains("Bemerkung <b>fett</b>"));
    assert!(text.contains("Wird beim Senden vergeben"));
}

#[test]
fn the_receipt_names_the_case_and_when_it_was_received() {
    let (de, _) = summaries().remove("dog-tax-registration").expect("dog tax");
    let pending_facts = Facts {
        case_number: None,
        ..facts_for(&de)
    };
    let f = Facts {
        case_number: Some("c0ffee00-1111-4222-8333-444455556666".into()),
        received_at: Some("2026-12-07 09:15".into()),
        ..facts_for(&de)
    };
    let text = words(&pdftotext(
        &render(&de, &f, Copy::Authority, texts()).expect("pdf"),
        &[],
    ));
    assert!(
        text.contains("Eingegangen bei der Behörde 2026-12-07 09:15"),
        "{text}"
    );
    assert!(text.contains("c0ffee00-1111-4222-8333-444455556666"));
    assert!(!text.contains("Wird beim Senden vergeben"), "{text}");
    // Without a time of receipt the row is not there.
    let pending = words(&pdftotext(
        &render(&de, &pending_facts, Copy::Authority, texts()).expect("pdf"),
        &[],
    ));
    assert!(
        !pending.contains("Eingegangen bei der Behörde"),
        "{pending}"
    );
    assert!(pending.contains("Wird beim Senden vergeben"), "{pending}");
}

/// The figures for docs/performance.md and the README's page
/// (`docs/screenshots/printout.de-en.png`): `cargo test -p amtsweg-printout --test it
/// figures -- --ignored --nocapture`.
#[test]
#[ignore = "prints figures"]
fn figures() {
    let programmes = |pdf: &[u8]| -> Vec<usize> {
        let doc = lopdf::Document::load_mem(pdf).expect("lopdf reads it");
        doc.objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter_map(|d| {
                d.get(b"FontFile2")
                    .and_then(lopdf::Object::as_reference)
                    .ok()
            })
            .filter_map(|r| doc.get_object(r).and_then(lopdf::Object::as_stream).ok())
            .map(|s| {
                s.decompressed_content()
                    .map_or(s.content.len(), |c| c.len())
            })
            .collect()
    };
    let (_, dog) = dog_tax();
    let long = long_pdf();
    let code =
        render_recovery_code(&["K7QM".to_owned(), "2XWA".to_owned()], "de", texts()).expect("pdf");
    for (name, pdf) in [
        ("dog tax, citizen (de+en)", &dog),
        ("ten pages", &long),
        ("recovery code", &code),
    ] {
        let pages = poppler("pdfinfo", &[], pdf, false)
            .lines()
            .find_map(|l| l.strip_prefix("Pages:").map(|p| p.trim().to_owned()))
            .unwrap_or_default();
        eprintln!(
            "{name}: {} bytes, {pages} pages, font programmes {:?}",
            pdf.len(),
            programmes(pdf)
        );
    }
    // The README's picture of a printed page.
    let file = std::env::temp_dir().join("printout-dog-tax.pdf");
    std::fs::write(&file, &dog).expect("write");
    let png = repo_root().join("docs/screenshots/printout.de-en");
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "60", "-png", "-singlefile", "-f", "1", "-l", "1"])
        .arg(&file)
        .arg(&png)
        .status()
        .expect("pdftoppm");
    assert!(status.success());
}

#[test]
fn the_document_says_what_it_is() {
    let (_, pdf) = dog_tax();
    let info = poppler("pdfinfo", &[], &pdf, false);
    assert!(
        info.contains("Title:           Antrag: Hund zur Hundesteuer anmelden"),
        "{info}"
    );
    assert!(info.contains("Producer:        Amtsweg"), "{info}");
    let doc = lopdf::Document::load_mem(&pdf).expect("lopdf");
    let created = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .and_then(|r| doc.get_dictionary(r))
        .and_then(|d| d.get(b"CreationDate"))
        .and_then(lopdf::Object::as_str)
        .expect("a creation date");
    assert_eq!(created, b"D:20261206", "the application's date");
    let lang = doc
        .catalog()
        .and_then(|c| c.get(b"Lang"))
        .and_then(lopdf::Object::as_str)
        .expect("/Lang");
    assert_eq!(lang, b"de");
}

#[test]
fn an_answer_longer_than_a_page_starts_beside_its_label_and_goes_on() {
    let (mut de, _) = summaries().remove("dog-tax-registration").expect("dog tax");
    let long: String = (0..400).map(|i| format!("Wort{i:03} ")).collect();
    de.sections[0]
        .items
        .insert(0, row("x", "Sehr-lange-Bemerkung", &[&long]));
    let pdf = render(&de, &facts_for(&de), Copy::Authority, texts()).expect("pdf");
    let first = pdftotext(&pdf, &["-layout", "-f", "1", "-l", "1"]);
    assert!(first.contains("Sehr-lange-Bemerkung"));
    let label_line = first
        .lines()
        .find(|l| l.contains("Sehr-lange-Bemerkung"))
        .expect("the label's line");
    assert!(
        label_line.contains("Wort000"),
        "label and answer share a line: {label_line:?}"
    );
    let all = words(&pdftotext(&pdf, &[]));
    for i in [0, 199, 399] {
        assert!(all.contains(&format!("Wort{i:03}")), "Wort{i:03}");
    }
    let second = pdftotext(&pdf, &["-layout", "-f", "2", "-l", "2"]);
    assert!(
        second.contains("Wort399"),
        "taller than a page, it goes on on page 2"
    );
}

#[test]
fn characters_the_font_lacks_become_a_replacement_character() {
    let (mut de, _) = summaries().remove("dog-tax-registration").expect("dog tax");
    de.sections[0]
        .items
        .push(row("x", "Name im Original", &["山田 太郎 🐕 Łódź Ελλάδα"]));
    let pdf = render(&de, &facts_for(&de), Copy::Authority, texts()).expect("pdf");
    let text = words(&pdftotext(&pdf, &[]));
    // DejaVu Sans has Polish and Greek, not CJK or emoji.
    assert!(text.contains("Łódź Ελλάδα"), "{text}");
    assert!(
        text.contains("\u{FFFD}\u{FFFD} \u{FFFD}\u{FFFD} \u{FFFD}"),
        "{text}"
    );
}

/// Where a word is drawn: (xMin, xMax) of its first occurrence, from `pdftotext -bbox`.
fn word_box(pdf: &[u8], word: &str) -> (f32, f32) {
    let html = pdftotext(pdf, &["-bbox", "-f", "1", "-l", "1"]);
    let line = html
        .lines()
        .find(|l| l.trim_end().ends_with(&format!(">{word}</word>")))
        .unwrap_or_else(|| panic!("{word} not on page 1"));
    let attr = |name: &str| -> f32 {
        let at = line.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        line[at..]
            .split('"')
            .next()
            .and_then(|v| v.parse().ok())
            .expect("number")
    };
    (attr("xMin"), attr("xMax"))
}

#[test]
fn a_right_to_left_language_stands_at_the_right_edge_of_its_column() {
    let (de, en) = summaries().remove("dog-tax-registration").expect("dog tax");
    // A stand-in right-to-left locale that speaks English words (no such locale ships).
    let rtl = |locale: &str, id: &str, args: &[(&str, amtsweg_procedure::TextArg<'_>)]| {
        let locale = if locale == "ar" { "en" } else { locale };
        amtsweg_procedure::Texts::text(texts(), locale, id, args)
    };
    let ltr_pdf = render(
        &de,
        &facts(),
        Copy::Citizen {
            locale: "en",
            summary: &en,
        },
        &rtl,
    )
    .expect("pdf");
    let rtl_pdf = render(
        &de,
        &facts(),
        Copy::Citizen {
            locale: "ar",
            summary: &en,
        },
        &rtl,
    )
    .expect("pdf");
    // "Responsible office" under "Zuständige Stelle", in the label column (20 mm to 20 mm
    // + 180 pt).
    let (ltr_min, _) = word_box(&ltr_pdf, "Responsible");
    let (_, rtl_max) = word_box(&rtl_pdf, "office");
    assert!(
        (ltr_min - 56.7).abs() < 1.0,
        "left to right starts at the margin: {ltr_min}"
    );
    assert!(
        (rtl_max - 236.7).abs() < 1.0,
        "right to left ends at the column's edge: {rtl_max}"
    );
    // The German stays where it was.
    let (de_min, _) = word_box(&rtl_pdf, "Zuständige");
    assert!((de_min - 56.7).abs() < 1.0, "{de_min}");
}
