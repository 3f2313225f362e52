//! The outbox against the reference municipal API server over loopback.

mod restart;
mod send;
mod support;
