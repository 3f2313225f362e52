//! The printout read back with Poppler's tools.

mod bundled;
mod smoke;
mod support;
