//! What the core's tests share: a configuration on a temporary folder, and a harness
//! that calls the core as the shell's commands do, by command name with JSON arguments
//! and answers, so each test reads as what the UI sends and gets. The shell's own tests
//! (`src-tauri/src/tests.rs`) check the IPC itself: the command list, serialization of
//! malformed arguments, threads and events through Tauri.

pub use std::fs;
pub use std::path::{Path, PathBuf};
pub use std::sync::Arc;
pub use std::time::Instant;

pub use amtsweg_app::core::{AppCore, CoreConfig, VaultChoice};
pub use amtsweg_app::host::ScriptedHost;
pub use serde_json::Value;
use serde_json::json;
use zeroize::Zeroizing;

/// Argon2id parameters that cost milliseconds: what is sealed in these tests needs no
/// protection, and the vault crate's own tests cover the recommended parameters.
pub const CHEAP_KDF: amtsweg_vault::KdfParams = amtsweg_vault::KdfParams {
    memory_kib: 64,
    iterations: 1,
    parallelism: 1,
};

pub fn config(config_dir: &Path, system: &str, override_dir: Option<PathBuf>) -> CoreConfig {
    CoreConfig {
        config_dir: config_dir.to_path_buf(),
        system_locales: vec![system.to_owned()],
        locales_override_dir: override_dir,
        data_dir: config_dir.join("data"),
        catalog_file: None,
        started: Instant::now(),
        developer: true,
        vault: VaultChoice::InMemory,
        passphrase_kdf: CHEAP_KDF,
        vault_open_delay: std::time::Duration::ZERO,
        print_dir: config_dir.join("print"),
        applications: Default::default(),
    }
}

/// The core with a scripted host (dialogs answered from a queue, titles recorded).
pub struct Harness {
    pub core: AppCore,
    pub host: Arc<ScriptedHost>,
}

pub fn harness(config: CoreConfig) -> Harness {
    let host = Arc::new(ScriptedHost::default());
    Harness {
        core: AppCore::start(config, host.clone()),
        host,
    }
}

/// Serializes an answer as the IPC does.
fn answer<T: serde::Serialize>(value: T) -> Value {
    serde_json::to_value(value).expect("the answer serializes")
}

impl Harness {
    /// Calls the core as command `cmd` with `args` does in the shell: the answer as
    /// JSON, or the error as its IPC form `{code, message, field}`. Arguments of the
    /// wrong shape are the shell's business (its tests), so here they fail the test.
    pub fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let core = &self.core;
        let arg = |name: &str| -> String {
            serde_json::from_value(args[name].clone())
                .unwrap_or_else(|e| panic!("{cmd}: argument {name}: {e}"))
        };
        let optional = |name: &str| -> Option<String> {
            serde_json::from_value(args.get(name).cloned().unwrap_or(Value::Null))
                .unwrap_or_else(|e| panic!("{cmd}: argument {name}: {e}"))
        };
        let secret = |name: &str| Zeroizing::new(arg(name));
        let result = match cmd {
            "get_app_view" => Ok(answer(core.view())),
            "choose_language" => core.choose_language(&arg("locale")).map(answer),
            "complete_first_start" => core.complete_first_start().map(answer),
            "report_first_paint" => {
                core.report_first_paint(
                    serde_json::from_value(args["screen"].clone()).expect("a painted screen"),
                    serde_json::from_value(args.get("phases").cloned().unwrap_or(Value::Null))
                        .expect("paint phases"),
                );
                Ok(Value::Null)
            }
            "set_window_title" => {
                core.set_window_title(&arg("title"));
                Ok(Value::Null)
            }
            "set_text_scale" => {
                let scale = serde_json::from_value(args["scale"].clone()).expect("a scale");
                core.set_text_scale(scale).map(answer)
            }
            "search_municipalities" => {
                Ok(answer(core.catalog().search_municipalities(&arg("query"))))
            }
            "choose_municipality" => core.choose_municipality(&arg("ars")).map(answer),
            "catalog_groups" => Ok(answer(core.catalog().groups(optional("query").as_deref()))),
            "procedure_start_page" => core.catalog().start_page(&arg("procedureId")).map(answer),
            "start_draft" => core.start_draft(&arg("procedureId")).map(answer),
            "draft_screen" => core.drafts().screen(&arg("draftId")).map(answer),
            "set_answers" => core
                .drafts()
                .set_answers(&arg("draftId"), &arg("pageId"), args["answers"].clone())
                .map(answer),
            "continue_page" => core
                .drafts()
                .continue_page(&arg("draftId"), &arg("pageId"), args["answers"].clone())
                .map(answer),
            "go_back" => core.drafts().go_back(&arg("draftId")).map(answer),
            "go_to_page" => core
                .drafts()
                .go_to_page(&arg("draftId"), &arg("pageId"))
                .map(answer),
            "check_answers" => core.drafts().check_answers(&arg("draftId")).map(answer),
            "submission_preview" => core
                .drafts()
                .submission_preview(&arg("draftId"))
                .map(answer),
            "pick_attachment" => core
                .attachments()
                .pick(&arg("draftId"), &arg("fieldId"))
                .map(answer),
            "list_drafts" => Ok(answer(core.drafts().list())),
            "resume_draft" => core.drafts().resume(&arg("draftId")).map(answer),
            "delete_draft" => core.drafts().delete(&arg("draftId")).map(answer),
            "keep_draft_versions" => core.drafts().keep_current_versions().map(answer),
            "my_data_view" => Ok(answer(core.my_data().view())),
            "export_my_data" => core
                .my_data()
                .export(secret("passphrase"), secret("confirmation"))
                .map(answer),
            "import_my_data" => core.my_data().import(secret("passphrase")).map(answer),
            "delete_all_my_data" => core
                .delete_all_my_data(
                    args.get("confirmUnsent").and_then(Value::as_bool) == Some(true),
                )
                .map(answer),
            "unlock_vault" => core.my_data().unlock(secret("passphrase")).map(answer),
            "use_passphrase_keys" => core
                .my_data()
                .use_passphrase_keys(secret("passphrase"), secret("confirmation"))
                .map(answer),
            "use_keychain_keys" => core.my_data().use_keychain_keys().map(answer),
            "create_recovery_code" => core.my_data().create_recovery_code().map(answer),
            "recover_vault" => core
                .my_data()
                .recover(secret("code"), secret("passphrase"), secret("confirmation"))
                .map(answer),
            "change_passphrase" => core
                .my_data()
                .change_passphrase(
                    secret("current"),
                    secret("passphrase"),
                    secret("confirmation"),
                )
                .map(answer),
            "retry_vault" => Ok(answer(core.my_data().retry())),
            "my_details_view" => Ok(answer(core.my_details().view())),
            "my_details_offer" => Ok(answer(core.my_details().offer())),
            "set_my_details_keeping" => core
                .my_details()
                .set_keeping(args["keep"].as_bool().expect("keep"))
                .map(answer),
            "save_my_details" => core
                .my_details()
                .save(serde_json::from_value(args["values"].clone()).expect("values"))
                .map(answer),
            "delete_my_details" => core.my_details().delete().map(answer),
            "download_application_pdf" => core.printouts().download(&arg("draftId")).map(answer),
            "print_application" => core.printouts().print(&arg("draftId")).map(answer),
            "print_recovery_code" => {
                let groups: Vec<String> =
                    serde_json::from_value(args["groups"].clone()).expect("groups");
                core.printouts().print_recovery_code(&groups).map(answer)
            }
            "submit_application" => core.submit_application(&arg("draftId")).map(answer),
            "list_applications" => core.applications().list().map(answer),
            "download_sent_application_pdf" => core
                .applications()
                .printout(&arg("applicationId"), false)
                .map(answer),
            "print_sent_application" => core
                .applications()
                .printout(&arg("applicationId"), true)
                .map(answer),
            other => panic!("no command {other}"),
        };
        result.map_err(|error| answer(core.ipc_error(&error)))
    }

    pub fn ok(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    /// The procedures the core lists (what the catalog screen groups), as JSON.
    pub fn listed(&self, query: Option<&str>) -> Value {
        answer(self.core.catalog().procedures(query))
    }
}

pub fn text<'a>(view: &'a Value, id: &str) -> &'a str {
    view["ui"]["messages"][id]
        .as_str()
        .unwrap_or_else(|| panic!("no message {id} in {view}"))
}

/// `settings.json.damaged-1764331234` → `settings.json.damaged-1700000000`.
pub fn stable_timestamps(text: &str) -> String {
    let marker = ".damaged-";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(marker) {
        let (head, tail) = rest.split_at(at + marker.len());
        out.push_str(head);
        out.push_str("1700000000");
        rest = tail.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

/// Random draft ids and save times to fixed ones, so fixtures do not change between runs:
/// the n-th distinct `draft-<32 hex digits>` becomes `draft-000…0n`.
pub fn stable_draft_ids(text: &str) -> String {
    let mut seen: Vec<String> = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("draft-") {
        let (head, tail) = rest.split_at(at + "draft-".len());
        out.push_str(head);
        let hex: String = tail.chars().take_while(char::is_ascii_hexdigit).collect();
        if hex.len() == 32 {
            let n = match seen.iter().position(|s| *s == hex) {
                Some(i) => i + 1,
                None => {
                    seen.push(hex.clone());
                    seen.len()
                }
            };
            out.push_str(&format!("{n:032}"));
            rest = &tail[32..];
        } else {
            rest = tail;
        }
    }
    out.push_str(rest);
    let marker = "\"updatedMs\": ";
    let mut fixed = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(at) = rest.find(marker) {
        let (head, tail) = rest.split_at(at + marker.len());
        fixed.push_str(head);
        fixed.push_str("1764331200000");
        rest = tail.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    fixed.push_str(rest);
    fixed
}

/// A typed answer, as the UI sends it.
pub fn typed(s: &str) -> Value {
    json!({ "text": s })
}

/// A group's instances, as the UI sends them.
pub fn group(instances: Vec<Value>) -> Value {
    json!({ "group": instances })
}

/// A completed dog tax registration of Erika Mustermann for the dog `dog`; its draft id.
pub fn dog_tax_draft(app: &Harness, dog: &str) -> String {
    dog_tax_draft_of(app, "Mustermann", dog)
}

/// A completed dog tax registration of Erika `family_name` for the dog `dog`, each page
/// continued with its answers given (what My details filled in is replaced); its draft
/// id.
pub fn dog_tax_draft_of(app: &Harness, family_name: &str, dog: &str) -> String {
    dog_tax_draft_answered(app, family_name, dog, usize::MAX)
}

/// A dog tax registration of Erika `family_name` for the dog `dog` with its first
/// `pages_answered` pages continued (all of them: check your answers); its draft id.
pub fn dog_tax_draft_answered(
    app: &Harness,
    family_name: &str,
    dog: &str,
    pages_answered: usize,
) -> String {
    let started = app.ok(
        "start_draft",
        json!({ "procedureId": "dog-tax-registration" }),
    );
    let draft = started["draftId"].as_str().expect("draft id").to_owned();
    let today = jiff::ZonedDateTime::now().date();
    let acquired = today
        .checked_sub(jiff::Span::new().days(10))
        .expect("date")
        .to_string();
    let pages = [
        (
            "name",
            json!({ "F00000045": typed("Erika"), "F00000013": typed(family_name) }),
        ),
        ("date-of-birth", json!({ "F99000001": typed("1985-03-27") })),
        (
            "address",
            json!({ "G00000237": group(vec![json!({
                "G00000040": group(vec![json!({
                    "F00000053": typed("Hauptstraße"), "F00000016": typed("1") })]),
                "G00000113": group(vec![json!({
                    "F00000054": typed("00000"), "F00000035": typed("Musterstadt") })]),
            })]) }),
        ),
        ("contact", json!({})),
        (
            "start-date",
            json!({ "F99000004": typed(&today.to_string()) }),
        ),
        (
            "dogs",
            json!({ "G99000001": group(vec![
                json!({ "F99000005": typed(dog), "F99000006": typed("mixed-breed"),
                        "F99000007": typed(&acquired), "F99000008": typed("no") }),
            ]) }),
        ),
        ("fee", json!({})),
        ("payment", json!({ "F99000012": typed("no") })),
    ];
    for (page, answers) in pages.into_iter().take(pages_answered) {
        let outcome = app.ok(
            "continue_page",
            json!({ "draftId": draft, "pageId": page, "answers": answers }),
        );
        assert_eq!(outcome["outcome"], "next", "{page}: {outcome:#}");
    }
    draft
}
