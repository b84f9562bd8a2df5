//! Archived news posts → [`Article`]s: header, publication time, outlet,
//! paragraphs and sentences.

mod body;
mod encoding;
mod header;
mod outlet;
mod published;
mod source;

pub use body::{Paragraph, ParagraphKind};
pub use outlet::{outlet_for_url, time_zone_for_url};
pub use published::{first_timestamp, parse_timestamp, plausible};
pub use source::{ReadSummary, find_article_files, read_paths};

use crate::text;
use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// One parsed news article.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// SHA-256 of the file's bytes, hex.
    pub id: String,
    pub path: PathBuf,
    pub file_name: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<DateTime<Utc>>,
    /// Where `published` came from: front_matter, epoch_ms, page_meta or body.
    pub published_source: Option<&'static str>,
    pub encoding: &'static str,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    /// What was passed over while reading it, for a `warning:` line (a
    /// front-matter date that is no date, an epoch comment in the year
    /// 4872).
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// One sentence, verbatim, with its normalised form for matching.
#[derive(Debug, Clone, Serialize)]
pub struct Sentence {
    /// Index into [`Article::paragraphs`].
    pub paragraph: usize,
    pub text: String,
    /// Simplified, width-folded, aligned character by character with `text`.
    #[serde(skip)]
    pub norm: String,
}

/// Why a file could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read: {0}")]
    Io(String),
    #[error("empty file")]
    Empty,
    #[error("binary data, not text")]
    Binary,
    #[error("undecodable text: {0}")]
    Undecodable(String),
    #[error("malformed header: {0}")]
    Malformed(String),
    #[error("no body text")]
    NoBody,
    #[error("body only repeats the title")]
    TitleOnly,
    #[error("file too large ({0} bytes; the limit is {MAX_FILE_BYTES})")]
    TooLarge(u64),
    /// A path given to read that does not exist.
    #[error("no such file or directory")]
    NoSuchPath,
    /// A directory given to read that holds no article file.
    #[error("no article files (.txt .md .markdown .html .htm) under it")]
    NoArticleFiles,
    /// A path given to read that is a device, FIFO or socket (`/dev/zero`
    /// would be read forever, a FIFO would block the run).
    #[error(
        "not a regular file or a directory (a device, FIFO or socket): name article files or directories"
    )]
    NotAFile,
    /// A Markdown file with none of an archived post's header (front matter,
    /// epoch comment, title link): a README or notes beside the posts.
    #[error("not an archived post: Markdown without front matter, epoch comment or title link")]
    NotArticle,
}

impl ReadError {
    /// Is the problem the input named on the command line (a path that does
    /// not exist, a directory without articles, a device) rather than one
    /// file? Such
    /// a run fails, whatever `--strict` says.
    pub fn is_bad_input(&self) -> bool {
        Self::BAD_INPUT.contains(self)
    }

    /// The errors [`ReadError::is_bad_input`] holds, for counting them in a
    /// summary by reason.
    pub const BAD_INPUT: [ReadError; 3] = [
        ReadError::NoSuchPath,
        ReadError::NoArticleFiles,
        ReadError::NotAFile,
    ];

    /// A short fixed label for counting failures by reason.
    pub fn reason(&self) -> &'static str {
        match self {
            ReadError::Io(_) => "unreadable",
            ReadError::Empty => "empty",
            ReadError::Binary => "binary",
            ReadError::Undecodable(_) => "undecodable",
            ReadError::Malformed(_) => "malformed header",
            ReadError::NoBody => "no body text",
            ReadError::TitleOnly => "body only repeats the title",
            ReadError::TooLarge(_) => "too large",
            ReadError::NotArticle => "not an archived post",
            ReadError::NoSuchPath => "no such path",
            ReadError::NoArticleFiles => "no article files",
            ReadError::NotAFile => "not a file",
        }
    }
}

/// A failure to read one file: which file, and why.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}: {error}", shown_path(path))]
pub struct ArticleError {
    pub path: PathBuf,
    pub error: ReadError,
}

/// A path as an error line shows it: as is, or quoted with escapes when it
/// holds a line break or another control character (a name with a newline
/// would split its `error:` line in two).
pub fn shown_path(path: &Path) -> String {
    let shown = path.display().to_string();
    if shown.chars().any(char::is_control) {
        format!("{shown:?}")
    } else {
        shown
    }
}

/// Reads and parses one file.
pub fn read_file(path: &Path) -> Result<Article, ArticleError> {
    let fail = |error| ArticleError {
        path: path.to_owned(),
        error,
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(ReadError::Io(e.to_string())))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(ReadError::TooLarge(meta.len())));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(ReadError::Io(e.to_string())))?;
    parse(path, &bytes).map_err(fail)
}

/// Parses an article from its bytes; `path` only names it.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Article, ReadError> {
    let (text, encoding) = encoding::decode(bytes)?;
    let (header, body_html) = header::split(&text)?;
    let markdown = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    if markdown && header == header::Header::default() {
        return Err(ReadError::NotArticle);
    }
    let (paragraphs, meta) = body::paragraphs(body_html);

    let title = header.title.or(header.link_title).or(meta.title);
    let url = header.from.or(header.link_url).or(meta.url);
    let outlet = header
        .author
        .or_else(|| url.as_deref().and_then(outlet_for_url).map(str::to_owned));
    let mut warnings = Vec::new();
    let epoch = header.epoch_ms.map(|ms| ms.to_string());
    let (published, published_source) = published::publication(
        header.date.as_deref(),
        epoch.as_deref(),
        meta.published.as_deref(),
        body_html,
        &mut warnings,
    )
    .unzip();

    if paragraphs.is_empty() {
        return Err(ReadError::NoBody);
    }
    if let Some(title) = &title {
        let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let title = squash(title);
        if paragraphs.iter().all(|p| squash(&p.text) == title) {
            return Err(ReadError::TitleOnly);
        }
    }
    let sentences = split_sentences(&paragraphs);

    Ok(Article {
        id: hex::encode(Sha256::digest(bytes)),
        path: path.to_owned(),
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        url,
        title,
        outlet,
        published,
        published_source,
        encoding,
        paragraphs,
        sentences,
        warnings,
    })
}

impl Article {
    /// What names the article in the store (its IRI and graph): the first
    /// 128 bits of [`Article::id`], its content's SHA-256, as hex. Two files
    /// with the same bytes are one article; two different posts with the
    /// same file name are two.
    pub fn key(&self) -> &str {
        &self.id[..self.id.len().min(32)]
    }

    /// The path the article was read from, as given, as text. Bytes that
    /// are not UTF-8 are written `\xFF`, so two paths that differ only in
    /// such bytes stay two.
    pub fn source_path(&self) -> String {
        path_text(&self.path)
    }
}

#[cfg(unix)]
fn path_text(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut text = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        text.push_str(chunk.valid());
        for b in chunk.invalid() {
            text.push_str(&format!("\\x{b:02X}"));
        }
    }
    text
}

#[cfg(not(unix))]
fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn split_sentences(paragraphs: &[Paragraph]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let n = text::normalize(&p.text);
        for span in text::split_sentences(&n.norm) {
            out.push(Sentence {
                paragraph: i,
                text: n.orig_slice(span.clone()).to_owned(),
                norm: n.norm[span].to_owned(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn error_lines_quote_names_with_line_breaks() {
        let e = ArticleError {
            path: "dir/two\nlines.txt".into(),
            error: ReadError::Empty,
        };
        assert_eq!(e.to_string(), "\"dir/two\\nlines.txt\": empty file");
        assert_eq!(shown_path(Path::new("a/b.txt")), "a/b.txt");
    }

    use super::*;

    fn parse_str(s: &str) -> Result<Article, ReadError> {
        parse(Path::new("t.txt"), s.as_bytes())
    }

    #[test]
    fn a_minimal_post() {
        let a = parse_str("<!--1693582743000-->\n[中韩外长通电话](https://www.voachinese.com/a/x.html)\n------\n\n<p>王毅與朴振通電話。兩人同意加強對話！</p>").unwrap();
        assert_eq!(a.title.as_deref(), Some("中韩外长通电话"));
        assert_eq!(a.outlet.as_deref(), Some("美国之音"));
        assert_eq!(
            a.published.unwrap().to_rfc3339(),
            "2023-09-01T15:39:03+00:00"
        );
        assert_eq!(a.published_source, Some("epoch_ms"));
        assert_eq!(a.sentences.len(), 2);
        assert_eq!(a.sentences[0].text, "王毅與朴振通電話。");
        assert_eq!(a.sentences[0].norm, "王毅与朴振通电话。");
        assert_eq!(a.id.len(), 64);
    }

    #[test]
    fn date_falls_back_to_the_body_then_to_nothing() {
        let a = parse_str(
            "[t](https://www.rfi.fr/cn/x)\n------\n<div>07/02/2024 - 19:01</div><p>正文。</p>",
        )
        .unwrap();
        assert_eq!(
            a.published.unwrap().to_rfc3339(),
            "2024-02-07T18:01:00+00:00"
        );
        assert_eq!(a.published_source, Some("body"));
        assert_eq!(a.outlet.as_deref(), Some("法广"));
        let a = parse_str("<p>没有日期的正文。</p>").unwrap();
        assert_eq!(a.published, None);
    }

    #[test]
    fn markdown_without_a_post_header_is_no_article() {
        let notes = "# Training pool\n\n2,000 posts of the same archive.\n";
        assert_eq!(
            parse(Path::new("SOURCE.md"), notes.as_bytes()).unwrap_err(),
            ReadError::NotArticle
        );
        let post = "---\ntitle: \"x\"\n---\n<p>王毅与朴振通电话。</p>";
        assert!(parse(Path::new("post.md"), post.as_bytes()).is_ok());
        // Other extensions keep being read as text or HTML.
        assert!(parse(Path::new("note.txt"), notes.as_bytes()).is_ok());
    }

    #[test]
    fn bodiless_files_are_errors() {
        assert_eq!(
            parse_str("---\ntitle: x\n---\n<div>\n\n</div>\n").unwrap_err(),
            ReadError::NoBody
        );
        assert_eq!(
            parse_str(
                "---\ntitle: \"黎巴嫩爆炸：总理辞职\"\n---\n<div>\n黎巴嫩爆炸：总理辞职\n</div>"
            )
            .unwrap_err(),
            ReadError::TitleOnly
        );
    }
}
