//! Who may do what: one policy for every request (security requirements R1, R5, R6).
//!
//! [`authorize`] answers `Allow` or `Deny` for a principal, an action and a resource. It is
//! **default deny**: an action is allowed only when an allow rule names it for the principal, and
//! only after no deny rule applied — a deny is final and no later rule can turn it into an allow.
//! The first deny rule is tenant isolation: nothing in another organization is ever allowed.
//!
//! The intended table is `access-policy.md` in the shared specification; course-level rules
//! (assigned processor, consent scopes) join as courses arrive.

use crate::Id;
use crate::organization::Organization;
use crate::staff::{StaffRole, Team, User};
use crate::story::campaign::Audience;

/// Marker type for [`crate::Id`]s of courses.
#[derive(Debug)]
pub enum Course {}

/// Marker type for [`crate::Id`]s of story campaigns.
#[derive(Debug)]
pub enum Campaign {}

/// A signed-in member of staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Staff {
    /// Their account.
    pub user_id: Id<User>,
    /// Their organization.
    pub organization_id: Id<Organization>,
    /// Their role.
    pub role: StaffRole,
    /// Their team, for managers and processors.
    pub team_id: Option<Id<Team>>,
}

/// Whoever makes a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Principal {
    /// Nobody signed in (including a teller following a campaign link).
    Anonymous,
    /// A member of staff.
    Staff(Staff),
    /// A young person, signed in to their own course (accounts come with invitations).
    YoungPerson {
        /// Their organization.
        organization_id: Id<Organization>,
        /// Their course.
        course_id: Id<Course>,
    },
    /// A member of a young person's network, within their consent scope.
    NetworkMember {
        /// Their organization.
        organization_id: Id<Organization>,
        /// The course they take part in.
        course_id: Id<Course>,
        /// Whether their consent scope is in force (not revoked, not expired); what it covers is
        /// checked per goal, step and meeting.
        consent_active: bool,
    },
}

impl Principal {
    /// The organization the principal belongs to, if any.
    #[must_use]
    pub fn organization_id(&self) -> Option<Id<Organization>> {
        match self {
            Self::Anonymous => None,
            Self::Staff(staff) => Some(staff.organization_id),
            Self::YoungPerson {
                organization_id, ..
            }
            | Self::NetworkMember {
                organization_id, ..
            } => Some(*organization_id),
        }
    }

    /// The staff member, if the principal is one.
    #[must_use]
    pub fn staff(&self) -> Option<&Staff> {
        match self {
            Self::Staff(staff) => Some(staff),
            _ => None,
        }
    }
}

/// What is being attempted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// See one's own home page and account.
    ViewOwnHome,
    /// Change one's own password.
    ChangeOwnPassword,
    /// List and read staff accounts and teams of the organization.
    ViewUsers,
    /// Create, deactivate, lock/unlock accounts and issue set-password links.
    ManageUsers,
    /// Change a staff member's role (also needs a recent login, R13).
    ChangeRole,
    /// Create and deactivate teams.
    ManageTeams,
    /// Read the audit trail.
    ViewAudit,
    /// Start a new course (in one's own team).
    CreateCourse,
    /// See a course in lists and counts.
    ListCourse,
    /// Read a course's overview, goals, steps, meetings and ratings.
    ReadCourse,
    /// Read staff-internal notes of a course.
    ReadInternalNotes,
    /// Create and edit goals, steps, meetings, network and ratings (the processor's work).
    EditCourse,
    /// Reassign the processor or add a deputy.
    ReassignCourse,
    /// Export a course's summary for the system of record (also needs a recent login, R13).
    ExportCourse,
    /// See one's worklist of courses (processors: assigned; managers: the team's).
    ViewWorklist,
    /// Acknowledge a young person's worry on a course ("set"), with what was done: the
    /// course's processor and deputies, and its team's manager — also when managers do not
    /// read courses, since an unacknowledged worry moves to them (ADR 0016).
    AcknowledgeWorry,
    /// Say when one is away (processors and team managers); a team manager also for their
    /// team's members, which the handler checks.
    SetAbsence,
    /// Define instruments and their norms.
    ManageInstruments,
    /// Change the organization's course settings (rule set, thresholds, legal bases).
    ManageSettings,
    /// Invite the young person or network members, and revoke invitations.
    InviteCitizens,
    /// Add goals in one's own words (the young person).
    EditOwnGoals,
    /// Mark one's own steps done.
    MarkOwnStepsDone,
    /// Send a statement to the processor (the young person).
    SendStatement,
    /// Give one's own ratings and session feedback when invited.
    GiveRatings,
    /// Approve meeting minutes shared with one (the young person).
    ApproveMinutes,
    /// Change what one's network may see (the young person; from 15, a rule of the use case
    /// in `course::consent`).
    ChangeNetworkConsent,
    /// See who looked at one's data (R17).
    ViewOwnAccessLog,
    /// Download one's data (R21).
    ExportOwnData,
    /// See the campaigns one may tell in, browse or run.
    ViewCampaigns,
    /// Tell a story in a campaign whose audience includes one.
    TellStory,
    /// Browse a campaign's stories (the catalog and a story's page).
    BrowseStories,
    /// Add codes and tags to a campaign's stories.
    AnnotateStories,
    /// Create campaigns (organization) or change and import into one (campaign).
    ManageCampaigns,
    /// Download a campaign's stories as a file (also needs a recent login, R13): only those who
    /// both run the campaign and may read its stories — heads every campaign, team managers
    /// their own team's. Administrators run campaigns but never read stories, so never export.
    ExportStories,
    /// Import, copy to a new version, archive and export signifier frameworks.
    ManageFrameworks,
    /// Read a team's practices (huddles, probes, next steps, "you said, we did") and its
    /// hybrid profile card.
    ViewPractices,
    /// Add to a team's practices: offer an interpretation, mark one's next step done.
    ContributeToPractices,
    /// Run a team's practices: hold huddles, sanction and decide probes, publish outcomes.
    RunPractices,
    /// See a team's three-column indicators (aggregates; drill-down needs course reading).
    ViewTeamIndicators,
    /// See the department's three-column indicators across all teams.
    ViewDepartmentIndicators,
    /// Export the management views to XLSX or CSV (also needs a recent login, R13): team
    /// managers their own team's, heads every team's and the department's.
    ExportViews,
}

/// How a course relates to the organization's people — what relationship-aware rules look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseAccess {
    /// The course.
    pub id: Id<Course>,
    /// Its organization.
    pub organization_id: Id<Organization>,
    /// The team responsible.
    pub team_id: Id<Team>,
    /// The assigned processor.
    pub processor_id: Id<User>,
    /// Deputies with the same access as the processor.
    pub deputy_ids: Vec<Id<User>>,
    /// Whether team managers may read their team's courses (an organization setting, on by
    /// default; off leaves managers with aggregates only).
    pub managers_read_courses: bool,
}

/// How a story campaign relates to the organization's people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignAccess {
    /// The campaign.
    pub id: Id<Campaign>,
    /// Its organization.
    pub organization_id: Id<Organization>,
    /// The team it belongs to (its audience for a staff campaign; the organizer's team
    /// otherwise); none for department-wide campaigns.
    pub team_id: Option<Id<Team>>,
    /// Who is asked.
    pub audience: Audience,
    /// Whether the audience may browse what was told.
    pub returns_stories: bool,
    /// The courses whose young people and networks are asked (audience `courses`).
    pub course_ids: Vec<Id<Course>>,
}

/// What the action is performed on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource {
    /// The organization as a whole (its settings, user list, audit trail).
    Organization(Id<Organization>),
    /// One staff account.
    User {
        /// The account.
        id: Id<User>,
        /// Its organization.
        organization_id: Id<Organization>,
    },
    /// One team.
    Team {
        /// The team.
        id: Id<Team>,
        /// Its organization.
        organization_id: Id<Organization>,
    },
    /// One course and its relationships.
    Course(CourseAccess),
    /// One story campaign.
    Campaign(CampaignAccess),
}

impl Resource {
    /// The organization the resource belongs to.
    #[must_use]
    pub fn organization_id(&self) -> Id<Organization> {
        match self {
            Self::Organization(id) => *id,
            Self::User {
                organization_id, ..
            }
            | Self::Team {
                organization_id, ..
            } => *organization_id,
            Self::Course(course) => course.organization_id,
            Self::Campaign(campaign) => campaign.organization_id,
        }
    }
}

/// The policy's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Go ahead.
    Allow,
    /// No. Callers answer as if the resource did not exist (R2).
    Deny,
}

/// A rule that forbids regardless of any allow rule.
type DenyRule = fn(&Principal, Action, &Resource) -> bool;
/// A rule that permits when no deny rule applied.
type AllowRule = fn(&Principal, Action, &Resource) -> bool;

const DENY_RULES: &[DenyRule] = &[
    // Tenant isolation (R5): never across organizations; anonymous has no organization.
    |principal, _, resource| principal.organization_id() != Some(resource.organization_id()),
];

/// Whether a staff member is the course's processor or one of its deputies.
fn assigned(staff: &Staff, course: &CourseAccess) -> bool {
    staff.user_id == course.processor_id || course.deputy_ids.contains(&staff.user_id)
}

const ALLOW_RULES: &[AllowRule] = &[
    // Every signed-in member of staff has a home page and may change their own password.
    |principal, action, _| {
        principal.staff().is_some()
            && matches!(action, Action::ViewOwnHome | Action::ChangeOwnPassword)
    },
    // Administrators run the organization: users, teams, roles and the audit trail.
    |principal, action, _| {
        principal
            .staff()
            .is_some_and(|s| s.role == StaffRole::Administrator)
            && matches!(
                action,
                Action::ViewUsers
                    | Action::ManageUsers
                    | Action::ChangeRole
                    | Action::ManageTeams
                    | Action::ViewAudit
                    | Action::ManageInstruments
                    | Action::ManageSettings
                    | Action::ManageFrameworks
            )
    },
    // Every member of staff sees the campaigns that concern them (the list is filtered).
    |principal, action, _| principal.staff().is_some() && action == Action::ViewCampaigns,
    // Administrators and heads run campaigns anywhere; team managers create them (for their
    // own team, which the handler checks) and run their own team's.
    |principal, action, resource| {
        let Some(staff) = principal.staff() else {
            return false;
        };
        action == Action::ManageCampaigns
            && match (staff.role, resource) {
                (StaffRole::Administrator | StaffRole::HeadOfDepartment, _) => true,
                (StaffRole::TeamManager, Resource::Organization(_)) => true,
                (StaffRole::TeamManager, Resource::Campaign(c)) => {
                    c.team_id.is_some() && c.team_id == staff.team_id
                }
                _ => false,
            }
    },
    // Staff tell stories in their own team's staff campaigns.
    |principal, action, resource| {
        let (Some(staff), Resource::Campaign(c)) = (principal.staff(), resource) else {
            return false;
        };
        action == Action::TellStory
            && c.audience == Audience::Team
            && c.team_id.is_some()
            && c.team_id == staff.team_id
    },
    // Exporting stories: the access policy's "exports of views" — heads every campaign,
    // team managers their own team's; never processors or administrators.
    |principal, action, resource| {
        let (Some(staff), Resource::Campaign(c)) = (principal.staff(), resource) else {
            return false;
        };
        action == Action::ExportStories
            && match staff.role {
                StaffRole::HeadOfDepartment => true,
                StaffRole::TeamManager => c.team_id.is_some() && c.team_id == staff.team_id,
                StaffRole::Processor | StaffRole::Administrator => false,
            }
    },
    // Browsing stories: heads all campaigns, team managers their team's, processors their
    // team's when the campaign returns its stories to them. Administrators never.
    |principal, action, resource| {
        let (Some(staff), Resource::Campaign(c)) = (principal.staff(), resource) else {
            return false;
        };
        if !matches!(action, Action::BrowseStories | Action::AnnotateStories) {
            return false;
        }
        let own_team = c.team_id.is_some() && c.team_id == staff.team_id;
        match staff.role {
            StaffRole::HeadOfDepartment => true,
            StaffRole::TeamManager => own_team,
            StaffRole::Processor => own_team && c.returns_stories,
            StaffRole::Administrator => false,
        }
    },
    // The practices (access-policy.md, "Huddles, probes, …"): processors read and contribute in
    // their own team, team managers run them for their own team, heads read every team's.
    |principal, action, resource| {
        let (Some(staff), Resource::Team { id, .. }) = (principal.staff(), resource) else {
            return false;
        };
        let own_team = staff.team_id == Some(*id);
        match (staff.role, action) {
            (StaffRole::HeadOfDepartment, Action::ViewPractices) => true,
            (
                StaffRole::Processor | StaffRole::TeamManager,
                Action::ViewPractices | Action::ContributeToPractices,
            ) => own_team,
            (StaffRole::TeamManager, Action::RunPractices) => own_team,
            (StaffRole::HeadOfDepartment, Action::ViewTeamIndicators) => true,
            (StaffRole::Processor | StaffRole::TeamManager, Action::ViewTeamIndicators) => own_team,
            (StaffRole::HeadOfDepartment, Action::ExportViews) => true,
            (StaffRole::TeamManager, Action::ExportViews) => own_team,
            _ => false,
        }
    },
    // The department's indicators: heads of department only (access-policy.md, "Three-column
    // indicators"); processors and team managers see their own team's.
    |principal, action, resource| {
        matches!(
            action,
            Action::ViewDepartmentIndicators | Action::ExportViews
        ) && matches!(resource, Resource::Organization(_))
            && principal
                .staff()
                .is_some_and(|s| s.role == StaffRole::HeadOfDepartment)
    },
    // Young people and network members (consent in force) tell stories in campaigns that ask
    // their course.
    |principal, action, resource| {
        let Resource::Campaign(c) = resource else {
            return false;
        };
        let course = match principal {
            Principal::YoungPerson { course_id, .. }
            | Principal::NetworkMember {
                course_id,
                consent_active: true,
                ..
            } => course_id,
            _ => return false,
        };
        action == Action::TellStory
            && c.audience == Audience::Courses
            && c.course_ids.contains(course)
    },
    // Processors and team managers have a worklist of courses, and say when they are away.
    |principal, action, _| {
        matches!(action, Action::ViewWorklist | Action::SetAbsence)
            && principal
                .staff()
                .is_some_and(|s| matches!(s.role, StaffRole::Processor | StaffRole::TeamManager))
    },
    // Processors start courses in their own team.
    |principal, action, resource| {
        action == Action::CreateCourse
            && matches!(resource, Resource::Team { id, .. }
                if principal.staff().is_some_and(|s| s.role == StaffRole::Processor && s.team_id == Some(*id)))
    },
    // The assigned processor (or a deputy) does the course's work.
    |principal, action, resource| {
        let (Some(staff), Resource::Course(course)) = (principal.staff(), resource) else {
            return false;
        };
        assigned(staff, course)
            && matches!(
                action,
                Action::ListCourse
                    | Action::ReadCourse
                    | Action::ReadInternalNotes
                    | Action::EditCourse
                    | Action::ExportCourse
                    | Action::InviteCitizens
                    | Action::AcknowledgeWorry
            )
    },
    // The team's manager reads its courses (when the organization allows it) and reassigns them.
    |principal, action, resource| {
        let (Some(staff), Resource::Course(course)) = (principal.staff(), resource) else {
            return false;
        };
        if staff.role != StaffRole::TeamManager || staff.team_id != Some(course.team_id) {
            return false;
        }
        matches!(action, Action::ReassignCourse | Action::AcknowledgeWorry)
            || (course.managers_read_courses
                && matches!(
                    action,
                    Action::ListCourse | Action::ReadCourse | Action::ReadInternalNotes
                ))
    },
    // A young person sees their own course, except staff-internal notes.
    |principal, action, resource| {
        matches!((principal, resource), (Principal::YoungPerson { course_id, .. }, Resource::Course(course)) if *course_id == course.id)
            && matches!(
                action,
                Action::ListCourse
                    | Action::ReadCourse
                    | Action::EditOwnGoals
                    | Action::MarkOwnStepsDone
                    | Action::SendStatement
                    | Action::GiveRatings
                    | Action::ApproveMinutes
                    | Action::ChangeNetworkConsent
                    | Action::ChangeOwnPassword
                    | Action::ViewOwnAccessLog
                    | Action::ExportOwnData
            )
    },
    // A network member with consent in force sees the course (what inside it: per item, by scope).
    |principal, action, resource| {
        matches!((principal, resource),
            (Principal::NetworkMember { course_id, consent_active: true, .. }, Resource::Course(course)) if *course_id == course.id)
            && matches!(
                action,
                Action::ListCourse
                    | Action::ReadCourse
                    | Action::MarkOwnStepsDone
                    | Action::ViewOwnAccessLog
                    | Action::ChangeOwnPassword
                    | Action::GiveRatings
            )
    },
];

/// Decides whether `principal` may perform `action` on `resource`.
#[must_use]
pub fn authorize(principal: &Principal, action: Action, resource: &Resource) -> Decision {
    if DENY_RULES
        .iter()
        .any(|rule| rule(principal, action, resource))
    {
        return Decision::Deny;
    }
    if ALLOW_RULES
        .iter()
        .any(|rule| rule(principal, action, resource))
    {
        return Decision::Allow;
    }
    Decision::Deny
}

#[cfg(test)]
mod tests;
