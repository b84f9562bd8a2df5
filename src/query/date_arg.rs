//! Dates as a user types them: `--since 2020-07`, `--until 2021`,
//! `--param since=2020-11-26`. Stored dates are as precise as their source
//! (`2020`, `2020-11`, `2020-11-26`), so a bound may be too; a date that
//! cannot exist (`2020-13-01`, `2021-02-30`) is refused with the reason,
//! never passed on as text that silently matches nothing.

use crate::model::PartialDate;
use chrono::NaiveDate;

/// Why a typed date was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateArgError {
    #[error("{0:?} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (2020, 2020-07, 2020-07-15)")]
    Shape(String),
    #[error("{input} is not a date: there is no month {month} (months run 01–12)")]
    Month { input: String, month: u32 },
    #[error("{input} is not a date: {month_name} {year} has {days} days")]
    Day {
        input: String,
        month_name: &'static str,
        year: i32,
        days: u32,
    },
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Is `s` shaped like a date (`YYYY-M[M]` or `YYYY-M[M]-D[D]`), valid or
/// not? A bare year is not: it is also a number.
pub fn looks_like_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, max: usize| {
        !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit())
    };
    matches!(parts.len(), 2 | 3)
        && parts[0].len() == 4
        && digits(parts[0], 4)
        && parts[1..].iter().all(|p| digits(p, 2))
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (one-digit month and day too).
pub fn parse_date_arg(input: &str) -> Result<PartialDate, DateArgError> {
    let s = input.trim();
    let shape = || DateArgError::Shape(input.to_string());
    if !(looks_like_date(s) || (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))) {
        return Err(shape());
    }
    let mut parts = s.split('-').map(|p| p.parse::<u32>());
    let year = parts.next().and_then(Result::ok).ok_or_else(shape)? as i32;
    let Some(month) = parts.next() else {
        return Ok(PartialDate::Year(year));
    };
    let month = month.map_err(|_| shape())?;
    if !(1..=12).contains(&month) {
        return Err(DateArgError::Month {
            input: s.to_string(),
            month,
        });
    }
    let Some(day) = parts.next() else {
        return Ok(PartialDate::Month(year, month));
    };
    let day = day.map_err(|_| shape())?;
    NaiveDate::from_ymd_opt(year, month, day)
        .map(PartialDate::Day)
        .ok_or_else(|| DateArgError::Day {
            input: s.to_string(),
            month_name: MONTHS[month as usize - 1],
            year,
            days: days_in_month(year, month),
        })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1).expect("month checked");
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .expect("in range");
    next.signed_duration_since(first).num_days() as u32
}

/// The last day a partial date covers (`2020-02` → 2020-02-29).
pub fn last_day(d: &PartialDate) -> NaiveDate {
    d.last_day()
}

/// A `--since` bound: the first day of the period typed (`2020-07` →
/// 2020-07-01).
pub fn parse_since(s: &str) -> Result<NaiveDate, DateArgError> {
    parse_date_arg(s).map(|d| d.first_day())
}

/// An `--until` bound: the last day of the period typed (`2020-07` →
/// 2020-07-31), so `--since 2020-07 --until 2020-07` is July.
pub fn parse_until(s: &str) -> Result<NaiveDate, DateArgError> {
    parse_date_arg(s).map(|d| last_day(&d))
}

/// The precision of a stored date's text: `day`, `month` or `year`, and
/// its first day (for spreadsheets: a sortable date beside the original).
pub fn start_and_precision(date: &str) -> Option<(NaiveDate, &'static str)> {
    let d: PartialDate = date.trim().parse().ok()?;
    let precision = match d {
        PartialDate::Day(_) => "day",
        PartialDate::Month(..) => "month",
        PartialDate::Year(_) => "year",
    };
    Some((d.first_day(), precision))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn partial_dates_are_periods() {
        assert_eq!(parse_since("2020-07"), Ok(day(2020, 7, 1)));
        assert_eq!(parse_until("2020-07"), Ok(day(2020, 7, 31)));
        assert_eq!(parse_until("2020-2"), Ok(day(2020, 2, 29)));
        assert_eq!(parse_since("2021"), Ok(day(2021, 1, 1)));
        assert_eq!(parse_until("2021"), Ok(day(2021, 12, 31)));
        assert_eq!(parse_until("2020-11-26"), Ok(day(2020, 11, 26)));
        assert_eq!(parse_since(" 2020-7-4 "), Ok(day(2020, 7, 4)));
    }

    #[test]
    fn impossible_dates_say_why() {
        let e = parse_since("2020-13-01").unwrap_err();
        assert_eq!(
            e.to_string(),
            "2020-13-01 is not a date: there is no month 13 (months run 01–12)"
        );
        let e = parse_until("2021-02-30").unwrap_err();
        assert_eq!(
            e.to_string(),
            "2021-02-30 is not a date: February 2021 has 28 days"
        );
        assert!(matches!(
            parse_since("2020-00"),
            Err(DateArgError::Month { .. })
        ));
        for shape in [
            "July 2020",
            "2020/07/01",
            "20-07-01",
            "",
            "2020-07-01T00:00",
        ] {
            assert!(
                matches!(parse_since(shape), Err(DateArgError::Shape(_))),
                "{shape}"
            );
        }
    }

    #[test]
    fn date_shapes_and_precisions() {
        assert!(looks_like_date("2020-13-01"));
        assert!(looks_like_date("2020-07"));
        assert!(!looks_like_date("2020"));
        assert!(!looks_like_date("wang_yi"));
        assert!(!looks_like_date("1-2-3"));
        assert_eq!(
            start_and_precision("2020-11"),
            Some((day(2020, 11, 1), "month"))
        );
        assert_eq!(start_and_precision("2020"), Some((day(2020, 1, 1), "year")));
        assert_eq!(
            start_and_precision("2020-11-26"),
            Some((day(2020, 11, 26), "day"))
        );
        assert_eq!(start_and_precision(""), None);
    }
}
