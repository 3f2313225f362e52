//! My details: the person and contact answers of a submitted application (the engine's
//! `DETAILS`: name, birth date and place, address, email, phone; nothing else), kept in
//! the vault when the citizen chose so, and filled into the next procedure that asks
//! them (`Drafts::start_with`), marked there, each page still the citizen's to continue.
//!
//! Opt-in: after the first submitted application the confirmation page asks once
//! ([`MyDetails::offer`]); the answer is remembered in the vault beside the details
//! (no asking again after "No", unless the citizen turns keeping on in My details).
//! While keeping is on, each submitted application updates them. They leave the
//! computer only in an application the citizen submits or in an export.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use amtsweg_procedure::{DETAILS, Details, is_detail};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::catalog::CatalogInUse;
use super::frame::Frame;
use super::vault::VaultSlot;
use crate::error::{AppError, LoggedCause};

/// The longest value kept (bytes): far more than any of the kept questions allows, a
/// bound on what an import file or the webview can make the app store.
const MAX_VALUE_BYTES: usize = 1024;

/// Whether My details are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Keeping {
    /// Never asked: the next confirmation page asks.
    NotAsked,
    On,
    /// The citizen said no, turned it off or deleted them: not asked again.
    Off,
}

/// One kept answer as My details shows it. `Debug` shows the value's size only.
#[derive(Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MyDetailsField {
    /// The answer's FIM path (`F00000045`, `G00000237.G00000113.F00000054`): the key
    /// of `save_my_details`.
    pub path: String,
    /// Its label in the citizen's language.
    pub label: String,
    pub hint: Option<String>,
    /// As typed; empty when none is kept.
    pub value: String,
    /// The HTML `autocomplete` token of its input, where HTML has one.
    pub autocomplete: Option<String>,
    /// Why the value given is not accepted (after `save_my_details`), in the citizen's
    /// language.
    pub error: Option<String>,
}

impl std::fmt::Debug for MyDetailsField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MyDetailsField")
            .field("path", &self.path)
            .field("value", &amtsweg_redact::Redacted(&self.value))
            .field("error", &self.error.is_some())
            .finish_non_exhaustive()
    }
}

/// The My details screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MyDetailsView {
    pub keeping: Keeping,
    /// Every answer My details may keep, in order, with its value or empty.
    pub fields: Vec<MyDetailsField>,
    /// How many are kept.
    pub kept: u32,
    /// Set when nothing can be kept on this computer (the drafts' vault is not open):
    /// why, in the citizen's language.
    pub unavailable: Option<String>,
}

/// What the confirmation page offers to keep: the answers of the application just
/// submitted that My details would keep, named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MyDetailsOffer {
    pub fields: Vec<MyDetailsField>,
}

/// What the vault keeps: the choice, and the details while keeping is on.
#[derive(Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Stored {
    keep: bool,
    #[serde(default)]
    details: Details,
}

impl std::fmt::Debug for MyDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MyDetails").finish_non_exhaustive()
    }
}

/// Parses a stored or imported payload and checks it holds only what My details may
/// keep: known paths, values of a sane size.
fn parse(payload: &[u8]) -> Result<Stored, &'static str> {
    let stored: Stored =
        serde_json::from_slice(payload).map_err(|_| "its details are not My details")?;
    if stored
        .details
        .iter()
        .any(|(path, value)| !is_detail(path) || value.len() > MAX_VALUE_BYTES)
    {
        return Err("its details hold answers My details never keep");
    }
    Ok(stored)
}

/// Whether the My details of an export file are ones this app could have written (the
/// import refuses the whole file otherwise, as it does a crafted draft).
pub(super) fn check_imported(payload: &[u8]) -> Result<(), &'static str> {
    parse(payload).map(|_| ())
}

/// My details: kept in the vault, offered once, filled into new drafts.
pub struct MyDetails {
    vault: Arc<VaultSlot>,
    catalog: Arc<CatalogInUse>,
    frame: Arc<Frame>,
    /// The details of the application submitted last in this session while the
    /// citizen was never asked: what the confirmation page offers to keep.
    offered: Mutex<Option<Details>>,
}

impl MyDetails {
    pub fn new(vault: Arc<VaultSlot>, catalog: Arc<CatalogInUse>, frame: Arc<Frame>) -> Self {
        Self {
            vault,
            catalog,
            frame,
            offered: Mutex::new(None),
        }
    }

    fn offered(&self) -> MutexGuard<'_, Option<Details>> {
        self.offered.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// What the vault keeps; `None` when the citizen was never asked. A record that
    /// fails its checks is logged and counts as none (it is replaced at the next save).
    fn stored(&self) -> Result<Option<Stored>, AppError> {
        let vault = self.vault.get()?;
        let Some(payload) = vault.open_details().inspect_err(|error| {
            tracing::warn!(error = %LoggedCause(error), "my-details-unreadable");
        })?
        else {
            return Ok(None);
        };
        Ok(parse(&payload)
            .inspect_err(|reason| tracing::warn!(reason, "my-details-malformed"))
            .ok())
    }

    fn store(&self, stored: &Stored) -> Result<(), AppError> {
        let payload = zeroize::Zeroizing::new(
            serde_json::to_vec(stored).map_err(|e| AppError::InvalidRequest(e.to_string()))?,
        );
        self.vault.get()?.save_details(&payload)?;
        Ok(())
    }

    fn fields(&self, details: &Details) -> Vec<MyDetailsField> {
        DETAILS
            .iter()
            .map(|d| MyDetailsField {
                path: d.path.to_owned(),
                label: self.frame.text(d.label, None),
                hint: (d.path == "F99000001")
                    .then(|| self.frame.text("my-details-date-of-birth-hint", None)),
                value: details.get(d.path).cloned().unwrap_or_default(),
                autocomplete: autocomplete(d.path).map(str::to_owned),
                error: None,
            })
            .collect()
    }

    /// The My details screen.
    pub fn view(&self) -> MyDetailsView {
        match self.stored() {
            Ok(stored) => self.view_of(stored.as_ref()),
            Err(error) => MyDetailsView {
                keeping: Keeping::NotAsked,
                fields: self.fields(&Details::new()),
                kept: 0,
                unavailable: Some(self.frame.message(&error)),
            },
        }
    }

    fn view_of(&self, stored: Option<&Stored>) -> MyDetailsView {
        let empty = Details::new();
        let details = stored.map_or(&empty, |s| &s.details);
        MyDetailsView {
            keeping: match stored {
                None => Keeping::NotAsked,
                Some(s) if s.keep => Keeping::On,
                Some(_) => Keeping::Off,
            },
            fields: self.fields(details),
            kept: u32::try_from(details.len()).unwrap_or(u32::MAX),
            unavailable: None,
        }
    }

    /// After "Submit" (with the application's details, read before it was frozen):
    /// while keeping is on they update My details (answers this procedure did not ask
    /// stay as they were); never asked: they are offered on the confirmation page;
    /// off: nothing. A failure is logged: the application was submitted all the same.
    pub fn submitted(&self, details: Details) {
        if details.is_empty() {
            return;
        }
        match self.stored() {
            Ok(Some(mut stored)) if stored.keep => {
                stored.details.extend(details);
                if let Err(error) = self.store(&stored) {
                    tracing::warn!(error = %LoggedCause(&error), "my-details-not-updated");
                }
            }
            Ok(None) => *self.offered() = Some(details),
            Ok(Some(_)) | Err(_) => {}
        }
    }

    /// What the confirmation page offers to keep: `None` unless an application was
    /// submitted in this session and the citizen was never asked.
    pub fn offer(&self) -> Option<MyDetailsOffer> {
        let offered = self.offered().clone()?;
        match self.stored() {
            Ok(None) => Some(MyDetailsOffer {
                fields: self
                    .fields(&offered)
                    .into_iter()
                    .filter(|f| !f.value.is_empty())
                    .collect(),
            }),
            _ => None,
        }
    }

    /// The answer to the offer, or the switch on the My details screen: on keeps the
    /// details offered (if any) from now on; off deletes whatever is kept and remembers
    /// not to ask again.
    pub fn set_keeping(&self, keep: bool) -> Result<MyDetailsView, AppError> {
        let offered = self.offered().take();
        let stored = if keep {
            let mut stored = self.stored()?.unwrap_or_default();
            stored.keep = true;
            stored.details.extend(offered.unwrap_or_default());
            stored
        } else {
            Stored::default()
        };
        self.store(&stored)?;
        tracing::info!(keep, "my-details-keeping");
        Ok(self.view_of(Some(&stored)))
    }

    /// The citizen's changes on the My details screen: every value checked with the
    /// rules of the procedures that ask it (`Session::check_detail`); when one is
    /// refused nothing is saved and the view names each problem. Empty values are not
    /// kept. Saving turns keeping on. Paths not in the engine's list are refused.
    pub fn save(&self, values: Details) -> Result<MyDetailsView, AppError> {
        if let Some((path, _)) = values
            .iter()
            .find(|(p, v)| !is_detail(p) || v.len() > MAX_VALUE_BYTES)
        {
            return Err(AppError::InvalidRequest(format!(
                "My details keep no answer {}",
                amtsweg_redact::Quoted(path)
            )));
        }
        let errors: Vec<(String, String)> = self.catalog.with_session(|s| {
            values
                .iter()
                .filter_map(|(path, value)| s.check_detail(path, value).map(|e| (path.clone(), e)))
                .collect()
        });
        if !errors.is_empty() {
            let mut view = self.view_of(self.stored()?.as_ref());
            for field in &mut view.fields {
                if let Some(value) = values.get(&field.path) {
                    field.value = value.clone();
                }
                field.error = errors
                    .iter()
                    .find(|(p, _)| *p == field.path)
                    .map(|(_, e)| e.clone());
            }
            return Ok(view);
        }
        let stored = Stored {
            keep: true,
            details: values
                .into_iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .collect(),
        };
        self.store(&stored)?;
        self.offered().take();
        tracing::info!(kept = stored.details.len(), "my-details-saved");
        Ok(self.view_of(Some(&stored)))
    }

    /// "Delete my details": the kept answers go, and keeping is off (not asked again
    /// until the citizen turns it on).
    pub fn delete(&self) -> Result<MyDetailsView, AppError> {
        self.set_keeping(false)
    }

    /// What a new draft is filled in with: the kept details while keeping is on, else
    /// none. A vault that cannot be read gives none (the draft starts empty).
    pub fn for_new_draft(&self) -> Details {
        match self.stored() {
            Ok(Some(stored)) if stored.keep => stored.details,
            _ => Details::new(),
        }
    }

    /// "Delete all my data": the offer of this session goes too (the vault's record
    /// goes with the vault).
    pub fn forget(&self) {
        self.offered().take();
    }
}

/// The HTML `autocomplete` token of each kept answer's input.
fn autocomplete(path: &str) -> Option<&'static str> {
    Some(match path {
        "F00000045" => "given-name",
        "F00000013" => "family-name",
        "F99000001" => "bday",
        "G00000237.G00000040.F00000053" => "address-line1",
        "G00000237.G00000040.F00000084" => "address-line2",
        "G00000237.G00000113.F00000054" => "postal-code",
        "G00000237.G00000113.F00000035" => "address-level2",
        "F99000002" => "email",
        "F99000003" => "tel",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_kept_value() {
        let field = MyDetailsField {
            path: "F00000013".into(),
            label: "Family name".into(),
            hint: None,
            value: "Mustermann".into(),
            autocomplete: None,
            error: Some("Enter it".into()),
        };
        let shown = format!(
            "{:?}",
            MyDetailsOffer {
                fields: vec![field]
            }
        );
        assert!(!shown.contains("Mustermann"), "{shown}");
        assert!(shown.contains("F00000013"), "{shown}");
    }

    #[test]
    fn a_payload_with_anything_but_kept_details_is_refused() {
        assert!(check_imported(br#"{"keep":true,"details":{"F00000045":"Erika"}}"#).is_ok());
        assert!(check_imported(br#"{"keep":false}"#).is_ok());
        for bad in [
            &br#"{"keep":true,"details":{"F99000014":"DE89370400440532013000"}}"#[..],
            br#"{"keep":true,"details":{},"more":1}"#,
            br#"not json"#,
        ] {
            assert!(check_imported(bad).is_err());
        }
        let long = format!(
            r#"{{"keep":true,"details":{{"F00000045":"{}"}}}}"#,
            "a".repeat(MAX_VALUE_BYTES + 1)
        );
        assert!(check_imported(long.as_bytes()).is_err());
    }
}
