//! The vault's keys in the OS keychain (being written: see the vault issue).
