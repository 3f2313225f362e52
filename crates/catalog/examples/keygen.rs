//! Generates a catalog publisher key pair:
//!
//! ```sh
//! cargo run -p amtsweg-catalog --example keygen -- OUT_DIR [NAME]
//! ```
//!
//! writes `OUT_DIR/NAME.key` (the secret, readable by its owner only on Unix) and
//! `OUT_DIR/NAME.pub`, refuses to overwrite either, and prints the line that pins the
//! public key in `crates/catalog/src/keys.rs`. Run it on the machine that will sign, and
//! keep the secret there: see `docs/catalog-signing.md`.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use amtsweg_catalog::{KeyId, format_signing_key, format_verifying_key, generate_signing_key};

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: keygen OUT_DIR [NAME]   (NAME defaults to \"publisher\")");
        return ExitCode::from(2);
    };
    let name = args
        .next()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "publisher".to_owned());
    match run(&dir, &name) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("keygen: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path, name: &str) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let key = generate_signing_key().map_err(|e| e.to_string())?;
    let public = key.verifying_key();
    let secret_path = dir.join(format!("{name}.key"));
    let public_path = dir.join(format!("{name}.pub"));
    write_new(&secret_path, format_signing_key(&key).as_bytes(), true)?;
    write_new(
        &public_path,
        format_verifying_key(&public).as_bytes(),
        false,
    )?;

    let public_text = format_verifying_key(&public);
    let hex = hex_line(&public_text);
    println!("key id:      {}", KeyId::of(&public));
    println!(
        "secret key:  {}  (keep it here; never commit it)",
        secret_path.display()
    );
    println!("public key:  {}", public_path.display());
    println!();
    println!("To trust it, add this line to PRODUCTION_KEYS in crates/catalog/src/keys.rs:");
    println!("    (\"<who holds the secret>\", \"{hex}\"),");
    Ok(())
}

/// Creates `path` (never overwriting); a secret file gets mode 0600 from the start, so it
/// is never readable by others, not even briefly.
fn write_new(path: &Path, content: &[u8], secret: bool) -> Result<(), String> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options.open(path).map_err(|e| {
        format!(
            "cannot create {} (it must not exist yet): {e}",
            path.display()
        )
    })?;
    file.write_all(content)
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn hex_line(text: &str) -> &str {
    text.lines()
        .find(|l| !l.starts_with('#'))
        .unwrap_or_default()
}
