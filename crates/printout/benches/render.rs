//! Rendering a ten-page application, beside parsing the embedded font alone.

use std::hint::black_box;

use amtsweg_printout::{Copy, Facts, Summary, render};
use amtsweg_procedure::{SummaryItem, SummaryRow, SummarySection, TextArg};
use criterion::{Criterion, criterion_group, criterion_main};

fn texts(_: &str, id: &str, _: &[(&str, TextArg<'_>)]) -> String {
    id.to_owned()
}

fn long_summary() -> Summary {
    let sections = (0..8)
        .map(|s| SummarySection {
            section_id: format!("s{s}"),
            title: format!("Abschnitt {s}"),
            items: (0..12)
                .map(|q| {
                    let n = s * 12 + q;
                    SummaryItem::Row(SummaryRow {
                        key: format!("k{n}"),
                        label: format!("Frage {n} zur Größe"),
                        value: vec![
                            "Die Grünfläche hinter dem Gebäude wird für die Straßenfeier genutzt. "
                                .repeat(1 + (n * 5) % 4),
                        ],
                        not_provided: false,
                        change_page_id: None,
                        change_focus: None,
                    })
                })
                .collect(),
        })
        .collect();
    Summary {
        procedure_id: "long".into(),
        title: "Langer Antrag".into(),
        sections,
        errors: vec![],
        can_submit: true,
        submit_label: "Senden".into(),
    }
}

fn bench(c: &mut Criterion) {
    let summary = long_summary();
    let facts = Facts {
        municipality: "Musterstadt (Demo)".into(),
        procedure_title: "Langer Antrag".into(),
        leika: "urn:de:fim:leika:leistung:99000000000000".into(),
        application_date: "2026-12-06".into(),
        case_number: None,
        received_at: None,
        attachments: Vec::new(),
    };
    let pdf = render(&summary, &facts, Copy::Authority, &texts).expect("renders");
    let pages = lopdf::Document::load_mem(&pdf)
        .map(|d| d.get_pages().len())
        .unwrap_or(0);
    eprintln!("generated application: {pages} pages, {} bytes", pdf.len());
    c.bench_function("render a ten-page application", |b| {
        b.iter(|| render(black_box(&summary), &facts, Copy::Authority, &texts))
    });
    let font: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
    c.bench_function("parse DejaVu Sans alone", |b| {
        b.iter(|| printpdf::ParsedFont::from_bytes(black_box(font), 0, &mut Vec::new()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
