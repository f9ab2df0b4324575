//! Who told the stories: one person's stories are one cluster, not many people.
//!
//! The Tandem story CSV may carry a `teller` column, a pseudonymous key per teller
//! (sensemaking.md §2). Stories with the same key share a teller; a story with an empty key is a
//! teller of its own, and so is every story of a file without the column. The key is never a
//! variable a test is run on, and never shown.
//!
//! Counting distinct tellers must stay cheap at a million stories: known keys are numbered
//! densely (the column's dictionary), so a set of tellers is a bitset over the keys, and stories
//! without a key are counted one by one.

use super::{Column, Stories};

/// The metadata column naming each story's teller.
pub const TELLER: &str = "teller";

/// Each story's teller, as the number of its key ([`Tellers::UNKNOWN`] for a story without one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tellers {
    ids: Vec<u32>,
    keys: usize,
}

impl Tellers {
    /// A story whose teller is not known: a teller of its own.
    pub const UNKNOWN: u32 = u32::MAX;

    /// The tellers of `stories`, when they have a `teller` column.
    #[must_use]
    pub fn of(stories: &Stories) -> Option<Self> {
        match &stories.field(TELLER)?.column {
            Column::Choice { labels, values } => Some(Self {
                ids: values.iter().map(|v| v.unwrap_or(Self::UNKNOWN)).collect(),
                keys: labels.len(),
            }),
            _ => None,
        }
    }

    /// How many distinct tellers told the stories at `rows`.
    pub fn distinct(&self, rows: impl Iterator<Item = usize>) -> usize {
        let mut seen = vec![0u64; self.keys.div_ceil(64)];
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
        let words = self.keys.div_ceil(64);
        GroupTellers {
            tellers: self,
            words,
            seen: vec![0u64; words * groups],
            unknown: vec![0usize; groups],
        }
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
    use crate::stories::Field;

    fn stories(keys: &[Option<&str>]) -> Stories {
        let mut labels: Vec<String> = Vec::new();
        let values = keys
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
        Stories {
            len: keys.len(),
            fields: vec![Field {
                name: TELLER.into(),
                metadata: true,
                column: Column::Choice { labels, values },
            }],
        }
    }

    #[test]
    fn one_persons_stories_are_one_teller_and_an_unknown_teller_is_one_each() {
        let s = stories(&[Some("a"), Some("a"), Some("b"), None, None, Some("a")]);
        let tellers = Tellers::of(&s).expect("a teller column");
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
        assert!(Tellers::of(&Stories::default()).is_none());
    }

    #[test]
    fn more_than_sixty_four_keys_are_counted_apart() {
        let keys: Vec<String> = (0..200).map(|i| format!("t{}", i % 130)).collect();
        let s = stories(&keys.iter().map(|k| Some(k.as_str())).collect::<Vec<_>>());
        let tellers = Tellers::of(&s).expect("a teller column");
        assert_eq!(tellers.distinct(0..200), 130);
        let mut groups = tellers.by_group(3);
        (0..200).for_each(|r| groups.add(r % 3, r));
        assert_eq!(
            (0..3).map(|g| groups.count(g)).collect::<Vec<_>>(),
            vec![67, 67, 66]
        );
        assert_eq!(groups.union([0, 2].into_iter()), 110);
    }
}
