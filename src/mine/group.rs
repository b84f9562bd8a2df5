//! Grouping the spellings of one person: a spelling and a Latin name are
//! one person when they are written together often enough, with and
//! without a middle name or a short given name; a spelling several people
//! are bracketed with is shared, not one of theirs; a group that shares a
//! spelling or an English name with a registry person is that person.

use super::*;

/// Groups occurrences into people: a spelling and a Latin name are joined
/// when they are written together often enough (a spelling with the Latin
/// names that make up at least 30% of its pairs, and back), so one stray
/// pair (拜登 with Hunter Biden) does not merge two people.
pub fn group(
    occurrences: &[(usize, Occurrence)],
    registry: &Registry,
    cues: &NameCues,
) -> Vec<MinedName> {
    let trimmed = trim_run_ons(occurrences);
    let occurrences = &trimmed[..];
    // Counts per (spelling, key), per spelling, per key.
    let mut pair_count: HashMap<(&str, String), usize> = HashMap::new();
    let mut spelling_count: HashMap<&str, usize> = HashMap::new();
    let mut key_count: HashMap<String, usize> = HashMap::new();
    for (_, o) in occurrences {
        let k = id_key(&o.latin);
        if k.is_empty() {
            continue;
        }
        *pair_count
            .entry((o.spelling.as_str(), k.clone()))
            .or_default() += 1;
        *spelling_count.entry(&o.spelling).or_default() += 1;
        *key_count.entry(k).or_default() += 1;
    }
    // Union-find over spellings and keys.
    let mut nodes: HashMap<String, usize> = HashMap::new();
    let mut parent: Vec<usize> = Vec::new();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut node = |name: String, parent: &mut Vec<usize>| -> usize {
        *nodes.entry(name).or_insert_with(|| {
            parent.push(parent.len());
            parent.len() - 1
        })
    };
    let mut edges: Vec<(&(&str, String), &usize)> = pair_count.iter().collect();
    edges.sort();
    let strong = |spelling: &str, key: &str, n: usize| {
        n * 10 >= spelling_count[spelling] * 3 && n * 10 >= key_count[key]
    };
    // A surname alone written for two people (克林顿 with Bill and with
    // Hillary Clinton) names neither for sure: it joins nothing and is left out.
    let mut strong_keys: HashMap<&str, Vec<&str>> = HashMap::new();
    for &((spelling, key), n) in &edges {
        if strong(spelling, key, *n) {
            strong_keys.entry(spelling).or_default().push(key);
        }
    }
    // Two full names are two people when they share the surname but are
    // not [`one_person`] (Bill / Hillary Clinton).
    // (Compared by their person keys: Bill and William Barr are one.)
    let two_people =
        |a: &str, b: &str| a.rsplit(' ').next() == b.rsplit(' ').next() && !one_person(a, b);
    let mut ambiguous: HashSet<&str> = strong_keys
        .iter()
        .filter(|(_, keys)| {
            let full: Vec<String> = keys
                .iter()
                .filter(|k| k.contains(' '))
                .map(|k| given_name_in_full(k))
                .collect();
            full.iter().any(|a| full.iter().any(|b| two_people(a, b)))
        })
        .map(|(s, _)| *s)
        .collect();
    ambiguous.extend(
        people_of_spellings(occurrences, cues)
            .into_iter()
            .filter(|(s, p)| cues.is_name_like(s) && of_several_people(p))
            .map(|(s, _)| s),
    );
    for ((spelling, key), &n) in edges {
        let a = node(format!("zh:{spelling}"), &mut parent);
        let b = node(format!("en:{key}"), &mut parent);
        if strong(spelling, key, n) && !ambiguous.contains(spelling) {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    // Gather each component's occurrences, and each shared spelling's.
    let mut components: BTreeMap<usize, Vec<&(usize, Occurrence)>> = BTreeMap::new();
    let mut shared: BTreeMap<&str, Vec<&(usize, Occurrence)>> = BTreeMap::new();
    for occ in occurrences {
        if id_key(&occ.1.latin).is_empty() {
            continue;
        }
        if ambiguous.contains(occ.1.spelling.as_str()) {
            shared.entry(&occ.1.spelling).or_default().push(occ);
            continue;
        }
        // An occurrence whose pair did not join belongs with its spelling.
        let a = nodes[&format!("zh:{}", occ.1.spelling)];
        let root = find(&mut parent, a);
        components.entry(root).or_default().push(occ);
    }
    let by_label = registry_spellings(registry);
    let mut out: Vec<MinedName> = components
        .into_values()
        .filter_map(|occs| describe(&occs, registry, &by_label, cues))
        .collect();
    // One id, one row: a later group with a taken id is the same person
    // under a spelling that did not join: its spellings join the first
    // group when both are of one class; a smaller group of another class
    // (a few run-on cuts, 他支持泰德·克鲁兹) is dropped. A group under
    // another form of the given name (bill_barr is william_barr) is the
    // same person too, uncertain or not (斯蒂芬·班农 in one article beside
    // Steve Bannon), but only its name-like spellings of three characters
    // or more join: two are often a piece of a longer name the cut missed
    // (梅嫩|德斯 for Bob Menendez). (Not every rare group of the same id:
    // most are cuts, 声明中 or 样质问道.)
    let mut seen: HashMap<String, usize> = HashMap::new();
    // Groups whose Latin name has a middle part, by its first and last word.
    let mut by_first_last: HashMap<String, usize> = HashMap::new();
    // People's groups by the keys of family names a letter apart.
    let mut by_near: HashMap<String, Vec<usize>> = HashMap::new();
    // People's groups of names with particles or a father's name, by their
    // first and last word and state.
    let mut by_ends: HashMap<String, usize> = HashMap::new();
    let mut merged: Vec<MinedName> = Vec::new();
    out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.id.cmp(&b.id)));
    for n in out {
        let key = folded_key(&n.id.replace('_', " "));
        // A name with and without its middle initials is one person too
        // (Robert W. Forden, Rob Forden) — not two with different initials
        // (George W. and George H. W. Bush), nor two registry people; a
        // middle name may tell a son from his father (John Quincy Adams).
        let words: Vec<&str> = key.split(' ').collect();
        let middle_initials =
            words.len() > 2 && words[1..words.len() - 1].iter().all(|w| w.len() == 1);
        // So is a name with a middle name no Chinese spelling of the group
        // writes (史达曼（Michael William Studeman）, 史都德曼（Michael
        // Studeman）: two ids of the admiral in the hand check of the whole
        // people list); 约翰·昆西·亚当斯 writes John Quincy Adams's. People
        // only: The New York Times is not The Times.
        let middle_unwritten = words.len() > 2
            && matches!(n.class, Class::Person | Class::Known | Class::Commentator)
            && std::iter::once(&n.label_zh)
                .chain(&n.aliases_zh)
                .all(|s| s.split('·').count() < words.len());
        let first_last_key =
            first_last(&n.label_en).filter(|fl| *fl == key || middle_initials || middle_unwritten);
        let found = seen.get(&key).copied().or_else(|| {
            let fl = first_last_key.as_ref()?;
            let i = if *fl == key {
                by_first_last.get(fl)
            } else {
                seen.get(fl)
            };
            i.copied()
                .filter(|&i| !(n.class == Class::Known && merged[i].class == Class::Known))
        });
        // A family name a letter apart (Röttgen as Roettgen, Kadhemi and
        // Kadhimi) is one person where the groups write one surname alike
        // (罗特根 of 诺伯特·罗特根 beside 罗特根): two ids of Norbert Röttgen
        // in the whole-list hand check.
        let person = matches!(n.class, Class::Person | Class::Commentator);
        // Arabic names with and without the father's name and particles
        // (Abdullatif bin Rashid Al Zayani, Abdullatif al-Zayani: two ids of
        // Bahrain's minister), of one state.
        let ends_key = first_last_key
            .is_none()
            .then(|| name_ends(&n.label_en))
            .flatten()
            .filter(|_| person)
            .and_then(|k| Some(format!("{k}|{}", n.state.as_deref()?)));
        let found = found.or_else(|| {
            let i = *by_ends.get(ends_key.as_ref()?)?;
            (merged[i].class == n.class).then_some(i)
        });
        let found = found.or_else(|| {
            let surnames = |m: &MinedName| -> HashSet<String> {
                std::iter::once(&m.label_zh)
                    .chain(&m.aliases_zh)
                    .map(|s| s.rsplit('·').next().unwrap_or(s).to_owned())
                    .filter(|s| s.chars().count() >= 2)
                    .collect()
            };
            let mine = surnames(&n);
            near_keys(&n.label_en)
                .iter()
                .filter(|_| person)
                .flat_map(|k| by_near.get(k).into_iter().flatten())
                .copied()
                .find(|&i| {
                    merged[i].class == n.class
                        && one_letter_apart(&n.label_en, &merged[i].label_en)
                        && !surnames(&merged[i]).is_disjoint(&mine)
                })
        });
        let other_form = |m: &MinedName| {
            n.id != m.id
                && n.class == Class::Uncertain
                && matches!(m.class, Class::Person | Class::Known)
        };
        let joins = |m: &MinedName| n.class == m.class || other_form(m);
        match found {
            Some(i) if joins(&merged[i]) => {
                let same_id = n.id == merged[i].id;
                let m = &mut merged[i];
                for s in std::iter::once(n.label_zh).chain(n.aliases_zh) {
                    let other_form_spelling =
                        || s.chars().filter(|&c| c != '·').count() >= 3 && cues.is_name_like(&s);
                    if s != m.label_zh
                        && !m.aliases_zh.contains(&s)
                        && (same_id || other_form_spelling())
                    {
                        m.aliases_zh.push(s);
                    }
                }
                m.articles += n.articles;
                m.mentions += n.mentions;
            }
            Some(_) => {}
            None => {
                if let Some(fl) = first_last_key.filter(|fl| *fl != key) {
                    by_first_last.entry(fl).or_insert(merged.len());
                }
                if let Some(k) = ends_key {
                    by_ends.entry(k).or_insert(merged.len());
                }
                if person {
                    for k in near_keys(&n.label_en) {
                        by_near.entry(k).or_default().push(merged.len());
                    }
                }
                seen.insert(key, merged.len());
                merged.push(n);
            }
        }
    }
    // A spelling run on in front of a shared one of three characters or
    // more is a cut too (领奥斯汀; not 巴切莱特 for 莱特).
    for m in &mut merged {
        let all: Vec<String> = std::iter::once(m.label_zh.clone())
            .chain(m.aliases_zh.iter().cloned())
            .chain(
                shared
                    .keys()
                    .filter(|s| s.chars().count() >= 3)
                    .map(|s| s.to_string()),
            )
            .collect();
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        m.aliases_zh.retain(|a| !run_on(a, &all));
    }
    let mut shared: Vec<MinedName> = shared
        .iter()
        .filter(|(s, _)| cues.is_name_like(s))
        .map(|(s, occs)| shared_spelling_row(s, occs, cues))
        .filter(|row| !row.label_en.is_empty())
        .collect();
    shared.extend(given_names_of_many(&mut merged, registry));
    // One id, one row: 克林顿 and 柯林顿 are shared_clinton and shared_clinton_2.
    shared.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then(a.label_zh.cmp(&b.label_zh))
    });
    let mut ids: HashMap<String, usize> = HashMap::new();
    for row in &mut shared {
        let n = ids.entry(row.id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            row.id = format!("{}_{n}", row.id);
        }
    }
    merged.extend(shared);
    merged.sort_by(|a, b| {
        a.class
            .cmp(&b.class)
            .then(b.mentions.cmp(&a.mentions))
            .then(a.id.cmp(&b.id))
    });
    merged
}

/// Can two person keys (given name in full) name one person? Yes when
/// their given names start alike, or one holds the other's first word
/// (Xi Jinping, Jinping Xi; Recep Tayyip Erdoğan, Tayyip Erdoğan); a middle
/// name, a short form or a cut-off surname is one person (Joe / Joseph R.
/// Biden, William Brent Christense / Brent Christensen).
pub(super) fn one_person(a: &str, b: &str) -> bool {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    wa[0].chars().next() == wb[0].chars().next() || wa.contains(&wb[0]) || wb.contains(&wa[0])
}

/// Each spelling's full Latin names shaped like a person's, as people
/// ([`one_person`]), most written first: each person is its most written
/// person key, with the pairs of all its names. (Airlines,
/// Nagorno-Karabakh: no people.)
pub(super) fn people_of_spellings<'a>(
    occurrences: &'a [(usize, Occurrence)],
    cues: &NameCues,
) -> BTreeMap<&'a str, Vec<(String, usize)>> {
    let mut names: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    for (_, o) in occurrences {
        if cues.is_person_shaped(&o.latin) {
            *names
                .entry(&o.spelling)
                .or_default()
                .entry(folded_key(&o.latin))
                .or_default() += 1;
        }
    }
    names
        .into_iter()
        .map(|(spelling, keys)| {
            let mut keys: Vec<(String, usize)> = keys.into_iter().collect();
            keys.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let mut people: Vec<(String, usize)> = Vec::new();
            for (key, n) in keys {
                match people.iter_mut().find(|(k, _)| one_person(k, &key)) {
                    Some(p) => p.1 += n,
                    None => people.push((key, n)),
                }
            }
            people.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            (spelling, people)
        })
        .collect()
}

/// Is a spelling with these people (from [`people_of_spellings`]) one of
/// several: none written three times as often as the next (and the next
/// in two pairs or more: one can be a stray), or each in one pair (霍恩 is
/// bracketed once each with six people; 费瑟 with Javid Faisal and Prince
/// Faisal bin Farhan)? (Not fewer than half the pairs: famous people are
/// bracketed rarely, and Ned Price's 普莱斯 would go.) 布莱克 is
/// Melody Black six times, Jacob Blake three, and Sam Blake, Leon Black,
/// George Blake once each: it names none of them for sure, and as the
/// group of its most written owner it read every other Black or Blake as
/// her. (The rule for two strong full names of one surname, Bill and
/// Hillary Clinton, sees only the names of a third of the pairs and more,
/// and only names of one surname.)
pub(super) fn of_several_people(people: &[(String, usize)]) -> bool {
    people.len() >= 2 && ((people[1].1 >= 2 && people[0].1 < 3 * people[1].1) || people[0].1 == 1)
}

/// A spelling that is the given name of this many other people's dotted
/// names or more is theirs before it is anyone's surname.
pub(super) const GIVEN_NAME_OF: usize = 10;

/// Takes from each person's group (and drops a group left with none) the
/// spellings that begin the dotted names of [`GIVEN_NAME_OF`] other people
/// or more, mined or in the registry, unless the person is written far more
/// often: 威廉 is the given name of 56 (威廉·巴尔,
/// 威廉·伯恩斯…), and as the whole spelling of the mined Harald Wilhelm it
/// read Prince William and every William cut short as him; so 马克, 克里斯,
/// 理查德, 托马斯, 唐纳德. Each becomes a [`Class::Shared`] row.
pub(super) fn given_names_of_many(
    merged: &mut Vec<MinedName>,
    registry: &Registry,
) -> Vec<MinedName> {
    let people = |c: Class| !matches!(c, Class::Organisation | Class::Acronym | Class::Shared);
    let mut given_of: HashMap<String, HashSet<String>> = HashMap::new();
    let mined = merged.iter().filter(|m| people(m.class)).flat_map(|m| {
        std::iter::once(&m.label_zh)
            .chain(&m.aliases_zh)
            .map(|s| (s, &m.id))
    });
    let hand = registry
        .actors
        .iter()
        .filter(|a| a.kind == ActorType::Person)
        .flat_map(|a| {
            std::iter::once(&a.label_zh)
                .chain(&a.aliases_zh)
                .map(|s| (s, &a.id))
        });
    for (spelling, id) in mined.chain(hand) {
        if let Some((given, _)) = spelling.split_once('·') {
            given_of
                .entry(given.to_owned())
                .or_default()
                .insert(id.clone());
        }
    }
    // Unless the person is written in three times as many articles as
    // there are such people (米歇尔: Charles Michel, 145 articles).
    let of_many = |spelling: &str, m: &MinedName| {
        let others = given_of
            .get(spelling)
            .map_or(0, |ids| ids.iter().filter(|i| **i != m.id).count());
        !spelling.contains('·') && others >= GIVEN_NAME_OF && m.articles < 3 * others
    };
    let mut rows: Vec<MinedName> = Vec::new();
    for m in merged.iter_mut() {
        if !matches!(m.class, Class::Person | Class::Known) {
            continue;
        }
        let (given, spellings): (Vec<String>, Vec<String>) =
            std::iter::once(std::mem::take(&mut m.label_zh))
                .chain(std::mem::take(&mut m.aliases_zh))
                .partition(|s| of_many(s, m));
        let surname = m.label_en.split_whitespace().last().unwrap_or("");
        for s in given {
            rows.push(MinedName {
                id: format!("shared_{}", latin_id(&format!("{surname} given name"))),
                class: Class::Shared,
                label_en: format!("{surname} / given name"),
                label_zh: s,
                aliases_zh: Vec::new(),
                state: None,
                title: None,
                articles: m.articles,
                mentions: m.mentions,
                reviewed: None,
            });
        }
        if let Some((first, rest)) = spellings.split_first() {
            m.label_zh = first.clone();
            m.aliases_zh = rest.to_vec();
        }
    }
    merged.retain(|m| !m.label_zh.is_empty());
    rows
}

/// The row of a spelling several people share ([`Class::Shared`]): named
/// by their surname where their Latin names agree on it (Clinton), else by
/// their surnames (Black / Blake); of the state its cues agree on, if any.
pub(super) fn shared_spelling_row(
    spelling: &str,
    occs: &[&(usize, Occurrence)],
    cues: &NameCues,
) -> MinedName {
    const GENERATIONS: &[&str] = &["Jr", "Sr", "II", "III", "IV"];
    let mut surnames: Vec<&str> = Vec::new();
    for (l, _) in most(occs.iter().map(|o| o.1.latin.as_str())) {
        let last = l
            .split_whitespace()
            .map(|w| w.trim_end_matches('.'))
            .rfind(|w| !GENERATIONS.contains(w))
            .map(|w| w.rsplit('.').next().unwrap_or(w));
        if let Some(last) = last.filter(|_| cues.is_person_shaped(l))
            && !surnames.iter().any(|s| id_key(s) == id_key(last))
        {
            surnames.push(last);
        }
    }
    let label_en = surnames.join(" / ");
    let states = most(occs.iter().filter_map(|o| o.1.state.as_deref()));
    let titles = most(occs.iter().filter_map(|o| o.1.title.as_deref()));
    MinedName {
        id: format!("shared_{}", latin_id(&surnames.join(" "))),
        class: Class::Shared,
        label_en,
        label_zh: spelling.to_owned(),
        aliases_zh: Vec::new(),
        state: Some(states)
            .filter(|s| s.len() == 1)
            .map(|s| s[0].0.to_owned()),
        title: titles.first().map(|t| t.0.to_owned()),
        articles: occs.iter().map(|o| o.0).collect::<HashSet<_>>().len(),
        mentions: occs.len(),
        reviewed: None,
    }
}

/// A full Latin name written once in a group whose main one is written at
/// least this often is a stray, tied to the group by a shared spelling.
pub(super) const STRAY_AGAINST: usize = 5;

/// Every spelling (simplified) and English name of a registry person.
pub(super) fn registry_spellings(registry: &Registry) -> HashMap<String, usize> {
    let mut by = HashMap::new();
    // A near key two registry people share names neither.
    let mut near: HashMap<String, Option<usize>> = HashMap::new();
    for (i, a) in registry.actors.iter().enumerate() {
        for s in std::iter::once(&a.label_zh).chain(&a.aliases_zh) {
            by.insert(to_simplified(s), i);
        }
        by.insert(format!("en:{}", folded_key(&a.label_en)), i);
        if a.kind == ActorType::Person
            && let Some(k) = first_last(&a.label_en)
        {
            by.entry(format!("first_last:{k}")).or_insert(i);
        }
        if a.kind == ActorType::Person
            && !a
                .state
                .as_deref()
                .is_some_and(|s| PINYIN_STATES.contains(&s))
        {
            for k in near_keys(&a.label_en) {
                near.entry(k)
                    .and_modify(|x| {
                        if *x != Some(i) {
                            *x = None
                        }
                    })
                    .or_insert(Some(i));
            }
        }
    }
    for (k, i) in near {
        if let Some(i) = i {
            by.insert(format!("near:{k}"), i);
        }
    }
    by
}

/// States whose people's Latin names are pinyin or romanised Korean, where
/// one letter tells two people apart (Han Zheng, Han Zhang).
pub(super) const PINYIN_STATES: [&str; 6] = ["CHN", "TWN", "HKG", "MAC", "KOR", "PRK"];

/// The shortest family name [`near_keys`] reads one letter off: shorter
/// ones are other names as often as other spellings (Zhang, Zheng).
pub(super) const NEAR_FAMILY_MIN: usize = 6;

/// Keys that two Latin names share when they have the same given name and
/// family names one letter apart (one deleted, inserted or changed: Mustafa
/// al-Kadhemi and al-Kadhimi, Maria Sakharova and Zakharova, Volodymyr
/// Zelinsky and Zelensky — transliterations of one person the archive
/// writes apart from the registry's form): the words before the family
/// name with the family name whole and with each of its letters left out.
/// None for a family name under [`NEAR_FAMILY_MIN`] letters or a single
/// word. (A letter left out of each also joins names two letters apart:
/// the miner checks what the keys find, `one_letter_apart`.)
///
/// ```
/// use dipgraph::mine::near_keys;
/// let shared = |a: &str, b: &str| near_keys(a).iter().any(|k| near_keys(b).contains(k));
/// assert!(shared("Mustafa al-Kadhemi", "Mustafa al-Kadhimi"));
/// assert!(shared("Volodymyr Zelinsky", "Volodymyr Zelensky"));
/// assert!(!shared("Maria Sakharova", "Maria Zakharchenko"));
/// assert!(!shared("Han Zhang", "Han Zheng"));
/// assert!(!shared("Jean-Claude Arnault", "Jean-Marc Ayrault"));
/// ```
pub fn near_keys(latin: &str) -> Vec<String> {
    let words = name_words(latin);
    let Some((last, given)) = words.split_last() else {
        return Vec::new();
    };
    if given.is_empty() || last.len() < NEAR_FAMILY_MIN {
        return Vec::new();
    }
    let given = given.join(" ");
    let mut out = vec![format!("{given} {last}")];
    for k in 0..last.len() {
        out.push(format!("{given} {}{}", &last[..k], &last[k + 1..]));
    }
    out
}

/// A Latin name with particles or a father's name (bin, al-) as its first
/// and last word without them or a title: `abdullatif zayani` of both
/// Abdullatif bin Rashid Al Zayani and Abdullatif al-Zayani, `mohammed
/// nahyan` of Sheikh Mohammed bin Zayed Al-Nahyan (not `sheikh nahyan`, his
/// brother's too); none for a name of no such word.
fn name_ends(latin: &str) -> Option<String> {
    const PARTICLES: &[&str] = &["bin", "bint", "ibn", "al", "el"];
    let key = id_key(&latin.replace('-', " "));
    let words: Vec<&str> = key.split(' ').filter(|w| w.len() > 1).collect();
    let bare: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !PARTICLES.contains(w) && !latin_title(w))
        .collect();
    (bare.len() >= 2 && bare.len() < words.len())
        .then(|| format!("{} {}", bare[0], bare[bare.len() - 1]))
}

/// The words of a Latin name [`near_keys`] and [`one_letter_apart`] compare:
/// its key's words, initials left out.
pub(super) fn name_words(latin: &str) -> Vec<String> {
    id_key(latin)
        .split(' ')
        .filter(|w| w.len() > 1)
        .map(str::to_owned)
        .collect()
}

/// Are two Latin names the same but for family names one letter apart
/// (what [`near_keys`] finds, checked: a letter left out of each can also
/// join names two letters apart, Arnault and Ayrault)?
pub(super) fn one_letter_apart(a: &str, b: &str) -> bool {
    let (a, b) = (name_words(a), name_words(b));
    let (Some((la, ga)), Some((lb, gb))) = (a.split_last(), b.split_last()) else {
        return false;
    };
    if ga != gb {
        return false;
    }
    let (x, y): (Vec<char>, Vec<char>) = (la.chars().collect(), lb.chars().collect());
    let (short, long) = if x.len() <= y.len() {
        (&x, &y)
    } else {
        (&y, &x)
    };
    match long.len() - short.len() {
        0 => x.iter().zip(&y).filter(|(p, q)| p != q).count() <= 1,
        1 => (0..long.len()).any(|k| long[..k] == short[..k] && long[k + 1..] == short[k..]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mine::testing::{cues, occ};

    #[test]
    fn spellings_of_one_person_group_by_their_latin_name() {
        let occurrences: Vec<(usize, Occurrence)> = vec![
            (1, occ("克拉奇", "Keith Krach")),
            (2, occ("克拉奇", "Keith Krach")),
            (3, occ("柯拉克", "Keith Krach")),
            (4, occ("柯拉克", "Keith J. Krach")),
            (5, occ("维斯特奇尔", "Milos Vystrcil")),
            (6, occ("维特齐", "Miloš Vystrčil")),
        ];
        let names = group(&occurrences, Registry::hand(), cues());
        // Keith Krach is in the registry: his group is known, his spellings kept.
        let krach = names.iter().find(|n| n.label_zh == "克拉奇").unwrap();
        assert_eq!(krach.id, "keith_krach");
        assert_eq!(krach.class, Class::Known);
        assert!(krach.aliases_zh.contains(&"柯拉克".to_string()));
        let v = names.iter().find(|n| n.id == "milos_vystrcil").unwrap();
        assert_eq!(v.class, Class::Person);
        assert_eq!(v.aliases_zh.len(), 1);
        assert_eq!(v.articles, 2);
    }

    #[test]
    fn a_short_given_name_is_the_same_person() {
        // 巴尔 with Bill Barr and William Barr is one person (not a surname
        // two people share, which would leave 巴尔 out); 比尔·巴尔 joins him.
        let occurrences: Vec<(usize, Occurrence)> = vec![
            (1, occ("巴尔", "William Barr")),
            (2, occ("巴尔", "William Barr")),
            (3, occ("巴尔", "Bill Barr")),
            (4, occ("比尔·巴尔", "Bill Barr")),
            (5, occ("比尔·巴尔", "Bill Barr")),
        ];
        let names = group(&occurrences, Registry::hand(), cues());
        let barr: Vec<&MinedName> = names
            .iter()
            .filter(|n| n.label_en.ends_with("Barr"))
            .collect();
        assert_eq!(barr.len(), 1, "{names:?}");
        let mut spellings = vec![barr[0].label_zh.as_str()];
        spellings.extend(barr[0].aliases_zh.iter().map(String::as_str));
        spellings.sort();
        assert_eq!(spellings, ["巴尔", "比尔·巴尔"]);
    }

    #[test]
    fn a_name_with_and_without_its_middle_part_is_one_person() {
        let mut occurrences: Vec<(usize, Occurrence)> = (0..3)
            .map(|i| (i, occ("福登", "Robert W. Forden")))
            .collect();
        occurrences.push((10, occ("傅德恩", "Rob Forden")));
        occurrences.extend((20..23).map(|i| (i, occ("小布什", "George W. Bush"))));
        occurrences.extend((30..33).map(|i| (i, occ("老布什", "George H. W. Bush"))));
        let names = group(&occurrences, Registry::hand(), cues());
        let forden = names.iter().find(|n| n.id == "robert_w_forden").unwrap();
        assert_eq!(forden.aliases_zh, ["傅德恩"], "{names:?}");
        assert!(names.iter().all(|n| n.id != "rob_forden"), "{names:?}");
        let bushes: Vec<&str> = names
            .iter()
            .filter(|n| n.label_en.ends_with("Bush"))
            .map(|n| n.label_zh.as_str())
            .collect();
        assert_eq!(bushes.len(), 2, "{names:?}");
        // A middle name no spelling writes: one person (the admiral
        // Studeman); a middle name a spelling writes tells two apart.
        let mut occurrences: Vec<(usize, Occurrence)> = (0..3)
            .map(|i| (i, occ("史达曼", "Michael William Studeman")))
            .collect();
        occurrences.extend((10..12).map(|i| (i, occ("史都德曼", "Michael Studeman"))));
        occurrences
            .extend((20..23).map(|i| (i, occ("卡洛斯·阿尔贝托·席尔瓦", "Carlos Alberto Silva"))));
        occurrences.extend((30..33).map(|i| (i, occ("卡洛斯·席尔瓦", "Carlos Silva"))));
        // (Surnames that make 卡洛斯 and 阿尔贝托 a transliteration's
        // characters, so that no spelling is cut as a run-on.)
        occurrences.push((40, occ("乔·卡洛斯阿尔贝托", "Jo Karlosalberto")));
        occurrences.push((41, occ("乔·阿尔贝托卡洛斯", "Jo Albertokarlos")));
        let names = group(&occurrences, Registry::hand(), cues());
        let studeman = names
            .iter()
            .find(|n| n.id == "michael_william_studeman")
            .unwrap();
        assert_eq!(studeman.aliases_zh, ["史都德曼"], "{names:?}");
        assert!(
            names.iter().all(|n| n.id != "michael_studeman"),
            "{names:?}"
        );
        assert!(
            names.iter().any(|n| n.id == "carlos_alberto_silva"),
            "{names:?}"
        );
        assert!(names.iter().any(|n| n.id == "carlos_silva"), "{names:?}");
    }

    #[test]
    fn family_names_a_letter_apart_are_one_person_where_a_surname_is_written_alike() {
        let mut occurrences: Vec<(usize, Occurrence)> = (0..3)
            .map(|i| (i, occ("罗特根", "Norbert Röttgen")))
            .collect();
        occurrences.extend((10..12).map(|i| (i, occ("诺伯特·罗特根", "Norbert Roettgen"))));
        // No surname alike: two groups, as the Latin names may be two people.
        occurrences.extend((20..23).map(|i| (i, occ("诺瓦克", "Jan Nowak"))));
        occurrences.extend((30..32).map(|i| (i, occ("诺伐克", "Jan Novak"))));
        let names = group(&occurrences, Registry::hand(), cues());
        let ids: Vec<&str> = names.iter().map(|n| n.id.as_str()).collect();
        assert!(
            ids.contains(&"norbert_rottgen") && !ids.contains(&"norbert_roettgen"),
            "{names:?}"
        );
        assert!(
            ids.contains(&"jan_nowak") && ids.contains(&"jan_novak"),
            "{names:?}"
        );
    }

    #[test]
    fn an_arabic_name_with_and_without_its_father_s_name_is_one_person_of_a_state() {
        let bahraini = |spelling: &str, latin: &str| Occurrence {
            state: Some("BHR".into()),
            ..occ(spelling, latin)
        };
        let emirati = |spelling: &str, latin: &str| Occurrence {
            state: Some("ARE".into()),
            ..occ(spelling, latin)
        };
        let mut occurrences: Vec<(usize, Occurrence)> = (0..3)
            .map(|i| (i, bahraini("札亚尼", "Abdullatif al-Zayani")))
            .collect();
        occurrences
            .extend((10..12).map(|i| (i, bahraini("扎耶尼", "Abdullatif bin Rashid Al Zayani"))));
        // Brothers: a title is no given name.
        occurrences.extend((20..23).map(|i| {
            (
                i,
                emirati("阿勒纳哈扬", "Sheikh Mohammed bin Zayed Al-Nahyan"),
            )
        }));
        occurrences
            .extend((30..32).map(|i| (i, emirati("哈里发", "Sheikh Khalifa bin Zayed Al-Nahyan"))));
        let names = group(&occurrences, Registry::hand(), cues());
        let ids: Vec<&str> = names.iter().map(|n| n.id.as_str()).collect();
        assert!(ids.contains(&"abdullatif_al_zayani"), "{names:?}");
        assert!(
            !ids.contains(&"abdullatif_bin_rashid_al_zayani"),
            "{names:?}"
        );
        assert!(
            ids.contains(&"sheikh_khalifa_bin_zayed_al_nahyan"),
            "{names:?}"
        );
    }

    #[test]
    fn a_stray_pair_does_not_merge_two_people_and_registry_people_are_known() {
        let mut occurrences: Vec<(usize, Occurrence)> =
            (0..10).map(|i| (i, occ("蓬佩奥", "Mike Pompeo"))).collect();
        occurrences.push((20, occ("彭培奥", "Mike Pompeo")));
        occurrences.extend((30..34).map(|i| (i, occ("亨特·拜登", "Hunter Biden"))));
        occurrences.push((40, occ("拜登", "Hunter Biden")));
        occurrences.extend((50..60).map(|i| (i, occ("拜登", "Joe Biden"))));
        let names = group(&occurrences, Registry::hand(), cues());
        let pompeo = names.iter().find(|n| n.id == "mike_pompeo").unwrap();
        assert_eq!(pompeo.class, Class::Known);
        assert!(pompeo.aliases_zh.contains(&"彭培奥".to_string()));
        // Variant Latin forms of one person do not make his spelling ambiguous.
        let brent: Vec<(usize, Occurrence)> = vec![
            (1, occ("郦英杰", "Brent Christensen")),
            (2, occ("郦英杰", "William Brent Christensen")),
            (3, occ("郦英杰", "Brent Christensen")),
        ];
        let b = group(&brent, Registry::hand(), cues());
        assert_eq!(b.len(), 1);
        assert_eq!(
            (b[0].label_zh.as_str(), b[0].class),
            ("郦英杰", Class::Person)
        );
        // A Latin name with a middle name or initial is the registry person
        // of that given and family name.
        // (A spelling bracketed twice with one Latin name: its id and class.)
        let twice = |zh: &str, latin: &str| {
            let pairs: Vec<(usize, Occurrence)> = (1..3).map(|i| (i, occ(zh, latin))).collect();
            let g = group(&pairs, Registry::hand(), cues());
            (g[0].id.clone(), g[0].class)
        };
        assert_eq!(
            twice("安东尼·约翰·布林肯", "Antony John Blinken"),
            ("antony_blinken".to_owned(), Class::Known)
        );
        // A family name one letter off the registry's is its person's
        // (泽林斯基, Zelinsky: the registry's Volodymyr Zelensky), never one
        // two letters off nor with other given names.
        assert_eq!(
            twice("泽林斯基", "Volodymyr Zelinsky"),
            ("volodymyr_zelensky".to_owned(), Class::Known)
        );
        assert!(one_letter_apart("Mustafa al-Kadhemi", "Mustafa al-Kadhimi"));
        assert!(one_letter_apart("Maria Sakharova", "Maria Zakharova"));
        assert!(!one_letter_apart(
            "Jean-Claude Arnault",
            "Jean-Marc Ayrault"
        ));
        assert!(!one_letter_apart("Jean Arnault", "Jean Ayrault"));
        let hunter = names.iter().find(|n| n.id == "hunter_biden").unwrap();
        assert_eq!(hunter.class, Class::Person);
        assert_eq!(hunter.label_zh, "亨特·拜登");
        assert!(!hunter.aliases_zh.contains(&"拜登".to_string()));
    }

    #[test]
    fn a_spelling_bracketed_with_several_people_is_shared_not_one_of_them() {
        // 布莱克 is Melody Black six times, Jacob Blake three and George
        // Blake once: no group of hers reads it, a `shared` row names both
        // surnames; 雅各布·布莱克 stays Jacob Blake's.
        let mut occurrences: Vec<(usize, Occurrence)> =
            (0..6).map(|i| (i, occ("布莱克", "Melody Black"))).collect();
        occurrences.extend((10..13).map(|i| (i, occ("布莱克", "Jacob Blake"))));
        occurrences.push((20, occ("布莱克", "George Blake")));
        occurrences.extend((30..33).map(|i| (i, occ("雅各布·布莱克", "Jacob Blake"))));
        let names = group(&occurrences, Registry::hand(), cues());
        let holding = |zh: &str| -> Vec<&MinedName> {
            names
                .iter()
                .filter(|n| n.label_zh == zh || n.aliases_zh.iter().any(|a| a == zh))
                .collect()
        };
        let shared = holding("布莱克");
        assert_eq!(shared.len(), 1, "{names:?}");
        assert_eq!(shared[0].class, Class::Shared);
        assert_eq!(shared[0].label_en, "Black / Blake");
        assert_eq!(shared[0].id, "shared_black_blake");
        assert_eq!(holding("雅各布·布莱克")[0].id, "jacob_blake");
        // Three times the pairs of the next person, or a next person of
        // one pair (a stray), leaves the spelling its main person's.
        let mut one_main: Vec<(usize, Occurrence)> =
            (0..9).map(|i| (i, occ("布莱克", "Melody Black"))).collect();
        one_main.extend((10..13).map(|i| (i, occ("布莱克", "Jacob Blake"))));
        let names = group(&one_main, Registry::hand(), cues());
        assert!(names.iter().all(|n| n.class != Class::Shared), "{names:?}");
        let mut stray: Vec<(usize, Occurrence)> = (0..2)
            .map(|i| (i, occ("沃特斯", "Maxine Waters")))
            .collect();
        stray.push((10, occ("沃特斯", "Jesse Watters")));
        let names = group(&stray, Registry::hand(), cues());
        assert!(names.iter().all(|n| n.class != Class::Shared), "{names:?}");
        // Two people bracketed once each: neither holds the spelling.
        let singletons: Vec<(usize, Occurrence)> = vec![
            (1, occ("费瑟", "Javid Faisal")),
            (2, occ("费瑟", "Prince Faisal bin Farhan")),
        ];
        let names = group(&singletons, Registry::hand(), cues());
        assert_eq!(names.len(), 1, "{names:?}");
        assert_eq!(names[0].class, Class::Shared);
        // Variant given names are one person: Bill and William, or one
        // written in the other's order.
        let one: Vec<(usize, Occurrence)> = vec![
            (1, occ("巴尔", "William Barr")),
            (2, occ("巴尔", "William Barr")),
            (3, occ("巴尔", "Bill Barr")),
            (4, occ("巴尔", "Bill Barr")),
        ];
        let names = group(&one, Registry::hand(), cues());
        assert!(names.iter().all(|n| n.class != Class::Shared), "{names:?}");
    }

    #[test]
    fn a_given_name_of_many_people_is_no_one_persons_spelling() {
        // 威廉 begins ten people's dotted names: as the mined Harald
        // Wilhelm's whole spelling (three articles) it is shared; a person
        // written in three times as many articles as there are such people
        // keeps it (米歇尔 is Charles Michel's).
        let surnames = [
            ("伯恩斯", "Burns"),
            ("佩里", "Perry"),
            ("哈格蒂", "Hagerty"),
            ("布拉顿", "Bratton"),
            ("科恩", "Cohen"),
            ("黑格", "Hague"),
            ("福克纳", "Faulkner"),
            ("莎士比亚", "Shakespeare"),
            ("华莱士", "Wallace"),
            ("泰勒", "Taylor"),
        ];
        let mut occurrences: Vec<(usize, Occurrence)> = Vec::new();
        for (k, (zh, en)) in surnames.iter().enumerate() {
            for a in 0..2 {
                let latin = format!("William {en}");
                occurrences.push((100 * k + a, occ(&format!("威廉·{zh}"), &latin)));
            }
        }
        let with = |person_articles: usize| {
            let mut occs = occurrences.clone();
            occs.extend((0..person_articles).map(|i| (5000 + i, occ("威廉", "Harald Wilhelm"))));
            group(&occs, Registry::hand(), cues())
        };
        let names = with(3);
        let weilian: Vec<&MinedName> = names
            .iter()
            .filter(|n| n.label_zh == "威廉" || n.aliases_zh.iter().any(|a| a == "威廉"))
            .collect();
        assert_eq!(weilian.len(), 1, "{names:?}");
        assert_eq!(weilian[0].class, Class::Shared);
        assert!(names.iter().all(|n| n.id != "harald_wilhelm"), "{names:?}");
        let names = with(30);
        let wilhelm = names.iter().find(|n| n.id == "harald_wilhelm").unwrap();
        assert_eq!(
            (wilhelm.label_zh.as_str(), wilhelm.class),
            ("威廉", Class::Person)
        );
    }

    #[test]
    fn a_latin_name_written_once_beside_a_shared_spelling_ties_no_registry_person() {
        // 亨特 is Hunter Biden's given name and Jeremy Hunt's surname: his
        // group holds the one 亨特（Jeremy Hunt）, which must not make it the
        // registry's Jeremy Hunt.
        let mut occurrences: Vec<(usize, Occurrence)> = (0..8)
            .map(|i| (i, occ("亨特·拜登", "Hunter Biden")))
            .collect();
        occurrences.extend((10..14).map(|i| (i, occ("亨特", "Hunter Biden"))));
        occurrences.push((20, occ("亨特", "Jeremy Hunt")));
        let names = group(&occurrences, Registry::hand(), cues());
        assert!(names.iter().all(|n| n.id != "jeremy_hunt"), "{names:?}");
        let hunter = names.iter().find(|n| n.id == "hunter_biden").unwrap();
        assert_eq!(hunter.label_zh, "亨特·拜登");
    }
}
