//! A damaged version manifest through the app, as a citizen meets it: one flipped byte
//! in its top row or in a bucket, or an older copy of a draft put back with the older
//! manifest. No draft is lost or wrongly blamed, new drafts still start, and My drafts
//! asks before it keeps the drafts as they are. (The vault's own tests, `tamper.rs`,
//! cover each case record by record.)
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::{Harness, config, harness, stable_draft_ids};
use amtsweg_app::core::VaultChoice;

const PASSPHRASE: &str = "correct horse battery staple";

/// The app with its vault on disk in `dir/vault` (a passphrase vault: no test touches a
/// real keychain), open.
fn on_disk(dir: &Path, system: &str) -> Harness {
    let app = harness(amtsweg_app::core::CoreConfig {
        vault: VaultChoice::NoKeychain {
            dir: dir.join("vault"),
        },
        ..config(dir, system, None)
    });
    let view = app.ok(
        "use_passphrase_keys",
        json!({ "passphrase": PASSPHRASE, "confirmation": PASSPHRASE }),
    );
    assert_eq!(view["state"], "open", "{view:#}");
    app
}

/// The vault's database, as someone with a hex editor or an SQLite tool changes it.
fn database(dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join("vault").join(amtsweg_vault::DB_FILE)).expect("db")
}

fn bucket_of(id: &str) -> i64 {
    use sha2::Digest;
    i64::from(sha2::Sha256::digest(id.as_bytes())[0]) % 64
}

/// A dog tax draft moved on to its second page; its id.
fn dog_draft(app: &Harness) -> String {
    let started = app.ok(
        "start_draft",
        json!({ "procedureId": "dog-tax-registration" }),
    );
    let id = started["draftId"].as_str().expect("id").to_owned();
    let next = app.ok(
        "continue_page",
        json!({
            "draftId": id,
            "pageId": "name",
            "answers": { "F00000045": {"text": "Erika"}, "F00000013": {"text": "Mustermann"} },
        }),
    );
    assert_eq!(next["outcome"], "next", "{next:#}");
    id
}

/// Waits (spinning, not sleeping) until the clock is past the newest draft's save, so
/// that "newest first" does not fall to random ids.
fn past_the_last_save(app: &Harness) {
    let newest = app.ok("list_drafts", Value::Null)["drafts"][0]["updatedMs"]
        .as_i64()
        .expect("a save time");
    let now_ms = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64)
    };
    while now_ms() <= newest {
        std::hint::spin_loop();
    }
}

fn lines(list: &Value) -> &Vec<Value> {
    list["drafts"].as_array().expect("drafts")
}

fn line<'a>(list: &'a Value, id: &str) -> &'a Value {
    lines(list)
        .iter()
        .find(|l| l["draftId"] == id)
        .unwrap_or_else(|| panic!("{id} is not listed in {list:#}"))
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/fixtures")
}

#[test]
fn a_flipped_byte_in_the_manifests_top_row_takes_no_draft_with_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = on_disk(dir.path(), "en-US");
    let dog = dog_draft(&app);
    past_the_last_save(&app);
    let bulky = app.ok(
        "start_draft",
        json!({ "procedureId": "bulky-waste-pickup" }),
    )["draftId"]
        .as_str()
        .expect("id")
        .to_owned();
    let before = app.ok("list_drafts", Value::Null);
    assert_eq!(before["versionsChanged"], false);

    // One flipped bit in the MAC of the manifest's top row.
    let db = database(dir.path());
    let mut mac: Vec<u8> = db
        .query_row("SELECT mac FROM manifest WHERE bucket = -1", [], |r| {
            r.get(0)
        })
        .expect("the top row");
    mac[3] ^= 0x10;
    db.execute("UPDATE manifest SET mac = ?1 WHERE bucket = -1", [mac])
        .expect("flip");

    // Reported as what it is; every draft still listed where the citizen left it.
    let list = app.ok("list_drafts", Value::Null);
    assert_eq!(list["versionsChanged"], true, "{list:#}");
    assert_eq!(list["unavailable"], Value::Null);
    assert_eq!(lines(&list).len(), 2);
    for id in [&dog, &bulky] {
        let shown = line(&list, id);
        assert_eq!(shown["damaged"], Value::Null, "{shown:#}");
        assert_eq!(shown["unverified"], true);
        assert_eq!(shown["progress"], line(&before, id)["progress"]);
        assert_eq!(shown["title"], line(&before, id)["title"]);
    }
    // Opened only after the citizen decided, and told so plainly.
    let refused = app
        .invoke("resume_draft", json!({ "draftId": dog }))
        .expect_err("not before the citizen decided");
    assert_eq!(
        refused["code"], "error-vault-versions-changed",
        "{refused:#}"
    );
    assert!(
        refused["message"]
            .as_str()
            .expect("message")
            .contains("keep your drafts as they are now"),
        "{refused:#}"
    );

    // "Start now" still starts a draft, and it is kept.
    let new = app.ok(
        "start_draft",
        json!({ "procedureId": "dog-tax-registration" }),
    );
    let new_id = new["draftId"].as_str().expect("id").to_owned();
    let next = app.ok(
        "continue_page",
        json!({
            "draftId": new_id,
            "pageId": "name",
            "answers": { "F00000045": {"text": "Max"}, "F00000013": {"text": "Muster"} },
        }),
    );
    assert_eq!(next["outcome"], "next", "{next:#}");
    let list = app.ok("list_drafts", Value::Null);
    assert_eq!(lines(&list).len(), 3);
    assert_eq!(
        list["versionsChanged"], true,
        "a save blessed the changed manifest"
    );

    // The UI's fixtures: My drafts in this state (without the third draft).
    app.ok("delete_draft", json!({ "draftId": new_id }));
    for locale in ["de", "en"] {
        app.ok("choose_language", json!({ "locale": locale }));
        let list = app.ok("list_drafts", Value::Null);
        assert_eq!(list["versionsChanged"], true);
        let text = stable_draft_ids(&serde_json::to_string_pretty(&list).expect("json"));
        fs::write(
            fixtures_dir().join(format!("drafts.versions-changed.{locale}.json")),
            text + "\n",
        )
        .expect("write fixture");
    }
    app.ok("choose_language", json!({ "locale": "en" }));

    // "Keep my drafts as they are": every draft opens again, as it was left.
    let kept = app.ok("keep_draft_versions", Value::Null);
    assert_eq!(kept["versionsChanged"], false, "{kept:#}");
    assert!(
        lines(&kept)
            .iter()
            .all(|l| l["unverified"] == false && l["damaged"] == Value::Null)
    );
    let resumed = app.ok("resume_draft", json!({ "draftId": dog }));
    assert_eq!(resumed["screen"]["view"]["pageId"], "date-of-birth");
    // And the next start finds the manifest sound.
    drop(app);
    let app = harness(amtsweg_app::core::CoreConfig {
        vault: VaultChoice::NoKeychain {
            dir: dir.path().join("vault"),
        },
        ..config(dir.path(), "en-US", None)
    });
    app.ok("unlock_vault", json!({ "passphrase": PASSPHRASE }));
    assert_eq!(app.ok("list_drafts", Value::Null)["versionsChanged"], false);
}

#[test]
fn a_flipped_byte_in_a_bucket_leaves_no_phantom_draft_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = on_disk(dir.path(), "en-US");
    let dog = dog_draft(&app);
    // One byte of the draft's id in its bucket changed to one that stays in the same
    // bucket: the entries still read, and name a draft that never was.
    let bucket = bucket_of(&dog);
    let changed = (0..dog.len())
        .flat_map(|at| (b'0'..=b'9').chain(b'a'..=b'z').map(move |b| (at, b)))
        .map(|(at, b)| {
            let mut id = dog.clone().into_bytes();
            id[at] = b;
            String::from_utf8(id).expect("ascii")
        })
        .find(|id| *id != dog && bucket_of(id) == bucket)
        .expect("a one-byte change that keeps the bucket");
    let db = database(dir.path());
    let entries: Vec<u8> = db
        .query_row(
            "SELECT entries FROM manifest WHERE bucket = ?1",
            [bucket],
            |r| r.get(0),
        )
        .expect("the bucket");
    let at = entries
        .windows(dog.len())
        .position(|w| w == dog.as_bytes())
        .expect("the id in its bucket");
    let mut tampered = entries.clone();
    tampered[at..at + dog.len()].copy_from_slice(changed.as_bytes());
    db.execute(
        "UPDATE manifest SET entries = ?1 WHERE bucket = ?2",
        rusqlite::params![tampered, bucket],
    )
    .expect("tamper");

    let list = app.ok("list_drafts", Value::Null);
    assert_eq!(lines(&list).len(), 1, "{list:#}");
    assert_eq!(line(&list, &dog)["unverified"], true);
    assert_eq!(list["versionsChanged"], true);

    // Deleting the real draft leaves nothing behind: no untitled draft, no warning.
    let after = app.ok("delete_draft", json!({ "draftId": dog }));
    assert_eq!(
        after,
        json!({ "drafts": [], "unavailable": null, "unavailableDetail": null, "versionsChanged": false, "unfinished": null })
    );
    // New drafts are kept as ever.
    let again = dog_draft(&app);
    let list = app.ok("list_drafts", Value::Null);
    assert_eq!(line(&list, &again)["unverified"], false);
    assert_eq!(list["versionsChanged"], false);
}

#[test]
fn an_older_copy_of_one_of_two_changed_drafts_blames_not_the_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = on_disk(dir.path(), "en-US");
    let start = |procedure: &str| {
        app.ok("start_draft", json!({ "procedureId": procedure }))["draftId"]
            .as_str()
            .expect("id")
            .to_owned()
    };
    let first = start("dog-tax-registration");
    let second = start("dog-tax-registration");
    // A copy of the database as it is now, as a citizen might keep one.
    database(dir.path())
        .execute_batch(
            "CREATE TABLE old_records AS SELECT * FROM records;
             CREATE TABLE old_manifest AS SELECT * FROM manifest;",
        )
        .expect("copy");
    for id in [&first, &second] {
        app.ok(
            "continue_page",
            json!({
                "draftId": id,
                "pageId": "name",
                "answers": { "F00000045": {"text": "Erika"}, "F00000013": {"text": "Mustermann"} },
            }),
        );
    }
    // The first draft's older copy put back, with the manifest from the same copy.
    database(dir.path())
        .execute_batch(&format!(
            "DELETE FROM records WHERE id = '{first}';
             INSERT INTO records SELECT * FROM old_records WHERE id = '{first}';
             DELETE FROM manifest; INSERT INTO manifest SELECT * FROM old_manifest;"
        ))
        .expect("put back");

    let list = app.ok("list_drafts", Value::Null);
    assert_eq!(list["versionsChanged"], true, "{list:#}");
    // The second draft, untouched, is not blamed; neither is shown damaged.
    for (id, progress) in [
        (&first, "Step \u{2068}1\u{2069} of \u{2068}8\u{2069}"),
        (&second, "Step \u{2068}2\u{2069} of \u{2068}8\u{2069}"),
    ] {
        let shown = line(&list, id);
        assert_eq!(shown["damaged"], Value::Null, "{shown:#}");
        assert_eq!(shown["unverified"], true);
        assert_eq!(shown["progress"], progress);
    }
    let kept = app.ok("keep_draft_versions", Value::Null);
    assert_eq!(kept["versionsChanged"], false);
    let resumed = app.ok("resume_draft", json!({ "draftId": second }));
    assert_eq!(resumed["screen"]["view"]["pageId"], "date-of-birth");
    let resumed = app.ok("resume_draft", json!({ "draftId": first }));
    assert_eq!(resumed["screen"]["view"]["pageId"], "name");
}

#[test]
fn start_now_takes_another_id_when_its_part_of_the_list_fails_its_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = on_disk(dir.path(), "en-US");
    let start = || {
        app.invoke(
            "start_draft",
            json!({ "procedureId": "bulky-waste-pickup" }),
        )
    };
    // Drafts in a quarter of the manifest's 64 buckets…
    let mut buckets = std::collections::BTreeSet::new();
    while buckets.len() < 16 {
        let started = start().expect("a draft starts");
        buckets.insert(bucket_of(started["draftId"].as_str().expect("id")));
    }
    // …and one flipped byte in each of those buckets (the last byte of an entry's
    // version): a new draft's random id falls into one of them one time in four.
    let db = database(dir.path());
    for bucket in &buckets {
        let mut entries: Vec<u8> = db
            .query_row(
                "SELECT entries FROM manifest WHERE bucket = ?1",
                [bucket],
                |r| r.get(0),
            )
            .expect("the bucket");
        let last = entries.len() - 1;
        entries[last] ^= 0x01;
        db.execute(
            "UPDATE manifest SET entries = ?1 WHERE bucket = ?2",
            rusqlite::params![entries, bucket],
        )
        .expect("flip");
    }
    let before = lines(&app.ok("list_drafts", Value::Null)).len();
    // Twenty starts, each kept: without another id, one in four would fail (all twenty
    // succeed by chance 0.3 % of the time; with 16 tries, one fails 1 in 4^16).
    for _ in 0..20 {
        let started = start().expect("Start now works while the list is distrusted");
        assert!(!buckets.contains(&bucket_of(started["draftId"].as_str().expect("id"))));
    }
    let list = app.ok("list_drafts", Value::Null);
    assert_eq!(lines(&list).len(), before + 20);
    assert_eq!(list["versionsChanged"], true);
}
