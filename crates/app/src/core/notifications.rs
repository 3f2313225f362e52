//! The OS notification that tells the citizen what happened to an application while
//! Amtsweg runs in the background: it was sent (with its case number), forwarded,
//! accepted or rejected. The outbox's worker reports every try ([`Report`]); this
//! decides WHEN a report is news and WHAT it says, in the citizen's language, and the
//! [`Host`] shows it. Only Rust calls it: the webview has no notification permission.
//!
//! News is a transition the worker observed in this process: a report carries the status
//! before the try, so a restart that polls an application sent long ago (and finds no
//! news, or the server down) tells nothing. Failed tries and the steps of sending tell
//! nothing either: "My applications" shows them. Each application is told of a status
//! once, however often it is reported.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use amtsweg_l10n::Args;
use amtsweg_outbox::{Report, Status};

use super::catalog::CatalogInUse;
use super::frame::Frame;
use crate::host::{Host, Notification};

/// What the citizen is told of: each a step of the municipality's handling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum News {
    /// The municipality confirmed receipt: the case number is known.
    Sent,
    Forwarded,
    Accepted,
    Rejected,
}

impl News {
    /// The news `status` is, once the application is sent; none before.
    fn of(status: &Status) -> Option<News> {
        match status {
            Status::Waiting { .. } | Status::Sending { .. } => None,
            Status::Submitted { .. } => Some(News::Sent),
            Status::Forwarded { .. } => Some(News::Forwarded),
            Status::Accepted { .. } => Some(News::Accepted),
            Status::Rejected { .. } => Some(News::Rejected),
        }
    }

    /// Its name in the log (no case number, no reason).
    fn name(self) -> &'static str {
        match self {
            News::Sent => "sent",
            News::Forwarded => "forwarded",
            News::Accepted => "accepted",
            News::Rejected => "rejected",
        }
    }
}

/// The news in a change from `previous` to `status`, in order: a try that took an
/// application from waiting to already decided tells "sent" first, then the decision.
pub fn news(previous: &Status, status: &Status) -> Vec<News> {
    let (before, after) = (News::of(previous), News::of(status));
    match (before, after) {
        (_, None) => Vec::new(),
        (None, Some(News::Sent)) => vec![News::Sent],
        (None, Some(decided)) => vec![News::Sent, decided],
        (Some(before), Some(after)) if before == after => Vec::new(),
        (Some(_), Some(after)) => vec![after],
    }
}

/// The last news told of each application in this process (by application id): an
/// application is told of a status once, even should the worker report it again (a
/// worker restarted for a re-opened vault).
#[derive(Debug, Default)]
struct Told(Mutex<HashMap<String, News>>);

impl Told {
    /// Whether `news` is new for `application_id`; it is recorded as told.
    fn first_time(&self, application_id: &str, news: News) -> bool {
        let mut told = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if told.get(application_id) == Some(&news) {
            return false;
        }
        told.insert(application_id.to_owned(), news);
        true
    }
}

/// Longest reason a notification quotes; the whole one is in "My applications".
const REASON_LIMIT: usize = 200;

/// Decides and words the notifications; called by the outbox's worker with each report.
pub struct Notifier {
    frame: Arc<Frame>,
    catalog: Arc<CatalogInUse>,
    host: Arc<dyn Host>,
    told: Told,
}

impl std::fmt::Debug for Notifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Notifier").finish_non_exhaustive()
    }
}

impl Notifier {
    pub fn new(frame: Arc<Frame>, catalog: Arc<CatalogInUse>, host: Arc<dyn Host>) -> Self {
        Self {
            frame,
            catalog,
            host,
            told: Told::default(),
        }
    }

    /// Shows a notification for each news in `report` not told before. A notification
    /// the OS cannot show is logged and not tried again: "My applications" has it too.
    pub fn report(&self, report: &Report) {
        for news in news(&report.previous, &report.status) {
            if !self.told.first_time(&report.application_id, news) {
                continue;
            }
            let notification = self.notification(news, report);
            match self.host.notify(&notification) {
                Ok(()) => tracing::info!(news = news.name(), "notification-shown"),
                Err(error) => {
                    tracing::warn!(news = news.name(), %error, "notification-not-shown")
                }
            }
        }
    }

    /// The texts of `news` about the application of `report`, in the locale in use.
    fn notification(&self, news: News, report: &Report) -> Notification {
        let mut args = Args::new();
        // The catalog's title in the citizen's language; the German one it was sent
        // under when the catalog no longer has the procedure.
        let procedure = self
            .catalog
            .titles()
            .remove(&report.procedure_id)
            .unwrap_or_else(|| report.sent_title.clone());
        args.set("procedure", procedure);
        let municipality = match self.catalog.find_municipality(&report.ars) {
            Ok(municipality) => municipality.name().to_owned(),
            Err(_) => self.frame.text("notification-municipality-unknown", None),
        };
        args.set("municipality", municipality);
        args.set("case", case_id(&report.status).to_owned());
        let (title, body) = match (news, &report.status) {
            (News::Sent, _) => ("notification-sent-title", "notification-sent-body"),
            (News::Forwarded, _) => (
                "notification-forwarded-title",
                "notification-forwarded-body",
            ),
            (News::Accepted, _) => ("notification-accepted-title", "notification-accepted-body"),
            (
                News::Rejected,
                Status::Rejected {
                    reason: Some(reason),
                    ..
                },
            ) if !reason.trim().is_empty() => {
                args.set("reason", quoted_reason(reason));
                (
                    "notification-rejected-title",
                    "notification-rejected-reason-body",
                )
            }
            (News::Rejected, _) => ("notification-rejected-title", "notification-rejected-body"),
        };
        Notification {
            title: self.frame.text(title, None),
            body: self.frame.text(body, Some(&args)),
        }
    }
}

fn case_id(status: &Status) -> &str {
    match status {
        Status::Submitted { case_id }
        | Status::Forwarded { case_id }
        | Status::Accepted { case_id }
        | Status::Rejected { case_id, .. } => case_id,
        Status::Waiting { .. } | Status::Sending { .. } => "",
    }
}

/// The municipality's reason on one line, cut to [`REASON_LIMIT`] characters (a
/// notification shows a few lines at most).
fn quoted_reason(reason: &str) -> String {
    let line: String = reason
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    if line.chars().count() <= REASON_LIMIT {
        return line;
    }
    let mut cut: String = line.chars().take(REASON_LIMIT - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiting() -> Status {
        Status::Waiting { last_error: None }
    }
    fn submitted() -> Status {
        Status::Submitted {
            case_id: "C-1".into(),
        }
    }
    fn accepted() -> Status {
        Status::Accepted {
            case_id: "C-1".into(),
        }
    }

    #[test]
    fn only_a_change_once_sent_is_news() {
        assert_eq!(news(&waiting(), &submitted()), [News::Sent]);
        assert_eq!(
            news(
                &Status::Sending {
                    last_error: Some("network".into())
                },
                &submitted()
            ),
            [News::Sent]
        );
        assert_eq!(news(&submitted(), &accepted()), [News::Accepted]);
        // A failed try, a step of sending, a poll without news: nothing.
        assert_eq!(
            news(
                &waiting(),
                &Status::Waiting {
                    last_error: Some("network".into())
                }
            ),
            []
        );
        assert_eq!(news(&waiting(), &Status::Sending { last_error: None }), []);
        assert_eq!(news(&submitted(), &submitted()), []);
        assert_eq!(news(&accepted(), &accepted()), []);
    }

    #[test]
    fn a_try_from_waiting_to_decided_tells_sent_then_the_decision() {
        assert_eq!(news(&waiting(), &accepted()), [News::Sent, News::Accepted]);
        let rejected = Status::Rejected {
            case_id: "C-1".into(),
            reason: None,
        };
        assert_eq!(news(&submitted(), &rejected), [News::Rejected]);
    }

    #[test]
    fn each_application_is_told_of_a_status_once() {
        let told = Told::default();
        assert!(told.first_time("a", News::Sent));
        assert!(!told.first_time("a", News::Sent));
        assert!(told.first_time("b", News::Sent), "another application");
        assert!(told.first_time("a", News::Accepted));
        assert!(!told.first_time("a", News::Accepted));
    }

    #[test]
    fn a_reason_is_one_line_and_cut() {
        assert_eq!(quoted_reason(" Fehlt:\n\tNachweis  "), "Fehlt: Nachweis");
        let long = "x".repeat(REASON_LIMIT + 10);
        let cut = quoted_reason(&long);
        assert_eq!(cut.chars().count(), REASON_LIMIT);
        assert!(cut.ends_with('…'));
    }
}
