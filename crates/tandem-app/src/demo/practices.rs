//! Six months of practice history for each demo team: a huddle every fortnight around two of
//! the team's stories (with an outside voice every other time), interpretations, next steps
//! (the older ones done), four probes with their decisions, and "you said, we did" published back
//! to the team's campaign — so the practice board, the manager's home and the campaign's form
//! have something to show. The manager's journal and marked region come from [`super::management`];
//! the chairing probe takes the mark as its intent.

use anyhow::Context;
use tandem_domain::practice::measures::CourseMeasure;
use tandem_domain::practice::{HuddleDetails, Participants, ProbeDecision, ProbeDetails, Voice};
use tandem_domain::{Id, PlainText};
use tandem_store::Store;
use tandem_store::practices::outcomes::NewOutcome;
use tandem_store::practices::probes::NewProbe;
use tandem_store::stories::Story;
use tandem_store::stories::catalog::StoryFilter;
use time::{Duration, OffsetDateTime};

use super::narratives::TeamStaff;

fn text(s: &str) -> anyhow::Result<PlainText> {
    PlainText::parse(s, 4000).context("demo text")
}

const TOPICS: [&str; 6] = [
    "Hvem bestemmer på netværksmødet?",
    "Når dokumentationen fylder mest",
    "Familien som medforfatter til planen",
    "Frister og den unges tempo",
    "Den unge der sagde nej",
    "Hvad gør vi med de små overraskelser?",
];

const INTERPRETATIONS: [(Voice, &str); 8] = [
    (
        Voice::Processor,
        "Vi havde besluttet os før mødet; den unge fik kun lov at sige ja.",
    ),
    (
        Voice::Network,
        "Mor følte sig hørt, da hun selv skrev det første mål.",
    ),
    (
        Voice::Manager,
        "Fristerne styrer rækkefølgen, ikke den unges behov.",
    ),
    (
        Voice::Processor,
        "Da vi lod den unge lede mødet, kom der nye mål frem.",
    ),
    (
        Voice::YoungPerson,
        "Jeg vil gerne vide, hvad I skriver om mig, før I skriver det.",
    ),
    (
        Voice::Partner,
        "Skolen bliver først inviteret, når det er gået galt.",
    ),
    (
        Voice::Processor,
        "Netværket tog over, da vi trådte et skridt tilbage.",
    ),
    (
        Voice::Manager,
        "Vi taler om samskabelse, men måler kun sagsbehandlingstid.",
    ),
];

/// (title, hypothesis, success, failure, the measures following them, decisions as (days
/// after start, decision, why)).
type ProbeScript = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    (Option<CourseMeasure>, Option<CourseMeasure>),
    &'static [(i64, ProbeDecision, &'static str)],
);

/// How long ago the first probe — the young person chairs their own network meeting — started:
/// the demo's meetings are chaired by young people more often from that day on
/// (`world::CourseBuilder::chair`), so its run chart has a year of baseline and seven months
/// to shift in.
pub const CHAIR_PROBE_DAYS_AGO: i64 = 210;

const PROBES: [ProbeScript; 4] = [
    (
        "Den unge leder sit eget netværksmøde",
        "Når den unge selv leder mødet, siger de mere, og målene bliver deres egne.",
        "Flere møder ledet af den unge selv",
        "Feedbacken efter møderne falder",
        (
            Some(CourseMeasure::ChairedByYoungPerson),
            Some(CourseMeasure::SessionFeedback),
        ),
        &[(
            42,
            ProbeDecision::Amplify,
            "Fire af fem unge ledte mødet; alle skrev mindst ét mål selv.",
        )],
    ),
    (
        "Familien skriver udkastet til planen",
        "Et udkast fra familien gør planen til deres, ikke vores.",
        "Familien genkender sig i planen",
        "Planen bliver forsinket ud over fristen",
        (Some(CourseMeasure::GoalsInOwnWords), None),
        &[
            (
                35,
                ProbeDecision::Dampen,
                "Godt modtaget, men to planer kom for sent; vi prøver med færre familier.",
            ),
            (
                77,
                ProbeDecision::Amplify,
                "Med en skabelon holdt fristerne; udbredes til hele teamet.",
            ),
        ],
    ),
    (
        "Fem minutters fortælling før hvert teammøde",
        "En frisk fortælling før dagsordenen ændrer, hvad vi taler om.",
        "Flere fortællinger drøftet pr. måned",
        "Teammødet overskrider tiden hver gang",
        (None, None),
        &[(
            28,
            ProbeDecision::Stop,
            "Mødet løb over hver gang; vi flytter fortællingen til huddlen i stedet.",
        )],
    ),
    (
        "Skolen med fra første møde",
        "Når skolen er med fra start, opdager vi mistrivsel tidligere.",
        "Skolen byder ind med egne skridt",
        "Den unge trækker sig fra møderne",
        (Some(CourseMeasure::StepsOwnedByFamily), None),
        &[],
    ),
];

/// Adds the practice history of every team; returns how many huddles were made.
pub async fn generate(
    store: &Store,
    organization_id: Id<tandem_domain::organization::Organization>,
    teams: &[TeamStaff],
    now: OffsetDateTime,
) -> anyhow::Result<usize> {
    let today = now.date();
    let campaigns = store.campaigns(organization_id).await?;
    let mut huddles = 0;
    for (index, team) in teams.iter().enumerate() {
        // Huddles discuss stories: those of the team's campaign with the most of them (a team
        // also has campaigns that have not collected any yet).
        let (mut stories, mut chosen): (Vec<Id<Story>>, Option<&_>) = (Vec::new(), None);
        for campaign in campaigns.iter().filter(|c| c.team_id == Some(team.team)) {
            let told: Vec<Id<Story>> = store
                .matching_story_ids(organization_id, campaign.id, &StoryFilter::default())
                .await?
                .iter()
                .filter_map(|id| Id::parse(id).ok())
                .collect();
            if told.len() > stories.len() {
                (stories, chosen) = (told, Some(campaign));
            }
        }
        let Some(campaign) = chosen else {
            continue;
        };
        let processors: Vec<_> = team
            .staff
            .iter()
            .copied()
            .filter(|s| *s != team.manager)
            .collect();
        let mut tx = store.begin().await?;
        let mut first_huddle = None;
        // A huddle every fortnight for six months, the newest two days ago.
        for n in 0..13_usize {
            let held_on = today - Duration::days(2 + 14 * (12 - n as i64));
            let outside = n % 2 == 0;
            // Two to four of the team's processors come, never more than the team has.
            let attending = (2 + n % 3).min(processors.len().max(1));
            let mut voices = vec![
                (Voice::Processor, u32::try_from(attending).unwrap_or(1)),
                (Voice::Manager, 1),
            ];
            if outside {
                voices.push((
                    if n % 4 == 0 {
                        Voice::Network
                    } else {
                        Voice::YoungPerson
                    },
                    1,
                ));
            }
            let details = HuddleDetails {
                held_on,
                topic: text(TOPICS[n % TOPICS.len()])?,
                participants: Participants::from_counts(&voices),
            };
            let linked: Vec<Id<Story>> = stories.iter().skip(2 * n).take(2).copied().collect();
            let huddle = tx
                .insert_huddle(
                    organization_id,
                    team.team,
                    &details,
                    &linked,
                    team.manager,
                    now,
                )
                .await?;
            first_huddle.get_or_insert(huddle);
            for k in 0..2 {
                let (voice, words) = INTERPRETATIONS[(2 * n + k) % INTERPRETATIONS.len()];
                tx.add_interpretation(
                    organization_id,
                    team.team,
                    huddle,
                    (voice, &text(words)?),
                    team.manager,
                    now,
                )
                .await?;
            }
            if let Some(owner) = processors.get(n % processors.len().max(1)) {
                let step = tx
                    .add_next_step(
                        organization_id,
                        team.team,
                        Some(huddle),
                        (
                            &text("Spørg den unge, hvem der skal med til næste møde")?,
                            *owner,
                            held_on + Duration::days(14),
                        ),
                        team.manager,
                        now,
                    )
                    .await?;
                // All but the newest two are done.
                if let (Some(step), true) = (step, n < 11) {
                    tx.mark_step_done(organization_id, team.team, step, now)
                        .await?;
                }
            }
            huddles += 1;
        }
        super::management::add_journal(&mut tx, organization_id, team, index, now).await?;
        let mark =
            super::management::add_mark(&mut tx, organization_id, (campaign.id, team), index, now)
                .await?;
        for (i, (title, hypothesis, success, failure, measures, decisions)) in
            PROBES.iter().enumerate()
        {
            let starts_on = if i == 0 {
                today - Duration::days(CHAIR_PROBE_DAYS_AGO)
            } else {
                today - Duration::days(150 - 30 * i as i64)
            };
            let details = ProbeDetails {
                title: text(title)?,
                hypothesis: text(hypothesis)?,
                success_signal: text(success)?,
                failure_signal: text(failure)?,
                success_measure: measures.0,
                failure_measure: measures.1,
                starts_on,
                review_on: starts_on + Duration::days(decisions.first().map_or(100, |d| d.0)),
            };
            let owner = processors
                .get(i % processors.len().max(1))
                .copied()
                .unwrap_or(team.manager);
            let probe = tx
                .insert_probe(
                    organization_id,
                    team.team,
                    &NewProbe {
                        details: &details,
                        owner_id: owner,
                        huddle_id: first_huddle,
                        // The chairing probe means to move the team's marked region.
                        mark_id: (i == 0).then_some(mark),
                        stories: &stories
                            .iter()
                            .skip(30 + i)
                            .take(1)
                            .copied()
                            .collect::<Vec<_>>(),
                        courses: &[],
                    },
                    team.manager,
                    now,
                )
                .await?
                .context("the probe's owner is in the team")?;
            for (k, (after, decision, why)) in decisions.iter().enumerate() {
                let next = decisions
                    .get(k + 1)
                    .map(|d| starts_on + Duration::days(d.0));
                tx.decide_probe(
                    organization_id,
                    team.team,
                    probe,
                    (
                        *decision,
                        &text(why)?,
                        starts_on + Duration::days(*after),
                        next,
                    ),
                    team.manager,
                    now,
                )
                .await?;
            }
        }
        for (days_ago, said, did) in [
            (
                120,
                "I sagde, at møderne handler om jer uden jer.",
                "Nu leder de unge selv deres netværksmøder, når de vil.",
            ),
            (
                60,
                "I sagde, at planen er skrevet på vores sprog.",
                "Familierne skriver nu selv udkastet til planen.",
            ),
            (
                10,
                "I sagde, at skolen først kommer med, når det er gået galt.",
                "Vi inviterer skolen til det første møde i en ny afprøvning.",
            ),
        ] {
            tx.publish_outcome(
                organization_id,
                team.team,
                &NewOutcome {
                    campaign_id: campaign.id,
                    huddle_id: first_huddle,
                    probe_id: None,
                    said: &text(said)?,
                    did: &text(did)?,
                    published_on: today - Duration::days(days_ago),
                },
                team.manager,
                now,
            )
            .await?;
        }
        tx.commit().await?;
    }
    Ok(huddles)
}
