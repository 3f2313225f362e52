//! The recovery code: the citizen's way back to their drafts when the keys are lost
//! (the keychain was reset, a new installation, a forgotten passphrase).
//!
//! 128 random bits and an 8-bit check, written in Crockford's base32 (digits and capital
//! letters without I, L, O and U, so no two symbols look alike; an O typed for a 0, or an
//! I or L for a 1, is read as meant) in seven groups of four: `7KQ2-M9XD-…`. The check
//! tells a typo from a wrong code before Argon2id runs. The code is shown once and never
//! stored: the vault keeps only its keys sealed under a key derived from the code.

use std::fmt;
use std::sync::LazyLock;

use data_encoding::{Encoding, Specification};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::VaultError;

/// Random bytes of a code (128 bits).
const RANDOM_LEN: usize = 16;
/// Random bytes and the check byte.
const CODE_LEN: usize = RANDOM_LEN + 1;
/// Characters per group as shown.
const GROUP: usize = 4;

/// Crockford's base32, decoding case-insensitively and the look-alikes as meant; spaces
/// and dashes (how the code is shown, how people retype it) are ignored.
static CROCKFORD: LazyLock<Encoding> = LazyLock::new(|| {
    let mut spec = Specification::new();
    spec.symbols.push_str("0123456789ABCDEFGHJKMNPQRSTVWXYZ");
    spec.translate.from.push_str("abcdefghjkmnpqrstvwxyzOoIiLl");
    spec.translate.to.push_str("ABCDEFGHJKMNPQRSTVWXYZ001111");
    spec.ignore.push_str(" -\t\n");
    // The specification is constant and valid; `encoding` fails only on invalid ones.
    spec.encoding()
        .expect("Crockford's base32 is a valid specification")
});

/// A recovery code. Wiped on drop; `Debug` prints `<redacted>`.
#[derive(Clone)]
pub struct RecoveryCode(Zeroizing<[u8; CODE_LEN]>);

impl fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryCode(<redacted>)")
    }
}

fn check_byte(random: &[u8]) -> u8 {
    let mut hasher = Sha256::new();
    hasher.update(b"amtsweg recovery code check 1");
    hasher.update(random);
    hasher.finalize()[0]
}

impl RecoveryCode {
    /// A new code from the operating system's random source.
    pub fn generate() -> Result<RecoveryCode, VaultError> {
        let mut bytes = Zeroizing::new([0u8; CODE_LEN]);
        getrandom::fill(&mut bytes[..RANDOM_LEN]).map_err(|e| VaultError::Random(e.to_string()))?;
        bytes[RANDOM_LEN] = check_byte(&bytes[..RANDOM_LEN]);
        Ok(RecoveryCode(bytes))
    }

    /// The code as typed: any case, with or without dashes and spaces, O for 0 and I or
    /// L for 1. [`VaultError::RecoveryCodeFormat`] when it is not 28 symbols of the
    /// alphabet or its check does not match (a typo).
    pub fn parse(text: &str) -> Result<RecoveryCode, VaultError> {
        let text = Zeroizing::new(text.trim().to_owned());
        let decoded = Zeroizing::new(
            CROCKFORD
                .decode(text.as_bytes())
                .map_err(|_| VaultError::RecoveryCodeFormat)?,
        );
        let bytes: [u8; CODE_LEN] = decoded
            .as_slice()
            .try_into()
            .map_err(|_| VaultError::RecoveryCodeFormat)?;
        let bytes = Zeroizing::new(bytes);
        if check_byte(&bytes[..RANDOM_LEN]) != bytes[RANDOM_LEN] {
            return Err(VaultError::RecoveryCodeFormat);
        }
        Ok(RecoveryCode(bytes))
    }

    /// The code as shown to the citizen: seven groups of four, joined by dashes. Wiped
    /// when dropped.
    pub fn to_display(&self) -> Zeroizing<String> {
        let plain = Zeroizing::new(CROCKFORD.encode(self.0.as_slice()));
        let mut shown = Zeroizing::new(String::with_capacity(plain.len() + plain.len() / GROUP));
        for (i, c) in plain.chars().enumerate() {
            if i > 0 && i % GROUP == 0 {
                shown.push('-');
            }
            shown.push(c);
        }
        shown
    }

    /// What the key is derived from: the random part (the check adds no secret).
    pub(crate) fn secret(&self) -> &[u8] {
        &self.0[..RANDOM_LEN]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_seven_groups_of_four_and_reads_back() {
        let code = RecoveryCode::generate().expect("code");
        let shown = code.to_display();
        let groups: Vec<&str> = shown.split('-').collect();
        assert_eq!(groups.len(), 7, "{}", shown.len());
        assert!(groups.iter().all(|g| g.len() == 4));
        // 28 symbols of 5 bits: at least the 128 random bits and the check.
        assert_eq!(
            shown.chars().filter(|c| *c != '-').count() * 5 / 8,
            CODE_LEN
        );
        let back = RecoveryCode::parse(&shown).expect("parse");
        assert_eq!(back.secret(), code.secret());
    }

    #[test]
    fn no_two_symbols_look_alike() {
        let code = RecoveryCode::generate().expect("code");
        for c in code.to_display().chars().filter(|c| *c != '-') {
            assert!(
                !"ILOU".contains(c) && (c.is_ascii_digit() || c.is_ascii_uppercase()),
                "{c}"
            );
        }
    }

    #[test]
    fn retyped_codes_are_read_as_meant() {
        let code = RecoveryCode::generate().expect("code");
        let shown = code.to_display().to_string();
        let loose = shown
            .to_lowercase()
            .replace('-', " ")
            .replace('0', "o")
            .replace('1', "l");
        let back = RecoveryCode::parse(&format!("  {loose}\n")).expect("parse loose");
        assert_eq!(back.secret(), code.secret());
        let joined = shown.replace('-', "");
        assert_eq!(
            RecoveryCode::parse(&joined).expect("parse joined").secret(),
            code.secret()
        );
    }

    #[test]
    fn a_typo_is_caught_by_the_check() {
        let code = RecoveryCode::generate().expect("code");
        let shown = code.to_display().to_string();
        let mut wrong = 0;
        // Every single-symbol change of the first group: the 8-bit check lets about one
        // in 256 through; of these 4 × 31 changes nearly all must be caught.
        for at in 0..4 {
            for symbol in "0123456789ABCDEFGHJKMNPQRSTVWXYZ".chars() {
                if shown.as_bytes()[at] == symbol as u8 {
                    continue;
                }
                let mut typo = shown.clone();
                typo.replace_range(at..=at, &symbol.to_string());
                if RecoveryCode::parse(&typo).is_ok() {
                    wrong += 1;
                }
            }
        }
        assert!(wrong <= 4, "{wrong} of 124 typos passed the check");
        for bad in [
            "",
            "ABCD",
            &shown[..shown.len() - 1],
            &format!("{shown}A"),
            "UUUU-UUUU",
        ] {
            assert!(
                matches!(
                    RecoveryCode::parse(bad),
                    Err(VaultError::RecoveryCodeFormat)
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn debug_does_not_show_the_code() {
        let code = RecoveryCode::generate().expect("code");
        assert_eq!(format!("{code:?}"), "RecoveryCode(<redacted>)");
    }
}
