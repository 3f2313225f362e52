//! Tests of `amtsweg-dev`: the checker on the repository's catalog and on broken
//! fixtures (tests/fixtures/<case>/), and the binary itself.

mod check;
mod cli;
