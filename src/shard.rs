//! Shards of an archive, so N machines can each ingest or extract their
//! share: `--shard I/N` (1-based: `1/3`, `2/3`, `3/3`). An article's shard
//! is decided by the SHA-256 of its file name — the key of its graph — so
//! every machine agrees without coordination, whatever the directory
//! layout it mounts the archive under, and a changed file goes to the
//! same shard as its earlier version.

use sha2::{Digest, Sha256};
use std::path::Path;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based: 1 ≤ index ≤ count.
    pub index: u64,
    pub count: u64,
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("expected I/N with 1 ≤ I ≤ N (e.g. 1/3, 2/3, 3/3), got {s:?}");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u64 = i.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// The 1-based shard a file name belongs to among `count`.
    pub fn of(file_name: &str, count: u64) -> u64 {
        let digest = Sha256::digest(file_name.as_bytes());
        let head: [u8; 8] = digest[..8].try_into().expect("8 bytes");
        u64::from_be_bytes(head) % count.max(1) + 1
    }

    /// Whether the article at `path` is in this shard.
    pub fn contains(&self, path: &Path) -> bool {
        // The file name as the article's graph key spells it.
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Shard::of(&name, self.count) == self.index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_one_based_and_rejects_the_rest() {
        assert_eq!("2/3".parse(), Ok(Shard { index: 2, count: 3 }));
        assert_eq!(" 1 / 1 ".parse(), Ok(Shard { index: 1, count: 1 }));
        for bad in ["3/2", "0/3", "1/0", "1", "a/b", "-1/3", "1/3/4"] {
            let e = bad.parse::<Shard>().unwrap_err();
            assert!(e.contains("1 ≤ I ≤ N"), "{bad}: {e}");
        }
    }

    #[test]
    fn shards_partition_the_files_and_are_stable() {
        let names: Vec<String> = (0..3000).map(|i| format!("{i:04}_x.txt")).collect();
        let mut sizes = [0usize; 3];
        for name in &names {
            let owners: Vec<u64> = (1..=3)
                .filter(|&i| Shard { index: i, count: 3 }.contains(Path::new(name)))
                .collect();
            assert_eq!(owners.len(), 1, "{name}");
            sizes[owners[0] as usize - 1] += 1;
        }
        // Roughly even.
        assert!(sizes.iter().all(|&s| s > 900), "{sizes:?}");
        // The directory does not matter, only the file name; and the
        // assignment is fixed (it must not change between versions, or
        // machines running different builds would disagree).
        assert_eq!(
            Shard::of("0000_789d829aa3c80ec7.txt", 3),
            Shard::of("0000_789d829aa3c80ec7.txt", 3)
        );
        let s = Shard {
            index: Shard::of("a.txt", 7),
            count: 7,
        };
        assert!(s.contains(Path::new("/mnt/x/a.txt")) && s.contains(Path::new("y/a.txt")));
        assert_eq!(Shard::of("000_f63178d633100759.txt", 3), FIXED);
    }

    /// Shard of `000_f63178d633100759.txt` among 3, computed once: a guard
    /// against changing the assignment by accident.
    const FIXED: u64 = 1;
}
