//! SPARQL syntax errors a person can act on: the line, a caret under the
//! place, and one sentence.
//!
//! The parser (spargebra, a PEG grammar) reports the furthest position it
//! reached and every alternative it tried there: the raw grammar
//! (`expected one of ABS, AVG, DAY, IRI, …`), Unicode ranges of name
//! characters for an undeclared prefix, and "expected CONSTRUCT" for a
//! misspelt SELECT (CONSTRUCT being the last form it tried). Its message
//! is the only interface (the position is not exposed), so it is read
//! back here and turned into one sentence: an undeclared prefix names the
//! prefix and the predeclared ones; a query that does not start with a
//! query form says so (and the nearest keyword); a query that ends early
//! says what is missing; anything else names the unexpected text and at
//! most a few expected tokens.

use crate::rdf;
use std::fmt;
use unicode_width::UnicodeWidthStr;

/// Whether the text was meant as a query or an update (their first words
/// differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Query,
    Update,
}

/// A syntax error placed in the text it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line and column (in characters) of the place.
    pub line: usize,
    pub column: usize,
    /// One sentence.
    pub message: String,
    /// The line as written (empty when the position is unknown).
    pub source_line: String,
}

impl std::error::Error for SyntaxError {}

/// ```text
/// SPARQL syntax error at line 1, column 22: the prefix `foo:` is not declared; …
///   1 | SELECT ?x WHERE { ?x foo:bar ?o }
///     |                      ^
/// ```
impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            return write!(f, "SPARQL syntax error: {}", self.message);
        }
        write!(
            f,
            "SPARQL syntax error at line {}, column {}: {}",
            self.line, self.column, self.message
        )?;
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        let line = self.source_line.replace('\t', " ");
        let before: String = line.chars().take(self.column.saturating_sub(1)).collect();
        write!(
            f,
            "\n  {number} | {}\n  {pad} | {}^",
            line.trim_end(),
            " ".repeat(before.width())
        )
    }
}

/// The query forms a query starts with (after PREFIX and BASE).
const QUERY_FORMS: [&str; 4] = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"];
/// The words an update starts with.
const UPDATE_FORMS: [&str; 10] = [
    "INSERT", "DELETE", "WITH", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY",
];
/// Built-in function names: their presence among the expected tokens
/// means an expression was expected.
const FUNCTIONS: [&str; 6] = ["STR", "ABS", "COUNT", "REGEX", "BOUND", "IRI"];

/// Explains `error`, raised while parsing `text` as `kind`.
///
/// The parser's position is often not where the mistake is: keywords are
/// matched by taking as many characters as the keyword has and comparing
/// them, so a failed keyword is reported *after* those characters — at the
/// end of the text, for a query missing an object (`{ ?x ?p }`). So the
/// text is first checked for what a reader can place exactly: the first
/// word, unterminated strings, undeclared prefixes and unbalanced
/// brackets; only then is the parser's position used, moved back over a
/// keyword it only tried.
pub fn explain(text: &str, error: &dyn std::error::Error, kind: Kind) -> SyntaxError {
    let at = |offset: usize, message: String| {
        let (line, column) = line_col(text, offset);
        SyntaxError {
            line,
            column,
            message,
            source_line: text.lines().nth(line - 1).unwrap_or("").to_string(),
        }
    };
    // The first word of the query, when it is not a form of `kind`.
    if let Some((start, word)) = first_word(text) {
        let forms: &[&str] = match kind {
            Kind::Query => &QUERY_FORMS,
            Kind::Update => &UPDATE_FORMS,
        };
        let upper = word.to_ascii_uppercase();
        if !forms.contains(&upper.as_str()) {
            let message = match kind {
                Kind::Query if UPDATE_FORMS.contains(&upper.as_str()) => format!(
                    "`{word}` starts an update, and this runs queries only (SELECT, ASK, CONSTRUCT or DESCRIBE)"
                ),
                Kind::Query => format!(
                    "a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE, not `{word}`{}",
                    did_you_mean(&upper, forms)
                ),
                Kind::Update => format!(
                    "an update starts with INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE or COPY, not `{word}`{}",
                    did_you_mean(&upper, forms)
                ),
            };
            return at(start, message);
        }
    }
    if let Some((offset, message)) = lexical_mistake(text) {
        return at(offset, message);
    }
    let raw = error.to_string();
    let Some((line, column, expected)) = parse_message(&raw) else {
        return SyntaxError {
            line: 0,
            column: 0,
            message: raw,
            source_line: String::new(),
        };
    };
    let mut offset = offset_of(text, line, column);
    // Only keywords expected: each was tried where it would have started,
    // its length before the reported place. (`[_]`, any character, is the
    // same matcher running out of text.)
    let keywords: Vec<&String> = expected.iter().filter(|e| is_keyword(e)).collect();
    let any_char = expected.iter().filter(|e| *e == "[_]").count();
    if !keywords.is_empty() && keywords.len() + any_char == expected.len() {
        let shortest = keywords
            .iter()
            .map(|k| k.chars().count())
            .min()
            .unwrap_or(0);
        let before = &text[..offset.min(text.len())];
        offset = before
            .char_indices()
            .rev()
            .nth(shortest.saturating_sub(1))
            .map_or(0, |(i, _)| i);
    }
    let wanted = summarise(&expected);
    let rest = skip_space_and_comments(&text[offset.min(text.len())..]);
    let message = if rest.is_empty() {
        format!("the text ends where {wanted} was expected")
    } else {
        format!("unexpected `{}`: expected {wanted}", token(rest))
    };
    at(offset, message)
}

/// A keyword alternative of the parser's message (`BY`, `OPTIONAL`, `MD5`).
fn is_keyword(e: &str) -> bool {
    e.starts_with(|c: char| c.is_ascii_alphabetic())
        && e.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Mistakes found by reading the text as tokens, the first one with its
/// byte offset: a string never closed, a prefix never declared, a bracket
/// closed by the wrong one or never closed.
fn lexical_mistake(text: &str) -> Option<(usize, String)> {
    let mut declared: Vec<String> = rdf::PREFIXES.iter().map(|(p, _)| p.to_string()).collect();
    let mut undeclared: Option<(usize, String)> = None;
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut previous_word = String::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().expect("in bounds");
        let next = i + c.len_utf8();
        match c {
            '#' => {
                i = text[i..].find('\n').map_or(text.len(), |n| i + n);
                continue;
            }
            '"' | '\'' => {
                let long = text[i..].starts_with(&format!("{c}{c}{c}"));
                let (quote, mut j) = if long {
                    (format!("{c}{c}{c}"), i + 3)
                } else {
                    (c.to_string(), next)
                };
                loop {
                    let Some(rest) = text.get(j..) else {
                        return Some((i, unclosed_string(c)));
                    };
                    let Some(k) = rest.find(|x: char| x == '\\' || x == c || (!long && x == '\n'))
                    else {
                        return Some((i, unclosed_string(c)));
                    };
                    let x = rest[k..].chars().next().expect("found");
                    if x == '\\' {
                        j += k + 2;
                    } else if x == '\n' {
                        return Some((i, unclosed_string(c)));
                    } else if rest[k..].starts_with(&quote) {
                        i = j + k + quote.len();
                        break;
                    } else {
                        j += k + 1;
                    }
                }
                previous_word.clear();
                continue;
            }
            '<' => {
                // An IRI runs to `>` without spaces or quotes; else `<` is
                // the less-than operator.
                let end = text[next..]
                    .find(|x: char| {
                        x == '>'
                            || x.is_whitespace()
                            || matches!(x, '<' | '"' | '{' | '}' | '|' | '^' | '`' | '\\')
                    })
                    .map(|n| next + n);
                if let Some(end) = end.filter(|&e| bytes[e] == b'>') {
                    i = end + 1;
                    previous_word.clear();
                    continue;
                }
            }
            '?' | '$' | '@' => {
                // A variable or a language tag: its name is no prefix.
                i = next
                    + text[next..]
                        .find(|x: char| !(x.is_alphanumeric() || x == '_' || x == '-'))
                        .unwrap_or(text.len() - next);
                previous_word.clear();
                continue;
            }
            '_' if text[next..].starts_with(':') => {
                // A blank node label (`_:b0`), not a prefixed name.
                i = next
                    + 1
                    + text[next + 1..]
                        .find(|x: char| !(x.is_alphanumeric() || x == '_' || x == '-'))
                        .unwrap_or(text.len() - next - 1);
                previous_word.clear();
                continue;
            }
            '(' | '[' | '{' => open.push((i, c)),
            ')' | ']' | '}' => {
                let wanted = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                match open.pop() {
                    Some((_, o)) if o == wanted => {}
                    Some((at, o)) => {
                        let (line, column) = line_col(text, at);
                        return Some((
                            i,
                            format!(
                                "this `{c}` closes the `{o}` of line {line}, column {column}: a `{}` is missing before it",
                                closer(o)
                            ),
                        ));
                    }
                    None => return Some((i, format!("this `{c}` closes nothing"))),
                }
            }
            c if c.is_alphabetic() || c == ':' => {
                let end = text[i..]
                    .find(|x: char| {
                        !(x.is_alphanumeric() || matches!(x, '_' | '-' | '.' | ':' | '%'))
                    })
                    .map_or(text.len(), |n| i + n);
                let word = text[i..end].trim_end_matches('.');
                if let Some((prefix, _)) = word.split_once(':') {
                    if previous_word.eq_ignore_ascii_case("PREFIX") {
                        declared.push(prefix.to_string());
                    } else if undeclared.is_none() && !declared.iter().any(|d| d == prefix) {
                        undeclared = Some((i, prefix.to_string()));
                    }
                }
                previous_word = word.to_string();
                i = end.max(next);
                continue;
            }
            _ => {}
        }
        if !c.is_whitespace() {
            previous_word.clear();
        }
        i = next;
    }
    if let Some((at, prefix)) = undeclared {
        let known: Vec<String> = rdf::PREFIXES.iter().map(|(p, _)| format!("{p}:")).collect();
        return Some((
            at,
            format!(
                "the prefix `{prefix}:` is not declared: add `PREFIX {prefix}: <…>` before the query (predeclared: {})",
                known.join(" ")
            ),
        ));
    }
    open.pop().map(|(at, o)| {
        (
            at,
            format!("this `{o}` is never closed (a `{}` is missing)", closer(o)),
        )
    })
}

fn unclosed_string(quote: char) -> String {
    format!("this string is never closed (a `{quote}` is missing)")
}

fn closer(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

/// `error at 5:2: expected one of …` → (5, 2, the alternatives).
fn parse_message(raw: &str) -> Option<(usize, usize, Vec<String>)> {
    let rest = raw.strip_prefix("error at ")?;
    let (pos, rest) = rest.split_once(": ")?;
    let (line, column) = pos.split_once(':')?;
    let (line, column) = (line.parse().ok()?, column.parse().ok()?);
    let expected = rest.strip_prefix("expected ").unwrap_or(rest);
    let expected = expected.strip_prefix("one of ").unwrap_or(expected);
    Some((line, column, split_alternatives(expected)))
}

/// Splits `"}", ".", ['a' ..= 'z' | '_'], STR` at the commas outside
/// brackets and quotes.
fn split_alternatives(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut current) = (0i32, None::<char>, String::new());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quoted.is_some() => {
                current.push(c);
                if let Some(n) = chars.next() {
                    current.push(n);
                }
                continue;
            }
            '"' | '\'' if quoted == Some(c) => quoted = None,
            '"' | '\'' if quoted.is_none() => quoted = Some(c),
            '[' if quoted.is_none() => depth += 1,
            ']' if quoted.is_none() => depth -= 1,
            ',' if quoted.is_none() && depth == 0 => {
                out.push(current.trim().to_string());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// What the parser expected, in a few words: "an expression" when it
/// listed functions, else up to five of the literal tokens it named.
fn summarise(expected: &[String]) -> String {
    if expected
        .iter()
        .any(|e| FUNCTIONS.contains(&e.trim_matches('"')))
    {
        return "an expression (a variable, a value or a function call)".to_string();
    }
    let tokens: Vec<String> = expected
        .iter()
        .filter(|e| e.starts_with('"') && e.len() > 2)
        .map(|e| format!("`{}`", &e[1..e.len() - 1]))
        .collect();
    let words: Vec<String> = expected
        .iter()
        .filter(|e| is_keyword(e))
        .map(|e| e.to_string())
        .collect();
    let all: Vec<String> = tokens.into_iter().chain(words).collect();
    match all.len() {
        0 => "something else here".to_string(),
        1 => all[0].clone(),
        n if n <= 5 => format!("one of {}", all.join(" ")),
        _ => format!("one of {} …", all[..5].join(" ")),
    }
}

fn did_you_mean(word: &str, forms: &[&str]) -> String {
    match crate::suggest::nearest(word, forms.iter().copied(), 1).first() {
        Some(f) => format!(" (did you mean {f}?)"),
        None => String::new(),
    }
}

/// Byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return offset
                + l.char_indices()
                    .nth(column.saturating_sub(1))
                    .map_or(l.len(), |(b, _)| b);
        }
        offset += l.len();
    }
    text.len()
}

/// 1-based line and character column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.chars().rev().take_while(|&c| c != '\n').count() + 1;
    (line, column)
}

fn skip_space_and_comments(mut s: &str) -> &str {
    loop {
        let t = s.trim_start();
        if let Some(comment) = t.strip_prefix('#') {
            s = comment.split_once('\n').map_or("", |(_, r)| r);
        } else {
            return t;
        }
    }
}

/// The first word of the query after PREFIX and BASE declarations and
/// comments, with its byte offset.
fn first_word(text: &str) -> Option<(usize, &str)> {
    let mut rest = text;
    loop {
        rest = skip_space_and_comments(rest);
        let word_len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let word = &rest[..word_len];
        let start = text.len() - rest.len();
        match word.to_ascii_uppercase().as_str() {
            "PREFIX" => rest = rest.split_once('>').map(|(_, r)| r)?,
            "BASE" => rest = rest.split_once('>').map(|(_, r)| r)?,
            "" => return None,
            _ => return Some((start, word)),
        }
    }
}

/// The text at the error: a word, or one character of punctuation.
fn token(rest: &str) -> String {
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '?' | '$' | ':'))
        .take(30)
        .collect();
    if word.is_empty() {
        rest.chars().next().map(String::from).unwrap_or_default()
    } else {
        word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(text: &str) -> SyntaxError {
        let Err(err) = crate::store::evaluator().parse_query(text) else {
            panic!("{text} parses")
        };
        explain(text, &err, Kind::Query)
    }

    #[test]
    fn a_misspelt_form_is_named() {
        let e = explained("SELEC ?x WHERE { ?x ?p ?o }");
        assert_eq!((e.line, e.column), (1, 1));
        assert_eq!(
            e.message,
            "a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE, not `SELEC` (did you mean SELECT?)"
        );
        let e = explained("PREFIX x: <http://x/>\n# a comment\nselct * { ?s ?p ?o }");
        assert_eq!((e.line, e.column), (3, 1));
        assert!(e.message.contains("not `selct`"), "{}", e.message);
        let e = explained("INSERT DATA { <http://x/a> <http://x/b> 1 }");
        assert!(e.message.contains("starts an update"), "{}", e.message);
    }

    #[test]
    fn an_undeclared_prefix_is_named_without_unicode_ranges() {
        let e = explained("SELECT ?x WHERE { ?x foo:bar ?o }");
        assert_eq!((e.line, e.column), (1, 22));
        assert!(
            e.message
                .starts_with("the prefix `foo:` is not declared: add `PREFIX foo: <…>`"),
            "{}",
            e.message
        );
        assert!(e.message.contains("dip: actor:"), "{}", e.message);
        let shown = e.to_string();
        assert!(!shown.contains("\\u{"), "{shown}");
        assert_eq!(
            shown.lines().collect::<Vec<_>>()[1..],
            [
                "  1 | SELECT ?x WHERE { ?x foo:bar ?o }",
                "    |                      ^"
            ]
        );
    }

    #[test]
    fn one_sentence_with_the_line_and_a_caret() {
        let text = "SELECT ?x\nWHERE {\n  ?x dip:metWith ?o .\n  FILTER(?o = )\n}";
        let e = explained(text);
        assert_eq!((e.line, e.column), (4, 15));
        assert_eq!(
            e.message,
            "unexpected `)`: expected an expression (a variable, a value or a function call)"
        );
        assert_eq!(
            e.to_string().lines().skip(1).collect::<Vec<_>>(),
            ["  4 |   FILTER(?o = )", "    |               ^"]
        );
        // A keyword the parser only tried is not where it reports it.
        let e = explained("SELECT ?x WHERE { ?x ?p ?o } ORDER ?x");
        assert_eq!(e.column, 36);
        assert_eq!(e.message, "unexpected `?x`: expected BY");
    }

    #[test]
    fn brackets_and_strings_are_placed_exactly() {
        let e = explained("SELECT ?x WHERE { ?x ?p ?o ");
        assert_eq!(e.column, 17);
        assert_eq!(e.message, "this `{` is never closed (a `}` is missing)");
        let e = explained("SELECT ?x WHERE { ?x ?p ?o FILTER(?x > 3 }");
        assert_eq!(e.column, 42);
        assert_eq!(
            e.message,
            "this `}` closes the `(` of line 1, column 34: a `)` is missing before it"
        );
        let e = explained("SELECT ?x WHERE {\n ?x ?p \"abc }\n}");
        assert_eq!((e.line, e.column), (2, 8));
        assert_eq!(e.message, "this string is never closed (a `\"` is missing)");
        // Strings, IRIs, comments and blank nodes are read past whole.
        let e = explained(
            "SELECT ?x WHERE { ?x <http://x/a:b> \"(\", '}' . _:b ?p ?o # ( foo:\n FILTER(?x < 3) ?x }",
        );
        assert!(!e.message.contains("never closed"), "{}", e.message);
        assert!(!e.message.contains("prefix"), "{}", e.message);
    }

    #[test]
    fn the_caret_counts_wide_characters_twice() {
        let text = "SELECT ?x WHERE { ?x dip:label \"王毅\" ; foo:x ?y }";
        assert!(explained(text).message.contains("`foo:` is not declared"));
        let e = explained(text);
        let lines: Vec<String> = e.to_string().lines().map(String::from).collect();
        let caret = lines[2].find('^').unwrap();
        let start = lines[1].find("foo:").unwrap();
        // Byte offsets of the two lines differ by the CJK characters'
        // extra bytes; their display columns agree.
        assert_eq!(lines[1][..start].width(), caret);
    }
}
