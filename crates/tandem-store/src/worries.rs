//! Worries on their way up (ADR 0016): the organization's rules, the open worries a member of
//! staff must see, the ones whose next step is due, moving one step (once, whichever instance
//! asks first), and who is away.

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Course;
use tandem_domain::staff::{Team, User};
use tandem_domain::worry::{AcknowledgeWithin, DutyContact, Escalation, OfficeHours, WorryRules};
use time::{Date, OffsetDateTime};

use crate::courses::stored_id;
use crate::error::StoreError;
use crate::pool::Store;
use crate::ratings::Alert;
use crate::time::stored;
use crate::tx::Tx;

/// A worry nobody has acknowledged yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenWorry {
    /// Its alert.
    pub alert_id: Id<Alert>,
    /// The course.
    pub course_id: Id<Course>,
    /// The course's team.
    pub team_id: Id<Team>,
    /// The course's processor.
    pub processor_id: Id<User>,
    /// Their name.
    pub processor_name: String,
    /// Whether the processor is away today.
    pub processor_away: bool,
    /// The young person's name (the caller decides who may see it).
    pub young_person_name: String,
    /// Who it lies with now.
    pub escalation: Escalation,
    /// When the young person sent it.
    pub raised_at: OffsetDateTime,
    /// When it moves on if nobody acknowledges it.
    pub next_step_at: Option<OffsetDateTime>,
}

/// A worry whose next step is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueWorry {
    /// Its alert.
    pub alert_id: Id<Alert>,
    /// The organization.
    pub organization_id: Id<Organization>,
    /// The course.
    pub course_id: Id<Course>,
    /// The course's team.
    pub team_id: Id<Team>,
    /// Where it lies now (the step it moves on from).
    pub escalation: Escalation,
}

/// Whose open worries to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorryScope {
    /// The courses a processor is assigned to, as processor or deputy.
    Assigned(Id<User>),
    /// A team's courses (its manager).
    Team(Id<Team>),
}

/// A member of a team and until when they are away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Absence {
    /// The member of staff.
    pub user_id: Id<User>,
    /// Their name.
    pub name: String,
    /// Away until this day (included), if set.
    pub away_until: Option<Date>,
}

#[derive(sqlx::FromRow)]
struct RulesRow {
    worry_minutes: i32,
    office_days: String,
    office_opens: String,
    office_closes: String,
    duty_name: String,
    duty_email: String,
}

#[derive(sqlx::FromRow)]
struct OpenRow {
    id: String,
    course_id: String,
    team_id: String,
    processor_id: String,
    processor_name: String,
    away_until: Option<Date>,
    young_person_name: String,
    escalation: i32,
    raised_at: OffsetDateTime,
    next_step_at: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow)]
struct DueRow {
    id: String,
    organization_id: String,
    course_id: String,
    team_id: String,
    escalation: i32,
}

/// A course's processor: address and absence.
type ProcessorRow = (String, Option<Date>);

fn escalation(level: i32) -> Result<Escalation, StoreError> {
    Escalation::from_level(level).ok_or_else(|| StoreError::corrupt("worry escalation"))
}

fn hh_mm(time: time::Time) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

impl Store {
    /// The organization's rules for worries.
    ///
    /// # Errors
    /// [`StoreError::Corrupt`] when the organization does not exist or its stored rules no
    /// longer parse; a database error.
    pub async fn worry_rules(
        &self,
        organization_id: Id<Organization>,
    ) -> Result<WorryRules, StoreError> {
        let row: Option<RulesRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT worry_minutes, office_days, office_opens, office_closes, duty_name, duty_email \
                 FROM organizations WHERE id = $1",
            )
            .bind(organization_id.to_string()).fetch_optional(pool).await?
        });
        let row = row.ok_or_else(|| StoreError::corrupt("organization"))?;
        let corrupt = |_| StoreError::corrupt("worry rules");
        Ok(WorryRules {
            within: u32::try_from(row.worry_minutes)
                .map_err(|_| StoreError::corrupt("worry minutes"))
                .and_then(|m| AcknowledgeWithin::new(m).map_err(corrupt))?,
            office: OfficeHours::parse(&row.office_days, &row.office_opens, &row.office_closes)
                .map_err(corrupt)?,
            duty: DutyContact::parse(&row.duty_name, &row.duty_email).map_err(corrupt)?,
        })
    }

    /// The open worries in `scope`, oldest first.
    ///
    /// # Errors
    /// A database error, or stored data that no longer parses.
    pub async fn open_worries(
        &self,
        organization_id: Id<Organization>,
        scope: WorryScope,
        today: Date,
    ) -> Result<Vec<OpenWorry>, StoreError> {
        let (filter, who) = match scope {
            WorryScope::Assigned(user) => (
                "(c.processor_id = $2 OR EXISTS (SELECT 1 FROM course_deputies d \
                 WHERE d.course_id = c.id AND d.user_id = $2))",
                user.to_string(),
            ),
            WorryScope::Team(team) => ("c.team_id = $2", team.to_string()),
        };
        let sql = format!(
            "SELECT a.id, a.course_id, c.team_id, c.processor_id, p.display_name AS processor_name, \
             p.away_until, c.young_person_name, a.escalation, a.raised_at, a.next_step_at \
             FROM alerts a JOIN courses c ON c.id = a.course_id AND c.organization_id = a.organization_id \
             JOIN users p ON p.id = c.processor_id \
             WHERE a.organization_id = $1 AND a.kind = 'worry' AND a.resolved_at IS NULL AND {filter} \
             ORDER BY a.raised_at, a.id"
        );
        let rows: Vec<OpenRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(organization_id.to_string()).bind(&who)
                .fetch_all(pool).await?
        });
        rows.into_iter()
            .map(|r| {
                Ok(OpenWorry {
                    alert_id: stored_id(&r.id, "alert id")?,
                    course_id: stored_id(&r.course_id, "course id")?,
                    team_id: stored_id(&r.team_id, "team id")?,
                    processor_id: stored_id(&r.processor_id, "user id")?,
                    processor_name: r.processor_name,
                    processor_away: r.away_until.is_some_and(|d| d >= today),
                    young_person_name: r.young_person_name,
                    escalation: escalation(r.escalation)?,
                    raised_at: r.raised_at,
                    next_step_at: r.next_step_at,
                })
            })
            .collect()
    }

    /// Open worries, in every organization, whose next step is due at `now`, oldest first (at
    /// most `limit`).
    ///
    /// # Errors
    /// A database error, or stored data that no longer parses.
    pub async fn due_worries(
        &self,
        now: OffsetDateTime,
        limit: i64,
    ) -> Result<Vec<DueWorry>, StoreError> {
        let rows: Vec<DueRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT a.id, a.organization_id, a.course_id, c.team_id, a.escalation \
                 FROM alerts a JOIN courses c ON c.id = a.course_id AND c.organization_id = a.organization_id \
                 WHERE a.resolved_at IS NULL AND a.next_step_at IS NOT NULL AND a.next_step_at <= $1 \
                 ORDER BY a.next_step_at, a.id LIMIT $2",
            )
            .bind(stored(now)).bind(limit).fetch_all(pool).await?
        });
        rows.into_iter()
            .map(|r| {
                Ok(DueWorry {
                    alert_id: stored_id(&r.id, "alert id")?,
                    organization_id: stored_id(&r.organization_id, "organization id")?,
                    course_id: stored_id(&r.course_id, "course id")?,
                    team_id: stored_id(&r.team_id, "team id")?,
                    escalation: escalation(r.escalation)?,
                })
            })
            .collect()
    }

    /// Where a worry in the course goes first: the processor's address and whether they are
    /// away on `today`, and the addresses of the deputies who are not.
    ///
    /// # Errors
    /// [`StoreError::Corrupt`] when the course does not exist; a database error.
    pub async fn worry_first_recipients(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        today: Date,
    ) -> Result<(String, bool, Vec<String>), StoreError> {
        let (org, course) = (organization_id.to_string(), course_id.to_string());
        let (processor, deputies): (Option<ProcessorRow>, Vec<(String,)>) = with_pool!(self, pool => {
            let processor = sqlx::query_as(
                "SELECT u.email, u.away_until FROM courses c JOIN users u ON u.id = c.processor_id \
                 WHERE c.id = $1 AND c.organization_id = $2",
            )
            .bind(&course).bind(&org).fetch_optional(pool).await?;
            let deputies = sqlx::query_as(
                "SELECT u.email FROM course_deputies d JOIN users u ON u.id = d.user_id \
                 WHERE d.course_id = $1 AND d.organization_id = $2 AND u.deactivated_at IS NULL \
                 AND (u.away_until IS NULL OR u.away_until < $3) ORDER BY u.email",
            )
            .bind(&course).bind(&org).bind(today).fetch_all(pool).await?;
            (processor, deputies)
        });
        let (email, away) = processor.ok_or_else(|| StoreError::corrupt("course"))?;
        Ok((
            email,
            away.is_some_and(|d| d >= today),
            deputies.into_iter().map(|(e,)| e).collect(),
        ))
    }

    /// The addresses of the team's active managers.
    ///
    /// # Errors
    /// A database error.
    pub async fn team_manager_addresses(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
    ) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(String,)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT email FROM users WHERE organization_id = $1 AND team_id = $2 \
                 AND role = 'team_manager' AND deactivated_at IS NULL ORDER BY email",
            )
            .bind(organization_id.to_string()).bind(team_id.to_string()).fetch_all(pool).await?
        });
        Ok(rows.into_iter().map(|(e,)| e).collect())
    }

    /// The team's processors and managers with their absence, by name.
    ///
    /// # Errors
    /// A database error, or stored data that no longer parses.
    pub async fn team_absences(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
    ) -> Result<Vec<Absence>, StoreError> {
        let rows: Vec<(String, String, Option<Date>)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, display_name, away_until FROM users WHERE organization_id = $1 \
                 AND team_id = $2 AND deactivated_at IS NULL ORDER BY display_name, id",
            )
            .bind(organization_id.to_string()).bind(team_id.to_string()).fetch_all(pool).await?
        });
        rows.into_iter()
            .map(|(id, name, away_until)| {
                Ok(Absence {
                    user_id: stored_id(&id, "user id")?,
                    name,
                    away_until,
                })
            })
            .collect()
    }

    /// The course's open worries as (message id, alert): which of the young person's messages
    /// still wait for a person to acknowledge them.
    ///
    /// # Errors
    /// A database error, or stored data that no longer parses.
    pub async fn open_worries_by_message(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
    ) -> Result<Vec<(String, Id<Alert>)>, StoreError> {
        let rows: Vec<(String, String)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT source_id, id FROM alerts WHERE course_id = $1 AND organization_id = $2 \
                 AND kind = 'worry' AND resolved_at IS NULL AND source_id IS NOT NULL ORDER BY id",
            )
            .bind(course_id.to_string()).bind(organization_id.to_string()).fetch_all(pool).await?
        });
        rows.into_iter()
            .map(|(message, alert)| Ok((message, stored_id(&alert, "alert id")?)))
            .collect()
    }

    /// The message an open worry on the course was raised for: `None` when the course has no
    /// such open worry, `Some(None)` for a worry without its message.
    ///
    /// # Errors
    /// A database error.
    pub async fn open_worry_message(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        alert: Id<Alert>,
    ) -> Result<Option<Option<String>>, StoreError> {
        let row: Option<(Option<String>,)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT source_id FROM alerts WHERE id = $1 AND course_id = $2 AND organization_id = $3 \
                 AND kind = 'worry' AND resolved_at IS NULL",
            )
            .bind(alert.to_string()).bind(course_id.to_string()).bind(organization_id.to_string())
            .fetch_optional(pool).await?
        });
        Ok(row.map(|(source,)| source))
    }

    /// Until when a member of staff is away, if set.
    ///
    /// # Errors
    /// A database error.
    pub async fn away_until(
        &self,
        organization_id: Id<Organization>,
        user_id: Id<User>,
    ) -> Result<Option<Date>, StoreError> {
        let row: Option<(Option<Date>,)> = with_pool!(self, pool => {
            sqlx::query_as("SELECT away_until FROM users WHERE id = $1 AND organization_id = $2")
                .bind(user_id.to_string()).bind(organization_id.to_string())
                .fetch_optional(pool).await?
        });
        Ok(row.and_then(|(d,)| d))
    }
}

impl Tx {
    /// Replaces the organization's rules for worries.
    ///
    /// # Errors
    /// A database error.
    pub async fn update_worry_rules(
        &mut self,
        organization_id: Id<Organization>,
        rules: &WorryRules,
    ) -> Result<(), StoreError> {
        let minutes = i32::try_from(rules.within.minutes()).unwrap_or(60);
        let (duty_name, duty_email) = rules
            .duty
            .as_ref()
            .map_or((String::new(), String::new()), |d| {
                (d.name.as_str().to_owned(), d.email.as_str().to_owned())
            });
        with_tx!(self, conn => {
            sqlx::query(
                "UPDATE organizations SET worry_minutes = $1, office_days = $2, office_opens = $3, \
                 office_closes = $4, duty_name = $5, duty_email = $6 WHERE id = $7",
            )
            .bind(minutes).bind(rules.office.days_word()).bind(hh_mm(rules.office.opens()))
            .bind(hh_mm(rules.office.closes())).bind(&duty_name).bind(&duty_email)
            .bind(organization_id.to_string())
            .execute(conn).await?;
        });
        Ok(())
    }

    /// Sets where a new worry lies and when it moves on.
    ///
    /// # Errors
    /// A database error.
    pub async fn schedule_worry(
        &mut self,
        organization_id: Id<Organization>,
        alert: Id<Alert>,
        step: Escalation,
        next_step_at: Option<OffsetDateTime>,
    ) -> Result<(), StoreError> {
        with_tx!(self, conn => {
            sqlx::query(
                "UPDATE alerts SET escalation = $1, next_step_at = $2 WHERE id = $3 AND organization_id = $4",
            )
            .bind(step.level()).bind(next_step_at.map(stored)).bind(alert.to_string())
            .bind(organization_id.to_string())
            .execute(conn).await?;
        });
        Ok(())
    }

    /// Moves an open worry from step `from` to `to`, due to move on at `next_step_at`. Returns
    /// whether this transaction moved it: `false` when it was acknowledged or another instance
    /// moved it first (the update names the step it read, so a worry moves once per step).
    ///
    /// # Errors
    /// A database error.
    pub async fn move_worry(
        &mut self,
        alert: Id<Alert>,
        from: Escalation,
        to: Escalation,
        next_step_at: Option<OffsetDateTime>,
    ) -> Result<bool, StoreError> {
        let moved = with_tx!(self, conn => {
            sqlx::query(
                "UPDATE alerts SET escalation = $1, next_step_at = $2 \
                 WHERE id = $3 AND escalation = $4 AND resolved_at IS NULL",
            )
            .bind(to.level()).bind(next_step_at.map(stored)).bind(alert.to_string()).bind(from.level())
            .execute(conn).await?.rows_affected()
        });
        Ok(moved == 1)
    }

    /// Sets (or, with `None`, clears) until when a member of staff is away; returns whether
    /// the account is in the organization.
    ///
    /// # Errors
    /// A database error.
    pub async fn set_away_until(
        &mut self,
        organization_id: Id<Organization>,
        user_id: Id<User>,
        until: Option<Date>,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query("UPDATE users SET away_until = $1 WHERE id = $2 AND organization_id = $3")
                .bind(until).bind(user_id.to_string()).bind(organization_id.to_string())
                .execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }
}
