//! Dates as witnesses give them: often only a year or a month, often "around".

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date known to day, month or year precision, possibly approximate.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FuzzyDate {
    pub year: i32,
    pub month: Option<u8>,
    /// Only meaningful when `month` is set.
    pub day: Option<u8>,
    pub approximate: bool,
}

/// Why a date was not understood; shown as its `date-error-…` message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateParseError {
    Unrecognised,
    BadMonth,
    BadDay,
    BadYear,
}

impl fmt::Display for DateParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::t(match self {
            DateParseError::Unrecognised => "date-error-unrecognised",
            DateParseError::BadMonth => "date-error-bad-month",
            DateParseError::BadDay => "date-error-bad-day",
            DateParseError::BadYear => "date-error-bad-year",
        }))
    }
}

impl std::error::Error for DateParseError {}

impl FuzzyDate {
    pub fn year(year: i32) -> Self {
        FuzzyDate { year, month: None, day: None, approximate: false }
    }
    pub fn month(year: i32, month: u8) -> Self {
        FuzzyDate { year, month: Some(month), day: None, approximate: false }
    }
    pub fn day(year: i32, month: u8, day: u8) -> Self {
        FuzzyDate { year, month: Some(month), day: Some(day), approximate: false }
    }
    pub fn approx(mut self) -> Self {
        self.approximate = true;
        self
    }

    /// Accepts ISO (`2024-09-03`, `2024-09`, `2024`), dotted (`2024.09.03`,
    /// `2024.9`), slashed, and Korean (`2024년 9월 3일`, `2024년`) forms. A
    /// leading `~`, `c.`, `ca.`, `about`, `around`, `약` or a trailing `경`/`쯤`/`?`
    /// marks the date approximate.
    pub fn parse(input: &str) -> Result<FuzzyDate, DateParseError> {
        // NFKC folds full-width digits and punctuation to ASCII.
        let mut s: String = unicode_normalization::UnicodeNormalization::nfkc(input.trim()).collect();
        let mut approximate = false;
        for prefix in ["~", "c.", "ca.", "about ", "around ", "approx.", "approx ", "약 ", "약"] {
            if let Some(rest) = s.strip_prefix(prefix) {
                approximate = true;
                s = rest.trim().to_string();
                break;
            }
        }
        for suffix in ["경", "쯤", "?", "(approx.)"] {
            if let Some(rest) = s.strip_suffix(suffix) {
                approximate = true;
                s = rest.trim().to_string();
                break;
            }
        }
        // Korean units become separators.
        let normalised: String = s
            .chars()
            .map(|c| match c {
                '년' | '월' | '.' | '/' | '-' => ' ',
                '일' => ' ',
                _ => c,
            })
            .collect();
        let parts: Vec<&str> = normalised.split_whitespace().collect();
        if parts.is_empty() || parts.len() > 3 || !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
            return Err(DateParseError::Unrecognised);
        }
        let num = |p: &str| p.parse::<i64>().map_err(|_| DateParseError::Unrecognised);
        let year = num(parts[0])?;
        if parts[0].len() != 4 || !(1900..=2100).contains(&year) {
            return Err(if parts[0].len() == 4 { DateParseError::BadYear } else { DateParseError::Unrecognised });
        }
        let month = match parts.get(1) {
            Some(p) => {
                let m = num(p)?;
                if !(1..=12).contains(&m) {
                    return Err(DateParseError::BadMonth);
                }
                Some(m as u8)
            }
            None => None,
        };
        let day = match parts.get(2) {
            Some(p) => {
                let d = num(p)?;
                let m = month.unwrap_or(1);
                let max = time::Month::try_from(m).map(|mm| time::util::days_in_month(mm, year as i32)).unwrap_or(31);
                if d < 1 || d > max as i64 {
                    return Err(DateParseError::BadDay);
                }
                Some(d as u8)
            }
            None => None,
        };
        Ok(FuzzyDate { year: year as i32, month, day, approximate })
    }

    /// ISO-like text with a `~` for approximate: `2024-09-03`, `~2024-09`, `2024`.
    pub fn to_iso(&self) -> String {
        let core = match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        };
        if self.approximate { format!("~{core}") } else { core }
    }

    /// Korean display: `2024년 9월 3일`, `2024년 9월경`.
    pub fn to_korean(&self) -> String {
        let mut s = format!("{}년", self.year);
        if let Some(m) = self.month {
            s.push_str(&format!(" {m}월"));
            if let Some(d) = self.day {
                s.push_str(&format!(" {d}일"));
            }
        }
        if self.approximate {
            s.push('경');
        }
        s
    }

    /// Sort key: earliest day the date could mean.
    pub fn sort_key(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }
}

impl fmt::Display for FuzzyDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

/// A single date (only `start`) or a span; both ends may be unknown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    pub start: Option<FuzzyDate>,
    pub end: Option<FuzzyDate>,
}

impl DateRange {
    pub fn single(date: FuzzyDate) -> Self {
        DateRange { start: Some(date), end: None }
    }

    /// Parses `2019`, `2019-03 ~ 2019-06`, `2019 to 2020`, `2019년 3월 - 2020년`.
    pub fn parse(input: &str) -> Result<DateRange, DateParseError> {
        let s = input.trim();
        if s.is_empty() {
            return Ok(DateRange::default());
        }
        for sep in [" ~ ", " to ", " – ", " - ", "부터", "–", "～"] {
            if let Some((a, b)) = s.split_once(sep) {
                let a = a.trim();
                let b = b.trim().trim_end_matches("까지").trim();
                // `?` stands for an unknown end, as `to_iso` prints it.
                let side = |t: &str| if t.is_empty() || t == "?" { Ok(None) } else { FuzzyDate::parse(t).map(Some) };
                return Ok(DateRange { start: side(a)?, end: side(b)? });
            }
        }
        Ok(DateRange::single(FuzzyDate::parse(s)?))
    }

    pub fn to_iso(&self) -> String {
        match (&self.start, &self.end) {
            (Some(a), Some(b)) => format!("{} ~ {}", a.to_iso(), b.to_iso()),
            (Some(a), None) => a.to_iso(),
            // Not "~ 2019": that reads back as "about 2019".
            (None, Some(b)) => format!("? ~ {}", b.to_iso()),
            (None, None) => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parse_error_has_its_text_in_both_languages() {
        use DateParseError as E;
        for e in [E::Unrecognised, E::BadMonth, E::BadDay, E::BadYear] {
            // No catch-all: a new variant is listed here or does not compile.
            match e {
                E::Unrecognised | E::BadMonth | E::BadDay | E::BadYear => crate::i18n::assert_shown_in_both_languages(&e),
            }
        }
    }

    #[test]
    fn parses_the_common_forms() {
        assert_eq!(FuzzyDate::parse("2024-09-03").unwrap(), FuzzyDate::day(2024, 9, 3));
        assert_eq!(FuzzyDate::parse("2024-09").unwrap(), FuzzyDate::month(2024, 9));
        assert_eq!(FuzzyDate::parse("2024.09").unwrap(), FuzzyDate::month(2024, 9));
        assert_eq!(FuzzyDate::parse("2024").unwrap(), FuzzyDate::year(2024));
        assert_eq!(FuzzyDate::parse("2024년 9월").unwrap(), FuzzyDate::month(2024, 9));
        assert_eq!(FuzzyDate::parse("2024년 9월 3일").unwrap(), FuzzyDate::day(2024, 9, 3));
        assert_eq!(FuzzyDate::parse("~2019").unwrap(), FuzzyDate::year(2019).approx());
        assert_eq!(FuzzyDate::parse("2019년경").unwrap(), FuzzyDate::year(2019).approx());
        assert_eq!(FuzzyDate::parse("２０２４．０９").unwrap(), FuzzyDate::month(2024, 9));
    }

    #[test]
    fn rejects_nonsense() {
        assert_eq!(FuzzyDate::parse("2024-13"), Err(DateParseError::BadMonth));
        assert_eq!(FuzzyDate::parse("2023-02-29"), Err(DateParseError::BadDay));
        assert!(FuzzyDate::parse("yesterday").is_err());
        assert!(FuzzyDate::parse("24-09").is_err());
        assert!(FuzzyDate::parse("").is_err());
    }

    #[test]
    fn display_round_trips() {
        for s in ["2024-09-03", "~2024-09", "2019"] {
            assert_eq!(FuzzyDate::parse(s).unwrap().to_iso(), s);
        }
        assert_eq!(FuzzyDate::month(2024, 9).approx().to_korean(), "2024년 9월경");
    }

    #[test]
    fn ranges() {
        let r = DateRange::parse("2019-03 ~ 2019-06").unwrap();
        assert_eq!(r.start, Some(FuzzyDate::month(2019, 3)));
        assert_eq!(r.end, Some(FuzzyDate::month(2019, 6)));
        assert_eq!(DateRange::parse(&r.to_iso()).unwrap(), r);
        assert_eq!(DateRange::parse("").unwrap(), DateRange::default());
        // Found by the round-trip property: an unknown start printed as "~ 1900"
        // read back as "about 1900".
        let until = DateRange { start: None, end: Some(FuzzyDate::year(1900)) };
        assert_eq!(until.to_iso(), "? ~ 1900");
        assert_eq!(DateRange::parse(&until.to_iso()).unwrap(), until);
    }
}
