//! Tests of the policy: the course rows of access-policy.md, tenant isolation, default deny.
use super::*;

fn staff(role: StaffRole, organization_id: Id<Organization>) -> Principal {
    Principal::Staff(Staff {
        user_id: Id::new(),
        organization_id,
        role,
        team_id: None,
    })
}

const ALL_ACTIONS: [Action; 41] = [
    Action::ViewOwnHome,
    Action::ChangeOwnPassword,
    Action::ViewUsers,
    Action::ManageUsers,
    Action::ChangeRole,
    Action::ManageTeams,
    Action::ViewAudit,
    Action::CreateCourse,
    Action::ListCourse,
    Action::ReadCourse,
    Action::ReadInternalNotes,
    Action::EditCourse,
    Action::ReassignCourse,
    Action::ExportCourse,
    Action::ViewWorklist,
    Action::AcknowledgeWorry,
    Action::SetAbsence,
    Action::ManageInstruments,
    Action::ManageSettings,
    Action::InviteCitizens,
    Action::EditOwnGoals,
    Action::MarkOwnStepsDone,
    Action::SendStatement,
    Action::GiveRatings,
    Action::ApproveMinutes,
    Action::ChangeNetworkConsent,
    Action::ViewOwnAccessLog,
    Action::ExportOwnData,
    Action::ViewCampaigns,
    Action::TellStory,
    Action::BrowseStories,
    Action::AnnotateStories,
    Action::ManageCampaigns,
    Action::ExportStories,
    Action::ManageFrameworks,
    Action::ViewPractices,
    Action::ContributeToPractices,
    Action::RunPractices,
    Action::ViewTeamIndicators,
    Action::ViewDepartmentIndicators,
    Action::ExportViews,
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
            Action::ManageInstruments,
            Action::ManageSettings,
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

/// The course rows of access-policy.md: who may do what with one course.
#[test]
fn course_access_follows_the_policy_table() {
    let org = Id::new();
    let team = Id::new();
    let other_team = Id::new();
    let person = |role, team_id| Staff {
        user_id: Id::new(),
        organization_id: org,
        role,
        team_id,
    };
    let processor = person(StaffRole::Processor, Some(team));
    let deputy = person(StaffRole::Processor, Some(team));
    let colleague = person(StaffRole::Processor, Some(team));
    let manager = person(StaffRole::TeamManager, Some(team));
    let other_manager = person(StaffRole::TeamManager, Some(other_team));
    let head = person(StaffRole::HeadOfDepartment, None);
    let admin = person(StaffRole::Administrator, None);
    let course = CourseAccess {
        id: Id::new(),
        organization_id: org,
        team_id: team,
        processor_id: processor.user_id,
        deputy_ids: vec![deputy.user_id],
        managers_read_courses: true,
    };
    let young = Principal::YoungPerson {
        organization_id: org,
        course_id: course.id,
    };
    let other_young = Principal::YoungPerson {
        organization_id: org,
        course_id: Id::new(),
    };
    let member = Principal::NetworkMember {
        organization_id: org,
        course_id: course.id,
        consent_active: true,
    };
    let revoked = Principal::NetworkMember {
        organization_id: org,
        course_id: course.id,
        consent_active: false,
    };
    let resource = Resource::Course(course.clone());
    let allowed = |p: &Principal, a| authorize(p, a, &resource) == Decision::Allow;
    use Action::{EditCourse, ListCourse, ReadCourse, ReadInternalNotes, ReassignCourse};
    // (principal, read, internal notes, edit, reassign)
    let rows: Vec<(&str, Principal, bool, bool, bool, bool)> = vec![
        (
            "assigned processor",
            Principal::Staff(processor),
            true,
            true,
            true,
            false,
        ),
        ("deputy", Principal::Staff(deputy), true, true, true, false),
        (
            "other processor in the team",
            Principal::Staff(colleague),
            false,
            false,
            false,
            false,
        ),
        (
            "team manager",
            Principal::Staff(manager),
            true,
            true,
            false,
            true,
        ),
        (
            "manager of another team",
            Principal::Staff(other_manager),
            false,
            false,
            false,
            false,
        ),
        (
            "head of department",
            Principal::Staff(head),
            false,
            false,
            false,
            false,
        ),
        (
            "administrator",
            Principal::Staff(admin),
            false,
            false,
            false,
            false,
        ),
        ("young person (own)", young, true, false, false, false),
        (
            "young person (other course)",
            other_young,
            false,
            false,
            false,
            false,
        ),
        (
            "network member (consent active)",
            member,
            true,
            false,
            false,
            false,
        ),
        (
            "network member (revoked or expired)",
            revoked,
            false,
            false,
            false,
            false,
        ),
        (
            "anonymous",
            Principal::Anonymous,
            false,
            false,
            false,
            false,
        ),
    ];
    for (name, principal, read, notes, edit, reassign) in rows {
        assert_eq!(allowed(&principal, ReadCourse), read, "{name}: read");
        assert_eq!(
            allowed(&principal, ListCourse),
            read,
            "{name}: lists agree with reading (R3)"
        );
        assert_eq!(
            allowed(&principal, ReadInternalNotes),
            notes,
            "{name}: internal notes"
        );
        assert_eq!(allowed(&principal, EditCourse), edit, "{name}: edit");
        assert_eq!(
            allowed(&principal, Action::ExportCourse),
            edit,
            "{name}: the summary export is the assigned processor's"
        );
        assert_eq!(
            allowed(&principal, ReassignCourse),
            reassign,
            "{name}: reassign"
        );
    }
    let closed = Resource::Course(CourseAccess {
        managers_read_courses: false,
        ..course
    });
    assert_eq!(
        authorize(&Principal::Staff(manager), ReadCourse, &closed),
        Decision::Deny,
        "manager reading switched off"
    );
    assert_eq!(
        authorize(&Principal::Staff(manager), ReassignCourse, &closed),
        Decision::Allow
    );
}

#[test]
fn processors_start_courses_only_in_their_own_team() {
    let org = Id::new();
    let team = Id::new();
    let processor = Principal::Staff(Staff {
        user_id: Id::new(),
        organization_id: org,
        role: StaffRole::Processor,
        team_id: Some(team),
    });
    let manager = Principal::Staff(Staff {
        user_id: Id::new(),
        organization_id: org,
        role: StaffRole::TeamManager,
        team_id: Some(team),
    });
    let own = Resource::Team {
        id: team,
        organization_id: org,
    };
    let other = Resource::Team {
        id: Id::new(),
        organization_id: org,
    };
    assert_eq!(
        authorize(&processor, Action::CreateCourse, &own),
        Decision::Allow
    );
    assert_eq!(
        authorize(&processor, Action::CreateCourse, &other),
        Decision::Deny
    );
    assert_eq!(
        authorize(&manager, Action::CreateCourse, &own),
        Decision::Deny
    );
}

#[test]
fn a_course_in_another_organization_is_never_reachable() {
    let team = Id::new();
    let processor = Staff {
        user_id: Id::new(),
        organization_id: Id::new(),
        role: StaffRole::Processor,
        team_id: Some(team),
    };
    let foreign = Resource::Course(CourseAccess {
        id: Id::new(),
        organization_id: Id::new(),
        team_id: team,
        processor_id: processor.user_id,
        deputy_ids: Vec::new(),
        managers_read_courses: true,
    });
    for action in ALL_ACTIONS {
        assert_eq!(
            authorize(&Principal::Staff(processor), action, &foreign),
            Decision::Deny,
            "{action:?}"
        );
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
            course_id: Id::new(),
        },
        Principal::NetworkMember {
            organization_id: org,
            course_id: Id::new(),
            consent_active: true,
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

#[test]
fn processors_and_team_managers_have_a_worklist_and_nobody_else() {
    let org = Id::new();
    let here = Resource::Organization(org);
    for role in StaffRole::ALL {
        let expected = if matches!(role, StaffRole::Processor | StaffRole::TeamManager) {
            Decision::Allow
        } else {
            Decision::Deny
        };
        assert_eq!(
            authorize(&staff(role, org), Action::ViewWorklist, &here),
            expected,
            "{role}"
        );
    }
    assert_eq!(
        authorize(&Principal::Anonymous, Action::ViewWorklist, &here),
        Decision::Deny
    );
}

#[test]
fn citizens_act_on_their_own_course_within_their_role() {
    let org = Id::new();
    let course = CourseAccess {
        id: Id::new(),
        organization_id: org,
        team_id: Id::new(),
        processor_id: Id::new(),
        deputy_ids: vec![],
        managers_read_courses: true,
    };
    let here = Resource::Course(course.clone());
    let young = Principal::YoungPerson {
        organization_id: org,
        course_id: course.id,
    };
    let member = Principal::NetworkMember {
        organization_id: org,
        course_id: course.id,
        consent_active: true,
    };
    let revoked = Principal::NetworkMember {
        organization_id: org,
        course_id: course.id,
        consent_active: false,
    };
    let stranger = Principal::YoungPerson {
        organization_id: org,
        course_id: Id::new(),
    };
    for action in [
        Action::EditOwnGoals,
        Action::SendStatement,
        Action::ExportOwnData,
    ] {
        assert_eq!(
            authorize(&young, action, &here),
            Decision::Allow,
            "{action:?}"
        );
        assert_eq!(
            authorize(&member, action, &here),
            Decision::Deny,
            "{action:?}: young person only"
        );
        assert_eq!(authorize(&stranger, action, &here), Decision::Deny);
    }
    for action in [
        Action::MarkOwnStepsDone,
        Action::ViewOwnAccessLog,
        Action::ReadCourse,
    ] {
        assert_eq!(
            authorize(&member, action, &here),
            Decision::Allow,
            "{action:?}"
        );
        assert_eq!(
            authorize(&revoked, action, &here),
            Decision::Deny,
            "{action:?} after revocation"
        );
    }
    for action in [
        Action::EditCourse,
        Action::ReadInternalNotes,
        Action::InviteCitizens,
    ] {
        assert_eq!(
            authorize(&young, action, &here),
            Decision::Deny,
            "{action:?}: never a citizen's"
        );
    }
}

fn team_staff(role: StaffRole, organization_id: Id<Organization>, team: Id<Team>) -> Principal {
    Principal::Staff(Staff {
        user_id: Id::new(),
        organization_id,
        role,
        team_id: Some(team),
    })
}

fn campaign(org: Id<Organization>, team: Id<Team>, audience: Audience, returns: bool) -> Resource {
    Resource::Campaign(CampaignAccess {
        id: Id::new(),
        organization_id: org,
        team_id: Some(team),
        audience,
        returns_stories: returns,
        course_ids: Vec::new(),
    })
}

#[test]
fn the_stories_rows_of_the_policy_hold_for_each_staff_role() {
    let org = Id::new();
    let team = Id::new();
    let other_team = Id::new();
    let quiet = campaign(org, team, Audience::Team, false);
    let returning = campaign(org, team, Audience::Team, true);
    let elsewhere = campaign(org, other_team, Audience::Team, true);
    let processor = team_staff(StaffRole::Processor, org, team);
    let manager = team_staff(StaffRole::TeamManager, org, team);
    let head = staff(StaffRole::HeadOfDepartment, org);
    let admin = staff(StaffRole::Administrator, org);
    let allow = |p: &Principal, a, r: &Resource| authorize(p, a, r) == Decision::Allow;
    // Telling: the team's own staff campaign only.
    assert!(allow(&processor, Action::TellStory, &quiet));
    assert!(allow(&manager, Action::TellStory, &quiet));
    assert!(!allow(&processor, Action::TellStory, &elsewhere));
    assert!(!allow(&admin, Action::TellStory, &quiet));
    // Browsing: processors only when stories are returned; managers their team; heads all.
    assert!(!allow(&processor, Action::BrowseStories, &quiet));
    assert!(allow(&processor, Action::BrowseStories, &returning));
    assert!(!allow(&processor, Action::BrowseStories, &elsewhere));
    assert!(allow(&manager, Action::BrowseStories, &quiet));
    assert!(!allow(&manager, Action::BrowseStories, &elsewhere));
    assert!(allow(&head, Action::BrowseStories, &elsewhere));
    assert!(!allow(&admin, Action::BrowseStories, &quiet));
    // Running campaigns: administrators and heads anywhere, managers their own team's.
    assert!(allow(&manager, Action::ManageCampaigns, &quiet));
    assert!(!allow(&manager, Action::ManageCampaigns, &elsewhere));
    assert!(!allow(&processor, Action::ManageCampaigns, &quiet));
    assert!(!allow(
        &processor,
        Action::ManageCampaigns,
        &Resource::Organization(org)
    ));
    assert!(allow(&head, Action::ManageCampaigns, &elsewhere));
    // Exporting stories: who runs the campaign and reads its stories — never administrators.
    assert!(allow(&manager, Action::ExportStories, &quiet));
    assert!(!allow(&manager, Action::ExportStories, &elsewhere));
    assert!(allow(&head, Action::ExportStories, &elsewhere));
    assert!(!allow(&processor, Action::ExportStories, &returning));
    assert!(!allow(&admin, Action::ExportStories, &quiet));
    assert!(allow(&admin, Action::ManageCampaigns, &quiet));
    assert!(allow(
        &admin,
        Action::ManageFrameworks,
        &Resource::Organization(org)
    ));
    assert!(!allow(
        &head,
        Action::ManageFrameworks,
        &Resource::Organization(org)
    ));
    // Another organization: nothing.
    let foreign = campaign(Id::new(), team, Audience::Team, true);
    for action in ALL_ACTIONS {
        assert!(!allow(&head, action, &foreign));
        assert!(!allow(&processor, action, &foreign));
    }
}

#[test]
fn citizens_tell_stories_only_in_campaigns_that_ask_their_course() {
    let org = Id::new();
    let course = Id::new();
    let mut asked = CampaignAccess {
        id: Id::new(),
        organization_id: org,
        team_id: None,
        audience: Audience::Courses,
        returns_stories: true,
        course_ids: vec![course],
    };
    let young = Principal::YoungPerson {
        organization_id: org,
        course_id: course,
    };
    let member = |consent_active| Principal::NetworkMember {
        organization_id: org,
        course_id: course,
        consent_active,
    };
    let resource = Resource::Campaign(asked.clone());
    assert_eq!(
        authorize(&young, Action::TellStory, &resource),
        Decision::Allow
    );
    assert_eq!(
        authorize(&member(true), Action::TellStory, &resource),
        Decision::Allow
    );
    assert_eq!(
        authorize(&member(false), Action::TellStory, &resource),
        Decision::Deny
    );
    assert_eq!(
        authorize(&young, Action::BrowseStories, &resource),
        Decision::Deny
    );
    asked.course_ids = vec![Id::new()];
    let resource = Resource::Campaign(asked);
    assert_eq!(
        authorize(&young, Action::TellStory, &resource),
        Decision::Deny
    );
    assert_eq!(
        authorize(&Principal::Anonymous, Action::TellStory, &resource),
        Decision::Deny
    );
}

#[test]
fn the_practices_rows_of_the_policy_hold_for_each_staff_role() {
    let org = Id::new();
    let (own, other) = (Id::new(), Id::new());
    let team = |id| Resource::Team {
        id,
        organization_id: org,
    };
    // (role, action, own team, another team)
    let expected = [
        (StaffRole::Processor, Action::ViewPractices, true, false),
        (
            StaffRole::Processor,
            Action::ContributeToPractices,
            true,
            false,
        ),
        (StaffRole::Processor, Action::RunPractices, false, false),
        (StaffRole::TeamManager, Action::ViewPractices, true, false),
        (
            StaffRole::TeamManager,
            Action::ContributeToPractices,
            true,
            false,
        ),
        (StaffRole::TeamManager, Action::RunPractices, true, false),
        (
            StaffRole::HeadOfDepartment,
            Action::ViewPractices,
            true,
            true,
        ),
        (
            StaffRole::HeadOfDepartment,
            Action::ContributeToPractices,
            false,
            false,
        ),
        (
            StaffRole::HeadOfDepartment,
            Action::RunPractices,
            false,
            false,
        ),
        (
            StaffRole::Administrator,
            Action::ViewPractices,
            false,
            false,
        ),
        (StaffRole::Administrator, Action::RunPractices, false, false),
        (
            StaffRole::Processor,
            Action::ViewTeamIndicators,
            true,
            false,
        ),
        (
            StaffRole::TeamManager,
            Action::ViewTeamIndicators,
            true,
            false,
        ),
        (
            StaffRole::HeadOfDepartment,
            Action::ViewTeamIndicators,
            true,
            true,
        ),
        (
            StaffRole::Administrator,
            Action::ViewTeamIndicators,
            false,
            false,
        ),
        (StaffRole::Processor, Action::ExportViews, false, false),
        (StaffRole::TeamManager, Action::ExportViews, true, false),
        (StaffRole::HeadOfDepartment, Action::ExportViews, true, true),
        (StaffRole::Administrator, Action::ExportViews, false, false),
    ];
    for (role, action, in_own, in_other) in expected {
        let who = team_staff(role, org, own);
        let decide = |allowed: bool| {
            if allowed {
                Decision::Allow
            } else {
                Decision::Deny
            }
        };
        assert_eq!(
            authorize(&who, action, &team(own)),
            decide(in_own),
            "{role:?} {action:?} own"
        );
        assert_eq!(
            authorize(&who, action, &team(other)),
            decide(in_other),
            "{role:?} {action:?} other"
        );
        let elsewhere = Resource::Team {
            id: own,
            organization_id: Id::new(),
        };
        assert_eq!(
            authorize(&who, action, &elsewhere),
            Decision::Deny,
            "never across organizations"
        );
    }
    for citizen in [
        Principal::Anonymous,
        Principal::YoungPerson {
            organization_id: org,
            course_id: Id::new(),
        },
    ] {
        for action in [
            Action::ViewPractices,
            Action::ContributeToPractices,
            Action::RunPractices,
        ] {
            assert_eq!(authorize(&citizen, action, &team(own)), Decision::Deny);
        }
    }
}

#[test]
fn only_heads_see_and_export_the_department_indicators() {
    let org = Id::new();
    for role in StaffRole::ALL {
        let who = team_staff(role, org, Id::new());
        let expected = if role == StaffRole::HeadOfDepartment {
            Decision::Allow
        } else {
            Decision::Deny
        };
        assert_eq!(
            authorize(&who, Action::ExportViews, &Resource::Organization(org)),
            expected,
            "{role:?} exports the department"
        );
        let who = team_staff(role, org, Id::new());
        let expected = if role == StaffRole::HeadOfDepartment {
            Decision::Allow
        } else {
            Decision::Deny
        };
        assert_eq!(
            authorize(
                &who,
                Action::ViewDepartmentIndicators,
                &Resource::Organization(org)
            ),
            expected,
            "{role:?}"
        );
        assert_eq!(
            authorize(
                &who,
                Action::ViewDepartmentIndicators,
                &Resource::Organization(Id::new())
            ),
            Decision::Deny,
            "never another organization's"
        );
    }
}

#[test]
fn a_worry_is_acknowledged_by_the_course_s_people_and_its_team_manager_even_without_course_reading()
{
    let org = Id::new();
    let team = Id::new();
    let other_team = Id::new();
    let person = |role, team_id| Staff {
        user_id: Id::new(),
        organization_id: org,
        role,
        team_id: Some(team_id),
    };
    let processor = person(StaffRole::Processor, team);
    let manager = person(StaffRole::TeamManager, team);
    let colleague = person(StaffRole::Processor, team);
    let other_manager = person(StaffRole::TeamManager, other_team);
    let course = CourseAccess {
        id: Id::new(),
        organization_id: org,
        team_id: team,
        processor_id: processor.user_id,
        deputy_ids: Vec::new(),
        managers_read_courses: false,
    };
    let here = Resource::Course(course);
    let decide = |who: Staff| authorize(&Principal::Staff(who), Action::AcknowledgeWorry, &here);
    assert_eq!(decide(processor), Decision::Allow);
    assert_eq!(decide(manager), Decision::Allow);
    assert_eq!(decide(colleague), Decision::Deny);
    assert_eq!(decide(other_manager), Decision::Deny);
    assert_eq!(
        authorize(&Principal::Staff(manager), Action::ReadCourse, &here),
        Decision::Deny
    );
}
