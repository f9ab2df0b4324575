//! Management in the demo, team by team: each manager's intended mix and a quarter of their
//! decision journal, and the region of the team's T1 landscape they marked — so the quarterly
//! view of management and the marked regions have something to show, and a probe an intent.

use anyhow::Context;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Campaign;
use tandem_domain::practice::journal::{DecisionEntry, Logic};
use tandem_domain::story::mark::{Direction, Mark, MarkDetails, RegionKey};
use tandem_domain::{Id, PlainText};
use tandem_store::practices::intentions::Intention;
use tandem_store::tx::Tx;
use time::{Duration, OffsetDateTime};

use super::narratives::TeamStaff;

fn text(s: &str) -> anyhow::Result<PlainText> {
    PlainText::parse(s, 4000).context("demo text")
}

/// Each team's marked region of T1 (rules, efficiency, co-production), by team index: when it
/// was marked and why. The stories then tell whether the mass moved: Vest's co-production corner
/// fills as its network meetings spread (the share rises after the mark), Syd's efficiency
/// corner fills although Syd wanted fewer stories there (the wrong way), and Nord's stories stay
/// apart, rules or co-production, seldom both (the edge it wants stays nearly empty).
const MARKS: [(RegionKey, Direction, i64, &str); 3] = [
    (
        RegionKey::EdgeAc,
        Direction::More,
        60,
        "Fortællinger, hvor reglerne og netværket mødes i samme sag.",
    ),
    (
        RegionKey::CornerB,
        Direction::Fewer,
        120,
        "Når det kun handler om at blive færdig, mister vi familien.",
    ),
    (
        RegionKey::CornerC,
        Direction::More,
        240,
        "Her lykkes det sammen med familien og netværket. Dem vil vi have flere af.",
    ),
];

/// A demo journal entry: days ago, the decision, the logics weighed, why ("" for no reason).
type JournalEntry = (i64, &'static str, &'static [Logic], &'static str);

/// What each team's manager intends (rules, efficiency, together, 0–10) and a quarter of their
/// decision journal: (days ago, decision, logics weighed, why). Nord's manager intends
/// co-production but decides by the rules; Syd's decides for efficiency as it intends; Vest's
/// weighs the family in most decisions — so the quarterly view has gaps to show and to close.
const MANAGEMENT: [([f64; 3], &[JournalEntry]); 3] = [
    (
        [3.0, 2.0, 5.0],
        &[
            (
                85,
                "Alle handleplaner gennemgås mod lovens krav før sommerferien",
                &[Logic::Rules],
                "Revisionen fandt mangler i tre planer.",
            ),
            (
                70,
                "Ny skabelon til børnefaglige undersøgelser",
                &[Logic::Rules, Logic::Efficiency],
                "",
            ),
            (
                52,
                "Netværksmøder kun i sager med bekymring",
                &[Logic::Rules],
                "Vi når ikke flere lige nu.",
            ),
            (
                40,
                "Den unge inviteres altid til opfølgningsmødet",
                &[Logic::Rules, Logic::Together],
                "Barnets lov § 5, stk. 3: den unges synspunkter skal inddrages, før der træffes beslutninger.",
            ),
            (
                24,
                "Fristerne for opfølgning følges ugentligt på teammødet",
                &[Logic::Rules],
                "",
            ),
            (
                9,
                "Familien får udkastet til planen før mødet",
                &[Logic::Together],
                "Det gav bedre møder hos Vest.",
            ),
        ],
    ),
    (
        [3.0, 5.0, 2.0],
        &[
            (
                88,
                "Sagsbehandlingstiden måles hver måned",
                &[Logic::Efficiency],
                "Ventelisten er for lang.",
            ),
            (
                66,
                "Tre korte møder lægges sammen til ét",
                &[Logic::Efficiency, Logic::Together],
                "",
            ),
            (
                45,
                "Standardtekster til afgørelser",
                &[Logic::Efficiency, Logic::Rules],
                "",
            ),
            (
                30,
                "Nye sager fordeles efter ledig tid, ikke efter kendskab",
                &[Logic::Efficiency],
                "",
            ),
            (
                12,
                "Mål for antal afsluttede forløb pr. kvartal",
                &[Logic::Efficiency],
                "Budgettet er presset.",
            ),
        ],
    ),
    (
        [2.0, 2.0, 6.0],
        &[
            (
                80,
                "Netværksmøde i alle nye forløb inden for fire uger",
                &[Logic::Together],
                "",
            ),
            (
                61,
                "Den unge skriver selv målene, rådgiveren hjælper",
                &[Logic::Together],
                "",
            ),
            (
                47,
                "Skolen inviteres til det første møde",
                &[Logic::Together, Logic::Efficiency],
                "Vi opdager mistrivsel tidligere.",
            ),
            (
                33,
                "Fristerne tjekkes stadig ved hver revision",
                &[Logic::Rules, Logic::Together],
                "Samskabelse må ikke koste retssikkerhed.",
            ),
            (
                15,
                "Familierådslagning tilbydes før anbringelse",
                &[Logic::Together, Logic::Rules],
                "",
            ),
            (
                4,
                "Feedback efter hvert møde vises på teammødet",
                &[Logic::Together],
                "",
            ),
        ],
    ),
];

/// Sets team `index`'s intended mix (a hundred days ago) and writes its journal.
pub(super) async fn add_journal(
    tx: &mut Tx,
    organization_id: Id<Organization>,
    team: &TeamStaff,
    index: usize,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    let today = now.date();
    let (intended, decisions) = MANAGEMENT[index % MANAGEMENT.len()];
    let intention = Intention {
        answers: intended,
        set_on: today - Duration::days(100),
    };
    tx.set_intention(organization_id, team.team, intention, team.manager)
        .await?;
    for (days_ago, decision, weighed, why) in decisions {
        let entry = DecisionEntry {
            decided_on: today - Duration::days(*days_ago),
            decision: text(decision)?,
            weighed: weighed.to_vec(),
            why: (!why.is_empty()).then(|| text(why)).transpose()?,
        };
        tx.insert_decision(organization_id, team.team, &entry, team.manager, now)
            .await?;
    }
    Ok(())
}

/// Marks team `index`'s region on its campaign's T1, as its manager.
pub(super) async fn add_mark(
    tx: &mut Tx,
    organization_id: Id<Organization>,
    (campaign, team): (Id<Campaign>, &TeamStaff),
    index: usize,
    now: OffsetDateTime,
) -> anyhow::Result<Id<Mark>> {
    let (region, direction, days_ago, why) = MARKS[index % MARKS.len()];
    let mark = MarkDetails {
        question: "T1".into(),
        region,
        direction,
        note: Some(text(why)?),
    };
    let marked = (now.date() - Duration::days(days_ago), team.manager);
    tx.insert_mark(organization_id, campaign, &mark, marked, now)
        .await?
        .context("the team's campaign is the organization's")
}
