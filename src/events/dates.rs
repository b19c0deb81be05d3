//! Dates as intervals of days, for comparing accounts: "2019" covers the
//! whole year, "2019-03" the month, "~2019-03" a little more on each side.
//! A witness who says "spring 2019" and one who says "2019-04-12" can be
//! describing the same day; the interval says so, and its length says how
//! precise the agreement is.

use crate::model::{DateRange, FuzzyDate};

/// Inclusive interval of day numbers (days since 0000-03-01, any fixed
/// origin will do: only differences matter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub lo: i64,
    pub hi: i64,
}

impl Span {
    pub fn len(&self) -> i64 {
        self.hi - self.lo + 1
    }
    pub fn overlap(&self, other: &Span) -> i64 {
        (self.hi.min(other.hi) - self.lo.max(other.lo) + 1).max(0)
    }
    pub fn first_year(&self) -> i32 {
        year_of(self.lo)
    }
    pub fn last_year(&self) -> i32 {
        year_of(self.hi)
    }
}

/// Day number of a calendar date (proleptic Gregorian).
fn day_number(y: i32, m: u8, d: u8) -> i64 {
    let (y, m) = if m <= 2 { (y as i64 - 1, m as i64 + 9) } else { (y as i64, m as i64 - 3) };
    365 * y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400) + (153 * m + 2) / 5 + d as i64 - 1
}

fn year_of(day: i64) -> i32 {
    // Close enough for blocking by year: corrected by one step either way.
    let mut y = (day as f64 / 365.2425) as i32;
    while day_number(y + 1, 1, 1) <= day {
        y += 1;
    }
    while day_number(y, 1, 1) > day {
        y -= 1;
    }
    y
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The days a fuzzy date can mean, widened when it is approximate.
fn date_span(d: &FuzzyDate) -> Span {
    let (lo, hi, slack) = match (d.month.filter(|m| (1..=12).contains(m)), d.day) {
        (Some(m), Some(day)) if day >= 1 && day <= days_in_month(d.year, m) => {
            let n = day_number(d.year, m, day);
            (n, n, 15)
        }
        (Some(m), _) => (day_number(d.year, m, 1), day_number(d.year, m, days_in_month(d.year, m)), 45),
        _ => (day_number(d.year, 1, 1), day_number(d.year, 12, 31), 365),
    };
    let slack = if d.approximate { slack } else { 0 };
    Span { lo: lo - slack, hi: hi + slack }
}

/// The days a date or range can mean; `None` when no date was given. An
/// open end stays open for a year (a range "from 2015" is not forever).
pub fn span(range: &DateRange) -> Option<Span> {
    match (&range.start, &range.end) {
        (None, None) => None,
        (Some(a), None) => Some(date_span(a)),
        (None, Some(b)) => {
            let s = date_span(b);
            Some(Span { lo: s.lo - 365, hi: s.hi })
        }
        (Some(a), Some(b)) => {
            let (a, b) = (date_span(a), date_span(b));
            Some(Span { lo: a.lo.min(b.lo), hi: a.hi.max(b.hi) })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_sets_the_width() {
        let day = span(&DateRange::single(FuzzyDate::day(2019, 4, 12))).unwrap();
        let month = span(&DateRange::single(FuzzyDate::month(2019, 4))).unwrap();
        let year = span(&DateRange::single(FuzzyDate::year(2019))).unwrap();
        assert_eq!((day.len(), month.len(), year.len()), (1, 30, 365));
        assert_eq!(day.overlap(&year), 1);
        assert_eq!(month.overlap(&year), 30);
        let near = span(&DateRange::single(FuzzyDate::month(2019, 5).approx())).unwrap();
        assert!(near.overlap(&day) == 1, "about May includes 12 April");
        assert_eq!(year.first_year(), 2019);
        assert_eq!(year.last_year(), 2019);
        let dec = span(&DateRange::single(FuzzyDate::day(2019, 12, 31))).unwrap();
        assert_eq!(dec.first_year(), 2019);
    }
}
