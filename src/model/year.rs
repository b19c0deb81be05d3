//! A year as a witness gives it: "2019", or "around 2019".
//!
//! People who left North Korea often know the year they left, or were born,
//! only roughly, and say so: "~2019", "2019?", "2019년경", "around 2019",
//! "c. 2019". A year field that took only a plain number made the
//! interviewer either drop the year or record a guess as exact. [`Year`]
//! keeps the "around", read the way dates are ([`FuzzyDate::parse`]).
//!
//! On disk an exact year is the plain number it always was (so old case
//! files read, and their content hashes and signatures still check), and an
//! approximate one is its text, `"~2019"`. Reading takes either, and any of
//! the written forms above.

use super::{DateParseError, FuzzyDate};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Year {
    pub year: i32,
    pub approximate: bool,
}

impl Year {
    pub fn exact(year: i32) -> Year {
        Year { year, approximate: false }
    }

    pub fn around(year: i32) -> Year {
        Year { year, approximate: true }
    }

    /// The forms a date takes, limited to a year: `2019`, `~2019`,
    /// `2019?`, `2019년`, `2019년경`, `around 2019`, `c. 2019`, `약 2019`.
    pub fn parse(input: &str) -> Result<Year, DateParseError> {
        let date = FuzzyDate::parse(input)?;
        if date.month.is_some() {
            return Err(DateParseError::Unrecognised);
        }
        Ok(Year { year: date.year, approximate: date.approximate })
    }
}

/// `2019`, or `~2019` when approximate (as dates show it).
impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.approximate {
            write!(f, "~{}", self.year)
        } else {
            write!(f, "{}", self.year)
        }
    }
}

impl Serialize for Year {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.approximate {
            s.collect_str(self)
        } else {
            s.serialize_i32(self.year)
        }
    }
}

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Year, D::Error> {
        d.deserialize_any(YearVisitor)
    }
}

struct YearVisitor;

impl Visitor<'_> for YearVisitor {
    type Value = Year;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a year: a number, or text such as \"~2019\"")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Year, E> {
        i32::try_from(v).map(Year::exact).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Year, E> {
        i32::try_from(v).map(Year::exact).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Year, E> {
        // What `Display` wrote reads back whatever the year; then the forms people type.
        if let Some(n) = v.strip_prefix('~').and_then(|n| n.parse::<i32>().ok()) {
            return Ok(Year::around(n));
        }
        Year::parse(v).map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

#[cfg(test)]
mod tests {
    use super::Year;

    #[test]
    fn approximate_years_in_every_form_people_write_them() {
        for s in ["~2019", "2019?", "2019년경", "2019년 경", "around 2019", "c. 2019", "c.2019", "약 2019", "ca. 2019", "2019쯤"] {
            assert_eq!(Year::parse(s), Ok(Year::around(2019)), "{s}");
        }
        for s in ["2019", " 2019 ", "2019년", "２０１９"] {
            assert_eq!(Year::parse(s), Ok(Year::exact(2019)), "{s}");
        }
        for s in ["", "19", "2019-03", "1850", "twenty"] {
            assert!(Year::parse(s).is_err(), "{s}");
        }
        assert_eq!(Year::around(2019).to_string(), "~2019");
        assert_eq!(Year::exact(2019).to_string(), "2019");
    }

    #[test]
    fn an_exact_year_is_stored_as_the_number_it_always_was() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct W {
            y: Option<Year>,
        }
        let exact = W { y: Some(Year::exact(1961)) };
        assert_eq!(ron::to_string(&exact).unwrap(), "(y:Some(1961))");
        assert_eq!(serde_json::to_string(&exact).unwrap(), r#"{"y":1961}"#);
        let around = W { y: Some(Year::around(1961)) };
        assert_eq!(ron::to_string(&around).unwrap(), r#"(y:Some("~1961"))"#);
        for w in [exact, around, W { y: None }] {
            assert_eq!(ron::from_str::<W>(&ron::to_string(&w).unwrap()).unwrap(), w);
            assert_eq!(serde_json::from_str::<W>(&serde_json::to_string(&w).unwrap()).unwrap(), w);
        }
        // What old files hold, and what people type into a JSON document.
        assert_eq!(ron::from_str::<W>("(y:Some(1961))").unwrap().y, Some(Year::exact(1961)));
        assert_eq!(serde_json::from_str::<W>(r#"{"y":"1961년경"}"#).unwrap().y, Some(Year::around(1961)));
        assert!(serde_json::from_str::<W>(r#"{"y":"soon"}"#).is_err());
    }
}
