//! Demonstration data: one organization with three teams, ten processors, a manager per team, a
//! head of department and about 150 courses over twelve months — so that a newcomer can sign in
//! and look around right after `tandem serve --demo`.
//!
//! The accounts share one published password, so the demo must never be added to a database
//! that holds real people's data. Seeding is idempotent: an existing demo organization is left
//! as it is.

mod management;
mod narratives;
mod practices;
mod reflection;
pub mod stories;
mod texts;
mod world;
mod worries;

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use anyhow::Context;
use tandem_domain::audit::Outcome;
use tandem_domain::instrument::{Instrument, Norm};
use tandem_domain::organization::OrganizationName;
use tandem_domain::staff::{DisplayName, EmailAddress, StaffRole, TeamName};
use tandem_store::Store;
use tandem_store::courses::WorkScope;
use tandem_store::staff::NewStaffUser;
use time::OffsetDateTime;

use crate::actor::{Actor, Entry};
use crate::app::App;

/// The demo organization's name.
pub const ORGANIZATION: &str = "Demo Kommune – Børn og Unge";
/// The password of every demo account (published: demo only).
pub const PASSWORD: &str = "prøv tandem i demo";

/// The demo accounts: e-mail, name, role, team index (into [`TEAMS`]).
pub const PEOPLE: [(&str, &str, StaffRole, Option<usize>); 15] = [
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
pub const TEAMS: [&str; 3] = ["Ungeteam Nord", "Ungeteam Syd", "Ungeteam Vest"];

/// Processors who joined Syd and Vest this month: no courses yet, but they tell stories with
/// their team, so every team's stories come from at least five people and its pattern pages
/// and profile can be shown (k = 5 people, ADR 0019).
pub const NEWCOMERS: [(&str, &str, StaffRole, Option<usize>); 2] = [
    (
        "raadgiver11@demo.tandem.test",
        "Sara Sydgaard",
        StaffRole::Processor,
        Some(1),
    ),
    (
        "raadgiver12@demo.tandem.test",
        "Villads Vestergaard",
        StaffRole::Processor,
        Some(2),
    ),
];

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

/// What seeding made, for the operator's summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Made {
    /// Courses.
    pub courses: usize,
    /// Meetings held.
    pub meetings: usize,
    /// Ratings given.
    pub ratings: usize,
    /// Stories told by staff.
    pub staff_stories: usize,
    /// Stories told by young people and their networks.
    pub citizen_stories: usize,
    /// The anonymous story link's path.
    pub story_link: String,
    /// Huddles (with their probes and outcomes).
    pub huddles: usize,
    /// Versions of good-enough stories.
    pub story_versions: usize,
    /// Vocabulary terms.
    pub terms: usize,
}

/// How long "no demo here" is believed before the organizations are listed again.
const ABSENT_RECHECK: std::time::Duration = std::time::Duration::from_secs(60);

/// What this server last saw of the demo organization. The landing page asks on every
/// anonymous visit, so the answer is kept: once present it stays present (organizations are
/// never deleted or renamed), and "absent" is checked again at most once a minute, because
/// `tandem demo` may add the demo while the server runs.
#[derive(Debug, Default)]
pub struct Sighting {
    present: AtomicBool,
    absent_since_check: Mutex<Option<Instant>>,
}

/// Whether the demo organization exists in this database (the tour page is shown then only).
///
/// # Errors
/// A database error.
pub async fn is_present(app: &App) -> Result<bool, tandem_store::StoreError> {
    let sighting = app.demo_sighting();
    if sighting.present.load(Ordering::Relaxed) {
        return Ok(true);
    }
    // A poisoned lock only costs a query.
    let recent = sighting
        .absent_since_check
        .lock()
        .is_ok_and(|checked| checked.is_some_and(|at| at.elapsed() < ABSENT_RECHECK));
    if recent {
        return Ok(false);
    }
    let present = app
        .store()
        .list_organizations()
        .await?
        .iter()
        .any(|o| o.name.as_str() == ORGANIZATION);
    if present {
        sighting.present.store(true, Ordering::Relaxed);
    } else if let Ok(mut checked) = sighting.absent_since_check.lock() {
        *checked = Some(Instant::now());
    }
    Ok(present)
}

/// Adds the demo organization unless it exists (`None` then): its teams and accounts (every one
/// with the password whose hash is `password_hash`), a year of courses (`course_done` is
/// called after each), stories and practice history. Everything a rule derives — deterioration
/// and low-feedback alerts — comes from the same rules the pages use.
///
/// # Errors
/// A database error, or demo text that no longer validates.
pub async fn seed(
    app: &App,
    size: DemoSize,
    password_hash: &str,
    course_done: impl Fn(),
) -> anyhow::Result<Option<Made>> {
    let store = app.store();
    let name = OrganizationName::parse(ORGANIZATION).context("demo organization name")?;
    if is_present(app).await? {
        return Ok(None);
    }
    let now = OffsetDateTime::now_utc();
    let hash = password_hash;
    let mut tx = store.begin().await?;
    let org = tx.insert_organization(&name).await?;
    let mut teams = Vec::new();
    for team in TEAMS {
        teams.push(
            tx.insert_team(org.id, &TeamName::parse(team).context("team")?, now)
                .await?,
        );
    }
    let mut processors = Vec::new();
    let mut managers = Vec::new();
    let mut newcomers = Vec::new();
    for (i, (email, display, role, team)) in PEOPLE.into_iter().chain(NEWCOMERS).enumerate() {
        let new = NewStaffUser {
            organization_id: org.id,
            email: EmailAddress::parse(email).context("demo e-mail")?,
            display_name: DisplayName::parse(display).context("demo name")?,
            role,
            team_id: team.map(|i| teams[i].id),
        };
        let id = tx.insert_staff_user(&new, now).await?;
        tx.set_password_hash(org.id, id, hash, now).await?;
        match (role, team) {
            (StaffRole::Processor, Some(team)) if i >= PEOPLE.len() => {
                newcomers.push((teams[team].id, id));
            }
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
    let operator = Actor::operator(Some(org.id), now);
    tx.append_audit(operator.event(Entry {
        action: "demo.seed",
        object_kind: "organization",
        object_id: Some(org.id.to_string()),
        subject_id: None,
        purpose: "demonstration data",
        outcome: Outcome::Allowed,
    }))
    .await?;
    tx.commit().await?;
    let caseload = world::Caseload {
        organization_id: org.id,
        processors,
    };
    let today = now.date();
    let world = world::generate(
        store,
        &caseload,
        size.seed,
        size.courses,
        today,
        course_done,
    )
    .await?;
    citizens(store, org.id, &caseload, hash, now).await?;
    worries::generate(app, org.id, &caseload, now).await?;
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
                .chain(
                    newcomers
                        .iter()
                        .filter(|(t, _)| t == team)
                        .map(|(_, id)| *id),
                )
                .collect(),
        })
        .collect();
    let first_team: Vec<_> = match team_staff.first() {
        Some(first) => store
            .worklist(org.id, WorkScope::Team(first.team))
            .await?
            .iter()
            .map(|e| e.course.id)
            .collect(),
        None => Vec::new(),
    };
    let stories =
        narratives::generate(store, org.id, &team_staff, &first_team, size.seed, now).await?;
    let huddles = practices::generate(store, org.id, &team_staff, now).await?;
    let (story_versions, terms) = reflection::generate(store, org.id, &team_staff, now).await?;
    app.demo_sighting().present.store(true, Ordering::Relaxed);
    Ok(Some(Made {
        courses: world.courses,
        meetings: world.meetings,
        ratings: world.ratings,
        staff_stories: stories.staff,
        citizen_stories: stories.citizens,
        story_link: stories.link,
        huddles,
        story_versions,
        terms,
    }))
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
    let Some((_, processor, _)) = caseload.processors.first() else {
        return Ok(());
    };
    let courses = store
        .worklist(organization_id, WorkScope::Processor(*processor))
        .await?;
    let mut tx = store.begin().await?;
    let open = courses
        .iter()
        .filter(|e| e.course.details.status != tandem_domain::course::kinds::CourseStatus::Closed);
    for (n, entry) in open.take(2).enumerate() {
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
pub const CITIZENS: [&str; 3] = ["ung1.demo", "ung2.demo", "netvaerk1.demo"];
