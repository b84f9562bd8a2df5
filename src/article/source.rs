//! Finding article files under the paths a user gives, and reading them in
//! parallel with a failure tally.

use super::{Article, ArticleError, ReadError, read_file};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Extensions read when walking a directory (a file named explicitly is read
/// whatever its extension).
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

/// Every article file under `paths`, sorted, and the paths that could not be
/// walked (missing, unreadable directory, symlink loop).
pub fn find_article_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<ArticleError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        // Named on the command line: followed if a symlink, read whatever
        // its extension if a file, walked if a directory; anything else is
        // named as the user's mistake rather than walked as an empty tree.
        let error = match std::fs::metadata(root) {
            Ok(m) if m.is_file() => {
                files.push(root.clone());
                continue;
            }
            Ok(m) if m.is_dir() => None,
            Ok(_) => Some(ReadError::NotAFile),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(ReadError::NoSuchPath),
            Err(e) => Some(ReadError::Io(e.to_string())),
        };
        if let Some(error) = error {
            errors.push(ArticleError {
                path: root.clone(),
                error,
            });
            continue;
        }
        let before = files.len();
        for entry in walkdir::WalkDir::new(root).follow_links(true) {
            match entry {
                Ok(e) if e.file_type().is_file() && has_article_extension(e.path()) => {
                    files.push(e.into_path())
                }
                // A FIFO would block the read forever; a socket or device
                // is not an article either: say so rather than skip it.
                Ok(e) if !e.file_type().is_dir() && has_article_extension(e.path()) => {
                    errors.push(ArticleError {
                        path: e.into_path(),
                        error: ReadError::Io(
                            "not a regular file (a FIFO, socket or device)".into(),
                        ),
                    })
                }
                Ok(_) => {}
                Err(e) => errors.push(ArticleError {
                    path: e.path().unwrap_or(root).to_owned(),
                    error: ReadError::Io(walk_reason(&e)),
                }),
            }
        }
        if files.len() == before {
            errors.push(ArticleError {
                path: root.clone(),
                error: ReadError::NoArticleFiles,
            });
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn walk_reason(e: &walkdir::Error) -> String {
    if let Some(ancestor) = e.loop_ancestor() {
        return format!("symlink loop back to {}", ancestor.display());
    }
    e.io_error()
        .map_or_else(|| e.to_string(), ToString::to_string)
}

fn has_article_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// What a read over many files did: every way of reading articles (all
/// at once with [`read_paths`], or a batch at a time by an ingest) counts
/// with this.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadSummary {
    /// Files to read, and paths named that could not be walked (never
    /// a path that is the user's mistake, such as a missing one).
    pub read: usize,
    pub ok: usize,
    /// Failures counted by [`ReadError::reason`].
    pub failed: BTreeMap<&'static str, usize>,
}

impl ReadSummary {
    /// The counts before reading: the `files` found by
    /// [`find_article_files`] and the paths it could not walk (`errors`).
    pub fn found(files: &[PathBuf], errors: &[ArticleError]) -> Self {
        let mut summary = ReadSummary {
            read: files.len() + errors.iter().filter(|e| !e.error.is_bad_input()).count(),
            ..Default::default()
        };
        for e in errors {
            summary.count_failure(e);
        }
        summary
    }

    /// Counts a file that could not be read.
    pub fn count_failure(&mut self, e: &ArticleError) {
        *self.failed.entry(e.error.reason()).or_default() += 1;
    }

    pub fn failed_total(&self) -> usize {
        self.failed.values().sum()
    }
}

impl fmt::Display for ReadSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "read {}, ok {}, failed {}",
            self.read,
            self.ok,
            self.failed_total()
        )?;
        if !self.failed.is_empty() {
            let parts: Vec<String> = self
                .failed
                .iter()
                .map(|(r, n)| format!("{r}: {n}"))
                .collect();
            write!(f, " ({})", parts.join(", "))?;
        }
        Ok(())
    }
}

/// Reads every article under `paths` in parallel, in file-name order.
/// Failures are returned, never fatal; `on_done` is called once per file.
pub fn read_paths(
    paths: &[PathBuf],
    on_done: impl Fn() + Sync,
) -> (Vec<Article>, Vec<ArticleError>, ReadSummary) {
    let (files, mut errors) = find_article_files(paths);
    let mut summary = ReadSummary::found(&files, &errors);
    let results: Vec<Result<Article, ArticleError>> = files
        .par_iter()
        .map(|p| {
            let r = read_file(p);
            on_done();
            r
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(a) => articles.push(a),
            Err(e) => {
                summary.count_failure(&e);
                errors.push(e);
            }
        }
    }
    summary.ok = articles.len();
    (articles, errors, summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_directories_by_extension() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        for name in [
            "a.txt",
            "b.HTML",
            "c.md",
            "d.json",
            "sub/e.htm",
            "sub/f.markdown",
        ] {
            std::fs::write(dir.path().join(name), "<p>x</p>").unwrap();
        }
        let (files, errors) = find_article_files(&[dir.path().to_owned()]);
        let names: Vec<_> = files
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(
            names,
            vec!["a.txt", "b.HTML", "c.md", "sub/e.htm", "sub/f.markdown"]
        );
        assert!(errors.is_empty());
    }

    #[test]
    fn missing_paths_are_reported() {
        let (files, errors) = find_article_files(&[PathBuf::from("/nonexistent/dipgraph")]);
        assert!(files.is_empty());
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .to_string()
                .starts_with("/nonexistent/dipgraph: no such file or directory")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_named_directly_is_an_error_naming_it() {
        let (files, errors) = find_article_files(&[PathBuf::from("/dev/zero")]);
        assert!(files.is_empty());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].error, ReadError::NotAFile);
        let line = errors[0].to_string();
        assert!(line.starts_with("/dev/zero: not a regular file"), "{line}");
        assert!(errors[0].error.is_bad_input());
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_reported_not_followed_forever() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "<p>正文。</p>").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let (articles, errors, summary) = read_paths(&[dir.path().to_owned()], || {});
        assert_eq!(articles.len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].to_string().contains("symlink loop"),
            "{}",
            errors[0]
        );
        assert_eq!(summary.failed.get("unreadable"), Some(&1));
    }

    #[test]
    fn files_are_counted_once_and_a_users_mistake_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "<p>正文。</p>").unwrap();
        std::fs::write(dir.path().join("empty.txt"), "").unwrap();
        let missing = dir.path().join("missing");
        let (articles, errors, summary) =
            read_paths(&[dir.path().to_owned(), missing.clone()], || {});
        assert_eq!((articles.len(), errors.len()), (1, 2), "{errors:?}");
        let failed = BTreeMap::from([("empty", 1), ("no such path", 1)]);
        assert_eq!(
            summary,
            ReadSummary {
                read: 2,
                ok: 1,
                failed
            }
        );
        assert_eq!(
            summary.to_string(),
            "read 2, ok 1, failed 2 (empty: 1, no such path: 1)"
        );
        // Counted before reading as an ingest counts them.
        let (files, walk_errors) = find_article_files(&[dir.path().to_owned(), missing]);
        let before = ReadSummary::found(&files, &walk_errors);
        assert_eq!((before.read, before.failed_total()), (2, 1));
    }
}
