//! How deep a query may nest before it is parsed. SPARQL's parser and
//! Oxigraph's planner and evaluator recurse once per nested group, bracket
//! or chained `UNION`/`OPTIONAL`/`MINUS`; about 700 nested `{` in a 1.4 KB
//! request overflowed a 2 MiB thread stack and aborted the whole server (a
//! stack overflow cannot be caught). So every query and update is measured
//! here first, by a scan that does not recurse, and one past the limits is
//! refused with a clear error (HTTP 400 at the endpoint). The limits are far
//! above what real queries use (the canned ones nest 6 deep and chain no
//! more than 3) and far below what the smallest stack we run on survives
//! (tests below evaluate a query at each limit on a 2 MiB thread).

/// Brackets (`{`, `(`, `[`) open at once.
pub const MAX_DEPTH: usize = 64;
/// `UNION`, `OPTIONAL` and `MINUS` in one query: each nests the algebra
/// one level deeper even when written flat (`{…} UNION {…} UNION …`).
pub const MAX_CHAINED: usize = 256;

/// Why a query was refused before parsing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TooComplex {
    #[error(
        "the query nests brackets {0} deep at line {1}; at most {MAX_DEPTH} are allowed (a deeper query could exhaust the server's stack)"
    )]
    Depth(usize, usize),
    #[error(
        "the query has {0} UNION/OPTIONAL/MINUS; at most {MAX_CHAINED} are allowed (each nests the query one level deeper)"
    )]
    Chained(usize),
}

/// Checks `text` against the limits, skipping strings, IRIs and comments.
///
/// ```
/// use dipgraph::store::sparql::limits::check;
/// assert!(check("SELECT * WHERE { ?s ?p ?o FILTER(?o < 3) }").is_ok());
/// let deep = format!("SELECT * WHERE {}{}", "{".repeat(10_000), "}".repeat(10_000));
/// assert!(check(&deep).is_err());
/// ```
pub fn check(text: &str) -> Result<(), TooComplex> {
    let bytes = text.as_bytes();
    let (mut depth, mut chained, mut line) = (0usize, 0usize, 1usize);
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\n' => line += 1,
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => {
                let long = bytes[i..].starts_with(&[c, c, c]);
                let quote: &[u8] = if long {
                    &bytes[i..i + 3]
                } else {
                    &bytes[i..i + 1]
                };
                i += quote.len();
                while i < bytes.len() && !bytes[i..].starts_with(quote) {
                    if bytes[i] == b'\\' {
                        i += 1;
                    } else if bytes[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
                i += quote.len();
                continue;
            }
            // An IRI runs to `>` with no space in it; otherwise `<` is "less than".
            b'<' => {
                if let Some(end) = bytes[i + 1..]
                    .iter()
                    .position(|b| matches!(b, b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'{' | b'}'))
                    && bytes[i + 1 + end] == b'>'
                {
                    i += end + 2;
                    continue;
                }
            }
            b'{' | b'(' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(TooComplex::Depth(depth, line));
                }
            }
            b'}' | b')' | b']' => depth = depth.saturating_sub(1),
            b'a'..=b'z' | b'A'..=b'Z' | b'_' | b'?' | b'$' | b':' => {
                let start = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric()
                        || matches!(bytes[i], b'_' | b'?' | b'$' | b':' | b'-'))
                {
                    i += 1;
                }
                let word = &text[start..i];
                if ["UNION", "OPTIONAL", "MINUS"]
                    .iter()
                    .any(|k| word.eq_ignore_ascii_case(k))
                {
                    chained += 1;
                    if chained > MAX_CHAINED {
                        return Err(TooComplex::Chained(chained));
                    }
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_thousand_levels_of_each_construct_are_refused() {
        let n = 10_000;
        let braces = format!("SELECT * WHERE {}?s ?p ?o{}", "{".repeat(n), "}".repeat(n));
        let parens = format!(
            "SELECT * WHERE {{ ?s ?p ?o FILTER({}1{}) }}",
            "(".repeat(n),
            ")".repeat(n)
        );
        let optionals = format!(
            "SELECT * WHERE {{ ?s ?p ?o {} }}",
            "OPTIONAL { ?s ?p ?o ".repeat(n) + &"}".repeat(n)
        );
        let unions = format!(
            "SELECT * WHERE {{ {} {{ ?s ?p ?o }} }}",
            "{ ?s ?p ?o } UNION ".repeat(n)
        );
        let minus = format!(
            "SELECT * WHERE {{ ?s ?p ?o {} }}",
            "MINUS { ?s ?p ?o } ".repeat(n)
        );
        for q in [braces, parens, optionals, unions, minus] {
            assert!(check(&q).is_err(), "{}", &q[..60]);
        }
    }

    #[test]
    fn strings_iris_comments_and_less_than_do_not_count() {
        let q = format!(
            "PREFIX x: <http://e/{{{{(>\nSELECT * WHERE {{ ?s ?p \"{}\" . # {}\n FILTER(?o < 3 && ?o > 1) }}",
            "{".repeat(500),
            "(".repeat(500)
        );
        assert_eq!(check(&q), Ok(()));
        let unions = "SELECT * WHERE { ?s <http://e/UNION> ?o } # UNION UNION".to_string();
        assert_eq!(check(&unions), Ok(()));
        assert_eq!(
            check("SELECT * WHERE {\n{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{}")
                .unwrap_err(),
            TooComplex::Depth(MAX_DEPTH + 1, 2)
        );
    }

    /// What the limits allow must survive the smallest stack a query runs
    /// on (tokio's default 2 MiB for blocking threads): parse and evaluate
    /// a query at each limit there.
    #[test]
    fn queries_at_the_limits_run_on_a_two_mebibyte_stack() {
        let depth = MAX_DEPTH - 2;
        let braces = format!(
            "SELECT * WHERE {}?s ?p ?o{}",
            "{".repeat(depth),
            "}".repeat(depth)
        );
        let parens = format!(
            "SELECT * WHERE {{ ?s ?p ?o FILTER({}1{}) }}",
            "(".repeat(depth - 3),
            ")".repeat(depth - 3)
        );
        let optionals = format!(
            "SELECT * WHERE {{ ?s ?p ?o {} }}",
            "OPTIONAL { ?s ?p ?o ".repeat(depth - 2) + &"}".repeat(depth - 2)
        );
        let unions = format!(
            "SELECT * WHERE {{ {} {{ ?s ?p ?o }} }}",
            "{ ?s ?p ?o } UNION ".repeat(MAX_CHAINED)
        );
        let optional_chain = format!(
            "SELECT * WHERE {{ ?s ?p ?o {} }}",
            "OPTIONAL { ?s ?p ?x } ".repeat(MAX_CHAINED)
        );
        for q in [braces, parens, optionals, unions, optional_chain] {
            assert_eq!(check(&q), Ok(()), "{}", &q[..60]);
            let ran = std::thread::Builder::new()
                .stack_size(2 << 20)
                .spawn(move || {
                    let store = oxigraph::store::Store::new().unwrap();
                    let results = oxigraph::sparql::SparqlEvaluator::new()
                        .parse_query(&q)
                        .unwrap()
                        .on_store(&store)
                        .execute()
                        .unwrap();
                    if let oxigraph::sparql::QueryResults::Solutions(s) = results {
                        s.count()
                    } else {
                        0
                    }
                })
                .unwrap()
                .join();
            assert!(ran.is_ok());
        }
    }
}
