//! Demo stories: a staff campaign per team over the last twelve months (about 2,000 stories),
//! a campaign asking the young people and networks of the first team's courses (about 300, with
//! the reduced framework) and an anonymous link campaign. The answers carry structure the
//! statistics and the profile should find: the teams differ in T1 (Nord segmented between rules
//! and co-production, Syd drifting towards efficiency, Vest moving towards co-production; see
//! [`logic_base`]), not everyone tells a story every week ([`week_tellers`]), and stories where
//! documentation got in the way of the work (D4 low) come with frustration and less coherence.

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use tandem_domain::answer::Answer;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Course;
use tandem_domain::staff::{Team, User};
use tandem_domain::story::campaign::{Audience, CampaignDetails};
use tandem_domain::story::{Answers, Teller};
use tandem_domain::{Id, PlainText};
use tandem_store::Store;
use tandem_store::stories::campaigns::NewCampaign;
use tandem_store::stories::write::NewStory;
use time::{Date, Duration, OffsetDateTime};

/// Staff stories per team.
const STAFF_PER_TEAM: usize = 680;
/// Stories from young people and networks.
const CITIZEN_STORIES: usize = 300;

const OPENINGS: [&str; 8] = [
    "Til netværksmødet i sidste uge",
    "Da vi skulle revidere barnets plan",
    "I en samtale med en ung på 16",
    "Efter en bekymringshenvendelse fra skolen",
    "Ved opfølgningen på et forløb",
    "Da en mor ringede om sin søn",
    "På teammødet om en sag",
    "Ved et hjemmebesøg",
];
/// How things went well, by the logic that carried the story (the corner of T1 it leans to):
/// rules, efficiency, co-production — so that a story's words agree with its own answers.
const SMOOTH: [&[&str]; 3] = [
    &[
        "fulgte vi fristerne og planen punkt for punkt, og familien vidste hele tiden, hvad der skulle ske.",
        "var afgørelsen og papirerne i orden fra start, så støtten kunne begynde til tiden.",
        "gennemgik vi reglerne for samtykke med familien, og de vidste, hvad de sagde ja til.",
    ],
    &[
        "blev undersøgelsen færdig to uger før tid, og indsatsen kunne starte med det samme.",
        "samlede vi tre møder til ét, og familien sparede en hel eftermiddag.",
        "aftalte vi et lille forsøg i fire uger i stedet for en stor plan.",
    ],
    &[
        "lod vi den unge selv styre dagsordenen, og familien fandt en løsning, vi ikke havde set.",
        "kom skolen og fritidsjobbet med ved bordet, og aftalerne blev konkrete med det samme.",
        "skrev den unge selv målet med egne ord, og det holdt, da det blev svært.",
        "fik mormor en rolle i planen, og det gav ro hjemme.",
        "spurgte vi netværket, hvad der havde virket før, og byggede videre på det.",
    ],
];
const FRICTION: [&str; 6] = [
    "brugte jeg mere tid på registreringen end på familien, og mødet blev flyttet.",
    "manglede der en underskrift, så indsatsen ventede tre uger.",
    "skulle alt dokumenteres i to systemer, og den unge mistede tålmodigheden.",
    "stod reglerne i vejen for det, familien selv foreslog.",
    "var fristen vigtigere end samtalen, og det mærkede den unge.",
    "kunne jeg ikke finde de oplysninger, der var brug for, i journalen.",
];
const YOUTH: [&str; 8] = [
    "Jeg fik lov at sige, hvad jeg selv ville, og de lyttede.",
    "Mødet var langt, og jeg forstod ikke alle ordene.",
    "Min mor og jeg blev enige om en plan sammen med rådgiveren.",
    "Det var godt, at min træner var med.",
    "Jeg ventede længe på svar, og det var frustrerende.",
    "Jeg skrev mit eget mål, og nu går det bedre i skolen.",
    "Der var for mange voksne i rummet.",
    "Rådgiveren ringede tilbage samme dag.",
];

fn triad(rng: &mut StdRng, base: [f64; 3]) -> Answer {
    // Whole thousandths, so the three parts sum to exactly 1000 and print short.
    let w = base.map(|b| b * (rng.random_range(-0.7..0.7_f64)).exp());
    let sum: f64 = w.iter().sum();
    let a = (w[0] / sum * 1000.0).round();
    let b = (w[1] / sum * 1000.0).round().min(1000.0 - a);
    Answer::Triad([a / 1000.0, b / 1000.0, (1000.0 - a - b) / 1000.0])
}

fn position(rng: &mut StdRng, centre: f64, spread: f64) -> Answer {
    Answer::Position(
        (centre + rng.random_range(-spread..spread))
            .clamp(0.0, 100.0)
            .round(),
    )
}

fn choices(ids: &[&str]) -> Answer {
    Answer::Choices(ids.iter().map(|s| (*s).to_owned()).collect())
}

/// A story before it is saved: campaign, teller, author, text, date and answers.
type Told = (
    Id<tandem_domain::policy::Campaign>,
    Teller,
    Option<Id<User>>,
    String,
    Date,
    Answers,
);

/// A team, its staff and its manager.
pub struct TeamStaff {
    /// The team.
    pub team: Id<Team>,
    /// Its processors and manager (the tellers).
    pub staff: Vec<Id<User>>,
    /// Its manager (the campaign's organizer).
    pub manager: Id<User>,
}

/// Where a staff story of team `team` (0 Nord, 1 Syd, 2 Vest) leans in T1 (rules, efficiency,
/// co-production), `progress` through the year (0 → 1). The three teams show three of the
/// profile card's patterns:
/// - Nord is *segmented*: most of its stories are about rules and a good third about
///   co-production, seldom both in one story (the rules and the network meetings live apart);
/// - Syd drifts towards efficiency: a productivity drive starting about five months ago moves
///   its stories from a mix to *efficiency dominant*, and the card says *in transition*;
/// - Vest moves from rules to co-production between about eight and two and a half months
///   ago (network meetings introduced team by team), *in transition* the other way.
fn logic_base(rng: &mut StdRng, team: usize, progress: f64) -> [f64; 3] {
    let between = |from: [f64; 3], to: [f64; 3], s: f64| {
        [0, 1, 2].map(|i| from[i] + (to[i] - from[i]) * s.clamp(0.0, 1.0))
    };
    match team {
        0 if rng.random_bool(0.38) => [0.12, 0.10, 0.78],
        0 => [0.80, 0.12, 0.08],
        1 => between(
            [0.30, 0.45, 0.25],
            [0.16, 0.68, 0.16],
            (progress - 0.55) / 0.30,
        ),
        _ => between(
            [0.50, 0.30, 0.20],
            [0.14, 0.17, 0.69],
            (progress - 0.30) / 0.50,
        ),
    }
}

/// Who of a team's staff tell stories in the calendar week (Monday to Sunday, as the pulse page
/// counts) of `day`: each takes part that week
/// with the team's rate, so the pulse page's participation moves between weeks as it does in a
/// real team (a week of leave, a week of court cases) rather than sitting at 100 %. Syd's rate
/// falls as its productivity drive takes the time (from 80 % to 50 %), Vest's rises with its
/// network meetings (55 % to 85 %), Nord stays near 65 %. Never nobody: a week with stories
/// has a teller.
fn week_tellers(
    seed: u64,
    team: usize,
    day: Date,
    today: Date,
    staff: &[Id<User>],
) -> Vec<Id<User>> {
    // Julian day numbers divisible by 7 are Mondays, so this numbers the calendar weeks; the
    // rate is the Monday's, the same for every story of the week.
    let monday = day.to_julian_day().div_euclid(7) * 7;
    let progress = 1.0 - f64::from(today.to_julian_day() - monday) / 365.0;
    let rate = match team {
        0 => 0.65,
        1 => 0.80 - 0.30 * progress,
        _ => 0.55 + 0.30 * progress,
    };
    let week = u64::try_from(monday).unwrap_or_default();
    let mut rng = StdRng::seed_from_u64(seed ^ ((team as u64) << 32) ^ week);
    let mut tellers: Vec<Id<User>> = staff
        .iter()
        .filter(|_| rng.random_bool(rate))
        .copied()
        .collect();
    if tellers.is_empty()
        && let Some(one) = staff.choose(&mut rng)
    {
        tellers.push(*one);
    }
    tellers
}

/// The answers of one staff story of team `team` (0 Nord, 1 Syd, 2 Vest), `progress` through
/// the year (0 → 1); true when documentation got in the way.
pub(super) fn staff_answers(rng: &mut StdRng, team: usize, progress: f64) -> (Answers, bool) {
    let t1 = logic_base(rng, team, progress);
    let friction = rng.random_bool(if team == 0 { 0.45 } else { 0.3 });
    let npg = t1[2];
    let mut answers = vec![
        ("T1".to_owned(), triad(rng, t1)),
        (
            "T2".to_owned(),
            triad(rng, [0.4 - npg / 3.0, 0.3, 0.3 + npg]),
        ),
        (
            "T3".to_owned(),
            triad(
                rng,
                if team == 0 {
                    [0.5, 0.3, 0.2]
                } else {
                    [0.25, 0.35, 0.4]
                },
            ),
        ),
        (
            "D1".to_owned(),
            position(rng, if team == 0 { 25.0 } else { 50.0 }, 20.0),
        ),
        ("D2".to_owned(), position(rng, 20.0 + 60.0 * npg, 15.0)),
        (
            "D3".to_owned(),
            position(rng, if friction { 35.0 } else { 65.0 }, 20.0),
        ),
        (
            "D4".to_owned(),
            position(rng, if friction { 15.0 } else { 55.0 }, 15.0),
        ),
    ];
    if rng.random_bool(0.7) {
        answers.push(("D5".to_owned(), position(rng, 50.0, 30.0)));
    }
    let phase = *[
        "co_commissioning",
        "co_design",
        "co_design",
        "co_delivery",
        "co_delivery",
        "co_delivery",
        "co_assessment",
        "not_sure",
    ]
    .choose(rng)
    .unwrap_or(&"co_delivery");
    answers.push(("M1".to_owned(), choices(&[phase])));
    let involved: Vec<&str> = [
        ("young_person", 0.75),
        ("family", 0.5),
        ("informal", 0.2),
        ("school", 0.25),
        ("job_centre", 0.1),
        ("health", 0.15),
        ("ngo", 0.1),
        ("other_department", 0.15),
        ("manager", 0.1),
    ]
    .iter()
    .filter(|(_, p)| rng.random_bool(*p))
    .map(|(id, _)| *id)
    .collect();
    answers.push((
        "M2".to_owned(),
        choices(if involved.is_empty() {
            &["only_me"]
        } else {
            &involved
        }),
    ));
    let feelings: &[&str] = if friction {
        &["frustrated", "worried", "powerless"]
    } else {
        &["proud", "hopeful", "relieved", "surprised"]
    };
    let first = *feelings.choose(rng).unwrap_or(&"hopeful");
    let second = *feelings.choose(rng).unwrap_or(&"hopeful");
    let mut felt = vec![first];
    if second != first && rng.random_bool(0.5) {
        felt.push(second);
    }
    answers.push(("M3".to_owned(), choices(&felt)));
    let often = *["rarely", "now_and_then", "often", "all_the_time"]
        .choose(rng)
        .unwrap_or(&"often");
    answers.push(("M4".to_owned(), choices(&[often])));
    // How management acted, when it was part of the story (about half of them): Nord's
    // management holds to the rules, Syd's presses for targets, Vest's makes room for the family
    // — so the quarterly view has staff's narration of management beside their own work.
    if rng.random_bool(0.55) {
        let management = match team {
            0 => [0.62, 0.23, 0.15],
            1 => [0.2, 0.65, 0.15],
            _ => [0.25, 0.2, 0.55],
        };
        answers.insert(3, ("T4".to_owned(), triad(rng, management)));
    }
    (answers, friction)
}

/// A staff story's text that agrees with its answers: an opening, then what went wrong when
/// documentation got in the way (`friction`, the story's low D4), else what went well in the
/// logic its T1 leans to.
pub(super) fn staff_text(rng: &mut StdRng, answers: &Answers, friction: bool) -> String {
    let middle = if friction {
        FRICTION.choose(rng)
    } else {
        let corner = answers
            .iter()
            .find_map(|(id, answer)| match answer {
                Answer::Triad(w) if id == "T1" => (0..3).max_by(|a, b| w[*a].total_cmp(&w[*b])),
                _ => None,
            })
            .unwrap_or(2);
        SMOOTH[corner].choose(rng)
    };
    format!(
        "{} {}",
        OPENINGS.choose(rng).unwrap_or(&""),
        middle.unwrap_or(&"")
    )
}

/// What was made.
pub struct Made {
    /// Staff stories.
    pub staff: usize,
    /// Stories from young people and networks.
    pub citizens: usize,
    /// The anonymous link's path (shown once).
    pub link: String,
}

fn text(s: &str) -> anyhow::Result<PlainText> {
    Ok(PlainText::parse(s, 2000)?)
}

/// Makes the campaigns and their stories.
///
/// # Errors
/// A database error.
pub async fn generate(
    store: &Store,
    organization_id: Id<Organization>,
    teams: &[TeamStaff],
    courses: &[Id<Course>],
    seed: u64,
    now: OffsetDateTime,
) -> anyhow::Result<Made> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5707);
    let today: Date = now.date();
    store.ensure_default_framework(organization_id, now).await?;
    let framework = store.frameworks(organization_id).await?[0].id;
    let opens_on = today - Duration::days(365);
    let details = |title: &str,
                   prompt: &str,
                   audience,
                   consent: Option<&str>,
                   returns|
     -> anyhow::Result<CampaignDetails> {
        Ok(CampaignDetails {
            title: text(title)?,
            prompt: text(prompt)?,
            audience,
            consent_text: consent.map(text).transpose()?,
            opens_on,
            closes_on: today + Duration::days(30),
            returns_stories: returns,
        })
    };
    let prompt = "Tænk på et nyligt øjeblik i dit arbejde med en ung og den unges netværk, som du ville fortælle en ny kollega om. Hvad skete der?";
    let mut tx = store.begin().await?;
    let mut made = Made {
        staff: 0,
        citizens: 0,
        link: String::new(),
    };
    let mut bodies: Vec<Told> = Vec::new();
    for (index, team) in teams.iter().enumerate() {
        let d = details(
            &format!("Ugentlig puls {}", index + 1),
            prompt,
            Audience::Team,
            None,
            index == 1,
        )?;
        let campaign = tx
            .insert_campaign(
                organization_id,
                &NewCampaign {
                    details: &d,
                    framework_id: framework,
                    team_id: Some(team.team),
                    link: None,
                    course_ids: &[],
                    created_by: team.manager,
                },
                now,
            )
            .await?;
        for _ in 0..STAFF_PER_TEAM {
            let days_ago = rng.random_range(0..365);
            let progress = 1.0 - f64::from(days_ago) / 365.0;
            let (answers, friction) = staff_answers(&mut rng, index, progress);
            let body = staff_text(&mut rng, &answers, friction);
            let told_on = today - Duration::days(days_ago.into());
            let tellers = week_tellers(seed, index, told_on, today, &team.staff);
            let author = tellers.choose(&mut rng).copied();
            bodies.push((campaign, Teller::Staff, author, body, told_on, answers));
            made.staff += 1;
        }
    }
    if let Some(first) = teams.first()
        && !courses.is_empty()
    {
        let d = details(
            "Hvordan var samarbejdet?",
            "Fortæl om en gang, hvor samarbejdet med kommunen gik godt eller skidt for dig.",
            Audience::Courses,
            None,
            false,
        )?;
        let campaign = tx
            .insert_campaign(
                organization_id,
                &NewCampaign {
                    details: &d,
                    framework_id: framework,
                    team_id: Some(first.team),
                    link: None,
                    course_ids: courses,
                    created_by: first.manager,
                },
                now,
            )
            .await?;
        for _ in 0..CITIZEN_STORIES {
            let young = rng.random_bool(0.7);
            let answers = vec![
                ("T1".to_owned(), triad(&mut rng, [0.3, 0.2, 0.5])),
                ("D2".to_owned(), position(&mut rng, 55.0, 30.0)),
                ("D3".to_owned(), position(&mut rng, 55.0, 35.0)),
                (
                    "M3".to_owned(),
                    choices(
                        &[*["proud", "hopeful", "frustrated", "worried", "surprised"]
                            .choose(&mut rng)
                            .unwrap_or(&"hopeful")],
                    ),
                ),
            ];
            let body = (*YOUTH.choose(&mut rng).unwrap_or(&"")).to_owned();
            let teller = if young {
                Teller::YoungPerson
            } else {
                Teller::NetworkMember
            };
            bodies.push((
                campaign,
                teller,
                None,
                body,
                today - Duration::days(rng.random_range(0..180)),
                answers,
            ));
            made.citizens += 1;
        }
        let (token, hash) = tandem_store::tokens::new_token()?;
        let d = details(
            "Fortæl os om dit møde med kommunen",
            "Beskriv en situation fra de seneste uger, hvor samarbejdet med os gik godt eller skidt.",
            Audience::Link,
            Some(
                "Din fortælling gemmes uden navn og bruges kun til at lære af. Skriv ikke navne eller cpr-numre.",
            ),
            false,
        )?;
        tx.insert_campaign(
            organization_id,
            &NewCampaign {
                details: &d,
                framework_id: framework,
                team_id: Some(first.team),
                link: Some((token.clone(), hash)),
                course_ids: &[],
                created_by: first.manager,
            },
            now,
        )
        .await?;
        made.link = format!("/s/{token}");
    }
    let stories: Vec<NewStory<'_>> = bodies
        .iter()
        .map(|(campaign, teller, author, body, date, answers)| NewStory {
            campaign_id: *campaign,
            framework_id: framework,
            teller: *teller,
            author_id: *author,
            citizen_account_id: None,
            teller_key: None,
            title: None,
            body,
            collected_on: *date,
            consent_given: true,
            redacted: false,
            answers,
            annotations: &[],
        })
        .collect();
    tx.insert_stories(organization_id, &stories, now).await?;
    tx.commit().await?;
    Ok(made)
}
