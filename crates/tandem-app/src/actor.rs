//! Who acts: the person behind an action, from where and when, and the audit events their
//! actions write (R15: every read of personal data and every change is recorded).

use tandem_domain::Id;
use tandem_domain::audit::Outcome;
use tandem_domain::organization::Organization;
use tandem_domain::policy::{Course, Principal, Staff};
use tandem_domain::staff::User;
use tandem_store::audit::NewAuditEvent;
use time::OffsetDateTime;

/// The role name the audit trail records for a principal.
#[must_use]
pub fn role_name(principal: &Principal) -> &'static str {
    match principal {
        Principal::Anonymous => "anonymous",
        Principal::Staff(staff) => staff.role.as_str(),
        Principal::YoungPerson { .. } => "young_person",
        Principal::NetworkMember { .. } => "network_member",
    }
}

/// The person acting, as the audit trail and the actions need them.
#[derive(Debug, Clone)]
pub struct Actor {
    organization_id: Option<Id<Organization>>,
    /// The staff user or citizen account.
    id: Option<String>,
    role: &'static str,
    staff: Option<Staff>,
    ip: Option<String>,
    at: OffsetDateTime,
}

impl Actor {
    /// The actor behind a request: its principal, the citizen account when a young person or
    /// network member is signed in, the client address, and the request's time.
    #[must_use]
    pub fn new(
        principal: &Principal,
        citizen_account: Option<String>,
        ip: Option<String>,
        at: OffsetDateTime,
    ) -> Self {
        let staff = principal.staff().copied();
        Self {
            organization_id: principal.organization_id(),
            id: staff.map(|s| s.user_id.to_string()).or(citizen_account),
            role: role_name(principal),
            staff,
            ip,
            at,
        }
    }

    /// A young person or network member acting through their own account (also the moment the
    /// account is created, when the request itself was still anonymous).
    #[must_use]
    pub fn citizen(
        account: &tandem_store::citizens::CitizenRecord,
        ip: Option<String>,
        at: OffsetDateTime,
    ) -> Self {
        Self {
            organization_id: Some(account.organization_id),
            id: Some(account.id.to_string()),
            role: account.role.word(),
            staff: None,
            ip,
            at,
        }
    }

    /// Whoever runs the `tandem` command on the server (`import`, `user add` …): no person
    /// known to Tandem, recorded as the operator.
    #[must_use]
    pub fn operator(organization_id: Option<Id<Organization>>, at: OffsetDateTime) -> Self {
        Self {
            organization_id,
            id: None,
            role: "operator",
            staff: None,
            ip: None,
            at,
        }
    }

    /// Tandem itself, acting on a schedule (moving an unacknowledged worry up): no person,
    /// recorded as the system.
    #[must_use]
    pub fn system(organization_id: Id<Organization>, at: OffsetDateTime) -> Self {
        Self {
            organization_id: Some(organization_id),
            id: None,
            role: "system",
            staff: None,
            ip: None,
            at,
        }
    }

    /// The same actor acting in `organization_id` (the operator, once the command named the
    /// organization, or once it created it).
    #[must_use]
    pub fn in_organization(mut self, organization_id: Id<Organization>) -> Self {
        self.organization_id = Some(organization_id);
        self
    }

    /// When the action happens.
    #[must_use]
    pub fn at(&self) -> OffsetDateTime {
        self.at
    }

    /// The member of staff acting, if it is one.
    #[must_use]
    pub fn staff_user(&self) -> Option<Id<User>> {
        self.staff.map(|s| s.user_id)
    }

    /// The member of staff acting, with their role and team, if it is one.
    #[must_use]
    pub fn staff(&self) -> Option<&Staff> {
        self.staff.as_ref()
    }

    /// The audit event for `entry` done by this actor.
    #[must_use]
    pub fn event(&self, entry: Entry<'_>) -> NewAuditEvent {
        NewAuditEvent {
            at: self.at,
            organization_id: self.organization_id.map(|id| id.to_string()),
            actor_id: self.id.clone(),
            actor_role: self.role.to_owned(),
            action: entry.action.to_owned(),
            subject_id: entry.subject_id,
            object_kind: entry.object_kind.to_owned(),
            object_id: entry.object_id,
            purpose: entry.purpose.to_owned(),
            outcome: entry.outcome,
            ip: self.ip.clone(),
        }
    }

    /// An event about a course: the course (the young person's record) is the subject;
    /// `object_id` names the goal, step, round or meeting when there is one.
    #[must_use]
    pub fn course_event(
        &self,
        course: Id<Course>,
        action: &str,
        object_kind: &str,
        object_id: Option<String>,
        purpose: &str,
    ) -> NewAuditEvent {
        let course = course.to_string();
        let mut entry = Entry::allowed(
            action,
            object_kind,
            Some(object_id.unwrap_or_else(|| course.clone())),
            purpose,
        );
        entry.subject_id = Some(course);
        self.event(entry)
    }
}

/// What happened, to whom and to what; the rest comes from the [`Actor`].
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// Dotted action, e.g. `user.read`.
    pub action: &'a str,
    /// Kind of record.
    pub object_kind: &'a str,
    /// The record.
    pub object_id: Option<String>,
    /// The person the data is about.
    pub subject_id: Option<String>,
    /// Why — usually the page.
    pub purpose: &'a str,
    /// Outcome.
    pub outcome: Outcome,
}

impl<'a> Entry<'a> {
    /// An allowed action on one record about one person (the record's own id as subject).
    #[must_use]
    pub fn allowed(
        action: &'a str,
        object_kind: &'a str,
        object_id: Option<String>,
        purpose: &'a str,
    ) -> Self {
        Self {
            action,
            object_kind,
            subject_id: object_id.clone(),
            object_id,
            purpose,
            outcome: Outcome::Allowed,
        }
    }
}
