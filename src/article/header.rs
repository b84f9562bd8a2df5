//! The header of an archived post: Jekyll front matter, the `<!--epoch-ms-->`
//! comment, the `[title](url)` link line and the `------` rule. Each part is
//! optional; what is left is the HTML body.
//!
//! The front matter is read line by line rather than by a YAML parser because
//! real files break YAML (raw newlines and `\"` inside quoted titles).

use super::ReadError;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Header {
    pub title: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub from: Option<String>,
    pub tags: Vec<String>,
    pub epoch_ms: Option<i64>,
    pub link_title: Option<String>,
    pub link_url: Option<String>,
}

/// Splits `text` into its header and the body that follows.
pub fn split(text: &str) -> Result<(Header, &str), ReadError> {
    let mut header = Header::default();
    let mut rest = text.trim_start_matches('\u{feff}');
    if let Some(after) = strip_line(rest, "---") {
        let (fm, body) = front_matter(after)?;
        parse_front_matter(fm, &mut header);
        rest = body;
    }
    rest = rest.trim_start();
    if let Some(after) = rest.strip_prefix("<!--") {
        if let Some(end) = after.find("-->") {
            let inner = after[..end].trim();
            if !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit()) {
                header.epoch_ms = inner.parse().ok();
                rest = after[end + 3..].trim_start();
            }
        }
    }
    if rest.starts_with('[') {
        let line_end = rest.find('\n').unwrap_or(rest.len());
        if let Some((title, url)) = link_line(&rest[..line_end]) {
            header.link_title = Some(title);
            header.link_url = Some(url);
            rest = &rest[line_end..];
            let trimmed = rest.trim_start();
            let rule_end = trimmed.find('\n').unwrap_or(trimmed.len());
            let rule = trimmed[..rule_end].trim();
            if rule.len() >= 3 && rule.bytes().all(|b| b == b'-') {
                rest = &trimmed[rule_end..];
            }
        }
    }
    Ok((header, rest))
}

/// If `text` starts with a line that is exactly `marker`, the text after it.
fn strip_line<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let after = text.strip_prefix(marker)?;
    let after = after.strip_prefix('\r').unwrap_or(after);
    after.strip_prefix('\n')
}

/// Finds the closing `---` line of the front matter.
fn front_matter(text: &str) -> Result<(&str, &str), ReadError> {
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Ok((&text[..pos], &text[pos + line.len()..]));
        }
        pos += line.len();
    }
    Err(ReadError::Malformed(
        "front matter opened with --- never closes".into(),
    ))
}

fn parse_front_matter(fm: &str, header: &mut Header) {
    let mut fields: Vec<(&str, String)> = Vec::new();
    for line in fm.lines() {
        match key_value(line) {
            Some((key, value)) if !inside_open_quote(fields.last()) => {
                fields.push((key, value.to_owned()))
            }
            // A continuation of a value broken over lines (raw newlines in a
            // quoted title).
            _ => {
                if let Some((_, value)) = fields.last_mut() {
                    value.push('\n');
                    value.push_str(line);
                }
            }
        }
    }
    for (key, value) in fields {
        let value = scalar(&value);
        match key {
            "title" => header.title = non_empty(value),
            "date" => header.date = non_empty(value),
            "author" => header.author = non_empty(value),
            "from" | "url" | "link" => header.from = non_empty(value),
            "tags" => {
                header.tags = value
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .split(',')
                    .map(|t| t.trim().trim_matches('"').trim().to_owned())
                    .filter(|t| !t.is_empty())
                    .collect()
            }
            _ => {}
        }
    }
}

/// `key: value` where key is a plain identifier.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let ok = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    ok.then(|| (key, value.trim()))
}

/// Is the last value an opened double-quoted string not yet closed?
fn inside_open_quote(last: Option<&(&str, String)>) -> bool {
    let Some((_, value)) = last else { return false };
    let Some(body) = value.strip_prefix('"') else {
        return false;
    };
    !closes_quote(body)
}

fn closes_quote(body: &str) -> bool {
    let mut escaped = false;
    for c in body.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return true,
            _ => escaped = false,
        }
    }
    false
}

/// Unquotes a YAML-ish scalar, decodes HTML entities and folds whitespace.
fn scalar(raw: &str) -> String {
    let raw = raw.trim();
    let unquoted = if let Some(body) = raw.strip_prefix('"') {
        let body = body.strip_suffix('"').unwrap_or(body);
        body.replace("\\\"", "\"").replace("\\\\", "\\")
    } else if let Some(body) = raw.strip_prefix('\'') {
        body.strip_suffix('\'').unwrap_or(body).replace("''", "'")
    } else {
        raw.to_owned()
    };
    crate::text::fold_whitespace(&html_escape::decode_html_entities(&unquoted))
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// Parses `[text](url)` where the text may itself hold balanced brackets.
fn link_line(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    let mut depth = 0usize;
    let mut close = None;
    for (i, c) in line.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 && line[i + 1..].starts_with('(') {
                    close = Some(i);
                }
            }
            _ => {}
        }
    }
    let close = close?;
    let url = line[close + 2..].strip_suffix(')')?;
    let title = scalar(&line[1..close]);
    let url = html_escape::decode_html_entities(url.trim()).into_owned();
    Some((title, url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jekyll_front_matter() {
        let text = "---\nlayout: post\ntitle: \"韩中外长在首尔举行会谈\"\ndate: 2020-11-26T02:55:00.000Z\nauthor: 联合早报\nfrom: https://www.zaobao.com/x\ntags: [ 联合早报 ]\n---\n<!--1606359300000-->\n[韩中外长在首尔举行会谈](https://www.zaobao.com/x)\n------\n\n<div>body</div>\n";
        let (h, body) = split(text).unwrap();
        assert_eq!(h.title.as_deref(), Some("韩中外长在首尔举行会谈"));
        assert_eq!(h.date.as_deref(), Some("2020-11-26T02:55:00.000Z"));
        assert_eq!(h.author.as_deref(), Some("联合早报"));
        assert_eq!(h.from.as_deref(), Some("https://www.zaobao.com/x"));
        assert_eq!(h.tags, vec!["联合早报"]);
        assert_eq!(h.epoch_ms, Some(1_606_359_300_000));
        assert_eq!(h.link_url.as_deref(), Some("https://www.zaobao.com/x"));
        assert_eq!(body.trim(), "<div>body</div>");
    }

    #[test]
    fn title_with_escaped_quotes_entities_and_line_breaks() {
        let (h, _) = split("---\ntitle: \"北京爱生气   \\\"惩罚性外交\\\"伤了谁\"\n---\n").unwrap();
        assert_eq!(h.title.as_deref(), Some("北京爱生气 \"惩罚性外交\"伤了谁"));
        let (h, _) = split("---\ntitle: \"拜登政府称&quot;徒劳无益&quot;\"\n---\n").unwrap();
        assert_eq!(h.title.as_deref(), Some("拜登政府称\"徒劳无益\""));
        let text = "---\ntitle: \"马克龙访贝鲁特 黎巴嫩获“法国解决办法”？\n\n\n key: not a key\n\"\ndate: 2020-08-10T14:55:15.000Z\nauthor: 德国之声\n---\nbody";
        let (h, body) = split(text).unwrap();
        assert_eq!(
            h.title.as_deref(),
            Some("马克龙访贝鲁特 黎巴嫩获“法国解决办法”？ key: not a key")
        );
        assert_eq!(h.date.as_deref(), Some("2020-08-10T14:55:15.000Z"));
        assert_eq!(h.author.as_deref(), Some("德国之声"));
        assert_eq!(body, "body");
    }

    #[test]
    fn epoch_comment_and_link_without_front_matter() {
        let text = "<!--1693582743000-->\n[中韩外长通电话](https://www.voachinese.com/a/x.html)\n------\n\n<p>x</p>";
        let (h, body) = split(text).unwrap();
        assert_eq!(h.title, None);
        assert_eq!(h.epoch_ms, Some(1_693_582_743_000));
        assert_eq!(h.link_title.as_deref(), Some("中韩外长通电话"));
        assert_eq!(
            h.link_url.as_deref(),
            Some("https://www.voachinese.com/a/x.html")
        );
        assert_eq!(body.trim(), "<p>x</p>");
    }

    #[test]
    fn link_text_with_brackets() {
        let (t, u) =
            link_line("[[國際] 美國務卿訪倫敦[影]](https://www.rti.org.tw/news/view/id/2072984)")
                .unwrap();
        assert_eq!(t, "[國際] 美國務卿訪倫敦[影]");
        assert_eq!(u, "https://www.rti.org.tw/news/view/id/2072984");
        assert_eq!(link_line("[no url] here"), None);
        assert_eq!(link_line("]["), None);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(matches!(
            split("---\ntitle: x\n<p>body</p>\n"),
            Err(ReadError::Malformed(_))
        ));
    }

    #[test]
    fn plain_html_has_no_header() {
        let (h, body) = split("<html><p>x</p></html>").unwrap();
        assert_eq!(h, Header::default());
        assert_eq!(body, "<html><p>x</p></html>");
    }
}
