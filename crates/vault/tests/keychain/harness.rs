//! Runs a keychain test inside a D-Bus environment of its own, and looks at the Secret
//! Service from outside the code under test (secret-tool, dbus-send).

use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;
use std::{env, fs, thread};

use amtsweg_vault::keychain::KEYS_ACCOUNT;

/// Set in the child to the name of the one test it is to run.
const CHILD: &str = "AMTSWEG_KEYCHAIN_TEST_CHILD";

/// A hung keyring or prompt fails the test instead of hanging `make test`. One child
/// takes well under a second; the margin is for a loaded CI machine.
const CHILD_TIMEOUT: Duration = Duration::from_secs(120);

const TOOLS: [(&str, &str); 5] = [
    ("dbus-run-session", "dbus-daemon"),
    ("dbus-send", "dbus-bin"),
    ("gnome-keyring-daemon", "gnome-keyring"),
    ("gdbus", "libglib2.0-bin"),
    ("secret-tool", "libsecret-tools"),
];

/// Where a test's child runs.
#[derive(Debug, Clone, Copy)]
pub enum Bus {
    /// A private session bus with gnome-keyring on it, its login keyring unlocked.
    Keyring,
    /// A private session bus with no Secret Service on it (and none it could start).
    WithoutKeyring,
    /// A private session bus with gnome-keyring but no login keyring, so no default
    /// collection: gnome-keyring started by D-Bus outside a desktop login.
    WithoutLoginKeyring,
    /// No session bus at all: no address, an empty runtime folder.
    None,
}

/// Runs `body` in a child of this test binary inside `bus`, and fails unless that child
/// ran exactly this test and it passed. In the child itself, runs `body`.
pub fn in_session(bus: Bus, test: &str, body: impl FnOnce()) {
    if env::var_os(CHILD).is_some_and(|name| name == test) {
        body();
        return;
    }
    require_tools();
    let exe = env::current_exe().expect("the test binary's path");
    let no_bus_dir;
    let mut command = match bus {
        Bus::Keyring => script_command(&[exe.into_os_string()]),
        Bus::WithoutKeyring => script_command(&["--no-keyring".into(), exe.into_os_string()]),
        Bus::WithoutLoginKeyring => {
            script_command(&["--no-login-keyring".into(), exe.into_os_string()])
        }
        Bus::None => {
            no_bus_dir = TempDir::new(test);
            let mut command = Command::new(exe);
            command
                .env_remove("DBUS_SESSION_BUS_ADDRESS")
                .env("XDG_RUNTIME_DIR", &no_bus_dir.0);
            command
        }
    };
    command
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, test)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // Its own process group, so a hung child goes with its bus and daemon.
        .process_group(0);
    let output = run_with_timeout(command, test);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // A filter that matched nothing would pass with "0 passed": require this very test.
    let ran = stdout.contains(&format!("test {test} ... ok")) && stdout.contains("1 passed");
    assert!(
        output.status.success() && ran,
        "`{test}` failed inside {bus:?} ({}):\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        output.status
    );
}

fn script_command(args: &[OsString]) -> Command {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/with-keyring.sh");
    let mut command = Command::new(script);
    command.args(args);
    command
}

fn run_with_timeout(mut command: Command, test: &str) -> Output {
    let child = command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start `{test}`'s child: {e}"));
    let group = child.id();
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || sender.send(child.wait_with_output()));
    match receiver.recv_timeout(CHILD_TIMEOUT) {
        Ok(output) => output.expect("the child's output"),
        Err(_) => {
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{group}")])
                .status();
            panic!(
                "`{test}` did not finish within {CHILD_TIMEOUT:?}; its process group was killed"
            );
        }
    }
}

/// Fails, naming the packages, when a tool the tests need is missing: skipping would
/// let a machine without them pass without ever touching a keychain.
fn require_tools() {
    let path = env::var_os("PATH").unwrap_or_default();
    let missing: Vec<String> = TOOLS
        .iter()
        .filter(|(tool, _)| !env::split_paths(&path).any(|dir| dir.join(tool).is_file()))
        .map(|(tool, package)| format!("{tool} (package {package})"))
        .collect();
    assert!(
        missing.is_empty(),
        "the keychain tests run against a real gnome-keyring and need: {}. Install them \
         with `scripts/install-deps.sh test` (Debian/Ubuntu).",
        missing.join(", ")
    );
}

/// keyring 3's attributes for the vault's entry under `service` (see `keychain.rs`).
fn attributes(service: &str) -> [&str; 6] {
    [
        "service",
        service,
        "username",
        KEYS_ACCOUNT,
        "target",
        "default",
    ]
}

fn run(program: &str, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(program)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {program}: {e}"));
    if let Some(bytes) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().expect("stdin pipe");
        pipe.write_all(bytes).expect("write to stdin");
    }
    child.wait_with_output().expect("wait for the tool")
}

fn expect_success(output: Output, what: &str) -> String {
    assert!(
        output.status.success(),
        "{what} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The secret of the vault's entry under `service` as `secret-tool lookup` prints it, or
/// `None` when it finds no item.
pub fn secret_tool_lookup(service: &str) -> Option<String> {
    let mut args = vec!["lookup"];
    args.extend(attributes(service));
    let output = run("secret-tool", &args, None);
    if output.status.success() {
        return Some(String::from_utf8(output.stdout).expect("UTF-8 secret"));
    }
    // "Not found" is exit status 1 with nothing said; anything else is a broken test bed.
    assert!(
        output.stdout.is_empty() && output.stderr.is_empty() && output.status.code() == Some(1),
        "secret-tool lookup failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    None
}

/// How many items carry the vault entry's attributes under `service`.
pub fn secret_tool_count(service: &str) -> usize {
    let mut args = vec!["search", "--all"];
    args.extend(attributes(service));
    let output = run("secret-tool", &args, None);
    // `search` exits 1 when nothing matched, like `lookup`.
    if !output.status.success() && output.stdout.is_empty() && output.status.code() == Some(1) {
        return 0;
    }
    let listing = expect_success(output, "secret-tool search");
    listing
        .lines()
        .filter(|line| line.starts_with("[/"))
        .count()
}

/// Writes `secret` as the vault's entry under `service`, as another program could.
pub fn secret_tool_store(service: &str, secret: &[u8]) {
    let mut args = vec!["store", "--label=written by the keychain test"];
    args.extend(attributes(service));
    expect_success(run("secret-tool", &args, Some(secret)), "secret-tool store");
}

/// Locks the Secret Service's default collection (the login keyring) over D-Bus, as the
/// screen locker or "Lock" in Seahorse does, and checks that it is locked.
pub fn lock_default_collection() {
    let dbus = |args: &[&str]| {
        let mut all = vec![
            "--session",
            "--print-reply=literal",
            "--dest=org.freedesktop.secrets",
        ];
        all.extend(args);
        expect_success(run("dbus-send", &all, None), "dbus-send")
    };
    let collection = dbus(&[
        "/org/freedesktop/secrets",
        "org.freedesktop.Secret.Service.ReadAlias",
        "string:default",
    ]);
    let collection = collection.trim();
    assert!(
        collection.starts_with("/org/freedesktop/secrets/collection/"),
        "{collection:?}"
    );
    dbus(&[
        "/org/freedesktop/secrets",
        "org.freedesktop.Secret.Service.Lock",
        &format!("array:objpath:{collection}"),
    ]);
    let locked = dbus(&[
        collection,
        "org.freedesktop.DBus.Properties.Get",
        "string:org.freedesktop.Secret.Collection",
        "string:Locked",
    ]);
    assert!(
        locked.contains("boolean true"),
        "{collection} is not locked: {locked}"
    );
}

/// Unlocks the login keyring again, as the desktop does when the citizen types their
/// password: gnome-keyring's own call for it (the standard `Unlock` would need a prompt),
/// with the password in a "plain" Secret Service session of this connection.
pub fn unlock_default_collection() {
    use zbus::zvariant::{OwnedObjectPath, OwnedValue, Value};
    let password = env::var("AMTSWEG_TEST_KEYRING_PASSWORD")
        .expect("with-keyring.sh sets the login keyring's password");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime for zbus");
    runtime.block_on(async {
        let bus = zbus::Connection::session().await.expect("the session bus");
        const SERVICE: &str = "org.freedesktop.Secret.Service";
        let reply = bus
            .call_method(
                Some("org.freedesktop.secrets"),
                "/org/freedesktop/secrets",
                Some(SERVICE),
                "ReadAlias",
                &("default",),
            )
            .await
            .expect("ReadAlias");
        let collection: OwnedObjectPath = reply.body().deserialize().expect("a collection");
        let reply = bus
            .call_method(
                Some("org.freedesktop.secrets"),
                "/org/freedesktop/secrets",
                Some(SERVICE),
                "OpenSession",
                &("plain", Value::from("")),
            )
            .await
            .expect("OpenSession");
        let (_, session): (OwnedValue, OwnedObjectPath) =
            reply.body().deserialize().expect("a session");
        let secret = (
            session,
            Vec::<u8>::new(),
            password.into_bytes(),
            "text/plain",
        );
        bus.call_method(
            Some("org.freedesktop.secrets"),
            "/org/freedesktop/secrets",
            Some("org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface"),
            "UnlockWithMasterPassword",
            &(collection, secret),
        )
        .await
        .expect("UnlockWithMasterPassword");
    });
}

/// An empty folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path = env::temp_dir().join(format!("amtsweg-keychain-{name}-{}", std::process::id()));
        fs::create_dir_all(&path).expect("create a temporary folder");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}
