//! The application as a PDF: "Download PDF" writes the citizen's copy where the OS save
//! dialog says, "Print" writes it into the print folder and hands it to the OS's viewer
//! (a webview's `window.print()` is unreliable on macOS). The recovery code prints the
//! same way.
//!
//! The print folder holds only what was made for printing: it lives in a memory-backed
//! place where the OS has one (`XDG_RUNTIME_DIR` on Linux), its files are the user's
//! alone (0600, the folder 0700), and it is emptied when Amtsweg quits and again at the
//! next start (for a quit that never came: a crash, a power cut). A viewer still showing
//! a file when Amtsweg quits keeps its open copy.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use amtsweg_l10n::Args;
use amtsweg_printout::{AttachmentLine, Copy, Facts};
use serde::Serialize;
use sha2::{Digest, Sha512};
use ts_rs::TS;

use super::attachments::Attachments;
use super::catalog::{CatalogInUse, FluentTexts};
use super::drafts::{Drafts, GERMAN, Printable};
use super::frame::Frame;
use crate::error::{AppError, LoggedCause};
use crate::host::{DialogPurpose, FileDialog, Host};

/// The print folder's name inside the memory-backed or temporary folder.
pub const PRINT_FOLDER_NAME: &str = "amtsweg-print";

/// Where PDFs made only for printing are written.
#[derive(Debug, Clone)]
pub struct PrintFolder {
    dir: PathBuf,
}

impl PrintFolder {
    /// The folder `dir` (it need not exist yet).
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// Where the OS keeps files in memory for this user (`XDG_RUNTIME_DIR` on Linux, a
    /// tmpfs), else the OS's temporary folder (per user on macOS and Windows).
    pub fn default_location() -> PathBuf {
        let runtime = if cfg!(target_os = "linux") {
            std::env::var_os("XDG_RUNTIME_DIR")
                .map(PathBuf::from)
                .filter(|dir| dir.is_absolute() && dir.is_dir())
        } else {
            None
        };
        runtime
            .unwrap_or_else(std::env::temp_dir)
            .join(PRINT_FOLDER_NAME)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Removes the folder and everything in it; a failure is logged (the files are the
    /// user's alone, and the next start tries again).
    pub fn clear(&self) {
        match std::fs::remove_dir_all(&self.dir) {
            Ok(()) => tracing::info!("print-folder-cleared"),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => tracing::warn!(error = %LoggedCause(&error), "print-folder-not-cleared"),
        }
    }

    /// Writes `bytes` as `file_name` into the folder (made if missing, the user's alone)
    /// and returns its path. A file of that name is replaced.
    pub fn write(&self, file_name: &str, bytes: &[u8]) -> Result<PathBuf, AppError> {
        self.make_folder()
            .map_err(|e| AppError::PrintoutWrite(e.to_string()))?;
        let path = self.dir.join(file_name);
        write_atomically(&path, bytes)?;
        Ok(path)
    }

    /// Makes the folder, 0700 on Unix. One that exists already must be a folder of its
    /// own (not a link somewhere else) that no one else may read: in a shared temporary
    /// folder another user could have made it first.
    fn make_folder(&self) -> std::io::Result<()> {
        if let Some(parent) = self.dir.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        match builder.create(&self.dir) {
            Ok(()) => return Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(error),
        }
        let metadata = std::fs::symlink_metadata(&self.dir)?;
        let shared = {
            #[cfg(unix)]
            {
                std::os::unix::fs::PermissionsExt::mode(&metadata.permissions()) & 0o077 != 0
            }
            #[cfg(not(unix))]
            {
                false
            }
        };
        if !metadata.is_dir() || shared {
            return Err(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "the print folder is not this user's alone",
            ));
        }
        Ok(())
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder that is renamed
/// into place: a crash or a full disk leaves the old file or none, never half a PDF.
/// The file is 0600 on Unix (tempfile makes it so).
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let failed = |e: std::io::Error| AppError::PrintoutWrite(e.to_string());
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new()
        .prefix(".amtsweg-")
        .suffix(".part")
        .tempfile_in(folder)
        .map_err(failed)?;
    file.write_all(bytes).map_err(failed)?;
    file.as_file().sync_all().map_err(failed)?;
    file.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}

/// What "Download PDF" or "Print" did, in the citizen's language (a polite status).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PrintoutDone {
    /// The PDF's file name, as written.
    pub file_name: String,
    pub message: String,
}

/// "Download PDF" and "Print": the application's PDF and the recovery code's. It reads
/// the draft through the drafts, the attachments' bytes for their SHA-512, the
/// municipality from the catalog in use, and asks the host for the dialog and the viewer.
pub struct Printouts {
    drafts: Arc<Drafts>,
    attachments: Arc<Attachments>,
    catalog: Arc<CatalogInUse>,
    frame: Arc<Frame>,
    host: Arc<dyn Host>,
    folder: PrintFolder,
}

impl std::fmt::Debug for Printouts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Printouts")
            .field("folder", &self.folder)
            .finish_non_exhaustive()
    }
}

impl Printouts {
    /// Empties the print folder first: what a crashed run left there goes now.
    pub fn new(
        drafts: Arc<Drafts>,
        attachments: Arc<Attachments>,
        catalog: Arc<CatalogInUse>,
        frame: Arc<Frame>,
        host: Arc<dyn Host>,
        folder: PrintFolder,
    ) -> Self {
        folder.clear();
        Self {
            drafts,
            attachments,
            catalog,
            frame,
            host,
            folder,
        }
    }

    /// The print folder in use.
    pub fn print_folder(&self) -> &PrintFolder {
        &self.folder
    }

    /// Amtsweg quits: the PDFs made for printing go with it.
    pub fn quit(&self) {
        self.folder.clear();
    }

    /// "Download PDF": the citizen's copy of draft `draft_id`, written where the OS save
    /// dialog says; `None` when the citizen cancels (nothing is written). The PDF is made
    /// before the dialog opens, so a failure shows before the citizen chooses a place.
    pub fn download(&self, draft_id: &str) -> Result<Option<PrintoutDone>, AppError> {
        let (pdf, file_name) = self.application(draft_id)?;
        self.save(&pdf, file_name)
    }

    /// Writes `pdf` where the OS save dialog says (`None`: cancelled, nothing written).
    fn save(&self, pdf: &[u8], file_name: String) -> Result<Option<PrintoutDone>, AppError> {
        let dialog = FileDialog {
            purpose: DialogPurpose::SavePrintout,
            title: self.frame.text("print-save-dialog-title", None),
            file_name: file_name.clone(),
            filter_name: self.frame.text("print-file-type", None),
            extensions: vec!["pdf".to_owned()],
        };
        let Some(path) = self.host.choose_file(&dialog)? else {
            return Ok(None);
        };
        write_atomically(&path, pdf)?;
        tracing::info!(bytes = pdf.len(), "printout-saved");
        let file_name = path
            .file_name()
            .map_or(file_name, |n| n.to_string_lossy().into_owned());
        Ok(Some(self.done("print-saved", file_name)))
    }

    /// "Print": the citizen's copy of draft `draft_id` written into the print folder and
    /// handed to the OS's viewer, which prints it.
    pub fn print(&self, draft_id: &str) -> Result<PrintoutDone, AppError> {
        let (pdf, file_name) = self.application(draft_id)?;
        self.open_for_printing(&pdf, file_name)
    }

    /// "Print" beside the recovery code, shown once: the UI sends the groups it shows
    /// (the code is stored nowhere); the PDF goes the way of [`Printouts::print`].
    pub fn print_recovery_code(&self, groups: &[String]) -> Result<PrintoutDone, AppError> {
        // Seven groups of four symbols: anything else is not a code the app showed.
        let well_formed = groups.len() == 7
            && groups
                .iter()
                .all(|g| g.len() == 4 && g.bytes().all(|b| b.is_ascii_alphanumeric()));
        if !well_formed {
            return Err(AppError::InvalidRequest(
                "a recovery code is seven groups of four letters or digits".into(),
            ));
        }
        let locale = self.frame.locale();
        let texts = FluentTexts(self.frame.l10n());
        let pdf = amtsweg_printout::render_recovery_code(groups, &locale, &texts)
            .map_err(|e| AppError::Printout(e.to_string()))?;
        let file_name = format!("{}.pdf", self.frame.text("print-recovery-file-name", None));
        self.open_for_printing(&pdf, safe_file_name(&file_name))
    }

    fn open_for_printing(&self, pdf: &[u8], file_name: String) -> Result<PrintoutDone, AppError> {
        let path = self.folder.write(&file_name, pdf)?;
        self.host.open_in_viewer(&path).map_err(AppError::Viewer)?;
        tracing::info!(bytes = pdf.len(), "printout-opened");
        Ok(self.done("print-opened", file_name))
    }

    fn done(&self, id: &str, file_name: String) -> PrintoutDone {
        let mut args = Args::new();
        args.set("file", file_name.clone());
        PrintoutDone {
            message: self.frame.text(id, Some(&args)),
            file_name,
        }
    }

    /// The citizen's copy of the draft as a PDF, and the name it is proposed under.
    fn application(&self, draft_id: &str) -> Result<(Vec<u8>, String), AppError> {
        let today = jiff::ZonedDateTime::now().date().to_string();
        let kept = self.keepsake(draft_id)?;
        let pdf = self.render(&kept, false, &Dates::of_application(&today))?;
        Ok((pdf, file_name_of(&kept.german.title, &today)))
    }

    /// The authority's copy (German only) of draft `draft_id` as it is submitted, dated
    /// `application_date`, with what the application takes from the same reading of the
    /// draft: its German title, its files and the keepsake for the citizen's copy.
    pub(super) fn authority_copy(
        &self,
        draft_id: &str,
        application_date: &str,
    ) -> Result<AuthorityCopy, AppError> {
        let kept = self.keepsake(draft_id)?;
        let pdf = self.render(&kept, true, &Dates::of_application(application_date))?;
        let keepsake = serde_json::to_vec(&kept)
            .map_err(|e| AppError::Printout(format!("the keepsake cannot be written: {e}")))?;
        Ok(AuthorityCopy {
            pdf,
            file_name: file_name_of(&kept.german.title, application_date),
            title: kept.german.title.clone(),
            files: kept.files,
            keepsake,
        })
    }

    /// The citizen's copy of a submitted application from what it kept (`keepsake`),
    /// with the case number and the time of receipt once known: "Download PDF" or, with
    /// `print`, "Print" in My applications. `None`: the citizen cancelled the dialog.
    pub(super) fn application_copy(
        &self,
        keepsake: &[u8],
        dates: &Dates,
        print: bool,
    ) -> Result<Option<PrintoutDone>, AppError> {
        let kept: Keepsake = serde_json::from_slice(keepsake).map_err(|_| {
            AppError::Printout("the application kept no readable copy of its answers".into())
        })?;
        let pdf = self.render(&kept, false, dates)?;
        let file_name = file_name_of(&kept.german.title, &dates.application);
        if print {
            return self.open_for_printing(&pdf, file_name).map(Some);
        }
        self.save(&pdf, file_name)
    }

    /// Everything a printout of draft `draft_id` shows, read once.
    fn keepsake(&self, draft_id: &str) -> Result<Keepsake, AppError> {
        let locale = self.frame.locale();
        let Printable {
            german,
            citizen,
            leika,
            files,
        } = self.drafts.printable(draft_id, &locale)?;
        let attachments = files
            .iter()
            .map(|file| {
                let bytes = self.attachments.bytes(&file.id)?;
                Ok(KeptAttachment {
                    sha512: hex::encode(Sha512::digest(&*bytes)),
                    name: file.name.clone(),
                    media_type: file.media_type.clone(),
                    size: file.size,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok(Keepsake {
            german,
            citizen,
            locale,
            municipality: self
                .catalog
                .municipality()
                .map(|m| m.name().to_owned())
                .unwrap_or_default(),
            leika,
            attachments,
            files,
        })
    }

    fn render(&self, kept: &Keepsake, authority: bool, dates: &Dates) -> Result<Vec<u8>, AppError> {
        let began = Instant::now();
        let facts = Facts {
            municipality: kept.municipality.clone(),
            procedure_title: kept.german.title.clone(),
            leika: kept.leika.clone(),
            application_date: dates.application.clone(),
            case_number: dates.case_number.clone(),
            received_at: dates.received_at.clone(),
            attachments: kept
                .attachments
                .iter()
                .map(|a| AttachmentLine {
                    name: a.name.clone(),
                    media_type: a.media_type.clone(),
                    size: a.size,
                    sha512: a.sha512.clone(),
                })
                .collect(),
        };
        let texts = FluentTexts(self.frame.l10n());
        let copy = match (&kept.citizen, authority) {
            (_, true) => Copy::Authority,
            (Some(summary), false) => Copy::Citizen {
                locale: &kept.locale,
                summary,
            },
            (None, false) => Copy::Citizen {
                locale: GERMAN,
                summary: &kept.german,
            },
        };
        let pdf = amtsweg_printout::render(&kept.german, &facts, copy, &texts)
            .map_err(|e| AppError::Printout(e.to_string()))?;
        tracing::info!(
            bytes = pdf.len(),
            ms = format_args!("{:.1}", began.elapsed().as_secs_f64() * 1000.0),
            "printout-made"
        );
        Ok(pdf)
    }
}

/// The dates a printout states: the application date, and once sent the case number and
/// when the municipality received it (as the citizen reads it).
#[derive(Debug, Clone, Default)]
pub(super) struct Dates {
    pub application: String,
    pub case_number: Option<String>,
    pub received_at: Option<String>,
}

impl Dates {
    fn of_application(date: &str) -> Self {
        Self {
            application: date.to_owned(),
            ..Self::default()
        }
    }
}

/// What an application keeps for its citizen's copy: the check page as it was at submit
/// (in German and in the citizen's language then), the municipality and the files'
/// lines. Kept inside the application in the vault (never sent), so "Download PDF"
/// in My applications works after the draft is gone and whatever the catalog becomes.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Keepsake {
    german: amtsweg_procedure::Summary,
    citizen: Option<amtsweg_procedure::Summary>,
    locale: String,
    municipality: String,
    leika: String,
    attachments: Vec<KeptAttachment>,
    /// Only while submitting (the application names its files by them).
    #[serde(skip)]
    files: Vec<amtsweg_procedure::FileRef>,
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct KeptAttachment {
    name: String,
    media_type: String,
    size: u64,
    sha512: String,
}

/// A draft's PDF and what else its printout read of it ([`Printouts::authority_copy`]).
pub(super) struct AuthorityCopy {
    pub pdf: Vec<u8>,
    pub file_name: String,
    /// The procedure's German title.
    pub title: String,
    pub files: Vec<amtsweg_procedure::FileRef>,
    /// What the application keeps for the citizen's copy ([`Keepsake`], JSON).
    pub keepsake: Vec<u8>,
}

fn file_name_of(german_title: &str, date: &str) -> String {
    safe_file_name(&format!("Antrag-{german_title}-{date}.pdf"))
}

/// `name` as a file name every OS takes: letters (umlauts too), digits, `.`, `-` and `_`
/// kept, anything else (spaces, slashes, Fluent's isolation marks) a single `-`, at most
/// 80 characters before the extension.
fn safe_file_name(name: &str) -> String {
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    let mut safe = String::new();
    for c in stem.chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            safe.push(c);
        } else if !safe.ends_with('-') && !safe.is_empty() {
            safe.push('-');
        }
    }
    let mut safe: String = safe.trim_end_matches('-').chars().take(80).collect();
    if safe.is_empty() {
        safe.push_str("Amtsweg");
    }
    if !extension.is_empty() {
        safe.push('.');
        safe.push_str(extension);
    }
    safe
}
