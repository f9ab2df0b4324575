use super::*;
use proptest::prelude::*;

/// A condition "attribute `a` has value `v`" over rows of three small-domain attributes.
fn mask(rows: &[[u8; 3]], (a, v): (usize, u8)) -> Condition {
    Condition::Plain(rows.iter().map(|r| r[a] == v).collect())
}

fn view(rows: &[[u8; 3]], conditions: &[(usize, u8)]) -> Selection {
    let conditions: Vec<Condition> = conditions.iter().map(|c| mask(rows, *c)).collect();
    select(rows.len(), &conditions, MinGroupSize::default())
}

/// A range `lo..=hi` over a bucket per row (`None`: no value), placed as the pattern pages
/// place dates by month and sliders by tenth.
fn range(buckets: &[Option<u32>], lo: Option<u32>, hi: Option<u32>) -> Condition {
    Condition::Range(
        buckets
            .iter()
            .map(|b| match (b, lo, hi) {
                (None, _, _) => Place::Missing,
                (Some(b), Some(lo), _) if *b < lo => Place::Below(lo - b - 1),
                (Some(b), _, Some(hi)) if *b > hi => Place::Above(b - hi - 1),
                _ => Place::Inside,
            })
            .collect(),
    )
}

#[test]
fn a_narrowing_by_three_stories_is_refused() {
    // 40 in Nord, 37 of them processors: the 3 others must not be derivable.
    let mut rows = vec![[0, 0, 0]; 37];
    rows.extend(vec![[0, 1, 0]; 3]);
    rows.extend(vec![[1, 0, 0]; 20]);
    assert_eq!(view(&rows, &[(0, 0)]).verdict, Verdict::Shown);
    assert_eq!(view(&rows, &[(0, 0)]).rows.len(), 40);
    assert_eq!(
        view(&rows, &[(0, 0), (1, 0)]).verdict,
        Verdict::RevealsSmallGroup(1),
        "dropping the role condition would add the 3"
    );
    assert_eq!(view(&rows, &[(0, 0), (1, 1)]).verdict, Verdict::TooFew);
    assert_eq!(
        view(&rows, &[(2, 0)]).verdict,
        Verdict::Shown,
        "nothing left out"
    );
}

#[test]
fn moving_a_date_by_one_day_cannot_single_out_the_story_of_that_day() {
    // The attack of the review: `from=2025-12-08` against `from=2025-12-09` differs by the
    // one story told on the 8th. Snapped to months, both are `from=2025-12-01`; and a month
    // next to the range's edge holding that one story refuses the range instead.
    let mut buckets: Vec<Option<u32>> = vec![Some(0); 20]; // November: 20 stories
    buckets.push(Some(1)); // December: 1 story
    buckets.extend(vec![Some(2); 30]); // January: 30 stories
    let k = MinGroupSize::default();
    let from_january = select(buckets.len(), &[range(&buckets, Some(2), None)], k);
    assert_eq!(from_january.verdict, Verdict::RevealsSmallGroup(0));
    let from_december = select(buckets.len(), &[range(&buckets, Some(1), None)], k);
    assert_eq!(
        from_december.verdict,
        Verdict::Shown,
        "November, next to it, holds 20"
    );
    let from_november = select(buckets.len(), &[range(&buckets, Some(0), None)], k);
    assert_eq!(from_november.verdict, Verdict::Shown);
    assert_eq!(from_december.rows.len() - from_january.rows.len(), 1);
}

#[test]
fn empty_buckets_next_to_the_edge_are_looked_past() {
    // March is empty, April holds 2: ending the range in February must be refused, or
    // "to February" and "to April" (both allowed otherwise) would differ by those 2.
    let mut buckets = vec![Some(1); 10]; // February
    buckets.extend(vec![Some(3); 2]); // April
    buckets.extend(vec![Some(5); 10]); // June
    let k = MinGroupSize::default();
    let to_february = select(buckets.len(), &[range(&buckets, None, Some(1))], k);
    assert_eq!(to_february.verdict, Verdict::RevealsSmallGroup(0));
    let to_april = select(buckets.len(), &[range(&buckets, None, Some(3))], k);
    assert_eq!(to_april.verdict, Verdict::Shown);
}

#[test]
fn unanswered_sliders_count_only_as_a_whole() {
    // Three stories without a value are outside every range; dropping the condition would add
    // them, so the range is refused, but no bucket is blamed.
    let mut buckets = vec![None; 3];
    buckets.extend(vec![Some(4); 10]);
    let k = MinGroupSize::default();
    let verdict = select(buckets.len(), &[range(&buckets, Some(4), Some(4))], k).verdict;
    assert_eq!(verdict, Verdict::RevealsSmallGroup(0));
}

fn dataset() -> impl Strategy<Value = Vec<[u8; 3]>> {
    proptest::collection::vec([0u8..3, 0u8..3, 0u8..2], 0..80)
}

fn conditions() -> impl Strategy<Value = Vec<(usize, u8)>> {
    proptest::collection::vec((0usize..3, 0u8..3), 0..3)
}

/// One story per row: a bucket (or none) and a yes/no attribute.
fn ranged() -> impl Strategy<Value = Vec<(Option<u32>, bool)>> {
    proptest::collection::vec(
        (proptest::option::weighted(0.9, 0u32..8), any::<bool>()),
        0..90,
    )
}

fn bounds() -> impl Strategy<Value = (Option<u32>, Option<u32>)> {
    (proptest::option::of(0u32..8), proptest::option::of(0u32..8))
}

proptest! {
    #[test]
    fn no_two_allowed_filters_differing_by_one_condition_reveal_a_group_under_k(
        rows in dataset(),
        base in conditions(),
        extra in (0usize..3, 0u8..3),
    ) {
        let narrower: Vec<(usize, u8)> = base.iter().copied().chain([extra]).collect();
        let wide = view(&rows, &base);
        let narrow = view(&rows, &narrower);
        // The selection is what the conditions say (checked the slow way).
        let expected: Vec<usize> = (0..rows.len())
            .filter(|&r| narrower.iter().all(|(a, v)| rows[r][*a] == *v))
            .collect();
        prop_assert_eq!(&narrow.rows, &expected);
        for allowed in [&wide, &narrow] {
            if allowed.verdict == Verdict::Shown {
                let n = allowed.rows.len();
                prop_assert!(n == 0 || n >= 5, "an allowed view shows no group under k");
            }
        }
        if wide.verdict == Verdict::Shown && narrow.verdict == Verdict::Shown {
            let difference = wide.rows.len() - narrow.rows.len();
            prop_assert!(
                difference == 0 || difference >= 5,
                "views differing by one condition differ by {difference} stories"
            );
        }
    }

    #[test]
    fn no_two_allowed_ranges_over_the_same_stories_differ_by_a_group_under_k(
        stories in ranged(),
        first in bounds(),
        second in bounds(),
        with_attribute in any::<bool>(),
    ) {
        let buckets: Vec<Option<u32>> = stories.iter().map(|(b, _)| *b).collect();
        let attribute = Condition::Plain(stories.iter().map(|(_, a)| *a).collect());
        let k = MinGroupSize::default();
        let judge = |(lo, hi): (Option<u32>, Option<u32>)| {
            let mut conditions = vec![range(&buckets, lo, hi)];
            if with_attribute {
                conditions.push(attribute.clone());
            }
            select(stories.len(), &conditions, k)
        };
        let (a, b) = (judge(first), judge(second));
        if a.verdict == Verdict::Shown && b.verdict == Verdict::Shown {
            let only_a = a.rows.iter().filter(|r| b.rows.binary_search(r).is_err()).count();
            let only_b = b.rows.iter().filter(|r| a.rows.binary_search(r).is_err()).count();
            for (side, n) in [("first", only_a), ("second", only_b)] {
                prop_assert!(
                    n == 0 || n >= 5,
                    "{side} range alone selects {n} stories: {first:?} against {second:?}"
                );
            }
        }
    }
}

/// Tellers from a key number per story (`None`: not known).
fn tellers(keys: &[Option<u32>]) -> Tellers {
    let most = keys.iter().flatten().max().map_or(0, |k| k + 1);
    Tellers::new((0..most).map(|k| format!("p{k}")).collect(), keys)
}

#[test]
fn with_tellers_known_the_guard_counts_people_not_stories() {
    // Twelve stories: p0 tells six of them (all "no"), p1..p6 one each ("yes").
    let keys: Vec<Option<u32>> = (0..12)
        .map(|r| Some(if r < 6 { 0 } else { r - 5 }))
        .collect();
    let yes = Condition::Plain((0..12).map(|r| r >= 6).collect());
    let k = MinGroupSize::default();
    assert_eq!(
        select(12, std::slice::from_ref(&yes), k).verdict,
        Verdict::Shown,
        "six and six stories"
    );
    let told = select_told(12, std::slice::from_ref(&yes), k, Some(&tellers(&keys)));
    assert_eq!(
        told.verdict,
        Verdict::RevealsSmallGroup(0),
        "the six left out are one person"
    );
    // Eight stories from two people are too few, though eight stories are not.
    let few: Vec<Option<u32>> = (0..8).map(|r| Some(r % 2)).collect();
    let all = Condition::Plain(vec![true; 8]);
    assert_eq!(
        select(8, std::slice::from_ref(&all), k).verdict,
        Verdict::Shown
    );
    assert_eq!(
        select_told(8, std::slice::from_ref(&all), k, Some(&tellers(&few))).verdict,
        Verdict::TooFew
    );
    // Stories without a known teller each count as a person.
    let unknown = vec![None; 8];
    assert_eq!(
        select_told(8, &[all], k, Some(&tellers(&unknown))).verdict,
        Verdict::Shown
    );
}

proptest! {
    #[test]
    fn with_tellers_no_two_allowed_filters_differing_by_one_condition_differ_by_under_k_people(
        rows in proptest::collection::vec(([0u8..3, 0u8..3, 0u8..2], proptest::option::weighted(0.8, 0u32..12)), 0..90),
        base in conditions(),
        extra in (0usize..3, 0u8..3),
    ) {
        let (data, keys): (Vec<[u8; 3]>, Vec<Option<u32>>) = rows.into_iter().unzip();
        let told = tellers(&keys);
        let judge = |conditions: &[(usize, u8)]| {
            let masks: Vec<Condition> = conditions.iter().map(|c| mask(&data, *c)).collect();
            select_told(data.len(), &masks, MinGroupSize::default(), Some(&told))
        };
        let narrower: Vec<(usize, u8)> = base.iter().copied().chain([extra]).collect();
        let (wide, narrow) = (judge(&base), judge(&narrower));
        for allowed in [&wide, &narrow] {
            if allowed.verdict == Verdict::Shown && !allowed.rows.is_empty() {
                prop_assert!(told.distinct(allowed.rows.iter().copied()) >= 5);
            }
        }
        if wide.verdict == Verdict::Shown && narrow.verdict == Verdict::Shown {
            let difference: Vec<usize> = (wide.rows.iter().copied())
                .filter(|r| narrow.rows.binary_search(r).is_err())
                .collect();
            let people = told.distinct(difference.iter().copied());
            prop_assert!(people == 0 || people >= 5, "the views differ by {people} people");
        }
    }
}
