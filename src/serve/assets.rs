//! The web explorer's files: compiled into the binary, or read from
//! `$DIPGRAPH_WEB_DIR` (a checkout's `web/`) so the page can be developed
//! without rebuilding.

use crate::embedded::{WEB_PAGE, WEB_VENDOR};
use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

/// Environment variable naming a `web/` directory to serve from instead.
pub const WEB_DIR_ENV: &str = "DIPGRAPH_WEB_DIR";

/// The file behind a URL path (`/`, `/assets/app.js`,
/// `/assets/vendor/cytoscape.min.js`) and its media type.
pub fn get(url_path: &str) -> Option<(Cow<'static, [u8]>, &'static str)> {
    let (table, dir, rel) = if url_path == "/" || url_path == "/index.html" {
        (WEB_PAGE, "src", "index.html")
    } else if let Some(rel) = url_path.strip_prefix("/assets/vendor/") {
        (WEB_VENDOR, "vendor", rel)
    } else {
        (WEB_PAGE, "src", url_path.strip_prefix("/assets/")?)
    };
    let media = media_type(rel);
    if let Some(root) = std::env::var_os(WEB_DIR_ENV) {
        let path = safe_join(&PathBuf::from(root).join(dir), rel)?;
        return std::fs::read(path).ok().map(|b| (Cow::Owned(b), media));
    }
    table
        .iter()
        .find(|(name, _)| *name == rel)
        .map(|(_, bytes)| (Cow::Borrowed(*bytes), media))
}

/// True when the JavaScript libraries were vendored before the build
/// (`make web`); without them the page cannot draw.
pub fn vendored() -> bool {
    std::env::var_os(WEB_DIR_ENV).is_some() || !WEB_VENDOR.is_empty()
}

/// `root/rel` when `rel` stays inside `root` (no `..`, no absolute path).
fn safe_join(root: &Path, rel: &str) -> Option<PathBuf> {
    let rel = Path::new(rel);
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| root.join(rel))
}

fn media_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_web_directory() {
        let root = Path::new("/srv/web");
        assert_eq!(safe_join(root, "app.js"), Some(root.join("app.js")));
        assert_eq!(safe_join(root, "../secret"), None);
        assert_eq!(safe_join(root, "/etc/passwd"), None);
        assert_eq!(safe_join(root, "a/../../b"), None);
    }

    #[test]
    fn the_page_is_compiled_in() {
        if std::env::var_os(WEB_DIR_ENV).is_none() && !WEB_PAGE.is_empty() {
            let (html, media) = get("/").expect("index.html");
            assert!(media.starts_with("text/html"));
            assert!(String::from_utf8_lossy(&html).contains("<html"));
        }
        assert!(get("/assets/../Cargo.toml").is_none());
    }
}
