//! Any text as the body of a dated post: extraction never panics, and
//! every interaction is well formed (two actors, evidence, a confidence).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    let post = format!("<!--1693582743000-->\n[标题](https://example.org/a.html)\n------\n\n{text}");
    if let Ok(article) = dipgraph::article::parse(Path::new("fuzz.txt"), post.as_bytes()) {
        for i in dipgraph::extract::extract(&article) {
            assert!(!i.evidence.trim().is_empty());
            assert!(!i.subject.id.is_empty() && !i.object.id.is_empty());
            assert!((0.0..=1.0).contains(&i.confidence));
        }
    }
});
