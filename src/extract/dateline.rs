//! The dateline of a wire story — `路透东京9月18日 -`, `（法新社柏林5日电）`,
//! `（中央社记者陈韵聿台北31日电）` — names the day the story was filed,
//! and its relative dates (今天, 周二, 昨天) count from that day, not from
//! the publication day at UTC+8: a story filed in New York on the 18th
//! (`联合国秘书长今天呼吁…`) is published in Asia on the 19th. The
//! annotation conventions say so ("the dateline fixes 周五 in its week");
//! on the training corpus, of the 272 found interactions of stories with a
//! dateline, 30 were dated a day late by resolving against the publication
//! day.
//!
//! A dateline is told apart from any other date by its shape alone: it
//! opens the story's first sentence, a short run of agency, reporter and
//! place words (no punctuation) leads to the day, and 电 or a dash follows.

use super::dates::first_day_within;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// An opening bracket, up to 24 characters of agency, reporter and place
/// (no punctuation), an optional month, the day, then 电 (专电, a special
/// dispatch; 综合外电报导, a roundup of wires) or a dash.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*[(（]?\s*[^\s,，。:：;；!！?？(（)）]{1,24}?((?:\d{1,2}月)?\d{1,2}日)\s*(?:专?电|综合外电报导|[-–—])[)）]?",
    )
    .expect("valid dateline pattern")
});

/// How long before its publication a story's dateline may be.
const MAX_FILED_BEFORE_DAYS: i64 = 31;

/// The day the story's dateline names, resolved against the publication
/// day `published` (the latest such day not after it, and at most a month
/// before: a story is filed days, not years, before it is published);
/// `None` when the sentence (normalised: simplified, width-folded) opens
/// with no dateline.
///
/// ```
/// use chrono::NaiveDate;
/// use dipgraph::extract::dateline::dateline_day;
/// let published = NaiveDate::from_ymd_opt(2020, 8, 5).unwrap();
/// let filed = dateline_day("路透华盛顿8月4日 - 美国国务卿蓬佩奥周二表示，", published);
/// assert_eq!(filed, NaiveDate::from_ymd_opt(2020, 8, 4));
/// assert_eq!(dateline_day("美国国务卿蓬佩奥4日表示，", published), None);
/// ```
pub fn dateline_day(first_sentence: &str, published: NaiveDate) -> Option<NaiveDate> {
    let day = DATELINE.captures(first_sentence)?.get(1)?.as_str();
    first_day_within([day], published, MAX_FILED_BEFORE_DAYS)
}

/// Where the dateline that opens a story's first sentence ends (a byte
/// offset), if it opens with one: the agency and reporter it names
/// (中央社记者江今叶) are no parties to the story.
///
/// ```
/// use dipgraph::extract::dateline::dateline_end;
/// let s = "（中央社记者江今叶华盛顿11日专电）美国白宫国安顾问今天发表声明";
/// assert_eq!(&s[dateline_end(s).unwrap()..], "美国白宫国安顾问今天发表声明");
/// assert_eq!(dateline_end("美国国务卿蓬佩奥4日表示，"), None);
/// ```
pub fn dateline_end(first_sentence: &str) -> Option<usize> {
    DATELINE.find(first_sentence).map(|m| m.end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn wire_datelines_of_each_shape() {
        let published = day(2020, 12, 5);
        for (text, want) in [
            (
                "路透东京12月4日 - 中国、日本及韩国财长周五同意",
                day(2020, 12, 4),
            ),
            ("(法新社柏林5日电) 美国驻德国代理大使表示", day(2020, 12, 5)),
            (
                "（法新社柏林5日电） 美国驻德国代理大使表示",
                day(2020, 12, 5),
            ),
            ("(中央社记者陈韵聿台北4日电)媒体报导", day(2020, 12, 4)),
            ("美国之音华盛顿12月3日—美国国会", day(2020, 12, 3)),
            (
                "（中央社记者江今叶华盛顿4日专电）美国白宫",
                day(2020, 12, 4),
            ),
            ("（中央社东京4日综合外电报导）日本内阁", day(2020, 12, 4)),
        ] {
            assert_eq!(dateline_day(text, published), Some(want), "{text}");
        }
    }

    #[test]
    fn a_date_inside_the_story_is_no_dateline() {
        let published = day(2020, 12, 5);
        for text in [
            "美国国务卿蓬佩奥4日表示，",
            "12月4日，中国外交部发言人说",
            "据路透社报道，王毅4日在东京会见茂木敏充。",
            "",
        ] {
            assert_eq!(dateline_day(text, published), None, "{text}");
        }
    }

    #[test]
    fn a_dateline_is_never_after_publication() {
        // The 31st before a publication on the 5th is last month's.
        let got = dateline_day("(中央社台北31日电)", day(2020, 8, 5));
        assert_eq!(got, Some(day(2020, 7, 31)));
        // Filed "on the 6th" of a month, published on the 5th: not this
        // month's 6th, and last year's is too old to be a dateline.
        assert_eq!(
            dateline_day("路透东京12月6日 - 消息", day(2020, 12, 5)),
            None
        );
    }
}
