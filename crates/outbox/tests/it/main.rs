//! The outbox against the reference municipal API server over loopback.

mod events;
mod proxy;
mod proxy_selftest;
