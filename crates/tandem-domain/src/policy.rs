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
    },
    /// A member of a young person's network, within their consent scope.
    NetworkMember {
        /// Their organization.
        organization_id: Id<Organization>,
    },
}

impl Principal {
    /// The organization the principal belongs to, if any.
    #[must_use]
    pub fn organization_id(&self) -> Option<Id<Organization>> {
        match self {
            Self::Anonymous => None,
            Self::Staff(staff) => Some(staff.organization_id),
            Self::YoungPerson { organization_id } | Self::NetworkMember { organization_id } => {
                Some(*organization_id)
            }
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
}

/// What the action is performed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
mod tests {
    use super::*;

    fn staff(role: StaffRole, organization_id: Id<Organization>) -> Principal {
        Principal::Staff(Staff {
            user_id: Id::new(),
            organization_id,
            role,
            team_id: None,
        })
    }

    const ALL_ACTIONS: [Action; 7] = [
        Action::ViewOwnHome,
        Action::ChangeOwnPassword,
        Action::ViewUsers,
        Action::ManageUsers,
        Action::ChangeRole,
        Action::ManageTeams,
        Action::ViewAudit,
    ];

    #[test]
    fn only_administrators_run_the_organization() {
        let org = Id::new();
        let here = Resource::Organization(org);
        for role in StaffRole::ALL {
            let expected = if role == StaffRole::Administrator {
                Decision::Allow
            } else {
                Decision::Deny
            };
            for action in [
                Action::ViewUsers,
                Action::ManageUsers,
                Action::ChangeRole,
                Action::ManageTeams,
                Action::ViewAudit,
            ] {
                assert_eq!(
                    authorize(&staff(role, org), action, &here),
                    expected,
                    "{role} {action:?}"
                );
            }
            assert_eq!(
                authorize(&staff(role, org), Action::ViewOwnHome, &here),
                Decision::Allow
            );
        }
    }

    #[test]
    fn nothing_is_allowed_across_organizations() {
        let mine = Id::new();
        let theirs = Resource::User {
            id: Id::new(),
            organization_id: Id::new(),
        };
        for role in StaffRole::ALL {
            for action in ALL_ACTIONS {
                assert_eq!(
                    authorize(&staff(role, mine), action, &theirs),
                    Decision::Deny
                );
            }
        }
    }

    #[test]
    fn anonymous_and_citizens_get_nothing_here_by_default() {
        let org = Id::new();
        let here = Resource::Organization(org);
        for principal in [
            Principal::Anonymous,
            Principal::YoungPerson {
                organization_id: org,
            },
            Principal::NetworkMember {
                organization_id: org,
            },
        ] {
            for action in ALL_ACTIONS {
                assert_eq!(
                    authorize(&principal, action, &here),
                    Decision::Deny,
                    "{principal:?} {action:?}"
                );
            }
        }
    }
}
