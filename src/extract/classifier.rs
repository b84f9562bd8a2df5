//! The learned decision: a logistic regression over the named features of
//! [`super::pairs`] that gives each candidate the probability that the
//! annotation guideline would record it.
//!
//! Linear and sparse on purpose: a few thousand annotated rows support a few
//! tens of thousands of weights, it scores a candidate in well under a
//! microsecond, and a weight per named feature is something a person can
//! read (`dipgraph train` writes them as text). Training is plain stochastic
//! gradient descent with AdaGrad step sizes and L2, in a fixed order from a
//! fixed seed, so the same corpus always gives the same file.

use super::pairs::feature_hash;
use crate::rng::SplitMix64;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::fmt::Write;
use std::sync::{LazyLock, OnceLock};

/// The model `make model` trains on the annotated corpus
/// (`data/model/interactions.model`), built into the binary.
pub static BUNDLED: LazyLock<Model> = LazyLock::new(|| {
    Model::parse(include_str!("../../data/model/interactions.model"))
        .expect("the bundled model file is valid")
});

/// The first line of a model file (and its format's version).
pub const HEADER: &str = "# dipgraph interaction model v1";

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a dipgraph interaction model (first line is not {HEADER:?})")]
    NotAModel,
    #[error("line {line}: {problem}")]
    BadLine { line: usize, problem: String },
    #[error("no threshold line")]
    NoThreshold,
}

/// Weights by feature, and the probability from which a candidate is kept.
#[derive(Debug, Clone)]
pub struct Model {
    weights: HashMap<u64, f32>,
    /// Feature names by hash (for provenance and for writing the file).
    names: HashMap<u64, String>,
    /// Candidates at or above it are interactions (chosen by
    /// cross-validation for the best F1).
    pub threshold: f32,
    /// The same for candidates an argument pattern also found (the patterns
    /// are precise: they need less of the model's confidence).
    pub pattern_threshold: f32,
    /// Platt scaling of the raw score `z`: the probability is
    /// `sigmoid(a·z + b)`, fitted on cross-validation's out-of-fold
    /// interactions so that a confidence of 0.8 is right about 8 times in 10.
    pub calibration: (f32, f32),
    /// `# ` lines after the header: how the model was made.
    pub about: Vec<String>,
    /// [`Model::id`], computed once.
    id: OnceLock<String>,
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

impl Model {
    /// Reads a model file: the header, `# ` comment lines, a `threshold`
    /// line (and a `pattern_threshold` line, the same when absent), then
    /// one `feature<TAB>weight` per line.
    ///
    /// ```
    /// use dipgraph::extract::classifier::{Model, HEADER};
    /// let text = format!("{HEADER}\nthreshold\t0.5\nbias\t-1.0\nrel|meet\t2.0\n");
    /// let model = Model::parse(&text).unwrap();
    /// let p = model.probability_of(&["bias", "rel|meet"]);
    /// assert!((p - 0.731).abs() < 0.001);
    /// ```
    pub fn parse(text: &str) -> Result<Model, ModelError> {
        let mut lines = text.lines().enumerate();
        if lines.next().map(|(_, l)| l) != Some(HEADER) {
            return Err(ModelError::NotAModel);
        }
        let mut model = Model {
            weights: HashMap::default(),
            names: HashMap::default(),
            threshold: f32::NAN,
            pattern_threshold: f32::NAN,
            calibration: (1.0, 0.0),
            about: Vec::new(),
            id: OnceLock::new(),
        };
        for (n, line) in lines {
            if let Some(c) = line.strip_prefix("# ") {
                model.about.push(c.to_owned());
                continue;
            }
            if line.is_empty() {
                continue;
            }
            let bad = |problem: &str| ModelError::BadLine {
                line: n + 1,
                problem: problem.to_owned(),
            };
            let (name, value) = line
                .rsplit_once('\t')
                .ok_or_else(|| bad("expected a name, a tab and a number"))?;
            let value: f32 = value
                .parse()
                .ok()
                .filter(|v: &f32| v.is_finite())
                .ok_or_else(|| bad("the weight is not a finite number"))?;
            if name == "threshold" {
                model.threshold = value;
                continue;
            }
            if name == "pattern_threshold" {
                model.pattern_threshold = value;
                continue;
            }
            if name == "calibration_scale" {
                model.calibration.0 = value;
                continue;
            }
            if name == "calibration_shift" {
                model.calibration.1 = value;
                continue;
            }
            let h = feature_hash(name);
            model.weights.insert(h, value);
            model.names.insert(h, name.to_owned());
        }
        if model.threshold.is_nan() {
            return Err(ModelError::NoThreshold);
        }
        if model.pattern_threshold.is_nan() {
            model.pattern_threshold = model.threshold;
        }
        Ok(model)
    }

    /// A model of the given weights (by feature name).
    pub fn from_weights(
        weights: HashMap<String, f32>,
        (threshold, pattern_threshold): (f32, f32),
        about: Vec<String>,
    ) -> Model {
        let mut model = Model {
            weights: HashMap::with_capacity_and_hasher(weights.len(), Default::default()),
            names: HashMap::with_capacity_and_hasher(weights.len(), Default::default()),
            threshold,
            pattern_threshold,
            calibration: (1.0, 0.0),
            about,
            id: OnceLock::new(),
        };
        for (name, w) in weights {
            let h = feature_hash(&name);
            model.weights.insert(h, w);
            model.names.insert(h, name);
        }
        model
    }

    /// The same model with Platt scaling `(a, b)` (its id follows).
    pub fn with_calibration(mut self, calibration: (f32, f32)) -> Model {
        self.calibration = calibration;
        self.id = OnceLock::new();
        self
    }

    /// The file's text: deterministic (features sorted by name, weights
    /// rounded to 5 decimals).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        out.push_str(HEADER);
        out.push('\n');
        for a in &self.about {
            let _ = writeln!(out, "# {a}");
        }
        let _ = writeln!(out, "threshold\t{:.4}", self.threshold);
        let _ = writeln!(out, "pattern_threshold\t{:.4}", self.pattern_threshold);
        let _ = writeln!(out, "calibration_scale\t{:.5}", self.calibration.0);
        let _ = writeln!(out, "calibration_shift\t{:.5}", self.calibration.1);
        let mut rows: Vec<(&String, f32)> = self
            .names
            .iter()
            .map(|(h, n)| (n, self.weights[h]))
            .collect();
        rows.sort_by(|a, b| a.0.cmp(b.0));
        for (name, w) in rows {
            let _ = writeln!(out, "{name}\t{w:.5}");
        }
        out
    }

    /// What names this model in provenance: the first 12 hex digits of the
    /// SHA-256 of its file's text ([`Model::to_text`]), so a row can be
    /// traced to the model that decided it, whichever file it came from.
    ///
    /// ```
    /// use dipgraph::extract::classifier::{Model, HEADER};
    /// let a = Model::parse(&format!("{HEADER}\nthreshold\t0.5\nrel|meet\t2.0\n")).unwrap();
    /// let b = Model::parse(&format!("{HEADER}\nthreshold\t0.5\nrel|meet\t1.0\n")).unwrap();
    /// assert_eq!(a.id().len(), 12);
    /// assert_ne!(a.id(), b.id());
    /// ```
    pub fn id(&self) -> &str {
        self.id.get_or_init(|| {
            use sha2::{Digest, Sha256};
            hex::encode(&Sha256::digest(self.to_text().as_bytes())[..6])
        })
    }

    /// How many features carry a weight.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The probability of a candidate with these feature hashes.
    pub fn probability(&self, hashes: &[u64]) -> f32 {
        let z: f32 = hashes.iter().filter_map(|h| self.weights.get(h)).sum();
        sigmoid(self.calibration.0 * z + self.calibration.1)
    }

    /// The probability of a candidate with these feature names.
    pub fn probability_of(&self, names: &[&str]) -> f32 {
        let hashes: Vec<u64> = names.iter().map(|n| feature_hash(n)).collect();
        self.probability(&hashes)
    }

    /// The `n` features that weighed most for this candidate, strongest
    /// first, with their weights (`bias` left out).
    pub fn strongest(&self, hashes: &[u64], n: usize) -> Vec<(String, f32)> {
        // Sorted by reference; only the `n` kept are copied.
        let mut ws: Vec<(&String, f32)> = hashes
            .iter()
            .filter_map(|h| Some((self.names.get(h)?, *self.weights.get(h)?)))
            .filter(|(name, _)| name.as_str() != "bias")
            .collect();
        ws.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then_with(|| a.0.cmp(b.0)));
        ws.into_iter()
            .take(n)
            .map(|(name, w)| (name.clone(), w))
            .collect()
    }
}

/// Platt scaling: the `(a, b)` for which `sigmoid(a·logit(p) + b)` best
/// predicts `right` (log loss, Newton's method from `(1, 0)`), over
/// predicted probabilities and whether each was right.
///
/// ```
/// use dipgraph::extract::classifier::platt;
/// // Said 0.9 and right 6 times in 10; said 0.2 and right 1 time in 10:
/// // calibrated, the two say 0.6 and 0.1.
/// let seen: Vec<(f32, bool)> = (0..100)
///     .flat_map(|i| [(0.9, i % 10 < 6), (0.2, i % 10 < 1)])
///     .collect();
/// let (a, b) = platt(&seen);
/// let calibrated = |p: f32| 1.0 / (1.0 + (-(a * (p / (1.0 - p)).ln() + b)).exp());
/// assert!((calibrated(0.9) - 0.6).abs() < 0.01, "{}", calibrated(0.9));
/// assert!((calibrated(0.2) - 0.1).abs() < 0.01, "{}", calibrated(0.2));
/// ```
pub fn platt(seen: &[(f32, bool)]) -> (f32, f32) {
    let xs: Vec<(f64, f64)> = seen
        .iter()
        .map(|&(p, right)| {
            let p = f64::from(p).clamp(1e-6, 1.0 - 1e-6);
            ((p / (1.0 - p)).ln(), if right { 1.0 } else { 0.0 })
        })
        .collect();
    let (mut a, mut b) = (1.0f64, 0.0f64);
    for _ in 0..50 {
        // Gradient and Hessian of the log loss (with a little ridge so a
        // one-valued input stays solvable).
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 1e-6, 0.0, 1e-6);
        for &(x, y) in &xs {
            let q = 1.0 / (1.0 + (-(a * x + b)).exp());
            let w = q * (1.0 - q);
            ga += (q - y) * x;
            gb += q - y;
            haa += w * x * x;
            hab += w * x;
            hbb += w;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        let da = (hbb * ga - hab * gb) / det;
        let db = (haa * gb - hab * ga) / det;
        a -= da;
        b -= db;
        if da.abs() + db.abs() < 1e-9 {
            break;
        }
    }
    (a as f32, b as f32)
}

/// How a model is trained.
#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    pub epochs: usize,
    /// AdaGrad's base step.
    pub rate: f32,
    /// L2 penalty per update.
    pub l2: f32,
    /// The L2 of features that read the text's characters
    /// ([`super::pairs::TEXT_GROUPS`]), as a multiple of `l2`. Measured
    /// (session 30, 5-fold, same folds): 1 best F1 over thresholds 0.428,
    /// 3 0.433, 10 0.441, 30 0.441, 100 0.438; at the operating point F1
    /// 0.405 at 1 and at 10; retraining with another seed changed 8.9 % of
    /// the news posts' interactions at 1, 6.9 % at 10.
    pub text_l2: f32,
    /// Weights smaller than this are left out of the model.
    pub min_weight: f32,
    /// Training runs over this many shuffle orders of the examples and
    /// averages their weights: one run's weights depend on the order it
    /// saw the examples in. Measured (session 30, seeds 0x5eed and 777, all
    /// 210,000 candidates of the news posts): one order against four, the
    /// rank correlation of the two seeds' probabilities 0.971 → 0.977, the
    /// candidates on different sides of 0.5 10.0 % → 8.4 %; 5-fold F1
    /// 0.405 / 0.401 → 0.406 / 0.405 (best over thresholds 0.441 → 0.442).
    pub orders: usize,
    /// A feature seen in fewer training examples than this gets no weight:
    /// one seen once (a character pair of one quotation) only memorises
    /// its example, and such features made most of the model file.
    pub min_count: u32,
    /// How the candidates of one gold row learn. Measured (session 31,
    /// 5-fold, same folds): all as positives F1 0.406 (P 0.624 R 0.301) at
    /// the operating point, best over thresholds 0.442; the highest-ranked
    /// only ([`Bags::Max`]) 0.417 (P 0.638 R 0.309), best 0.450, the whole
    /// precision–recall curve above (recall at precision 0.70: 0.26 →
    /// 0.29); by share ([`Bags::Share`]) 0.415, best 0.447. Under seed
    /// 777 all 0.405, the highest-ranked 0.411 (best 0.440 → 0.446). A
    /// first epoch by share before the max: 0.419 / 0.417 under the two
    /// seeds, against 0.422 / 0.420.
    pub bags: Bags,
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            rate: 0.1,
            l2: 3e-3,
            text_l2: 10.0,
            min_weight: 1e-2,
            orders: 4,
            min_count: 3,
            bags: Bags::Max,
            seed: 0x5eed,
        }
    }
}

/// One training example: feature hashes and whether gold records it.
#[derive(Debug, Clone)]
pub struct Example {
    pub hashes: Vec<u64>,
    pub positive: bool,
    /// The gold row a positive example stands for: the candidates of one
    /// row (the same pair at two triggers, or by another mention of the
    /// same actor) form a bag, and [`TrainConfig::bags`] says how each of
    /// a bag of several learns.
    pub bag: Option<u32>,
}

/// How the candidates that stand for one gold row (a bag) learn as
/// positives (`dipgraph train --bags`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Bags {
    /// Every one, as a gold row of its own.
    All,
    /// Only the one the model ranks highest at the time, after a first epoch of all (the others may pair the wrong mentions of the right actors).
    Max,
    /// Each by its share of the bag (softmax of the scores): a gold row weighs as one, however many candidates stand for it.
    Share,
}

impl Bags {
    /// What it means, for the model file's header.
    ///
    /// ```
    /// use dipgraph::extract::classifier::{Bags, TrainConfig};
    /// assert_eq!(TrainConfig::default().bags, Bags::Max);
    /// assert!(Bags::Max.describe().contains("highest-ranked"));
    /// ```
    pub fn describe(self) -> &'static str {
        match self {
            Bags::All => "every candidate of a gold row a positive",
            Bags::Max => "of a gold row's candidates the highest-ranked the positive",
            Bags::Share => "a gold row's candidates positive by their share of it",
        }
    }
}

/// Learns weights (by hash) from examples by logistic regression;
/// `text_features` are held to the L2 of [`TrainConfig::text_l2`].
///
/// ```
/// use dipgraph::extract::classifier::{Example, TrainConfig, train};
/// use std::collections::HashSet;
/// let ex = |h: &[u64], positive| Example { hashes: h.to_vec(), positive, bag: None };
/// // Each feature is seen often enough (TrainConfig::min_count) to get a weight.
/// let examples: Vec<Example> = (0..3)
///     .flat_map(|_| [ex(&[1, 2], true), ex(&[1, 3], false)])
///     .collect();
/// let w = train(&examples, TrainConfig::default(), &HashSet::new());
/// assert!(w[&2] > 0.0 && w[&3] < 0.0);
/// ```
pub fn train(
    examples: &[Example],
    config: TrainConfig,
    text_features: &std::collections::HashSet<u64>,
) -> std::collections::HashMap<u64, f32> {
    let mut seen: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    for &h in examples.iter().flat_map(|e| &e.hashes) {
        *seen.entry(h).or_insert(0) += 1;
    }
    // Each kept feature gets a dense index once, with its L2: the updates
    // (orders × epochs × examples) then index arrays instead of hashing.
    let mut index: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    let mut hashes: Vec<u64> = Vec::new();
    let kept: Vec<Vec<u32>> = examples
        .iter()
        .map(|e| {
            e.hashes
                .iter()
                .copied()
                .filter(|h| seen[h] >= config.min_count)
                .map(|h| {
                    *index.entry(h).or_insert_with(|| {
                        hashes.push(h);
                        hashes.len() as u32 - 1
                    })
                })
                .collect()
        })
        .collect();
    let l2: Vec<f32> = hashes
        .iter()
        .map(|h| {
            if text_features.contains(h) {
                config.l2 * config.text_l2
            } else {
                config.l2
            }
        })
        .collect();
    // The members of each bag of several candidates, by example.
    let positive_bag = |e: &Example| e.bag.filter(|_| e.positive);
    let mut members: std::collections::HashMap<u32, Vec<usize>> = std::collections::HashMap::new();
    for (k, e) in examples.iter().enumerate() {
        if let Some(b) = positive_bag(e) {
            members.entry(b).or_default().push(k);
        }
    }
    let bag_of: Vec<Option<&[usize]>> = examples
        .iter()
        .map(|e| {
            positive_bag(e)
                .and_then(|b| members.get(&b))
                .filter(|m| m.len() > 1)
                .map(Vec::as_slice)
        })
        .collect();
    let data = Data {
        examples,
        kept: &kept,
        l2: &l2,
        bag_of: &bag_of,
    };
    // One run per shuffle order, in parallel; their weights averaged in
    // the runs' order, so the sums (and the file) are the same every time.
    let runs: Vec<Vec<f32>> = (0..config.orders.max(1) as u64)
        .into_par_iter()
        .map(|k| one_order(&data, config, order_seed(config.seed, k)))
        .collect();
    let mut mean = vec![0.0f32; hashes.len()];
    for run in &runs {
        for (m, v) in mean.iter_mut().zip(run) {
            *m += v / runs.len() as f32;
        }
    }
    let mut w: std::collections::HashMap<u64, f32> = hashes.into_iter().zip(mean).collect();
    w.retain(|_, v| v.abs() >= config.min_weight);
    w
}

/// The seed of the `k`-th shuffle order: the first is the configured seed
/// (one order trains as before orders were averaged).
fn order_seed(seed: u64, k: u64) -> u64 {
    seed.wrapping_add(k.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// What one shuffle order trains on: the examples, their kept features by
/// dense index, each feature's L2, and each positive's bag (when several
/// candidates stand for its gold row).
struct Data<'a> {
    examples: &'a [Example],
    kept: &'a [Vec<u32>],
    l2: &'a [f32],
    bag_of: &'a [Option<&'a [usize]>],
}

/// Logistic regression over one shuffle order of the examples: the
/// weights by dense index.
fn one_order(data: &Data, config: TrainConfig, seed: u64) -> Vec<f32> {
    let (examples, kept, l2) = (data.examples, data.kept, data.l2);
    let mut w = vec![0.0f32; l2.len()];
    let mut g2 = vec![1e-8f32; l2.len()];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = SplitMix64(seed);
    let score = |w: &[f32], k: usize| -> f32 { kept[k].iter().map(|&i| w[i as usize]).sum() };
    for epoch in 0..config.epochs {
        // Fisher–Yates with the shared generator: the same order every run.
        for i in (1..order.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            order.swap(i, j);
        }
        for &k in &order {
            let z = score(&w, k);
            let p = sigmoid(z);
            let y = if examples[k].positive { 1.0 } else { 0.0 };
            let mut grad = p - y;
            if let Some(bag) = data.bag_of[k]
                && (config.bags == Bags::Share || (config.bags == Bags::Max && epoch > 0))
            {
                let scores: Vec<f32> = bag.iter().map(|&m| score(&w, m)).collect();
                let top = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                if config.bags == Bags::Max {
                    // The first of the highest scores: deterministic.
                    let best = scores.iter().position(|&x| x == top).map(|i| bag[i]);
                    if best != Some(k) {
                        continue;
                    }
                } else {
                    let total: f32 = scores.iter().map(|&x| (x - top).exp()).sum();
                    grad *= (z - top).exp() / total;
                }
            }
            for &i in &kept[k] {
                let i = i as usize;
                let g = grad + l2[i] * w[i];
                g2[i] += g * g;
                w[i] -= config.rate * g / g2[i].sqrt();
            }
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_survives_its_own_text() {
        let mut weights = HashMap::default();
        weights.insert("bias".to_owned(), -1.25);
        weights.insert("word|会见".to_owned(), 2.5);
        let m = Model::from_weights(weights, (0.4, 0.2), vec!["trained on nothing".into()]);
        let text = m.to_text();
        let back = Model::parse(&text).unwrap();
        assert_eq!(back.to_text(), text);
        assert_eq!((back.threshold, back.pattern_threshold), (0.4, 0.2));
        assert_eq!(back.calibration, (1.0, 0.0));
        assert_eq!(back.about, vec!["trained on nothing".to_owned()]);
        let top = back.strongest(&[feature_hash("bias"), feature_hash("word|会见")], 3);
        assert_eq!(top, vec![("word|会见".to_owned(), 2.5)]);
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        assert!(matches!(Model::parse("hello"), Err(ModelError::NotAModel)));
        let no_threshold = format!("{HEADER}\nbias\t1\n");
        assert!(matches!(
            Model::parse(&no_threshold),
            Err(ModelError::NoThreshold)
        ));
        let bad = format!("{HEADER}\nthreshold\t0.5\nbias\tnan\n");
        assert!(matches!(
            Model::parse(&bad),
            Err(ModelError::BadLine { line: 3, .. })
        ));
    }

    #[test]
    fn a_feature_seen_too_rarely_gets_no_weight() {
        let ex = |h: &[u64], positive| Example {
            hashes: h.to_vec(),
            positive,
            bag: None,
        };
        let examples = vec![ex(&[1, 2, 9], true), ex(&[1, 3], false), ex(&[1, 2], true)];
        let w = train(
            &examples,
            TrainConfig {
                min_count: 2,
                ..Default::default()
            },
            &std::collections::HashSet::new(),
        );
        assert!(w.contains_key(&2) && !w.contains_key(&9), "{w:?}");
    }

    #[test]
    fn training_is_deterministic_and_learns_the_signal() {
        let examples: Vec<Example> = (0..200)
            .map(|i| Example {
                hashes: vec![1, if i % 2 == 0 { 10 } else { 20 }, 100 + i % 7],
                positive: i % 2 == 0,
                bag: None,
            })
            .collect();
        let none = std::collections::HashSet::new();
        let a = train(&examples, TrainConfig::default(), &none);
        let b = train(&examples, TrainConfig::default(), &none);
        assert_eq!(a, b);
        assert!(a[&10] > 1.0 && a[&20] < -1.0);
    }

    #[test]
    fn orders_are_averaged() {
        let examples: Vec<Example> = (0..50)
            .map(|i| Example {
                hashes: vec![1, 10 + i % 3, 20 + i % 5],
                positive: i % 3 == 0,
                bag: None,
            })
            .collect();
        let none = std::collections::HashSet::new();
        let one = |seed| {
            let config = TrainConfig {
                orders: 1,
                min_weight: 0.0,
                seed,
                ..Default::default()
            };
            train(&examples, config, &none)
        };
        let (a, b) = (one(7), one(order_seed(7, 1)));
        assert_ne!(a[&1], b[&1], "two orders learn differently");
        let both = train(
            &examples,
            TrainConfig {
                orders: 2,
                min_weight: 0.0,
                seed: 7,
                ..Default::default()
            },
            &none,
        );
        for h in [1, 10, 11, 12, 20, 24] {
            assert!((both[&h] - (a[&h] + b[&h]) / 2.0).abs() < 1e-6, "{h}");
        }
    }

    #[test]
    fn features_that_read_the_text_are_held_to_smaller_weights() {
        // 10 and 11 say the same thing on every example; 11 is a text
        // feature and takes the stronger L2.
        let examples: Vec<Example> = (0..200)
            .map(|i| Example {
                hashes: vec![
                    1,
                    if i % 2 == 0 { 10 } else { 20 },
                    if i % 2 == 0 { 11 } else { 21 },
                ],
                positive: i % 2 == 0,
                bag: None,
            })
            .collect();
        let text = [11, 21].into_iter().collect();
        let w = train(&examples, TrainConfig::default(), &text);
        assert!(w[&11] > 0.0 && w[&11] < w[&10], "{w:?}");
        assert!(w[&21] < 0.0 && w[&21] > w[&20], "{w:?}");
    }

    #[test]
    fn of_a_bag_only_the_highest_ranked_candidate_learns_as_positive() {
        // Each gold row has two candidates: the right mention (feature 10)
        // and the same actors by a wrong mention (20), which elsewhere is
        // a negative as often as not.
        let mut examples = Vec::new();
        for row in 0..60u32 {
            examples.push(Example {
                hashes: vec![1, 10],
                positive: true,
                bag: Some(row),
            });
            examples.push(Example {
                hashes: vec![1, 20],
                positive: true,
                bag: Some(row),
            });
            examples.push(Example {
                hashes: vec![1, 20],
                positive: false,
                bag: None,
            });
        }
        let none = std::collections::HashSet::new();
        let with = |bags| {
            let config = TrainConfig {
                bags,
                min_weight: 0.0,
                ..Default::default()
            };
            train(&examples, config, &none)
        };
        let (all, max) = (with(Bags::All), with(Bags::Max));
        assert!(max[&20] < all[&20] - 0.5, "all {all:?} max {max:?}");
        assert!(max[&10] > 1.0, "{max:?}");
    }
}
