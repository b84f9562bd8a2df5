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
