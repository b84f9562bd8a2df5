//! Any text against any anchor date, in both tenses: the resolver never
//! panics and every date it gives is a real calendar date.
#![no_main]

use chrono::NaiveDate;
use dipgraph::extract::dates::{Tense, find_dates};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u16, u16, &str)| {
    let (days, _, text) = input;
    // Anchors from 1950 to about 2130.
    let anchor = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Days::new(u64::from(days));
    for tense in [Tense::Past, Tense::Future] {
        for d in find_dates(text, anchor, tense) {
            // The span is a slice of the text (panics off a char boundary).
            assert!(!text[d.start..d.end].is_empty());
            let _ = d.date.first_day();
        }
    }
});
