//! National identifiers: Romanian CNP and Russian SNILS (DOMAIN.md §2.6).
//!
//! Checks never return or format the number itself: a national id is
//! personal data.

use crate::request::Sex;
use chrono::NaiveDate;

/// Why a national id was refused. Carries no digits of the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdProblem {
    /// Wrong length or a non-digit character.
    #[error("must be {0} digits")]
    Format(usize),
    /// The check digit does not match.
    #[error("its check digit does not match")]
    Checksum,
    /// The first digit is not a valid sex/century code.
    #[error("its first digit is not a valid sex and century code")]
    SexCentury,
    /// The encoded birth date is not a calendar date.
    #[error("it encodes an impossible birth date")]
    BirthDate,
    /// The encoded birth date differs from the member's.
    #[error("its birth date differs from the member's `birth_date`")]
    BirthDateMismatch,
    /// The encoded sex differs from the member's.
    #[error("its sex digit differs from the member's `sex`")]
    SexMismatch,
}

fn digits(text: &str, len: usize) -> Result<Vec<u32>, IdProblem> {
    let ds: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
    if ds.len() != len || text.chars().count() != len {
        return Err(IdProblem::Format(len));
    }
    Ok(ds)
}

/// What a valid CNP encodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CnpFacts {
    /// Birth date; for a foreign resident the century is a guess (the 1900s
    /// unless the day exists only in the 2000s: 29 February 2000).
    pub birth_date: NaiveDate,
    /// Sex, when encoded (S = 9 encodes none).
    pub sex: Option<Sex>,
    /// Foreign resident (S = 7, 8 or 9); birth century then unknown.
    pub foreigner: bool,
}

const CNP_WEIGHTS: [u32; 12] = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];

/// Checks a CNP's format, sex/century digit, birth date and check digit.
pub fn check_cnp(cnp: &str) -> Result<CnpFacts, IdProblem> {
    let d = digits(cnp, 13)?;
    let sum: u32 = d.iter().zip(CNP_WEIGHTS).map(|(a, w)| a * w).sum();
    let check = match sum % 11 {
        10 => 1,
        r => r,
    };
    if d.get(12) != Some(&check) {
        return Err(IdProblem::Checksum);
    }
    let at = |i: usize| d.get(i).copied().unwrap_or(0);
    let s = at(0);
    let (century, sex, foreigner) = match s {
        1 => (1900, Some(Sex::M), false),
        2 => (1900, Some(Sex::F), false),
        3 => (1800, Some(Sex::M), false),
        4 => (1800, Some(Sex::F), false),
        5 => (2000, Some(Sex::M), false),
        6 => (2000, Some(Sex::F), false),
        7 => (1900, Some(Sex::M), true),
        8 => (1900, Some(Sex::F), true),
        9 => (1900, None, true),
        _ => return Err(IdProblem::SexCentury),
    };
    let yy = at(1) * 10 + at(2);
    let mm = at(3) * 10 + at(4);
    let dd = at(5) * 10 + at(6);
    let year = century + yy as i32;
    // A foreign resident's century is not encoded: the day must exist in
    // some century (29 February of year 00 exists in 2000, not in 1900).
    let birth_date = NaiveDate::from_ymd_opt(year, mm, dd)
        .or_else(|| {
            foreigner
                .then(|| NaiveDate::from_ymd_opt(year + 100, mm, dd))
                .flatten()
        })
        .ok_or(IdProblem::BirthDate)?;
    Ok(CnpFacts {
        birth_date,
        sex,
        foreigner,
    })
}

/// Checks a CNP against the member's birth date and sex. For foreign
/// residents only day and month are compared (the century is not encoded);
/// S = 9 carries no sex.
pub fn check_cnp_for(cnp: &str, birth_date: NaiveDate, sex: Sex) -> Result<(), IdProblem> {
    let facts = check_cnp(cnp)?;
    if facts.sex.is_some_and(|encoded| encoded != sex) {
        return Err(IdProblem::SexMismatch);
    }
    let same = if facts.foreigner {
        use chrono::Datelike;
        facts.birth_date.year() % 100 == birth_date.year() % 100
            && facts.birth_date.month() == birth_date.month()
            && facts.birth_date.day() == birth_date.day()
    } else {
        facts.birth_date == birth_date
    };
    if !same {
        return Err(IdProblem::BirthDateMismatch);
    }
    Ok(())
}

/// Checks a SNILS (`11223344595`, or written `112-233-445 95`).
pub fn check_snils(snils: &str) -> Result<(), IdProblem> {
    let compact: String = snils.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    let d = digits(&compact, 11)?;
    let sum: u32 = d
        .iter()
        .take(9)
        .zip((1..=9).rev())
        .map(|(a, w)| a * w)
        .sum();
    let check = match sum {
        s if s < 100 => s,
        100 | 101 => 0,
        s => match s % 101 {
            100 => 0,
            r => r,
        },
    };
    let given = d.get(9).copied().unwrap_or(0) * 10 + d.get(10).copied().unwrap_or(0);
    if given == check {
        Ok(())
    } else {
        Err(IdProblem::Checksum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        crate::date::parse(text).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn valid_cnps_of_the_acceptance_scenarios() {
        assert_eq!(
            check_cnp_for("2850312400014", d("1985-03-12"), Sex::F),
            Ok(())
        );
        assert_eq!(
            check_cnp_for("6180715401235", d("2018-07-15"), Sex::F),
            Ok(())
        );
    }

    #[test]
    fn foreigners_born_on_29_february_2000() {
        // The century of S = 7/8/9 is not encoded; 2000-02-29 exists.
        assert_eq!(
            check_cnp_for("7000229400012", d("2000-02-29"), Sex::M),
            Ok(())
        );
        assert_eq!(check_cnp("8000229400014").map(|f| f.sex), Ok(Some(Sex::F)));
        // Day 30 exists in no century.
        assert_eq!(check_cnp("7000230400013"), Err(IdProblem::BirthDate));
    }

    #[test]
    fn invalid_cnps() {
        assert_eq!(check_cnp("2850312400015"), Err(IdProblem::Checksum));
        assert_eq!(check_cnp("285031240001"), Err(IdProblem::Format(13)));
        assert_eq!(check_cnp("28503124000a4"), Err(IdProblem::Format(13)));
        assert_eq!(
            check_cnp_for("2850312400014", d("1985-03-13"), Sex::F),
            Err(IdProblem::BirthDateMismatch)
        );
        assert_eq!(
            check_cnp_for("2850312400014", d("1985-03-12"), Sex::M),
            Err(IdProblem::SexMismatch)
        );
        // S = 0 with a matching check digit.
        assert_eq!(check_cnp("0850312400010"), Err(IdProblem::SexCentury));
    }

    #[test]
    fn snils_checksums() {
        assert_eq!(check_snils("112-233-445 95"), Ok(()));
        assert_eq!(check_snils("11223344595"), Ok(()));
        assert_eq!(check_snils("11223344596"), Err(IdProblem::Checksum));
        assert_eq!(check_snils("1122334459"), Err(IdProblem::Format(11)));
        // Sums of exactly 100 and 101 give the check number 00.
        assert_eq!(check_snils("10001899900"), Ok(()));
        assert_eq!(check_snils("10001989900"), Ok(()));
        assert_eq!(check_snils("10001899901"), Err(IdProblem::Checksum));
    }
}
