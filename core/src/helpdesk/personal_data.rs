//! Finding personal data in free text. Findings never carry the data itself.
//!
//! - a CNP: a run of exactly 13 digits (no digit right before or after) that
//!   passes [`check_cnp`](crate::identity::check_cnp);
//! - a SNILS: a run of exactly 11 digits, or one written `123-456-789 01`,
//!   that passes [`check_snils`](crate::identity::check_snils); a run right
//!   after a `+` is a phone number in international form and is skipped;
//! - an e-mail address whose domain is not one of the allowed domains (the
//!   helpdesk's own).
//!
//! A phone number is not personal data here (DOMAIN.md §2.4).

use serde::{Deserialize, Serialize};

/// A kind of personal data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PersonalDataKind {
    /// A valid Romanian personal numeric code.
    Cnp,
    /// A valid Russian SNILS.
    Snils,
    /// A person's e-mail address.
    Email,
}

impl PersonalDataKind {
    /// How the finding is described in messages.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Cnp => "a personal numeric code (CNP)",
            Self::Snils => "an insurance account number (SNILS)",
            Self::Email => "a person's e-mail address",
        }
    }
}

/// The kinds of personal data found in `text`, each once, in `kinds` order.
pub(crate) fn find(
    text: &str,
    kinds: &[PersonalDataKind],
    allowed_domains: &[String],
) -> Vec<PersonalDataKind> {
    kinds
        .iter()
        .copied()
        .filter(|kind| match kind {
            PersonalDataKind::Cnp => digit_runs(text)
                .iter()
                .any(|run| run.len() == 13 && crate::identity::check_cnp(run).is_ok()),
            PersonalDataKind::Snils => has_snils(text),
            PersonalDataKind::Email => emails(text)
                .iter()
                .any(|domain| !allowed(domain, allowed_domains)),
        })
        .collect()
}

/// Maximal runs of ASCII digits, skipping runs right after a `+`.
fn digit_runs(text: &str) -> Vec<&str> {
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    let mut previous: Option<char> = None;
    let mut after_plus = false;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_ascii_digit() {
            if start.is_none() {
                start = Some(i);
                after_plus = previous == Some('+');
            }
        } else if let Some(s) = start.take() {
            if !after_plus {
                if let Some(run) = text.get(s..i) {
                    runs.push(run);
                }
            }
        }
        previous = Some(c);
    }
    runs
}

fn has_snils(text: &str) -> bool {
    if digit_runs(text)
        .iter()
        .any(|run| run.len() == 11 && crate::identity::check_snils(run).is_ok())
    {
        return true;
    }
    // Written form `ddd-ddd-ddd dd` (or with a `-` before the check number).
    let chars: Vec<char> = text.chars().collect();
    let shape: [Option<&[char]>; 14] = {
        const D: Option<&[char]> = None;
        const DASH: Option<&[char]> = Some(&['-']);
        const SEP: Option<&[char]> = Some(&[' ', '-']);
        [D, D, D, DASH, D, D, D, DASH, D, D, D, SEP, D, D]
    };
    chars.windows(14).enumerate().any(|(start, window)| {
        let fits = window
            .iter()
            .zip(shape.iter())
            .all(|(c, expected)| match expected {
                None => c.is_ascii_digit(),
                Some(options) => options.contains(c),
            });
        let before_is_digit = start
            .checked_sub(1)
            .and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_ascii_digit() || *c == '+');
        let after_is_digit = chars.get(start + 14).is_some_and(char::is_ascii_digit);
        fits && !before_is_digit && !after_is_digit && {
            let written: String = window.iter().collect();
            crate::identity::check_snils(&written).is_ok()
        }
    })
}

fn is_local_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn is_domain_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-')
}

/// The (lowercase) domains of the e-mail addresses in `text`.
fn emails(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('@') {
        let before = text.get(..at).unwrap_or_default();
        let after = text.get(at + 1..).unwrap_or_default();
        let local_len: usize = before
            .chars()
            .rev()
            .take_while(|c| is_local_char(*c))
            .map(char::len_utf8)
            .sum();
        let domain: String = after.chars().take_while(|c| is_domain_char(*c)).collect();
        let domain = domain.trim_end_matches(['.', '-']).to_lowercase();
        let labels: Vec<&str> = domain.split('.').collect();
        let valid_domain = labels.len() >= 2 && labels.iter().all(|l| !l.is_empty());
        if local_len > 0 && valid_domain {
            out.push(domain);
        }
    }
    out
}

fn allowed(domain: &str, allowed_domains: &[String]) -> bool {
    allowed_domains.iter().any(|a| {
        domain == a
            || domain
                .strip_suffix(a.as_str())
                .is_some_and(|rest| rest.ends_with('.'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use PersonalDataKind::*;

    fn found(text: &str) -> Vec<PersonalDataKind> {
        find(text, &[Cnp, Snils, Email], &["casan.ro".to_owned()])
    }

    #[test]
    fn finds_valid_national_ids_only() {
        assert_eq!(found("pacientul 2850312400014 nu apare"), vec![Cnp]);
        assert_eq!(
            found("cod 2850312400015 invalid"),
            Vec::<PersonalDataKind>::new()
        );
        assert_eq!(found("x12850312400014"), Vec::<PersonalDataKind>::new());
        assert_eq!(found("snils 112-233-445 95"), vec![Snils]);
        assert_eq!(found("snils 11223344595."), vec![Snils]);
        assert_eq!(
            found("snils 112-233-445 96"),
            Vec::<PersonalDataKind>::new()
        );
        assert_eq!(found("tel +11223344595"), Vec::<PersonalDataKind>::new());
    }

    #[test]
    fn phone_numbers_are_allowed() {
        assert_eq!(
            found("sunati la 0722 123 456 sau 0800 800 950"),
            Vec::<PersonalDataKind>::new()
        );
        assert_eq!(found("tel. 0722123456"), Vec::<PersonalDataKind>::new());
    }

    #[test]
    fn finds_personal_addresses_but_not_the_helpdesk() {
        assert_eq!(found("scrieti la ion.popescu@gmail.com."), vec![Email]);
        assert_eq!(
            found("am scris la suport.siui@casan.ro"),
            Vec::<PersonalDataKind>::new()
        );
        assert_eq!(found("a@b.suport.casan.ro"), Vec::<PersonalDataKind>::new());
        assert_eq!(found("x@notcasan.ro"), vec![Email]);
        assert_eq!(
            found("pret 5 @ 10 lei, user@localhost"),
            Vec::<PersonalDataKind>::new()
        );
    }
}
