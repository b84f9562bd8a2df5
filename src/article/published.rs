//! Publication timestamps: front-matter dates, epoch milliseconds, and the
//! date lines outlets put at the top of a body (ISO 8601, RFC 2822, RFI's
//! day-first Paris time).

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use regex::Regex;
use std::sync::LazyLock;

/// Parses one timestamp in any of the supported forms. A time without an
/// offset is taken as UTC, except RFI's `dd/mm/yyyy - HH:MM`, which is Paris
/// time.
pub fn parse_timestamp(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(t.with_timezone(&Utc));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(t.and_utc());
        }
    }
    for fmt in ["%Y-%m-%d %H:%M:%S %z", "%Y-%m-%dT%H:%M:%S%.f%z"] {
        if let Ok(t) = DateTime::parse_from_str(s, fmt) {
            return Some(t.with_timezone(&Utc));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    }
    if let Some(c) = RFI
        .captures(s)
        .filter(|c| c.get(0).map(|m| m.as_str()) == Some(s))
    {
        return rfi(&c);
    }
    None
}

/// Milliseconds since the Unix epoch, if in chrono's range.
pub fn from_epoch_ms(ms: i64) -> Option<DateTime<Utc>> {
    // Beyond year 9999 is not a publication date.
    (0..253_402_300_800_000)
        .contains(&ms)
        .then(|| DateTime::from_timestamp_millis(ms))
        .flatten()
}

/// The earliest publication time taken (news archives hold nothing older).
pub const EARLIEST_YEAR: i32 = 1900;

/// Is `t` a publication time one can believe: from [`EARLIEST_YEAR`] to a
/// year from now (an outlet's clock may be off; an epoch comment in the
/// year 4872 is a corrupt number, not a date).
pub fn plausible(t: &DateTime<Utc>) -> bool {
    let earliest = NaiveDate::from_ymd_opt(EARLIEST_YEAR, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc());
    earliest.is_some_and(|e| *t >= e) && *t <= Utc::now() + chrono::Duration::days(366)
}

/// The publication time of a post: the first of its front-matter date, its
/// epoch comment, its page's metadata and its body's first timestamp that
/// gives a plausible time ([`plausible`]), with where it came from. A
/// front-matter date, epoch comment or metadata date that is there but is
/// no date, or an implausible one, is passed over with a warning naming it
/// (a body's timestamps are only searched, so none is warned about).
pub fn publication(
    front_matter: Option<&str>,
    epoch_ms: Option<&str>,
    page_meta: Option<&str>,
    body: &str,
    warnings: &mut Vec<String>,
) -> Option<(DateTime<Utc>, &'static str)> {
    let range = || format!("outside {EARLIEST_YEAR} to a year from now",);
    let mut take =
        |what: &str, given: Option<&str>, parse: &dyn Fn(&str) -> Option<DateTime<Utc>>| {
            let given = given?;
            match parse(given) {
                Some(t) if plausible(&t) => Some(t),
                Some(t) => {
                    warnings.push(format!(
                        "{what} {given:?} ({}) is {}: not used as the publication time",
                        t.format("%Y-%m-%d"),
                        range()
                    ));
                    None
                }
                None => {
                    warnings.push(format!(
                        "{what} {given:?} is not a date: not used as the publication time"
                    ));
                    None
                }
            }
        };
    if let Some(t) = take("front-matter date", front_matter, &parse_timestamp) {
        return Some((t, "front_matter"));
    }
    let epoch = |s: &str| s.parse::<i64>().ok().and_then(from_epoch_ms);
    if let Some(t) = take("epoch comment", epoch_ms, &epoch) {
        return Some((t, "epoch_ms"));
    }
    if let Some(t) = take("page metadata date", page_meta, &parse_timestamp) {
        return Some((t, "page_meta"));
    }
    first_timestamp(body).filter(plausible).map(|t| (t, "body"))
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
        .unwrap()
});
static RFC2822: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}(?::\d{2})? (?:GMT|UT|UTC|[+-]\d{4})",
    )
    .unwrap()
});
static RFI: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{2})/(\d{2})/(\d{4}) - (\d{2}):(\d{2})\b").unwrap());

fn rfi(c: &regex::Captures) -> Option<DateTime<Utc>> {
    let n = |i: usize| c.get(i)?.as_str().parse::<u32>().ok();
    let date = NaiveDate::from_ymd_opt(n(3)? as i32, n(2)?, n(1)?)?;
    let local = date.and_hms_opt(n(4)?, n(5)?, 0)?;
    Some(
        Paris
            .from_local_datetime(&local)
            .earliest()?
            .with_timezone(&Utc),
    )
}

/// The first timestamp written in `text`, in any supported form.
pub fn first_timestamp(text: &str) -> Option<DateTime<Utc>> {
    let mut found: Vec<(usize, DateTime<Utc>)> = Vec::new();
    if let Some(m) = ISO
        .find_iter(text)
        .find_map(|m| Some((m.start(), parse_timestamp(m.as_str())?)))
    {
        found.push(m);
    }
    if let Some(m) = RFC2822
        .find_iter(text)
        .find_map(|m| Some((m.start(), parse_timestamp(m.as_str())?)))
    {
        found.push(m);
    }
    if let Some(m) = RFI
        .captures_iter(text)
        .find_map(|c| Some((c.get(0)?.start(), rfi(&c)?)))
    {
        found.push(m);
    }
    found
        .into_iter()
        .min_by_key(|(pos, _)| *pos)
        .map(|(_, t)| t)
}

/// Is this line nothing but a timestamp (a date line to drop from the body)?
pub fn is_timestamp_line(line: &str) -> bool {
    let line = line.trim();
    [&*ISO, &*RFC2822, &*RFI].iter().any(|re| {
        re.find(line)
            .is_some_and(|m| m.start() == 0 && m.end() == line.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn iso_8601() {
        assert_eq!(
            parse_timestamp("2020-11-27T01:17:35.177Z"),
            Some(utc("2020-11-27T01:17:35.177Z"))
        );
        assert_eq!(
            parse_timestamp("2020-02-20T13:34:22+00:00"),
            Some(utc("2020-02-20T13:34:22Z"))
        );
        assert_eq!(
            parse_timestamp("2020-11-26 10:55:00 +0800"),
            Some(utc("2020-11-26T02:55:00Z"))
        );
        assert_eq!(
            parse_timestamp("2020-11-26"),
            Some(utc("2020-11-26T00:00:00Z"))
        );
    }

    #[test]
    fn rfc_2822() {
        assert_eq!(
            parse_timestamp("Fri, 01 Sep 2023 15:14:40 GMT"),
            Some(utc("2023-09-01T15:14:40Z"))
        );
    }

    #[test]
    fn rfi_day_first_paris_time() {
        // Winter: UTC+1; summer: UTC+2.
        assert_eq!(
            parse_timestamp("07/02/2024 - 19:01"),
            Some(utc("2024-02-07T18:01:00Z"))
        );
        assert_eq!(
            parse_timestamp("01/07/2023 - 18:25"),
            Some(utc("2023-07-01T16:25:00Z"))
        );
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert_eq!(parse_timestamp("2023-02-30T00:00:00Z"), None);
        assert_eq!(parse_timestamp("31/13/2024 - 19:01"), None);
        assert_eq!(from_epoch_ms(900_000_000_000_000), None);
        assert_eq!(from_epoch_ms(-5), None);
        assert_eq!(
            from_epoch_ms(1_606_359_300_000),
            Some(utc("2020-11-26T02:55:00Z"))
        );
    }

    #[test]
    fn implausible_and_broken_dates_are_passed_over_with_a_warning() {
        let mut warnings = Vec::new();
        // Year 4872 in the epoch comment, a broken front-matter date: the
        // page's metadata is used, and both are named.
        let got = publication(
            Some("2020-13-45"),
            Some("91600000000000"),
            Some("2021-03-04T05:06:07Z"),
            "",
            &mut warnings,
        );
        assert_eq!(got, Some((utc("2021-03-04T05:06:07Z"), "page_meta")));
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("front-matter date \"2020-13-45\" is not a date"));
        assert!(
            warnings[1].contains("epoch comment \"91600000000000\" (4872-"),
            "{warnings:?}"
        );
        // Before 1900 and far ahead; a body date is only taken when plausible.
        let mut warnings = Vec::new();
        assert_eq!(
            publication(
                Some("1850-01-01"),
                None,
                None,
                "2999-01-01T00:00:00Z",
                &mut warnings
            ),
            None
        );
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("outside 1900"), "{warnings:?}");
        // A good front-matter date: no warning, the others are not looked at.
        let mut warnings = Vec::new();
        assert_eq!(
            publication(
                Some("2020-11-26"),
                Some("91600000000000"),
                None,
                "",
                &mut warnings
            ),
            Some((utc("2020-11-26T00:00:00Z"), "front_matter"))
        );
        assert!(warnings.is_empty());
    }

    #[test]
    fn first_timestamp_in_a_body() {
        assert_eq!(
            first_timestamp("Bernd Riegert\n2020-08-10T14:07:34.834Z\n（德国之声）"),
            Some(utc("2020-08-10T14:07:34.834Z"))
        );
        assert_eq!(
            first_timestamp("07/02/2024 - 19:01 then 2020-01-01T00:00:00Z"),
            Some(utc("2024-02-07T18:01:00Z"))
        );
        assert_eq!(first_timestamp("2023年7月13日没有时间"), None);
    }

    #[test]
    fn timestamp_lines() {
        assert!(is_timestamp_line(" 2020-11-27T01:17:35.177Z "));
        assert!(is_timestamp_line("Fri, 01 Sep 2023 15:14:40 GMT"));
        assert!(is_timestamp_line("07/02/2024 - 19:01"));
        assert!(!is_timestamp_line("07/02/2024 - 19:01 王毅"));
    }
}
