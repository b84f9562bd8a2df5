//! Any bytes as an archived post: the reader returns an article or a
//! reason, never panics, and an article's text is consistent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(article) = dipgraph::article::parse(Path::new("fuzz.html"), bytes) {
        for s in &article.sentences {
            assert!(!s.norm.is_empty());
        }
    }
});
