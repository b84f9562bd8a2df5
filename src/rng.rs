//! SplitMix64: a small, fixed, seedable generator, so that every sampled
//! result (betweenness pivots, bootstrap intervals, the benchmarks' random
//! graphs) depends on its seed only, not on a crate's version. The one
//! copy: scripts that need dipgraph's samples ask the binary for them
//! (`dipgraph __pivots`).

/// The generator; its state is the seed to begin with.
///
/// ```
/// use dipgraph::rng::SplitMix64;
///
/// let mut rng = SplitMix64(42);
/// let roll = rng.below(6);
/// assert!(roll < 6);
/// assert_eq!(SplitMix64(42).below(6), roll, "a seed gives one stream");
/// ```
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (bound > 0), by rejection.
    pub fn below(&mut self, bound: u64) -> u64 {
        let zone = u64::MAX - u64::MAX % bound;
        loop {
            let r = self.next_u64();
            if r < zone {
                return r % bound;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SplitMix64;

    #[test]
    fn same_seed_same_stream_and_bounded() {
        let mut a = SplitMix64(7);
        let mut b = SplitMix64(7);
        for _ in 0..100 {
            let x = a.below(10);
            assert_eq!(x, b.below(10));
            assert!(x < 10);
        }
        // The reference value of SplitMix64 seeded with 0.
        assert_eq!(SplitMix64(0).next_u64(), 0xe220_a839_7b1d_cdaf);
    }
}
