//! Named failpoints for the crash tests. Without the `failpoints` feature `hit` is an
//! empty inline function and the names cost nothing in shipped builds.

/// Marks a step of a save. With the feature, and when this name was armed with
/// [`arm`] for its n-th hit, prints `FAILPOINT <name>` on stdout and blocks the thread
/// for good, so a test can kill the process exactly there.
#[cfg(not(feature = "failpoints"))]
#[inline(always)]
pub(crate) fn hit(_name: &'static str) {}

#[cfg(feature = "failpoints")]
pub(crate) use armed::hit;

#[cfg(feature = "failpoints")]
pub use armed::{FileKeyStore, arm, test_payload};

#[cfg(feature = "failpoints")]
mod armed {
    use std::io::Write;
    use std::sync::Mutex;

    /// (name, hits left before it fires).
    static ARMED: Mutex<Option<(String, u64)>> = Mutex::new(None);

    /// Arms `name` to fire on its `nth` hit (1 = the first).
    pub fn arm(name: &str, nth: u64) {
        *ARMED.lock().unwrap_or_else(|e| e.into_inner()) = Some((name.to_owned(), nth));
    }

    pub(crate) fn hit(name: &'static str) {
        let fire = {
            let mut armed = ARMED.lock().unwrap_or_else(|e| e.into_inner());
            match armed.as_mut() {
                Some((armed_name, left)) if armed_name == name => {
                    *left = left.saturating_sub(1);
                    *left == 0
                }
                _ => false,
            }
        };
        if fire {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "FAILPOINT {name}");
            let _ = out.flush();
            drop(out);
            // Parked until the test's SIGKILL; `park` may wake spuriously, hence the loop.
            loop {
                std::thread::park();
            }
        }
    }

    /// The payload the crash child saves as version `seq` of draft `id`, shared with
    /// the test that checks it. Its length varies with `seq` (0.5 to 20 KiB, so a save
    /// spans several database pages) and every byte depends on (id, seq), so a torn
    /// or mixed version cannot pass for a whole one.
    pub fn test_payload(id: &str, seq: u64) -> Vec<u8> {
        let len = 512 + (seq.wrapping_mul(7919) % 20_000) as usize;
        let unit = format!("{id}:{seq};");
        unit.bytes().cycle().take(len).collect()
    }

    /// A key store in a file, for the re-keying crash tests: the child killed mid-switch
    /// and the test that checks what is left must share the store, which a test's
    /// Secret Service cannot be across a SIGKILL'd process as simply. Written like a
    /// keychain entry is replaced: whole or not at all (temporary file, fsync, rename).
    #[derive(Debug, Clone)]
    pub struct FileKeyStore(pub std::path::PathBuf);

    impl crate::KeyStore for FileKeyStore {
        fn load(&self) -> Result<Option<crate::VaultKeys>, crate::VaultError> {
            match std::fs::read_to_string(&self.0) {
                Ok(text) => crate::VaultKeys::from_secret_text(&text).map(Some),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(crate::VaultError::io(&self.0, e)),
            }
        }

        fn store(&self, keys: &crate::VaultKeys) -> Result<(), crate::VaultError> {
            let dir = self.0.parent().unwrap_or(std::path::Path::new("."));
            let io = |e| crate::VaultError::io(&self.0, e);
            let mut file = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
            file.write_all(keys.to_secret_text().as_bytes())
                .map_err(io)?;
            file.as_file().sync_all().map_err(io)?;
            file.persist(&self.0).map_err(|e| io(e.error))?;
            std::fs::File::open(dir)
                .and_then(|d| d.sync_all())
                .map_err(io)
        }

        fn delete(&self) -> Result<(), crate::VaultError> {
            match std::fs::remove_file(&self.0) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(crate::VaultError::io(&self.0, e)),
            }
        }
    }
}
