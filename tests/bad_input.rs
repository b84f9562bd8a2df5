//! Bad input through the CLI: every bad file is named with its reason, the
//! good files are still read, exit 0 with a summary (1 with --strict).

use std::path::Path;
use std::process::Command;

const GOOD: &str = "<!--1693582743000-->\n[中韩外长通电话](https://www.voachinese.com/a/x.html)\n------\n\n<p>王毅与朴振通电话。</p>";

fn dipgraph(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dipgraph"))
        .args(args)
        .output()
        .expect("run dipgraph");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn bad_files_are_named_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "good.txt", GOOD.as_bytes());
    write(d, "empty.txt", b"");
    write(d, "binary.txt", &[0u8, 159, 146, 150, 0, 1, 2, 3, 0, 255]);
    let random: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    write(d, "random.html", &random);
    write(
        d,
        "truncated.html",
        "<html><body><p>王毅会见朴振。<div><b>截断".as_bytes(),
    );
    write(
        d,
        "unclosed.md",
        "---\ntitle: \"x\"\n<p>王毅。</p>".as_bytes(),
    );
    write(
        d,
        "title_only.txt",
        "---\ntitle: \"只有标题\"\n---\n<div>只有标题</div>".as_bytes(),
    );
    let (gbk, _, _) = encoding_rs::GBK
        .encode("<p>中国外交部长王毅周四在首尔同韩国外交部长官康京和举行会谈，双方交换意见。</p>");
    write(d, "gbk.html", &gbk);
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(
        "<p>王毅与朴振通电话。</p>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    write(d, "utf16.html", &utf16);
    let mislabeled =
        "<html><head><meta charset=\"iso-8859-1\"></head><body><p>王毅会见朴振。</p></body></html>";
    write(d, "mislabeled.html", mislabeled.as_bytes());
    let long_line = format!("<p>{}</p>", "王毅会见朴振，".repeat(1_500_000));
    write(d, "long_line.html", long_line.as_bytes());
    std::os::unix::fs::symlink(d.join("missing-target.txt"), d.join("dangling.txt")).unwrap();

    let (code, stdout, stderr) = dipgraph(&["parse", d.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let ok: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut names: Vec<&str> = ok
        .iter()
        .map(|a| a["file_name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            "gbk.html",
            "good.txt",
            "long_line.html",
            "mislabeled.html",
            "truncated.html",
            "utf16.html"
        ]
    );
    for (file, reason) in [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary data"),
        ("random.html", ""),
        ("unclosed.md", "front matter opened with --- never closes"),
        ("title_only.txt", "body only repeats the title"),
        ("dangling.txt", "cannot read"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no error for {file} in {stderr}"));
        assert!(line.contains(reason), "{line}");
    }
    assert!(stderr.contains("read 12, ok 6, failed 6"), "{stderr}");

    let (code, _, _) = dipgraph(&["parse", "--strict", d.to_str().unwrap()]);
    assert_eq!(code, 1);
}

#[test]
fn gbk_and_utf16_text_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let mut utf16 = vec![0xfe, 0xff];
    utf16.extend(
        "<p>王毅与朴振通电话。</p>"
            .encode_utf16()
            .flat_map(u16::to_be_bytes),
    );
    write(dir.path(), "be.html", &utf16);
    let (code, stdout, _) = dipgraph(&["parse", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(stdout.contains("王毅与朴振通电话。"));
}

/// A good post with its own url (posts sharing a url are one article).
fn good_post(n: usize) -> String {
    format!(
        "<!--1693582743000-->\n[中韩外长第{n}次通电话](https://example.org/news/{n}.html)\n------\n\n<p>中国外交部长王毅8月31日与韩国外交部长官朴振通电话。双方就第{n}项议题交换意见。</p>"
    )
}

#[test]
fn ingest_of_a_hostile_directory_stores_every_good_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("in");
    std::fs::create_dir(&d).unwrap();
    // 10,000 files, 1% of them bad in assorted ways.
    let mut good = 0;
    let mut bad: Vec<(String, &str)> = Vec::new();
    for n in 0..10_000 {
        let name = format!("post{n:05}.txt");
        match n % 100 {
            7 if n % 300 == 7 => {
                write(&d, &name, b"");
                bad.push((name, "empty file"));
            }
            7 if n % 300 == 107 => {
                write(&d, &name, &[0u8, 1, 2, 0, 255, 254, 0, 0, 7]);
                bad.push((name, "binary data"));
            }
            7 => {
                write(
                    &d,
                    &name,
                    "---\ntitle: \"永不结束\"\n<p>王毅。</p>".as_bytes(),
                );
                bad.push((name, "never closes"));
            }
            _ => {
                write(&d, &name, good_post(n).as_bytes());
                good += 1;
            }
        }
    }
    // Pathological but readable files.
    let deep = format!(
        "<html><body>{}<p>王毅会见朴振。</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    write(&d, "deep.html", deep.as_bytes());
    let big = format!(
        "<!--1693582743000-->\n[大文章](https://example.org/big.html)\n------\n\n{}",
        "<p>中国外交部长王毅与韩国外交部长官朴振通电话，双方就朝鲜半岛局势交换意见。</p>\n"
            .repeat(45_000)
    );
    assert!(big.len() > 5_000_000);
    write(&d, "big.txt", big.as_bytes());
    let one_line = format!(
        "<!--1693582743000-->\n[一行](https://example.org/line.html)\n------\n\n<p>{}</p>",
        "王毅会见朴振，".repeat(500_000)
    );
    assert!(one_line.len() > 10_000_000);
    write(&d, "one_line.txt", one_line.as_bytes());
    write(
        &d,
        "impossible_dates.txt",
        "<!--1693582743000-->\n[日期](https://example.org/dates.html)\n------\n\n<p>王毅2月30日与朴振通电话。王毅13月5日会见朴振。王毅2023年13月45日访问韩国。</p>".as_bytes(),
    );
    good += 4;
    // Bad beyond reading.
    write(
        &d,
        "far_future.txt",
        "<!--946684800000000000-->\n[未来](https://example.org/future.html)\n------\n\n<p>王毅与朴振通电话。</p>".as_bytes(),
    );
    // An epoch in the year 30000 is no publication time: the post is kept
    // without one (never a silent wrong date).
    good += 1;
    let socket = std::os::unix::net::UnixListener::bind(d.join("socket.txt")).unwrap();
    bad.push(("socket.txt".into(), "not a regular file"));
    std::os::unix::fs::symlink(&d, d.join("loop")).unwrap();
    bad.push(("loop".into(), "symlink loop"));
    // No permission to read: refused, unless the tests run as root (which
    // may read anything).
    use std::os::unix::fs::PermissionsExt;
    write(&d, "locked.txt", good_post(20_000).as_bytes());
    std::fs::set_permissions(d.join("locked.txt"), std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(d.join("locked.txt")).is_ok() {
        good += 1;
    } else {
        bad.push(("locked.txt".into(), "Permission denied"));
    }
    std::os::unix::fs::symlink(d.join("b.txt"), d.join("a.txt")).unwrap();
    std::os::unix::fs::symlink(d.join("a.txt"), d.join("b.txt")).unwrap();
    bad.push(("a.txt".into(), "cannot read"));
    bad.push(("b.txt".into(), "cannot read"));

    let store = dir.path().join("store");
    let (code, _, stderr) = dipgraph(&[
        "ingest",
        d.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
    ]);
    drop(socket);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for (file, reason) in &bad {
        let line = stderr
            .lines()
            .find(|l| l.contains(file.as_str()))
            .unwrap_or_else(|| {
                panic!(
                    "no error for {file} in {}",
                    &stderr[..stderr.len().min(3000)]
                )
            });
        assert!(line.contains(reason), "{file}: {line}");
    }
    assert!(
        stderr.contains(&format!("ok {good} failed {}", bad.len())),
        "want ok {good} failed {}: {}",
        bad.len(),
        stderr.lines().rev().take(3).collect::<Vec<_>>().join("\n")
    );
    let (_, stdout, _) = dipgraph(&[
        "query",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "csv",
        "SELECT (COUNT(?a) AS ?n) WHERE { ?a a dip:Article }",
    ]);
    assert_eq!(
        stdout.lines().nth(1),
        Some(good.to_string().as_str()),
        "{stdout}"
    );
    // --strict: the same run fails, and stores the same (all unchanged).
    let (code, _, stderr) = dipgraph(&[
        "ingest",
        d.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
        "--strict",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(&format!("unchanged {good}")), "{stderr}");
}

#[test]
fn malformed_gold_and_edge_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    for (name, text) in [
        ("wrong_columns.csv", "a,b,c\n1,2,3\n"),
        (
            // An unterminated quote swallows the rest of the file.
            "bad_quoting.csv",
            "article,subject,subject_zh,relation,object,object_zh,date,status,evidence\nx.txt,\"wang_yi,王毅,call\ny.txt,a,甲,call,b,乙,2020,occurred,e\n",
        ),
        (
            "ragged.csv",
            "article,subject,subject_zh,relation,object,object_zh,date,status,evidence\nx.txt,wang_yi\n",
        ),
    ] {
        write(d, name, text.as_bytes());
        let path = d.join(name);
        let (code, _, stderr) = dipgraph(&[
            "eval",
            "--gold",
            path.to_str().unwrap(),
            samples.to_str().unwrap(),
        ]);
        assert_ne!(code, 0, "{name}");
        assert!(
            stderr.contains(name) && !stderr.contains("panicked"),
            "{name}: {stderr}"
        );
        let (code, _, stderr) = dipgraph(&["metrics", "--edges", path.to_str().unwrap()]);
        assert_ne!(code, 0, "{name}");
        assert!(
            stderr.contains(name) && !stderr.contains("panicked"),
            "{name}: {stderr}"
        );
    }
}

/// Commands that only read never create a store: a mistyped --store is an
/// error naming the path, and nothing appears on disk.
#[test]
fn read_only_commands_on_a_missing_store_create_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-store");
    let m = missing.to_str().unwrap();
    for args in [
        vec!["query", "ASK { ?s ?p ?o }", "--store", m],
        vec!["metrics", "--store", m],
        vec!["export", "--format", "graphml", "--store", m],
        vec!["fold-events", "--store", m],
        vec!["serve", "--store", m, "--bind", "127.0.0.1:0"],
    ] {
        let (code, _, stderr) = dipgraph(&args);
        assert_ne!(code, 0, "{args:?}");
        assert!(
            stderr.contains("no store at") && stderr.contains(m),
            "{args:?}: {stderr}"
        );
        assert!(!missing.exists(), "{args:?} created {m}");
    }
}

/// A path that does not exist, a directory without articles, and notes
/// beside the posts: each is named, the rest is read, and a wrong input path
/// makes the run fail (exit 1) instead of "read 1" and exit 0.
#[test]
fn wrong_input_paths_fail_the_run_and_notes_are_no_articles() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("empty")).unwrap();
    std::fs::create_dir(d.join("posts")).unwrap();
    write(&d.join("posts"), "good.txt", GOOD.as_bytes());
    write(
        &d.join("posts"),
        "SOURCE.md",
        b"# Training pool\n\nNotes about the posts.\n",
    );
    let posts = d.join("posts");
    let missing = d.join("missing");
    let empty = d.join("empty");
    for args in [
        vec!["parse", posts.to_str().unwrap(), missing.to_str().unwrap()],
        vec!["extract", posts.to_str().unwrap(), empty.to_str().unwrap()],
    ] {
        let (code, stdout, stderr) = dipgraph(&args);
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert!(!stdout.is_empty(), "the good post is still read: {args:?}");
        assert!(
            stderr.contains("SOURCE.md: not an archived post"),
            "{stderr}"
        );
        assert!(
            stderr.contains("no such file or directory") || stderr.contains("no article files"),
            "{stderr}"
        );
        assert!(stderr.contains("read 2, ok 1"), "{stderr}");
    }
    let (code, _, _) = dipgraph(&["parse", posts.to_str().unwrap()]);
    assert_eq!(code, 0, "notes beside the posts alone do not fail a run");
}

/// Issue 21: `ingest /dev/zero` named directly was skipped without a word
/// (then named as a directory "without article files"). A device or a FIFO
/// named directly is now an `error:` line naming it — never read, so a FIFO
/// cannot block the run — the good file is still stored, and the run fails
/// as for a wrong path.
#[test]
fn devices_and_fifos_named_directly_are_named_errors() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, GOOD).unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let store = dir.path().join("store");
    let (code, _, stderr) = dipgraph(&[
        "ingest",
        "/dev/zero",
        fifo.to_str().unwrap(),
        good.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    for path in ["/dev/zero", fifo.to_str().unwrap()] {
        assert!(
            stderr.contains(&format!("error: {path}: not a regular file")),
            "{path}: {stderr}"
        );
    }
    assert!(stderr.contains("ok 1"), "{stderr}");
    assert!(stderr.contains("added 1"), "{stderr}");
}

/// Issue 21: an epoch comment in the year 4872 was taken as the publication
/// time, and a front-matter date that is no date fell back to the next
/// source without a word. Both are now a `warning:` line naming the file
/// and the value, and neither is used: the first post has no publication
/// time, the second takes its epoch comment's.
#[test]
fn implausible_and_broken_publication_dates_are_warned_and_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "year4872.txt",
        "<!--91600000000000-->\n[通话](https://example.org/a.html)\n------\n\n<p>王毅与朴振通电话。</p>".as_bytes(),
    );
    write(
        d,
        "bad_front_matter.txt",
        "---\ntitle: 通话\ndate: 2020-13-45\n---\n<!--1693582743000-->\n[通话](https://example.org/b.html)\n------\n\n<p>王毅与朴振通电话。</p>".as_bytes(),
    );
    let (code, stdout, stderr) = dipgraph(&["parse", d.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    let warned = |file: &str, what: &str| {
        stderr
            .lines()
            .any(|l| l.starts_with("warning: ") && l.contains(file) && l.contains(what))
    };
    assert!(
        warned("year4872.txt", "epoch comment \"91600000000000\" (4872-"),
        "{stderr}"
    );
    assert!(
        warned(
            "bad_front_matter.txt",
            "front-matter date \"2020-13-45\" is not a date"
        ),
        "{stderr}"
    );
    let published = |file: &str| -> serde_json::Value {
        let line = stdout.lines().find(|l| l.contains(file)).unwrap();
        serde_json::from_str::<serde_json::Value>(line).unwrap()["published"].clone()
    };
    assert_eq!(published("year4872.txt"), serde_json::Value::Null);
    assert_eq!(published("bad_front_matter.txt"), "2023-09-01T15:39:03Z");
    // Ingest says so too.
    let store = d.join("store");
    let (code, _, stderr) = dipgraph(&[
        "ingest",
        d.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("year4872.txt: epoch comment"), "{stderr}");
}
