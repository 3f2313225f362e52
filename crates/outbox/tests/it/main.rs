//! The outbox against the reference municipal API server over loopback.

mod restart;
mod send;
mod support;
mod events;
mod faults;
mod proxy;
mod proxy_selftest;
