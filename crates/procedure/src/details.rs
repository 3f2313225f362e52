//! My details: the person and contact answers a citizen may keep for the next procedure.
//!
//! [`DETAILS`] is the one list of what may be kept: each an answer path of FIM ids (a
//! top-level question, or a question in the applicant's address group `G00000237`),
//! asked by the bundled procedures with the same kind and checks, so a value kept from
//! one procedure is valid in another (`tests::every_kept_detail_means_the_same_everywhere`).
//! Nothing else is ever kept: no bank details, no dogs, no business data. Left out on
//! purpose: the nationality (the procedures offer different code lists, so a kept code
//! could be refused elsewhere) and the same FIM ids inside other groups (a previous
//! keeper's name, a business's premises are not the citizen's own).
//!
//! The engine only reads and writes answers here; where My details are kept is the
//! app's business.

use std::collections::{BTreeMap, BTreeSet};

use crate::answer::{self, Answer, Answers};
use crate::eval::Issue;
use crate::procedure::{Field, Procedure};
use crate::rule::NodeId;
use crate::session::{Draft, Session};
use crate::view;

/// One answer My details may keep: its path of FIM ids (dot-separated, groups first) and
/// the Fluent id of its label on the My details screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detail {
    pub path: &'static str,
    pub label: &'static str,
}

/// Everything My details may keep, in the order the My details screen shows it.
pub const DETAILS: [Detail; 12] = [
    Detail {
        path: "F00000045",
        label: "my-details-given-names",
    },
    Detail {
        path: "F00000013",
        label: "my-details-family-name",
    },
    Detail {
        path: "F00000014",
        label: "my-details-birth-name",
    },
    Detail {
        path: "F99000001",
        label: "my-details-date-of-birth",
    },
    Detail {
        path: "F00000067",
        label: "my-details-place-of-birth",
    },
    Detail {
        path: "G00000237.G00000040.F00000053",
        label: "my-details-street",
    },
    Detail {
        path: "G00000237.G00000040.F00000016",
        label: "my-details-house-number",
    },
    Detail {
        path: "G00000237.G00000040.F00000084",
        label: "my-details-address-addition",
    },
    Detail {
        path: "G00000237.G00000113.F00000054",
        label: "my-details-postcode",
    },
    Detail {
        path: "G00000237.G00000113.F00000035",
        label: "my-details-town",
    },
    Detail {
        path: "F99000002",
        label: "my-details-email",
    },
    Detail {
        path: "F99000003",
        label: "my-details-phone",
    },
];

/// Kept answers by path ([`Detail::path`]), each as typed.
pub type Details = BTreeMap<String, String>;

/// Whether `path` is one My details may keep.
pub fn is_detail(path: &str) -> bool {
    DETAILS.iter().any(|d| d.path == path)
}

/// The field `path` names in `procedure`, if the procedure asks it: the top-level
/// question, then down the (non-repeating) groups.
pub(crate) fn field_at<'p>(procedure: &'p Procedure, path: &str) -> Option<(NodeId, &'p Field)> {
    let mut parts = path.split('.');
    let first = parts.next()?;
    let mut node = procedure
        .pages
        .iter()
        .flat_map(|p| p.items.iter().copied())
        .find(|&n| procedure.nodes[n].key == first)?;
    for part in parts {
        let group = procedure.nodes[node].group()?;
        if group.repeatable() {
            return None;
        }
        node = group
            .children
            .iter()
            .copied()
            .find(|&c| procedure.nodes[c].key == part)?;
    }
    procedure.nodes[node].field().map(|f| (node, f))
}

/// The raw text answer at `path` in `answers` (first instance of each group).
fn text_at<'a>(answers: &'a Answers, path: &str) -> Option<&'a str> {
    let mut parts = path.split('.').peekable();
    let mut here = answers;
    while let Some(part) = parts.next() {
        match (here.get(part)?, parts.peek()) {
            (Answer::Text(text), None) => return Some(text),
            (Answer::Group(instances), Some(_)) => here = instances.first()?,
            _ => return None,
        }
    }
    None
}

/// Puts `text` at `path` into `answers`, making the groups on the way (one instance).
fn put_text(answers: &mut Answers, path: &str, text: String) {
    match path.split_once('.') {
        None => {
            answers.insert(path.to_owned(), Answer::Text(text));
        }
        Some((group, rest)) => {
            let entry = answers
                .entry(group.to_owned())
                .or_insert_with(|| Answer::Group(vec![Answers::new()]));
            if let Answer::Group(instances) = entry {
                if instances.is_empty() {
                    instances.push(Answers::new());
                }
                put_text(&mut instances[0], rest, text);
            }
        }
    }
}

impl Session<'_> {
    /// Whether `text` is a valid, non-empty answer to `field` of `procedure`.
    fn valid(&self, procedure: &Procedure, field: &Field, text: &str) -> bool {
        let answer = Answer::Text(text.to_owned());
        matches!(
            answer::derive(procedure, field, Some(&answer), self.today()),
            Ok(Some(_))
        )
    }

    /// The answers of `draft` that My details may keep: each valid and not empty.
    pub fn details_of(&self, draft: &Draft) -> Details {
        let Some(procedure) = self.catalog().get(draft.procedure_id()) else {
            return Details::new();
        };
        DETAILS
            .iter()
            .filter_map(|d| {
                let (_, field) = field_at(procedure, d.path)?;
                let text = text_at(draft.answers(), d.path)?;
                self.valid(procedure, field, text)
                    .then(|| (d.path.to_owned(), text.to_owned()))
            })
            .collect()
    }

    /// Fills the questions of a new `draft` that `details` answer (each only when its
    /// value is valid for this procedure's question) and marks their top-level answers
    /// as filled in from My details ([`view::PageView::from_my_details`]). Returns how
    /// many answers were filled in. Only paths of [`DETAILS`] are read.
    pub fn prefill(&self, draft: &mut Draft, details: &Details) -> usize {
        let Some(procedure) = self.catalog().get(draft.procedure_id()) else {
            return 0;
        };
        let mut filled = 0;
        let mut answers = Answers::new();
        let mut roots = BTreeSet::new();
        for d in &DETAILS {
            let (Some(text), Some((_, field))) = (details.get(d.path), field_at(procedure, d.path))
            else {
                continue;
            };
            if !self.valid(procedure, field, text) {
                continue;
            }
            put_text(&mut answers, d.path, text.clone());
            roots.insert(d.path.split('.').next().unwrap_or(d.path).to_owned());
            filled += 1;
        }
        draft.fill_from_my_details(answers, roots);
        filled
    }

    /// Checks one value the citizen gives My details with the checks of the first
    /// bundled procedure (by id) that asks it: `None` when valid or empty, else the
    /// error message in the session's language. A path not in [`DETAILS`] or asked by no
    /// procedure: `Some` of the generic message.
    pub fn check_detail(&self, path: &str, text: &str) -> Option<String> {
        if text.trim().is_empty() {
            return None;
        }
        let mut procedures: Vec<&Procedure> = self.catalog().procedures().collect();
        procedures.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
        let Some((procedure, node, field)) = is_detail(path)
            .then(|| {
                procedures
                    .into_iter()
                    .find_map(|p| field_at(p, path).map(|(n, f)| (p, n, f)))
            })
            .flatten()
        else {
            return Some(self.localize().get("validation-invalid"));
        };
        let answer = Answer::Text(text.to_owned());
        match answer::derive(procedure, field, Some(&answer), self.today()) {
            Ok(_) => None,
            Err(problem) => Some(
                view::error_text(procedure, node, &Issue::Problem(problem), self.localize())
                    .message,
            ),
        }
    }
}

#[cfg(test)]
mod tests;
