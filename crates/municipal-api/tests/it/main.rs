//! The reference server's own tests: what needs its inside (concurrency, logs, the
//! database). `tests/municipal-api/` has the contract and interoperability tests.

mod server;
mod support;
