use super::*;

#[test]
fn splitmix64_gives_its_published_sequence() {
    // The first outputs for seed 0 (Vigna's reference splitmix64.c).
    let mut rng = SplitMix64(0);
    assert_eq!(rng.next(), 0xE220_A839_7B1D_CDAF);
    assert_eq!(rng.next(), 0x6E78_9E6A_A1B9_65F4);
    let mut rng = SplitMix64(SEED);
    assert!((0..1000).all(|_| rng.below(7) < 7));
}

#[test]
fn percentiles_interpolate_as_numpy_does() {
    let sorted: Vec<f64> = (0..1000).map(f64::from).collect();
    // numpy.percentile(range(1000), [2.5, 97.5]) == [24.975, 974.025]
    assert!((percentile(&sorted, 0.025) - 24.975).abs() < 1e-9);
    assert!((percentile(&sorted, 0.975) - 974.025).abs() < 1e-9);
    assert_eq!(percentile(&[3.0], 0.5), 3.0);
}

/// Tellers each telling `per` stories, built from `(a, b)` pairs per teller.
fn data(a_len: usize, b_len: usize, tellers: &[Vec<(u32, u32)>]) -> Clustered {
    let mut out = Clustered::new(a_len, b_len);
    for stories in tellers {
        stories.iter().for_each(|(a, b)| out.push(*a, *b));
        out.end_teller();
    }
    out
}

#[test]
fn one_effect_per_resample_from_counts_agrees_with_the_direct_formulas() {
    // Every teller drawn once: the resample is the data itself.
    let stories: Vec<(u32, u32)> = vec![(0, 0), (0, 1), (1, 2), (1, 2), (0, 0), (1, 1)];
    let mut work = Work::new(2, 3);
    let all = || stories.iter().copied();
    // Groups 0: levels 0,1,0 -> values; group 1: 2,2,1. Ranks of levels (0,0,1,1,2,2): 1.5, 3.5, 5.5
    // R0 = 1.5 + 3.5 + 1.5 = 6.5; U1 = 6.5 - 6 = 0.5; r = 2*0.5/9 - 1
    let r = work.effect(EffectName::RankBiserial, all);
    assert!((r - (1.0 / 9.0 - 1.0)).abs() < 1e-12, "{r}");
    // Cramér's V of [[2,1,0],[0,1,2]]: every expected count is 1, chi2 = 4 (n = 6).
    let v = work.effect(EffectName::CramersV, all);
    assert!((v - (4.0f64 / 6.0).sqrt()).abs() < 1e-12, "{v}");
    // Spearman on (0,0),(0,1),(1,2),(1,2),(0,0),(1,1): strongly positive.
    let rho = work.effect(EffectName::Rho, all);
    assert!(rho > 0.7 && rho <= 1.0, "{rho}");
    // Nothing to rank: no effect.
    let same = [(0u32, 1u32), (1, 1)];
    assert_eq!(work.effect(EffectName::Rho, || same.iter().copied()), 0.0);
}

#[test]
fn habits_without_association_do_not_hold_but_a_shared_association_does() {
    // Twenty tellers, each always answering one way on both questions, the two habits
    // unrelated: the table's association rests on 20 people, not 200 stories.
    let habits: Vec<Vec<(u32, u32)>> = (0..20u32)
        .map(|t| vec![(t % 2, u32::from(t % 3 == 0)); 10])
        .collect();
    let none = teller_aware(&data(2, 2, &habits), EffectName::CramersV).expect("result");
    assert!(!none.holds, "independent habits: {none:?}");
    assert_eq!(
        (none.tellers, none.drawn, none.resamples),
        (20, 20, RESAMPLES)
    );
    // Every teller's stories carry the association.
    let shared: Vec<Vec<(u32, u32)>> = (0..20u32).map(|_| [(0, 0), (1, 1)].repeat(5)).collect();
    let found = teller_aware(&data(2, 2, &shared), EffectName::CramersV).expect("result");
    assert!(found.holds, "{found:?}");
    assert!(found.interval[0] > found.null && found.interval[1] <= 1.0 + 1e-12);
}

#[test]
fn one_teller_is_not_enough_and_the_cap_bounds_the_draws() {
    assert_eq!(
        teller_aware(&data(2, 2, &[vec![(0, 0), (1, 1)]]), EffectName::Rho),
        None
    );
    let many: Vec<Vec<(u32, u32)>> = (0..(MAX_DRAWN as u32 + 500))
        .map(|t| vec![(t % 3, t % 3), ((t + 1) % 3, (t + 1) % 3)])
        .collect();
    let result = teller_aware(&data(3, 3, &many), EffectName::Rho).expect("result");
    assert_eq!((result.tellers, result.drawn), (MAX_DRAWN + 500, MAX_DRAWN));
    assert!(result.holds && result.interval[0] > 0.9);
}

#[test]
fn counting_into_a_table_and_ranking_the_stories_give_the_same_effects() {
    // Pseudo-random stories over 3 groups (or 7 levels) and 40 levels, with ties.
    let mut rng = SplitMix64(7);
    let stories: Vec<(u32, u32)> = (0..500)
        .map(|_| (rng.below(3) as u32, rng.below(40) as u32))
        .collect();
    let pairs: Vec<(u32, u32)> = (0..500)
        .map(|_| (rng.below(7) as u32, rng.below(40) as u32))
        .collect();
    for (effect, data, a_len) in [
        (EffectName::EpsilonSquared, &stories, 3),
        (EffectName::Rho, &pairs, 7),
    ] {
        let mut work = Work::new(a_len, 40);
        let all = || data.iter().copied();
        work.count(all());
        let by_table = work.rank_effect(effect);
        let by_levels = work.effect_by_levels(effect, all);
        assert!(by_table.abs() > 1e-6, "{effect:?} not trivially zero");
        assert!(
            (by_table - by_levels).abs() < 1e-12,
            "{effect:?}: {by_table} vs {by_levels}"
        );
    }
    let two: Vec<(u32, u32)> = stories.iter().map(|(g, l)| (g % 2, *l)).collect();
    let mut work = Work::new(2, 40);
    work.count(two.iter().copied());
    let by_table = work.rank_effect(EffectName::RankBiserial);
    let by_levels = work.effect_by_levels(EffectName::RankBiserial, || two.iter().copied());
    assert!(
        (by_table - by_levels).abs() < 1e-12,
        "{by_table} vs {by_levels}"
    );
}
