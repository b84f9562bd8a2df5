//! The SPARQL endpoint over HTTP, with curl as the client: GET and POST,
//! form and direct bodies, content negotiation, CORS, and updates refused
//! without the token.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn dipgraph() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dipgraph"))
}

/// Ingests the samples into a fresh store and serves it on a free port.
fn start(store: &Path, token: Option<&str>) -> Server {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    let status = dipgraph()
        .arg("ingest")
        .arg(&samples)
        .arg("--store")
        .arg(store)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let mut cmd = dipgraph();
    cmd.arg("serve")
        .arg("--store")
        .arg(store)
        .args(["--bind", "127.0.0.1:0", "--timeout", "10"])
        .env_remove("DIPGRAPH_UPDATE_TOKEN")
        .stderr(Stdio::piped());
    if let Some(t) = token {
        cmd.args(["--update-token", t]);
    }
    let mut child = cmd.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // "SPARQL endpoint on http://127.0.0.1:PORT/sparql (…)"
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .trim_end_matches("/sparql")
        .to_string();
    Server { child, base }
}

/// Runs curl; returns (status, headers, body).
fn curl(args: &[&str]) -> (u16, String, String) {
    let out = Command::new("curl")
        .args(["-s", "-D", "-", "--max-time", "20"])
        .args(args)
        .output()
        .expect("curl is installed (make setup)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_lowercase(), body.to_string())
}

const COUNT: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?e a dip:Interaction }";

#[test]
fn sparql_protocol_over_http() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(&dir.path().join("store"), Some("s3cret"));
    let url = format!("{}/sparql", server.base);

    // GET with a url-encoded query; JSON results by default.
    let (status, head, body) = curl(&["-G", &url, "--data-urlencode", &format!("query={COUNT}")]);
    assert_eq!(status, 200, "{head}{body}");
    assert!(head.contains("application/sparql-results+json"), "{head}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let n: usize = json["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(n > 10, "{n}");
    assert!(head.contains("access-control-allow-origin: *"), "{head}");

    // POST form, CSV by content negotiation.
    let (status, head, body) = curl(&[
        &url,
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        "query=SELECT ?l WHERE { actor:wang_yi rdfs:label ?l FILTER(LANG(?l) = \"zh\") }",
    ]);
    assert_eq!(status, 200, "{body}");
    assert!(head.contains("text/csv"), "{head}");
    assert!(body.contains("王毅"), "{body}");

    // POST direct body, XML results.
    let (status, head, body) = curl(&[
        &url,
        "-H",
        "Content-Type: application/sparql-query",
        "-H",
        "Accept: application/sparql-results+xml",
        "--data-binary",
        "ASK { ?r a dip:Report }",
    ]);
    assert_eq!(status, 200, "{body}");
    assert!(head.contains("application/sparql-results+xml"), "{head}");
    assert!(body.contains("<boolean>true</boolean>"), "{body}");

    // CONSTRUCT as N-Triples.
    let (status, head, body) = curl(&[
        &url,
        "-H",
        "Accept: application/n-triples",
        "--data-urlencode",
        "query=CONSTRUCT { ?a dip:metWith ?b } WHERE { ?a dip:metWith ?b }",
    ]);
    assert_eq!(status, 200, "{body}");
    assert!(head.contains("application/n-triples"), "{head}");
    assert!(body.contains("ontology#metWith"), "{body}");

    // Errors: syntax, unsupported format, CORS preflight.
    let (status, _, _) = curl(&["-G", &url, "--data-urlencode", "query=SELEKT nothing"]);
    assert_eq!(status, 400);
    let (status, _, _) = curl(&[
        "-G",
        &url,
        "-H",
        "Accept: image/png",
        "--data-urlencode",
        &format!("query={COUNT}"),
    ]);
    assert_eq!(status, 406);
    let (status, head, _) = curl(&["-X", "OPTIONS", &url]);
    assert_eq!(status, 204);
    assert!(head.contains("access-control-allow-methods"), "{head}");

    // Updates: refused without the token or with a wrong one, accepted with it.
    let insert = "update=INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }";
    let (status, _, body) = curl(&[&url, "--data-urlencode", insert]);
    assert_eq!(status, 403, "{body}");
    let (status, _, _) = curl(&[
        &url,
        "-H",
        "Authorization: Bearer wrong",
        "--data-urlencode",
        insert,
    ]);
    assert_eq!(status, 403);
    let ask = "query=ASK { <urn:a> <urn:b> <urn:c> }";
    let (_, _, body) = curl(&["-G", &url, "--data-urlencode", ask]);
    assert!(body.contains("false"), "{body}");
    let (status, _, body) = curl(&[
        &url,
        "-H",
        "Authorization: Bearer s3cret",
        "--data-urlencode",
        insert,
    ]);
    assert_eq!(status, 204, "{body}");
    let (_, _, body) = curl(&["-G", &url, "--data-urlencode", ask]);
    assert!(body.contains("true"), "{body}");
}

#[test]
fn read_only_without_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(&dir.path().join("store"), None);
    let (status, _, body) = curl(&[
        &format!("{}/update", server.base),
        "-H",
        "Content-Type: application/sparql-update",
        "--data-binary",
        "DROP ALL",
    ]);
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("read-only"), "{body}");
    let (status, _, body) = curl(&[
        "-G",
        &format!("{}/sparql", server.base),
        "--data-urlencode",
        &format!("query={COUNT}"),
    ]);
    assert_eq!(status, 200);
    assert!(!body.contains("\"0\""), "{body}");
}
