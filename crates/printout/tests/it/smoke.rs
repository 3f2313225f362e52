use amtsweg_printout::{AttachmentLine, Copy, Facts, render};
use amtsweg_procedure::{Summary, SummaryItem, SummaryRow, SummarySection};

use crate::support::{pdftotext, texts};

pub fn facts() -> Facts {
    Facts {
        municipality: "Musterstadt (Demo)".into(),
        procedure_title: "Hund zur Hundesteuer anmelden".into(),
        leika: "urn:de:fim:leika:leistung:99102013104000".into(),
        application_date: "2026-12-06".into(),
        case_number: None,
        received_at: None,
        attachments: vec![AttachmentLine {
            name: "Impfpass.pdf".into(),
            media_type: "application/pdf".into(),
            size: 12345,
            sha512: "ab".repeat(64),
        }],
    }
}

pub fn row(key: &str, label: &str, value: &[&str]) -> SummaryItem {
    SummaryItem::Row(SummaryRow {
        key: key.into(),
        label: label.into(),
        value: value.iter().map(|v| (*v).to_owned()).collect(),
        not_provided: false,
        change_page_id: None,
        change_focus: None,
    })
}

#[test]
fn a_small_summary_reads_back() {
    let summary = Summary {
        procedure_id: "x".into(),
        title: "Hundesteuer".into(),
        sections: vec![SummarySection {
            section_id: "s".into(),
            title: "Über Sie".into(),
            items: vec![row(
                "a",
                "Straße",
                &["Größenweg 3 <script>alert(1)</script>"],
            )],
        }],
        errors: vec![],
        can_submit: true,
        submit_label: "Senden".into(),
    };
    let pdf = render(&summary, &facts(), Copy::Authority, texts()).expect("renders");
    let text = pdftotext(&pdf, &[]);
    assert!(
        text.contains("Größenweg 3 <script>alert(1)</script>"),
        "{text}"
    );
    assert!(text.contains("Seite 1 von 2"), "{text}");
}
