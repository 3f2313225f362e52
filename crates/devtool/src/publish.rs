//! `catalog sign`, `keygen` and `verify`: the publisher's side of docs/catalog-signing.md
//! over `amtsweg_catalog`. Signing refuses a catalog that `catalog check` finds errors
//! in, so a signature never vouches for a catalog the app would stumble over.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use amtsweg_catalog::{
    CatalogFiles, KeyId, TrustedKeys, VerifiedCatalog, format_signing_key, format_verifying_key,
    generate_signing_key, parse_signing_key, parse_verifying_key, sign,
};

use crate::DevError;
use crate::check::{Finding, check_folder};

/// What `sign` made.
#[derive(Debug)]
pub struct Signed {
    pub out: PathBuf,
    pub key_id: KeyId,
    pub sequence: u64,
    pub files: usize,
    pub bytes: usize,
    /// Warnings of the check (errors refuse signing).
    pub warnings: Vec<Finding>,
}

/// Checks the catalog folder `root`, then signs it with the secret key in `key_file` and
/// writes the package to `out` atomically (a temporary file beside it, renamed).
pub fn sign_folder(
    root: &Path,
    key_file: &Path,
    sequence: u64,
    out: &Path,
) -> Result<Signed, DevError> {
    let findings = check_folder(root)?;
    if findings.iter().any(Finding::is_error) {
        return Err(DevError::CheckFailed(findings));
    }
    let key_text = fs::read_to_string(key_file).map_err(|source| DevError::Read {
        path: key_file.to_owned(),
        source,
    })?;
    let key = parse_signing_key(&key_text)?;
    let files = CatalogFiles::from_folder(root)?;
    let package = sign(&files, sequence, &key);
    write_atomically(out, package.as_bytes())?;
    Ok(Signed {
        out: out.to_owned(),
        key_id: KeyId::of(&key.verifying_key()),
        sequence,
        files: files.len(),
        bytes: package.as_bytes().len(),
        warnings: findings,
    })
}

/// What `keygen` made.
#[derive(Debug)]
pub struct KeyPair {
    pub key_id: KeyId,
    pub secret: PathBuf,
    pub public: PathBuf,
    /// The public key as 64 hex digits, for `PRODUCTION_KEYS`.
    pub public_hex: String,
}

/// Makes a new publisher key pair in `dir`: `<name>.key` (the secret, mode 0600 from
/// creation on Unix) and `<name>.pub`. Never overwrites.
pub fn keygen(dir: &Path, name: &str) -> Result<KeyPair, DevError> {
    fs::create_dir_all(dir).map_err(|source| DevError::Write {
        path: dir.to_owned(),
        source,
    })?;
    let secret = dir.join(format!("{name}.key"));
    let public = dir.join(format!("{name}.pub"));
    for path in [&secret, &public] {
        if path.exists() {
            return Err(DevError::Exists { path: path.clone() });
        }
    }
    let key = generate_signing_key()?;
    let verifying = key.verifying_key();
    write_new(&secret, format_signing_key(&key).as_bytes(), true)?;
    let public_text = format_verifying_key(&verifying);
    write_new(&public, public_text.as_bytes(), false)?;
    Ok(KeyPair {
        key_id: KeyId::of(&verifying),
        secret,
        public,
        public_hex: public_text
            .lines()
            .find(|l| !l.starts_with('#'))
            .unwrap_or_default()
            .trim()
            .to_owned(),
    })
}

/// Verifies the package in `file` against the keys pinned in this build (the test key
/// only with the `test-trust` feature) plus the public key files `trust`, and against the last
/// sequence a device has seen.
pub fn verify_file(
    file: &Path,
    trust: &[PathBuf],
    last_sequence: Option<u64>,
) -> Result<VerifiedCatalog, DevError> {
    let bytes = fs::read(file).map_err(|source| DevError::Read {
        path: file.to_owned(),
        source,
    })?;
    let mut keys = TrustedKeys::pinned();
    for path in trust {
        let text = fs::read_to_string(path).map_err(|source| DevError::Read {
            path: path.clone(),
            source,
        })?;
        keys = keys.with(path.display().to_string(), parse_verifying_key(&text)?);
    }
    Ok(amtsweg_catalog::verify(&bytes, &keys, last_sequence)?)
}

/// What a verified package holds, as lines for the terminal.
pub fn describe(catalog: &VerifiedCatalog) -> Vec<String> {
    let files = catalog.files();
    let mut lines = vec![
        format!("key id:     {}", catalog.key_id()),
        format!("sequence:   {}", catalog.sequence()),
        format!("created:    {}", catalog.created()),
        format!("expires:    {}", catalog.expires()),
        format!(
            "files:      {} ({} bytes)",
            files.len(),
            files.total_bytes()
        ),
        format!(
            "procedures: {}",
            files
                .procedure_definitions()
                .map(|(p, _)| p
                    .trim_start_matches("procedures/")
                    .trim_end_matches(".json"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        format!("locales:    {}", files.locales().join(", ")),
    ];
    lines.push(match catalog.directory() {
        Ok(d) => format!("directory:  {} municipalities", d.municipalities().len()),
        Err(e) => format!("directory:  {e}"),
    });
    for (path, content) in files.iter() {
        lines.push(format!("  {path} ({} bytes)", content.len()));
    }
    lines
}

/// Writes `content` to a temporary file in `path`'s folder, flushes it to disk and
/// renames it over `path`, so a reader never sees half a package.
fn write_atomically(path: &Path, content: &[u8]) -> Result<(), DevError> {
    let write_error = |source| DevError::Write {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(write_error)?;
    file.write_all(content)
        .and_then(|()| file.as_file().sync_all())
        .map_err(write_error)?;
    file.persist(path).map_err(|e| write_error(e.error))?;
    Ok(())
}

/// Creates `path`, never overwriting; a secret gets mode 0600 from the start, so it is
/// never readable by others, not even briefly.
fn write_new(path: &Path, content: &[u8], secret: bool) -> Result<(), DevError> {
    let write_error = |source| DevError::Write {
        path: path.to_owned(),
        source,
    };
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options.open(path).map_err(write_error)?;
    file.write_all(content)
        .and_then(|()| file.sync_all())
        .map_err(write_error)
}
