//! Synthetic story sets in Tandem's CSV, for `tandem analyze` and its benchmarks: two triads,
//! three sliders, a single and a multiple choice, and two metadata columns (team, role), with
//! structure the statistics should find — teams differ on T1 and D1, and D2 follows D1 — and noise
//! everywhere else. The same seed gives the same file.

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const TEAMS: [&str; 5] = ["Nord", "Syd", "Øst", "Vest", "Midt"];
const ROLES: [&str; 4] = ["processor", "team_manager", "young_person", "network"];
const M1: [&str; 4] = ["positive", "negative", "mixed", "neutral"];
const M2: [&str; 5] = ["rules", "time", "network", "young person", "money"];

/// Writes `count` stories to `out`.
///
/// # Errors
/// When the file cannot be written.
pub fn write(out: &Path, count: usize, seed: u64) -> anyhow::Result<()> {
    let file =
        std::fs::File::create(out).with_context(|| format!("cannot write {}", out.display()))?;
    let mut w = BufWriter::new(file);
    let mut rng = StdRng::seed_from_u64(seed);
    writeln!(
        w,
        "id,text,collected_on,team,role,T1.a,T1.b,T1.c,T2.a,T2.b,T2.c,D1,D2,D3,M1,M2"
    )?;
    for i in 0..count {
        let team = rng.random_range(0..TEAMS.len());
        let role = rng.random_range(0..ROLES.len());
        // Team index shifts T1 towards corner a and D1 upwards; D2 follows D1.
        let lean = team as f64 / (TEAMS.len() - 1) as f64;
        let t1 = [
            10.0 + 60.0 * lean + rng.random_range(0.0..20.0),
            rng.random_range(5.0..40.0),
            10.0 + 60.0 * (1.0 - lean) + rng.random_range(0.0..20.0),
        ];
        let t2 = [
            rng.random_range(0.0..100.0),
            rng.random_range(0.0..100.0),
            rng.random_range(0.0..100.0),
        ];
        let d1 = (30.0 + 40.0 * lean + rng.random_range(-20.0..20.0_f64)).clamp(0.0, 100.0);
        let d2 = (d1 * 0.7 + rng.random_range(0.0..30.0)).clamp(0.0, 100.0);
        let d3 = if rng.random_bool(0.1) {
            String::new()
        } else {
            format!("{:.0}", rng.random_range(0.0..=100.0_f64))
        };
        let m1 = M1[rng.random_range(0..M1.len())];
        let m2: Vec<&str> = M2
            .iter()
            .copied()
            .filter(|_| rng.random_bool(0.3))
            .collect();
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        writeln!(
            w,
            "s{i},Story {i},2026-{month:02}-{day:02},{},{},{:.1},{:.1},{:.1},{:.1},{:.1},{:.1},{d1:.0},{d2:.0},{d3},{m1},{}",
            TEAMS[team],
            ROLES[role],
            t1[0],
            t1[1],
            t1[2],
            t2[0],
            t2[1],
            t2[2],
            m2.join(";")
        )?;
    }
    w.flush()?;
    Ok(())
}
