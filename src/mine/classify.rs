//! What a group of occurrences is: a person (with the state and title its
//! occurrences give most often), a commentator, an organisation, an acronym,
//! a single word, or uncertain — from the words before and inside its
//! spellings and the shape of its Latin name.

use super::*;

pub(super) fn most<'a>(items: impl Iterator<Item = &'a str>) -> Vec<(&'a str, usize)> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for i in items {
        *count.entry(i).or_default() += 1;
    }
    let mut v: Vec<(&str, usize)> = count.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v
}

pub(super) fn describe(
    occs: &[&(usize, Occurrence)],
    registry: &Registry,
    by_label: &HashMap<String, usize>,
    cues: &NameCues,
) -> Option<MinedName> {
    // Every spelling decides what the group is; only the name-like ones
    // (not 国家主席, not 法新社: cuts that went wrong) name a person.
    let mut spellings = most(occs.iter().map(|o| o.1.spelling.as_str()));
    let all: Vec<&str> = spellings.iter().map(|s| s.0).collect();
    spellings.retain(|(s, _)| !run_on(s, &all));
    let name_like: Vec<(&str, usize)> = spellings
        .iter()
        .copied()
        .filter(|(s, _)| cues.is_name_like(s))
        .collect();
    let latins = most(occs.iter().map(|o| o.1.latin.as_str()));
    // The English label: the most used Latin form written with two words or
    // more (the full name), else the most used.
    let full = |l: &str| l.split_whitespace().count() >= 2;
    let main = latins.iter().find(|(l, _)| full(l));
    let label_en = main.unwrap_or(&latins[0]).0.to_owned();
    let titles = most(occs.iter().filter_map(|o| o.1.title.as_deref()));
    let states = most(occs.iter().filter_map(|o| o.1.state.as_deref()));
    let articles = occs.iter().map(|o| o.0).collect::<HashSet<_>>().len();
    // The registry person is found by the group's own full Latin names,
    // not by one written once beside a spelling it shares with someone
    // else, when the group's main name is written five times or more:
    // 亨特（Jeremy Hunt） once among 85 Hunter Biden made Hunter Biden's
    // group the registry's Jeremy Hunt, 乔·凯利 (Joe Kelly) once made John
    // Kerry's take his 凯利. (A surname alone, 罗素（Russel）, ties nobody.)
    let top = main.map_or(0, |l| l.1);
    let major_latins = latins
        .iter()
        .filter(|(l, n)| full(l) && (*n > 1 || top < STRAY_AGAINST));
    let registry_person = name_like
        .iter()
        .find_map(|(s, _)| by_label.get(*s))
        .or_else(|| {
            major_latins
                .clone()
                .find_map(|(l, _)| by_label.get(&format!("en:{}", folded_key(l))))
        })
        .or_else(|| {
            major_latins
                .clone()
                .find_map(|(l, _)| by_label.get(&format!("first_last:{}", first_last(l)?)))
        })
        .or_else(|| {
            major_latins.clone().find_map(|(l, _)| {
                near_keys(l)
                    .iter()
                    .filter_map(|k| by_label.get(&format!("near:{k}")))
                    .find(|&&i| one_letter_apart(l, &registry.actors[i].label_en))
            })
        })
        .copied()
        .filter(|&i| registry.actors[i].kind == ActorType::Person);
    let title = titles.first().map(|t| t.0.to_owned());
    let class = if registry_person.is_some() && !name_like.is_empty() {
        Class::Known
    } else if latins.iter().any(|(l, _)| cues.is_acronym(l)) && latins.len() == 1 {
        Class::Acronym
    } else if latins.iter().any(|(l, _)| cues.is_organisation(l))
        || cues.ends_like_body(spellings[0].0)
    {
        Class::Organisation
    } else if name_like.is_empty() {
        Class::Uncertain
    } else if title.as_deref().is_some_and(|t| cues.is_commentator(t)) {
        Class::Commentator
    } else if !latins.iter().any(|(l, _)| cues.is_person_shaped(l)) {
        Class::Single
    } else if articles < 2 {
        Class::Uncertain
    } else {
        Class::Person
    };
    if matches!(class, Class::Person | Class::Known) {
        spellings = name_like;
    }
    let (id, label_en) = match registry_person {
        Some(i) => (
            registry.actors[i].id.clone(),
            registry.actors[i].label_en.clone(),
        ),
        None => (latin_id(&label_en), label_en),
    };
    Some(MinedName {
        id,
        class,
        label_en,
        label_zh: spellings[0].0.to_owned(),
        aliases_zh: spellings[1..].iter().map(|s| s.0.to_owned()).collect(),
        state: states.first().map(|s| s.0.to_owned()),
        title,
        articles,
        mentions: occs.len(),
        reviewed: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mine::testing::{cues, occ};

    #[test]
    fn non_people_are_sorted_out() {
        let occurrences: Vec<(usize, Occurrence)> = vec![
            (1, occ("世界卫生组织", "WHO")),
            (2, occ("世界卫生组织", "WHO")),
            (1, occ("约翰霍普金斯大学", "Johns Hopkins University")),
            (2, occ("约翰霍普金斯大学", "Johns Hopkins University")),
            (1, occ("卡拉巴赫", "Nagorno-Karabakh")),
            (2, occ("卡拉巴赫", "Nagorno-Karabakh")),
            (1, occ("布兰德", "Michael Brand")),
            // Bodies, agreements and works the hand check found typed as
            // people (data/mined_review).
            (1, occ("联席会议", "Joint Chiefs")),
            (2, occ("联席会议", "Joint Chiefs")),
            (1, occ("跨太平洋伙伴关系", "Trans-Pacific Partnership")),
            (2, occ("跨太平洋伙伴关系", "Trans-Pacific Partnership")),
            (1, occ("月刊", "The Atlantic")),
            (2, occ("月刊", "The Atlantic")),
            (1, occ("戈兰高地", "Golan Heights")),
            (2, occ("戈兰高地", "Golan Heights")),
        ];
        let names = group(&occurrences, Registry::hand(), cues());
        let class = |zh: &str| names.iter().find(|n| n.label_zh == zh).unwrap().class;
        assert_eq!(class("世界卫生组织"), Class::Acronym);
        assert_eq!(class("约翰霍普金斯大学"), Class::Organisation);
        assert_eq!(class("卡拉巴赫"), Class::Single);
        assert_eq!(class("布兰德"), Class::Uncertain);
        for body in ["联席会议", "跨太平洋伙伴关系", "月刊", "戈兰高地"] {
            assert_eq!(class(body), Class::Organisation, "{body}");
        }
    }
}
