//! `tandem org|team|user …`: setting up an organization from the command line. Every change is
//! written to the audit trail as done by the `operator` (whoever runs the command on the server).

use std::io::BufRead;

use anyhow::{Context, bail};
use tandem_domain::Id;
use tandem_domain::audit::Outcome;
use tandem_domain::organization::OrganizationName;
use tandem_domain::password::NewPassword;
use tandem_domain::staff::{DisplayName, EmailAddress, Reason, StaffRole, TeamName};
use tandem_store::audit::NewAuditEvent;
use tandem_store::organizations::Organization;
use tandem_store::staff::NewStaffUser;
use tandem_store::{Store, StoreError};
use time::{Duration, OffsetDateTime};

use crate::cli::{OrgCommand, TeamCommand, UserCommand};

fn operator_event(
    org: Option<String>,
    action: &str,
    object_kind: &str,
    object_id: Option<String>,
    purpose: &str,
) -> NewAuditEvent {
    NewAuditEvent {
        at: OffsetDateTime::now_utc(),
        organization_id: org,
        actor_id: None,
        actor_role: "operator".to_owned(),
        action: action.to_owned(),
        subject_id: if object_kind == "user" {
            object_id.clone()
        } else {
            None
        },
        object_kind: object_kind.to_owned(),
        object_id,
        purpose: purpose.to_owned(),
        outcome: Outcome::Allowed,
        ip: None,
    }
}

/// Finds an organization by id or exact name.
pub(crate) async fn find_org(store: &Store, key: &str) -> anyhow::Result<Organization> {
    let all = store.list_organizations().await?;
    all.into_iter()
        .find(|o| o.id.to_string() == key || o.name.as_str() == key)
        .with_context(|| {
            format!("no organization named or with id {key:?} (see `tandem org list`)")
        })
}

/// Runs `tandem org …`.
pub async fn org(store: &Store, command: OrgCommand) -> anyhow::Result<()> {
    match command {
        OrgCommand::Add { name } => {
            let name = OrganizationName::parse(&name).context("organization name")?;
            let org = match store.insert_organization(&name).await {
                Err(StoreError::Query(e))
                    if e.as_database_error()
                        .is_some_and(|d| d.is_unique_violation()) =>
                {
                    bail!("an organization named {:?} already exists", name.as_str())
                }
                other => other?,
            };
            let mut tx = store.begin().await?;
            tx.append_audit(operator_event(
                Some(org.id.to_string()),
                "organization.create",
                "organization",
                Some(org.id.to_string()),
                "command line",
            ))
            .await?;
            tx.commit().await?;
            println!("{}\t{}", org.id, org.name.as_str());
        }
        OrgCommand::List => {
            for org in store.list_organizations().await? {
                println!("{}\t{}", org.id, org.name.as_str());
            }
        }
    }
    Ok(())
}

/// Runs `tandem team …`.
pub async fn team(store: &Store, command: TeamCommand) -> anyhow::Result<()> {
    let TeamCommand::Add { org, name } = command;
    let org = find_org(store, &org).await?;
    let name = TeamName::parse(&name).context("team name")?;
    let mut tx = store.begin().await?;
    let team = match tx
        .insert_team(org.id, &name, OffsetDateTime::now_utc())
        .await
    {
        Err(StoreError::Conflict) => bail!(
            "{} already has a team named {:?}",
            org.name.as_str(),
            name.as_str()
        ),
        other => other?,
    };
    tx.append_audit(operator_event(
        Some(org.id.to_string()),
        "team.create",
        "team",
        Some(team.id.to_string()),
        "command line",
    ))
    .await?;
    tx.commit().await?;
    println!("{}\t{}", team.id, team.name.as_str());
    Ok(())
}

/// Runs `tandem user …`.
pub async fn user(store: &Store, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add {
            org,
            team,
            role,
            email,
            name,
            password_stdin,
            public_url,
        } => {
            let org = find_org(store, &org).await?;
            let role = StaffRole::parse(&role).map_err(|_| anyhow::anyhow!("--role must be one of: administrator, head_of_department, team_manager, processor"))?;
            let email = EmailAddress::parse(&email).context("--email")?;
            let display_name =
                DisplayName::parse(name.as_deref().unwrap_or(email.as_str())).context("--name")?;
            let team_id = match (&team, role.needs_team()) {
                (Some(team), true) => {
                    let teams = store.teams_of(org.id).await?;
                    Some(
                        teams
                            .iter()
                            .find(|t| t.name.as_str() == team || t.id.to_string() == *team)
                            .with_context(|| format!("no team {team:?} in {}", org.name.as_str()))?
                            .id,
                    )
                }
                (None, true) => bail!("a {role} needs --team"),
                (_, false) => None,
            };
            let password = if password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .lock()
                    .read_line(&mut line)
                    .context("reading the password")?;
                let line = line.trim_end_matches(['\n', '\r']);
                Some(
                    NewPassword::parse(line)
                        .map_err(|e| anyhow::anyhow!("password refused: {e}"))?,
                )
            } else {
                None
            };
            let hash = match &password {
                Some(p) => Some(tandem_web::auth::password::hash(p.expose().to_owned()).await?),
                None => None,
            };
            let now = OffsetDateTime::now_utc();
            let new = NewStaffUser {
                organization_id: org.id,
                email: email.clone(),
                display_name,
                role,
                team_id,
            };
            let mut tx = store.begin().await?;
            let id = match tx.insert_staff_user(&new, now).await {
                Err(StoreError::Conflict) => bail!("an account with e-mail {email} already exists"),
                other => other?,
            };
            tx.append_audit(operator_event(
                Some(org.id.to_string()),
                "user.create",
                "user",
                Some(id.to_string()),
                "command line",
            ))
            .await?;
            let link = match hash {
                Some(hash) => {
                    tx.set_password_hash(org.id, id, &hash, now).await?;
                    None
                }
                None => Some(
                    tx.insert_password_link(org.id, id, now, now + Duration::hours(72))
                        .await?,
                ),
            };
            tx.commit().await?;
            println!("{id}\t{email}\t{role}");
            if let Some(token) = link {
                println!(
                    "Set-password link (valid 72 hours, shown once): {}/set-password/{token}",
                    public_url.trim_end_matches('/')
                );
            }
        }
        UserCommand::List { org } => {
            let org = find_org(store, &org).await?;
            let mut tx = store.begin().await?;
            let users = tx.staff_users_of(org.id).await?;
            tx.append_audit(operator_event(
                Some(org.id.to_string()),
                "user.list",
                "user",
                None,
                "command line",
            ))
            .await?;
            tx.commit().await?;
            for u in users {
                let status = if u.deactivated_at.is_some() {
                    "deactivated"
                } else if u.locked.is_some() {
                    "locked"
                } else {
                    "active"
                };
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    u.id,
                    u.email,
                    u.display_name.as_str(),
                    u.role,
                    u.team_name.unwrap_or_default(),
                    status
                );
            }
        }
        UserCommand::Lock { email, reason } => set_lock(store, &email, &reason, true).await?,
        UserCommand::Unlock { email, reason } => set_lock(store, &email, &reason, false).await?,
    }
    Ok(())
}

async fn set_lock(store: &Store, email: &str, reason: &str, lock: bool) -> anyhow::Result<()> {
    let email = EmailAddress::parse(email).context("--email")?;
    let reason = Reason::parse(reason).context("--reason")?;
    let (user, _) = store
        .credentials_by_email(&email)
        .await?
        .with_context(|| format!("no account with e-mail {email}"))?;
    let mut tx = store.begin().await?;
    let changed = if lock {
        let done = tx
            .lock_user(
                user.organization_id,
                user.id,
                reason.as_str(),
                OffsetDateTime::now_utc(),
            )
            .await?;
        tx.delete_sessions_of_user(user.organization_id, user.id, None)
            .await?;
        done
    } else {
        tx.unlock_user(user.organization_id, user.id).await?
    };
    if changed {
        let action = if lock { "user.lock" } else { "user.unlock" };
        let purpose = format!("command line: {}", reason.as_str());
        tx.append_audit(operator_event(
            Some(user.organization_id.to_string()),
            action,
            "user",
            Some(user.id.to_string()),
            &purpose,
        ))
        .await?;
    }
    tx.commit().await?;
    let _ = Id::<()>::new;
    println!(
        "{email}: {}",
        match (lock, changed) {
            (true, true) => "locked",
            (true, false) => "was already locked",
            (false, true) => "unlocked",
            (false, false) => "was not locked",
        }
    );
    Ok(())
}
