//! Data-driven walks through every bundled procedure.
//!
//! Each procedure has a walk file `tests/walks/<procedure-id>.json`: named branches, each a
//! sequence of pages with the answers given on them (exactly the engine's `Answers` JSON)
//! and where the branch ends (`checkAnswers` or `exit:<exit page id>`). Strings in answers
//! may hold date placeholders `{{today}}`, `{{today+30d}}`, `{{today-400d}}`, replaced by
//! ISO dates relative to the real today (which is also the `today` the session gets).
//!
//! Every branch runs in German through the `Session` facade over the whole bundled
//! catalog and the real Fluent texts; a branch with `"locale": "en"` runs in English too.
//! On the way every screen must be the expected page, "Continue" must move on, and no
//! text on any screen may be a raw message id. A branch ending at check your answers must
//! have nothing missing and must yield submission data valid against its generated schema.
//!
//! The same walks write the submission fixtures for the municipal API tests,
//! `tests/fixtures/submissions/<procedure-id>.json`: per procedure the first branch of its
//! walk file that ends at check your answers, in German, with a fixed today (the dates in
//! the data would otherwise change every day), and the procedure's data schema.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use amtsweg_procedure::{
    Answers, Catalog, Continue, Date, ItemView, PageView, ProcedureError, ProcedureScreen, Session,
    Submission, SummaryItem,
};
use serde::Deserialize;
use serde_json::Value;

use crate::support::{read, repo_root, texts};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Walk {
    procedure: String,
    branches: Vec<Branch>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Branch {
    name: String,
    /// A further locale this branch also runs in (it always runs in German).
    #[serde(default)]
    locale: Option<String>,
    pages: Vec<Step>,
    /// `checkAnswers` or `exit:<exit page id>`.
    ends: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    page: String,
    #[serde(default)]
    answers: Option<Value>,
}

/// A bundled definition: its file's JSON and the catalog built from all of them.
struct Bundled {
    catalog: Catalog,
    definitions: BTreeMap<String, Value>,
}

fn bundled() -> &'static Bundled {
    static BUNDLED: std::sync::OnceLock<Bundled> = std::sync::OnceLock::new();
    BUNDLED.get_or_init(|| {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(repo_root().join("procedures")).expect("procedures folder") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_owned();
            // Beside the definitions live the schemas and the municipality directory.
            if name.ends_with(".json")
                && !name.ends_with(".schema.json")
                && name != "municipalities.json"
            {
                files.push((format!("procedures/{name}"), read(&path)));
            }
        }
        files.sort();
        let catalog = Catalog::load(
            files.iter().map(|(n, b)| (n.as_str(), b.as_slice())),
            texts(),
            &["de", "en"],
        )
        .unwrap_or_else(|errors| {
            let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("the bundled catalog does not load:\n{}", errors.join("\n"))
        });
        let definitions = files
            .iter()
            .map(|(name, bytes)| {
                let value: Value = serde_json::from_slice(bytes).expect("JSON");
                let id = value["id"].as_str().unwrap_or(name).to_owned();
                (id, value)
            })
            .collect();
        Bundled {
            catalog,
            definitions,
        }
    })
}

fn walks_dir() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/walks")
}

fn walks() -> Vec<(String, Walk)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(walks_dir()).expect("tests/walks folder") {
        let path = entry.expect("entry").path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".json") else {
            continue;
        };
        let walk: Walk = serde_json::from_slice(&read(&path))
            .unwrap_or_else(|e| panic!("tests/walks/{name}: {e}"));
        assert_eq!(
            walk.procedure, stem,
            "tests/walks/{name} must walk procedure `{stem}`"
        );
        out.push((name.to_owned(), walk));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

// --- today, and the date placeholders ---

/// Today (UTC) from the system clock, without a date library.
fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs();
    date_from_days(i64::try_from(secs / 86_400).expect("days fit"))
}

/// Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
fn date_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date::new(
        i16::try_from(year).expect("year"),
        i8::try_from(month).expect("month"),
        i8::try_from(day).expect("day"),
    )
    .expect("a real date")
}

/// The civil date to days since 1970-01-01.
fn days_from_date(date: Date) -> i64 {
    let (y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Replaces `{{today}}`, `{{today+Nd}}` and `{{today-Nd}}` by ISO dates.
fn expand_dates(text: &str, today: Date) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let end = after
            .find("}}")
            .ok_or_else(|| format!("unclosed placeholder in {text:?}"))?;
        let inner = after[..end].trim();
        let offset = match inner.strip_prefix("today") {
            Some("") => 0,
            Some(days) => {
                let (sign, number) = match days.split_at(1) {
                    ("+", n) => (1, n),
                    ("-", n) => (-1, n),
                    _ => return Err(format!("unknown placeholder {{{{{inner}}}}}")),
                };
                let number = number
                    .strip_suffix('d')
                    .and_then(|n| n.parse::<i64>().ok())
                    .ok_or_else(|| format!("unknown placeholder {{{{{inner}}}}}"))?;
                sign * number
            }
            None => return Err(format!("unknown placeholder {{{{{inner}}}}}")),
        };
        let date = date_from_days(days_from_date(today) + offset);
        out.push_str(&date.to_string());
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

fn expand_value(value: &Value, today: Date) -> Result<Value, String> {
    Ok(match value {
        Value::String(s) => Value::String(expand_dates(s, today)?),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| expand_value(v, today))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| Ok((k.clone(), expand_value(v, today)?)))
                .collect::<Result<_, String>>()?,
        ),
        other => other.clone(),
    })
}

#[test]
fn date_placeholders_become_iso_dates() {
    let today = Date::new(2024, 2, 28).expect("date");
    assert_eq!(
        expand_dates("{{today}} {{today+2d}} {{today-59d}}", today),
        Ok("2024-02-28 2024-03-01 2023-12-31".to_owned())
    );
    assert!(expand_dates("{{tomorrow}}", today).is_err());
    for days in [-800_000, -1, 0, 1, 19_000, 20_500, 800_000] {
        assert_eq!(days_from_date(date_from_days(days)), days);
    }
    assert_eq!(date_from_days(0), Date::new(1970, 1, 1).expect("date"));
}

// --- what the definitions say ---

/// Every page id, exit id and `next` branch (from page, to target) of a definition.
struct Shape {
    exits: BTreeSet<String>,
    branches: Vec<(String, String)>,
    optional_fields: BTreeSet<String>,
}

fn shape(definition: &Value) -> Shape {
    let exits = definition["exits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["id"].as_str().map(str::to_owned))
        .collect();
    let mut branches = Vec::new();
    let mut optional_fields = BTreeSet::new();
    fn optional(items: &Value, out: &mut BTreeSet<String>) {
        for item in items.as_array().into_iter().flatten() {
            if item["optional"] == Value::Bool(true)
                && let Some(id) = item["id"].as_str()
            {
                out.insert(id.to_owned());
            }
            optional(&item["items"], out);
        }
    }
    for section in definition["sections"].as_array().into_iter().flatten() {
        for page in section["pages"].as_array().into_iter().flatten() {
            let id = page["id"].as_str().unwrap_or_default();
            for branch in page["next"].as_array().into_iter().flatten() {
                if let Some(goto) = branch["goto"].as_str() {
                    branches.push((id.to_owned(), goto.to_owned()));
                }
            }
            optional(&page["items"], &mut optional_fields);
        }
    }
    Shape {
        exits,
        branches,
        optional_fields,
    }
}

// --- walking ---

/// Texts on screen that are message ids rather than texts: a missing translation.
struct RawIds<'a> {
    procedure: &'a str,
    found: Vec<String>,
}

impl RawIds<'_> {
    fn check(&mut self, place: &str, text: &str) {
        let raw = text.starts_with(&format!("{}-", self.procedure))
            || text.starts_with("validation-")
            || text.starts_with("procedure-")
            || text.trim().is_empty();
        if raw {
            self.found.push(format!("{place}: {text:?}"));
        }
    }

    fn check_opt(&mut self, place: &str, text: Option<&String>) {
        if let Some(text) = text {
            self.check(place, text);
        }
    }

    fn page(&mut self, view: &PageView) {
        let at = format!("page {}", view.page_id);
        self.check(&at, &view.heading);
        self.check_opt(&at, view.hint.as_ref());
        self.check(&at, &view.procedure_title);
        self.check(&at, &view.section_title);
        self.check(&at, &view.step.text);
        for error in &view.errors {
            self.check(&at, &error.message);
        }
        self.items(&at, &view.items);
    }

    fn items(&mut self, at: &str, items: &[ItemView]) {
        for item in items {
            match item {
                ItemView::Field(field) => {
                    let at = format!("{at} {}", field.key);
                    self.check(&at, &field.label);
                    self.check_opt(&at, field.hint.as_ref());
                    self.check_opt(&at, field.optional_marker.as_ref());
                    self.check_opt(&at, field.display.as_ref());
                    for option in &field.options {
                        self.check(&at, &option.label);
                    }
                }
                ItemView::Group(group) => {
                    let at = format!("{at} {}", group.key);
                    self.check(&at, &group.label);
                    self.check_opt(&at, group.hint.as_ref());
                    if group.repeatable {
                        self.check(&at, &group.add_label);
                    }
                    for instance in &group.instances {
                        self.check_opt(&at, instance.label.as_ref());
                        if instance.can_remove {
                            self.check(&at, &instance.remove_label);
                        }
                        self.items(&at, &instance.items);
                    }
                }
            }
        }
    }

    fn summary_items(&mut self, items: &[SummaryItem]) {
        for item in items {
            match item {
                SummaryItem::Row(row) => {
                    let at = format!("check answers {}", row.key);
                    self.check(&at, &row.label);
                    for line in &row.value {
                        self.check(&at, line);
                    }
                }
                SummaryItem::Group {
                    key,
                    label,
                    instances,
                    ..
                } => {
                    self.check(&format!("check answers {key}"), label);
                    for instance in instances {
                        if !instance.label.is_empty() {
                            self.check(&format!("check answers {key}"), &instance.label);
                        }
                        self.summary_items(&instance.items);
                    }
                }
            }
        }
    }
}

fn describe(screen: &ProcedureScreen) -> String {
    match screen {
        ProcedureScreen::Start(_) => "the start page".into(),
        ProcedureScreen::TaskList(_) => "the task list".into(),
        ProcedureScreen::Question(view) => format!("page `{}`", view.page_id),
        ProcedureScreen::Exit(view) => format!("exit page `{}`", view.page_id),
        ProcedureScreen::CheckAnswers(_) => "check your answers".into(),
    }
}

/// Rows of check your answers that show "Not provided": (key, is a calculated value).
fn not_provided(items: &[SummaryItem], out: &mut Vec<(String, bool)>) {
    for item in items {
        match item {
            SummaryItem::Row(row) if row.not_provided => {
                out.push((row.key.clone(), row.change_page_id.is_none()));
            }
            SummaryItem::Row(_) => {}
            SummaryItem::Group { instances, .. } => {
                for instance in instances {
                    not_provided(&instance.items, out);
                }
            }
        }
    }
}

/// Walks one branch; a branch ending at check your answers yields its submission.
fn walk_branch(
    walk: &Walk,
    branch: &Branch,
    locale: &str,
    today: Date,
) -> Result<Option<Submission>, String> {
    let bundled = bundled();
    let pid = walk.procedure.as_str();
    let definition = bundled
        .definitions
        .get(pid)
        .ok_or_else(|| format!("no bundled procedure `{pid}`"))?;
    let s = Session::new(&bundled.catalog, texts(), locale, today);
    let fail = |e: ProcedureError| e.to_string();
    let mut raw = RawIds {
        procedure: pid,
        found: Vec::new(),
    };

    let start = s.start_page(pid).map_err(fail)?;
    for text in [
        &start.title,
        &start.summary,
        &start.who_may_apply,
        &start.duration,
        &start.fees,
        &start.legal_basis,
    ]
    .into_iter()
    .chain(&start.what_you_need)
    {
        raw.check("start page", text);
    }

    let mut draft = s.start(pid).map_err(fail)?;
    let mut screen = s.screen(&draft).map_err(fail)?;
    for (i, step) in branch.pages.iter().enumerate() {
        let at = format!("step {} (page `{}`)", i + 1, step.page);
        if let ProcedureScreen::TaskList(list) = &screen {
            raw.check("task list", &list.title);
            for section in &list.sections {
                raw.check("task list", &section.title);
                raw.check("task list", &section.status_text);
            }
            if !list
                .sections
                .iter()
                .any(|s| s.first_page_id.as_deref() == Some(step.page.as_str()))
            {
                return Err(format!("{at}: the task list offers no task starting there"));
            }
            screen = s.go_to(&mut draft, &step.page).map_err(fail)?;
        }
        match &screen {
            ProcedureScreen::Question(view) if view.page_id == step.page => {
                raw.page(view);
                // What saving stores ("step 3 of 9") without building the page.
                let progress = s.progress(&draft).map_err(fail)?;
                if progress != Some((view.step.current, view.step.total)) {
                    return Err(format!(
                        "{at}: progress {progress:?}, the page says {} of {}",
                        view.step.current, view.step.total
                    ));
                }
            }
            other => return Err(format!("{at}: expected that page, got {}", describe(other))),
        }
        let answers: Answers = match &step.answers {
            None => Answers::new(),
            Some(value) => {
                let value = expand_value(value, today).map_err(|e| format!("{at}: {e}"))?;
                serde_json::from_value(value)
                    .map_err(|e| format!("{at}: answers are not engine answers: {e}"))?
            }
        };
        match s
            .continue_(&mut draft, &step.page, answers)
            .map_err(|e| format!("{at}: {e}"))?
        {
            Continue::Next(next) => screen = next,
            Continue::Invalid(view) => {
                let errors: Vec<String> = view
                    .errors
                    .iter()
                    .map(|e| format!("{}: {}", e.key, e.message))
                    .collect();
                return Err(format!("{at}: not valid:\n    {}", errors.join("\n    ")));
            }
        }
    }

    let submission = match branch.ends.as_str() {
        "checkAnswers" => {
            if let ProcedureScreen::TaskList(list) = &screen {
                if !list.can_check_answers {
                    return Err("the task list does not offer check your answers".into());
                }
                screen = ProcedureScreen::CheckAnswers(s.check_answers(&mut draft).map_err(fail)?);
            }
            let ProcedureScreen::CheckAnswers(summary) = &screen else {
                return Err(format!(
                    "expected check your answers, got {}",
                    describe(&screen)
                ));
            };
            raw.check("check answers", &summary.title);
            raw.check("check answers", &summary.submit_label);
            for section in &summary.sections {
                raw.check("check answers", &section.title);
                raw.summary_items(&section.items);
            }
            if !summary.errors.is_empty() || !summary.can_submit {
                let errors: Vec<String> = summary
                    .errors
                    .iter()
                    .map(|e| format!("{}: {}", e.key, e.message))
                    .collect();
                return Err(format!(
                    "check your answers cannot submit:\n    {}",
                    errors.join("\n    ")
                ));
            }
            let mut missing = Vec::new();
            for section in &summary.sections {
                not_provided(&section.items, &mut missing);
            }
            let optional = shape(definition).optional_fields;
            let missing: Vec<&String> = missing
                .iter()
                .filter(|(key, calculated)| {
                    let field = key.rsplit('.').next().unwrap_or(key);
                    *calculated || !optional.contains(field)
                })
                .map(|(key, _)| key)
                .collect();
            if !missing.is_empty() {
                return Err(format!(
                    "check your answers shows required or calculated answers as missing: {missing:?}"
                ));
            }
            let submission = s.submission(&draft).map_err(fail)?;
            let validator = jsonschema::draft202012::new(&submission.schema)
                .map_err(|e| format!("the generated schema is not valid: {e}"))?;
            let errors: Vec<String> = validator
                .iter_errors(&submission.data)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            if !errors.is_empty() {
                return Err(format!(
                    "submission data do not satisfy their schema:\n    {}\n{:#}",
                    errors.join("\n    "),
                    submission.data
                ));
            }
            Some(submission)
        }
        end => {
            let exit_id = end
                .strip_prefix("exit:")
                .ok_or_else(|| format!("`ends` must be checkAnswers or exit:<id>, not {end:?}"))?;
            let ProcedureScreen::Exit(exit) = &screen else {
                return Err(format!(
                    "expected exit page `{exit_id}`, got {}",
                    describe(&screen)
                ));
            };
            if exit.page_id != exit_id {
                return Err(format!(
                    "expected exit page `{exit_id}`, got `{}`",
                    exit.page_id
                ));
            }
            raw.check("exit page", &exit.title);
            raw.check("exit page", &exit.body);
            if s.submission(&draft) != Err(ProcedureError::Exited(exit_id.to_owned())) {
                return Err("an exited draft must not make a submission".into());
            }
            None
        }
    };
    if raw.found.is_empty() {
        Ok(submission)
    } else {
        Err(format!(
            "texts missing in locale {locale}:\n    {}",
            raw.found.join("\n    ")
        ))
    }
}

#[test]
fn every_walk_reaches_its_end_in_german_and_its_chosen_locale() {
    let today = today();
    let mut failures = Vec::new();
    let mut runs = 0;
    for (file, walk) in walks() {
        for branch in &walk.branches {
            let mut locales = vec!["de"];
            if let Some(l) = branch.locale.as_deref()
                && l != "de"
            {
                locales.push(l);
            }
            for locale in locales {
                runs += 1;
                if let Err(e) = walk_branch(&walk, branch, locale, today) {
                    failures.push(format!("{file}: {:?} ({locale}): {e}", branch.name));
                }
            }
        }
    }
    assert!(runs > 0, "no walks found");
    assert!(
        failures.is_empty(),
        "{} of {runs} walks failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_bundled_procedure_has_a_walk_covering_its_branches_and_exits() {
    let bundled = bundled();
    let walks: BTreeMap<String, Walk> = walks()
        .into_iter()
        .map(|(_, w)| (w.procedure.clone(), w))
        .collect();
    let mut problems = Vec::new();
    for (pid, definition) in &bundled.definitions {
        let Some(walk) = walks.get(pid) else {
            problems.push(format!("{pid}: no walk file tests/walks/{pid}.json"));
            continue;
        };
        if !walk.branches.iter().any(|b| b.ends == "checkAnswers") {
            problems.push(format!("{pid}: no branch ends at check your answers"));
        }
        if !walk
            .branches
            .iter()
            .any(|b| b.locale.as_deref() == Some("en"))
        {
            problems.push(format!(
                "{pid}: no branch runs in English (\"locale\": \"en\")"
            ));
        }
        let mut names = BTreeSet::new();
        for branch in &walk.branches {
            if !names.insert(branch.name.as_str()) {
                problems.push(format!("{pid}: branch name {:?} twice", branch.name));
            }
        }
        let shape = shape(definition);
        for exit in &shape.exits {
            let end = format!("exit:{exit}");
            if !walk.branches.iter().any(|b| b.ends == end) {
                problems.push(format!("{pid}: no branch ends at exit page `{exit}`"));
            }
        }
        // A branch is taken when the walk goes from its page straight to its target.
        for (from, to) in &shape.branches {
            let taken = walk.branches.iter().any(|b| {
                let pages: Vec<&str> = b.pages.iter().map(|p| p.page.as_str()).collect();
                pages.windows(2).any(|w| w[0] == from && w[1] == to)
                    || (pages.last() == Some(&from.as_str()) && b.ends == format!("exit:{to}"))
            });
            if !taken {
                problems.push(format!(
                    "{pid}: no branch takes the way from page `{from}` to `{to}`"
                ));
            }
        }
    }
    for pid in walks.keys() {
        if !bundled.definitions.contains_key(pid) {
            problems.push(format!("tests/walks/{pid}.json walks no bundled procedure"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn message_ids_in(path: &std::path::Path) -> BTreeSet<String> {
    let source = String::from_utf8(read(path)).expect("UTF-8");
    source
        .lines()
        .filter(|l| !l.starts_with([' ', '#', '.', '*', '[', '}']))
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_owned()))
        .collect()
}

#[test]
fn every_bundled_procedure_has_all_its_texts_in_german_and_english_and_no_unused_ones() {
    let bundled = bundled();
    let mut problems = Vec::new();
    for procedure in bundled.catalog.procedures() {
        let pid = procedure.id().to_string();
        let pid = pid.as_str();
        let used: BTreeSet<String> = procedure
            .message_ids()
            .iter()
            .map(|m| m.as_str().to_owned())
            .collect();
        for locale in ["de", "en"] {
            let dir = repo_root().join(format!("locales/{locale}/procedures"));
            let own = message_ids_in(&dir.join(format!("{pid}.ftl")));
            let shared = message_ids_in(&dir.join("_validation.ftl"));
            let missing: Vec<&String> = used
                .iter()
                .filter(|id| !own.contains(*id) && !shared.contains(*id))
                .collect();
            if !missing.is_empty() {
                problems.push(format!("{locale}/procedures/{pid}.ftl lacks {missing:?}"));
            }
            let unused: Vec<&String> = own.iter().filter(|id| !used.contains(*id)).collect();
            if !unused.is_empty() {
                problems.push(format!(
                    "{locale}/procedures/{pid}.ftl has unused {unused:?}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// --- submission fixtures for the municipal API tests ---

/// The today of every submission fixture (the wizard fixtures' too), so the committed
/// files change only when a procedure's data do.
fn fixture_today() -> Date {
    Date::new(2025, 6, 15).expect("a real date")
}

fn submissions_dir() -> PathBuf {
    repo_root().join("tests/fixtures/submissions")
}

/// Objects with their keys sorted, at every depth: the same text whether or not
/// serde_json keeps insertion order in this build.
fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let entries: BTreeMap<&String, Value> =
                map.iter().map(|(k, v)| (k, sorted(v))).collect();
            Value::Object(entries.into_iter().map(|(k, v)| (k.clone(), v)).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// The fixture's text: the top level in the order a reader expects (what, then the
/// schema, then the data), everything below with sorted keys; pretty, with a final
/// newline.
fn fixture_text(submission: &Submission) -> Result<String, String> {
    let schema_uri = submission.schema["$id"]
        .as_str()
        .ok_or("the data schema has no $id")?;
    let top = [
        ("procedure", Value::from(submission.procedure_id.as_str())),
        (
            "version",
            Value::from(submission.procedure_version.as_str()),
        ),
        ("leika", Value::from(submission.leika.as_str())),
        ("schemaUri", Value::from(schema_uri)),
        ("schema", sorted(&submission.schema)),
        ("data", sorted(&submission.data)),
    ];
    let mut text = String::from("{\n");
    for (i, (key, value)) in top.iter().enumerate() {
        let pretty = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
        text.push_str(&format!("  {key:?}: {}", pretty.replace('\n', "\n  ")));
        text.push_str(if i + 1 < top.len() { ",\n" } else { "\n" });
    }
    text.push_str("}\n");
    Ok(text)
}

/// Writes `tests/fixtures/submissions/<procedure-id>.json` for every walk, each only when
/// its content differs (so an unchanged file keeps its time), and removes files of
/// procedures no longer bundled. `make generated-check` fails CI on a stale file.
#[test]
fn export_submission_fixtures() {
    let dir = submissions_dir();
    std::fs::create_dir_all(&dir).expect("submissions folder");
    let mut written = BTreeSet::new();
    let mut failures = Vec::new();
    for (file, walk) in walks() {
        let Some(branch) = walk.branches.iter().find(|b| b.ends == "checkAnswers") else {
            failures.push(format!("{file}: no branch ends at check your answers"));
            continue;
        };
        let text = match walk_branch(&walk, branch, "de", fixture_today()) {
            Ok(Some(submission)) => fixture_text(&submission),
            Ok(None) => Err("no submission".to_owned()),
            Err(e) => Err(e),
        };
        let text = match text {
            Ok(text) => text,
            Err(e) => {
                failures.push(format!("{file}: {:?}: {e}", branch.name));
                continue;
            }
        };
        // The fixture must read back as what it claims to be.
        let back: Value = serde_json::from_str(&text).expect("the fixture is JSON");
        assert_eq!(back["procedure"], walk.procedure.as_str());
        let name = format!("{}.json", walk.procedure);
        let path = dir.join(&name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, &text).expect("write the submission fixture");
        }
        written.insert(name);
    }
    for entry in std::fs::read_dir(&dir).expect("submissions folder") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if name.ends_with(".json") && !written.contains(&name) {
            std::fs::remove_file(&path).expect("remove a stale submission fixture");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        written.len(),
        bundled().definitions.len(),
        "one submission fixture per bundled procedure"
    );
}

#[test]
fn submission_fixtures_have_sorted_keys_and_a_stable_layout() {
    let value = serde_json::json!({"b": {"z": 1, "a": [{"y": 2, "x": 3}]}, "a": null});
    assert_eq!(
        serde_json::to_string(&sorted(&value)).expect("json"),
        r#"{"a":null,"b":{"a":[{"x":3,"y":2}],"z":1}}"#
    );
}
