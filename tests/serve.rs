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
    start_with(store, token, &["--timeout", "10"])
}

fn start_with(store: &Path, token: Option<&str>, extra: &[&str]) -> Server {
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
        .args(["--bind", "127.0.0.1:0"])
        .args(extra)
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
    // A preflight is answered by the CORS layer (tower-http: 200, no body).
    let (status, head, _) = curl(&["-X", "OPTIONS", &url]);
    assert_eq!(status, 200);
    // What this endpoint does not offer is the client's mistake (a 4xx),
    // not a server error: a SERVICE (named or unbound), a custom function.
    for query in [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o BIND(<urn:no-such-function>(?o) AS ?x) }",
    ] {
        let (status, _, body) = curl(&["--data-urlencode", &format!("query={query}"), &url]);
        assert_eq!(status, 400, "{query}: {body}");
    }
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

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

#[test]
fn explorer_json_routes() {
    let dir = tempfile::tempdir().unwrap();
    let s = start(&dir.path().join("store"), None);
    let get = |path: &str| curl(&[&format!("{}{path}", s.base)]);

    let (status, head, body) = get("/api/stats");
    assert_eq!(status, 200, "{body}");
    assert!(head.contains("application/json"), "{head}");
    let stats = json(&body);
    assert_eq!(stats["articles"], 5);
    // The samples' events (as many as the bundled model folds: the figure
    // moves with each retraining), as SPARQL counts them.
    let (_, _, body) = curl(&[
        "-G",
        &format!("{}/sparql", s.base),
        "--data-urlencode",
        &format!("query={COUNT}"),
    ]);
    let events = &json(&body)["results"]["bindings"][0]["n"]["value"];
    assert_eq!(
        stats["events"].to_string(),
        events.as_str().unwrap(),
        "{body}"
    );
    assert!(stats["events"].as_u64().unwrap() >= 30, "{stats}");
    // Actors in the events, as the graph shows them; the registry has more.
    let in_graph = json(&get("/api/graph").2)["nodes"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(stats["actors"].as_u64().unwrap() as usize, in_graph);
    assert!(stats["known_actors"].as_u64().unwrap() > 400);

    // The graph of calls only: Wang Yi's calls with Park Jin and Cho Tae-yul.
    let (status, _, body) = get("/api/graph?relation=call");
    assert_eq!(status, 200, "{body}");
    let g = json(&body);
    let edges = g["edges"].as_array().unwrap();
    assert!(!edges.is_empty());
    assert!(edges.iter().all(|e| e["relation"] == "call"), "{edges:?}");
    let pair = |e: &serde_json::Value| {
        let mut p = [e["source"].as_str().unwrap(), e["target"].as_str().unwrap()];
        p.sort();
        p.join("-")
    };
    assert!(
        edges.iter().any(|e| pair(e) == "park_jin-wang_yi"),
        "{edges:?}"
    );
    let wang = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "wang_yi")
        .unwrap();
    assert_eq!(wang["label_zh"], "王毅");
    assert_eq!(wang["type"], "person");
    assert!(wang["degree"].as_u64().unwrap() >= 2);
    assert!(wang["pagerank"].as_f64().unwrap() > 0.0);
    assert_eq!(g["last_date"], "2024-02-06");
    // Unfiltered, the graph is larger.
    let all = json(&get("/api/graph").2);
    assert!(all["edges"].as_array().unwrap().len() > edges.len());
    let (status, _, body) = get("/api/graph?relation=bogus");
    assert_eq!(status, 400);
    assert!(json(&body)["error"].as_str().unwrap().contains("bogus"));
    let (status, _, _) = get("/api/graph?since=yesterday");
    assert_eq!(status, 400);

    // Wang Yi's interactions: the call with Park Jin on 2023-08-31, with
    // the sentence that states it and the article's link.
    let (status, _, body) = get("/api/actor?id=wang_yi");
    assert_eq!(status, 200, "{body}");
    let a = json(&body);
    assert_eq!(a["actor"]["label_en"], "Wang Yi");
    let call = a["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["relation"] == "call" && i["counterpart"]["id"] == "park_jin")
        .expect("the Park Jin call");
    assert_eq!(call["date"], "2023-08-31");
    assert_eq!(call["direction"], "mutual");
    let report = &call["reports"][0];
    assert!(
        report["evidence"].as_str().unwrap().contains("朴振"),
        "{report}"
    );
    assert!(
        report["url"].as_str().unwrap().starts_with("http"),
        "{report}"
    );
    // Oldest first by default, newest first on request; undated last.
    let dates = |a: &serde_json::Value| -> Vec<String> {
        a["interactions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| i["date"].as_str().map(str::to_string))
            .collect()
    };
    let oldest = dates(&a);
    assert!(oldest.windows(2).all(|w| w[0] <= w[1]), "{oldest:?}");
    assert_eq!(a["sort"], "oldest");
    let newest = dates(&json(&get("/api/actor?id=wang_yi&sort=newest").2));
    assert!(newest.windows(2).all(|w| w[0] >= w[1]), "{newest:?}");
    assert_eq!(get("/api/actor?id=wang_yi&sort=latest").0, 400);
    // Paged: `total` counts every row, a page holds `limit` of them.
    let total = a["total"].as_u64().unwrap() as usize;
    assert_eq!(a["interactions"].as_array().unwrap().len(), total.min(50));
    assert!(total > 3, "{total}");
    let second = json(&get("/api/actor?id=wang_yi&offset=2&limit=2").2);
    assert_eq!(second["total"].as_u64().unwrap() as usize, total);
    assert_eq!(
        second["interactions"].as_array().unwrap()[..],
        a["interactions"].as_array().unwrap()[2..4]
    );
    assert_eq!(get("/api/actor?id=wang_yi&limit=100000").0, 400);
    // The sidebar's filters apply: calls only, then a period.
    let calls = json(&get("/api/actor?id=wang_yi&relation=call").2);
    let calls = calls["interactions"].as_array().unwrap();
    assert!(!calls.is_empty() && calls.iter().all(|i| i["relation"] == "call"));
    let late = json(&get("/api/actor?id=wang_yi&since=2023-08-01&until=2023-08-31").2);
    let late_dates = dates(&late);
    assert!(
        !late_dates.is_empty() && late_dates.iter().all(|d| d == "2023-08-31"),
        "{late_dates:?}"
    );
    assert_eq!(late["unfiltered"].as_u64().unwrap() as usize, total);
    // A misspelt actor is a 404 that names the nearest ids.
    let (status, _, body) = get("/api/actor?id=wang_yl");
    assert_eq!(status, 404);
    assert!(
        json(&body)["error"].as_str().unwrap().contains("wang_yi"),
        "{body}"
    );
    assert_eq!(get("/api/actor").0, 400);
    // The panel's CSV: every row, a header first, a file name to save.
    let (status, head, body) = get("/api/actor?id=wang_yi&format=csv");
    assert_eq!(status, 200, "{body}");
    assert!(head.contains("text/csv"), "{head}");
    assert!(head.contains("filename=\"wang_yi.csv\""), "{head}");
    let lines: Vec<&str> = body.lines().collect();
    assert!(lines[0].starts_with("date,relation,direction,status,actor,counterpart,"));
    assert_eq!(lines.len(), total + 1);
    assert!(
        body.contains("2023-08-31,call,mutual,occurred,wang_yi,park_jin,Park Jin,朴振"),
        "{body}"
    );
    let dyad_csv = get("/api/dyad?a=wang_yi&b=park_jin&format=csv").2;
    assert!(
        dyad_csv
            .lines()
            .skip(1)
            .all(|l| l.contains(",wang_yi,park_jin,")),
        "{dyad_csv}"
    );

    // The relation table, in its canonical order, with the drawings' colours.
    let relations = json(&get("/api/relations").2);
    let relations = relations.as_array().unwrap();
    assert_eq!(relations.len(), 10);
    assert_eq!(relations[0]["id"], "meet");
    let visit = relations.iter().find(|r| r["id"] == "visit").unwrap();
    assert_eq!(visit["directed"], true);
    assert_eq!(visit["label_zh"], "访问");
    assert_eq!(visit["cameo"][0], "042");
    assert!(visit["colour"].as_str().unwrap().starts_with('#'));

    // The search index: actors in events with their aliases, registry first.
    let index = json(&get("/api/actors").2);
    let kor = index
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "KOR")
        .expect("South Korea is in some event");
    assert!(
        kor["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "南韩"),
        "{kor}"
    );
    assert_eq!(kor["registry"], true);
    assert!(kor["events"].as_u64().unwrap() >= 1);

    // The dyad's timeline counts its events by month and relation.
    let d = json(&get("/api/dyad?a=wang_yi&b=park_jin").2);
    let months = d["months"].as_array().unwrap();
    assert!(
        months
            .iter()
            .any(|m| m["month"] == "2023-08" && m["relation"] == "call" && m["count"] == 1),
        "{months:?}"
    );
    assert!(
        d["interactions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["counterpart"]["id"] == "park_jin")
    );

    // Canned queries: listed with their parameters, run with them bound.
    let list = json(&get("/api/queries").2);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"partners_ranked") && names.len() >= 10,
        "{names:?}"
    );
    let (status, head, body) = get("/api/query/actor_interactions?actor=actor:park_jin");
    assert_eq!(status, 200, "{body}");
    assert!(head.contains("application/sparql-results+json"), "{head}");
    let rows = json(&body)["results"]["bindings"]
        .as_array()
        .unwrap()
        .clone();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| {
        r["actor"]["value"]
            .as_str()
            .unwrap()
            .ends_with("/actor/park_jin")
    }));
    let (_, head, body) = get("/api/query/partners_ranked?format=csv");
    assert!(head.contains("text/csv"), "{head}");
    assert!(body.starts_with("actor,partner"), "{body}");
    // A parameter is a value, never query text.
    let (status, _, body) =
        get("/api/query/actor_interactions?actor=x%20%7D%20UNION%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D");
    assert_eq!(status, 200, "{body}");
    assert!(
        json(&body)["results"]["bindings"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let (status, _, body) = get(
        "/api/query/actor_interactions?actor=%22x%22%20%7D%20UNION%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D",
    );
    assert_eq!(status, 400, "{body}");
    assert_eq!(get("/api/query/no_such_query").0, 404);
    // A misspelt actor is refused with the nearest ids, not answered with 0 rows.
    let (status, _, body) = get("/api/query/actor_interactions?actor=actor:wang_yl");
    assert_eq!(status, 400, "{body}");
    let error = json(&body)["error"].as_str().unwrap().to_string();
    assert!(
        error.starts_with("actor: there is no actor actor:wang_yl"),
        "{error}"
    );
    assert!(error.contains("actor:wang_yi"), "{error}");

    // The page and its files; nothing outside web/.
    let (status, head, body) = get("/");
    assert_eq!(status, 200);
    assert!(head.contains("text/html"), "{head}");
    assert!(body.contains("/assets/app.js"), "{body}");
    assert_eq!(get("/assets/app.js").0, 200);
    // The page's modules, one per view, are served like it.
    let (status, head, body) = get("/assets/js/actor-panel.js");
    assert_eq!(status, 200);
    assert!(head.contains("text/javascript"), "{head}");
    assert!(body.contains("/api/actor"), "{body}");
    assert_eq!(
        curl(&[
            "--path-as-is",
            &format!("{}/assets/../../Cargo.toml", s.base)
        ])
        .0,
        404
    );
    assert_eq!(get("/assets/nope.js").0, 404);
}

/// Parses an RDF document; the triples as N-Triples lines, sorted, with
/// blank nodes written as `_:b` (their labels differ between formats).
fn triples(format: oxigraph::io::RdfFormat, body: &str) -> Vec<String> {
    let mut lines: Vec<String> = oxigraph::io::RdfParser::from_format(format)
        .for_slice(body.as_bytes())
        .map(|q| {
            let q = q.unwrap_or_else(|e| panic!("{format}: {e}\n{body}"));
            let blank = |t: String| if t.starts_with("_:") { "_:b".into() } else { t };
            format!(
                "{} {} {}",
                blank(q.subject.to_string()),
                q.predicate,
                blank(q.object.to_string())
            )
        })
        .collect();
    lines.sort();
    lines
}

/// Header lines of a response with this name (lower-cased by `curl`).
fn header_lines<'a>(head: &'a str, name: &str) -> Vec<&'a str> {
    head.lines()
        .filter_map(|l| l.strip_prefix(&format!("{name}:")))
        .map(str::trim)
        .collect()
}

/// What clients of Oxigraph and Fuseki expect of an endpoint (issue 20,
/// "Endpoint details"): one charset, `Vary: Accept` on negotiated answers,
/// our headers readable by scripts on other origins, any request header
/// allowed by preflights, the Service Description, a read-only Graph Store
/// and JSON-LD graphs.
#[test]
fn endpoint_details_service_description_and_graph_store() {
    use oxigraph::io::{JsonLdProfileSet, RdfFormat};
    let dir = tempfile::tempdir().unwrap();
    let s = start_with(&dir.path().join("store"), None, &["--timeout", "10"]);
    let url = format!("{}/sparql", s.base);

    // CSV and TSV say their charset once; negotiated answers vary on Accept.
    for media in ["text/csv", "text/tab-separated-values"] {
        let (status, head, body) = curl(&[
            "-G",
            &url,
            "-H",
            &format!("Accept: {media}"),
            "--data-urlencode",
            &format!("query={COUNT}"),
        ]);
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            header_lines(&head, "content-type"),
            [format!("{media}; charset=utf-8").as_str()],
            "{head}"
        );
        assert!(header_lines(&head, "vary").contains(&"accept"), "{head}");
    }

    // A script on another origin: the preflight allows the headers it
    // asks for, and the answer exposes X-Dipgraph-Truncated.
    let (status, head, _) = curl(&[
        "-X",
        "OPTIONS",
        "-H",
        "Origin: https://yasgui.example",
        "-H",
        "Access-Control-Request-Method: POST",
        "-H",
        "Access-Control-Request-Headers: X-Requested-With, Content-Type",
        &url,
    ]);
    assert_eq!(status, 200, "{head}");
    let allowed = header_lines(&head, "access-control-allow-headers").join(",");
    assert!(allowed.contains("x-requested-with"), "{head}");
    let (status, head, body) = curl(&[
        "-H",
        "Origin: https://yasgui.example",
        "-H",
        "X-Requested-With: XMLHttpRequest",
        "--data-urlencode",
        &format!("query={COUNT}"),
        &url,
    ]);
    assert_eq!(status, 200, "{body}");
    assert!(head.contains("access-control-allow-origin: *"), "{head}");
    let exposed = header_lines(&head, "access-control-expose-headers").join(",");
    assert!(exposed.contains("x-dipgraph-truncated"), "{head}");

    // The Service Description at the endpoint's URL, in four formats
    // saying the same; Turtle when anything goes.
    let described = |accept: &str| {
        let (status, head, body) = curl(&["-H", &format!("Accept: {accept}"), &url]);
        assert_eq!(status, 200, "{accept}: {body}");
        assert!(header_lines(&head, "vary").contains(&"accept"), "{head}");
        (head, body)
    };
    let (head, turtle) = described("*/*");
    assert!(head.contains("content-type: text/turtle"), "{head}");
    let turtle = triples(RdfFormat::Turtle, &turtle);
    let sd = "http://www.w3.org/ns/sparql-service-description#";
    assert!(
        turtle.contains(&format!("<{url}> <{sd}endpoint> <{url}>")),
        "{turtle:#?}"
    );
    assert!(
        turtle.contains(&format!(
            "<{url}> <{sd}supportedLanguage> <{sd}SPARQL11Query>"
        )),
        "{turtle:#?}"
    );
    assert!(
        !turtle.iter().any(|t| t.contains("SPARQL11Update")),
        "read-only: {turtle:#?}"
    );
    for (accept, format) in [
        ("application/rdf+xml", RdfFormat::RdfXml),
        ("application/n-triples", RdfFormat::NTriples),
        (
            "application/ld+json",
            RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        ),
    ] {
        let (head, body) = described(accept);
        assert!(head.contains(&format!("content-type: {accept}")), "{head}");
        assert_eq!(triples(format, &body), turtle, "{accept}");
    }

    // The Graph Store, read-only: a named graph, the default graph (the
    // union: every distinct triple of the store), errors.
    let store = format!("{}/store", s.base);
    let events = "https://w3id.org/dipgraph/graph/events";
    let (status, head, body) =
        curl(&["-G", &store, "--data-urlencode", &format!("graph={events}")]);
    assert_eq!(status, 200, "{body}");
    assert!(head.contains("content-type: text/turtle"), "{head}");
    let graph = triples(RdfFormat::Turtle, &body);
    let (_, _, count) = curl(&[
        "-G",
        &url,
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        &format!("query=SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{events}> {{ ?s ?p ?o }} }}"),
    ]);
    assert_eq!(count.lines().nth(1), Some(graph.len().to_string().as_str()));
    assert!(
        graph
            .iter()
            .any(|t| t.ends_with("<https://w3id.org/dipgraph/ontology#Interaction>")),
        "no events in {events}"
    );
    let (status, _, body) = curl(&[
        &format!("{store}?default"),
        "-H",
        "Accept: application/n-triples",
    ]);
    assert_eq!(status, 200);
    let (_, _, count) = curl(&[
        "-G",
        &url,
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        "query=SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
    ]);
    assert_eq!(
        count.lines().nth(1),
        Some(body.lines().count().to_string().as_str())
    );
    let (status, _, body) = curl(&[
        "-G",
        &store,
        "--data-urlencode",
        "graph=https://w3id.org/dipgraph/graph/none",
    ]);
    assert_eq!(status, 404, "{body}");
    assert_eq!(curl(&[&store]).0, 400);
    assert_eq!(
        curl(&["-G", &store, "--data-urlencode", "graph=not an iri"]).0,
        400
    );
    let (status, head, _) = curl(&["-X", "PUT", &format!("{store}?default"), "--data", "x"]);
    assert_eq!(status, 405, "{head}");

    // CONSTRUCT and DESCRIBE as JSON-LD, the same triples as N-Triples.
    for query in [
        "CONSTRUCT { ?a dip:metWith ?b } WHERE { ?a dip:metWith ?b }",
        "DESCRIBE actor:park_jin",
    ] {
        let ask = |accept: &str| {
            let (status, head, body) = curl(&[
                "-H",
                &format!("Accept: {accept}"),
                "--data-urlencode",
                &format!("query={query}"),
                &url,
            ]);
            assert_eq!(status, 200, "{query}: {body}");
            assert!(head.contains(&format!("content-type: {accept}")), "{head}");
            body
        };
        let jsonld = triples(
            RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            &ask("application/ld+json"),
        );
        let ntriples = triples(RdfFormat::NTriples, &ask("application/n-triples"));
        assert!(!jsonld.is_empty(), "{query}");
        assert_eq!(jsonld, ntriples, "{query}");
    }
}

#[test]
fn limits_body_size_time_and_rows() {
    let dir = tempfile::tempdir().unwrap();
    let s = start_with(
        &dir.path().join("store"),
        None,
        &["--timeout", "1", "--max-rows", "3"],
    );
    let url = format!("{}/sparql", s.base);
    // A body over the 4 MiB limit is refused before it is parsed.
    let big = dir.path().join("big.rq");
    std::fs::write(
        &big,
        format!("SELECT * WHERE {{ ?s ?p ?o }} # {}", "x".repeat(5 << 20)),
    )
    .unwrap();
    let (status, _, body) = curl(&[
        "-H",
        "Expect:", // no 100-continue interim response
        "-H",
        "Content-Type: application/sparql-query",
        "--data-binary",
        &format!("@{}", big.display()),
        &url,
    ]);
    assert_eq!(status, 413, "{body}");
    // At most 3 rows, flagged as cut.
    let (status, head, body) = curl(&[
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        "query=SELECT ?s WHERE { ?s ?p ?o }",
        &url,
    ]);
    assert_eq!(status, 200, "{body}");
    assert!(head.contains("x-dipgraph-truncated: true"), "{head}");
    assert_eq!(body.lines().count(), 4, "{body}");
    // Queries running past the timeout get 503 — one the evaluator
    // cancels (a store lookup per row), one it cannot (an in-memory
    // cross product) — and the server goes on answering.
    for query in [
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER NOT EXISTS { ?a ?e ?x } }",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    ] {
        let started = std::time::Instant::now();
        let (status, _, body) = curl(&["--data-urlencode", &format!("query={query}"), &url]);
        assert_eq!(status, 503, "{query}: {body}");
        assert!(body.contains("timeout"), "{body}");
        assert!(started.elapsed() < std::time::Duration::from_secs(8));
    }
    let (status, _, _) = curl(&["--data-urlencode", &format!("query={COUNT}"), &url]);
    assert_eq!(status, 200);
}

/// A query nested past what a thread's stack survives used to abort the
/// whole server (about 700 `{` in 1.4 KB). Each construct 10,000 deep is
/// now a 400 naming the limit, the server keeps answering, and so does
/// `dipgraph query` (no abort, a clear error).
#[test]
fn deeply_nested_queries_are_refused_and_the_server_lives() {
    let dir = tempfile::tempdir().unwrap();
    let s = start(&dir.path().join("store"), None);
    let url = format!("{}/sparql", s.base);
    let n = 10_000;
    let queries = [
        format!("SELECT * WHERE {}?s ?p ?o{}", "{".repeat(n), "}".repeat(n)),
        format!(
            "SELECT * WHERE {{ ?s ?p ?o FILTER({}1{}) }}",
            "(".repeat(n),
            ")".repeat(n)
        ),
        format!(
            "SELECT * WHERE {{ ?s ?p ?o {}{} }}",
            "OPTIONAL { ?s ?p ?o ".repeat(n),
            "}".repeat(n)
        ),
        format!(
            "SELECT * WHERE {{ {}{{ ?s ?p ?o }} }}",
            "{ ?s ?p ?o } UNION ".repeat(n)
        ),
    ];
    let file = dir.path().join("q.rq");
    for q in &queries {
        std::fs::write(&file, q).unwrap();
        let (status, _, body) = curl(&[
            "-H",
            "Content-Type: application/sparql-query",
            "--data-binary",
            &format!("@{}", file.display()),
            &url,
        ]);
        assert_eq!(status, 400, "{}: {body}", &q[..40]);
        assert!(body.contains("at most"), "{body}");
        let (status, _, _) = curl(&["--data-urlencode", &format!("query={COUNT}"), &url]);
        assert_eq!(status, 200, "the server died after {}", &q[..40]);
    }
    drop(s);
    let out = dipgraph()
        .args(["query", "--file"])
        .arg(&file)
        .arg("--store")
        .arg(dir.path().join("store"))
        .output()
        .unwrap();
    // An error exit, not an abort by a signal (a stack overflow's 134).
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("at most"));
}

/// Idle and slow clients cannot hold the server: an idle connection is
/// closed once the header timeout passes, and one past the connection cap is
/// refused with a 503 while ordinary requests still get through afterwards.
#[test]
fn idle_connections_time_out_and_the_cap_refuses_clearly() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let s = start(&dir.path().join("store"), None);
    let addr = s.base.trim_start_matches("http://").to_string();
    // Idle: closed by the server within the header timeout (10 s) and a margin.
    let started = Instant::now();
    let mut idle = TcpStream::connect(&addr).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut buf = [0u8; 64];
    let n = idle.read(&mut buf).unwrap_or(0);
    assert_eq!(n, 0, "an idle connection was answered: {:?}", &buf[..n]);
    assert!(
        started.elapsed() < Duration::from_secs(25),
        "{:?}",
        started.elapsed()
    );
    // A header trickled in slowly is cut off too (a byte each 0.4 s would
    // take 19 s for this one).
    let mut slow = TcpStream::connect(&addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_millis(400)))
        .unwrap();
    let started = Instant::now();
    let mut closed_after = None;
    for b in b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n" {
        if slow.write_all(&[*b]).is_err() {
            closed_after = Some(started.elapsed());
            break;
        }
        // Closed (0 bytes), or answered with an error before closing; no
        // answer within 0.4 s is a timeout error: send the next byte.
        if let Ok(n) = slow.read(&mut buf) {
            assert!(n == 0 || buf.starts_with(b"HTTP/1.1 4"), "{:?}", &buf[..n]);
            closed_after = Some(started.elapsed());
            break;
        }
    }
    let closed_after = closed_after.expect("a trickled header was never cut off");
    assert!(closed_after < Duration::from_secs(15), "{closed_after:?}");
    // The cap: 512 open connections, the next one gets a 503 and is closed.
    let held: Vec<TcpStream> = (0..512)
        .map(|_| TcpStream::connect(&addr).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let mut over = TcpStream::connect(&addr).unwrap();
    over.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut reply = String::new();
    let _ = over.read_to_string(&mut reply);
    assert!(reply.starts_with("HTTP/1.1 503"), "{reply:?}");
    drop(held);
    std::thread::sleep(Duration::from_millis(300));
    let (status, _, _) = curl(&[
        "--data-urlencode",
        &format!("query={COUNT}"),
        &format!("{}/sparql", s.base),
    ]);
    assert_eq!(status, 200);
}

/// The server's process and its children (the query workers).
fn process_tree(pid: u32) -> Vec<u32> {
    let mut tree = vec![pid];
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{child}/stat")) else {
            continue;
        };
        // "PID (COMM) STATE PPID …": the command may hold spaces.
        let after = &stat[stat.rfind(')').unwrap_or(0) + 1..];
        if after.split_whitespace().nth(1) == Some(&pid.to_string()) {
            tree.push(child);
        }
    }
    tree
}

/// Resident memory of a process tree, bytes.
fn tree_rss(pid: u32) -> u64 {
    process_tree(pid)
        .iter()
        .filter_map(|p| std::fs::read_to_string(format!("/proc/{p}/status")).ok())
        .filter_map(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .sum::<u64>()
        * 1024
}

/// CPU time used so far by the live processes of a tree, in clock ticks.
fn tree_cpu_ticks(pid: u32) -> u64 {
    process_tree(pid)
        .iter()
        .filter_map(|p| std::fs::read_to_string(format!("/proc/{p}/stat")).ok())
        .map(|stat| {
            let fields: Vec<&str> = stat[stat.rfind(')').unwrap_or(0) + 1..]
                .split_whitespace()
                .collect();
            // utime and stime: fields 14 and 15 of stat, 12 and 13 after ")".
            fields[11].parse::<u64>().unwrap_or(0) + fields[12].parse::<u64>().unwrap_or(0)
        })
        .sum()
}

/// Issue 21: some plans never look at the cancellation token (a three-way
/// cross product under COUNT, ORDER BY, GROUP BY). They used to run on
/// after their client's 503, for minutes and gigabytes, and eight of them
/// held every slot, so even `/api/queries` answered "busy". Sixteen at once
/// now: the explorer's routes answer meanwhile, every runaway gets its 503
/// within two timeouts (its own or its memory cap, or its wait for a
/// worker), then an
/// ordinary query answers within a second, nothing is left burning CPU and
/// memory is back to its level. Only flags that predate the fix are used.
#[test]
fn runaway_queries_are_stopped_and_never_lock_the_server() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let s = start_with(&dir.path().join("store"), None, &["--timeout", "2"]);
    let url = format!("{}/sparql", s.base);
    let pid = s.child.id();
    let ordinary = |max: Duration| {
        let started = Instant::now();
        let (status, _, body) = curl(&["--data-urlencode", &format!("query={COUNT}"), &url]);
        let took = started.elapsed();
        assert_eq!(status, 200, "{body}");
        assert!(took < max, "an ordinary query took {took:?}");
    };
    ordinary(Duration::from_secs(5));
    std::thread::sleep(Duration::from_millis(500));
    let level = tree_rss(pid);

    let cross = "?a ?b ?c . ?d ?e ?f . ?g ?h ?i";
    let runaways = [
        format!("SELECT (COUNT(*) AS ?n) WHERE {{ {cross} }}"),
        format!("SELECT ?a ?d ?g WHERE {{ {cross} }} ORDER BY ?c ?f ?i"),
        format!("SELECT ?c (COUNT(*) AS ?n) WHERE {{ {cross} }} GROUP BY ?c"),
        format!("SELECT (COUNT(*) AS ?n) WHERE {{ {cross} }} ORDER BY ?c ?f ?i"),
    ];
    let started = Instant::now();
    let clients: Vec<_> = (0..16)
        .map(|i| {
            let (q, url) = (runaways[i % runaways.len()].clone(), url.clone());
            std::thread::spawn(move || {
                let (status, _, body) = curl(&["--data-urlencode", &format!("query={q}"), &url]);
                (status, body, started.elapsed())
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(700));
    // The explorer's own routes keep their slots.
    for path in ["/api/queries", "/api/stats", "/api/actor?id=wang_yi", "/"] {
        let asked = Instant::now();
        let (status, _, body) = curl(&[&format!("{}{path}", s.base)]);
        assert_eq!(status, 200, "{path} during the runaways: {body}");
        assert!(
            asked.elapsed() < Duration::from_secs(1),
            "{path}: {:?}",
            asked.elapsed()
        );
    }
    for c in clients {
        let (status, body, took) = c.join().unwrap();
        assert_eq!(status, 503, "{body}");
        // Stopped at its timeout, past its memory cap (a sort holds its
        // rows: it reaches 1 GiB in under two seconds), or refused after
        // waiting a timeout for a worker.
        assert!(
            ["timeout", "memory", "busy"]
                .iter()
                .any(|w| body.contains(w)),
            "{body}"
        );
        assert!(
            took < Duration::from_secs(8),
            "a runaway answered after {took:?}"
        );
    }
    ordinary(Duration::from_secs(1));
    // Nothing runs on: the server and its workers idle…
    std::thread::sleep(Duration::from_millis(300));
    let ticks = tree_cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(1));
    let used = tree_cpu_ticks(pid) - ticks;
    assert!(
        used < 30,
        "{used} ticks of CPU in a second after the runaways"
    );
    // …and hold the memory they held before (workers were replaced).
    let after = tree_rss(pid);
    assert!(
        after < level + (64 << 20),
        "resident memory {} MiB before the runaways, {} MiB after",
        level >> 20,
        after >> 20
    );
    ordinary(Duration::from_secs(1));
}

/// A query past its memory cap is stopped with a 503 that names the cap
/// (a two-way cross product sorted: every row is held to be sorted), long
/// before its timeout; the next query is answered.
#[test]
fn a_query_over_its_memory_cap_is_stopped() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let s = start_with(
        &dir.path().join("store"),
        None,
        &["--timeout", "60", "--workers", "1", "--query-memory", "256"],
    );
    let url = format!("{}/sparql", s.base);
    let started = Instant::now();
    let (status, _, body) = curl(&[
        "--data-urlencode",
        "query=SELECT ?a ?c ?d ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f",
        &url,
    ]);
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("256 MiB"), "{body}");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    let (status, _, body) = curl(&["--data-urlencode", &format!("query={COUNT}"), &url]);
    assert_eq!(status, 200, "{body}");
}
