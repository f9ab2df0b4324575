//! Benchmarks of the catalysis engine on synthetic story files: reading a story CSV into columns,
//! and the whole report (every test, q-values, triads, hybrid profile). Figures go to
//! docs/PERFORMANCE.md; nothing here asserts a time.
//!
//! `cargo bench -p tandem-analytics --bench analyze`
#![expect(
    missing_docs,
    reason = "criterion's macros generate the undocumented entry points"
)]

use std::fmt::Write as _;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tandem_analytics::stories::{csv, report};

/// A story file shaped like the default framework's: three triads, five sliders, a single and
/// a multiple choice, team and role, with a team effect on T1 and D1.
fn story_file(count: usize) -> String {
    let mut rng = StdRng::seed_from_u64(7);
    let mut out = String::from(
        "id,text,collected_on,team,role,T1.a,T1.b,T1.c,T2.a,T2.b,T2.c,T3.a,T3.b,T3.c,D1,D2,D3,D4,D5,M1,M3\n",
    );
    let teams = ["Nord", "Syd", "Vest", "Øst", "Midt"];
    let roles = ["processor", "team_manager", "young_person", "network"];
    let phases = ["co-design", "co-delivery", "co-assessment", "not sure"];
    let feelings = ["proud", "hopeful", "frustrated", "worried", "relieved"];
    for i in 0..count {
        let team = rng.random_range(0..teams.len());
        let _ = write!(
            out,
            "s{i},Story {i},2026-01-01,{},{}",
            teams[team],
            roles[rng.random_range(0..roles.len())]
        );
        for _ in 0..3 {
            let lean = 0.2 * team as f64;
            let (a, b) = (
                rng.random_range(0.0..1.0) + lean,
                rng.random_range(0.0..1.0_f64),
            );
            let _ = write!(out, ",{a:.3},{b:.3},{:.3}", rng.random_range(0.0..1.0_f64));
        }
        for s in 0..5 {
            let v = (rng.random_range(0.0..80.0_f64)
                + if s == 0 { 4.0 * team as f64 } else { 0.0 })
            .round();
            let _ = write!(out, ",{v}");
        }
        let first = feelings[rng.random_range(0..feelings.len())];
        let second = feelings[rng.random_range(0..feelings.len())];
        let _ = writeln!(
            out,
            ",{},{first};{second}",
            phases[rng.random_range(0..phases.len())]
        );
    }
    out
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("stories");
    group.sample_size(10);
    for count in [10_000usize, 100_000] {
        let file = story_file(count);
        group.throughput(Throughput::Elements(count as u64));
        group.bench_with_input(BenchmarkId::new("read", count), &file, |b, file| {
            b.iter(|| csv::read(file.as_bytes()).expect("valid"));
        });
        let stories = csv::read(file.as_bytes()).expect("valid");
        group.bench_with_input(BenchmarkId::new("report", count), &stories, |b, stories| {
            b.iter(|| report::analyze(stories, 5));
        });
    }
    group.finish();
}

criterion_group!(analyze, benches);
criterion_main!(analyze);
