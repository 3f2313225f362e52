//! The outbox: each application frozen at submit, sealed on the device for the
//! authority, and delivered exactly once to the municipality's submission endpoint
//! (the municipal API, `docs/municipal-api.openapi.yaml`), whatever the network does.
//!
//! No tauri: the app core runs the worker and forwards its reports as core events.
//! ARCHITECTURE.md ("Outbox") has the exactly-once argument.

mod api;
mod destination;
mod error;
mod events;
mod failpoint;
mod handover;
mod installation;
mod jwe;
pub mod metadata;
mod model;
mod seal;
mod sending;
mod worker;

pub use api::{Api, Created, Route, SubmitOutcome, Timeouts, check_endpoint};
pub use destination::{DestinationKey, TrustAnchors, check_key};
pub use error::{KeyRefusal, OutboxError};
pub use events::{CaseEvent, EventKeys, EventKind, Expected, MIN_EVENT_KEY_BITS};
pub use handover::{reached_server, submitted};
pub use installation::{ASSERTION_LIFETIME, Installation};
pub use metadata::MetadataParts;
pub use model::{FrozenApplication, FrozenFile, Sealed, SealedFile, ServiceType};
pub use seal::{SealLimits, seal};
pub use sending::{SendingRecord, Status, Step};
pub use worker::{Listed, Outbox, OutboxConfig, Report, Reporter, Submit, metadata_of};

#[cfg(all(feature = "test-trust", not(debug_assertions)))]
compile_error!(
    "the `test-trust` feature trusts the committed demo certificate authority and must \
     never be in a release build"
);
