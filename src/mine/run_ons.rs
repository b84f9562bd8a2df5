//! Run-ons: a spelling that is another spelling of the same Latin name with
//! words in front of it (部长克拉奇 beside 克拉奇) is cut to it, and a given name
//! alone beside the whole dotted name is no spelling of its own.

use super::*;

/// The characters transliterations are written with, learnt from the
/// pairs themselves: those used by at least two distinct surnames written
/// after a given name and a dot (凯斯·|克拉奇). What follows the dot is
/// the name alone; words run on in front stand before the given name.
pub(super) fn transliteration_chars(occurrences: &[(usize, Occurrence)]) -> HashSet<char> {
    let dotted: HashSet<&str> = occurrences
        .iter()
        .filter_map(|o| o.1.spelling.split_once('·').map(|(_, surname)| surname))
        .collect();
    let mut count: HashMap<char, usize> = HashMap::new();
    for s in dotted {
        for c in s.chars().filter(|c| *c != '·').collect::<HashSet<_>>() {
            *count.entry(c).or_default() += 1;
        }
    }
    count
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(c, _)| c)
        .collect()
}

/// Cuts words the title list does not know from the front of a spelling
/// (保守派牧师沃恩 → 沃恩, 岁潜水员阿特尼克 → 阿特尼克): the longest tail
/// written in transliteration characters, when it is two characters or
/// more and at least two are cut; a name in Chinese style (马明远) has no
/// such tail and stays whole. Where a longer spelling of the same Latin
/// surname that needs no cut ends the spelling, the cut leaves that one:
/// 使团副团长傅德恩（Robert Forden） is 傅德恩 as the other eight
/// articles write him, not 德恩 (傅 is no transliteration character, and
/// 德恩 had become the miner's spelling of him, 傅德恩 its run-on).
pub(super) fn trim_run_ons(occurrences: &[(usize, Occurrence)]) -> Vec<(usize, Occurrence)> {
    let chars = transliteration_chars(occurrences);
    // Each occurrence trimmed to its tail, and whether a cut was made.
    let (mut trimmed, was_cut): (Vec<(usize, Occurrence)>, Vec<bool>) = occurrences
        .iter()
        .map(|(a, o)| {
            // The tail of transliteration characters, the last part of a
            // dotted name counted as one of them when `whole_surname`.
            let tail = |whole_surname: bool| -> String {
                let surname = match o.spelling.rsplit_once('·') {
                    Some((_, s)) if whole_surname => s.chars().count(),
                    _ => 0,
                };
                let mut rev: Vec<char> = o
                    .spelling
                    .chars()
                    .rev()
                    .enumerate()
                    .take_while(|&(k, c)| k < surname || c == '·' || chars.contains(&c))
                    .map(|(_, c)| c)
                    .collect();
                rev.reverse();
                rev.into_iter()
                    .collect::<String>()
                    .trim_start_matches('·')
                    .to_owned()
            };
            // A rare character in a dotted name's surname is no start of
            // the name when the given name before the dot is written in
            // transliteration characters (胡安·瓜伊多 is no run-on before
            // 伊多); otherwise the tail is what it was.
            let tail = Some(tail(true))
                .filter(|t| t.contains('·'))
                .unwrap_or_else(|| tail(false));
            let mut o = o.clone();
            // One character cut would more often truncate a name whose
            // first character is rare (芭蒂尔娜) than remove a run-on.
            let cut = o.spelling.chars().count() - tail.chars().count();
            let trim = cut >= 2 && tail.chars().filter(|c| *c != '·').count() >= 2;
            if trim {
                o.spelling = tail;
            }
            ((*a, o), trim)
        })
        .unzip();
    // The spellings no cut touched, by Latin surname, with how often each
    // is written so; a dotted name's last part counts as its surname
    // written whole (鲍勃·梅嫩德斯 says 梅嫩德斯 is whole, where 嫩, in no
    // second surname, had cut every bare 梅嫩德斯 to 德斯).
    let mut whole: HashMap<String, HashMap<&str, usize>> = HashMap::new();
    for ((_, o), _) in occurrences.iter().zip(&was_cut).filter(|(_, cut)| !**cut) {
        let spellings = whole.entry(latin_surname(&o.latin)).or_default();
        *spellings.entry(o.spelling.as_str()).or_default() += 1;
        if let Some((_, surname)) = o.spelling.rsplit_once('·') {
            *spellings.entry(surname).or_default() += 1;
        }
    }
    for (((_, o), (_, before)), _) in trimmed
        .iter_mut()
        .zip(occurrences)
        .zip(&was_cut)
        .filter(|(_, cut)| **cut)
    {
        // Written so twice at least, and more often than the tail: a
        // word run on by one character (经理德卡, 如拉尔夫劳伦) is
        // written once.
        let Some(ws) = whole.get(&latin_surname(&o.latin)) else {
            continue;
        };
        let tail_count = ws.get(o.spelling.as_str()).copied().unwrap_or(0);
        let longer = ws
            .iter()
            .filter(|&(w, &n)| {
                w.len() > o.spelling.len()
                    && before.spelling.ends_with(*w)
                    && !w.starts_with('·')
                    && n >= 2
                    && n > tail_count
            })
            .max_by_key(|&(w, n)| (*n, w.len(), *w));
        if let Some((w, _)) = longer {
            o.spelling = (*w).to_owned();
        }
    }
    trimmed
}

/// The last word of a Latin name, lower-cased: forden of Robert W. Forden
/// and Rob Forden. (The rule was measured with this key; [`id_key`]'s last
/// word, accents folded and punctuation dropped, re-mines another file.)
fn latin_surname(latin: &str) -> String {
    latin.split_whitespace().last().unwrap_or("").to_lowercase()
}

/// Is `s` another spelling of `all` with words run on in front (就维斯特奇尔,
/// 党人麦康奈尔)? That is a cut the title words missed; a given name joined
/// by · (米奇·麦康奈尔) is not, nor a dotted name whose last part `t` is
/// the tail of (伊力哈木·土赫提 beside 赫提, a cut of 像土赫提: the whole
/// name had gone as a run-on).
pub(super) fn run_on(s: &str, all: &[&str]) -> bool {
    all.iter().any(|t| {
        let front = s.get(..s.len().saturating_sub(t.len())).unwrap_or("");
        // The front holds a dot: `t` is inside the last part, unless `t`
        // is dotted itself (乔·拜登之子|亨特·拜登).
        let inside_last_part = front.contains('·') && !t.contains('·');
        (t.len() < s.len() && s.ends_with(t) && !front.ends_with('·') && !inside_last_part)
            // or the given name alone (维克多 beside 维克多·卢卡申科)
            || (t.len() > s.len() && t.starts_with(s) && t[s.len()..].starts_with('·'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mine::testing::occ;

    #[test]
    fn run_ons_are_trimmed_but_a_dotted_surname_stays_whole() {
        // 胡, 安, 伊, 多 are transliteration characters (two surnames after
        // a dot write each); 瓜 and 党 are not.
        let occurrences: Vec<(usize, Occurrence)> = vec![
            (1, occ("约翰·胡安伊多", "John Huanyiduo")),
            (2, occ("彼得·多伊胡安", "Peter Duoyihuan")),
            (3, occ("党人胡安伊多", "Juan Yiduo")),
            (4, occ("领袖胡安·瓜伊多", "Juan Guaido")),
        ];
        let trimmed = trim_run_ons(&occurrences);
        assert_eq!(trimmed[2].1.spelling, "胡安伊多");
        // Not 伊多: the part after the dot is the surname, 瓜 and all.
        assert_eq!(trimmed[3].1.spelling, "胡安·瓜伊多");
        // A given name in no transliteration character is no reason to
        // count the surname whole: the tail is what it was.
        let more = [
            occurrences.clone(),
            vec![(5, occ("党人比尔·巴尔", "Bill Barr"))],
        ]
        .concat();
        assert_eq!(trim_run_ons(&more)[4].1.spelling, "党人比尔·巴尔");
    }

    #[test]
    fn a_dotted_name_is_no_run_on_of_its_last_part_s_tail() {
        assert!(run_on("党人麦康奈尔", &["麦康奈尔"]));
        assert!(!run_on("米奇·麦康奈尔", &["麦康奈尔"]));
        // 赫提 is a cut of 像土赫提; the dotted name is whole.
        assert!(!run_on("伊力哈木·土赫提", &["赫提"]));
        // A dotted name before a dotted name is a run-on still.
        assert!(run_on("乔·拜登之子亨特·拜登", &["亨特·拜登"]));
        assert!(!run_on("杰基·金里奇·库什曼", &["金里奇·库什曼"]));
        // The given name alone beside the whole dotted name is none.
        assert!(run_on("维克多", &["维克多·卢卡申科"]));
    }

    #[test]
    fn a_run_on_is_cut_to_the_longer_spelling_other_articles_write() {
        // 德, 恩, 克, 拉, 奇 are transliteration characters; 傅 is not.
        let occurrences: Vec<(usize, Occurrence)> = vec![
            (1, occ("阿德里安·曾德恩", "Adrian Zenz")),
            (2, occ("杰辛达·阿德恩", "Jacinda Ardern")),
            (3, occ("凯斯·克拉奇", "Keith Krach")),
            (4, occ("安娜·拉克", "Anna Lak")),
            (5, occ("傅德恩", "Robert Forden")),
            (9, occ("傅德恩", "Robert Forden")),
            (6, occ("副团长傅德恩", "Robert W. Forden")),
            (7, occ("团长克拉奇", "Keith Krach")),
            (8, occ("米拉·奇恩", "Mira Chien")),
            (10, occ("如克拉奇", "Keith Krach")),
        ];
        let trimmed = trim_run_ons(&occurrences);
        // Not 德恩: 傅德恩 is written whole elsewhere.
        assert_eq!(trimmed[6].1.spelling, "傅德恩");
        // Without a longer spelling written whole twice, the tail (not
        // 如克拉奇, a word run on by one character once).
        assert_eq!(trimmed[7].1.spelling, "克拉奇");
    }

    #[test]
    fn a_dotted_name_s_last_part_is_its_surname_written_whole() {
        // 德, 斯, 鲍 and 勃 are transliteration characters (two surnames
        // each), 梅 and 嫩 are not: every bare 梅嫩德斯 has a tail 德斯 to cut to.
        let occurrences: Vec<(usize, Occurrence)> = vec![
            (1, occ("阿德里安·曾德恩", "Adrian Zenz")),
            (2, occ("杰辛达·阿德恩", "Jacinda Ardern")),
            (3, occ("约翰·斯诺", "John Snow")),
            (4, occ("马克·斯科特", "Mark Scott")),
            (5, occ("科林·鲍威尔", "Colin Powell")),
            (6, occ("杰克·鲍尔", "Jack Bauer")),
            (7, occ("艾米莉·勃朗特", "Emily Bronte")),
            (8, occ("维利·勃兰特", "Willy Brandt")),
            (9, occ("梅嫩德斯", "Robert Menendez")),
            (10, occ("鲍勃·梅嫩德斯", "Bob Menendez")),
            (11, occ("鲍勃·梅嫩德斯", "Bob Menendez")),
            (12, occ("民主党人梅嫩德斯", "Bob Menendez")),
        ];
        let trimmed = trim_run_ons(&occurrences);
        assert_eq!(trimmed[8].1.spelling, "梅嫩德斯");
        assert_eq!(trimmed[9].1.spelling, "鲍勃·梅嫩德斯");
        assert_eq!(trimmed[11].1.spelling, "梅嫩德斯");
        // With the dotted name written once, the tail is all there is.
        let once = trim_run_ons(&occurrences[..10]);
        assert_eq!(once[8].1.spelling, "德斯");
    }
}
