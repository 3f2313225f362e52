//! The outbox against the reference municipal API server over loopback.

mod seal;
