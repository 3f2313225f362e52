//! Where texts come from is the caller's business: the shell formats them with
//! `amtsweg_l10n::Localizer`, tests may use a closure.

/// An argument of a message.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TextArg<'a> {
    Str(&'a str),
    Int(i64),
}

/// Formats message `id` for `locale`. Must not fail: a missing message shows its id.
pub trait Texts {
    fn text(&self, locale: &str, id: &str, args: &[(&str, TextArg<'_>)]) -> String;
}

impl<F> Texts for F
where
    F: Fn(&str, &str, &[(&str, TextArg<'_>)]) -> String,
{
    fn text(&self, locale: &str, id: &str, args: &[(&str, TextArg<'_>)]) -> String {
        self(locale, id, args)
    }
}
