//! Finding and resolving Chinese date expressions in news sentences.
//!
//! dipgraph dates every diplomatic interaction it extracts, and Chinese news
//! rarely spells a date out in full: a story published on 2020-11-26 says
//! `25日`, `周四（26日）`, `上月8日` or `日前`, and only the publication date
//! (the *anchor*) turns those into calendar dates. This module finds such
//! expressions in a sentence and resolves them against the anchor.
//!
//! Design notes, because most of the choices are trade-offs:
//!
//! * Every pattern is matched by one of four static regexes (dates built from
//!   year/month/day parts, weekdays, fixed words such as `昨天`, ISO dates).
//!   Each match becomes a *candidate*; overlapping candidates are settled by
//!   "longest wins" so that `周四（26日）` beats the `26日` inside it.
//! * Some matches are deliberately *blockers*: they are real date-like
//!   expressions that cannot be resolved from the anchor alone (`当天`, `次日`,
//!   `上周` without a weekday, `2月30日`). They take part in the overlap
//!   contest, so nothing shorter fires inside them, and are then dropped.
//! * The regex crate has no look-around, so the word-boundary checks that keep
//!   `日本`, `3号楼` or `30日内` from looking like dates are done in code on
//!   the characters around a match.
//! * Nothing here panics on any input: numbers are parsed with overflow
//!   checks, date arithmetic uses chrono's checked operations, and string
//!   slicing only happens at offsets the regex engine reported.

use std::sync::LazyLock;

use crate::model::PartialDate;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use regex::{CaptureLocations, Regex};

/// Which way to resolve an ambiguous weekday or month-without-year.
///
/// A bare `周二` in a report about a meeting that *took place* means the
/// last Tuesday; in an announcement of one that *will* take place it means
/// the next. The caller knows the verb's tense; this module does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Prefer dates on or before the anchor.
    Past,
    /// Prefer dates on or after the anchor.
    Future,
}

/// One date expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offset of the first byte of the expression in the text.
    pub start: usize,
    /// Byte offset just past the expression (so `&text[start..end]` is it).
    pub end: usize,
    /// The resolved date.
    pub date: PartialDate,
    /// How the date was obtained, so callers can weigh it.
    pub kind: DateKind,
}

/// How a [`DateMention`] was resolved; lets callers trust explicit dates
/// more than inferred ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    /// The text itself gives the year (`2023年7月13日`, `2023-07-13`).
    Absolute,
    /// Resolved against the anchor (`26日`, `周二`, `昨天`, `去年9月`,
    /// `上月`, `11月`).
    Relative,
    /// Imprecise or year-level relative words (`不久之前`, `日前`: the
    /// anchor's month; `今年`, `年底`: its year): month or year precision
    /// only.
    Vague,
}

// ---------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------

/// A month or day number: ASCII digits (any length, so the whole digit run is
/// matched and huge numbers are rejected by value, not silently split) or
/// Chinese numerals up to 三十一.
const NUM: &str = "(?:[0-9]+|[一二三四五六七八九十]+)";
/// A four-digit year, ASCII or digit-by-digit Chinese (`二〇二三`, `二○二三`).
const YNUM: &str = "(?:[0-9]{4}|[〇○零一二三四五六七八九]{4})";
/// Range separators: `8日至9日`, `8-9日`, `8~9日`.
const SEP: &str = r"\s*(?:至|到|－|-|—|–|~|～)\s*";
const WEEK: &str = "(?:周|星期|礼拜)";
const WD: &str = "[一二三四五六日天]";

/// Dates assembled from year / month / day parts, in four alternatives (with
/// a year; with a relative month word; month first; bare day), each optionally
/// followed by a parenthesised weekday and a range tail.
static CORE: LazyLock<Core> = LazyLock::new(|| {
    let body = format!(
        concat!(
            "(?:",
            "(?:(?P<y>{yn})|(?P<ry>[去今明前后]))年",
            "(?:(?P<yq>年?[底初末]|[上下]半年)",
            "|(?P<m1>{n})(?:{s}{n})?月{ms}(?:(?P<d1>{n})(?:{s}{n})?[日号])?)?",
            "|(?P<rm>上个?月|本月|这个?月|下个?月|当月|次月)",
            "(?:(?P<d2>{n})(?:{s}{n})?[日号]|[底初末]|[上中下]旬)?",
            "|(?P<m3>{n})(?:{s}{n})?月{ms}(?:(?P<d3>{n})(?:{s}{n})?[日号])?",
            "|(?P<d4>{n})(?:{s}{n})?(?P<d4s>[日号])",
            ")",
            r"(?:\s*[（(]\s*{wk}(?P<wd>{wd})\s*[）)])?",
            "(?:{s}(?:{yn}年(?:{n}月)?(?:{n}[日号])?|{n}月(?:{n}[日号])?|{n}[日号]))?",
        ),
        yn = YNUM,
        n = NUM,
        s = SEP,
        ms = "(?:份|[底初末]|[上中下]旬)?",
        wk = WEEK,
        wd = WD,
    );
    let re = Regex::new(&body).expect("core date pattern is valid");
    // The exact variant wraps the body in a non-capturing group, so group
    // indices are the same and one index table serves both.
    let exact = Regex::new(&format!("^(?:{body})$")).expect("exact core pattern is valid");
    let g = CoreGroups {
        y: group_index(&re, "y"),
        ry: group_index(&re, "ry"),
        m1: group_index(&re, "m1"),
        d1: group_index(&re, "d1"),
        rm: group_index(&re, "rm"),
        d2: group_index(&re, "d2"),
        m3: group_index(&re, "m3"),
        d3: group_index(&re, "d3"),
        d4: group_index(&re, "d4"),
        d4s: group_index(&re, "d4s"),
        wd: group_index(&re, "wd"),
    };
    Core { re, exact, g }
});

struct Core {
    re: Regex,
    /// Anchored copy used to read the date inside `周四（26日）`.
    exact: Regex,
    g: CoreGroups,
}

/// Capture-group indices, looked up once so matching needs no name lookups.
struct CoreGroups {
    y: usize,
    ry: usize,
    m1: usize,
    d1: usize,
    rm: usize,
    d2: usize,
    m3: usize,
    d3: usize,
    d4: usize,
    d4s: usize,
    wd: usize,
}

/// Weekdays with an optional week prefix (`上周六`, `这个周二`), an optional
/// weekday range tail (`周一至周五`) and an optional parenthesised explicit
/// date (`周四（26日）`), which wins over the weekday arithmetic.
static WEEKDAY: LazyLock<WeekdayRe> = LazyLock::new(|| {
    let pat = format!(
        concat!(
            "(?P<head>(?P<pre>上上个?|下下个?|上个?|下个?|本|这个?)?{wk}(?P<wd>{wd})(?:{s}{wk}?{wd})?)",
            r"(?:\s*[（(]\s*(?P<inner>[^（）()]{{1,40}}?)\s*[）)])?",
        ),
        wk = WEEK,
        wd = WD,
        s = SEP,
    );
    let re = Regex::new(&pat).expect("weekday pattern is valid");
    WeekdayRe {
        head: group_index(&re, "head"),
        pre: group_index(&re, "pre"),
        wd: group_index(&re, "wd"),
        inner: group_index(&re, "inner"),
        re,
    }
});

struct WeekdayRe {
    re: Regex,
    head: usize,
    pre: usize,
    wd: usize,
    inner: usize,
}

/// Fixed words: relative days, vague times, and blockers (expressions that
/// refer to a day we cannot know from the anchor, such as `当天` or `次日`).
static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        "不久之前|不久前|前不久|日前|近日|近期|最近",
        "|大前天|大后天|前一天|前一日",
        "|今天|今日|今晨|今早|今晚|今夜",
        "|昨天|昨日|昨晚|昨夜|昨晨",
        "|前天|明天|明日|明晚|明早|明晨|后天",
        "|当天|当日|当晚|次日|翌日|同日|同一天",
        "|年底|年初|年末",
        "|(?:上上|下下|上|下|本|这)个?(?:周|星期|礼拜)",
    ))
    .expect("word pattern is valid")
});

/// ISO-like dates inside text: `2023-07-13`, `2023/7/13`.
static ISO: LazyLock<IsoRe> = LazyLock::new(|| {
    let re =
        Regex::new("(?P<y>[0-9]{4})(?P<s1>[-/])(?P<m>[0-9]{1,2})(?P<s2>[-/])(?P<d>[0-9]{1,2})")
            .expect("iso pattern is valid");
    IsoRe {
        y: group_index(&re, "y"),
        s1: group_index(&re, "s1"),
        m: group_index(&re, "m"),
        s2: group_index(&re, "s2"),
        d: group_index(&re, "d"),
        re,
    }
});

struct IsoRe {
    re: Regex,
    y: usize,
    s1: usize,
    m: usize,
    s2: usize,
    d: usize,
}

/// Index of a named group; an absent name maps to an index that never
/// matches, so a typo degrades to "group not present" instead of a panic.
fn group_index(re: &Regex, name: &str) -> usize {
    re.capture_names()
        .position(|n| n == Some(name))
        .unwrap_or(usize::MAX)
}

// ---------------------------------------------------------------------------
// Context checks (the regex crate has no look-around)
// ---------------------------------------------------------------------------

/// Before a bare `N日`/`N号`: marks a duration, ordinal or frequency
/// (`第3日`, `每5日`, `近3日`, `过去7日`), not a calendar day.
const DAY_BAD_PREV: &str = "第每近前后共约逾超满隔连数几这那过去余多.";
/// After a bare `N日`: yen (`10日元`), durations (`30日游`), `日程`, `日均`.
const DAY_BAD_NEXT: &str = "圆币游程均";
/// After `N号`: serial numbers and `号召`/`号称` rather than days.
const HAO_BAD_NEXT: &str = "召称楼线文机令公院馆房车门口位码台舰星站床病球字决选";
/// Before a month without a year: ordinals and `前10月` ("first ten months").
const MONTH_BAD_PREV: &str = "第每个数几前近.";
/// Before `前天`/`前年`: the `前` belongs to a word (`此前`, `目前`, `提前`).
const FRONT_AFFIX_PREV: &str = "之此以日目提空事战会当眼向面先早午生节年月赛行从跟门";
/// Before `后天`/`后年`: the `后` belongs to a word (`之后`, `随后`, `最后`).
const BACK_AFFIX_PREV: &str = "之此以随然最今前其过会战背落先稍午日节年月赛而事善死身";
/// After `前天`/`后天`: the `天` belongs to a word (`天然气`, `天气`, `天津`).
const TIAN_BAD_NEXT: &str = "然气性使津";
/// Before `日前`: the `日` ends a noun (`节日前`, `生日前`, `工作日前`).
const RIQIAN_BAD_PREV: &str = "0123456789一二三四五六七八九十两百千几数多每今昨明次翌当同节生假念作易举止票幕庆立利周期拜抗终末白平往月年近最某";
/// Before `近日`: the `近` belongs to a verb (`接近日本`, `靠近`, `临近`).
const JINRI_BAD_PREV: &str = "接靠临亲邻将贴逼走拉最";
/// Before a bare `年底`/`年初`/`年末`: the `年` belongs to another word
/// (`多年初心`, `周年`), or a year was already given.
const YEAR_END_BAD_PREV: &str = "0123456789〇○零一二三四五六七八九十两百千万几数多每近往历同当少新周去今明前后这那该本上下半整全";
/// After a relative month word: `登上月球` is the moon, not last month.
const RM_BAD_NEXT: &str = "球亮光";
/// After a weekday: `每周三次` ("three times a week"), `本周日程`.
const WEEKDAY_BAD_NEXT: &str = "次个程十";

fn prev_char(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

fn next_char(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

fn next_two(text: &str, at: usize) -> (Option<char>, Option<char>) {
    let mut it = text.get(at..).unwrap_or("").chars();
    (it.next(), it.next())
}

fn prev_in(text: &str, at: usize, set: &str) -> bool {
    prev_char(text, at).is_some_and(|c| set.contains(c))
}

fn group<'t>(text: &'t str, locs: &CaptureLocations, i: usize) -> Option<&'t str> {
    locs.get(i).and_then(|(s, e)| text.get(s..e))
}

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn cn_nonzero(c: char) -> Option<u32> {
    cn_digit(c).filter(|&d| d > 0)
}

/// A month or day number: ASCII digits, or a Chinese numeral in one of the
/// forms 一 … 九, 十, 十一, 二十, 二十六. Digit-by-digit Chinese (`一二`) is
/// refused because in months it means "January–February", not 12.
fn parse_small(s: &str) -> Option<u32> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let mut it = s.chars();
    let a = it.next()?;
    let b = it.next();
    let c = it.next();
    if it.next().is_some() {
        return None;
    }
    match (a, b, c) {
        ('十', None, None) => Some(10),
        ('十', Some(u), None) => Some(10 + cn_nonzero(u)?),
        (t, Some('十'), None) => Some(cn_nonzero(t)? * 10),
        (t, Some('十'), Some(u)) => Some(cn_nonzero(t)? * 10 + cn_nonzero(u)?),
        (u, None, None) => cn_nonzero(u),
        _ => None,
    }
}

fn parse_month(s: &str) -> Option<u32> {
    parse_small(s).filter(|m| (1..=12).contains(m))
}

fn parse_day(s: &str) -> Option<u32> {
    parse_small(s).filter(|d| (1..=31).contains(d))
}

/// Four-digit year, ASCII or digit-by-digit Chinese, from 1000 up to
/// [`MAX_YEARS_AHEAD`] past the anchor: anything else in news is a count of
/// years (`2500年前`, "2,500 years ago"), not a calendar year.
fn parse_year(s: &str, anchor: NaiveDate) -> Option<i32> {
    let mut value: i32 = 0;
    let mut count = 0;
    for c in s.chars() {
        let d = c.to_digit(10).or_else(|| cn_digit(c))?;
        value = value.checked_mul(10)?.checked_add(i32::try_from(d).ok()?)?;
        count += 1;
    }
    let max = anchor.year().saturating_add(MAX_YEARS_AHEAD);
    (count == 4 && (1000..=max).contains(&value)).then_some(value)
}

/// How far past the publication year an explicit year may lie; long-range
/// targets such as `2060年` (carbon neutrality) are still calendar years.
const MAX_YEARS_AHEAD: i32 = 60;

fn weekday_from(s: &str) -> Option<Weekday> {
    Some(match s {
        "一" => Weekday::Mon,
        "二" => Weekday::Tue,
        "三" => Weekday::Wed,
        "四" => Weekday::Thu,
        "五" => Weekday::Fri,
        "六" => Weekday::Sat,
        "日" | "天" => Weekday::Sun,
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Date arithmetic (all checked)
// ---------------------------------------------------------------------------

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// Month `m` of year `y` moved by `delta` months.
fn shift_month(y: i32, m: u32, delta: i64) -> Option<(i32, u32)> {
    let idx = i64::from(y) * 12 + i64::from(m) - 1 + delta;
    let year = i32::try_from(idx.div_euclid(12)).ok()?;
    let month = u32::try_from(idx.rem_euclid(12) + 1).ok()?;
    Some((year, month))
}

/// A Month value only if chrono can represent it, so `first_day` is exact.
fn month_date(y: i32, m: u32) -> Option<PartialDate> {
    NaiveDate::from_ymd_opt(y, m, 1).map(|_| PartialDate::Month(y, m))
}

fn year_date(y: i32) -> Option<PartialDate> {
    NaiveDate::from_ymd_opt(y, 1, 1).map(|_| PartialDate::Year(y))
}

/// Picks the candidate with the smallest |offset|; on a tie the tense picks
/// the side (Past → the earlier one).
fn nearest<T>(cands: impl Iterator<Item = (i64, T)>, tense: Tense) -> Option<T> {
    cands
        .min_by_key(|&(off, _)| {
            let side = match tense {
                Tense::Past => off,
                Tense::Future => -off,
            };
            (off.unsigned_abs(), side)
        })
        .map(|(_, v)| v)
}

/// `8月31日` without a year: the year (anchor's, previous or next) that puts
/// the date nearest the anchor, i.e. within about six months of it. A weekday
/// given alongside (`8月31日（星期四）`) narrows the choice when it can.
fn resolve_month_day(
    m: u32,
    d: u32,
    anchor: NaiveDate,
    tense: Tense,
    wd: Option<Weekday>,
) -> Option<NaiveDate> {
    let y = anchor.year();
    let cands = || {
        [y.checked_sub(1), Some(y), y.checked_add(1)]
            .into_iter()
            .flatten()
            .filter_map(move |yy| NaiveDate::from_ymd_opt(yy, m, d))
            .map(move |date| ((date - anchor).num_days(), date))
    };
    // The weekday only arbitrates between plausible years: a date a year
    // away that happens to fit a mistyped weekday must not win.
    if let Some(w) = wd
        && let Some(hit) = nearest(
            cands().filter(|&(off, date)| date.weekday() == w && off.abs() <= WEEKDAY_YEAR_WINDOW),
            tense,
        )
    {
        return Some(hit);
    }
    nearest(cands(), tense)
}

/// Days from the anchor within which a stated weekday may pick the year of a
/// month-day (a little over six months, the "nearest" window).
const WEEKDAY_YEAR_WINDOW: i64 = 213;

/// `11月` without a year: the nearest such month to the anchor's month; the
/// tense only decides the exact tie six months away.
fn resolve_month(m: u32, anchor: NaiveDate, tense: Tense) -> Option<PartialDate> {
    let y = anchor.year();
    let anchor_idx = i64::from(y) * 12 + i64::from(anchor.month());
    let cands = [y.checked_sub(1), Some(y), y.checked_add(1)]
        .into_iter()
        .flatten()
        .filter_map(|yy| {
            month_date(yy, m).map(|p| (i64::from(yy) * 12 + i64::from(m) - anchor_idx, p))
        });
    nearest(cands, tense)
}

/// Slack, in days, for a bare day number that lies just past the anchor
/// (Past) or just before it (Future): news about "the 26th" published on the
/// 24th is still about this month.
const DAY_SLACK: u32 = 3;

/// `26日` alone: a day in the anchor's month, or the neighbouring month when
/// the tense says the day must already have passed (or be still to come).
/// A weekday given alongside (`周四（26日）`) picks, among the anchor's month
/// and its two neighbours, the one where that day falls on that weekday.
fn resolve_day(d: u32, anchor: NaiveDate, tense: Tense, wd: Option<Weekday>) -> Option<NaiveDate> {
    if !(1..=31).contains(&d) {
        return None;
    }
    let (ay, am) = (anchor.year(), anchor.month());
    let in_month =
        |off: i64| shift_month(ay, am, off).and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, d));
    if let Some(w) = wd {
        let hit = nearest(
            (-1..=1)
                .filter_map(in_month)
                .filter(|date| date.weekday() == w)
                .map(|date| ((date - anchor).num_days(), date)),
            tense,
        );
        if hit.is_some() {
            return hit;
        }
    }
    let ad = anchor.day();
    let (first, step): (i64, i64) = match tense {
        Tense::Past => (if d > ad + DAY_SLACK { -1 } else { 0 }, -1),
        Tense::Future => (if d + DAY_SLACK < ad { 1 } else { 0 }, 1),
    };
    (0..3).find_map(|i| in_month(first + i * step))
}

/// A weekday, either in a given calendar week relative to the anchor's
/// (Monday-start weeks; `weeks` = -1 for `上周`), or — for a bare weekday —
/// the nearest one on the tense's side of the anchor, the anchor included.
fn resolve_weekday(
    wd: Weekday,
    weeks: Option<i64>,
    anchor: NaiveDate,
    tense: Tense,
) -> Option<NaiveDate> {
    let a = i64::from(anchor.weekday().num_days_from_monday());
    let w = i64::from(wd.num_days_from_monday());
    match (weeks, tense) {
        (Some(k), _) => add_days(anchor, -a + 7 * k + w),
        (None, Tense::Past) => add_days(anchor, -(a - w).rem_euclid(7)),
        (None, Tense::Future) => add_days(anchor, (w - a).rem_euclid(7)),
    }
}

// ---------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------

/// What one regex match amounts to.
#[derive(Debug, Clone, Copy)]
enum Outcome {
    Found(PartialDate, DateKind),
    /// A date-like expression that yields no date; it still blocks shorter
    /// matches inside it.
    Blocked,
    /// Not a date expression at all (context check failed).
    Rejected,
}

impl Outcome {
    fn day(d: Option<NaiveDate>, kind: DateKind) -> Outcome {
        d.map_or(Outcome::Blocked, |d| {
            Outcome::Found(PartialDate::Day(d), kind)
        })
    }
    fn partial(p: Option<PartialDate>, kind: DateKind) -> Outcome {
        p.map_or(Outcome::Blocked, |p| Outcome::Found(p, kind))
    }
}

#[derive(Debug, Clone, Copy)]
struct Cand {
    start: usize,
    end: usize,
    found: Option<(PartialDate, DateKind)>,
}

fn push(cands: &mut Vec<Cand>, start: usize, end: usize, outcome: Outcome) {
    let found = match outcome {
        Outcome::Found(d, k) => Some((d, k)),
        Outcome::Blocked => None,
        Outcome::Rejected => return,
    };
    if start < end {
        cands.push(Cand { start, end, found });
    }
}

/// Runs `re` over `text` with one reusable set of capture slots, calling `f`
/// with (slots, match start, match end) for each non-overlapping match.
fn each_capture(re: &Regex, text: &str, mut f: impl FnMut(&CaptureLocations, usize, usize)) {
    let mut locs = re.capture_locations();
    let mut at = 0;
    while at <= text.len() {
        let Some(m) = re.captures_read_at(&mut locs, text, at) else {
            break;
        };
        f(&locs, m.start(), m.end());
        at = if m.end() > m.start() {
            m.end()
        } else {
            m.end()
                + text
                    .get(m.end()..)
                    .and_then(|r| r.chars().next())
                    .map_or(1, char::len_utf8)
        };
    }
}

/// Evaluates a match of the core regex. `text` is what the match was found
/// in (so context checks look at its neighbours) and `wd_hint` is a weekday
/// stated outside the match, as in `周四（26日）`.
fn eval_core(
    text: &str,
    locs: &CaptureLocations,
    start: usize,
    ctx: (NaiveDate, Tense, Option<Weekday>),
) -> Outcome {
    let (anchor, tense, wd_hint) = ctx;
    let g = &CORE.g;
    let wd = group(text, locs, g.wd).and_then(weekday_from).or(wd_hint);

    // Year first: 2023年…, 去年…
    let year_part = if let Some(ys) = group(text, locs, g.y) {
        if prev_char(text, start).is_some_and(|c| c.is_ascii_digit() || cn_digit(c).is_some()) {
            return Outcome::Rejected;
        }
        Some(parse_year(ys, anchor).map(|y| (y, DateKind::Absolute, DateKind::Absolute)))
    } else if let Some(rs) = group(text, locs, g.ry) {
        let (off, affix_prev) = match rs {
            "去" => (-1, "过"),
            "今" => (0, ""),
            "明" => (1, ""),
            "前" => (-2, FRONT_AFFIX_PREV),
            "后" => (2, BACK_AFFIX_PREV),
            _ => return Outcome::Rejected,
        };
        if prev_in(text, start, affix_prev) {
            return Outcome::Rejected;
        }
        Some(
            anchor
                .year()
                .checked_add(off)
                .map(|y| (y, DateKind::Vague, DateKind::Relative)),
        )
    } else {
        None
    };
    if let Some(parsed) = year_part {
        let Some((year, year_kind, finer_kind)) = parsed else {
            return Outcome::Blocked;
        };
        let Some(ms) = group(text, locs, g.m1) else {
            return Outcome::partial(year_date(year), year_kind);
        };
        let Some(m) = parse_month(ms) else {
            return Outcome::Blocked;
        };
        return match group(text, locs, g.d1) {
            None => Outcome::partial(month_date(year, m), finer_kind),
            Some(ds) => Outcome::day(
                parse_day(ds).and_then(|d| NaiveDate::from_ymd_opt(year, m, d)),
                finer_kind,
            ),
        };
    }

    // Relative month word: 上月, 本月8日 …
    if let (Some(rs), Some((_, rm_end))) = (group(text, locs, g.rm), locs.get(g.rm)) {
        let off = match rs {
            "上月" | "上个月" => -1,
            "本月" | "这月" | "这个月" => 0,
            "下月" | "下个月" => 1,
            // 当月 / 次月 point at another event's month.
            _ => return Outcome::Blocked,
        };
        if next_char(text, rm_end).is_some_and(|c| RM_BAD_NEXT.contains(c)) {
            return Outcome::Rejected;
        }
        let Some((y, m)) = shift_month(anchor.year(), anchor.month(), off) else {
            return Outcome::Blocked;
        };
        return match group(text, locs, g.d2) {
            None => Outcome::partial(month_date(y, m), DateKind::Relative),
            Some(ds) => Outcome::day(
                parse_day(ds).and_then(|d| NaiveDate::from_ymd_opt(y, m, d)),
                DateKind::Relative,
            ),
        };
    }

    // Month without year: 11月, 8月31日.
    if let Some(ms) = group(text, locs, g.m3) {
        if prev_char(text, start)
            .is_some_and(|c| MONTH_BAD_PREV.contains(c) || c.is_ascii_alphanumeric())
        {
            return Outcome::Rejected;
        }
        let Some(m) = parse_month(ms) else {
            return Outcome::Blocked;
        };
        return match group(text, locs, g.d3) {
            None => Outcome::partial(resolve_month(m, anchor, tense), DateKind::Relative),
            Some(ds) => Outcome::day(
                parse_day(ds).and_then(|d| resolve_month_day(m, d, anchor, tense, wd)),
                DateKind::Relative,
            ),
        };
    }

    // Bare day: 26日, 26号, 8至9日.
    if let (Some(ds), Some(suffix), Some((_, suffix_end))) = (
        group(text, locs, g.d4),
        group(text, locs, g.d4s),
        locs.get(g.d4s),
    ) {
        if prev_char(text, start)
            .is_some_and(|c| DAY_BAD_PREV.contains(c) || c.is_ascii_alphabetic())
        {
            return Outcome::Rejected;
        }
        // A lone Chinese numeral before 日 is mostly "one/two days" (一日,
        // 三日内), so bare Chinese days need two characters (十一日 … 三十一日).
        if !ds.starts_with(|c: char| c.is_ascii_digit()) && ds.chars().count() < 2 {
            return Outcome::Rejected;
        }
        let (n1, n2) = next_two(text, suffix_end);
        let bad_next = if suffix == "号" {
            n1.is_some_and(|c| HAO_BAD_NEXT.contains(c))
        } else {
            match (n1, n2) {
                (Some('元'), n2) => !matches!(n2, Some('首' | '旦')),
                (Some('内'), n2) => n2 != Some('瓦'),
                (Some('以' | '之'), Some('内')) => true,
                (Some(c), _) => DAY_BAD_NEXT.contains(c),
                (None, _) => false,
            }
        };
        if bad_next {
            return Outcome::Rejected;
        }
        return Outcome::day(
            parse_day(ds).and_then(|d| resolve_day(d, anchor, tense, wd)),
            DateKind::Relative,
        );
    }
    Outcome::Rejected
}

/// Evaluates a weekday match; returns the span actually covered (the
/// parenthesised part only counts when it holds a readable date).
fn eval_weekday(
    text: &str,
    locs: &CaptureLocations,
    (m_start, m_end): (usize, usize),
    anchor: NaiveDate,
    tense: Tense,
) -> (usize, usize, Outcome) {
    let w = &*WEEKDAY;
    let mut start = m_start;
    let head_end = locs.get(w.head).map_or(m_end, |(_, e)| e);
    let mut pre = group(text, locs, w.pre);
    // 日本周六: the 本 belongs to 日本, the weekday is bare.
    if pre == Some("本") && prev_char(text, start) == Some('日') {
        pre = None;
        start += '本'.len_utf8();
    }
    let Some(wd) = group(text, locs, w.wd).and_then(weekday_from) else {
        return (start, m_end, Outcome::Rejected);
    };
    let wd_end = locs.get(w.wd).map_or(head_end, |(_, e)| e);
    let (n1, _) = next_two(text, wd_end);
    let bad_next =
        n1.is_some_and(|c| WEEKDAY_BAD_NEXT.contains(c) || (c == '天' && wd_end == head_end));
    if prev_char(text, start) == Some('每') || bad_next {
        return (start, m_end, Outcome::Rejected);
    }
    if let Some(inner) = group(text, locs, w.inner) {
        let core = &*CORE;
        let mut inner_locs = core.exact.capture_locations();
        if core.exact.captures_read(&mut inner_locs, inner).is_some()
            && let Outcome::Found(d, k) =
                eval_core(inner, &inner_locs, 0, (anchor, tense, Some(wd)))
        {
            return (start, m_end, Outcome::Found(d, k));
        }
    }
    let weeks = pre.map(|p| match p.trim_end_matches('个') {
        "上上" => -2,
        "上" => -1,
        "下" => 1,
        "下下" => 2,
        _ => 0,
    });
    let date = resolve_weekday(wd, weeks, anchor, tense);
    (start, head_end, Outcome::day(date, DateKind::Relative))
}

fn eval_word(text: &str, start: usize, end: usize, anchor: NaiveDate) -> Outcome {
    let Some(w) = text.get(start..end) else {
        return Outcome::Rejected;
    };
    let prev = prev_char(text, start);
    let next = next_char(text, end);
    // "Recently" (日前, 近日, 最近, 不久前) is the anchor's month: the
    // annotators of the training corpus wrote the month for it whenever the
    // story made it plain (the year alone was a third of the rules' date
    // errors coarser than the gold), and the month is right at the year's
    // precision too.
    let recent = || Outcome::partial(month_date(anchor.year(), anchor.month()), DateKind::Vague);
    let vague = || Outcome::partial(year_date(anchor.year()), DateKind::Vague);
    let rel = |n: i64| Outcome::day(add_days(anchor, n), DateKind::Relative);
    let prev_is = |set: &str| prev.is_some_and(|c| set.contains(c));
    let next_is = |set: &str| next.is_some_and(|c| set.contains(c));
    match w {
        "不久之前" | "不久前" | "前不久" | "最近" | "近期" => recent(),
        "日前" => {
            if prev_is(RIQIAN_BAD_PREV) || next_is("往夕") {
                Outcome::Rejected
            } else {
                recent()
            }
        }
        "近日" => {
            if prev_is(JINRI_BAD_PREV) {
                Outcome::Rejected
            } else {
                recent()
            }
        }
        "今天" | "今日" | "今晨" | "今早" | "今晚" | "今夜" => {
            // 至今天然气…: 今 + 天然气.
            if w == "今天" && next == Some('然') {
                Outcome::Rejected
            } else {
                rel(0)
            }
        }
        "昨天" | "昨日" | "昨晚" | "昨夜" | "昨晨" => rel(-1),
        "明天" | "明日" | "明晚" | "明早" | "明晨" => {
            // 光明日报 is a newspaper.
            if prev == Some('光') {
                Outcome::Rejected
            } else {
                rel(1)
            }
        }
        "前天" => {
            if prev_is(FRONT_AFFIX_PREV) || next_is(TIAN_BAD_NEXT) {
                Outcome::Rejected
            } else {
                rel(-2)
            }
        }
        "后天" => {
            if prev_is(BACK_AFFIX_PREV) || next_is(TIAN_BAD_NEXT) {
                Outcome::Rejected
            } else {
                rel(2)
            }
        }
        "大前天" => rel(-3),
        "大后天" => rel(3),
        // X的前一天 is the day before some event, not before publication.
        "前一天" | "前一日" => {
            if prev == Some('的') {
                Outcome::Blocked
            } else {
                rel(-1)
            }
        }
        "年底" | "年初" | "年末" => {
            if prev_is(YEAR_END_BAD_PREV) {
                Outcome::Rejected
            } else {
                vague()
            }
        }
        // 当天, 次日, 上周 (without a weekday) …: refer to a day we cannot know.
        _ => {
            if w.starts_with('本') && prev == Some('日') {
                Outcome::Rejected
            } else {
                Outcome::Blocked
            }
        }
    }
}

fn eval_iso(
    text: &str,
    locs: &CaptureLocations,
    (start, end): (usize, usize),
    anchor: NaiveDate,
) -> Outcome {
    let i = &*ISO;
    let bad_prev =
        prev_char(text, start).is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.'));
    let bad_next = next_char(text, end).is_some_and(|c| c.is_ascii_digit());
    if bad_prev || bad_next || group(text, locs, i.s1) != group(text, locs, i.s2) {
        return Outcome::Rejected;
    }
    let y = group(text, locs, i.y).and_then(|s| parse_year(s, anchor));
    let m = group(text, locs, i.m).and_then(parse_month);
    let d = group(text, locs, i.d).and_then(parse_day);
    match (y, m, d) {
        (Some(y), Some(m), Some(d)) => {
            Outcome::day(NaiveDate::from_ymd_opt(y, m, d), DateKind::Absolute)
        }
        _ => Outcome::Blocked,
    }
}

/// All date expressions in `text`, left to right, non-overlapping (longest match wins),
/// resolved against `anchor` (the article's publication date, local).
///
/// `tense` settles what the text leaves open: which side of the anchor a bare
/// weekday or day number lies on, and exact ties for a month without a year.
/// Texts with none of the characters that can start or end a date expression
/// return immediately without touching a regex or allocating.
///
/// ```
/// use chrono::NaiveDate;
/// use dipgraph::extract::dates::{DateKind, Tense, find_dates};
/// use dipgraph::model::PartialDate;
///
/// // Published on 27 November 2020: "26日" is the day before, and a month
/// // with its year stays a month.
/// let text = "王毅26日在首尔会见康京和，双方同意2021年3月再次会晤。";
/// let anchor = NaiveDate::from_ymd_opt(2020, 11, 27).unwrap();
/// let found: Vec<(&str, PartialDate, DateKind)> = find_dates(text, anchor, Tense::Past)
///     .iter()
///     .map(|m| (&text[m.start..m.end], m.date, m.kind))
///     .collect();
/// let day = NaiveDate::from_ymd_opt(2020, 11, 26).unwrap();
/// assert_eq!(
///     found,
///     [
///         ("26日", PartialDate::Day(day), DateKind::Relative),
///         ("2021年3月", PartialDate::Month(2021, 3), DateKind::Absolute),
///     ]
/// );
///
/// // A weekday lies on the side of the anchor the tense says.
/// let next = find_dates("周三将访问北京", anchor, Tense::Future);
/// let wednesday = NaiveDate::from_ymd_opt(2020, 12, 2).unwrap();
/// assert_eq!(next[0].date, PartialDate::Day(wednesday));
/// ```
pub fn find_dates(text: &str, anchor: NaiveDate, tense: Tense) -> Vec<DateMention> {
    let (mut core, mut week, mut words, mut iso) = (false, false, false, false);
    for c in text.chars() {
        match c {
            '年' | '月' | '号' => core = true,
            '日' => {
                core = true;
                words = true;
            }
            '周' | '期' | '拜' => {
                week = true;
                words = true;
            }
            '天' | '久' | '近' | '晨' | '早' | '晚' | '夜' => words = true,
            '-' | '/' => iso = true,
            _ => {}
        }
    }
    // 年底/年初 need the word pass too.
    words |= core && text.contains('年');
    if !(core || week || words || iso) {
        return Vec::new();
    }

    let mut cands: Vec<Cand> = Vec::new();
    if core {
        each_capture(&CORE.re, text, |locs, s, e| {
            push(
                &mut cands,
                s,
                e,
                eval_core(text, locs, s, (anchor, tense, None)),
            );
        });
    }
    if week {
        each_capture(&WEEKDAY.re, text, |locs, s, e| {
            let (s, e, o) = eval_weekday(text, locs, (s, e), anchor, tense);
            push(&mut cands, s, e, o);
        });
    }
    if words {
        for m in WORDS.find_iter(text) {
            push(
                &mut cands,
                m.start(),
                m.end(),
                eval_word(text, m.start(), m.end(), anchor),
            );
        }
    }
    if iso {
        each_capture(&ISO.re, text, |locs, s, e| {
            push(&mut cands, s, e, eval_iso(text, locs, (s, e), anchor));
        });
    }

    // Longest first (ties: leftmost), keep what does not overlap, in place.
    cands.sort_unstable_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    let mut kept = 0;
    for i in 0..cands.len() {
        let c = cands[i];
        if cands[..kept]
            .iter()
            .all(|k| c.end <= k.start || c.start >= k.end)
        {
            cands[kept] = c;
            kept += 1;
        }
    }
    cands.truncate(kept);
    cands.sort_unstable_by_key(|c| c.start);
    cands
        .into_iter()
        .filter_map(|c| {
            c.found.map(|(date, kind)| DateMention {
                start: c.start,
                end: c.end,
                date,
                kind,
            })
        })
        .collect()
}

/// The first day (day precision) the `texts` name, read in the past
/// against `anchor`, that falls within `max_days` days up to it: what a
/// dateline ([`super::dateline`]) and a story's day ([`super::story_day`])
/// are read as.
///
/// ```
/// use chrono::NaiveDate;
/// use dipgraph::extract::dates::first_day_within;
/// let anchor = NaiveDate::from_ymd_opt(2020, 8, 5).unwrap();
/// let texts = ["2019年11月18日在曼谷", "美国国务卿4日表示"];
/// assert_eq!(first_day_within(texts, anchor, 7), NaiveDate::from_ymd_opt(2020, 8, 4));
/// assert_eq!(first_day_within(["2019年11月18日"], anchor, 7), None);
/// ```
pub fn first_day_within<'t>(
    texts: impl IntoIterator<Item = &'t str>,
    anchor: NaiveDate,
    max_days: i64,
) -> Option<NaiveDate> {
    texts
        .into_iter()
        .flat_map(|t| find_dates(t, anchor, Tense::Past))
        .find_map(|d| match d.date {
            PartialDate::Day(day) if day <= anchor && (anchor - day).num_days() <= max_days => {
                Some(day)
            }
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn day(y: i32, m: u32, dd: u32) -> PartialDate {
        PartialDate::Day(d(y, m, dd))
    }

    /// (matched text, date, kind) for every mention.
    fn found(text: &str, anchor: NaiveDate, tense: Tense) -> Vec<(String, PartialDate, DateKind)> {
        find_dates(text, anchor, tense)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.date, m.kind))
            .collect()
    }

    /// The single mention's date (asserting there is exactly one).
    fn one(text: &str, anchor: NaiveDate, tense: Tense) -> PartialDate {
        let f = found(text, anchor, tense);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        f[0].1
    }

    fn none(text: &str, anchor: NaiveDate) {
        for tense in [Tense::Past, Tense::Future] {
            let f = found(text, anchor, tense);
            assert!(f.is_empty(), "{text}: unexpected {f:?}");
        }
    }

    #[test]
    fn absolute_dates() {
        let a = d(2024, 5, 1);
        let p = Tense::Past;
        assert_eq!(
            found("2023年7月13日，双方会谈", a, p),
            vec![("2023年7月13日".into(), day(2023, 7, 13), DateKind::Absolute)]
        );
        assert_eq!(one("2023年7月13号", a, p), day(2023, 7, 13));
        assert_eq!(one("2019年8月21日", a, p), day(2019, 8, 21));
        assert_eq!(
            found("于2023年7月访华", a, p),
            vec![(
                "2023年7月".into(),
                PartialDate::Month(2023, 7),
                DateKind::Absolute
            )]
        );
        assert_eq!(
            found("2023年是关键之年", a, p),
            vec![("2023年".into(), PartialDate::Year(2023), DateKind::Absolute)]
        );
        assert_eq!(one("二〇二三年", a, p), PartialDate::Year(2023));
        assert_eq!(one("二○二三年", a, p), PartialDate::Year(2023));
        assert_eq!(one("2023年底", a, p), PartialDate::Year(2023));
        assert_eq!(one("2023年上半年", a, p), PartialDate::Year(2023));
        assert_eq!(one("2023年11月底", a, p), PartialDate::Month(2023, 11));
        // ISO forms inside text.
        assert_eq!(
            found("会议于2023-07-13举行", a, p),
            vec![("2023-07-13".into(), day(2023, 7, 13), DateKind::Absolute)]
        );
        assert_eq!(one("会议于2023/7/13举行", a, p), day(2023, 7, 13));
        none("编号12023-07-13", a);
        none("2023-07/13", a);
        // Long-range targets are still years; counts of years are not.
        assert_eq!(one("2060年前实现碳中和", a, p), PartialDate::Year(2060));
        none("三年", a);
        none("建交50周年", a);
        none("2500年前", a);
    }

    #[test]
    fn since_expression_is_absolute_month() {
        let f = found(
            "2021年3月以来，两国关系持续发展",
            d(2023, 6, 1),
            Tense::Past,
        );
        assert_eq!(
            f,
            vec![(
                "2021年3月".into(),
                PartialDate::Month(2021, 3),
                DateKind::Absolute
            )]
        );
    }

    #[test]
    fn month_day_without_year_is_nearest_to_anchor() {
        let p = Tense::Past;
        assert_eq!(one("12月28日", d(2024, 1, 3), p), day(2023, 12, 28));
        assert_eq!(one("1月2日", d(2023, 12, 30), p), day(2024, 1, 2));
        assert_eq!(
            one("1月2日", d(2023, 12, 30), Tense::Future),
            day(2024, 1, 2)
        );
        assert_eq!(one("2月6日", d(2024, 2, 7), p), day(2024, 2, 6));
        assert_eq!(one("8月31日", d(2023, 9, 1), p), day(2023, 8, 31));
        assert_eq!(one("11月1日", d(2023, 10, 20), p), day(2023, 11, 1));
        assert_eq!(one("7月13号", d(2023, 7, 20), p), day(2023, 7, 13));
        // Feb 29 lands in the neighbouring leap year.
        assert_eq!(one("2月29日", d(2025, 1, 10), p), day(2024, 2, 29));
        let f = found("8月31日", d(2023, 9, 1), p);
        assert_eq!(f[0].2, DateKind::Relative);
    }

    #[test]
    fn month_only() {
        let p = Tense::Past;
        let a = d(2023, 11, 1);
        assert_eq!(
            found("将于11月在旧金山举行", a, Tense::Future),
            vec![(
                "11月".into(),
                PartialDate::Month(2023, 11),
                DateKind::Relative
            )]
        );
        assert_eq!(one("11月", a, p), PartialDate::Month(2023, 11));
        assert_eq!(
            one("在2月", d(2024, 12, 20), p),
            PartialDate::Month(2025, 2)
        );
        assert_eq!(one("11月份", a, p), PartialDate::Month(2023, 11));
        assert_eq!(one("去年9月", a, p), PartialDate::Month(2022, 9));
        assert_eq!(one("今年3月", a, p), PartialDate::Month(2023, 3));
        assert_eq!(one("明年1月", a, p), PartialDate::Month(2024, 1));
        assert_eq!(one("去年9月8日", a, p), day(2022, 9, 8));
        assert_eq!(one("上月", d(2024, 1, 15), p), PartialDate::Month(2023, 12));
        assert_eq!(
            one("上个月", d(2024, 1, 15), p),
            PartialDate::Month(2023, 12)
        );
        assert_eq!(one("本月", a, p), PartialDate::Month(2023, 11));
        assert_eq!(one("这个月", a, p), PartialDate::Month(2023, 11));
        assert_eq!(one("下月", d(2023, 12, 5), p), PartialDate::Month(2024, 1));
        assert_eq!(
            one("下个月", d(2023, 12, 5), p),
            PartialDate::Month(2024, 1)
        );
        assert_eq!(one("本月8日", a, p), day(2023, 11, 8));
        assert_eq!(one("上月8日", a, p), day(2023, 10, 8));
        assert_eq!(one("下月8日", a, p), day(2023, 12, 8));
        assert_eq!(one("上月底", a, p), PartialDate::Month(2023, 10));
        // Tie exactly six months away: tense decides.
        assert_eq!(one("5月", a, p), PartialDate::Month(2023, 5));
        assert_eq!(one("5月", a, Tense::Future), PartialDate::Month(2024, 5));
        // Not months.
        none("登上月球", a);
        none("前10月出口增长", a);
        none("3个月", a);
        none("当月", a);
        none("次月", a);
        let f = found("去年9月", a, p);
        assert_eq!(f[0].2, DateKind::Relative);
    }

    #[test]
    fn day_only() {
        let p = Tense::Past;
        let f = Tense::Future;
        let a = d(2023, 11, 20);
        assert_eq!(one("26日", d(2023, 11, 24), p), day(2023, 11, 26));
        assert_eq!(one("26日", a, p), day(2023, 10, 26));
        assert_eq!(one("8日", a, p), day(2023, 11, 8));
        assert_eq!(one("26号", d(2023, 11, 27), p), day(2023, 11, 26));
        assert_eq!(one("26日", a, f), day(2023, 11, 26));
        assert_eq!(one("8日", a, f), day(2023, 12, 8));
        assert_eq!(one("18日", a, f), day(2023, 11, 18));
        // The day does not exist in the anchor's month.
        assert_eq!(one("31日", d(2023, 11, 30), p), day(2023, 10, 31));
        assert_eq!(one("30日", d(2023, 2, 28), p), day(2023, 1, 30));
        assert_eq!(one("30日", d(2023, 3, 2), p), day(2023, 1, 30));
        assert_eq!(one("31日", d(2023, 1, 30), f), day(2023, 1, 31));
        // Trailing time of day is ignored.
        assert_eq!(
            found("25日晚10时许", d(2020, 11, 26), p),
            vec![("25日".into(), day(2020, 11, 25), DateKind::Relative)]
        );
        assert_eq!(
            one("新华社北京11日电", d(2023, 11, 11), p),
            day(2023, 11, 11)
        );
        assert_eq!(one("8日韩国总统表示", a, p), day(2023, 11, 8));
    }

    #[test]
    fn day_words_that_are_not_days() {
        let a = d(2023, 11, 20);
        for t in [
            "日本",
            "日方",
            "日内瓦",
            "节日",
            "日韩",
            "中日",
            "每日",
            "生日",
            "抗日",
            "纪念日",
            "工作日",
            "号召",
            "号称",
            "3号楼",
            "1号文件",
            "地铁5号线",
            "第3日",
            "每5日",
            "近3日",
            "过去7日",
            "30日内",
            "30日以内",
            "10日元",
            "3日游",
            "会议日程",
            "有朝一日",
            "三日内",
            "节日前",
            "生日前夕",
            "接近日本",
            "光明日报",
            "此前天然气价格",
            "之后天气转晴",
            "之后年均增长",
            "在日中国公民",
            "数日前",
        ] {
            none(t, a);
        }
        // 星期日 is Sunday, and the 日前 after it is not "recently".
        assert_eq!(
            found("星期日前", a, Tense::Past),
            vec![("星期日".into(), day(2023, 11, 19), DateKind::Relative)]
        );
        // 今日俄罗斯 (RT) fires as 今日; accepted.
        assert_eq!(
            found("今日俄罗斯报道", a, Tense::Past),
            vec![("今日".into(), day(2023, 11, 20), DateKind::Relative)]
        );
        // 10日元首会晤 is a day followed by 元首.
        assert_eq!(one("10日元首会晤", a, Tense::Past), day(2023, 11, 10));
    }

    #[test]
    fn spans_resolve_to_first_day_and_cover_the_whole_range() {
        let a = d(2023, 11, 1);
        let f = Tense::Future;
        assert_eq!(
            found("8日至9日", a, f),
            vec![("8日至9日".into(), day(2023, 11, 8), DateKind::Relative)]
        );
        assert_eq!(found("8日到9日", a, f)[0].0, "8日到9日");
        assert_eq!(
            found("8至9日", a, f)[0],
            ("8至9日".into(), day(2023, 11, 8), DateKind::Relative)
        );
        assert_eq!(
            found("8-9日", a, f)[0],
            ("8-9日".into(), day(2023, 11, 8), DateKind::Relative)
        );
        assert_eq!(
            found("7月8日至10日", a, Tense::Past)[0],
            ("7月8日至10日".into(), day(2023, 7, 8), DateKind::Relative)
        );
        assert_eq!(
            found("11月30日至12月2日", a, f),
            vec![(
                "11月30日至12月2日".into(),
                day(2023, 11, 30),
                DateKind::Relative
            )]
        );
        assert_eq!(
            found("2023年12月30日至2024年1月2日", a, f)[0],
            (
                "2023年12月30日至2024年1月2日".into(),
                day(2023, 12, 30),
                DateKind::Absolute
            )
        );
        assert_eq!(
            found("7至8月", a, Tense::Past)[0],
            (
                "7至8月".into(),
                PartialDate::Month(2023, 7),
                DateKind::Relative
            )
        );
        assert_eq!(
            found("2021年至2023年", a, Tense::Past)[0],
            (
                "2021年至2023年".into(),
                PartialDate::Year(2021),
                DateKind::Absolute
            )
        );
    }

    #[test]
    fn weekdays() {
        let p = Tense::Past;
        let f = Tense::Future;
        // 2023-11-01 is a Wednesday.
        let a = d(2023, 11, 1);
        assert_eq!(one("周二", a, p), day(2023, 10, 31));
        assert_eq!(one("周二", a, f), day(2023, 11, 7));
        assert_eq!(one("周三", a, p), day(2023, 11, 1));
        assert_eq!(one("周三", a, f), day(2023, 11, 1));
        assert_eq!(one("星期一", a, p), day(2023, 10, 30));
        assert_eq!(one("礼拜一", a, p), day(2023, 10, 30));
        assert_eq!(one("周日", a, p), day(2023, 10, 29));
        assert_eq!(one("周天", a, f), day(2023, 11, 5));
        assert_eq!(one("星期日", a, p), day(2023, 10, 29));
        assert_eq!(one("星期天", a, p), day(2023, 10, 29));
        assert_eq!(one("本周二", a, f), day(2023, 10, 31));
        assert_eq!(one("这周五", a, p), day(2023, 11, 3));
        assert_eq!(one("上周六", a, p), day(2023, 10, 28));
        assert_eq!(one("上星期六", a, p), day(2023, 10, 28));
        assert_eq!(one("上个礼拜一", a, p), day(2023, 10, 23));
        assert_eq!(one("下周三", a, p), day(2023, 11, 8));
        assert_eq!(one("下下周一", a, p), day(2023, 11, 13));
        assert_eq!(
            found("周一至周五", a, f)[0],
            ("周一至周五".into(), day(2023, 11, 6), DateKind::Relative)
        );
        // 日本周六: the 本 belongs to 日本.
        assert_eq!(
            found("日本周六宣布", a, p),
            vec![("周六".into(), day(2023, 10, 28), DateKind::Relative)]
        );
        none("每周三", a);
        none("每周三次", a);
        none("一周三次", a);
        none("本周日程", a);
        none("上周", a);
        none("本周末", a);
    }

    #[test]
    fn weekday_with_explicit_date() {
        let p = Tense::Past;
        assert_eq!(
            found("周四（26日）", d(2020, 11, 26), p),
            vec![("周四（26日）".into(), day(2020, 11, 26), DateKind::Relative)]
        );
        assert_eq!(
            found("星期四(8月31日)", d(2023, 9, 1), p),
            vec![(
                "星期四(8月31日)".into(),
                day(2023, 8, 31),
                DateKind::Relative
            )]
        );
        assert_eq!(
            found("26日（周四）", d(2020, 11, 26), p),
            vec![("26日（周四）".into(), day(2020, 11, 26), DateKind::Relative)]
        );
        assert_eq!(
            one("周四（2020年11月26日）", d(2021, 1, 1), p),
            day(2020, 11, 26)
        );
        // The weekday picks the month: 31 Oct 2023 was a Tuesday.
        assert_eq!(
            one("周二（31日）", d(2023, 11, 1), Tense::Future),
            day(2023, 10, 31)
        );
        // …and the year for a month-day.
        assert_eq!(
            one("8月31日（星期四）", d(2023, 9, 1), Tense::Future),
            day(2023, 8, 31)
        );
        // A mistyped weekday does not drag the date a year away
        // (2023-11-14 was a Tuesday, 2022-11-14 a Monday).
        assert_eq!(
            one("11月14日（周一）", d(2023, 11, 15), p),
            day(2023, 11, 14)
        );
        // Unreadable bracket content: weekday alone.
        assert_eq!(
            found("周四（当地时间）", d(2020, 11, 26), p),
            vec![("周四".into(), day(2020, 11, 26), DateKind::Relative)]
        );
    }

    #[test]
    fn relative_days() {
        let a = d(2023, 11, 1);
        let p = Tense::Past;
        assert_eq!(one("今天", a, p), day(2023, 11, 1));
        assert_eq!(one("今日", a, p), day(2023, 11, 1));
        assert_eq!(one("今晨", a, p), day(2023, 11, 1));
        assert_eq!(one("今早", a, p), day(2023, 11, 1));
        assert_eq!(one("今晚", a, p), day(2023, 11, 1));
        assert_eq!(one("昨天", a, p), day(2023, 10, 31));
        assert_eq!(one("昨日", a, p), day(2023, 10, 31));
        assert_eq!(one("昨晚", a, p), day(2023, 10, 31));
        assert_eq!(one("昨夜", a, p), day(2023, 10, 31));
        assert_eq!(one("前天", a, p), day(2023, 10, 30));
        assert_eq!(one("明天", a, p), day(2023, 11, 2));
        assert_eq!(one("明日", a, p), day(2023, 11, 2));
        assert_eq!(one("后天", a, p), day(2023, 11, 3));
        assert_eq!(one("前一天", a, p), day(2023, 10, 31));
        assert_eq!(one("今天下午", a, p), day(2023, 11, 1));
        none("当天", a);
        none("次日", a);
        none("翌日", a);
        none("当晚", a);
        none("会议召开的前一天", a);
        assert_eq!(found("今天", a, p)[0].2, DateKind::Relative);
    }

    #[test]
    fn vague_expressions() {
        let a = d(2023, 11, 1);
        let p = Tense::Past;
        let vague = |t: &str, y: i32| {
            assert_eq!(
                found(t, a, p),
                vec![(t.to_string(), PartialDate::Year(y), DateKind::Vague)],
                "{t}"
            );
        };
        let recent = |t: &str| {
            assert_eq!(
                found(t, a, p),
                vec![(t.to_string(), PartialDate::Month(2023, 11), DateKind::Vague)],
                "{t}"
            );
        };
        recent("不久之前");
        recent("不久前");
        recent("前不久");
        recent("日前");
        recent("近日");
        recent("最近");
        vague("今年", 2023);
        vague("去年", 2022);
        vague("明年", 2024);
        vague("今年年底", 2023);
        vague("年底", 2023);
        vague("年初", 2023);
        vague("去年底", 2022);
        assert_eq!(
            one("外交部发言人日前表示", a, p),
            PartialDate::Month(2023, 11)
        );
        assert_eq!(one("最近日本政府", a, p), PartialDate::Month(2023, 11));
        none("上周", a);
        none("下周", a);
    }

    #[test]
    fn impossible_dates_yield_nothing() {
        let a = d(2023, 11, 1);
        for t in [
            "2月30日",
            "13月",
            "0日",
            "32日",
            "99999999日",
            "99999999999999999999999日",
            "2023年2月30日",
            "2023年13月",
            "2023年0月",
            "99999999月99999999日",
            "上月31日", // October has 31, but from 2023-12 November does not.
            "2023-02-30",
            "2023-13-01",
            "0000年",
        ] {
            let anchor = if t.starts_with("上月") {
                d(2023, 12, 1)
            } else {
                a
            };
            for tense in [Tense::Past, Tense::Future] {
                let f = found(t, anchor, tense);
                assert!(f.is_empty(), "{t}: {f:?}");
            }
        }
        // The impossible date also blocks shorter matches inside it.
        none("2月30日", a);
    }

    #[test]
    fn chinese_numerals() {
        let p = Tense::Past;
        assert_eq!(one("八月三十一日", d(2023, 9, 1), p), day(2023, 8, 31));
        assert_eq!(one("二十六日", d(2023, 11, 27), p), day(2023, 11, 26));
        assert_eq!(one("三十一日", d(2023, 11, 1), p), day(2023, 10, 31));
        assert_eq!(
            one("十一月", d(2023, 11, 1), p),
            PartialDate::Month(2023, 11)
        );
        assert_eq!(one("十月一日", d(2023, 11, 1), p), day(2023, 10, 1));
        assert_eq!(
            one("二〇二三年十一月八日", d(2024, 1, 1), p),
            day(2023, 11, 8)
        );
        assert_eq!(one("二零二三年", d(2024, 1, 1), p), PartialDate::Year(2023));
        assert_eq!(parse_small("十"), Some(10));
        assert_eq!(parse_small("二十"), Some(20));
        assert_eq!(parse_small("三十一"), Some(31));
        assert_eq!(parse_small("一二"), None);
        assert_eq!(parse_small("十十"), None);
        assert_eq!(parse_small("〇"), None);
    }

    #[test]
    fn several_mentions_in_order() {
        let a = d(2023, 11, 9);
        let text = "2023年11月8日，王毅同布林肯会谈。双方同意，下周三再谈，9日发表声明。";
        let f = find_dates(text, a, Tense::Past);
        let got: Vec<_> = f.iter().map(|m| (&text[m.start..m.end], m.date)).collect();
        assert_eq!(
            got,
            vec![
                ("2023年11月8日", day(2023, 11, 8)),
                ("下周三", day(2023, 11, 15)),
                ("9日", day(2023, 11, 9)),
            ]
        );
    }

    #[test]
    fn no_trigger_characters_means_no_work() {
        assert!(find_dates("", d(2023, 1, 1), Tense::Past).is_empty());
        assert!(find_dates("中美两国元首会晤", d(2023, 1, 1), Tense::Past).is_empty());
        assert!(find_dates("hello world 123", d(2023, 1, 1), Tense::Past).is_empty());
    }

    #[test]
    fn extreme_anchors_do_not_panic() {
        let texts = [
            "昨天",
            "明天",
            "大后天",
            "周二",
            "下下周三",
            "上上周一",
            "26日",
            "12月31日",
            "1月1日",
            "去年",
            "明年1月",
            "下个月8日",
            "上月",
            "今年",
            "日前",
            "5月",
        ];
        for anchor in [NaiveDate::MIN, NaiveDate::MAX] {
            for t in texts {
                for tense in [Tense::Past, Tense::Future] {
                    let _ = find_dates(t, anchor, tense);
                }
            }
        }
    }

    #[test]
    fn group_indices_are_shared_by_exact_core() {
        let core = &*CORE;
        assert!(core.re.capture_names().eq(core.exact.capture_names()));
        for i in [
            core.g.y, core.g.ry, core.g.m1, core.g.d1, core.g.rm, core.g.d2, core.g.m3, core.g.d3,
            core.g.d4, core.g.d4s, core.g.wd,
        ] {
            assert_ne!(i, usize::MAX);
        }
        let w = &*WEEKDAY;
        for i in [w.head, w.pre, w.wd, w.inner] {
            assert_ne!(i, usize::MAX);
        }
        let i = &*ISO;
        for x in [i.y, i.s1, i.m, i.s2, i.d] {
            assert_ne!(x, usize::MAX);
        }
    }

    /// Mentions are in order, within bounds, on char boundaries and disjoint.
    fn check_invariants(text: &str, ms: &[DateMention]) {
        let mut last_end = 0;
        for m in ms {
            assert!(m.start < m.end && m.end <= text.len(), "{text:?} {m:?}");
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            assert!(m.start >= last_end, "{text:?} overlapping {ms:?}");
            last_end = m.end;
        }
    }

    #[test]
    fn random_garbage_does_not_panic() {
        const ALPHABET: &[&str] = &[
            "年", "月", "日", "号", "周", "星期", "一", "二", "三", "十", "〇", "0", "1", "2", "3",
            "4", "5", "6", "7", "8", "9", "（", "）", "(", ")", "至", "-", "/", "上", "下", "本",
            "今", "昨", "明", "前", "后", "天", "去", "近", "底", " ", "个", "日本", "号召", "é",
            "😀", "\u{0}", "\u{3000}",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        let anchors = [
            d(2023, 11, 1),
            d(2024, 2, 29),
            d(2020, 12, 31),
            NaiveDate::MIN,
            NaiveDate::MAX,
        ];
        let mut text = String::new();
        for i in 0..4000 {
            text.clear();
            let len = next() % 40;
            for _ in 0..len {
                text.push_str(ALPHABET[next() % ALPHABET.len()]);
            }
            let anchor = anchors[i % anchors.len()];
            let tense = if i % 2 == 0 {
                Tense::Past
            } else {
                Tense::Future
            };
            let ms = find_dates(&text, anchor, tense);
            check_invariants(&text, &ms);
        }
        // Long inputs.
        let long = "2023年7月13日8至9日周四（26日）99999999日日本".repeat(2000);
        let ms = find_dates(&long, d(2023, 11, 1), Tense::Past);
        check_invariants(&long, &ms);
        assert!(!ms.is_empty());
        let digits = "9".repeat(100_000) + "日";
        assert!(find_dates(&digits, d(2023, 11, 1), Tense::Past).is_empty());
        let paren = "周四（".repeat(10_000);
        check_invariants(&paren, &find_dates(&paren, d(2023, 11, 1), Tense::Past));
    }
}
