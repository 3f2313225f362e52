//! Whether the municipality's server was reachable the last time Amtsweg asked it: the
//! online/offline indicator of "My applications". Nothing probes for it alone; every
//! call the app makes anyway reports its outcome here (the outbox's tries and polls, the
//! catalog's fetch), so the indicator costs no traffic and is never older than the last
//! thing the app tried.

use std::sync::mpsc::Sender;
use std::sync::{Mutex, PoisonError};

use serde::Serialize;
use ts_rs::TS;

use crate::events::AppEvent;

/// The last known reachability of the municipality's server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Connection {
    /// Nothing has been tried since Amtsweg started.
    Unknown,
    /// The last call was answered (even with a refusal: the server is there).
    Online,
    /// The last call found no server: no network, or the server is down.
    Offline,
}

/// Where the outcomes are gathered; a change is published as
/// [`AppEvent::ApplicationsChanged`] (the indicator lives on that screen).
#[derive(Debug)]
pub struct Connectivity {
    state: Mutex<Connection>,
    events: Sender<AppEvent>,
}

impl Connectivity {
    pub fn new(events: Sender<AppEvent>) -> Self {
        Self {
            state: Mutex::new(Connection::Unknown),
            events,
        }
    }

    /// The state now.
    pub fn current(&self) -> Connection {
        *self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A call to the municipality's server was answered (`true`) or found nobody
    /// (`false`). Publishes only a change.
    pub fn record(&self, answered: bool) {
        let next = if answered {
            Connection::Online
        } else {
            Connection::Offline
        };
        let changed = {
            let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            let changed = *state != next;
            *state = next;
            changed
        };
        if changed {
            // Gone only with the core; nobody listening is no error.
            let _ = self.events.send(AppEvent::ApplicationsChanged);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_change_is_published() {
        let (sender, receiver) = std::sync::mpsc::channel();
        let c = Connectivity::new(sender);
        assert_eq!(c.current(), Connection::Unknown);
        c.record(false);
        c.record(false);
        assert_eq!(c.current(), Connection::Offline);
        c.record(true);
        assert_eq!(c.current(), Connection::Online);
        let published: Vec<_> = receiver.try_iter().collect();
        assert_eq!(published, vec![AppEvent::ApplicationsChanged; 2]);
    }
}
