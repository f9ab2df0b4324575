//! The reflective practices of each demo team: two versions of a good-enough story (the second
//! written after a trigger was met) with staff resonance and a contradicting story, a vocabulary
//! of four terms with staff definitions, the team's campaign as its weekly pulse and monthly
//! identity check-in, cues (some amplified and followed up), a dilemma round
//! on stories that blend logics, and a retrospective of a closed course — so every practice page
//! has something to show.

use anyhow::Context;
use tandem_analytics::profile::{StoryClass, classify};
use tandem_analytics::ternary::Composition;
use tandem_domain::practice::account::Resonance;
use tandem_domain::practice::reflection::{CueDetails, Episode, Handling, Level, Phase, Rhythm};
use tandem_domain::practice::vocabulary::TermText;
use tandem_domain::story::campaign::Audience;
use tandem_domain::{Id, PlainText};
use tandem_store::Store;
use tandem_store::tx::Tx;
use time::{Date, Duration, OffsetDateTime};

use super::narratives::TeamStaff;

fn text(s: &str) -> anyhow::Result<PlainText> {
    PlainText::parse(s, 6000).context("demo text")
}

const FIRST_ACCOUNT: &str = "Vi er på vej fra at administrere sager til at holde processer. \
Den unge og netværket skal være med, når målene sættes, og vi skriver målene med deres ord. \
Fristerne gælder stadig, og dem holder vi – men de må ikke bestemme rækkefølgen i samarbejdet. \
Vi ved endnu ikke, hvordan vi gør, når familien er uenig med os.";

const SECOND_ACCOUNT: &str = "Vi er på vej fra at administrere sager til at holde processer. \
Den unge og netværket er med, når målene sættes, og den unge leder selv en del af netværksmøderne. \
Fristerne gælder stadig, og dem holder vi – vi planlægger dem sammen med familien fra start. \
Når familien er uenig med os, skriver vi begge syn ind i planen og vender tilbage til dem.";

const TRIGGERS: [&str; 3] = [
    "Halvdelen af planerne er skrevet sammen med familien",
    "En ung klager over ikke at være blevet hørt",
    "Fristerne overskrides i mere end hver tiende sag",
];

const TERMS: [(&str, &str, [&str; 3]); 4] = [
    (
        "procesholder",
        "Den, der holder processen sammen, så den unge og netværket selv finder løsningerne.",
        [
            "Jeg faciliterer; familien beslutter.",
            "Den der indkalder, styrer dagsordenen og følger op.",
            "En tovholder, der sørger for at alle bliver hørt.",
        ],
    ),
    (
        "netværk",
        "Alle omkring den unge: familie, venner, skole og andre, der betyder noget.",
        [
            "Familie og venner.",
            "Familie, venner, skole og fritid – dem den unge selv peger på.",
            "De voksne, der er der, når vi ikke er.",
        ],
    ),
    (
        "samskabelse",
        "At finde løsningerne sammen med den unge og netværket i stedet for at levere dem.",
        [
            "Vi laver planen sammen.",
            "Familien skriver med på planen.",
            "Når vi deler magten over beslutningerne.",
        ],
    ),
    (
        "recovery",
        "At den unge kommer sig og får et liv, der giver mening for dem selv.",
        [
            "At komme videre.",
            "At den unge selv definerer, hvad det gode liv er.",
            "Et liv med mening og færre professionelle.",
        ],
    ),
];

const CUES: [(&str, &str, &str, Option<&str>); 5] = [
    (
        "møder",
        "Mor ville sidde stille og lytte.",
        "Mor tog ordet og foreslog selv, hvem der skulle inviteres.",
        Some("Vi spørger nu altid familien, hvem der skal med."),
    ),
    (
        "skole",
        "Skolen ville ikke have tid.",
        "Læreren kom en halv time før og havde forberedt sig.",
        Some("Skolen får nu dagsordenen en uge før."),
    ),
    (
        "møder",
        "Den unge ville blive hjemme.",
        "Den unge kom og ville selv sidde for bordenden.",
        None,
    ),
    (
        "dokumentation",
        "Det tager lang tid at skrive referatet.",
        "Familien skrev referatet på deres telefon under mødet.",
        None,
    ),
    (
        "frister",
        "Familien ville presse på for hurtigere afgørelse.",
        "Familien bad om mere tid til at tale sammen først.",
        None,
    ),
];

const EPISODES: [(i64, &str, Phase, Level, Level); 5] = [
    (
        300,
        "Underretningen vurderes, og familien inviteres til en første samtale.",
        Phase::CoCommissioning,
        Level::For,
        Level::For,
    ),
    (
        270,
        "Det første netværksmøde: målene skrives med den unges ord.",
        Phase::CoDesign,
        Level::With,
        Level::With,
    ),
    (
        220,
        "Planen revideres – uden familien, fordi fristen nærmede sig.",
        Phase::CoDesign,
        Level::With,
        Level::For,
    ),
    (
        150,
        "Mentoren og fodboldtræneren overtager en del af skridtene.",
        Phase::CoDelivery,
        Level::With,
        Level::By,
    ),
    (
        60,
        "Afslutningen aftales på et kort møde; ingen opfølgning med familien.",
        Phase::CoAssessment,
        Level::With,
        Level::To,
    ),
];

/// Adds the reflective practices of every team; returns how many versions of good-enough
/// stories and how many terms were made.
pub async fn generate(
    store: &Store,
    organization_id: Id<tandem_domain::organization::Organization>,
    teams: &[TeamStaff],
    now: OffsetDateTime,
) -> anyhow::Result<(usize, usize)> {
    let today = now.date();
    let (mut versions, mut terms) = (0, 0);
    let campaigns = store.campaigns(organization_id).await?;
    for team in teams {
        let mut tx = store.begin().await?;
        // The team's staff campaign carries both the weekly pulse and the monthly identity
        // check-in (not Nord's campaign for young people and networks, nor its anonymous link:
        // the pulse counts the team's own staff).
        if let Some(campaign) = campaigns
            .iter()
            .find(|c| c.team_id == Some(team.team) && c.details.audience == Audience::Team)
        {
            for rhythm in [Rhythm::Pulse, Rhythm::Identity] {
                tx.set_rhythm_campaign(
                    organization_id,
                    team.team,
                    (rhythm, campaign.id, today),
                    team.manager,
                )
                .await?;
            }
        }
        versions += account(&mut tx, organization_id, team, (today, now)).await?;
        terms += vocabulary(&mut tx, organization_id, team, (today, now)).await?;
        let recent = store
            .team_logic_stories(organization_id, team.team, today - Duration::days(90))
            .await?;
        for (i, (story, _)) in recent.iter().take(CUES.len()).enumerate() {
            let (theme, expected, happened, follow_up) = CUES[i];
            let cue = CueDetails {
                noticed_on: story.collected_on,
                theme: text(theme)?,
                expected: text(expected)?,
                happened: text(happened)?,
            };
            let id = tx
                .insert_cue(
                    organization_id,
                    team.team,
                    (&cue, Some(story.id)),
                    team.staff[i % team.staff.len()],
                    now,
                )
                .await?;
            if let Some(follow_up) = follow_up {
                let closed = (i == 0).then_some(today - Duration::days(7));
                tx.follow_up_cue(
                    organization_id,
                    team.team,
                    id,
                    (true, Some(&text(follow_up)?), closed),
                )
                .await?;
            }
        }
        let blends: Vec<_> = recent
            .iter()
            .filter(|(_, w)| {
                Composition::from_weights(*w).is_ok_and(|c| {
                    matches!(
                        classify(&c),
                        StoryClass::TwoLogicBlend | StoryClass::ThreeLogicBlend
                    )
                })
            })
            .take(3)
            .collect();
        if !blends.is_empty() {
            let round = tx
                .insert_dilemma_round(
                    organization_id,
                    team.team,
                    (
                        today - Duration::days(30),
                        &text("Efterårets dilemmarunde")?,
                    ),
                    team.manager,
                    now,
                )
                .await?;
            let handlings = [
                (
                    Handling::Layer,
                    "Vi holder fristen og tager samtalen bagefter.",
                ),
                (
                    Handling::Blend,
                    "Familien planlægger fristerne med fra start.",
                ),
                (
                    Handling::Separate,
                    "Myndighedsdelen og netværksmødet holdes adskilt.",
                ),
            ];
            for ((story, _), (handling, follow_up)) in blends.iter().zip(handlings) {
                tx.handle_dilemma(
                    organization_id,
                    team.team,
                    round,
                    (story.id, handling, &text(follow_up)?),
                    now,
                )
                .await?;
            }
        }
        if let Some(course) = store
            .closed_team_courses(organization_id, team.team)
            .await?
            .first()
        {
            let review = tx
                .insert_retrospective(
                    organization_id,
                    team.team,
                    (course.id, today - Duration::days(20)),
                    team.manager,
                    now,
                )
                .await?
                .context("a closed course of the team")?;
            for (days, what, phase, planned, actual) in EPISODES {
                let happened_on = course
                    .closed_on
                    .unwrap_or(today)
                    .checked_sub(Duration::days(days / 5))
                    .unwrap_or(today);
                let episode = Episode {
                    happened_on,
                    description: text(what)?,
                    phase,
                    planned,
                    actual,
                };
                tx.add_episode(organization_id, team.team, review, &episode, now)
                    .await?;
            }
        }
        tx.commit().await?;
    }
    Ok((versions, terms))
}

/// Two versions of the team's good-enough story with ratings, triggers and a contradiction.
async fn account(
    tx: &mut Tx,
    org: Id<tandem_domain::organization::Organization>,
    team: &TeamStaff,
    (today, now): (Date, OffsetDateTime),
) -> anyhow::Result<usize> {
    let first = tx
        .write_account_version(
            org,
            team.team,
            (
                &text(FIRST_ACCOUNT)?,
                &text("Vores første fælles fortælling")?,
                today - Duration::days(150),
            ),
            team.manager,
            now,
        )
        .await?;
    for (i, user) in team.staff.iter().enumerate() {
        let rating = Resonance::parse(&(3 + i % 2).to_string()).context("rating")?;
        tx.rate_account_version(
            org,
            team.team,
            first,
            (*user, rating, today - Duration::days(140)),
        )
        .await?;
    }
    let mut met = None;
    for (i, trigger) in TRIGGERS.iter().enumerate() {
        let id = tx
            .add_account_trigger(org, team.team, &text(trigger)?, team.manager, now)
            .await?;
        if i == 0 {
            met = Some(id);
        }
    }
    if let Some(id) = met {
        tx.meet_account_trigger(
            org,
            team.team,
            id,
            (
                today - Duration::days(50),
                &text("Syv af de seneste tolv planer er skrevet sammen med familien.")?,
            ),
        )
        .await?;
    }
    let second = tx
        .write_account_version(
            org,
            team.team,
            (
                &text(SECOND_ACCOUNT)?,
                &text("En udløser indtraf: familierne skriver med")?,
                today - Duration::days(40),
            ),
            team.manager,
            now,
        )
        .await?;
    for (i, user) in team.staff.iter().enumerate() {
        let rating = Resonance::parse(&(3 + (i + 1) % 3).to_string()).context("rating")?;
        tx.rate_account_version(
            org,
            team.team,
            second,
            (*user, rating, today - Duration::days(35)),
        )
        .await?;
    }
    Ok(2)
}

/// Four terms with three staff definitions each.
async fn vocabulary(
    tx: &mut Tx,
    org: Id<tandem_domain::organization::Organization>,
    team: &TeamStaff,
    (today, now): (Date, OffsetDateTime),
) -> anyhow::Result<usize> {
    let mut made = 0;
    for (i, (term, meaning, definitions)) in TERMS.iter().enumerate() {
        let introduced = today - Duration::days(170 - 30 * i64::try_from(i).unwrap_or(0));
        let Some(id) = tx
            .introduce_term(
                org,
                team.team,
                (
                    &TermText::parse(term).context("term")?,
                    &text(meaning)?,
                    introduced,
                ),
                team.manager,
                now,
            )
            .await?
        else {
            continue;
        };
        made += 1;
        for (user, definition) in team.staff.iter().zip(definitions) {
            tx.define_term(
                org,
                team.team,
                id,
                (*user, &text(definition)?, introduced + Duration::days(7)),
            )
            .await?;
        }
    }
    Ok(made)
}
