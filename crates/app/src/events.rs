//! News for the UI: the core publishes what happened without being asked (the vault
//! opened after start, drafts came from an import) on a channel; the shell hands each
//! event to the webview under [`EVENT_CHANNEL`], and only `ui/src/api` listens. The core
//! never knows who listens: without a listener, events wait in the channel.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Mutex, PoisonError};

use serde::Serialize;
use ts_rs::TS;

/// The name under which the shell emits every [`AppEvent`] to the webview.
pub const EVENT_CHANNEL: &str = "amtsweg:event";

/// Something the UI should know without having asked. The UI answers each by asking
/// again for what it shows (the events carry no state of their own, so none can be
/// out of date by the time it arrives).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum AppEvent {
    /// The vault's state changed: it opened after start, is locked or unavailable, or
    /// was replaced ("My drafts" and "My data" show it).
    VaultChanged,
    /// Drafts were added or replaced by something other than the command the UI just
    /// made about one draft: an import, or "delete all".
    DraftsChanged,
    /// The outbox's worker moved an application on (sent, or a new status from the
    /// municipality) or failed a try ("My applications" asks again).
    ApplicationsChanged,
}

/// The channel events are published on; the shell takes its receiving end once.
#[derive(Debug)]
pub struct Events {
    sender: Sender<AppEvent>,
    receiver: Mutex<Option<Receiver<AppEvent>>>,
}

impl Default for Events {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self {
            sender,
            receiver: Mutex::new(Some(receiver)),
        }
    }
}

impl Events {
    /// A sending end for a part of the core that publishes from its own thread.
    pub fn sender(&self) -> Sender<AppEvent> {
        self.sender.clone()
    }

    pub fn publish(&self, event: AppEvent) {
        // The receiving end lives as long as the core; a send fails only once it is gone.
        let _ = self.sender.send(event);
    }

    /// The receiving end: the first call gets it, every later one `None`.
    pub fn take_receiver(&self) -> Option<Receiver<AppEvent>> {
        self.receiver
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
}
