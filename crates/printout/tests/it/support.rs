//! Shared helpers: the real Fluent texts behind `Texts`, Poppler's tools.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use amtsweg_l10n::{Args, Localizer, Value};
use amtsweg_procedure::{TextArg, Texts};

/// What the shell does: `Texts` over `amtsweg_l10n::Localizer`, isolation marks and all
/// (the printout must remove them itself).
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
        self.0.format(locale, id, Some(&fluent))
    }
}

pub fn texts() -> &'static Fluent {
    static TEXTS: OnceLock<Fluent> = OnceLock::new();
    TEXTS.get_or_init(|| Fluent(Localizer::embedded()))
}

#[allow(dead_code)]
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Writes `pdf` to a temporary file and runs `tool args… file [-]`, returning stdout.
pub fn poppler(tool: &str, args: &[&str], pdf: &[u8], to_stdout: bool) -> String {
    let dir = std::env::temp_dir().join(format!(
        "amtsweg-printout-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("printout.pdf");
    std::fs::write(&file, pdf).expect("write pdf");
    let mut cmd = Command::new(tool);
    cmd.args(args).arg(&file);
    if to_stdout {
        cmd.arg("-");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) must be installed: {e}"));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

pub fn pdftotext(pdf: &[u8], args: &[&str]) -> String {
    poppler("pdftotext", args, pdf, true)
}
