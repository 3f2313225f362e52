//! Each service of the core on its own, built from exactly what its constructor names
//! (no `AppCore`): the dependency graph in `core/mod.rs` is what these tests build.

use std::collections::BTreeSet;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use amtsweg_app::core::{
    AttachmentRule, Attachments, CatalogInUse, Drafts, Frame, MyData, VaultKeys, VaultSlot,
    VaultState,
};
use amtsweg_app::error::AppError;
use amtsweg_app::events::AppEvent;
use amtsweg_l10n::{Localizer, LocalizerConfig};
use amtsweg_settings::SettingsStore;

use crate::support::*;

fn frame(config_dir: &Path, system: &str) -> Arc<Frame> {
    let store = SettingsStore::new(config_dir);
    let settings = store.load().settings;
    let l10n = Localizer::build(LocalizerConfig {
        override_dir: None,
        catalog_texts: &[],
        pseudo_locale: false,
    });
    Arc::new(Frame::new(l10n, store, settings, vec![system.to_owned()]))
}

/// A vault in memory and the events it publishes.
fn memory_vault() -> (Arc<VaultSlot>, Receiver<AppEvent>) {
    let (sender, events) = channel();
    let slot = VaultSlot::open_in_background(
        VaultChoice::InMemory,
        Duration::ZERO,
        sender,
        VaultKeys::Memory,
    );
    (slot, events)
}

const PDF: &[u8] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n";

#[test]
fn the_frame_takes_a_settings_change_only_once_it_is_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let frame = frame(dir.path(), "en-US");
    assert_eq!(
        frame.locale(),
        "en",
        "negotiated from the system's languages"
    );
    frame
        .update(|s| s.locale = Some("de".into()))
        .expect("saved");
    assert_eq!(frame.locale(), "de");
    let on_disk = SettingsStore::new(dir.path()).load().settings;
    assert_eq!(
        on_disk.locale.as_deref(),
        Some("de"),
        "on disk before it is used"
    );
    assert_eq!(
        frame.message(&AppError::UnknownDraft("draft-1".into())),
        frame.text("error-unknown-draft", None),
        "errors are worded in the locale in use"
    );

    // A folder that cannot be written to: the change is refused and not taken over.
    let file = dir.path().join("not-a-folder");
    fs::write(&file, b"").expect("write");
    let stuck = self::frame(&file.join("config"), "en-US");
    let refused = stuck.update(|s| s.locale = Some("de".into()));
    assert_eq!(
        refused.expect_err("cannot save").code().fluent_id(),
        "error-settings-save"
    );
    assert_eq!(stuck.locale(), "en", "what was not saved is not shown");
}

#[test]
fn the_catalog_in_use_offers_what_the_frame_s_municipality_offers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let frame = frame(dir.path(), "de-DE");
    let catalog = CatalogInUse::bundled(Arc::clone(&frame));
    let all: BTreeSet<String> = catalog
        .procedures(None)
        .into_iter()
        .map(|e| e.procedure_id)
        .collect();
    assert!(all.len() >= 12, "the bundled catalog: {all:?}");
    // The municipality offering the fewest of them, so the filter has work to do.
    let chosen = ('0'..='9')
        .flat_map(|digit| catalog.search_municipalities(&digit.to_string()))
        .min_by_key(|m| m.procedures.len())
        .expect("the directory lists municipalities");
    let offered: BTreeSet<String> = chosen
        .procedures
        .iter()
        .filter(|p| all.contains(*p))
        .cloned()
        .collect();
    assert!(
        offered.len() < all.len(),
        "{} offers everything",
        chosen.name
    );
    frame
        .update(|s| s.municipality_ars = Some(chosen.ars.clone()))
        .expect("saved");
    assert_eq!(
        catalog.municipality().map(|m| m.ars().to_string()),
        Some(chosen.ars.clone())
    );
    let listed: BTreeSet<String> = catalog
        .procedures(None)
        .into_iter()
        .map(|e| e.procedure_id)
        .collect();
    assert_eq!(listed, offered);
    assert_eq!(
        catalog
            .find_municipality("000000000000")
            .expect_err("no such key")
            .code()
            .fluent_id(),
        "error-unknown-municipality"
    );
}

#[test]
fn the_vault_slot_opens_on_its_own_and_says_so() {
    let (slot, events) = memory_vault();
    let (keys, state, unavailable) = slot.status();
    assert_eq!(
        (keys, state, unavailable),
        (VaultKeys::Memory, VaultState::Open, None)
    );
    assert!(slot.get().is_ok());
    assert_eq!(
        events.recv_timeout(Duration::from_secs(5)),
        Ok(AppEvent::VaultChanged),
        "the UI hears that the vault opened"
    );
}

#[test]
fn drafts_are_kept_in_the_vault_slot_they_are_given() {
    let dir = tempfile::tempdir().expect("tempdir");
    let frame = frame(dir.path(), "en-US");
    let catalog = Arc::new(CatalogInUse::bundled(Arc::clone(&frame)));
    let (vault, _events) = memory_vault();
    let drafts = Drafts::new(Arc::clone(&catalog), Arc::clone(&vault), frame);
    let started = drafts.start("tree-felling-permit").expect("started");
    let listed = drafts.list();
    assert_eq!(listed.unavailable, None);
    assert_eq!(listed.drafts.len(), 1);
    let line = &listed.drafts[0];
    assert_eq!(line.draft_id, started.draft_id);
    assert_eq!(
        Some(&line.title),
        catalog.titles().get("tree-felling-permit"),
        "titled from the catalog in use"
    );
    assert!(
        vault
            .get()
            .expect("open")
            .open_draft(&started.draft_id)
            .is_ok(),
        "the slot's vault holds it"
    );
    drafts.delete(&started.draft_id).expect("deleted");
    assert!(drafts.list().drafts.is_empty());
    assert_eq!(
        drafts
            .screen(&started.draft_id)
            .expect_err("gone")
            .code()
            .fluent_id(),
        "error-unknown-draft"
    );
}

/// Frame, catalog, vault, drafts and attachments built by hand, with a scripted host.
struct Parts {
    _dir: tempfile::TempDir,
    frame: Arc<Frame>,
    vault: Arc<VaultSlot>,
    events: Receiver<AppEvent>,
    drafts: Arc<Drafts>,
    attachments: Arc<Attachments>,
    host: Arc<ScriptedHost>,
    pdf: PathBuf,
}

fn parts() -> Parts {
    let dir = tempfile::tempdir().expect("tempdir");
    let frame = frame(dir.path(), "en-US");
    let catalog = Arc::new(CatalogInUse::bundled(Arc::clone(&frame)));
    let (vault, events) = memory_vault();
    let drafts = Arc::new(Drafts::new(catalog, Arc::clone(&vault), Arc::clone(&frame)));
    let host = Arc::new(ScriptedHost::default());
    let attachments = Arc::new(Attachments::new(
        Arc::clone(&drafts),
        Arc::clone(&vault),
        host.clone(),
    ));
    let pdf = dir.path().join("plan.pdf");
    fs::write(&pdf, PDF).expect("write");
    Parts {
        _dir: dir,
        frame,
        vault,
        events,
        drafts,
        attachments,
        host,
        pdf,
    }
}

#[test]
fn attachments_ask_their_host_only_for_a_file_field_of_the_draft_s_page() {
    let p = parts();
    let draft = p
        .drafts
        .start("tree-felling-permit")
        .expect("started")
        .draft_id;
    let refused = p.attachments.pick(&draft, "F99000011");
    assert_eq!(
        refused.expect_err("no file field").code().fluent_id(),
        "error-invalid-request"
    );
    assert!(
        p.host.shown().is_empty(),
        "no dialog for a field that takes no file"
    );

    p.host.answer(Some(p.pdf.clone()));
    let file = p
        .attachments
        .pick(&draft, "F99000012")
        .expect("picked")
        .expect("not cancelled");
    assert_eq!(p.host.shown().len(), 1);
    assert_eq!(file.media_type, "application/pdf");
    assert_eq!(p.attachments.bytes(&file.id).expect("kept").as_slice(), PDF);
}

#[test]
fn my_data_deleting_all_empties_the_drafts_and_attachments_it_was_given() {
    let p = parts();
    // A channel of its own, to see what My data publishes apart from the vault's news.
    let (sender, published) = channel();
    let my_data = MyData::new(
        Arc::clone(&p.vault),
        Arc::clone(&p.drafts),
        Arc::clone(&p.attachments),
        Arc::clone(&p.frame),
        p.host.clone(),
        CHEAP_KDF,
        sender,
    );
    let draft = p
        .drafts
        .start("tree-felling-permit")
        .expect("started")
        .draft_id;
    let rule = AttachmentRule {
        media_types: vec!["application/pdf".into()],
        max_bytes: 1024,
    };
    let file = p
        .attachments
        .accept(&draft, "F99000012", &rule, &p.pdf)
        .expect("kept");
    let view = my_data.delete_all(false).expect("deleted");
    assert_eq!(view.state, VaultState::Open, "a new empty vault at once");
    assert!(p.drafts.list().drafts.is_empty());
    assert_eq!(
        p.drafts
            .screen(&draft)
            .expect_err("forgotten")
            .code()
            .fluent_id(),
        "error-unknown-draft"
    );
    assert!(
        p.attachments.bytes(&file.id).is_err(),
        "its bytes are gone too"
    );
    assert_eq!(published.try_recv(), Ok(AppEvent::DraftsChanged));
    // The slot announced its replacement on its own channel.
    let vault_news: Vec<AppEvent> = p.events.try_iter().collect();
    assert!(
        vault_news.contains(&AppEvent::VaultChanged),
        "{vault_news:?}"
    );
}
