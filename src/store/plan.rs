//! What an ingest does with each article of a batch — write it, leave it,
//! drop an older version, note another file it was read from — decided
//! once, as a pure function of the batch and of what the store holds, for
//! both backends (the embedded store and a remote SPARQL store).
//!
//! An article is identified by its url when it has one, else by its
//! content (the SHA-256 of its bytes). Its graph and IRI are named after
//! its content ([`crate::article::Article::key`]), and the files it was
//! read from (file name and path as given) are provenance:
//!
//! - a new article is **added**; one whose content is stored already is
//!   **unchanged** (nothing is written; articles stored by older versions
//!   under file-name IRIs are found by url and content hash the same way);
//! - a new version of a stored article (same url, other content)
//!   **replaces** it (in a sharded ingest only when read from the same
//!   path: other pairs are settled by `fold-events`), and so does a file's
//!   new content whatever it is, when that file alone held the old one;
//! - a second file with the same url and the same bytes, or the same bytes
//!   without a url, is a **duplicate**: stored once, its path added to the
//!   article's provenance;
//! - of two versions of one url in one input, the file read later wins and
//!   the earlier is **superseded**; a re-run that finds the later one
//!   stored, and its file still so, leaves it (nothing is rewritten).
//!
//! What an action writes is also one function for both
//! ([`Action::quads`]); a backend only chooses how to send it (one
//! transaction, or PUTs and SPARQL updates).

use crate::article::Article;
use crate::model::Interaction;
use crate::rdf;
use oxigraph::model::{NamedNode, Quad};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// What an ingest did with its articles (a batch's share is added as it
/// is written). Every article read is counted once.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BatchOutcome {
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    /// Files whose content was stored already from another file of the
    /// run (same url and bytes, or same bytes without a url).
    pub duplicates: usize,
    /// Files holding an older version of an article (same url, other
    /// content) that a file read later in the same run replaces.
    pub superseded: usize,
    /// Reports written.
    pub reports: usize,
}

/// An article of a batch, as the plan sees it.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// Its graph (named after its content).
    pub graph: String,
    /// Its IRI.
    pub article: String,
    /// SHA-256 of its bytes.
    pub hash: String,
    pub url: Option<String>,
    /// The path it was read from.
    pub path: PathBuf,
    /// That path as stored (`dip:sourcePath`).
    pub source: String,
    pub file_name: String,
    pub reports: usize,
}

impl Incoming {
    /// A batch of extracted articles as the plan sees them.
    pub fn batch(batch: &[(Article, Vec<Interaction>)]) -> Vec<Self> {
        batch.iter().map(|(a, r)| Self::of(a, r.len())).collect()
    }

    pub fn of(article: &Article, reports: usize) -> Self {
        Incoming {
            graph: rdf::article_graph(article.key()).as_str().to_string(),
            article: rdf::article_iri(article.key()).as_str().to_string(),
            hash: article.id.clone(),
            url: article.url.clone(),
            path: article.path.clone(),
            source: article.source_path(),
            file_name: article.file_name.clone(),
            reports,
        }
    }

    fn url(&self) -> Option<&str> {
        trimmed(self.url.as_deref())
    }
}

/// An article graph the store holds that shares a url or a content hash
/// with an article of the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub graph: String,
    /// The article in it (`art:KEY`; `art:FILE-NAME` in older stores).
    pub article: String,
    pub hash: String,
    pub url: Option<String>,
    /// `dip:sourcePath` values (none in older stores).
    pub paths: Vec<String>,
    /// `dip:fileName` values.
    pub file_names: Vec<String>,
}

/// What to do with one graph. Applied in any order within a batch; a
/// remote store writes first, adds sources next and drops last, so an
/// interruption never leaves an article absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// (Re)write the graph of the batch's `article`-th article, noting the
    /// files `also_from` (the same bytes) as sources too.
    Write {
        article: usize,
        also_from: Vec<usize>,
    },
    /// Add the files of these batch articles (the same bytes as the stored
    /// article `article_node`) to its sources.
    AddSources {
        article_node: String,
        from: Vec<usize>,
    },
    /// Remove the graph: an older version, or a second copy of one content.
    Drop,
}

impl Action {
    /// What the action writes into `graph`, the same for every backend:
    /// for a write, the article's whole graph and the files it was also
    /// read from; for added sources, those files' provenance; nothing for
    /// a drop.
    pub fn quads(&self, graph: &NamedNode, batch: &[(Article, Vec<Interaction>)]) -> Vec<Quad> {
        let sources = |article: &NamedNode, from: &[usize]| {
            from.iter()
                .flat_map(|j| rdf::source_quads(&batch[*j].0, article, graph))
                .collect::<Vec<Quad>>()
        };
        match self {
            Action::Write { article, also_from } => {
                let (article, reports) = &batch[*article];
                let mut quads = rdf::article_quads(article, reports);
                quads.extend(sources(&rdf::article_iri(article.key()), also_from));
                quads
            }
            Action::AddSources { article_node, from } => {
                sources(&NamedNode::new_unchecked(article_node), from)
            }
            Action::Drop => Vec::new(),
        }
    }
}

/// The actions of one batch, by graph IRI.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Plan {
    pub actions: BTreeMap<String, Action>,
}

impl Plan {
    /// Does the batch change any report (so events must be re-derived)?
    /// Adding a source changes provenance only.
    pub fn changes_reports(&self) -> bool {
        self.actions
            .values()
            .any(|a| !matches!(a, Action::AddSources { .. }))
    }
}

/// Is a stored version (the path it was read from, its content hash) in
/// a file that this run reads after `current` and that still holds it?
pub type LaterInRun<'a> = dyn Fn(&Path, &str, &str) -> bool + 'a;

/// The state of one ingest across its batches.
pub struct IngestRun<'a> {
    /// A plain ingest replaces an article stored from another file with
    /// the same url; a sharded one leaves that to `fold-events` (another
    /// shard may hold the later file).
    pub replace_same_url: bool,
    later: Option<&'a LaterInRun<'a>>,
    /// Articles met in this run: identity → content, and how counted.
    seen: HashMap<u128, Seen>,
    pub counts: BatchOutcome,
}

#[derive(Debug, Clone, Copy)]
struct Seen {
    content: u128,
    label: Label,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Added,
    Replaced,
    Unchanged,
}

impl<'a> IngestRun<'a> {
    pub fn new(replace_same_url: bool) -> Self {
        IngestRun {
            replace_same_url,
            later: None,
            seen: HashMap::new(),
            counts: BatchOutcome::default(),
        }
    }

    /// With a way to tell that a stored version will be read again later
    /// in this run (see [`LaterInRun`]).
    pub fn with_later(mut self, later: &'a LaterInRun<'a>) -> Self {
        self.later = Some(later);
        self
    }

    fn count(&mut self, label: Label, n: isize) {
        let c = match label {
            Label::Added => &mut self.counts.added,
            Label::Replaced => &mut self.counts.replaced,
            Label::Unchanged => &mut self.counts.unchanged,
        };
        *c = c.saturating_add_signed(n);
    }
}

fn trimmed(url: Option<&str>) -> Option<&str> {
    url.map(str::trim).filter(|u| !u.is_empty())
}

fn digest(kind: &str, text: &str) -> u128 {
    let d = Sha256::new()
        .chain_update(kind.as_bytes())
        .chain_update([0])
        .chain_update(text.as_bytes())
        .finalize();
    u128::from_le_bytes(d[..16].try_into().expect("16 bytes"))
}

/// What identifies an article: its url, else its content.
fn identity(url: Option<&str>, hash: &str) -> u128 {
    match url {
        Some(u) => digest("url", u),
        None => digest("content", hash),
    }
}

/// Decides, article by article in batch order, what to do with `batch`
/// given the `stored` graphs sharing a url or content hash with it, and
/// counts each article in `run`.
pub fn plan_batch(batch: &[Incoming], stored: &[Stored], run: &mut IngestRun) -> Plan {
    // The store as the batch leaves it so far.
    let mut view: BTreeMap<String, Stored> = stored
        .iter()
        .map(|s| (s.graph.clone(), s.clone()))
        .collect();
    let mut actions: BTreeMap<String, Action> = BTreeMap::new();
    for (i, a) in batch.iter().enumerate() {
        let url = a.url();
        let key = identity(url, &a.hash);
        let content = digest("content", &a.hash);
        let same_url = |s: &Stored| url.is_some() && trimmed(s.url.as_deref()) == url;
        let same: Vec<Stored> = view
            .values()
            .filter(|s| s.hash == a.hash)
            .cloned()
            .collect();
        let other: Vec<Stored> = view
            .values()
            .filter(|s| s.hash != a.hash && same_url(s))
            .cloned()
            .collect();
        // What this file held before, if it was another article (another
        // url, or other bytes without one) and no other file holds it.
        let before: Vec<String> = view
            .values()
            .filter(|s| s.hash != a.hash && !same_url(s) && s.paths == [a.source.as_str()])
            .map(|s| s.graph.clone())
            .collect();
        let seen = run.seen.get(&key).copied();
        // Another version, stored from a file this run reads later: that
        // one wins, as it did when this input was first ingested.
        if seen.is_none() && same.is_empty() && run.replace_same_url {
            if let Some(later) = run.later {
                if other
                    .iter()
                    .any(|o| o.paths.iter().any(|p| later(&a.path, p, &o.hash)))
                {
                    run.counts.superseded += 1;
                    continue;
                }
            }
        }
        let same_file = |o: &Stored| {
            o.paths.contains(&a.source)
                || (o.paths.is_empty() && o.file_names.contains(&a.file_name))
        };
        let mut drops: Vec<String> = other
            .iter()
            .filter(|o| {
                run.replace_same_url
                    || seen.is_some_and(|s| s.content == digest("content", &o.hash))
                    || same_file(o)
            })
            .map(|o| o.graph.clone())
            .chain(before)
            .collect();
        // One copy of a content is kept: the one named after it if stored,
        // else the first (an older store's); further copies go.
        let keep = same
            .iter()
            .min_by_key(|s| (s.graph != a.graph, s.graph.clone()))
            .cloned();
        if let Some(k) = &keep {
            drops.extend(
                same.iter()
                    .filter(|s| s.graph != k.graph)
                    .map(|s| s.graph.clone()),
            );
        }
        for g in &drops {
            view.remove(g);
            actions.insert(g.clone(), Action::Drop);
        }
        match &keep {
            None => {
                actions.insert(
                    a.graph.clone(),
                    Action::Write {
                        article: i,
                        also_from: Vec::new(),
                    },
                );
                view.insert(
                    a.graph.clone(),
                    Stored {
                        graph: a.graph.clone(),
                        article: a.article.clone(),
                        hash: a.hash.clone(),
                        url: url.map(str::to_string),
                        paths: vec![a.source.clone()],
                        file_names: vec![a.file_name.clone()],
                    },
                );
            }
            Some(k) if !k.paths.contains(&a.source) => {
                match actions.get_mut(&k.graph) {
                    Some(Action::Write { also_from, .. }) => also_from.push(i),
                    Some(Action::AddSources { from, .. }) => from.push(i),
                    _ => {
                        actions.insert(
                            k.graph.clone(),
                            Action::AddSources {
                                article_node: k.article.clone(),
                                from: vec![i],
                            },
                        );
                    }
                }
                let v = view.get_mut(&k.graph).expect("kept graph in view");
                v.paths.push(a.source.clone());
                if !v.file_names.contains(&a.file_name) {
                    v.file_names.push(a.file_name.clone());
                }
            }
            Some(_) => {}
        }
        let changed = keep.is_none() || !drops.is_empty();
        match seen {
            Some(s) if s.content == content => run.counts.duplicates += 1,
            Some(mut s) => {
                // A later version of an article read earlier in this run.
                run.counts.superseded += 1;
                if s.label == Label::Unchanged && changed {
                    run.count(Label::Unchanged, -1);
                    run.count(Label::Replaced, 1);
                    s.label = Label::Replaced;
                }
                s.content = content;
                run.seen.insert(key, s);
            }
            None => {
                let label = match (&keep, drops.is_empty()) {
                    (None, true) => Label::Added,
                    (Some(_), true) => Label::Unchanged,
                    _ => Label::Replaced,
                };
                run.count(label, 1);
                run.seen.insert(key, Seen { content, label });
            }
        }
    }
    let plan = Plan { actions };
    run.counts.reports += plan
        .actions
        .values()
        .map(|a| match a {
            Action::Write { article, .. } => batch[*article].reports,
            _ => 0,
        })
        .sum::<usize>();
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn incoming(path: &str, bytes: &str, url: Option<&str>) -> Incoming {
        let hash = hex::encode(Sha256::digest(bytes.as_bytes()));
        Incoming {
            graph: format!("g:{}", &hash[..8]),
            article: format!("a:{}", &hash[..8]),
            hash,
            url: url.map(String::from),
            path: PathBuf::from(path),
            source: path.to_string(),
            file_name: path.rsplit('/').next().unwrap().to_string(),
            reports: 2,
        }
    }

    /// A store that holds what the plan wrote (a test double of both
    /// backends, which apply a plan the same way).
    #[derive(Default)]
    struct Store(BTreeMap<String, Stored>);

    impl Store {
        fn ingest(&mut self, batch: &[Incoming], run: &mut IngestRun) -> Plan {
            let relevant: Vec<Stored> = self.0.values().cloned().collect();
            let plan = plan_batch(batch, &relevant, run);
            for (g, action) in &plan.actions {
                match action {
                    Action::Drop => {
                        self.0.remove(g);
                    }
                    Action::Write { article, also_from } => {
                        let a = &batch[*article];
                        let mut s = Stored {
                            graph: g.clone(),
                            article: a.article.clone(),
                            hash: a.hash.clone(),
                            url: a.url.clone(),
                            paths: vec![a.source.clone()],
                            file_names: vec![a.file_name.clone()],
                        };
                        for j in also_from {
                            s.paths.push(batch[*j].source.clone());
                            s.file_names.push(batch[*j].file_name.clone());
                        }
                        self.0.insert(g.clone(), s);
                    }
                    Action::AddSources { from, .. } => {
                        let s = self.0.get_mut(g).unwrap();
                        for j in from {
                            s.paths.push(batch[*j].source.clone());
                            s.file_names.push(batch[*j].file_name.clone());
                        }
                    }
                }
            }
            plan
        }

        /// Runs a whole ingest in batches of `size`.
        fn run(&mut self, files: &[Incoming], size: usize, replace: bool) -> (BatchOutcome, bool) {
            let mut run = IngestRun::new(replace);
            let mut wrote = false;
            for batch in files.chunks(size) {
                wrote |= self.ingest(batch, &mut run).changes_reports();
            }
            (run.counts, wrote)
        }
    }

    fn counts(added: usize, replaced: usize, unchanged: usize) -> BatchOutcome {
        BatchOutcome {
            added,
            replaced,
            unchanged,
            ..BatchOutcome::default()
        }
    }

    #[test]
    fn two_posts_with_one_file_name_are_two_articles() {
        for size in [1, 2] {
            let mut store = Store::default();
            let files = [
                incoming("a/post.txt", "one post", None),
                incoming("b/post.txt", "another post", Some("https://x.org/2")),
            ];
            let (c, wrote) = store.run(&files, size, true);
            assert_eq!(
                c,
                BatchOutcome {
                    reports: 4,
                    ..counts(2, 0, 0)
                }
            );
            assert!(wrote);
            assert_eq!(store.0.len(), 2);
            let (c, wrote) = store.run(&files, size, true);
            assert_eq!(c, counts(0, 0, 2));
            assert!(!wrote, "nothing written, events not re-folded");
        }
    }

    #[test]
    fn identical_files_are_one_article_and_duplicates() {
        for url in [None, Some("https://x.org/1")] {
            for size in [1, 3] {
                let mut store = Store::default();
                let files = [
                    incoming("a/one.txt", "same bytes", url),
                    incoming("b/two.txt", "same bytes", url),
                    incoming("c/three.txt", "other bytes", None),
                ];
                let (c, _) = store.run(&files, size, true);
                assert_eq!(
                    c,
                    BatchOutcome {
                        duplicates: 1,
                        reports: 4,
                        ..counts(2, 0, 0)
                    }
                );
                assert_eq!(store.0.len(), 2);
                let kept = &store.0[&files[0].graph];
                assert_eq!(kept.paths, ["a/one.txt", "b/two.txt"], "both sources kept");
                let (c, wrote) = store.run(&files, size, true);
                assert_eq!(
                    c,
                    BatchOutcome {
                        duplicates: 1,
                        ..counts(0, 0, 2)
                    }
                );
                assert!(!wrote);
                assert_eq!(store.0[&files[0].graph].paths.len(), 2);
            }
        }
    }

    #[test]
    fn a_changed_article_replaces_its_old_version() {
        let url = Some("https://x.org/1");
        let mut store = Store::default();
        store.run(&[incoming("a/post.txt", "first version", url)], 1, true);
        // Edited in place, or a new file with the same url.
        for path in ["a/post.txt", "b/renamed.txt"] {
            let edit = format!("version from {path}");
            let (c, wrote) = store.run(&[incoming(path, &edit, url)], 1, true);
            assert_eq!(
                c,
                BatchOutcome {
                    reports: 2,
                    ..counts(0, 1, 0)
                }
            );
            assert!(wrote);
            assert_eq!(store.0.len(), 1);
            assert!(store.0.values().all(|s| s.paths == [path]));
        }
    }

    #[test]
    fn a_file_with_new_content_replaces_what_it_alone_held() {
        for (before, after) in [
            (None, None),
            (Some("https://x.org/1"), Some("https://x.org/2")),
        ] {
            let mut store = Store::default();
            let other = incoming("b/other.txt", "kept", None);
            store.run(
                &[incoming("a/post.txt", "old text", before), other.clone()],
                2,
                true,
            );
            let (c, _) = store.run(&[incoming("a/post.txt", "new text", after)], 1, true);
            assert_eq!(
                c,
                BatchOutcome {
                    reports: 2,
                    ..counts(0, 1, 0)
                }
            );
            assert_eq!(store.0.len(), 2);
            assert!(store.0.contains_key(&other.graph));
        }
        // Bytes two files held stay while the other file still holds them.
        let mut store = Store::default();
        store.run(
            &[
                incoming("a/post.txt", "same", None),
                incoming("b/copy.txt", "same", None),
            ],
            2,
            true,
        );
        let (c, _) = store.run(&[incoming("a/post.txt", "edited", None)], 1, true);
        assert_eq!(c.added, 1);
        assert_eq!(store.0.len(), 2);
    }

    #[test]
    fn the_later_of_two_versions_in_one_input_wins_and_stays() {
        let url = Some("https://x.org/1");
        let files = [
            incoming("a/1181.txt", "old version", url),
            incoming("a/1182.txt", "new version", url),
        ];
        for size in [1, 2] {
            let mut store = Store::default();
            let (c, _) = store.run(&files, size, true);
            assert_eq!(c.added, 1);
            assert_eq!(c.superseded, 1);
            assert_eq!(store.0.len(), 1);
            assert!(store.0.contains_key(&files[1].graph));
            // Re-run: the stored version's file comes later and is unchanged.
            let later = |current: &Path, stored: &str, hash: &str| {
                Path::new(stored) > current && hash == files[1].hash
            };
            let mut run = IngestRun::new(true).with_later(&later);
            let mut wrote = false;
            for batch in files.chunks(size) {
                wrote |= store.ingest(batch, &mut run).changes_reports();
            }
            assert_eq!(
                run.counts,
                BatchOutcome {
                    superseded: 1,
                    ..counts(0, 0, 1)
                }
            );
            assert!(!wrote);
        }
    }

    #[test]
    fn a_sharded_ingest_leaves_versions_from_other_files_to_fold_events() {
        let url = Some("https://x.org/1");
        let mut store = Store::default();
        store.run(&[incoming("a/1182.txt", "new version", url)], 1, false);
        let (c, _) = store.run(&[incoming("a/1181.txt", "old version", url)], 1, false);
        assert_eq!(c.added, 1);
        assert_eq!(store.0.len(), 2);
        // The same file edited replaces its own version.
        let (c, _) = store.run(&[incoming("a/1181.txt", "older still", url)], 1, false);
        assert_eq!(c.replaced, 1);
        assert_eq!(store.0.len(), 2);
    }

    #[test]
    fn articles_of_older_stores_are_found_and_extra_copies_dropped() {
        let url = Some("https://x.org/1");
        let a = incoming("a/x.txt", "bytes", url);
        let b = incoming("b/y.txt", "other", None);
        // Keyed by file name, without source paths; `y.txt` stored twice.
        let old = |graph: &str, i: &Incoming, name: &str| Stored {
            graph: graph.into(),
            article: format!("a:{name}"),
            hash: i.hash.clone(),
            url: i.url.clone(),
            paths: vec![],
            file_names: vec![name.into()],
        };
        let mut store = Store::default();
        for s in [
            old("g:x.txt", &a, "x.txt"),
            old("g:y.txt", &b, "y.txt"),
            old("g:z.txt", &b, "z.txt"),
        ] {
            store.0.insert(s.graph.clone(), s);
        }
        let (c, wrote) = store.run(&[a.clone(), b.clone()], 2, true);
        assert_eq!(c, counts(0, 1, 1));
        assert!(wrote, "the extra copy is dropped");
        let graphs: Vec<&String> = store.0.keys().collect();
        assert_eq!(graphs, ["g:x.txt", "g:y.txt"]);
        assert_eq!(store.0["g:x.txt"].paths, ["a/x.txt"], "the path is noted");
        let (c, wrote) = store.run(&[a, b], 2, true);
        assert_eq!(c, counts(0, 0, 2));
        assert!(!wrote);
    }

    #[test]
    fn an_action_writes_the_article_and_the_files_it_was_read_from() {
        let read = |path: &str| {
            let text =
                "---\ntitle: 会见\nurl: https://example.org/1\n---\n\n<p>王毅会见康京和。</p>\n";
            crate::article::parse(Path::new(path), text.as_bytes()).unwrap()
        };
        let batch = vec![
            (read("a/one.txt"), Vec::new()),
            (read("b/two.txt"), Vec::new()),
        ];
        let graph = rdf::article_graph(batch[0].0.key());
        let article = rdf::article_iri(batch[0].0.key());
        let sources_of = |quads: &[Quad]| -> Vec<String> {
            let mut paths: Vec<String> = quads
                .iter()
                .filter(|q| q.predicate == rdf::dip("sourcePath"))
                .inspect(|q| {
                    assert_eq!(
                        (&q.subject, &q.graph_name),
                        (&article.clone().into(), &graph.clone().into())
                    )
                })
                .map(|q| q.object.to_string())
                .collect();
            paths.sort();
            paths
        };
        let write = Action::Write {
            article: 0,
            also_from: vec![1],
        };
        let written = write.quads(&graph, &batch);
        let alone = rdf::article_quads(&batch[0].0, &batch[0].1);
        assert_eq!(
            written[..alone.len()],
            alone[..],
            "the article's graph first"
        );
        assert_eq!(sources_of(&written), ["\"a/one.txt\"", "\"b/two.txt\""]);
        let added = Action::AddSources {
            article_node: article.as_str().to_string(),
            from: vec![1],
        }
        .quads(&graph, &batch);
        assert_eq!(added.len(), 2, "file name and path: {added:?}");
        assert_eq!(sources_of(&added), ["\"b/two.txt\""]);
        assert!(Action::Drop.quads(&graph, &batch).is_empty());
    }
}
