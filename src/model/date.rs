//! A calendar date known to some precision: news pins an event to a day
//! (`11月8日`), a month (`11月`) or only a year (`去年`), and everything
//! downstream keeps that imprecision instead of inventing a day.

use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::str::FromStr;

/// A calendar date known to some precision.
///
/// News text often pins an event only to a year (`去年`) or a month
/// (`11月`), and downstream code must be able to keep that imprecision
/// instead of inventing a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartialDate {
    /// Only the year is known.
    Year(i32),
    /// Year and month (1–12) are known.
    Month(i32, u32),
    /// The exact day is known.
    Day(NaiveDate),
}

impl PartialDate {
    /// The year, which every precision knows.
    pub fn year(&self) -> i32 {
        match *self {
            PartialDate::Year(y) | PartialDate::Month(y, _) => y,
            PartialDate::Day(d) => d.year(),
        }
    }

    /// First day covered (Year → Jan 1, Month → day 1).
    ///
    /// Lets callers sort or bucket mixed-precision dates on one axis. A value
    /// built by hand outside chrono's range (or with a month outside 1–12) is
    /// clamped rather than panicking.
    pub fn first_day(&self) -> NaiveDate {
        match *self {
            PartialDate::Year(y) => ymd_clamped(y, 1),
            PartialDate::Month(y, m) => ymd_clamped(y, m.clamp(1, 12)),
            PartialDate::Day(d) => d,
        }
    }

    /// Last day covered (Year → Dec 31, Month → its last day), clamped
    /// like [`PartialDate::first_day`].
    ///
    /// ```
    /// use dipgraph::model::PartialDate;
    /// assert_eq!(PartialDate::Month(2020, 2).last_day().to_string(), "2020-02-29");
    /// ```
    pub fn last_day(&self) -> NaiveDate {
        let first = self.first_day();
        match *self {
            PartialDate::Day(d) => d,
            PartialDate::Month(..) => first
                .checked_add_months(chrono::Months::new(1))
                .and_then(|n| n.pred_opt())
                .unwrap_or(first),
            PartialDate::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(first),
        }
    }

    /// Is `other` compatible with self (same at the coarser precision)?
    ///
    /// Two reports of one event may give it at different precisions
    /// (`2023年11月` vs `11月8日`); they agree when they coincide at the
    /// coarser of the two. The relation is symmetric.
    pub fn compatible(&self, other: &PartialDate) -> bool {
        use PartialDate::{Day, Month, Year};
        match (*self, *other) {
            (Year(y), o) | (o, Year(y)) => o.year() == y,
            (Month(y1, m1), Month(y2, m2)) => y1 == y2 && m1 == m2,
            (Month(y, m), Day(d)) | (Day(d), Month(y, m)) => d.year() == y && d.month() == m,
            (Day(a), Day(b)) => a == b,
        }
    }
}

/// Day 1 of the given month, or chrono's min/max date when out of range.
fn ymd_clamped(y: i32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(if y < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// Formats as `2023`, `2023-11` or `2023-11-08`, the forms [`FromStr`] reads
/// back, so partial dates can be stored as plain text (CSV, JSON keys).
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PartialDate::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        }
    }
}

/// Error returned when a string is not one of the three [`PartialDate`] forms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a date of the form YYYY, YYYY-MM or YYYY-MM-DD")]
pub struct ParsePartialDateError;

/// Parses `2023`, `2023-11` or `2023-11-08` (the [`fmt::Display`] forms; a
/// leading `-` marks a negative year). Months outside 1–12 and days that do
/// not exist are rejected, so a parsed value is always a real date.
impl FromStr for PartialDate {
    type Err = ParsePartialDateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (negative, rest) = match s.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, s),
        };
        let mut parts = rest.split('-');
        let year_abs = parts
            .next()
            .and_then(parse_ascii_u64)
            .ok_or(ParsePartialDateError)?;
        let year_signed = if negative {
            -i64::try_from(year_abs).map_err(|_| ParsePartialDateError)?
        } else {
            i64::try_from(year_abs).map_err(|_| ParsePartialDateError)?
        };
        let year = i32::try_from(year_signed).map_err(|_| ParsePartialDateError)?;
        let month = parts.next().map(parse_ascii_u64);
        let day = parts.next().map(parse_ascii_u64);
        if parts.next().is_some() {
            return Err(ParsePartialDateError);
        }
        match (month, day) {
            (None, _) => Ok(PartialDate::Year(year)),
            (Some(Some(m)), None) if (1..=12).contains(&m) => Ok(PartialDate::Month(
                year,
                u32::try_from(m).map_err(|_| ParsePartialDateError)?,
            )),
            (Some(Some(m)), Some(Some(d))) => {
                let m = u32::try_from(m).map_err(|_| ParsePartialDateError)?;
                let d = u32::try_from(d).map_err(|_| ParsePartialDateError)?;
                NaiveDate::from_ymd_opt(year, m, d)
                    .map(PartialDate::Day)
                    .ok_or(ParsePartialDateError)
            }
            _ => Err(ParsePartialDateError),
        }
    }
}

/// Strictly ASCII digits (no sign, no spaces), without overflow.
fn parse_ascii_u64(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    fn day(y: i32, m: u32, dd: u32) -> PartialDate {
        PartialDate::Day(d(y, m, dd))
    }

    #[test]
    fn partial_date_display_and_from_str_round_trip() {
        let samples = [
            PartialDate::Year(2023),
            PartialDate::Month(2023, 11),
            day(2023, 11, 8),
            PartialDate::Year(5),
            PartialDate::Year(-44),
            PartialDate::Month(-44, 3),
            day(-44, 3, 15),
            PartialDate::Year(i32::MAX),
            PartialDate::Year(i32::MIN),
        ];
        assert_eq!(PartialDate::Year(2023).to_string(), "2023");
        assert_eq!(PartialDate::Month(2023, 11).to_string(), "2023-11");
        assert_eq!(day(2023, 11, 8).to_string(), "2023-11-08");
        for p in samples {
            assert_eq!(p.to_string().parse::<PartialDate>(), Ok(p), "{p}");
        }
        assert_eq!("2023-7".parse(), Ok(PartialDate::Month(2023, 7)));
        for bad in [
            "",
            "-",
            "abc",
            "2023-",
            "2023-13",
            "2023-00",
            "2023-02-30",
            "2023-1-1-1",
            "+2023",
            " 2023",
            "2023-11-",
            "99999999999999999999",
            "2023-99999999999",
            "２０２３",
        ] {
            assert_eq!(
                bad.parse::<PartialDate>(),
                Err(ParsePartialDateError),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn partial_date_accessors_and_compatibility() {
        let y = PartialDate::Year(2023);
        let m = PartialDate::Month(2023, 11);
        let dd = day(2023, 11, 8);
        assert_eq!(dd.year(), 2023);
        assert_eq!(m.year(), 2023);
        assert_eq!(y.first_day(), d(2023, 1, 1));
        assert_eq!(m.first_day(), d(2023, 11, 1));
        assert_eq!(dd.first_day(), d(2023, 11, 8));
        for (a, b) in [(y, m), (y, dd), (m, dd), (y, y), (m, m), (dd, dd)] {
            assert!(a.compatible(&b) && b.compatible(&a), "{a} {b}");
        }
        for (a, b) in [
            (PartialDate::Year(2022), m),
            (PartialDate::Year(2022), dd),
            (PartialDate::Month(2023, 10), dd),
            (PartialDate::Month(2023, 10), m),
            (day(2023, 11, 9), dd),
            (PartialDate::Year(2022), y),
        ] {
            assert!(!a.compatible(&b) && !b.compatible(&a), "{a} {b}");
        }
        // Hand-built out-of-range values clamp instead of panicking.
        let _ = PartialDate::Year(i32::MAX).first_day();
        let _ = PartialDate::Year(i32::MIN).first_day();
        let _ = PartialDate::Month(2023, 0).first_day();
        assert_eq!(PartialDate::Month(2023, 13).first_day(), d(2023, 12, 1));
    }
}
