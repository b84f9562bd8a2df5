//! What the command line says when a researcher gets something wrong:
//! each mistake is named with what to do instead, never answered with a
//! silent 0 rows, a grammar dump or an OS error code.

use crate::common::root;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dipgraph"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The samples in a fresh store, and the ingest's stderr.
fn ingested() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store").display().to_string();
    let samples = root().join("data/samples").display().to_string();
    let out = run(&["ingest", &samples, "--store", &store]);
    assert!(out.status.success(), "{}", stderr(&out));
    (dir, store, stderr(&out))
}

fn query_file(name: &str) -> String {
    root().join("queries").join(name).display().to_string()
}

/// A failed run: exit status 2 and its message.
fn refused(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    assert!(out.stdout.is_empty(), "{args:?} printed results");
    stderr(&out)
}

#[test]
fn parameters_are_checked_before_the_query_runs() {
    let (_dir, store, _) = ingested();
    let file = query_file("actor_interactions.rq");
    let q = |param: &str| {
        vec![
            "query".to_string(),
            "--store".into(),
            store.clone(),
            "--file".into(),
            file.clone(),
            "--param".into(),
            param.to_string(),
        ]
    };
    fn args(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    // A misspelt name used to leave the default (Wang Yi) in force.
    let msg = refused(&args(&q("actr=actor:park_jin")));
    assert!(
        msg.contains("no parameter \"actr\" (did you mean actor?); it takes actor"),
        "{msg}"
    );
    // An actor the store does not know, and an id without its prefix,
    // used to answer 0 rows.
    let msg = refused(&args(&q("actor=actor:wang_yl")));
    assert!(
        msg.contains("there is no actor actor:wang_yl in the store; the nearest: actor:wang_yi"),
        "{msg}"
    );
    let msg = refused(&args(&q("actor=wang_yi")));
    assert!(msg.contains("write actor:wang_yi"), "{msg}");
    // Impossible dates are refused; partial ones are periods.
    let period = query_file("met_in_period.rq");
    let msg = refused(&[
        "query",
        "--store",
        &store,
        "--file",
        &period,
        "--param",
        "since=2020-13-01",
    ]);
    assert!(
        msg.contains("2020-13-01 is not a date: there is no month 13"),
        "{msg}"
    );
    let ok = run(&[
        "query",
        "--store",
        &store,
        "--file",
        &period,
        "--param",
        "since=2020-11",
        "--param",
        "until=2020-11",
        "--format",
        "csv",
    ]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    // (A day of the month: which of the talks' two reported days an event
    // takes follows the model's confidence.)
    assert!(String::from_utf8_lossy(&ok.stdout).contains(",2020-11-2"));
    // Inline queries: a parameter must name one of the query's variables.
    let msg = refused(&[
        "query",
        "--store",
        &store,
        "SELECT ?who WHERE { ?who dip:metWith ?partner }",
        "--param",
        "partnr=actor:wang_yi",
    ]);
    assert!(
        msg.contains("--param partnr: the query has no variable ?partnr, so it would bind nothing (did you mean partner?)"),
        "{msg}"
    );
}

#[test]
fn syntax_errors_show_the_line_a_caret_and_one_sentence() {
    let (_dir, store, _) = ingested();
    let msg = refused(&["query", "--store", &store, "SELEC ?x WHERE { ?x ?p ?o }"]);
    assert_eq!(
        msg.lines().collect::<Vec<_>>(),
        [
            "dipgraph: SPARQL syntax error at line 1, column 1: a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE, not `SELEC` (did you mean SELECT?)",
            "  1 | SELEC ?x WHERE { ?x ?p ?o }",
            "    | ^",
        ]
    );
    let msg = refused(&[
        "query",
        "--store",
        &store,
        "SELECT ?x WHERE { ?x foo:bar ?o }",
    ]);
    assert!(msg.contains("the prefix `foo:` is not declared"), "{msg}");
    assert!(!msg.contains("\\u{"), "no Unicode ranges: {msg}");
    assert_eq!(msg.lines().count(), 3, "{msg}");
}

#[test]
fn the_ingest_summary_names_both_actor_counts() {
    let (_dir, store, log) = ingested();
    let line = log.lines().find(|l| l.starts_with("store:")).unwrap();
    let number = |after: &str| -> usize {
        line.split(after)
            .nth(1)
            .unwrap()
            .split([' ', ')'])
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let (in_events, known) = (number("actors in events "), number("(known "));
    assert!(known > 700 && in_events < 100, "{line}");
    // What metrics counts is the actors in events.
    let out = run(&["metrics", "--store", &store, "--format", "csv"]);
    let metrics = stderr(&out);
    assert!(
        metrics.contains(&format!("{in_events} actors,")),
        "{line}\n{metrics}"
    );
}

/// A reader that stops early (`dipgraph query … | head -1`) has what it
/// wanted: the run ends quietly with status 0, however deep in the library
/// the write that met the closed pipe was (a query's results, a parse, a
/// dump of the store, N-Quads of extraction).
#[test]
fn a_reader_that_stops_early_ends_the_run_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let (_dir, store, _) = ingested();
    let samples = root().join("data/samples").display().to_string();
    let everything = "SELECT * WHERE { ?s ?p ?o }";
    // (command, lines read before the pipe is closed)
    let runs: [(&[&str], usize); 5] = [
        (
            &["query", "--store", &store, "--format", "csv", everything],
            1,
        ),
        (&["query", "--store", &store, everything], 1),
        (&["export", "--store", &store, "--format", "nquads"], 1),
        (&["extract", &samples, "--format", "nquads"], 1),
        // Closed before anything is written: the parse's first write fails.
        (&["parse", &samples], 0),
    ];
    for (args, lines) in runs {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dipgraph"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        for _ in 0..lines {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            assert!(!line.is_empty(), "{args:?}: no output");
        }
        drop(reader);
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(
            !err.contains("dipgraph:") && !err.contains("Broken pipe"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_reason_is_said_once() {
    // The error names the file and quotes the OS's reason; the reason is
    // also its source, which the message once repeated after itself.
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("no-such-gold.csv").display().to_string();
    let msg = refused(&["eval", "--gold", &gold]);
    assert!(msg.starts_with(&format!("dipgraph: {gold}: ")), "{msg}");
    let reason = msg.trim_end().rsplit(": ").next().unwrap();
    assert_eq!(msg.matches(reason).count(), 1, "{msg}");
}
