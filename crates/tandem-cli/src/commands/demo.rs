//! Demonstration data: one organization with two teams and an account per role, so that a
//! newcomer can sign in and look around right after `tandem serve --demo`.
//!
//! The accounts share one published password, so the demo must never be added to a database
//! that holds real people's data. Seeding is idempotent: an existing demo organization is left
//! as it is.

use anyhow::Context;
use tandem_domain::audit::Outcome;
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
const PEOPLE: [(&str, &str, StaffRole, Option<usize>); 4] = [
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
        "raadgiver@demo.tandem.test",
        "Rasmus Rådgiver",
        StaffRole::Processor,
        Some(0),
    ),
];

/// Adds the demo organization unless it exists, and prints how to sign in.
pub async fn seed(store: &Store) -> anyhow::Result<()> {
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
        for team in ["Ungeteam Nord", "Ungeteam Syd"] {
            teams.push(
                tx.insert_team(org.id, &TeamName::parse(team).context("team")?, now)
                    .await?,
            );
        }
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
        }
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
    }
    println!("Demo organization \"{ORGANIZATION}\": sign in with password \"{PASSWORD}\" as");
    for (email, _, role, _) in PEOPLE {
        println!("  {email:<30} ({role})");
    }
    Ok(())
}
