//! The outbox against the reference municipal API server over loopback.

mod send;
mod support;
