//! "Did you mean …?": the candidates nearest a misspelt name, by edit
//! distance, for parameter names, actor ids and keywords.

/// Levenshtein distance over characters, ignoring ASCII case (`kor` is
/// one step from nothing but `KOR`).
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<char> = b.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = prev[j] + usize::from(ca != cb);
            cur[j + 1] = substitute.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Up to `max` candidates near `word` (closest first, then alphabetical):
/// within a third of the word's length, at least two edits.
pub fn nearest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> Vec<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|&(d, _)| d <= limit)
        .collect();
    scored.sort();
    scored.dedup();
    scored.into_iter().take(max).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_names() {
        assert_eq!(distance("actr", "actor"), 1);
        assert_eq!(distance("kor", "KOR"), 0);
        let ids = ["wang_yi", "wang_li", "park_jin", "wang_yu", "CHN"];
        assert_eq!(
            nearest("wang_yl", ids, 3),
            ["wang_yi", "wang_yu", "wang_li"]
        );
        assert_eq!(nearest("wang_yl", ids, 1), ["wang_yi"]);
        assert!(nearest("xi_jinping", ids, 3).is_empty());
        assert_eq!(nearest("SELEC", ["SELECT", "ASK"], 1), ["SELECT"]);
    }
}
