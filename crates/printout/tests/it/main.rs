//! The printout read back with Poppler's tools.

mod bundled;
mod pdf;
mod smoke;
mod support;
