//! The argument patterns: for each trigger, the hand-written shapes of a
//! sentence that say who did it to whom (与…举行会谈, 会见 X, X 访问 Y,
//! 对…表示关切, 访问的 X), tried in a fixed order, with the status the
//! planning words give and the content a concern or criticism embeds (not
//! an interaction of its own). Alone they are the `rules` decider; beside
//! the model, what they found is a feature of each candidate of
//! [`super::pairs`] (`rule|visit|here`), not a gate.

use super::*;

impl Extractor<'_> {
    /// The visit of `…访问的<person>` / `到访的<person>`: the person right
    /// after 的 is the visitor; the visited is the state 对 governs before
    /// the trigger, else the state of the host named before it.
    pub(super) fn attributive_visit(
        &self,
        ts: usize,
        te: usize,
        cs: usize,
        mentions: &[Mention],
    ) -> Option<Candidate> {
        let after = te + '的'.len_utf8();
        let visitor = mentions
            .iter()
            .find(|m| m.start == after)?
            .single()
            .filter(|a| a.kind == ActorType::Person)?;
        let state_of = |a: &ActorRef| -> Option<ActorRef> {
            match a.kind {
                ActorType::State => Some(a.clone()),
                ActorType::Person => a
                    .state
                    .as_deref()
                    .and_then(|st| self.lex.registry.index(st))
                    .map(|i| {
                        self.finder
                            .actor_ref(i, &self.lex.registry.actors[i].label_zh)
                    }),
                ActorType::Org => None,
            }
        };
        let visited = match mentions
            .iter()
            .rev()
            .find(|m| m.start >= cs && m.end <= ts && m.governed == Some(Prep::To))
        {
            Some(m) => state_of(m.single()?)?,
            None => {
                let host = mentions
                    .iter()
                    .rev()
                    .find(|m| m.end <= ts && m.governed.is_none() && m.place.is_none())?;
                state_of(host.single()?)?
            }
        };
        (visitor.state.as_deref() != Some(visited.id.as_str())).then(|| Candidate {
            relation: Relation::Visit,
            subject: visitor.clone(),
            object: visited,
            status: Status::Occurred,
            confidence: 1.0,
            trigger_start: ts,
            location: None,
            coarse: true,
            provenance: Provenance {
                pattern: true,
                ..Default::default()
            },
        })
    }

    pub(super) fn candidates(
        &self,
        s: &str,
        tags: &[(usize, usize, &Tag)],
        mentions: &[Mention],
    ) -> Vec<Candidate> {
        let clause_start = |pos: usize| {
            s[..pos]
                .rfind(CLAUSE_BREAKS)
                .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8))
        };
        let clause_end = |pos: usize| s[pos..].find(CLAUSE_BREAKS).map_or(s.len(), |i| pos + i);
        // Content embedded in a concern or criticism ("就朝鲜…推进与俄罗斯军事
        // 合作表示忧虑") is not an interaction of its own.
        let mut embedded: Vec<(usize, usize)> = Vec::new();
        for &(ts, _, tag) in tags {
            if let Tag::Trigger(k) = tag {
                let t = &self.lex.triggers[*k];
                if t.args.prep
                    && !t.args.after
                    && let Some(m) = mentions
                        .iter()
                        .rev()
                        .find(|m| m.end <= ts && m.governed == Some(Prep::To))
                {
                    embedded.push((m.end, ts));
                }
            }
        }
        let mut out = Vec::new();
        let mut invite_clause: Option<usize> = None;
        for &(ts, te, tag) in tags {
            let Tag::Trigger(k) = tag else { continue };
            if embedded.iter().any(|&(a, b)| a <= ts && ts < b) {
                continue;
            }
            let trig = &self.lex.triggers[*k];
            if trig.args.learned {
                continue;
            }
            // 到访的, 合作的: an attribute, not a predicate — but the visit it
            // describes happened: 会见到访的王毅 (王毅 visits the host's
            // state), 会见对法国进行正式访问的王毅 (王毅 visits France).
            if s[te..].starts_with('的') {
                if trig.relation == Relation::Visit
                    && let Some(c) = self.attributive_visit(ts, te, clause_start(ts), mentions)
                {
                    out.push(Candidate {
                        confidence: trig.confidence * 0.9,
                        ..c
                    });
                }
                continue;
            }
            let cs = clause_start(ts);
            let ce = clause_end(te);
            let rel = trig.relation;
            // 就…合作…交换意见: a topic of talks, not an interaction.
            if self.lex.topic_verbs.iter().any(|v| {
                s[cs..ts].contains(v.as_str())
                    || s[cs..ts].contains('就') && s[te..ce].contains(v.as_str())
            }) {
                continue;
            }
            if rel == Relation::Invite {
                invite_clause = Some(cs);
            } else if rel == Relation::Visit && invite_clause == Some(cs) {
                // 邀请X访华: the invitation, not also a planned visit.
                continue;
            }
            // 中印互相指责, 中俄相互支持: a directed relation both ways
            // within a group.
            let mutual = rel.directed() && ["互相", "相互"].iter().any(|w| s[..ts].ends_with(w));
            let symmetric = !rel.directed() || mutual;
            let object_of_verb = |start: usize| {
                tags.iter().any(|&(_, te, t)| {
                    matches!(t, Tag::Trigger(_))
                        && te <= start
                        && matches!(&s[te..start], "" | "了" | "过")
                })
            };
            // Subject: the nearest actor before the trigger that no
            // preposition governs ("王毅强调中国反对美国" → 中国).
            let subject = mentions.iter().rev().find(|m| {
                m.end <= ts
                    // 对于王毅访日: the one 对 governs right before a visit
                    // is the visitor.
                    && (m.governed.is_none()
                        || rel == Relation::Visit && m.end == ts && m.governed == Some(Prep::To))
                    && m.place.is_none()
                    && !embedded.iter().any(|&(a, b)| a <= m.start && m.start < b)
                    && (symmetric || m.actors.len() == 1)
                    // 韩国内外对…的忧虑: a modifier, not the one acting.
                    && !self.lex.modifier_suffixes.iter().any(|x| s[m.end..].starts_with(x.as_str()))
                    // Delegations travel, states and organisations do not.
                    && (rel != Relation::Visit || m.actors[0].kind == ActorType::Person)
                    // The object of an earlier clause's verb does not act in
                    // a later one: 王毅会见了博纳，并将同勒德里昂举行会谈.
                    && !(m.end <= cs && object_of_verb(m.start))
            });
            let Some(mut subject) = subject else { continue };
            // A clause without a subject continues the sentence's topic, a
            // person, not a state an earlier verb took (王毅将离开日本，其间
            // 将会晤…).
            if subject.end <= cs
                && subject.actors.iter().all(|a| a.kind != ActorType::Person)
                && let Some(p) = mentions.iter().rev().find(|m| {
                    m.end <= subject.start
                        && m.governed.is_none()
                        && m.single().is_some_and(|a| a.kind == ActorType::Person)
                        && !embedded.iter().any(|&(a, b)| a <= m.start && m.start < b)
                })
            {
                subject = p;
            }
            // Negation and hypotheticals anywhere from the subject on drop
            // it; a planning marker in the trigger's own clause makes it
            // planned (愿与X合作，并邀请X: the invitation happened), an
            // expectation (预计, 计划) also in the clauses after its subject.
            let mut status = Status::Occurred;
            let mut dropped = false;
            // A subject in an earlier clause carries an expectation of its
            // own clause into this one.
            let carried_from = clause_start(subject.start).min(cs);
            for &(ms, _, mt) in tags {
                match mt {
                    Tag::Modality(Modality::Planned) if ms >= cs && ms < ts => {
                        status = Status::Planned
                    }
                    Tag::Modality(Modality::Expected) if ms >= carried_from && ms < ts => {
                        status = Status::Planned
                    }
                    Tag::Modality(Modality::Negation | Modality::Hypothetical)
                        if ms >= subject.end.min(cs) && ms < ts =>
                    {
                        dropped = true
                    }
                    _ => {}
                }
            }
            if dropped {
                continue;
            }
            let mut pairs: Vec<(ActorRef, ActorRef, f32)> = Vec::new();
            let subj_one = subject.single();
            // 日本、韩国和澳洲领导人与拜登通电话: every listed subject.
            if trig.args.with && subject.place.is_none() {
                for m in mentions.iter().filter(|m| {
                    m.start >= subject.end.max(cs)
                        && m.end <= ts
                        && matches!(m.governed, Some(Prep::With | Prep::List))
                        && m.place.is_none()
                }) {
                    for sa in &subject.actors {
                        for o in &m.actors {
                            pairs.push((sa.clone(), o.clone(), 1.0));
                        }
                    }
                }
            }
            if mutual && subject.actors.len() >= 2 {
                for a in &subject.actors {
                    for b in &subject.actors {
                        pairs.push((a.clone(), b.clone(), 0.85));
                    }
                }
            }
            if pairs.is_empty() && trig.args.group && subject.actors.len() >= 2 {
                for (i, a) in subject.actors.iter().enumerate() {
                    for b in &subject.actors[i + 1..] {
                        pairs.push((a.clone(), b.clone(), 0.85));
                    }
                }
            }
            let mut location = None;
            if pairs.is_empty()
                && trig.args.after
                && let Some(sa) = subj_one
            {
                let ce = clause_end(te);
                // 会见了, 抵达了; also an attribute before the object
                // (接见了到访的王毅).
                let short_gap = |m: &Mention| {
                    let gap = &s[te..m.start];
                    let n = gap.chars().count();
                    (n <= 2 && gap.chars().all(|c| "了过到在于给".contains(c)))
                        || (n <= 6 && gap.ends_with('的') && !gap.contains(CLAUSE_BREAKS))
                };
                let first = mentions.iter().find(|m| m.start >= te && m.start <= ce);
                // A longer attributive clause whose own actors are governed
                // or places (会见对法国进行正式访问的王毅): the object follows its 的.
                let attributed = || {
                    let m = mentions
                        .iter()
                        .find(|m| m.start >= te && m.start <= ce && s[..m.start].ends_with('的'))?;
                    let gap = &s[te..m.start];
                    let inner_ok = mentions
                        .iter()
                        .filter(|x| x.start >= te && x.end <= m.start)
                        .all(|x| x.governed.is_some() || x.place.is_some());
                    (gap.chars().count() <= 20 && !gap.contains(CLAUSE_BREAKS) && inner_ok)
                        .then_some(m)
                };
                let chosen = match first {
                    Some(m) if short_gap(m) => Some(m),
                    Some(_) => attributed(),
                    None => None,
                };
                if let Some(m) = chosen {
                    // A directed relation needs one addressee, not 双方 —
                    // or a list of them (亚美尼亚和阿塞拜疆外长).
                    let single = !rel.directed()
                        || m.actors.len() == 1
                        || s[m.start..m.end].contains(['、', '和', '与', '及']);
                    if single && (m.place.is_none() || rel == Relation::Visit) {
                        if let Some(p) = &m.place {
                            location = Some((p.clone(), m.actors[0].id.clone()));
                        }
                        for o in &m.actors {
                            pairs.push((sa.clone(), o.clone(), 0.95));
                        }
                        // 分别会晤A与B, 会见了A、B和C: every listed object.
                        let mut last = m;
                        for next in mentions
                            .iter()
                            .filter(|n| n.start > last.end && n.start <= ce)
                        {
                            let joined = matches!(
                                &s[last.end..next.start],
                                "与" | "和" | "、" | "及" | "以及"
                            );
                            if !joined
                                || next.place.is_some()
                                || next.actors.len() != 1
                                || next.actors[0].kind != last.actors[0].kind
                            {
                                break;
                            }
                            pairs.push((sa.clone(), next.actors[0].clone(), 0.9));
                            last = next;
                        }
                    }
                }
            }
            if pairs.is_empty()
                && trig.args.prep
                && let Some(sa) = subj_one
                && let Some(m) = mentions.iter().rev().find(|m| {
                    m.start >= subject.end
                        && m.end <= ts
                        && m.governed == Some(Prep::To)
                        && m.place.is_none()
                })
            {
                for o in &m.actors {
                    pairs.push((sa.clone(), o.clone(), 0.9));
                }
            }
            if pairs.is_empty()
                && trig.args.abbrev
                && let Some(sa) = subj_one
                && let Some(c) = s[..te].chars().last()
                && let Some(&st) = self.lex.abbreviations.get(&c)
            {
                pairs.push((
                    sa.clone(),
                    self.finder
                        .actor_ref(st, &self.lex.registry.actors[st].label_zh),
                    1.0,
                ));
            }
            // 赴韩国访问, 转往首尔访问: the place travelled to is visited.
            if pairs.is_empty()
                && rel == Relation::Visit
                && let Some(sa) = subj_one
                && let Some(m) = mentions.iter().rev().find(|m| {
                    m.start >= subject.end.max(cs)
                        && m.end <= ts
                        && m.place.is_some()
                        && s[..m.start].ends_with(['赴', '往', '到'])
                })
            {
                location = Some((m.place.clone().unwrap_or_default(), m.actors[0].id.clone()));
                pairs.push((sa.clone(), m.actors[0].clone(), 0.9));
            }
            if location.is_none() {
                location = mentions
                    .iter()
                    .filter(|m| m.place.is_some() && m.start >= cs && m.end <= ts)
                    .find(|m| s[..m.start].ends_with(['在', '赴', '于']))
                    .map(|m| (m.place.clone().unwrap_or_default(), m.actors[0].id.clone()));
            }
            // What follows an appeal, praise or criticism is its content
            // (感谢韩国…给予支持, 希望双方…合作), not a further interaction.
            // (Ending it at a clause that opens with an actor of its own was
            // tried: it added as many wrong rows as right ones.)
            if matches!(
                rel,
                Relation::Appeal | Relation::Support | Relation::Criticize | Relation::Concern
            ) {
                embedded.push((te, s.len()));
            }
            // 加拿大、德国以及欧盟谴责中国: every listed subject of a
            // directed relation acts (symmetric ones pair the list instead).
            if rel.directed()
                && let Some(first) = subj_one
            {
                let mut head = subject;
                let mut extra = Vec::new();
                while let Some(prev) = mentions.iter().rev().find(|m| m.end <= head.start) {
                    let joined =
                        matches!(&s[prev.end..head.start], "、" | "和" | "与" | "及" | "以及");
                    if !joined || prev.governed.is_some() || prev.place.is_some() {
                        break;
                    }
                    let Some(p) = prev.single() else { break };
                    extra.push(p.clone());
                    head = prev;
                }
                let found: Vec<_> = pairs
                    .iter()
                    .filter(|(a, _, _)| a.id == first.id)
                    .cloned()
                    .collect();
                for p in extra {
                    for (_, b, f) in &found {
                        pairs.push((p.clone(), b.clone(), f * 0.95));
                    }
                }
            }
            for (a, b, factor) in pairs {
                if a.id == b.id || a.own_state_pair(&b) {
                    continue;
                }
                let indirect = subject.indirect;
                out.push(Candidate {
                    relation: rel,
                    subject: a,
                    object: b,
                    status,
                    confidence: trig.confidence * factor * if indirect { 0.9 } else { 1.0 },
                    trigger_start: ts,
                    location: location.clone(),
                    coarse: false,
                    provenance: Provenance {
                        pattern: true,
                        ..Default::default()
                    },
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::testing::{check_all, has, run};

    #[test]
    fn meet_with_co_participant() {
        let got = run(
            "韩国外交部长官康京和周四（26日）同到访的中国外交部长王毅在首尔举行会谈。",
            "2020-11-26",
        );
        assert!(
            has(
                &got,
                "kang_kyung_wha",
                "meet",
                "wang_yi",
                "2020-11-26",
                "occurred"
            ),
            "{got:?}"
        );
        // 到访的王毅: he is visiting Korea (since some day of the month);
        // nothing else.
        assert!(
            has(&got, "wang_yi", "visit", "KOR", "2020-11", "occurred"),
            "{got:?}"
        );
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn attributive_visits_name_the_visitor() {
        // The host's state is visited…
        let got = run(
            "日本首相菅义伟11月25日接见了到访的中国国务委员兼外长王毅。",
            "2020-11-26",
        );
        // The visit began before the day of the meeting: only its month is
        // certain.
        assert!(
            has(&got, "wang_yi", "visit", "JPN", "2020-11", "occurred"),
            "{got:?}"
        );
        assert!(
            has(
                &got,
                "suga_yoshihide",
                "meet",
                "wang_yi",
                "2020-11-25",
                "occurred"
            ),
            "{got:?}"
        );
        // …unless 对 names the state.
        let got = run(
            "法国总统马克龙当地时间28日在巴黎会见对法国进行正式访问的中国国务委员兼外长王毅。",
            "2020-08-29",
        );
        assert!(
            has(&got, "wang_yi", "visit", "FRA", "2020-08", "occurred"),
            "{got:?}"
        );
        // The host meets the visitor named after the attributive clause.
        assert!(
            has(
                &got,
                "emmanuel_macron",
                "meet",
                "wang_yi",
                "2020-08-28",
                "occurred"
            ),
            "{got:?}"
        );
        // A visit spanning days is dated by its first.
        let got = run(
            "康京和26日同到访的王毅举行会谈。此前，王毅于25日晚抵达首尔，开启为期三天的访韩行程。",
            "2020-11-26",
        );
        assert!(
            has(&got, "wang_yi", "visit", "KOR", "2020-11-25", "occurred"),
            "{got:?}"
        );
    }

    #[test]
    fn one_case_per_trigger_family() {
        check_all(&[
            // meet: 与…举行会谈, 会见 (after), 会晤, 共进午餐
            (
                "王毅8月31日与朴振举行会谈。",
                "2023-09-01",
                ("wang_yi", "meet", "park_jin", "2023-08-31", "occurred"),
            ),
            (
                "习近平28日在北京会见了韩国总理韩德洙。",
                "2023-09-29",
                (
                    "xi_jinping",
                    "meet",
                    "han_duck_soo",
                    "2023-09-28",
                    "occurred",
                ),
            ),
            (
                "拜登同习近平周三在旧金山会晤。",
                "2023-11-16",
                ("joe_biden", "meet", "xi_jinping", "2023-11-15", "occurred"),
            ),
            // call: 同…通电话, 视频会晤
            (
                "俄罗斯外长拉夫罗夫昨天同王毅通电话。",
                "2022-03-01",
                ("sergey_lavrov", "call", "wang_yi", "2022-02-28", "occurred"),
            ),
            (
                "习近平周一与拜登举行视频会晤。",
                "2021-11-16",
                ("xi_jinping", "call", "joe_biden", "2021-11-15", "occurred"),
            ),
            (
                "默克尔14日与习近平举行视频峰会。",
                "2020-09-15",
                (
                    "angela_merkel",
                    "call",
                    "xi_jinping",
                    "2020-09-14",
                    "occurred",
                ),
            ),
            // A coarser date inside an attributive phrase dates the phrase.
            (
                "本月12日菅义伟与在本月初胜选的拜登通电话。",
                "2020-11-24",
                (
                    "suga_yoshihide",
                    "call",
                    "joe_biden",
                    "2020-11-12",
                    "occurred",
                ),
            ),
            (
                "汪文斌27日驳斥蓬佩奥的指控。",
                "2020-10-28",
                (
                    "wang_wenbin",
                    "criticize",
                    "mike_pompeo",
                    "2020-10-27",
                    "occurred",
                ),
            ),
            (
                "中美两国1月15日签订贸易协议。",
                "2020-02-01",
                ("CHN", "agree", "USA", "2020-01-15", "occurred"),
            ),
            (
                "苏杰生将与王毅碰面。",
                "2020-09-04",
                ("subrahmanyam_jaishankar", "meet", "wang_yi", "", "planned"),
            ),
            // visit: X访问Y, 抵达, 访华
            (
                "韩国外长朴振9日访问日本。",
                "2023-06-10",
                ("park_jin", "visit", "JPN", "2023-06-09", "occurred"),
            ),
            (
                "布林肯18日抵达北京。",
                "2023-06-19",
                ("antony_blinken", "visit", "CHN", "2023-06-18", "occurred"),
            ),
            (
                "德国总理朔尔茨下周访华。",
                "2022-10-28",
                ("olaf_scholz", "visit", "CHN", "", "planned"),
            ),
            // invite
            (
                "王毅邀请朴振访华。",
                "2023-09-01",
                ("wang_yi", "invite", "park_jin", "", "occurred"),
            ),
            // agree: 一致同意, 达成共识
            (
                "王毅与朴振一致同意加强沟通。",
                "2023-09-01",
                ("wang_yi", "agree", "park_jin", "", "occurred"),
            ),
            (
                "中韩两国外长就半导体合作达成共识。",
                "2023-09-01",
                ("CHN", "agree", "KOR", "", "occurred"),
            ),
            // cooperate
            (
                "中国将与俄罗斯加强合作。",
                "2023-09-01",
                ("CHN", "cooperate", "RUS", "", "planned"),
            ),
            // appeal: 呼吁, 敦促
            (
                "王毅呼吁美国停止干涉中国内政。",
                "2023-09-01",
                ("wang_yi", "appeal", "USA", "", "occurred"),
            ),
            (
                "美国敦促朝鲜重返谈判。",
                "2023-09-01",
                ("USA", "appeal", "PRK", "", "occurred"),
            ),
            // support: 支持, 感谢
            (
                "中方支持东盟在地区合作中发挥中心作用。",
                "2023-09-01",
                ("CHN", "support", "asean", "", "occurred"),
            ),
            (
                "王毅感谢韩方对中方的支持。",
                "2023-09-01",
                ("wang_yi", "support", "KOR", "", "occurred"),
            ),
            // criticize: 谴责, 批评
            (
                "日本政府谴责朝鲜发射弹道导弹。",
                "2023-09-01",
                ("JPN", "criticize", "PRK", "", "occurred"),
            ),
            (
                "外交部发言人汪文斌批评美国。",
                "2023-09-01",
                ("wang_wenbin", "criticize", "USA", "", "occurred"),
            ),
            // concern: 对…表示关切
            (
                "韩国对朝鲜核试验表示严重关切。",
                "2023-09-01",
                ("KOR", "concern", "PRK", "", "occurred"),
            ),
        ]);
    }

    #[test]
    fn object_after_a_long_attributive_clause() {
        // A palace after a city after 在 is where it happens, not who meets.
        let got = run(
            "德国总理默克尔9日在柏林总理府会见对德国进行工作访问的韩国外长康京和。",
            "2020-06-10",
        );
        assert!(
            has(
                &got,
                "angela_merkel",
                "meet",
                "kang_kyung_wha",
                "2020-06-09",
                "occurred"
            ),
            "{got:?}"
        );
        assert!(
            has(
                &got,
                "kang_kyung_wha",
                "visit",
                "DEU",
                "2020-06",
                "occurred"
            ),
            "{got:?}"
        );
        assert!(
            !got.iter().any(|g| g.0 == "DEU" && g.1 == "meet"),
            "{got:?}"
        );
    }

    #[test]
    fn mutual_directed_relations_go_both_ways() {
        let got = run("日韩两国互相指责对方违反协议。", "2020-06-10");
        assert!(
            has(&got, "JPN", "criticize", "KOR", "", "occurred"),
            "{got:?}"
        );
        assert!(
            has(&got, "KOR", "criticize", "JPN", "", "occurred"),
            "{got:?}"
        );
        let got = run("中俄两国始终相互支持。", "2020-06-10");
        assert!(
            has(&got, "CHN", "support", "RUS", "", "occurred"),
            "{got:?}"
        );
        assert!(
            has(&got, "RUS", "support", "CHN", "", "occurred"),
            "{got:?}"
        );
    }

    #[test]
    fn more_trigger_words() {
        check_all(&[
            (
                "韩国外长康京和8日到达东京。",
                "2020-06-10",
                ("kang_kyung_wha", "visit", "JPN", "2020-06-08", "occurred"),
            ),
            (
                "美国国务卿蓬佩奥督促朝鲜重返谈判。",
                "2020-06-10",
                ("mike_pompeo", "appeal", "PRK", "", "occurred"),
            ),
            (
                "韩方对于这次朴振访日表示欢迎。",
                "2023-06-10",
                ("park_jin", "visit", "JPN", "", "occurred"),
            ),
            (
                "法方积极评价德方的倡议。",
                "2020-06-10",
                ("FRA", "support", "DEU", "", "occurred"),
            ),
        ]);
    }

    #[test]
    fn a_welcome_is_not_praise() {
        let got = run("德国总理默克尔欢迎康京和访问德国。", "2020-06-10");
        assert!(!got.iter().any(|g| g.1 == "support"), "{got:?}");
    }

    #[test]
    fn a_directed_relation_reaches_every_listed_addressee() {
        let got = run(
            "拉夫罗夫10日敦促亚美尼亚和阿塞拜疆领导人“立即停火”。",
            "2020-10-11",
        );
        for p in ["nikol_pashinyan", "ilham_aliyev"] {
            assert!(
                has(&got, "sergey_lavrov", "appeal", p, "2020-10-10", "occurred"),
                "{p}: {got:?}"
            );
        }
    }

    #[test]
    fn a_partner_after_an_attributive_clause() {
        let got = run(
            "默克尔10日与在美国总统大选中宣布获胜的前副总统拜登通电话。",
            "2020-11-11",
        );
        assert!(
            has(
                &got,
                "angela_merkel",
                "call",
                "joe_biden",
                "2020-11-10",
                "occurred"
            ),
            "{got:?}"
        );
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn attributive_object_and_chained_titles() {
        let got = run(
            "日本首相菅义伟11月25日接见了到访的中国国务委员兼外长王毅。",
            "2020-11-25",
        );
        assert!(
            has(
                &got,
                "suga_yoshihide",
                "meet",
                "wang_yi",
                "2020-11-25",
                "occurred"
            ),
            "{got:?}"
        );
    }

    #[test]
    fn concern_with_embedded_content() {
        let got = run(
            "赵兑烈就朝鲜违反决议、推进与俄罗斯军事合作表示了忧虑。",
            "2024-02-07",
        );
        assert!(
            has(&got, "cho_tae_yul", "concern", "PRK", "", "occurred"),
            "{got:?}"
        );
        assert!(!got.iter().any(|g| g.1 == "cooperate"), "{got:?}");
    }

    #[test]
    fn negation_and_hypotheticals_are_dropped() {
        assert!(run("王毅并未会见朴振。", "2023-08-31").is_empty());
        assert!(run("如果王毅会见朴振。", "2023-08-31").is_empty());
        assert!(run("中韩双方应坚持友好合作。", "2023-08-31").is_empty());
    }

    #[test]
    fn invite_without_a_planned_visit() {
        let got = run(
            "王毅表示，愿与赵兑烈保持紧密合作，并邀请赵兑烈访华。",
            "2024-02-07",
        );
        assert!(
            has(&got, "wang_yi", "invite", "cho_tae_yul", "", "occurred"),
            "{got:?}"
        );
        assert!(
            has(&got, "wang_yi", "cooperate", "cho_tae_yul", "", "planned"),
            "{got:?}"
        );
        assert!(!got.iter().any(|g| g.1 == "visit"), "{got:?}");
    }

    #[test]
    fn visit_by_abbreviation_and_planned_status() {
        let got = run("美国国务卿布林肯将在8日至9日访韩。", "2023-11-01");
        assert!(
            has(
                &got,
                "antony_blinken",
                "visit",
                "KOR",
                "2023-11-08",
                "planned"
            ),
            "{got:?}"
        );
    }
}
