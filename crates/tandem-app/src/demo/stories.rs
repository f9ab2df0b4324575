//! Synthetic story sets in Tandem's CSV, for `tandem analyze`, imports and their benchmarks: the
//! default framework's questions (three triads, five sliders, two single and two multiple
//! choices), who told each story (its teller's kind and pseudonymous key) and two metadata
//! columns (team, role), unless the tellers and metadata are left out. Each teller tells
//! about [`STORIES_PER_TELLER`] stories, always from one team and one role, as a real campaign's
//! tellers do; the teller column is a pseudonymous key (`p17`). The answers carry the demo's
//! structure — teams differ on T1, D1 and D2, one team moves towards co-production over the
//! year, documentation friction comes with frustration — and noise everywhere else. The same
//! seed gives the same file.

use std::io::BufWriter;
use std::path::Path;

use anyhow::Context;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tandem_domain::framework::Framework;
use tandem_domain::story::Teller;
use tandem_domain::story::interchange::tandem::{ExportRow, header, record};
use time::{Date, Duration};

use super::narratives::{staff_answers, staff_text};

const TEAMS: [&str; 5] = ["Nord", "Syd", "Øst", "Vest", "Midt"];
const ROLES: [&str; 4] = ["processor", "team_manager", "young_person", "network"];
/// The kind of teller each role is.
const KINDS: [Teller; 4] = [
    Teller::Staff,
    Teller::Staff,
    Teller::YoungPerson,
    Teller::NetworkMember,
];

/// How many stories a teller tells, on average.
pub const STORIES_PER_TELLER: usize = 25;

/// Writes `count` stories to `out`; `metadata` fills in the tellers and adds the team and role
/// columns.
///
/// # Errors
/// When the file cannot be written.
pub fn write(out: &Path, count: usize, seed: u64, metadata: bool) -> anyhow::Result<()> {
    let file =
        std::fs::File::create(out).with_context(|| format!("cannot write {}", out.display()))?;
    let mut w = csv::Writer::from_writer(BufWriter::new(file));
    let framework = Framework::default_framework();
    let mut columns = header(&framework);
    // After `id, text, collected_on, teller_kind, teller`.
    let metadata_at = 5;
    if metadata {
        columns.splice(
            metadata_at..metadata_at,
            ["team".to_owned(), "role".to_owned()],
        );
    }
    w.write_record(&columns)?;
    let mut rng = StdRng::seed_from_u64(seed);
    let last = Date::from_calendar_date(2026, time::Month::December, 31)?;
    let tellers = count.div_ceil(STORIES_PER_TELLER).max(1);
    for i in 0..count {
        let teller = rng.random_range(0..tellers);
        let (team, role) = (teller % TEAMS.len(), (teller / TEAMS.len()) % ROLES.len());
        let days_ago: i64 = rng.random_range(0..365);
        let progress = 1.0 - days_ago as f64 / 365.0;
        let (answers, friction) = staff_answers(&mut rng, team % 3, progress);
        let text = staff_text(&mut rng, &answers, friction);
        let key = format!("s{i}");
        let told_by = if metadata {
            format!("p{teller}")
        } else {
            String::new()
        };
        let mut cells = record(
            &framework,
            &ExportRow {
                key: &key,
                text: &text,
                collected_on: last - Duration::days(days_ago),
                teller_kind: KINDS[role],
                teller: &told_by,
                answers: &answers,
            },
            "en",
        );
        if metadata {
            cells.splice(
                metadata_at..metadata_at,
                [TEAMS[team].to_owned(), ROLES[role].to_owned()],
            );
        }
        w.write_record(&cells)?;
    }
    w.flush()?;
    Ok(())
}
