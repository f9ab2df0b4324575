//! `tandem demo` (and `tandem serve --demo`): the demonstration organization, made by
//! `tandem_app::demo`, with a progress bar and how to sign in.

use indicatif::{ProgressBar, ProgressStyle};
use tandem_app::App;
use tandem_app::demo::{self, CITIZENS, DemoSize, ORGANIZATION, PASSWORD, PEOPLE, TEAMS};

/// Adds the demo organization unless it exists, and prints how to sign in.
pub async fn seed(app: &App, size: DemoSize) -> anyhow::Result<()> {
    let hash = tandem_app::sessions::hash(PASSWORD.to_owned()).await?;
    let bar = ProgressBar::new(size.courses as u64);
    bar.set_style(
        ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} courses ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message("Demo courses");
    let made = demo::seed(app, size, &hash, || bar.inc(1)).await?;
    bar.finish_and_clear();
    if let Some(made) = made {
        println!(
            "Made {} courses with {} meetings and {} ratings (seed {}).",
            made.courses, made.meetings, made.ratings, size.seed
        );
        println!(
            "Made {} staff stories and {} from young people and networks; anonymous story link: {}",
            made.staff_stories, made.citizen_stories, made.story_link
        );
        println!(
            "Made six months of practice history: {} huddles, probes and outcomes.",
            made.huddles
        );
        println!(
            "Made the reflective practices: {} versions of good-enough stories, {} terms, cues, dilemma rounds and retrospectives.",
            made.story_versions, made.terms
        );
    }
    println!("Demo organization \"{ORGANIZATION}\": sign in with password \"{PASSWORD}\" as");
    for (email, name, role, team) in PEOPLE.into_iter().chain(demo::NEWCOMERS) {
        let team = team.map(|t| format!(", {}", TEAMS[t])).unwrap_or_default();
        println!("  {email:<30} {name} ({role}{team})");
    }
    println!("and in the citizens' area (/me/login), with the same password, as");
    println!("  {:<30} a young person of Rasmus Rådgiver's", CITIZENS[0]);
    println!(
        "  {:<30} another young person of Rasmus Rådgiver's",
        CITIZENS[1]
    );
    println!(
        "  {:<30} a member of the first young person's network",
        CITIZENS[2]
    );
    Ok(())
}
