//! The filter guard at pattern-page sizes: one pass over up to a million stories with a filter
//! of a choice, a slider range, a date range and two words — what every pattern page pays before
//! it computes anything. Figures go to docs/PERFORMANCE.md; nothing here asserts a time.
//!
//! `cargo bench -p tandem-analytics --bench filter_guard`
#![expect(
    missing_docs,
    reason = "criterion's macros generate the undocumented entry points"
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tandem_analytics::filter_guard::{Condition, Place, select};
use tandem_analytics::suppression::MinGroupSize;

/// Five conditions over `n` stories: two ranges (24 months, 10 tenths) and three yes/no tests.
fn conditions(n: usize) -> Vec<Condition> {
    let mut rng = StdRng::seed_from_u64(11);
    let range = |rng: &mut StdRng, buckets: u32, lo: u32, hi: u32| {
        Condition::Range(
            (0..n)
                .map(|_| {
                    let b = rng.random_range(0..buckets);
                    if b < lo {
                        Place::Below(lo - b - 1)
                    } else if b > hi {
                        Place::Above(b - hi - 1)
                    } else {
                        Place::Inside
                    }
                })
                .collect(),
        )
    };
    let plain = |rng: &mut StdRng, share: f64| {
        Condition::Plain((0..n).map(|_| rng.random_bool(share)).collect())
    };
    vec![
        plain(&mut rng, 0.4),
        range(&mut rng, 10, 3, 7),
        range(&mut rng, 24, 6, 17),
        plain(&mut rng, 0.8),
        plain(&mut rng, 0.9),
    ]
}

fn guard(c: &mut Criterion) {
    let mut group = c.benchmark_group("filter_guard");
    group.sample_size(20);
    for n in [10_000, 100_000, 1_000_000] {
        let filter = conditions(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("five_conditions", n), &filter, |b, f| {
            b.iter(|| select(n, f, MinGroupSize::default()));
        });
        // The same selection with the ranges as plain yes/no masks: the drop-one rule alone,
        // as the guard was before ranges had sides.
        let plain: Vec<Condition> = filter
            .iter()
            .map(|c| match c {
                Condition::Range(places) => {
                    Condition::Plain(places.iter().map(|p| *p == Place::Inside).collect())
                }
                plain @ Condition::Plain(_) => plain.clone(),
            })
            .collect();
        group.bench_with_input(BenchmarkId::new("drop_one_only", n), &plain, |b, f| {
            b.iter(|| select(n, f, MinGroupSize::default()));
        });
    }
    group.finish();
}

criterion_group!(benches, guard);
criterion_main!(benches);
