//! Who told the stories: one person's stories are one cluster, not many people.
//!
//! The Tandem story CSV may carry a `teller` column, a pseudonymous key per teller
//! (sensemaking.md §2). Stories with the same key share a teller; a story with an empty key is a
//! teller of its own, and so is every story of a set without keys. The keys are kept beside the
//! stories' fields ([`super::Stories::tellers`]), never among them: they are not a variable a
//! test is run on, and never shown. (A campaign's pages have a metadata field of their own named
//! `teller`, the teller's kind — staff, young person, network — which is an ordinary field.)
//!
//! Counting distinct tellers must stay cheap at a million stories: known keys are numbered
//! densely, so a set of tellers is a bitset over the keys, and stories without a key are counted
//! one by one.

/// The story CSV's column naming each story's teller.
pub const TELLER: &str = "teller";

/// Each story's teller, as the number of its key ([`Tellers::UNKNOWN`] for a story without one).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tellers {
    keys: Vec<String>,
    ids: Vec<u32>,
}

impl Tellers {
    /// A story whose teller is not known: a teller of its own.
    pub const UNKNOWN: u32 = u32::MAX;

    /// Tellers from the distinct `keys` and each story's index into them (`None`: unknown).
    #[must_use]
    pub fn new(keys: Vec<String>, ids: &[Option<u32>]) -> Self {
        Self {
            keys,
            ids: ids.iter().map(|v| v.unwrap_or(Self::UNKNOWN)).collect(),
        }
    }

    /// The tellers of the stories at `rows`, in that order.
    #[must_use]
    pub fn select(&self, rows: &[usize]) -> Self {
        Self {
            keys: self.keys.clone(),
            ids: rows.iter().map(|r| self.ids[*r]).collect(),
        }
    }

    /// These tellers followed by `more`'s: a key in both is one person.
    #[must_use]
    pub fn stack(mut self, more: Self) -> Self {
        let mut index: std::collections::HashMap<&str, u32> = (self.keys.iter().enumerate())
            .map(|(i, k)| (k.as_str(), i as u32))
            .collect();
        let mut added = Vec::new();
        let renumber: Vec<u32> = (more.keys.iter())
            .map(|k| {
                *index.entry(k.as_str()).or_insert_with(|| {
                    added.push(k.clone());
                    (self.keys.len() + added.len() - 1) as u32
                })
            })
            .collect();
        let more_ids = more.ids.iter().map(|id| match *id {
            Self::UNKNOWN => Self::UNKNOWN,
            id => renumber[id as usize],
        });
        let ids: Vec<u32> = self.ids.iter().copied().chain(more_ids).collect();
        self.keys.extend(added);
        Self {
            keys: self.keys,
            ids,
        }
    }

    /// How many distinct tellers told the stories at `rows`.
    pub fn distinct(&self, rows: impl Iterator<Item = usize>) -> usize {
        let mut seen = vec![0u64; self.keys.len().div_ceil(64)];
        let mut unknown = 0;
        for row in rows {
            match self.ids[row] {
                Self::UNKNOWN => unknown += 1,
                id => seen[id as usize / 64] |= 1 << (id % 64),
            }
        }
        unknown + seen.iter().map(|w| w.count_ones() as usize).sum::<usize>()
    }

    /// Empty sets of tellers for `groups` groups, to fill story by story with
    /// [`GroupTellers::add`].
    #[must_use]
    pub fn by_group(&self, groups: usize) -> GroupTellers<'_> {
        let words = self.keys.len().div_ceil(64);
        GroupTellers {
            tellers: self,
            words,
            seen: vec![0u64; words * groups],
            unknown: vec![0usize; groups],
        }
    }
}

/// The stories grouped by teller, for the teller-aware result ([`super::teller_aware`]):
/// `rows[starts[t]..starts[t + 1]]` are teller `t`'s stories, in row order. Tellers with a key
/// come first, in the order of their keys (first appearance in the file); then each story
/// without a key, as a teller of its own, in row order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Clusters {
    pub(crate) starts: Vec<u32>,
    pub(crate) rows: Vec<u32>,
}

impl Tellers {
    /// The stories grouped by teller, by a counting sort over the keys.
    pub(crate) fn clusters(&self) -> Clusters {
        let known = self.keys.len();
        let mut starts = vec![0u32; known + 1];
        let mut unknown = 0u32;
        for id in &self.ids {
            match *id {
                Self::UNKNOWN => unknown += 1,
                id => starts[id as usize + 1] += 1,
            }
        }
        for k in 0..known {
            starts[k + 1] += starts[k];
        }
        let mut next = starts.clone();
        let mut rows = vec![0u32; self.ids.len()];
        let mut tail = starts[known];
        for (row, id) in self.ids.iter().enumerate() {
            match *id {
                Self::UNKNOWN => {
                    rows[tail as usize] = row as u32;
                    tail += 1;
                    starts.push(tail);
                }
                id => {
                    rows[next[id as usize] as usize] = row as u32;
                    next[id as usize] += 1;
                }
            }
        }
        debug_assert_eq!(starts.len(), known + 1 + unknown as usize);
        Clusters { starts, rows }
    }
}

/// The tellers of each of a few groups of stories (a test's groups, or a table's rows).
#[derive(Debug, Clone)]
pub struct GroupTellers<'t> {
    tellers: &'t Tellers,
    words: usize,
    /// A bitset over the known keys per group.
    seen: Vec<u64>,
    /// Stories without a known teller per group: each is a teller of its own.
    unknown: Vec<usize>,
}

impl<'t> GroupTellers<'t> {
    /// The tellers these groups are of.
    #[must_use]
    pub fn tellers(&self) -> &'t Tellers {
        self.tellers
    }

    /// Counts the story at `row` in `group`.
    pub fn add(&mut self, group: usize, row: usize) {
        match self.tellers.ids[row] {
            Tellers::UNKNOWN => self.unknown[group] += 1,
            id => self.seen[group * self.words + id as usize / 64] |= 1 << (id % 64),
        }
    }

    /// How many distinct tellers told the stories of `group`.
    #[must_use]
    pub fn count(&self, group: usize) -> usize {
        self.union(std::iter::once(group))
    }

    /// How many distinct tellers told the stories of any of `groups` (a person telling in
    /// two groups counts once).
    #[must_use]
    pub fn union(&self, groups: impl Iterator<Item = usize> + Clone) -> usize {
        let known = (0..self.words)
            .map(|w| {
                groups
                    .clone()
                    .fold(0u64, |bits, g| bits | self.seen[g * self.words + w])
                    .count_ones() as usize
            })
            .sum::<usize>();
        known + groups.map(|g| self.unknown[g]).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tellers(keys: &[Option<&str>]) -> Tellers {
        let mut labels: Vec<String> = Vec::new();
        let ids: Vec<Option<u32>> = keys
            .iter()
            .map(|k| {
                k.map(|k| match labels.iter().position(|l| l == k) {
                    Some(i) => i as u32,
                    None => {
                        labels.push(k.to_owned());
                        (labels.len() - 1) as u32
                    }
                })
            })
            .collect();
        Tellers::new(labels, &ids)
    }

    #[test]
    fn one_persons_stories_are_one_teller_and_an_unknown_teller_is_one_each() {
        let tellers = tellers(&[Some("a"), Some("a"), Some("b"), None, None, Some("a")]);
        assert_eq!(tellers.distinct(0..6), 4, "a, b and two unknown");
        assert_eq!(tellers.distinct([0, 1, 5].into_iter()), 1);
        let mut groups = tellers.by_group(2);
        for (group, row) in [(0, 0), (0, 1), (0, 3), (1, 2), (1, 5), (1, 4)] {
            groups.add(group, row);
        }
        assert_eq!((groups.count(0), groups.count(1)), (2, 3));
        assert_eq!(
            groups.union(0..2),
            4,
            "a tells in both groups and is one person"
        );
    }

    #[test]
    fn more_than_sixty_four_keys_are_counted_apart() {
        let keys: Vec<String> = (0..200).map(|i| format!("t{}", i % 130)).collect();
        let tellers = tellers(&keys.iter().map(|k| Some(k.as_str())).collect::<Vec<_>>());
        assert_eq!(tellers.distinct(0..200), 130);
        let mut groups = tellers.by_group(3);
        (0..200).for_each(|r| groups.add(r % 3, r));
        assert_eq!(
            (0..3).map(|g| groups.count(g)).collect::<Vec<_>>(),
            vec![67, 67, 66]
        );
        assert_eq!(groups.union([0, 2].into_iter()), 110);
    }

    #[test]
    fn clusters_list_each_tellers_stories_keys_first_then_each_unknown_story() {
        let tellers = tellers(&[Some("b"), None, Some("a"), Some("b"), None, Some("a")]);
        let clusters = tellers.clusters();
        assert_eq!(
            clusters.starts,
            vec![0, 2, 4, 5, 6],
            "b, a, then two unknown"
        );
        assert_eq!(clusters.rows, vec![0, 3, 2, 5, 1, 4]);
    }

    #[test]
    fn stacked_tellers_keep_a_person_in_both_sets_as_one() {
        let a = tellers(&[Some("x"), Some("y"), None]);
        let b = tellers(&[Some("z"), Some("x"), None]);
        let both = a.clone().stack(b);
        assert_eq!(both.distinct(0..6), 5, "x, y, z and two unknown");
        assert_eq!(both.distinct([0, 4].into_iter()), 1, "x in both sets");
        assert_eq!(a.select(&[2, 0]).distinct(0..2), 2);
    }
}
