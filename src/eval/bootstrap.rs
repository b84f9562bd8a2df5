//! 95% bootstrap confidence intervals over articles: the articles of a set
//! are drawn with replacement, the set's precision, recall, F1 and date
//! accuracy recomputed from the drawn articles' tallies, and the 2.5th and
//! 97.5th percentiles of each kept. Articles, not rows, are the unit: rows of
//! one article share its style and its errors, so resampling rows would
//! claim more certainty than a dozen articles give.

use super::Counts;
use crate::rng::SplitMix64;

/// A two-sided interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// The interval of each figure of a score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Intervals {
    pub precision: Interval,
    pub recall: Interval,
    pub f1: Interval,
    pub date_accuracy: Interval,
}

/// Resamples drawn when the caller has no reason to choose.
pub const RESAMPLES: usize = 1000;
/// The fixed seed: the same articles give the same intervals on every run.
pub const SEED: u64 = 0x5eed_d1b9;

/// 95% percentile intervals from `resamples` draws of `articles` (by their
/// tallies), or `None` for an empty set.
///
/// ```
/// use dipgraph::eval::Counts;
/// use dipgraph::eval::bootstrap::intervals;
/// let perfect = Counts { gold: 3, predicted: 3, matched: 3, dates_ok: 3 };
/// let empty = Counts { gold: 2, predicted: 0, matched: 0, dates_ok: 0 };
/// let ci = intervals(&[perfect, empty, perfect], 200, 1).unwrap();
/// assert!(ci.recall.low < 0.75 && ci.recall.high == 1.0);
/// assert_eq!(ci.precision.high, 1.0); // every prediction was right
/// ```
pub fn intervals(articles: &[Counts], resamples: usize, seed: u64) -> Option<Intervals> {
    if articles.is_empty() || resamples == 0 {
        return None;
    }
    let mut rng = SplitMix64(seed);
    let mut figures: [Vec<f64>; 4] = std::array::from_fn(|_| Vec::with_capacity(resamples));
    for _ in 0..resamples {
        let mut total = Counts::default();
        for _ in 0..articles.len() {
            total.add(&articles[rng.below(articles.len() as u64) as usize]);
        }
        figures[0].push(total.precision());
        figures[1].push(total.recall());
        figures[2].push(total.f1());
        figures[3].push(total.date_accuracy());
    }
    let [p, r, f, d] = figures.map(percentiles);
    Some(Intervals {
        precision: p,
        recall: r,
        f1: f,
        date_accuracy: d,
    })
}

/// The 2.5th and 97.5th percentiles (nearest rank).
fn percentiles(mut values: Vec<f64>) -> Interval {
    values.sort_by(f64::total_cmp);
    let at =
        |q: f64| values[((q * (values.len() - 1) as f64).round() as usize).min(values.len() - 1)];
    Interval {
        low: at(0.025),
        high: at(0.975),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(gold: usize, predicted: usize, matched: usize) -> Counts {
        Counts {
            gold,
            predicted,
            matched,
            dates_ok: matched,
        }
    }

    #[test]
    fn the_interval_holds_the_point_estimate_and_narrows_with_more_articles() {
        let few: Vec<Counts> = (0..10).map(|i| counts(4, 4, i % 5)).collect();
        let many: Vec<Counts> = few.iter().cycle().take(400).copied().collect();
        let mut total = Counts::default();
        few.iter().for_each(|c| total.add(c));
        let a = intervals(&few, 500, SEED).unwrap();
        let b = intervals(&many, 500, SEED).unwrap();
        assert!(a.f1.low <= total.f1() && total.f1() <= a.f1.high);
        assert!(b.f1.high - b.f1.low < (a.f1.high - a.f1.low) / 2.0);
    }

    #[test]
    fn same_seed_same_interval_and_none_for_nothing() {
        let arts: Vec<Counts> = (0..30).map(|i| counts(3, 2 + i % 3, i % 3)).collect();
        assert_eq!(intervals(&arts, 300, 9), intervals(&arts, 300, 9));
        assert_eq!(intervals(&[], 300, 9), None);
    }
}
