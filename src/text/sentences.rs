use std::ops::Range;

/// A sentence as a byte range of the text it was split from.
pub type SentenceSpan = Range<usize>;

const TERMINATORS: &[char] = &['。', '！', '？', '；', '…', '!', '?', ';'];
/// Closing marks that stay with the sentence they end.
const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '》', '"', '\''];

/// Splits a paragraph into sentences on 。！？；… and line ends.
///
/// A closing quote or bracket right after the terminator stays with its
/// sentence, and nothing inside 「」『』“” quotes is split: a quoted statement
/// is one unit of evidence. ASCII `"` toggles. Quote depth resets at each line
/// end so one unbalanced quote cannot swallow a whole article.
pub fn split_sentences(text: &str) -> Vec<SentenceSpan> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth: u32 = 0;
    let mut ascii_quote = false;
    let mut chars = text.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let before = prev.replace(c);
        let prev = before;
        match c {
            '「' | '『' | '“' => depth += 1,
            '」' | '』' | '”' => {
                depth = depth.saturating_sub(1);
                // A quote that closes right after a terminator ends the sentence.
                if depth == 0 && !ascii_quote && prev.is_some_and(|p| TERMINATORS.contains(&p)) {
                    let end = i + c.len_utf8();
                    push(&mut out, text, start..end);
                    start = end;
                }
            }
            '"' => ascii_quote = !ascii_quote,
            '\n' => {
                push(&mut out, text, start..i);
                start = i + 1;
                depth = 0;
                ascii_quote = false;
                continue;
            }
            _ => {}
        }
        if TERMINATORS.contains(&c) && depth == 0 && !ascii_quote {
            let mut end = i + c.len_utf8();
            // Runs of terminators (……, ！？) and closing marks belong here.
            while let Some(&(j, d)) = chars.peek() {
                if TERMINATORS.contains(&d) || (CLOSERS.contains(&d) && d != '"') {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            push(&mut out, text, start..end);
            start = end;
        }
    }
    push(&mut out, text, start..text.len());
    out
}

/// Longest sentence kept whole, in bytes (about 700 Chinese characters;
/// real sentences stay far below). A longer run without a terminator — a
/// page that is one endless line — is cut at clause marks, so the work per
/// sentence stays bounded.
const MAX_SENTENCE_BYTES: usize = 2048;
const CLAUSE_MARKS: &[char] = &['，', '、', '：', ',', ':', ' '];

/// Adds the span trimmed of surrounding whitespace, if anything is left;
/// an over-long span is cut after its last clause mark within the limit
/// (or at the limit).
fn push(out: &mut Vec<SentenceSpan>, text: &str, span: Range<usize>) {
    let mut span = span;
    while span.end - span.start > MAX_SENTENCE_BYTES {
        let mut limit = span.start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let head = &text[span.start..limit];
        let cut = head
            .rfind(CLAUSE_MARKS)
            .map(|i| span.start + i + head[i..].chars().next().map_or(1, char::len_utf8))
            .filter(|&c| c > span.start)
            .unwrap_or(limit);
        push_trimmed(out, text, span.start..cut);
        span.start = cut;
    }
    push_trimmed(out, text, span);
}

fn push_trimmed(out: &mut Vec<SentenceSpan>, text: &str, span: Range<usize>) {
    let s = &text[span.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(span.start + lead..span.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endless_lines_are_cut_at_clause_marks() {
        let text = "王毅会见朴振，".repeat(1000);
        let spans = split_sentences(&text);
        assert!(spans.len() > 1);
        assert!(spans.iter().all(|s| s.len() <= MAX_SENTENCE_BYTES));
        // Nothing is lost, every cut falls after a comma.
        assert_eq!(spans.iter().map(|s| s.len()).sum::<usize>(), text.len());
        assert!(spans.iter().all(|s| text[s.clone()].ends_with('，')));
        // Without any mark: cut at the limit, on a character boundary.
        let text = "王".repeat(2000);
        let spans = split_sentences(&text);
        assert!(spans.iter().all(|s| s.len() <= MAX_SENTENCE_BYTES));
        assert_eq!(spans.iter().map(|s| s.len()).sum::<usize>(), text.len());
    }

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn splits_on_chinese_terminators() {
        assert_eq!(
            split("甲。乙！丙？丁；戊"),
            vec!["甲。", "乙！", "丙？", "丁；", "戊"]
        );
    }

    #[test]
    fn ellipsis_runs_stay_together() {
        assert_eq!(split("等等……然后。"), vec!["等等……", "然后。"]);
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        assert_eq!(
            split("他说：「中方支持韩方。愿同韩方一道。」文在寅则说，好。"),
            vec!["他说：「中方支持韩方。愿同韩方一道。」", "文在寅则说，好。"]
        );
        assert_eq!(
            split("“两国关系不应受第三方影响，”王毅说。“中韩双方应坚守初心。”"),
            vec![
                "“两国关系不应受第三方影响，”王毅说。",
                "“中韩双方应坚守初心。”"
            ]
        );
    }

    #[test]
    fn never_splits_inside_quotes() {
        assert_eq!(
            split("中国希望韩国奉行\"积极。友好\"的政策。下一句。"),
            vec!["中国希望韩国奉行\"积极。友好\"的政策。", "下一句。"]
        );
        assert_eq!(split("他说『甲。乙』。"), vec!["他说『甲。乙』。"]);
    }

    #[test]
    fn line_ends_split_and_reset_quotes() {
        assert_eq!(
            split("未闭合「引号\n下一行。"),
            vec!["未闭合「引号", "下一行。"]
        );
        assert_eq!(split(" \n \n"), Vec::<&str>::new());
    }

    #[test]
    fn ascii_periods_do_not_split() {
        assert_eq!(split("增长3.5%。"), vec!["增长3.5%。"]);
    }
}
