//! The vault's keys in the operating system's keychain: the Secret Service on Linux
//! (gnome-keyring, KWallet), the login keychain on macOS, the Credential Manager on
//! Windows, through the `keyring` crate (on Windows its successor's store,
//! `windows-native-keyring-store`, which can keep the entry on this computer: see
//! [`WINDOWS_CREDENTIAL_MODIFIERS`]).
//!
//! Both keys live in **one** entry (service [`APP_SERVICE`], account [`KEYS_ACCOUNT`])
//! holding [`VaultKeys::to_secret_text`]: one write stores both or neither, so the
//! keychain never holds a data key without its signing key. On Linux the entry is the
//! Secret Service item with the attributes `service`, `username` (the account) and
//! `target` = `default`, in the default collection; `secret-tool lookup service
//! de.amtsweg.client username vault-keys target default` prints it.
//!
//! # Threads
//!
//! Every function here blocks until the keychain answered (a Secret Service unlock
//! prompt can take as long as the citizen needs). Call them from
//! `tokio::task::spawn_blocking` or a thread of their own, never on the UI thread.
//! Calling them from inside an async runtime is safe, though it blocks that worker:
//! keyring's Linux store drives D-Bus on a tokio runtime of its own (zbus's `block_on`),
//! which panics inside another runtime and can deadlock on a runtime's main thread
//! (keyring's docs), so each call runs on a short-lived thread that belongs to no
//! runtime.

use std::error::Error as StdError;
use std::thread;

#[cfg(not(target_os = "windows"))]
use keyring::{Entry, Error as KeyringError};
#[cfg(target_os = "windows")]
use keyring_core::{Entry, Error as KeyringError};
use zeroize::Zeroizing;

use crate::{VaultError, VaultKeys};

/// The service name of the app's entry (on Windows part of the credential's target
/// name, on macOS the keychain item's service).
pub const APP_SERVICE: &str = "de.amtsweg.client";

/// The account (keyring's "user") of the entry that holds the vault's keys.
pub const KEYS_ACCOUNT: &str = "vault-keys";

/// How the entry is made in the Windows Credential Manager: `Local` persistence
/// (`CRED_PERSIST_LOCAL_MACHINE`), so the key stays on this computer. keyring 3.x wrote
/// every credential with `Enterprise` persistence, which roams with the citizen's profile
/// to the domain's server (a PC in a library or town hall), where the vault, kept in the
/// local, not the roaming, data folder ([`crate::Vault::default_dir`]), never goes. Only
/// used on Windows; a constant so every platform's tests can check the choice.
pub const WINDOWS_CREDENTIAL_MODIFIERS: [(&str, &str); 1] = [("persistence", "Local")];

/// The most a Windows credential blob may hold (`CRED_MAX_CREDENTIAL_BLOB_SIZE`).
pub const WINDOWS_CREDENTIAL_LIMIT: usize = 2560;

/// The vault's entry in the OS keychain. Holds no secret itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keychain {
    service: String,
}

impl Keychain {
    /// The keychain entry under `service`. Tests use a service of their own so they never
    /// touch the app's entry; the app uses [`Keychain::for_app`]. macOS refuses an empty
    /// service: every call then fails with [`VaultError::Keychain`].
    pub fn new(service: impl Into<String>) -> Keychain {
        Keychain {
            service: service.into(),
        }
    }

    /// The app's own entry ([`APP_SERVICE`]).
    pub fn for_app() -> Keychain {
        Keychain::new(APP_SERVICE)
    }

    /// The service name this entry lives under.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// `service/account`, how errors and logs name the entry.
    pub fn entry_name(&self) -> String {
        format!("{}/{KEYS_ACCOUNT}", self.service)
    }

    /// The keys stored in the keychain, or `None` when there is no entry.
    ///
    /// An entry that is not a key written by [`Keychain::store`] (not UTF-8, not the
    /// format) is [`VaultError::KeyDamaged`]: it is reported, never replaced here, so a
    /// caller cannot silently lose the key to existing drafts.
    pub fn load(&self) -> Result<Option<VaultKeys>, VaultError> {
        let secret = off_async_runtime(|| self.entry()?.get_secret().map(Zeroizing::new))?;
        let bytes = match secret {
            Ok(bytes) => bytes,
            Err(KeyringError::NoEntry) => return Ok(None),
            Err(err) => return Err(classify(err)),
        };
        let damaged = |reason: &str| {
            // The reason is ours and fixed; the entry's content is never logged.
            tracing::warn!(entry = %self.entry_name(), reason, "keychain entry is not a vault key");
            VaultError::KeyDamaged {
                entry: self.entry_name(),
            }
        };
        let text = std::str::from_utf8(&bytes).map_err(|_| damaged("not UTF-8"))?;
        // Parsing fails only on what the text holds, so every failure means damaged.
        match VaultKeys::from_secret_text(text) {
            Ok(keys) => Ok(Some(keys)),
            Err(VaultError::KeyFormat(reason)) => Err(damaged(reason)),
            Err(_) => Err(damaged("not in the vault key format")),
        }
    }

    /// Stores `keys`, replacing what the entry held.
    pub fn store(&self, keys: &VaultKeys) -> Result<(), VaultError> {
        let text = keys.to_secret_text();
        // Bytes, not `set_password`: Windows would store a password as UTF-16 (twice the
        // size), and the bytes read back by `load` are exactly the ones written here.
        off_async_runtime(|| self.entry()?.set_secret(text.as_bytes()))?.map_err(classify)
    }

    /// Removes the entry. An entry that is not there is not an error.
    pub fn delete(&self) -> Result<(), VaultError> {
        match off_async_runtime(|| self.entry()?.delete_credential())? {
            Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
            Err(err) => Err(classify(err)),
        }
    }

    /// Whether the keychain is locked, found out without asking the citizen anything (no
    /// unlock prompt, unlike [`Keychain::load`]): so it can be asked every second while
    /// the vault waits for the citizen to unlock it. `None` where the platform cannot
    /// tell without a prompt (macOS, Windows: there the citizen retries), or when no
    /// keychain answers.
    pub fn is_locked(&self) -> Option<bool> {
        #[cfg(target_os = "linux")]
        {
            off_async_runtime(default_collection_locked).ok().flatten()
        }
        #[cfg(not(target_os = "linux"))]
        {
            None
        }
    }

    #[cfg(not(target_os = "windows"))]
    fn entry(&self) -> Result<Entry, KeyringError> {
        Entry::new(&self.service, KEYS_ACCOUNT)
    }

    /// The Credential Manager entry with [`WINDOWS_CREDENTIAL_MODIFIERS`]. The store's
    /// default naming (`vault-keys.de.amtsweg.client`) is keyring 3.x's.
    #[cfg(target_os = "windows")]
    fn entry(&self) -> Result<Entry, KeyringError> {
        use keyring_core::api::CredentialStoreApi;
        let modifiers = WINDOWS_CREDENTIAL_MODIFIERS.into_iter().collect();
        windows_native_keyring_store::Store::new()?.build(
            &self.service,
            KEYS_ACCOUNT,
            Some(&modifiers),
        )
    }
}

/// The Secret Service's `Locked` property of the default collection (where keyring keeps
/// the entry), read on a runtime of this thread's own (see "Threads").
#[cfg(target_os = "linux")]
fn default_collection_locked() -> Option<bool> {
    use secret_service::{EncryptionType, SecretService};
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .ok()?;
    runtime.block_on(async {
        let service = SecretService::connect(EncryptionType::Plain).await.ok()?;
        let collection = service.get_default_collection().await.ok()?;
        collection.is_locked().await.ok()
    })
}

/// Runs `op` on a new thread and waits for it (see "Threads" above). A thread that cannot
/// be started is an error; a panic in `op` continues in the caller.
fn off_async_runtime<T: Send>(op: impl FnOnce() -> T + Send) -> Result<T, VaultError> {
    thread::scope(|scope| {
        let handle = thread::Builder::new()
            .name("amtsweg-keychain".into())
            .spawn_scoped(scope, op)
            .map_err(|e| VaultError::Keychain(format!("cannot start a thread for it: {e}")))?;
        match handle.join() {
            Ok(value) => Ok(value),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// What a keyring error means for the citizen. keyring sorts failures only into "no
/// storage access" and "platform failure"; whether the keychain is locked or access was
/// refused is in the platform's error below it. keyring boxes that as `dyn Error`, and
/// naming its types would tie this crate to keyring's private dependency versions, so
/// the platforms' own stable identifiers are read from its text instead:
///
/// - Linux (secret-service 4): "object locked" and "prompt dismissed" (an unlock prompt
///   that could not be shown or was cancelled) mean locked; D-Bus's
///   `org.freedesktop.DBus.Error.AccessDenied` means denied (a sandbox or policy). The
///   real-keyring tests pin the locked case.
/// - macOS: the `OSStatus` in security-framework's `Debug` (`code: -25308`,
///   errSecInteractionNotAllowed) means locked; -25293 (errSecAuthFailed) and -128
///   (errSecUserCanceled) mean the citizen refused access in the dialog.
/// - Windows: error 5 (`ERROR_ACCESS_DENIED`) means denied.
///
/// Everything else the platform reports means no usable keychain (no Secret Service on
/// the bus, no logon session, no keychain file). secret-service's "result not returned"
/// is said in plain words: the Secret Service runs but has no default collection, as
/// with gnome-keyring started outside a desktop login (keyring looks there even to find
/// an entry, so loading fails too).
fn classify(err: KeyringError) -> VaultError {
    match err {
        KeyringError::NoStorageAccess(cause) | KeyringError::PlatformFailure(cause) => {
            let cause: &(dyn StdError + 'static) = cause.as_ref();
            let text = cause_chain(cause);
            match platform_reason(&text, &format!("{cause:?}")) {
                Reason::Locked => VaultError::KeychainLocked,
                Reason::Denied => VaultError::KeychainDenied(text),
                Reason::NoDefaultCollection => VaultError::KeychainUnavailable(
                    "the Secret Service has no default keyring (collection) to keep the key in"
                        .into(),
                ),
                Reason::Other => VaultError::KeychainUnavailable(text),
            }
        }
        // `load` reads bytes and decodes them itself; kept for completeness. The bytes
        // in the error are never formatted.
        KeyringError::BadEncoding(_) => VaultError::Keychain("the entry is not text".into()),
        KeyringError::Ambiguous(items) => VaultError::Keychain(format!(
            "{} keychain entries match the vault's; remove the extra ones",
            items.len()
        )),
        KeyringError::TooLong(attribute, limit) => VaultError::Keychain(format!(
            "the {attribute} is longer than the limit of {limit}"
        )),
        KeyringError::Invalid(attribute, reason) => {
            VaultError::Keychain(format!("the {attribute} is invalid: {reason}"))
        }
        // `NoEntry` is handled by each caller; future variants keep keyring's words.
        other => VaultError::Keychain(other.to_string()),
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Reason {
    Locked,
    Denied,
    NoDefaultCollection,
    Other,
}

/// See [`classify`]: `text` is the cause chain's messages, `debug` the cause's `Debug`.
fn platform_reason(text: &str, debug: &str) -> Reason {
    const LOCKED: [&str; 2] = ["SS Error: object locked", "SS error: prompt dismissed"];
    const DENIED: [&str; 2] = [
        "org.freedesktop.DBus.Error.AccessDenied",
        "Windows error code 5",
    ];
    const MACOS_LOCKED: [i32; 1] = [-25308];
    const MACOS_DENIED: [i32; 2] = [-25293, -128];
    if LOCKED.iter().any(|m| mentions(text, m)) {
        return Reason::Locked;
    }
    if DENIED.iter().any(|m| mentions(text, m)) {
        return Reason::Denied;
    }
    if mentions(text, "SS error: result not returned from SS API") {
        return Reason::NoDefaultCollection;
    }
    match os_status(debug) {
        Some(code) if MACOS_LOCKED.contains(&code) => Reason::Locked,
        Some(code) if MACOS_DENIED.contains(&code) => Reason::Denied,
        _ => Reason::Other,
    }
}

/// Whether `text` contains `marker` as a whole: "Windows error code 50" does not mention
/// error 5, nor `…Error.AccessDeniedSomething` the D-Bus name.
fn mentions(text: &str, marker: &str) -> bool {
    text.match_indices(marker).any(|(at, _)| {
        !text[at + marker.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '.')
    })
}

/// The `OSStatus` in security-framework's `Debug` form `Error { code: -25308, … }`.
fn os_status(debug: &str) -> Option<i32> {
    let rest = debug.strip_prefix("Error { code: ")?;
    let end = rest.find(|c: char| c != '-' && !c.is_ascii_digit())?;
    rest[..end].parse().ok()
}

/// The error's message and its sources', joined by ": ", repeats left out (zbus and
/// secret-service often repeat their cause in their own message).
fn cause_chain(err: &(dyn StdError + 'static)) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let message = cause.to_string();
        if !text.contains(&message) {
            text.push_str(": ");
            text.push_str(&message);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Platform(&'static str);

    impl std::fmt::Display for Platform {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    impl StdError for Platform {}

    /// security-framework's error: `Debug` carries the code, `Display` a message.
    struct MacError(i32);

    impl std::fmt::Debug for MacError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("Error")
                .field("code", &self.0)
                .field("message", &"…")
                .finish()
        }
    }

    impl std::fmt::Display for MacError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a localized macOS message")
        }
    }

    impl StdError for MacError {}

    fn no_access(message: &'static str) -> KeyringError {
        KeyringError::NoStorageAccess(Box::new(Platform(message)))
    }

    fn failure(message: &'static str) -> KeyringError {
        KeyringError::PlatformFailure(Box::new(Platform(message)))
    }

    /// Windows CI alone shows the Credential Manager writing the entry; what every
    /// platform can check is the persistence the code asks it for.
    #[test]
    fn the_windows_credential_stays_on_this_computer() {
        let persistence: Vec<String> = WINDOWS_CREDENTIAL_MODIFIERS
            .iter()
            .filter(|(name, _)| *name == "persistence")
            .map(|(_, value)| value.to_ascii_lowercase())
            .collect();
        // "local" is CRED_PERSIST_LOCAL_MACHINE; "enterprise" (keyring 3.x's only choice
        // and the store's default) roams with the profile, "session" ends at log-off.
        assert_eq!(persistence, ["local"]);
    }

    /// Windows only: the Credential Manager keeps the stored entry with the persistence
    /// asked for (`windows-native-keyring-store` reads it back as an attribute).
    #[cfg(target_os = "windows")]
    #[test]
    fn on_windows_the_stored_entry_does_not_roam() {
        let keychain = Keychain::new("de.amtsweg.client.test-persistence");
        let keys = VaultKeys::generate().expect("keys");
        keychain.store(&keys).expect("stored");
        let attributes = keychain.entry().and_then(|entry| entry.get_attributes());
        keychain.delete().expect("deleted");
        let attributes = attributes.expect("attributes");
        assert_eq!(
            attributes.get("persistence").map(String::as_str),
            Some("Local")
        );
    }

    /// Windows only: the vault's folder is under `%LOCALAPPDATA%`, not the roaming
    /// `%APPDATA%` (on Linux and macOS both are one folder, so only Windows can tell).
    #[cfg(target_os = "windows")]
    #[test]
    fn on_windows_the_vault_folder_is_the_local_one() {
        let local = std::env::var_os("LOCALAPPDATA").expect("LOCALAPPDATA");
        let dir = crate::Vault::default_dir().expect("a data folder");
        assert!(
            dir.starts_with(&local),
            "{} is not under {}",
            dir.display(),
            std::path::Path::new(&local).display()
        );
    }

    #[test]
    fn the_stored_secret_is_far_under_the_windows_credential_limit() {
        let keys = VaultKeys::generate().expect("keys");
        let stored = keys.to_secret_text();
        // What `store` hands to keyring. A quarter of the limit leaves room for a later
        // format and would hold even if it were ever stored as UTF-16.
        assert!(
            stored.len() * 4 <= WINDOWS_CREDENTIAL_LIMIT,
            "{} bytes for a limit of {WINDOWS_CREDENTIAL_LIMIT}",
            stored.len()
        );
    }

    #[test]
    fn a_locked_secret_service_is_reported_as_locked() {
        // secret-service 4's messages for `Error::Locked` and `Error::Prompt`.
        assert!(matches!(
            classify(no_access("SS Error: object locked")),
            VaultError::KeychainLocked
        ));
        assert!(matches!(
            classify(no_access("SS error: prompt dismissed")),
            VaultError::KeychainLocked
        ));
    }

    #[test]
    fn access_denied_names_the_platform_cause() {
        let err = classify(failure(
            "zbus error: org.freedesktop.DBus.Error.AccessDenied: not allowed in this sandbox",
        ));
        assert!(
            matches!(&err, VaultError::KeychainDenied(text) if text.contains("sandbox")),
            "{err:?}"
        );
        assert!(matches!(
            classify(failure("Windows error code 5")),
            VaultError::KeychainDenied(_)
        ));
        assert!(matches!(
            classify(failure("Windows error code 50")),
            VaultError::KeychainUnavailable(_)
        ));
    }

    #[test]
    fn macos_status_codes_are_read_from_the_error() {
        let mac = |code| KeyringError::PlatformFailure(Box::new(MacError(code)));
        assert!(matches!(classify(mac(-25308)), VaultError::KeychainLocked));
        assert!(matches!(
            classify(mac(-25293)),
            VaultError::KeychainDenied(_)
        ));
        assert!(matches!(classify(mac(-128)), VaultError::KeychainDenied(_)));
        assert!(matches!(
            classify(mac(-25291)),
            VaultError::KeychainUnavailable(_)
        ));
    }

    #[test]
    fn any_other_platform_failure_means_no_keychain() {
        let err = classify(failure(
            "zbus error: org.freedesktop.DBus.Error.ServiceUnknown: The name is not activatable",
        ));
        assert!(
            matches!(&err, VaultError::KeychainUnavailable(text) if text.contains("ServiceUnknown")),
            "{err:?}"
        );
    }

    #[test]
    fn undecodable_bytes_are_not_formatted_into_the_error() {
        let err = classify(KeyringError::BadEncoding(b"\xffsecret-bytes".to_vec()));
        assert!(
            !format!("{err} {err:?}").contains("secret-bytes"),
            "{err:?}"
        );
    }

    #[test]
    fn the_entry_is_named_by_service_and_account() {
        assert_eq!(
            Keychain::for_app().entry_name(),
            "de.amtsweg.client/vault-keys"
        );
        assert_eq!(Keychain::new("test.service").service(), "test.service");
    }
}
