//! A young person's worry as a tracked event (ADR 0016): where it goes when it is sent, the
//! promise the young person is shown, the open worries staff see at the top of their pages,
//! acknowledging one ("set") with what was done, and who is away.
//!
//! - [`escalation`]: the job that moves an unacknowledged worry up, once per step.
//! - [`crate::mail`]: the e-mail that tells staff of a worry.

pub mod escalation;

use tandem_domain::local_time::copenhagen_date;
use tandem_domain::organization::Organization;
use tandem_domain::staff::{StaffRole, User};
use tandem_domain::worry::{Escalation, WorryRules};
use tandem_domain::{Id, PlainText};
use tandem_store::notifications::NotificationKind;
use tandem_store::tx::Tx;
use time::{Date, OffsetDateTime};

use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::audit::record_read;
use crate::courses::{CourseRef, commit_with};
use crate::error::ActionError;

pub use tandem_store::ratings::Alert;
pub use tandem_store::worries::{Absence, OpenWorry, WorryScope};

/// What the young person is told before and after sending a worry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Promise {
    /// A person will have acknowledged it by then (office time).
    pub acknowledge_by: OffsetDateTime,
    /// Whether the office is open now.
    pub office_open: bool,
}

/// The promise for a worry sent at `at` in the organization.
///
/// # Errors
/// A database error.
pub async fn promise(
    app: &App,
    organization_id: Id<Organization>,
    at: OffsetDateTime,
) -> Result<Promise, ActionError> {
    let rules = app.store().worry_rules(organization_id).await?;
    Ok(Promise {
        acknowledge_by: rules.acknowledge_by(at),
        office_open: rules.office.is_open(at),
    })
}

/// Routes a worry just raised in `tx`: to the processor; while they are away, at once to the
/// course's deputies who are not, or else to the team manager. Queues an e-mail to each and
/// records the routing in the audit trail when it skipped the processor.
///
/// # Errors
/// A database error.
pub(crate) async fn route_new(
    app: &App,
    tx: &mut Tx,
    actor: &Actor,
    course: CourseRef,
    team: Id<tandem_domain::staff::Team>,
    alert: Id<Alert>,
) -> Result<(), ActionError> {
    let (org, now) = (course.organization_id, actor.at());
    let store = app.store();
    let rules = store.worry_rules(org).await?;
    let (processor, away, deputies) = store
        .worry_first_recipients(org, course.id, copenhagen_date(now))
        .await?;
    let (step, kind, recipients, why) = if !away {
        (
            Escalation::Processor,
            NotificationKind::WorryNew,
            vec![processor],
            None,
        )
    } else if !deputies.is_empty() {
        (
            Escalation::Processor,
            NotificationKind::WorryNew,
            deputies,
            Some("deputy"),
        )
    } else {
        let managers = store.team_manager_addresses(org, team).await?;
        (
            Escalation::TeamManager,
            NotificationKind::WorryTeamManager,
            managers,
            Some(Escalation::TeamManager.as_str()),
        )
    };
    tx.schedule_worry(org, alert, step, rules.next_step_at(step, now))
        .await?;
    for to in &recipients {
        tx.queue_notification(org, alert, kind, to, now).await?;
    }
    if let Some(to) = why {
        let event = actor.course_event(
            course.id,
            "worry.route",
            "alert",
            Some(alert.to_string()),
            &format!("processor away: to {to}"),
        );
        tx.append_audit(event).await?;
    }
    Ok(())
}

/// An open worry as a member of staff sees it in their list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorryItem {
    /// The worry.
    pub worry: OpenWorry,
    /// Whether the viewer may open the course (the young person's name is blanked otherwise).
    pub can_open_course: bool,
}

/// The open worries the acting member of staff must see first: a processor's on the courses
/// they are assigned to (as processor or deputy), a team manager's on the team's courses. A
/// manager whose organization does not let managers read courses sees each worry without the
/// young person's name. The read is audited when there is anything to show.
///
/// # Errors
/// [`ActionError::AuditUnavailable`] when the read cannot be recorded; a database error.
pub async fn open_for(app: &App, actor: &Actor) -> Result<Vec<WorryItem>, ActionError> {
    let Some(staff) = actor.staff().copied() else {
        return Ok(Vec::new());
    };
    let store = app.store();
    let today = copenhagen_date(actor.at());
    let (scope, can_open) = match (staff.role, staff.team_id) {
        (StaffRole::Processor, _) => (WorryScope::Assigned(staff.user_id), true),
        (StaffRole::TeamManager, Some(team)) => (
            WorryScope::Team(team),
            store
                .course_settings(staff.organization_id)
                .await?
                .managers_read_courses,
        ),
        _ => return Ok(Vec::new()),
    };
    let worries = store
        .open_worries(staff.organization_id, scope, today)
        .await?;
    if worries.is_empty() {
        return Ok(Vec::new());
    }
    let mut entry = Entry::allowed("worry.list", "alert", None, "open worries");
    entry.subject_id = None;
    record_read(app, actor.event(entry)).await?;
    Ok(worries
        .into_iter()
        .map(|mut worry| {
            if !can_open {
                worry.young_person_name = String::new();
            }
            WorryItem {
                worry,
                can_open_course: can_open,
            }
        })
        .collect())
}

/// One open worry with the young person's words, for the page where it is acknowledged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorryDetail {
    /// The worry.
    pub item: WorryItem,
    /// What the young person wrote, when the viewer reads the course.
    pub message: Option<String>,
}

/// An open worry on the course, read for its page (audited): the words only for those who
/// read the course (its processor and deputies; its team manager when the organization lets
/// managers read courses).
///
/// # Errors
/// [`ActionError::NotFound`] when the course has no such open worry or the actor is not staff;
/// [`ActionError::AuditUnavailable`]; a database error.
pub async fn detail(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    alert: Id<Alert>,
) -> Result<WorryDetail, ActionError> {
    let staff = actor.staff().copied().ok_or(ActionError::NotFound)?;
    let store = app.store();
    let org = course.organization_id;
    let entry = store
        .course(org, course.id)
        .await?
        .ok_or(ActionError::NotFound)?;
    let scope = WorryScope::Team(entry.course.team_id);
    let worry = store
        .open_worries(org, scope, copenhagen_date(actor.at()))
        .await?
        .into_iter()
        .find(|w| w.alert_id == alert && w.course_id == course.id)
        .ok_or(ActionError::NotFound)?;
    let reads = match staff.role {
        StaffRole::TeamManager => store.course_settings(org).await?.managers_read_courses,
        _ => true,
    };
    let source = store
        .open_worry_message(org, course.id, alert)
        .await?
        .flatten();
    let message = if reads {
        store
            .statements_of(org, course.id)
            .await?
            .into_iter()
            .find(|s| Some(s.id.to_string()) == source)
            .map(|s| s.body)
    } else {
        None
    };
    let event = actor.course_event(
        course.id,
        "worry.read",
        "alert",
        Some(alert.to_string()),
        "open worries",
    );
    record_read(app, event).await?;
    let mut worry = worry;
    if !reads {
        worry.young_person_name = String::new();
    }
    Ok(WorryDetail {
        item: WorryItem {
            worry,
            can_open_course: reads,
        },
        message,
    })
}

/// A member of staff acknowledges ("set") a worry with what was done, and may write a reply the
/// young person reads on their page: the worry stops moving up, the young person's message is
/// marked read by them (the receipt), all in one transaction with its audit event.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff or the course has no such open worry;
/// a database error.
pub async fn acknowledge(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    alert: Id<Alert>,
    what_was_done: &PlainText,
    reply: Option<&PlainText>,
) -> Result<(), ActionError> {
    let by = actor.staff_user().ok_or(ActionError::NotFound)?;
    let (org, now) = (course.organization_id, actor.at());
    let statement = app
        .store()
        .open_worry_message(org, course.id, alert)
        .await?
        .ok_or(ActionError::NotFound)?
        .and_then(|s| Id::parse(&s).ok());
    let mut tx = app.store().begin().await?;
    if !tx
        .resolve_alert(org, course.id, alert, by, what_was_done.as_str(), now)
        .await?
    {
        return Err(ActionError::NotFound);
    }
    if let Some(statement) = statement {
        tx.answer_statement(
            org,
            course.id,
            statement,
            by,
            reply.map(PlainText::as_str),
            now,
        )
        .await?;
    }
    let event = actor.course_event(
        course.id,
        "worry.acknowledge",
        "alert",
        Some(alert.to_string()),
        "open worries",
    );
    commit_with(tx, event).await
}

/// Sets (or clears) until when `user` is away. Staff set their own; a team manager sets it for
/// their team's members (the caller's authorization is the route's).
///
/// # Errors
/// [`ActionError::NotFound`] when the account is not in the organization; a database error.
pub async fn set_away(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
    user: Id<User>,
    until: Option<Date>,
) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    if !tx.set_away_until(organization_id, user, until).await? {
        return Err(ActionError::NotFound);
    }
    let entry = Entry::allowed("user.absence", "user", Some(user.to_string()), "absence");
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    Ok(())
}

/// The team's members with their absence, by name.
///
/// # Errors
/// A database error.
pub async fn team_absences(
    app: &App,
    organization_id: Id<Organization>,
    team: Id<tandem_domain::staff::Team>,
) -> Result<Vec<Absence>, ActionError> {
    Ok(app.store().team_absences(organization_id, team).await?)
}

/// The organization's rules for worries.
///
/// # Errors
/// A database error.
pub async fn rules(
    app: &App,
    organization_id: Id<Organization>,
) -> Result<WorryRules, ActionError> {
    Ok(app.store().worry_rules(organization_id).await?)
}

/// Replaces the organization's rules for worries (an administrator; audited). Worries already
/// waiting keep the deadline they were given.
///
/// # Errors
/// A database error.
pub async fn update_rules(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
    rules: &WorryRules,
) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    tx.update_worry_rules(organization_id, rules).await?;
    let mut entry = Entry::allowed("settings.worries", "organization", None, "settings");
    entry.subject_id = None;
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    Ok(())
}
