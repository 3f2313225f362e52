//! The application as a PDF: the copy the authority files (German only) and the copy the
//! citizen keeps (German, with their language under every German label and heading when
//! that is not German), and the printable recovery code.
//!
//! Layout is our own and small: two columns (label, answer) as on the check page, text
//! wrapped by the embedded font's advance widths, page breaks that never separate a label
//! from its answer nor a heading from what follows it. Every string drawn is plain text:
//! nothing in an answer is interpreted, and Fluent's bidi isolation marks are removed.
//! The printout's own words come from `texts` (`locales/*/printout.ftl`).

mod fonts;
mod layout;

pub use amtsweg_procedure::{Summary, Texts};

use std::collections::HashMap;

use amtsweg_procedure::{Date, SummaryItem, SummaryRow, TextArg};

use crate::layout::{Cell, Doc, Style};

/// What the authority files besides the answers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// "Musterstadt (Demo)".
    pub municipality: String,
    /// The procedure's German title.
    pub procedure_title: String,
    /// `urn:de:fim:leika:leistung:…`.
    pub leika: String,
    /// ISO date, "2026-12-06".
    pub application_date: String,
    /// Once the authority has assigned one.
    pub case_number: Option<String>,
    /// When the authority received it, as the citizen reads it ("2026-12-06 18:40");
    /// once known (the receipt says it beside the application date, which is another).
    pub received_at: Option<String>,
    pub attachments: Vec<AttachmentLine>,
}

/// One attachment as listed on the printout.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttachmentLine {
    pub name: String,
    pub media_type: String,
    pub size: u64,
    /// 128 hex digits.
    pub sha512: String,
}

/// Which copy to render.
#[derive(Debug, Clone, Copy)]
pub enum Copy<'a> {
    /// German only.
    Authority,
    /// German, with `locale`'s texts (from `summary`, the same draft's summary in that
    /// locale) under every German label and heading when `locale` is not German.
    Citizen {
        locale: &'a str,
        summary: &'a Summary,
    },
}

/// This crate's one error type.
#[derive(Debug, thiserror::Error)]
pub enum PrintoutError {
    /// An embedded font could not be read (a broken build, not a user's problem).
    #[error("an embedded font cannot be read")]
    Font,
    /// The font subsetter refused an embedded font.
    #[error("the font cannot be subset: {0}")]
    Subset(String),
    /// The PDF could not be written.
    #[error("the PDF cannot be written: {0}")]
    Write(String),
}

const GERMAN: &str = "de";

/// The application as a PDF: `german` is the check page's summary in German.
pub fn render(
    german: &Summary,
    facts: &Facts,
    copy: Copy<'_>,
    texts: &dyn Texts,
) -> Result<Vec<u8>, PrintoutError> {
    let second = match copy {
        Copy::Citizen { locale, summary } if locale != GERMAN => Some(Second::new(locale, summary)),
        _ => None,
    };
    let w = Words {
        texts,
        second: second.as_ref(),
    };
    let mut doc = Doc::new(
        second
            .as_ref()
            .is_some_and(|s| layout::right_to_left(s.locale)),
    )?;

    // The head: what this is, for whom, from whom.
    doc.heading(
        Style::Title,
        &w.de("printout-heading"),
        w.other("printout-heading"),
    )?;
    doc.heading(Style::Subtitle, &facts.procedure_title, None)?;
    let copy_id = match copy {
        Copy::Authority => "printout-copy-authority",
        Copy::Citizen { .. } => "printout-copy-citizen",
    };
    doc.note(&w.de(copy_id), w.other(copy_id))?;
    let case = facts
        .case_number
        .clone()
        .unwrap_or_else(|| w.de("printout-case-number-pending"));
    let case_other = match facts.case_number {
        Some(_) => None,
        None => w.other("printout-case-number-pending"),
    };
    doc.row(
        0,
        &w.label("printout-municipality"),
        &[Cell::plain(&facts.municipality)],
    )?;
    doc.row(
        0,
        &w.label("printout-procedure"),
        &[Cell::plain(&facts.procedure_title)],
    )?;
    doc.row(0, &w.label("printout-leika"), &[Cell::plain(&facts.leika)])?;
    doc.row(
        0,
        &w.label("printout-application-date"),
        &w.date_cells(&facts.application_date),
    )?;
    doc.row(
        0,
        &w.label("printout-case-number"),
        &with_other(Cell::plain(&case), case_other.clone()),
    )?;

    // Every answer, by section, as on the check page.
    for section in &german.sections {
        let other = w
            .second
            .and_then(|s| s.sections.get(section.section_id.as_str()).cloned());
        doc.heading(Style::Section, &section.title, other)?;
        items(&mut doc, &w, &section.items, 0)?;
    }

    // The attachments, each with its SHA-512.
    doc.heading(
        Style::Section,
        &w.de("printout-attachments"),
        w.other("printout-attachments"),
    )?;
    if facts.attachments.is_empty() {
        doc.note(
            &w.de("printout-no-attachments"),
            w.other("printout-no-attachments"),
        )?;
    }
    for a in &facts.attachments {
        let size = w.texts.text(
            GERMAN,
            "printout-attachment-size-value",
            &[(
                "bytes",
                TextArg::Int(i64::try_from(a.size).unwrap_or(i64::MAX)),
            )],
        );
        let mut cells = vec![
            Cell::plain(&format!(
                "{}: {}",
                w.de("printout-attachment-type"),
                a.media_type
            )),
            Cell::plain(&format!("{}: {size}", w.de("printout-attachment-size"))),
            Cell::small(&format!("{}:", w.de("printout-attachment-hash"))),
        ];
        // 128 hex digits in four lines of 32: no reader has to count where one ends.
        let hash: Vec<char> = a.sha512.chars().collect();
        for chunk in hash.chunks(32) {
            cells.push(Cell::mono(&chunk.iter().collect::<String>()));
        }
        doc.row(0, &(a.name.clone(), None), &cells)?;
    }

    // The receipt: what was applied for, when, to whom.
    doc.new_page();
    doc.heading(
        Style::Title,
        &w.de("printout-receipt-heading"),
        w.other("printout-receipt-heading"),
    )?;
    doc.row(
        0,
        &w.label("printout-receipt-what"),
        &[Cell::plain(&facts.procedure_title)],
    )?;
    doc.row(
        0,
        &w.label("printout-receipt-when"),
        &w.date_cells(&facts.application_date),
    )?;
    doc.row(
        0,
        &w.label("printout-receipt-to"),
        &[Cell::plain(&facts.municipality)],
    )?;
    if let Some(received) = &facts.received_at {
        doc.row(
            0,
            &w.label("printout-receipt-received"),
            &[Cell::plain(received)],
        )?;
    }
    doc.row(
        0,
        &w.label("printout-case-number"),
        &with_other(Cell::plain(&case), case_other),
    )?;
    doc.note(
        &w.de("printout-receipt-keep"),
        w.other("printout-receipt-keep"),
    )?;

    let title = format!("{}: {}", w.de("printout-heading"), facts.procedure_title);
    let footer = format!("{} · {}", facts.municipality, facts.procedure_title);
    let date = facts
        .application_date
        .parse::<Date>()
        .ok()
        .map(|d| format!("{:04}{:02}{:02}", d.year(), d.month(), d.day()));
    doc.finish(&title, GERMAN, &footer, date.as_deref(), |page, pages| {
        let args = [
            ("page", TextArg::Int(i64::from(page))),
            ("pages", TextArg::Int(i64::from(pages))),
        ];
        let de = texts.text(GERMAN, "printout-page", &args);
        match w.second {
            Some(s) => format!("{de} / {}", texts.text(s.locale, "printout-page", &args)),
            None => de,
        }
    })
}

/// The recovery code on a sheet of its own, in the citizen's language (`locale`).
pub fn render_recovery_code(
    code_groups: &[String],
    locale: &str,
    texts: &dyn Texts,
) -> Result<Vec<u8>, PrintoutError> {
    let mut doc = Doc::new(layout::right_to_left(locale))?;
    let t = |id: &str| texts.text(locale, id, &[]);
    doc.heading(Style::Title, &t("printout-recovery-heading"), None)?;
    doc.note(&t("printout-recovery-intro"), None)?;
    doc.code(code_groups)?;
    doc.note(&t("printout-recovery-keep"), None)?;
    doc.finish(
        &t("printout-recovery-title"),
        locale,
        "",
        None,
        |page, pages| {
            texts.text(
                locale,
                "printout-page",
                &[
                    ("page", TextArg::Int(i64::from(page))),
                    ("pages", TextArg::Int(i64::from(pages))),
                ],
            )
        },
    )
}

/// The citizen's language: its summary indexed by the keys the German one shares.
struct Second<'a> {
    locale: &'a str,
    sections: HashMap<&'a str, String>,
    labels: HashMap<&'a str, &'a str>,
    rows: HashMap<&'a str, &'a SummaryRow>,
    instances: HashMap<(&'a str, usize), &'a str>,
}

impl<'a> Second<'a> {
    fn new(locale: &'a str, summary: &'a Summary) -> Self {
        let mut s = Second {
            locale,
            sections: summary
                .sections
                .iter()
                .map(|x| (x.section_id.as_str(), x.title.clone()))
                .collect(),
            labels: HashMap::new(),
            rows: HashMap::new(),
            instances: HashMap::new(),
        };
        for section in &summary.sections {
            s.index(&section.items);
        }
        s
    }

    fn index(&mut self, items: &'a [SummaryItem]) {
        for item in items {
            match item {
                SummaryItem::Row(row) => {
                    self.rows.insert(row.key.as_str(), row);
                }
                SummaryItem::Group {
                    key,
                    label,
                    instances,
                    ..
                } => {
                    self.labels.insert(key.as_str(), label.as_str());
                    for (i, instance) in instances.iter().enumerate() {
                        self.instances
                            .insert((key.as_str(), i), instance.label.as_str());
                        self.index(&instance.items);
                    }
                }
            }
        }
    }
}

/// The printout's own words: German, and the citizen's language when it is another.
struct Words<'a> {
    texts: &'a dyn Texts,
    second: Option<&'a Second<'a>>,
}

impl Words<'_> {
    fn de(&self, id: &str) -> String {
        self.texts.text(GERMAN, id, &[])
    }

    fn other(&self, id: &str) -> Option<String> {
        self.second.map(|s| self.texts.text(s.locale, id, &[]))
    }

    fn label(&self, id: &str) -> (String, Option<String>) {
        (self.de(id), self.other(id))
    }

    /// "6. Dezember 2026" (and "6 December 2026" under it); the ISO text if it is none.
    fn date_cells(&self, iso: &str) -> Vec<Cell> {
        let Ok(date) = iso.parse::<Date>() else {
            return vec![Cell::plain(iso)];
        };
        let format = |locale: &str| {
            let month = self
                .texts
                .text(locale, &format!("procedure-month-{}", date.month()), &[]);
            self.texts.text(
                locale,
                "procedure-date",
                &[
                    ("day", TextArg::Int(i64::from(date.day()))),
                    ("month", TextArg::Int(i64::from(date.month()))),
                    ("monthName", TextArg::Str(&month)),
                    ("year", TextArg::Int(i64::from(date.year()))),
                ],
            )
        };
        let de = format(GERMAN);
        let other = self.second.map(|s| format(s.locale));
        with_other(
            Cell::plain(&de),
            other.filter(|o| layout::clean(o) != layout::clean(&de)),
        )
    }
}

/// A German text and, when given, its translation in small grey type under it.
fn with_other(cell: Cell, other: Option<String>) -> Vec<Cell> {
    let mut cells = vec![cell];
    if let Some(o) = other {
        cells.push(Cell::second(&o));
    }
    cells
}

fn items(
    doc: &mut Doc,
    w: &Words<'_>,
    items: &[SummaryItem],
    depth: u8,
) -> Result<(), PrintoutError> {
    for item in items {
        match item {
            SummaryItem::Row(row) => {
                let other = w.second.and_then(|s| s.rows.get(row.key.as_str()));
                let label = (row.label.clone(), other.map(|o| o.label.clone()));
                let mut cells: Vec<Cell> = Vec::new();
                for line in &row.value {
                    cells.push(Cell::plain(line));
                }
                // Choices, dates and "Not provided" read differently in the citizen's
                // language; what they typed themselves is the same and not repeated.
                if let Some(o) = other
                    && o.value
                        .iter()
                        .map(|v| layout::clean(v))
                        .ne(row.value.iter().map(|v| layout::clean(v)))
                {
                    for line in &o.value {
                        cells.push(Cell::second(line));
                    }
                }
                doc.row(depth, &label, &cells)?;
            }
            SummaryItem::Group {
                key,
                label,
                instances,
                ..
            } => {
                let other = w
                    .second
                    .and_then(|s| s.labels.get(key.as_str()))
                    .map(|l| (*l).to_owned());
                doc.heading(Style::Group, label, other)?;
                for (i, instance) in instances.iter().enumerate() {
                    if !instance.label.is_empty() {
                        let other = w
                            .second
                            .and_then(|s| s.instances.get(&(key.as_str(), i)))
                            .map(|l| (*l).to_owned());
                        doc.heading(Style::Instance, &instance.label, other)?;
                    }
                    self::items(doc, w, &instance.items, depth.saturating_add(1))?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isolation_marks_and_controls_never_reach_the_page() {
        assert_eq!(
            layout::clean("\u{2068}Bello\u{2069}\tund\u{202E}"),
            "Bello und"
        );
    }
}
