//! The client process the kill-and-restart tests start and kill at a failpoint
//! (`AMTSWEG_OUTBOX_FAILPOINT`): it opens the vault with the keys in
//! `AMTSWEG_TEST_VAULT_KEYS`, sends application `<id>` once to its endpoint, and prints
//! the outcome; the destination key's root is the PEM in `AMTSWEG_TEST_ROOTS`. Built
//! only with the `failpoints` feature.

use std::sync::Arc;
use std::time::Duration;

use amtsweg_outbox::{Outbox, OutboxConfig, Timeouts, TrustAnchors};
use amtsweg_vault::{KeySource, Vault, VaultKeys};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(id)) = (args.next(), args.next()) else {
        eprintln!("usage: amtsweg-outbox-test-child <vault dir> <application id>");
        std::process::exit(2);
    };
    let keys = std::env::var("AMTSWEG_TEST_VAULT_KEYS").expect("AMTSWEG_TEST_VAULT_KEYS");
    let keys = VaultKeys::from_secret_text(&keys).expect("keys");
    let vault = Arc::new(Vault::open(dir.as_ref(), KeySource::Keys(keys)).expect("vault"));
    let roots = std::env::var("AMTSWEG_TEST_ROOTS").expect("AMTSWEG_TEST_ROOTS");
    let mut config = OutboxConfig::new(TrustAnchors::from_pem(&roots).expect("roots"));
    config.timeouts = Timeouts {
        connect: Duration::from_millis(500),
        request: Duration::from_secs(5),
    };
    let outbox = Outbox::new(vault, config, Arc::new(|_| {})).expect("outbox");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    match runtime.block_on(outbox.send(&id)) {
        Ok(status) => println!("DONE {status:?}"),
        Err(e) => println!("FAILED {e}"),
    }
}
