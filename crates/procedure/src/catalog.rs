//! The catalog: loaded procedures and, per locale, a search index over their localized
//! titles and keywords. Search-as-you-type matches prefixes and substrings regardless of
//! case, accents and umlauts: "muell", "mull" and "Müll" all find "Sperrmüll".

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::ProcedureError;
use crate::procedure::Procedure;
use crate::texts::Texts;

/// One procedure in a list or a search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CatalogEntry {
    pub procedure_id: String,
    pub title: String,
    pub summary: String,
}

#[derive(Debug)]
struct IndexEntry {
    entry: CatalogEntry,
    /// Title and keywords folded two ways: umlauts as base letters ("mull") and
    /// spelled out ("muell"); a query matches either.
    title: [String; 2],
    keywords: [String; 2],
    sort_key: String,
}

/// The loaded procedures; immutable once built, cheap to share behind an `Arc`.
#[derive(Debug)]
pub struct Catalog {
    procedures: Vec<Procedure>,
    by_id: HashMap<String, usize>,
    /// Per locale, entries sorted by title.
    index: Vec<(String, Vec<IndexEntry>)>,
}

impl Catalog {
    /// Builds the catalog and its index for each of `locales` (the first is the fallback
    /// for a locale that was not indexed).
    pub fn new(
        procedures: Vec<Procedure>,
        texts: &dyn Texts,
        locales: &[&str],
    ) -> Result<Catalog, ProcedureError> {
        let mut by_id = HashMap::new();
        for (i, p) in procedures.iter().enumerate() {
            if by_id.insert(p.id.to_string(), i).is_some() {
                return Err(ProcedureError::DuplicateProcedure(p.id.to_string()));
            }
        }
        let index = locales
            .iter()
            .map(|&locale| {
                let mut entries: Vec<IndexEntry> = procedures
                    .iter()
                    .map(|p| {
                        let title = texts.text(locale, p.title.as_str(), &[]);
                        let keywords = p
                            .keywords
                            .as_ref()
                            .map(|k| texts.text(locale, k.as_str(), &[]))
                            .unwrap_or_default();
                        IndexEntry {
                            title: [fold(&title, false), fold(&title, true)],
                            keywords: [fold(&keywords, false), fold(&keywords, true)],
                            sort_key: fold(&title, false),
                            entry: CatalogEntry {
                                procedure_id: p.id.to_string(),
                                summary: texts.text(locale, p.start.summary.as_str(), &[]),
                                title,
                            },
                        }
                    })
                    .collect();
                entries.sort_by(|a, b| {
                    a.sort_key
                        .cmp(&b.sort_key)
                        .then(a.entry.procedure_id.cmp(&b.entry.procedure_id))
                });
                (locale.to_owned(), entries)
            })
            .collect();
        Ok(Catalog {
            procedures,
            by_id,
            index,
        })
    }

    /// Reads every file, then builds the catalog. Reports every bad file, not just the
    /// first, so a municipality fixes them in one go.
    pub fn load<'f>(
        files: impl IntoIterator<Item = (&'f str, &'f [u8])>,
        texts: &dyn Texts,
        locales: &[&str],
    ) -> Result<Catalog, Vec<ProcedureError>> {
        let mut procedures = Vec::new();
        let mut errors = Vec::new();
        for (name, bytes) in files {
            match Procedure::load(name, bytes) {
                Ok(p) => procedures.push(p),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Catalog::new(procedures, texts, locales).map_err(|e| vec![e])
    }

    pub fn get(&self, procedure_id: &str) -> Option<&Procedure> {
        self.by_id.get(procedure_id).map(|&i| &self.procedures[i])
    }

    pub fn procedures(&self) -> impl Iterator<Item = &Procedure> {
        self.procedures.iter()
    }

    pub fn len(&self) -> usize {
        self.procedures.len()
    }

    pub fn is_empty(&self) -> bool {
        self.procedures.is_empty()
    }

    fn entries(&self, locale: &str) -> &[IndexEntry] {
        self.index
            .iter()
            .find(|(l, _)| l == locale)
            .or(self.index.first())
            .map_or(&[], |(_, entries)| entries.as_slice())
    }

    /// Every procedure, sorted by its title in `locale`.
    pub fn list(&self, locale: &str) -> Vec<CatalogEntry> {
        self.entries(locale)
            .iter()
            .map(|e| e.entry.clone())
            .collect()
    }

    /// Procedures whose title or keywords contain every word of `query` (case-, accent-
    /// and umlaut-insensitive), best first: title starts with it, a title word starts
    /// with it, the title contains it, a keyword starts with it, a keyword contains it.
    pub fn search(&self, locale: &str, query: &str) -> Vec<CatalogEntry> {
        // Queries are short; a pasted essay is cut rather than scanned 600 times.
        let query: String = query.chars().take(100).collect();
        let words: Vec<String> = fold(&query, false)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        if words.is_empty() {
            return self.list(locale);
        }
        let mut hits: Vec<(u8, &IndexEntry)> = self
            .entries(locale)
            .iter()
            .filter_map(|e| {
                let mut worst = 0;
                for word in &words {
                    worst = worst.max(rank(e, word)?);
                }
                Some((worst, e))
            })
            .collect();
        // Stable: equal ranks stay in title order.
        hits.sort_by_key(|(rank, _)| *rank);
        hits.into_iter().map(|(_, e)| e.entry.clone()).collect()
    }
}

fn rank(e: &IndexEntry, word: &str) -> Option<u8> {
    let best = |fields: &[String; 2], base: u8| -> Option<u8> {
        fields
            .iter()
            .filter_map(|f| {
                if f.starts_with(word) {
                    Some(base)
                } else if f.split(' ').any(|w| w.starts_with(word)) {
                    Some(base + 1)
                } else if f.contains(word) {
                    Some(base + 2)
                } else {
                    None
                }
            })
            .min()
    };
    best(&e.title, 0).or_else(|| best(&e.keywords, 3).map(|r| r.max(3)))
}

/// Lower case, accents removed, ß as ss, punctuation as single spaces; `spell_out`
/// writes ä ö ü as ae oe ue (German convention) instead of a o u. Shared by every
/// search-as-you-type in Amtsweg (procedures here, municipalities in the catalog crate),
/// so that all of them match alike.
pub fn fold(text: &str, spell_out: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars().flat_map(char::to_lowercase) {
        let replacement = match c {
            'ä' if spell_out => Some("ae"),
            'ö' if spell_out => Some("oe"),
            'ü' if spell_out => Some("ue"),
            'ß' => Some("ss"),
            _ => None,
        };
        if let Some(r) = replacement {
            out.push_str(r);
            space = false;
            continue;
        }
        for d in c.nfd().filter(|d| !is_combining_mark(*d)) {
            if d.is_alphanumeric() {
                out.push(d);
                space = false;
            } else if !space {
                out.push(' ');
                space = true;
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folding() {
        assert_eq!(fold("Sperrmüll-Abholung", false), "sperrmull abholung");
        assert_eq!(fold("Sperrmüll-Abholung", true), "sperrmuell abholung");
        assert_eq!(fold("Straße", false), "strasse");
        assert_eq!(fold("Café  Crème!", false), "cafe creme");
        assert_eq!(fold("ÖFFNUNG", true), "oeffnung");
    }
}
