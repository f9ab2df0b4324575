//! `tandem org|team|user …`: setting up an organization from the command line. Every change is
//! written to the audit trail as done by the `operator` (whoever runs the command on the server),
//! through `tandem_app::setup`.

use std::io::BufRead;

use anyhow::{Context, bail};
use tandem_app::setup::{self, LockOutcome, NewAccount, Organization, SetupError};
use tandem_app::{Actor, App};
use tandem_domain::organization::OrganizationName;
use tandem_domain::password::NewPassword;
use tandem_domain::staff::{DisplayName, EmailAddress, Reason, StaffRole, TeamName};
use time::OffsetDateTime;

use crate::cli::{OrgCommand, TeamCommand, UserCommand};

/// The operator, acting now.
fn operator() -> Actor {
    Actor::operator(None, OffsetDateTime::now_utc())
}

/// Finds an organization by id or exact name.
pub(crate) async fn find_org(app: &App, key: &str) -> anyhow::Result<Organization> {
    setup::find_organization(app, key).await?.with_context(|| {
        format!("no organization named or with id {key:?} (see `tandem org list`)")
    })
}

/// Runs `tandem org …`.
pub async fn org(app: &App, command: OrgCommand) -> anyhow::Result<()> {
    match command {
        OrgCommand::Add { name } => {
            let name = OrganizationName::parse(&name).context("organization name")?;
            let org = match setup::add_organization(app, &operator(), &name).await {
                Err(SetupError::Exists) => {
                    bail!("an organization named {:?} already exists", name.as_str())
                }
                other => other?,
            };
            println!("{}\t{}", org.id, org.name.as_str());
        }
        OrgCommand::List => {
            for org in setup::organizations(app).await? {
                println!("{}\t{}", org.id, org.name.as_str());
            }
        }
    }
    Ok(())
}

/// Runs `tandem team …`.
pub async fn team(app: &App, command: TeamCommand) -> anyhow::Result<()> {
    let TeamCommand::Add { org, name } = command;
    let org = find_org(app, &org).await?;
    let name = TeamName::parse(&name).context("team name")?;
    let actor = operator().in_organization(org.id);
    let team = match setup::add_team(app, &actor, &org, &name).await {
        Err(SetupError::Exists) => bail!(
            "{} already has a team named {:?}",
            org.name.as_str(),
            name.as_str()
        ),
        other => other?,
    };
    println!("{}\t{}", team.id, team.name.as_str());
    Ok(())
}

/// Runs `tandem user …`.
pub async fn user(app: &App, command: UserCommand) -> anyhow::Result<()> {
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
            let org = find_org(app, &org).await?;
            let role = StaffRole::parse(&role).map_err(|_| anyhow::anyhow!("--role must be one of: administrator, head_of_department, team_manager, processor"))?;
            let email = EmailAddress::parse(&email).context("--email")?;
            let display_name =
                DisplayName::parse(name.as_deref().unwrap_or(email.as_str())).context("--name")?;
            let team_id = match (&team, role.needs_team()) {
                (Some(team), true) => {
                    let teams = setup::teams(app, &org).await?;
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
                Some(p) => Some(tandem_app::sessions::hash(p.expose().to_owned()).await?),
                None => None,
            };
            let account = NewAccount {
                email: email.clone(),
                display_name,
                role,
                team: team_id,
                password_hash: hash,
            };
            let actor = operator().in_organization(org.id);
            let added = match setup::add_account(app, &actor, &org, &account).await {
                Err(SetupError::Exists) => bail!("an account with e-mail {email} already exists"),
                other => other?,
            };
            let (id, link) = (added.id, added.link_token);
            println!("{id}\t{email}\t{role}");
            if let Some(token) = link {
                println!(
                    "Set-password link (valid 72 hours, shown once): {}/set-password/{token}",
                    public_url.trim_end_matches('/')
                );
            }
        }
        UserCommand::List { org } => {
            let org = find_org(app, &org).await?;
            let actor = operator().in_organization(org.id);
            let users = setup::accounts(app, &actor, &org).await?;
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
        UserCommand::Lock { email, reason } => set_lock(app, &email, &reason, true).await?,
        UserCommand::Unlock { email, reason } => set_lock(app, &email, &reason, false).await?,
    }
    Ok(())
}

async fn set_lock(app: &App, email: &str, reason: &str, lock: bool) -> anyhow::Result<()> {
    let email = EmailAddress::parse(email).context("--email")?;
    let reason = Reason::parse(reason).context("--reason")?;
    let outcome = setup::set_lock(app, &operator(), &email, &reason, lock)
        .await?
        .with_context(|| format!("no account with e-mail {email}"))?;
    let changed = outcome == LockOutcome::Changed;
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
