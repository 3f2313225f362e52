//! The outbox against the reference municipal API server over loopback.

mod bad_input;
mod events;
mod faults;
mod proxy;
mod proxy_selftest;
mod restart;
mod seal;
mod send;
mod support;
