//! `amtsweg-dev`, the project's developer tool. Arguments in, lines out; the work is in
//! the library (`amtsweg_dev`). Exit status: 0 done, 1 errors found or a refusal, 2 bad
//! arguments.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use amtsweg_dev::{DevError, Finding, check_folder, publish};
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "amtsweg-dev", version, about = "The Amtsweg developer tool")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check, sign and verify the catalog (procedures, their texts, the directory).
    #[command(subcommand)]
    Catalog(CatalogCommand),
}

#[derive(Debug, Subcommand)]
enum CatalogCommand {
    /// Lint every procedure definition and its texts in every locale; prints
    /// `file:line:column: error|warning: message` and fails on any error.
    Check {
        /// The catalog folder (holding procedures/ and locales/); default: the nearest
        /// folder upwards from here that has both.
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
    /// Check the catalog, then sign it into one package file.
    Sign {
        /// The publisher's secret key file (see `catalog keygen`).
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// Higher than the sequence of every catalog published before.
        #[arg(long, value_name = "N")]
        sequence: u64,
        /// Where to write the package (replaced atomically).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
    /// Make a new publisher key pair: DIR/NAME.key (secret, mode 0600) and DIR/NAME.pub.
    Keygen {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[arg(long, default_value = "publisher")]
        name: String,
    },
    /// Verify a package against the keys pinned in this build and print what it holds.
    Verify {
        file: PathBuf,
        /// Refuse the package unless its sequence is higher than N.
        #[arg(long, value_name = "N")]
        last_sequence: Option<u64>,
        /// Also trust this public key file (a key not pinned yet).
        #[arg(long, value_name = "PUBFILE")]
        trust: Vec<PathBuf>,
    },
}

/// `println!` that ends the program quietly when stdout is closed (`… | head`) instead of
/// panicking; status 141 as if killed by SIGPIPE, which Rust programs ignore.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(141);
            }
            eprintln!("amtsweg-dev: cannot write to standard output: {e}");
            std::process::exit(1);
        }
    }};
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Command::Catalog(command) = cli.command;
    match run(command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("amtsweg-dev: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: CatalogCommand) -> Result<ExitCode, DevError> {
    match command {
        CatalogCommand::Check { root } => {
            let root = catalog_root(root)?;
            let findings = check_folder(&root)?;
            let base = display_base(&root);
            print_findings(&findings, &base);
            let errors = findings.iter().filter(|f| f.is_error()).count();
            let warnings = findings.len() - errors;
            eprintln!("catalog check: {errors} error(s), {warnings} warning(s)");
            Ok(if errors > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        CatalogCommand::Sign {
            key,
            sequence,
            out,
            root,
        } => {
            let root = catalog_root(root)?;
            let signed = match publish::sign_folder(&root, &key, sequence, &out) {
                Ok(signed) => signed,
                Err(DevError::CheckFailed(findings)) => {
                    print_findings(&findings, &display_base(&root));
                    return Err(DevError::CheckFailed(findings));
                }
                Err(e) => return Err(e),
            };
            print_findings(&signed.warnings, &display_base(&root));
            say!(
                "signed {} files ({} bytes) with key {} as sequence {} into {}",
                signed.files,
                signed.bytes,
                signed.key_id,
                signed.sequence,
                signed.out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        CatalogCommand::Keygen { out, name } => {
            let pair = publish::keygen(&out, &name)?;
            say!("key id:      {}", pair.key_id);
            say!(
                "secret key:  {}  (keep it on the signing machine; never commit it)",
                pair.secret.display()
            );
            say!("public key:  {}", pair.public.display());
            say!("");
            say!("To trust it, add this line to PRODUCTION_KEYS in crates/catalog/src/keys.rs:");
            say!("    (\"<who holds the secret>\", \"{}\"),", pair.public_hex);
            Ok(ExitCode::SUCCESS)
        }
        CatalogCommand::Verify {
            file,
            last_sequence,
            trust,
        } => match publish::verify_file(&file, &trust, last_sequence) {
            Ok(catalog) => {
                say!("{}: verified", file.display());
                for line in publish::describe(&catalog) {
                    say!("{line}");
                }
                Ok(ExitCode::SUCCESS)
            }
            Err(DevError::Catalog(refusal)) => {
                say!("{}: refused: {refusal}", file.display());
                Ok(ExitCode::FAILURE)
            }
            Err(e) => Err(e),
        },
    }
}

fn print_findings(findings: &[Finding], base: &Path) {
    for finding in findings {
        say!("{}", finding.render(base));
    }
}

/// `--root`, else the nearest folder upwards from the current one with `procedures/`
/// and `locales/` (the repository root when run from anywhere inside it).
fn catalog_root(root: Option<PathBuf>) -> Result<PathBuf, DevError> {
    if let Some(root) = root {
        return Ok(root);
    }
    let here = std::env::current_dir().map_err(|source| DevError::Read {
        path: PathBuf::from("."),
        source,
    })?;
    here.ancestors()
        .find(|d| d.join("procedures").is_dir() && d.join("locales").is_dir())
        .map(Path::to_owned)
        .ok_or(DevError::NoCatalog(here))
}

/// The catalog folder as printed before each file: relative to the current folder when
/// inside it, so `procedures/x.json:3:5` is a path the terminal and editor can open.
fn display_base(root: &Path) -> PathBuf {
    let relative = std::env::current_dir().ok().and_then(|here| {
        let here = here.canonicalize().ok()?;
        let root = root.canonicalize().ok()?;
        root.strip_prefix(&here).ok().map(Path::to_owned)
    });
    relative.unwrap_or_else(|| root.to_owned())
}
