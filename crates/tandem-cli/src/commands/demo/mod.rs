//! Demonstration data: one organization with three teams, ten processors, a manager per team, a
//! head of department and about 150 courses over twelve months — so that a newcomer can sign in
//! and look around right after `tandem serve --demo`.
//!
//! The accounts share one published password, so the demo must never be added to a database
//! that holds real people's data. Seeding is idempotent: an existing demo organization is left
//! as it is.

use anyhow::Context;
mod narratives;
mod practices;
mod reflection;
pub mod stories;
mod texts;
mod world;

use indicatif::{ProgressBar, ProgressStyle};
use tandem_domain::audit::Outcome;
use tandem_domain::instrument::{Instrument, Norm};
use tandem_domain::organization::OrganizationName;
use tandem_domain::staff::{DisplayName, EmailAddress, StaffRole, TeamName};
use tandem_store::Store;
use tandem_store::audit::NewAuditEvent;
use tandem_store::staff::NewStaffUser;
use time::OffsetDateTime;

/// The demo organization's name.
pub const ORGANIZATION: &str = "Demo Kommune – Børn og Unge";
/// The password of every demo account (published: demo only).
pub const PASSWORD: &str = "prøv tandem i demo";

/// The demo accounts: e-mail, name, role, team index.
const PEOPLE: [(&str, &str, StaffRole, Option<usize>); 15] = [
    (
        "admin@demo.tandem.test",
        "Anne Administrator",
        StaffRole::Administrator,
        None,
    ),
    (
        "leder@demo.tandem.test",
        "Lars Afdelingsleder",
        StaffRole::HeadOfDepartment,
        None,
    ),
    (
        "teamleder@demo.tandem.test",
        "Tine Teamleder",
        StaffRole::TeamManager,
        Some(0),
    ),
    (
        "teamleder2@demo.tandem.test",
        "Søren Sydleder",
        StaffRole::TeamManager,
        Some(1),
    ),
    (
        "teamleder3@demo.tandem.test",
        "Vibeke Vestleder",
        StaffRole::TeamManager,
        Some(2),
    ),
    (
        "raadgiver@demo.tandem.test",
        "Rasmus Rådgiver",
        StaffRole::Processor,
        Some(0),
    ),
    (
        "raadgiver2@demo.tandem.test",
        "Nadia Nørgaard",
        StaffRole::Processor,
        Some(0),
    ),
    (
        "raadgiver3@demo.tandem.test",
        "Peter Poulsen",
        StaffRole::Processor,
        Some(0),
    ),
    (
        "raadgiver4@demo.tandem.test",
        "Karen Kjær",
        StaffRole::Processor,
        Some(0),
    ),
    (
        "raadgiver5@demo.tandem.test",
        "Omar Said",
        StaffRole::Processor,
        Some(1),
    ),
    (
        "raadgiver6@demo.tandem.test",
        "Lise Lauridsen",
        StaffRole::Processor,
        Some(1),
    ),
    (
        "raadgiver7@demo.tandem.test",
        "Jonas Juhl",
        StaffRole::Processor,
        Some(1),
    ),
    (
        "raadgiver8@demo.tandem.test",
        "Camilla Qvist",
        StaffRole::Processor,
        Some(2),
    ),
    (
        "raadgiver9@demo.tandem.test",
        "Henrik Holt",
        StaffRole::Processor,
        Some(2),
    ),
    (
        "raadgiver10@demo.tandem.test",
        "Maja Mølgaard",
        StaffRole::Processor,
        Some(2),
    ),
];

/// The teams.
const TEAMS: [&str; 3] = ["Ungeteam Nord", "Ungeteam Syd", "Ungeteam Vest"];

/// How much demo to make.
#[derive(Debug, Clone, Copy)]
pub struct DemoSize {
    /// The seed everything follows from.
    pub seed: u64,
    /// How many courses.
    pub courses: usize,
}

impl Default for DemoSize {
    fn default() -> Self {
        Self {
            seed: 2026,
            courses: 150,
        }
    }
}

/// Adds the demo organization unless it exists, and prints how to sign in.
pub async fn seed(store: &Store, size: DemoSize) -> anyhow::Result<()> {
    let name = OrganizationName::parse(ORGANIZATION).context("demo organization name")?;
    let exists = store
        .list_organizations()
        .await?
        .iter()
        .any(|o| o.name == name);
    if !exists {
        let org = store.insert_organization(&name).await?;
        let now = OffsetDateTime::now_utc();
        let hash = tandem_web::auth::password::hash(PASSWORD.to_owned()).await?;
        let mut tx = store.begin().await?;
        let mut teams = Vec::new();
        for team in TEAMS {
            teams.push(
                tx.insert_team(org.id, &TeamName::parse(team).context("team")?, now)
                    .await?,
            );
        }
        let mut processors = Vec::new();
        let mut managers = Vec::new();
        for (email, display, role, team) in PEOPLE {
            let new = NewStaffUser {
                organization_id: org.id,
                email: EmailAddress::parse(email).context("demo e-mail")?,
                display_name: DisplayName::parse(display).context("demo name")?,
                role,
                team_id: team.map(|i| teams[i].id),
            };
            let id = tx.insert_staff_user(&new, now).await?;
            tx.set_password_hash(org.id, id, &hash, now).await?;
            match (role, team) {
                (StaffRole::Processor, Some(team)) => {
                    processors.push((teams[team].id, id, display.to_owned()));
                }
                (StaffRole::TeamManager, Some(team)) => managers.push((teams[team].id, id)),
                _ => {}
            }
        }
        // Illustrative goal-scale norms (12–22: cut-off 5, reliable change 2), so the demo shows
        // the reliable-change band and deterioration alerts. An organization sets its own.
        let mut goal_scale = Instrument::goal_scale();
        goal_scale.norms.push(Norm {
            age_from: 12,
            age_to: 22,
            cut_off: world::DEMO_NORM.0,
            reliable_change: world::DEMO_NORM.1,
        });
        tx.save_instrument(org.id, &goal_scale, now).await?;
        tx.append_audit(NewAuditEvent {
            at: now,
            organization_id: Some(org.id.to_string()),
            actor_id: None,
            actor_role: "operator".to_owned(),
            action: "demo.seed".to_owned(),
            subject_id: None,
            object_kind: "organization".to_owned(),
            object_id: Some(org.id.to_string()),
            purpose: "demonstration data".to_owned(),
            outcome: Outcome::Allowed,
            ip: None,
        })
        .await?;
        tx.commit().await?;
        let bar = ProgressBar::new(size.courses as u64);
        bar.set_style(
            ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} courses ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.set_message("Demo courses");
        let caseload = world::Caseload {
            organization_id: org.id,
            processors,
        };
        let today = now.date();
        let made = world::generate(store, &caseload, size.seed, size.courses, today, || {
            bar.inc(1)
        })
        .await?;
        bar.finish_and_clear();
        citizens(store, org.id, &caseload, &hash, now).await?;
        println!(
            "Made {} courses with {} meetings and {} ratings (seed {}).",
            made.courses, made.meetings, made.ratings, size.seed
        );
        let team_staff: Vec<narratives::TeamStaff> = managers
            .iter()
            .map(|(team, manager)| narratives::TeamStaff {
                team: *team,
                manager: *manager,
                staff: caseload
                    .processors
                    .iter()
                    .filter(|(t, _, _)| t == team)
                    .map(|(_, id, _)| *id)
                    .chain(std::iter::once(*manager))
                    .collect(),
            })
            .collect();
        let first_team: Vec<_> = match team_staff.first() {
            Some(first) => store
                .worklist(org.id, tandem_store::courses::WorkScope::Team(first.team))
                .await?
                .iter()
                .map(|e| e.course.id)
                .collect(),
            None => Vec::new(),
        };
        let stories =
            narratives::generate(store, org.id, &team_staff, &first_team, size.seed, now).await?;
        println!(
            "Made {} staff stories and {} from young people and networks; anonymous story link: {}",
            stories.staff, stories.citizens, stories.link
        );
        let huddles = practices::generate(store, org.id, &team_staff, now).await?;
        println!("Made six months of practice history: {huddles} huddles, probes and outcomes.");
        let (versions, terms) = reflection::generate(store, org.id, &team_staff, now).await?;
        println!(
            "Made the reflective practices: {versions} versions of good-enough stories, {terms} terms, cues, dilemma rounds and retrospectives."
        );
    }
    println!("Demo organization \"{ORGANIZATION}\": sign in with password \"{PASSWORD}\" as");
    for (email, name, role, team) in PEOPLE {
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

/// Young people and a network member of the first processor's open courses get their own
/// logins (sign in at /me/login), so the citizens' area has history to show.
async fn citizens(
    store: &Store,
    organization_id: tandem_domain::Id<tandem_domain::organization::Organization>,
    caseload: &world::Caseload,
    hash: &str,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    use tandem_store::citizens::CitizenRole;
    use tandem_store::courses::WorkScope;
    let Some((_, processor, _)) = caseload.processors.first() else {
        return Ok(());
    };
    let courses = store
        .worklist(organization_id, WorkScope::Processor(*processor))
        .await?;
    let mut tx = store.begin().await?;
    for (n, entry) in courses.iter().take(2).enumerate() {
        let course = entry.course.id;
        let mut people = vec![(CitizenRole::YoungPerson, CITIZENS[n])];
        if n == 0
            && let Some(member) = store.network_of(organization_id, course).await?.first()
        {
            people.push((CitizenRole::NetworkMember(member.id), CITIZENS[2]));
        }
        for (role, name) in people {
            let issued = tx
                .issue_invitation(
                    organization_id,
                    course,
                    role,
                    *processor,
                    now,
                    now + time::Duration::hours(72),
                )
                .await?;
            let open = tx
                .open_invitation(&issued.token, now)
                .await?
                .context("fresh invitation")?;
            tx.use_invitation(open.id, now).await?;
            tx.insert_citizen_account(&open, name, hash, now).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The citizens' demo sign-in names: two young people and a network member.
const CITIZENS: [&str; 3] = ["ung1.demo", "ung2.demo", "netvaerk1.demo"];
