//! The printout read back with Poppler's tools.

mod smoke;
mod support;
