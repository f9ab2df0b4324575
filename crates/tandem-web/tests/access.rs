//! Access control through the real server: the authorization matrix generated from the route
//! table (R1), hidden existence (R2), tenant isolation (R5), default deny (R6) and CSRF (R14).

mod common;

use std::collections::BTreeMap;

use common::{Person, TestApp, client, concrete, csrf_in, spawn_app};
use reqwest::StatusCode;
use reqwest::header::LOCATION;
use tandem_web::routes::{self, Access};

/// Who may use a route, written down independently of the code's own table: a new route must be
/// added here on purpose, or this test fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expected {
    /// Anyone.
    Public,
    /// Any signed-in member of staff.
    AnyStaff,
    /// Administrators of the organization.
    Admin,
    /// Processors and team managers (their worklist).
    Worklist,
    /// Processors, in their own team.
    CreateCourse,
    /// The course's assigned processor and its team's manager.
    CourseRead,
    /// The course's assigned processor only.
    CourseWork,
    /// The course's team manager only (reassigning, deputies).
    CourseManage,
    /// Signed-in citizens only (staff get 404; anonymous callers go to the citizens' sign-in).
    Citizen,
    /// Administrators, heads and team managers (creating campaigns).
    CreateCampaign,
    /// The campaign's team: its processors and manager (telling a story).
    CampaignTell,
    /// The campaign's team manager and the head (browsing; the seeded campaign does not return
    /// its stories to processors).
    CampaignBrowse,
    /// Administrators, heads and the campaign's team manager (running it).
    CampaignManage,
    /// The campaign's team manager and heads — never administrators (exporting its stories).
    CampaignExport,
    /// The team's processors and manager, and heads (reading its practices).
    TeamView,
    /// The team's processors and manager (adding to its practices); marking a next step done
    /// is further narrowed to the step's owner and the manager.
    TeamContribute,
    /// The team's manager (running its practices).
    TeamRun,
    /// Heads of department (the department's indicators and their export).
    Department,
    /// The team's manager and heads (exporting the team's view).
    TeamExport,
}

fn expected_matrix() -> BTreeMap<(&'static str, &'static str), Expected> {
    use Expected::{
        Admin, AnyStaff, CampaignBrowse, CampaignExport, CampaignManage, CampaignTell, Citizen,
        CourseManage, CourseRead, CourseWork, CreateCampaign, CreateCourse, Department, Public,
        TeamContribute, TeamExport, TeamRun, TeamView, Worklist,
    };
    BTreeMap::from([
        (("GET", "/"), Public),
        (("GET", "/language/{code}"), Public),
        (("GET", "/healthz"), Public),
        (("GET", "/readyz"), Public),
        (("GET", "/metrics"), Public),
        (("POST", "/csp-reports"), Public),
        (("GET", "/static/{version}/{*path}"), Public),
        (("GET", "/login"), Public),
        (("POST", "/login"), Public),
        (("POST", "/logout"), Public),
        (("GET", "/login/confirm"), AnyStaff),
        (("POST", "/login/confirm"), AnyStaff),
        (("GET", "/home"), AnyStaff),
        (("GET", "/account/password"), AnyStaff),
        (("POST", "/account/password"), AnyStaff),
        (("GET", "/set-password/{token}"), Public),
        (("POST", "/set-password/{token}"), Public),
        (("GET", "/admin"), Admin),
        (("GET", "/admin/users"), Admin),
        (("GET", "/admin/users/new"), Admin),
        (("POST", "/admin/users"), Admin),
        (("GET", "/admin/users/{user_id}"), Admin),
        (("POST", "/admin/users/{user_id}/password-link"), Admin),
        (("POST", "/admin/users/{user_id}/lock"), Admin),
        (("POST", "/admin/users/{user_id}/unlock"), Admin),
        (("POST", "/admin/users/{user_id}/deactivate"), Admin),
        (("POST", "/admin/users/{user_id}/role"), Admin),
        (("GET", "/admin/teams"), Admin),
        (("POST", "/admin/teams"), Admin),
        (("POST", "/admin/teams/{team_id}/deactivate"), Admin),
        (("GET", "/admin/audit"), Admin),
        (("GET", "/invitation/{token}"), Public),
        (("POST", "/invitation/{token}"), Public),
        (("GET", "/me/login"), Public),
        (("POST", "/me/login"), Public),
        (("POST", "/me/logout"), Public),
        (("GET", "/me"), Citizen),
        (("POST", "/me/goals"), Citizen),
        (("POST", "/me/steps/{step_id}/done"), Citizen),
        (("POST", "/me/messages"), Citizen),
        (("POST", "/me/goals/{goal_id}"), Citizen),
        (("POST", "/me/steps"), Citizen),
        (("POST", "/me/meetings/{meeting_id}/approve"), Citizen),
        (("POST", "/me/meetings/{meeting_id}/disagree"), Citizen),
        (("GET", "/me/consent"), Citizen),
        (("POST", "/me/consent/{member_id}"), Citizen),
        (("GET", "/me/password"), Citizen),
        (("POST", "/me/password"), Citizen),
        (("POST", "/me/ratings/{round_id}"), Citizen),
        (("POST", "/me/meetings/{meeting_id}/feedback"), Citizen),
        (("GET", "/me/access-log"), Citizen),
        (("GET", "/me/data"), Citizen),
        (("GET", "/me/data.json"), Citizen),
        (("POST", "/courses/{course_id}/invitations"), CourseWork),
        (
            (
                "POST",
                "/courses/{course_id}/invitations/{invitation_id}/revoke",
            ),
            CourseWork,
        ),
        (("GET", "/admin/instruments"), Admin),
        (("POST", "/admin/instruments"), Admin),
        (("POST", "/admin/instruments/{key}/norms"), Admin),
        (("GET", "/admin/settings"), Admin),
        (("POST", "/admin/settings"), Admin),
        (("GET", "/admin/worries"), Admin),
        (("POST", "/admin/worries"), Admin),
        (("GET", "/admin/rules"), Admin),
        (("GET", "/tour"), Public),
        (("GET", "/account/absence"), Worklist),
        (("POST", "/account/absence"), Worklist),
        (
            ("GET", "/courses/{course_id}/worries/{alert_id}"),
            CourseRead,
        ),
        (
            (
                "POST",
                "/courses/{course_id}/worries/{alert_id}/acknowledge",
            ),
            CourseRead,
        ),
        (("GET", "/courses"), Worklist),
        (("GET", "/courses/new"), CreateCourse),
        (("POST", "/courses"), CreateCourse),
        (("GET", "/courses/{course_id}"), CourseRead),
        (("POST", "/courses/{course_id}/assignment"), CourseManage),
        (("GET", "/courses/{course_id}/edit"), CourseWork),
        (("POST", "/courses/{course_id}/edit"), CourseWork),
        (("GET", "/courses/{course_id}/network"), CourseRead),
        (("POST", "/courses/{course_id}/network"), CourseWork),
        (
            ("POST", "/courses/{course_id}/network/parental-authority"),
            CourseWork,
        ),
        (
            ("POST", "/courses/{course_id}/network/{member_id}/end"),
            CourseWork,
        ),
        (
            ("POST", "/courses/{course_id}/network/snapshots"),
            CourseWork,
        ),
        (("GET", "/courses/{course_id}/goals"), CourseRead),
        (("POST", "/courses/{course_id}/goals"), CourseWork),
        (("GET", "/courses/{course_id}/goals/{goal_id}"), CourseRead),
        (
            ("POST", "/courses/{course_id}/goals/{goal_id}/status"),
            CourseWork,
        ),
        (("GET", "/courses/{course_id}/steps"), CourseRead),
        (("POST", "/courses/{course_id}/steps"), CourseWork),
        (
            ("POST", "/courses/{course_id}/steps/{step_id}/status"),
            CourseWork,
        ),
        (("GET", "/courses/{course_id}/meetings"), CourseRead),
        (("GET", "/courses/{course_id}/meetings/new"), CourseWork),
        (("POST", "/courses/{course_id}/meetings"), CourseWork),
        (
            ("GET", "/courses/{course_id}/meetings/{meeting_id}"),
            CourseRead,
        ),
        (
            (
                "POST",
                "/courses/{course_id}/meetings/{meeting_id}/feedback",
            ),
            CourseWork,
        ),
        (("GET", "/courses/{course_id}/ratings/new"), CourseWork),
        (("POST", "/courses/{course_id}/ratings"), CourseWork),
        (
            ("GET", "/courses/{course_id}/ratings/{round_id}"),
            CourseRead,
        ),
        (
            (
                "POST",
                "/courses/{course_id}/ratings/{round_id}/raters/{rater_id}",
            ),
            CourseWork,
        ),
        (
            ("POST", "/courses/{course_id}/ratings/{round_id}/reveal"),
            CourseWork,
        ),
        (
            ("POST", "/courses/{course_id}/ratings/{round_id}/reflection"),
            CourseWork,
        ),
        (
            ("POST", "/courses/{course_id}/alerts/{alert_id}/resolve"),
            CourseWork,
        ),
        (("GET", "/courses/{course_id}/statements"), CourseRead),
        (
            ("POST", "/courses/{course_id}/statements/{statement_id}"),
            CourseWork,
        ),
        (("GET", "/courses/{course_id}/costs"), CourseRead),
        (("POST", "/courses/{course_id}/costs"), CourseWork),
        (("GET", "/courses/{course_id}/summary"), CourseWork),
        (("GET", "/courses/{course_id}/summary.json"), CourseWork),
        (("GET", "/admin/frameworks"), Admin),
        (("POST", "/admin/frameworks"), Admin),
        (("GET", "/admin/frameworks/{framework_id}"), Admin),
        (("GET", "/admin/frameworks/{framework_id}/export"), Admin),
        (("POST", "/admin/frameworks/{framework_id}/copy"), Admin),
        (("POST", "/admin/frameworks/{framework_id}/archive"), Admin),
        (("GET", "/campaigns"), AnyStaff),
        (("GET", "/campaigns/new"), CreateCampaign),
        (("POST", "/campaigns"), CreateCampaign),
        (("GET", "/campaigns/{campaign_id}"), CampaignManage),
        (("POST", "/campaigns/{campaign_id}/link"), CampaignManage),
        (("GET", "/campaigns/{campaign_id}/tell"), CampaignTell),
        (("POST", "/campaigns/{campaign_id}/tell"), CampaignTell),
        (("GET", "/campaigns/{campaign_id}/stories"), CampaignBrowse),
        (("GET", "/campaigns/{campaign_id}/patterns"), CampaignBrowse),
        (
            ("GET", "/campaigns/{campaign_id}/patterns/finding"),
            CampaignBrowse,
        ),
        (
            ("GET", "/campaigns/{campaign_id}/patterns/triads"),
            CampaignBrowse,
        ),
        (
            ("GET", "/campaigns/{campaign_id}/patterns/trends"),
            CampaignBrowse,
        ),
        (
            ("GET", "/campaigns/{campaign_id}/patterns/marks"),
            CampaignBrowse,
        ),
        (
            ("GET", "/campaigns/{campaign_id}/patterns/marks/new"),
            CampaignBrowse,
        ),
        (
            ("POST", "/campaigns/{campaign_id}/patterns/marks"),
            CampaignBrowse,
        ),
        (
            ("GET", "/campaigns/{campaign_id}/patterns/marks/{mark_id}"),
            CampaignBrowse,
        ),
        (
            ("GET", "/campaigns/{campaign_id}/stories/{story_id}"),
            CampaignBrowse,
        ),
        (
            (
                "POST",
                "/campaigns/{campaign_id}/stories/{story_id}/annotations",
            ),
            CampaignBrowse,
        ),
        (
            (
                "POST",
                "/campaigns/{campaign_id}/stories/{story_id}/annotations/remove",
            ),
            CampaignBrowse,
        ),
        (
            ("GET", "/campaigns/{campaign_id}/export.csv"),
            CampaignExport,
        ),
        (("GET", "/campaigns/{campaign_id}/import"), CampaignManage),
        (("POST", "/campaigns/{campaign_id}/import"), CampaignManage),
        (("GET", "/s/{token}"), Public),
        (("POST", "/s/{token}"), Public),
        (("GET", "/me/stories"), Citizen),
        (("GET", "/me/stories/{campaign_id}"), Citizen),
        (("POST", "/me/stories/{campaign_id}"), Citizen),
        (("GET", "/teams/{team_id}/practices"), TeamView),
        (("GET", "/teams/{team_id}/huddles/new"), TeamRun),
        (("POST", "/teams/{team_id}/huddles"), TeamRun),
        (("GET", "/teams/{team_id}/huddles/{huddle_id}"), TeamView),
        (
            (
                "POST",
                "/teams/{team_id}/huddles/{huddle_id}/interpretations",
            ),
            TeamContribute,
        ),
        (
            ("POST", "/teams/{team_id}/huddles/{huddle_id}/next-steps"),
            TeamRun,
        ),
        (
            ("POST", "/teams/{team_id}/next-steps/{next_step_id}/done"),
            TeamContribute,
        ),
        (("GET", "/teams/{team_id}/probes/new"), TeamRun),
        (("POST", "/teams/{team_id}/probes"), TeamRun),
        (("GET", "/teams/{team_id}/probes/{probe_id}"), TeamView),
        (
            ("POST", "/teams/{team_id}/probes/{probe_id}/decisions"),
            TeamRun,
        ),
        (("POST", "/teams/{team_id}/outcomes"), TeamRun),
        (("GET", "/teams/{team_id}/card/export.xlsx"), TeamExport),
        (("GET", "/teams/{team_id}/card/export.csv"), TeamExport),
        (("GET", "/teams/{team_id}/pulse"), TeamView),
        (("GET", "/teams/{team_id}/identity"), TeamView),
        (("POST", "/teams/{team_id}/rhythms"), TeamRun),
        (("GET", "/teams/{team_id}/good-enough-story"), TeamView),
        (
            ("POST", "/teams/{team_id}/good-enough-story/versions"),
            TeamRun,
        ),
        (
            ("POST", "/teams/{team_id}/good-enough-story/ratings"),
            TeamContribute,
        ),
        (
            ("POST", "/teams/{team_id}/good-enough-story/triggers"),
            TeamRun,
        ),
        (
            (
                "POST",
                "/teams/{team_id}/good-enough-story/triggers/{trigger_id}/met",
            ),
            TeamContribute,
        ),
        (
            ("POST", "/teams/{team_id}/good-enough-story/contradictions"),
            TeamContribute,
        ),
        (("GET", "/teams/{team_id}/vocabulary"), TeamView),
        (("POST", "/teams/{team_id}/vocabulary"), TeamRun),
        (
            ("POST", "/teams/{team_id}/vocabulary/{term_id}/definitions"),
            TeamContribute,
        ),
        (("GET", "/teams/{team_id}/decisions"), TeamView),
        (("POST", "/teams/{team_id}/decisions"), TeamRun),
        (("GET", "/teams/{team_id}/management"), TeamView),
        (("GET", "/teams/{team_id}/cues"), TeamView),
        (("POST", "/teams/{team_id}/cues"), TeamContribute),
        (("POST", "/teams/{team_id}/cues/{cue_id}"), TeamRun),
        (("GET", "/teams/{team_id}/dilemmas"), TeamView),
        (("POST", "/teams/{team_id}/dilemmas"), TeamRun),
        (("GET", "/teams/{team_id}/dilemmas/{dilemma_id}"), TeamView),
        (
            ("POST", "/teams/{team_id}/dilemmas/{dilemma_id}/handlings"),
            TeamRun,
        ),
        (("GET", "/teams/{team_id}/retrospectives"), TeamView),
        (("POST", "/teams/{team_id}/retrospectives"), TeamRun),
        (
            (
                "POST",
                "/teams/{team_id}/retrospectives/{retrospective_id}/episodes",
            ),
            TeamRun,
        ),
        (("GET", "/teams/{team_id}/intended-mix"), TeamRun),
        (("POST", "/teams/{team_id}/intended-mix"), TeamRun),
        (("GET", "/teams/{team_id}/indicators"), TeamView),
        (("GET", "/indicators"), Department),
        (
            ("GET", "/teams/{team_id}/indicators/export.xlsx"),
            TeamExport,
        ),
        (
            ("GET", "/teams/{team_id}/indicators/export.csv"),
            TeamExport,
        ),
        (("GET", "/indicators/over-time"), Department),
        (("GET", "/indicators/over-time.xlsx"), Department),
        (("GET", "/indicators/over-time.csv"), Department),
        (("GET", "/indicators/export.xlsx"), Department),
        (("GET", "/indicators/export.csv"), Department),
    ])
}

#[test]
fn every_route_is_in_the_matrix_and_declares_the_expected_access() {
    let matrix = expected_matrix();
    let table = routes::table();
    for route in &table {
        let key = (route.method.as_str(), route.path);
        let expected = matrix
            .iter()
            .find(|((m, p), _)| *m == key.0 && *p == key.1)
            .map(|(_, e)| *e)
            .unwrap_or_else(|| {
                panic!(
                    "{} {} is served but missing from the authorization matrix",
                    key.0, key.1
                )
            });
        use tandem_domain::policy::Action;
        let declared = match route.access {
            Access::Public => Expected::Public,
            Access::Staff(Action::ViewOwnHome | Action::ChangeOwnPassword) => Expected::AnyStaff,
            Access::Staff(Action::ViewWorklist | Action::SetAbsence) => Expected::Worklist,
            Access::Staff(Action::CreateCourse) => Expected::CreateCourse,
            Access::Staff(Action::ViewCampaigns) => Expected::AnyStaff,
            Access::Staff(Action::ManageCampaigns) => Expected::CreateCampaign,
            Access::Staff(Action::ViewDepartmentIndicators | Action::ExportViews) => {
                Expected::Department
            }
            Access::Staff(_) => Expected::Admin,
            Access::Course(Action::ReadCourse | Action::AcknowledgeWorry) => Expected::CourseRead,
            Access::Course(Action::ReassignCourse) => Expected::CourseManage,
            Access::Course(_) => Expected::CourseWork,
            Access::Citizen(_) => Expected::Citizen,
            Access::Campaign(Action::TellStory) => Expected::CampaignTell,
            Access::Campaign(Action::BrowseStories | Action::AnnotateStories) => {
                Expected::CampaignBrowse
            }
            Access::Campaign(Action::ExportStories) => Expected::CampaignExport,
            Access::Campaign(_) => Expected::CampaignManage,
            Access::Team(Action::ViewPractices | Action::ViewTeamIndicators) => Expected::TeamView,
            Access::Team(Action::ContributeToPractices) => Expected::TeamContribute,
            Access::Team(Action::ExportViews) => Expected::TeamExport,
            Access::Team(_) => Expected::TeamRun,
        };
        assert_eq!(declared, expected, "{} {}", key.0, key.1);
    }
    assert_eq!(
        table.len(),
        matrix.len(),
        "the matrix lists a route that is not served"
    );
}

async fn call(
    app: &TestApp,
    client: &reqwest::Client,
    method: &str,
    path: &str,
) -> reqwest::Response {
    if method == "GET" {
        client.get(app.url(path)).send().await.expect("sent")
    } else if path.ends_with("/import") {
        app.post_upload(client, path, "tandem", Vec::new(), false)
            .await
    } else {
        app.post_form(client, path, &[]).await
    }
}

#[tokio::test]
async fn the_matrix_holds_for_every_route_and_principal() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let other = app.seed_org("Odense").await;
    let principals: Vec<(&str, Option<&Person>)> = vec![
        ("anonymous", None),
        ("administrator", Some(&org.admin)),
        ("head of department", Some(&org.head)),
        ("team manager", Some(&org.manager)),
        ("processor", Some(&org.processor)),
        ("other processor in the team", Some(&org.colleague)),
        ("processor in another team", Some(&org.other_processor)),
        ("manager of another team", Some(&org.other_manager)),
    ];
    let course = app.seed_course(&org).await;
    let other_course = app.seed_course(&other).await;
    let campaign = app.seed_campaign(&org).await;
    let other_campaign = app.seed_campaign(&other).await;
    let practices = app.seed_practices(&org, &campaign).await;
    let other_practices = app.seed_practices(&other, &other_campaign).await;
    let mut failures = Vec::new();
    for ((method, path), expected) in expected_matrix() {
        for (name, person) in &principals {
            let client = match person {
                Some(p) => app.signed_in(p).await,
                None => client(),
            };
            // Destructive routes act on the throwaway account, so later sign-ins still work.
            let url = concrete(
                &app,
                &org,
                &org.target,
                &course,
                &campaign,
                &practices,
                path,
            );
            let response = call(&app, &client, method, &url).await;
            let status = response.status();
            let location = response
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            let allowed = match expected {
                Expected::Public => true,
                Expected::AnyStaff => person.is_some(),
                Expected::Admin => *name == "administrator",
                Expected::Worklist => name.contains("processor") || name.contains("manager"),
                Expected::CreateCourse => name.contains("processor"),
                Expected::CourseRead => matches!(*name, "processor" | "team manager"),
                Expected::CourseWork => *name == "processor",
                Expected::CourseManage => *name == "team manager",
                Expected::Citizen => false,
                Expected::CreateCampaign => {
                    matches!(*name, "administrator" | "head of department")
                        || name.contains("manager")
                }
                Expected::CampaignTell => {
                    matches!(
                        *name,
                        "processor" | "other processor in the team" | "team manager"
                    )
                }
                Expected::CampaignBrowse | Expected::CampaignExport => {
                    matches!(*name, "team manager" | "head of department")
                }
                Expected::CampaignManage => {
                    matches!(
                        *name,
                        "administrator" | "head of department" | "team manager"
                    )
                }
                Expected::TeamView => matches!(
                    *name,
                    "processor"
                        | "other processor in the team"
                        | "team manager"
                        | "head of department"
                ),
                Expected::TeamContribute if path.ends_with("/done") => {
                    matches!(*name, "processor" | "team manager")
                }
                Expected::TeamContribute => matches!(
                    *name,
                    "processor" | "other processor in the team" | "team manager"
                ),
                Expected::TeamRun => *name == "team manager",
                Expected::Department => *name == "head of department",
                Expected::TeamExport => matches!(*name, "team manager" | "head of department"),
            };
            let ok = if allowed {
                status != StatusCode::FORBIDDEN
                    && !location.starts_with("/login?next")
                    && status.as_u16() < 500
                    && (status != StatusCode::NOT_FOUND || path.contains("{token}"))
            } else if person.is_none() {
                let login = if expected == Expected::Citizen {
                    "/me/login?next"
                } else {
                    "/login?next"
                };
                status == StatusCode::SEE_OTHER && location.starts_with(login)
            } else {
                status == StatusCode::NOT_FOUND
            };
            if !ok {
                failures.push(format!("{method} {path} as {name}: {status} {location}"));
            }
        }
        // Tenant isolation (R5): the other organization's administrator with this organization's
        // real ids gets 404 wherever an id is in the path.
        if path.contains("{user_id}")
            || path.contains("{team_id}")
            || path.contains("{framework_id}")
        {
            let intruder = app.signed_in(&other.admin).await;
            let url = concrete(&app, &org, &org.head, &course, &campaign, &practices, path);
            let status = call(&app, &intruder, method, &url).await.status();
            if status != StatusCode::NOT_FOUND {
                failures.push(format!(
                    "{method} {path} from another organization: {status}"
                ));
            }
        }
        // The other organization's processor — assigned to a course of their own — with this
        // organization's real course ids gets 404 too, and their own course's ids do not leak
        // into this organization's paths.
        // A head of another organization — who reads every team's practices in their own — with
        // this organization's team and practice ids gets 404.
        if path.starts_with("/teams/") {
            let client = app.signed_in(&other.head).await;
            let url = concrete(&app, &org, &org.head, &course, &campaign, &practices, path);
            let status = call(&app, &client, method, &url).await.status();
            if status != StatusCode::NOT_FOUND {
                failures.push(format!(
                    "{method} {path} on another organization's team: {status}"
                ));
            }
        }
        if path.contains("{campaign_id}") && !path.starts_with("/me/") {
            for intruder in [&other.head, &other.admin] {
                let client = app.signed_in(intruder).await;
                let url = concrete(&app, &org, &org.head, &course, &campaign, &practices, path);
                let status = call(&app, &client, method, &url).await.status();
                if status != StatusCode::NOT_FOUND {
                    failures.push(format!(
                        "{method} {path} on another organization's campaign: {status}"
                    ));
                }
            }
        }
        if path.contains("{course_id}") {
            let intruder = app.signed_in(&other.processor).await;
            let url = concrete(&app, &org, &org.head, &course, &campaign, &practices, path);
            let status = call(&app, &intruder, method, &url).await.status();
            if status != StatusCode::NOT_FOUND {
                failures.push(format!(
                    "{method} {path} from another organization's processor: {status}"
                ));
            }
            let own = concrete(
                &app,
                &other,
                &other.head,
                &other_course,
                &other_campaign,
                &other_practices,
                path,
            );
            let status = call(&app, &app.signed_in(&org.processor).await, method, &own)
                .await
                .status();
            if status != StatusCode::NOT_FOUND {
                failures.push(format!(
                    "{method} {path} on another organization's course: {status}"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn another_organizations_user_looks_exactly_like_a_missing_one() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let other = app.seed_org("Odense").await;
    let admin = app.signed_in(&org.admin).await;
    let hidden = admin
        .get(app.url(&format!("/admin/users/{}", other.processor.id)))
        .send()
        .await
        .expect("sent");
    let hidden_status = hidden.status();
    let hidden_body = hidden.text().await.expect("body");
    let missing = admin
        .get(app.url(&format!("/admin/users/{}", tandem_domain::Id::<()>::new())))
        .send()
        .await
        .expect("sent");
    assert_eq!(hidden_status, StatusCode::NOT_FOUND);
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        hidden_body,
        missing.text().await.expect("body"),
        "R2: identical bodies"
    );
}

#[tokio::test]
async fn writes_with_another_organizations_ids_change_nothing() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let other = app.seed_org("Odense").await;
    let intruder = app.signed_in(&other.admin).await;
    let target = org.processor.id.to_string();
    for path in ["lock", "deactivate", "password-link"] {
        let response = app
            .post_form(
                &intruder,
                &format!("/admin/users/{target}/{path}"),
                &[("reason", "x")],
            )
            .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let mut tx = app.state.app().store().begin_read().await.expect("tx");
    let user = tx
        .staff_user(org.id, org.processor.id)
        .await
        .expect("read")
        .expect("exists");
    tx.commit().await.expect("commit");
    assert!(
        user.is_active(),
        "the other organization's administrator changed nothing"
    );
    app.signed_in(&org.processor).await;
}

#[tokio::test]
async fn a_method_the_table_does_not_declare_is_denied() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let admin = app.signed_in(&org.admin).await;
    for (method, path) in [
        ("DELETE", "/admin/users"),
        ("PUT", "/home"),
        ("PATCH", "/admin/teams"),
    ] {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let status = admin
            .request(method.clone(), app.url(path))
            .send()
            .await
            .expect("sent")
            .status();
        assert!(
            matches!(
                status,
                StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
            ),
            "{method} {path}: {status}"
        );
    }
}

#[tokio::test]
async fn every_state_changing_route_refuses_a_request_without_a_valid_token_or_from_another_site() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let campaign = app.seed_campaign(&org).await;
    let practices = app.seed_practices(&org, &campaign).await;
    let admin = app.signed_in(&org.admin).await;
    let token = app.csrf(&admin).await;
    for route in routes::table()
        .iter()
        .filter(|r| r.method != reqwest::Method::GET && r.csrf)
    {
        let url = app.url(&concrete(
            &app, &org, &org.head, &course, &campaign, &practices, route.path,
        ));
        let missing = admin
            .post(&url)
            .form(&[("name", "x")])
            .send()
            .await
            .expect("sent");
        assert_eq!(
            missing.status(),
            StatusCode::FORBIDDEN,
            "{} without token",
            route.path
        );
        let wrong = admin
            .post(&url)
            .form(&[("_csrf", "00ff"), ("name", "x")])
            .send()
            .await
            .expect("sent");
        assert_eq!(
            wrong.status(),
            StatusCode::FORBIDDEN,
            "{} with a wrong token",
            route.path
        );
        let cross = admin
            .post(&url)
            .header("sec-fetch-site", "cross-site")
            .form(&[("_csrf", token.as_str()), ("name", "x")])
            .send()
            .await
            .expect("sent");
        assert_eq!(
            cross.status(),
            StatusCode::FORBIDDEN,
            "{} from another site",
            route.path
        );
        let origin = admin
            .post(&url)
            .header("origin", "https://evil.example")
            .form(&[("_csrf", token.as_str()), ("name", "x")])
            .send()
            .await
            .expect("sent");
        assert_eq!(
            origin.status(),
            StatusCode::FORBIDDEN,
            "{} with a foreign Origin",
            route.path
        );
    }
    let teams = app
        .state
        .app()
        .store()
        .teams_of(org.id)
        .await
        .expect("teams");
    assert!(
        teams.iter().all(|t| t.deactivated_at.is_none()),
        "no refused request deactivated a team"
    );
    let open = app
        .state
        .app()
        .store()
        .open_steps(org.id, org.team_id)
        .await
        .expect("steps");
    assert_eq!(
        open.len(),
        1,
        "no refused request marked the next step done"
    );
    assert_eq!(
        teams.len(),
        3,
        "no refused request created a team (the two seeded teams and the spare remain)"
    );
    let head = app
        .state
        .app()
        .store()
        .credentials_by_email(
            &tandem_domain::staff::EmailAddress::parse(&org.head.email).expect("email"),
        )
        .await
        .expect("read")
        .expect("head");
    assert!(
        head.0.is_active(),
        "no refused request locked or deactivated anyone"
    );
    // The same form with the token is accepted.
    let ok = admin
        .post(app.url("/admin/teams"))
        .form(&[("_csrf", token.as_str()), ("name", "Ungeteam Syd")])
        .send()
        .await
        .expect("sent");
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let _ = csrf_in;
}

#[tokio::test]
async fn denials_are_written_to_the_audit_trail() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let processor = app.signed_in(&org.processor).await;
    let status = processor
        .get(app.url("/admin/audit"))
        .send()
        .await
        .expect("sent")
        .status();
    assert_eq!(status, StatusCode::NOT_FOUND);
    let events = app.audit_events(&org.id.to_string(), "access.denied").await;
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0].actor_id.as_deref(),
        Some(org.processor.id.to_string().as_str())
    );
    assert_eq!(events[0].object_id.as_deref(), Some("/admin/audit"));
    assert_eq!(events[0].outcome, "denied");
}

/// Gives the seeded network member consent to everything again.
async fn restore_consent(app: &TestApp, org: &common::Org, course: &common::SeededCourse) {
    let store = app.state.app().store();
    let mut tx = store.begin().await.expect("tx");
    let member = tandem_domain::Id::parse(&course.member).expect("member id");
    let everything = tandem_domain::course::network::ConsentScope {
        goals: true,
        steps: true,
        meetings: true,
    };
    let by = tandem_domain::PlainText::parse("Mia", 100).expect("name");
    assert!(
        tx.set_member_consent(
            org.id,
            course.id,
            member,
            (everything, &by),
            app.state.now()
        )
        .await
        .expect("consent")
    );
    tx.commit().await.expect("commit");
}

/// The routes a network member may use (the young person may use every citizen route).
const MEMBER_ROUTES: &[(&str, &str)] = &[
    ("GET", "/me"),
    ("POST", "/me/steps/{step_id}/done"),
    ("POST", "/me/ratings/{round_id}"),
    ("GET", "/me/access-log"),
    ("GET", "/me/password"),
    ("POST", "/me/password"),
    ("GET", "/me/stories"),
    ("GET", "/me/stories/{campaign_id}"),
    ("POST", "/me/stories/{campaign_id}"),
];

#[tokio::test]
async fn the_matrix_holds_for_young_people_and_network_members() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let young_link = app.invite(&org, &course, "young_person").await;
    app.accept(&young_link, "mia.matrix").await;
    let member_link = app
        .invite(&org, &course, &format!("member:{}", course.member))
        .await;
    app.accept(&member_link, "mormor.matrix").await;
    let campaign = app.seed_campaign_for(&org, Some(course.id)).await;
    let practices = app.seed_practices(&org, &campaign).await;
    let mut failures = Vec::new();
    for ((method, path), expected) in expected_matrix() {
        for (name, login) in [
            ("young person", "mia.matrix"),
            ("network member", "mormor.matrix"),
        ] {
            // A fresh session per call: some routes (sign-out) end the one they are called with.
            let citizen = client();
            let signed = app
                .post_form(
                    &citizen,
                    "/me/login",
                    &[("login_name", login), ("password", common::PASSWORD)],
                )
                .await;
            assert_eq!(signed.status(), StatusCode::SEE_OTHER, "{name} signs in");
            let url = concrete(
                &app,
                &org,
                &org.target,
                &course,
                &campaign,
                &practices,
                path,
            );
            let response = call(&app, &citizen, method, &url).await;
            let status = response.status();
            let location = response
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            let allowed = match expected {
                Expected::Public => true,
                Expected::Citizen => {
                    name == "young person" || MEMBER_ROUTES.contains(&(method, path))
                }
                _ => false,
            };
            // Within an allowed route, a record that is not theirs (a step owned by someone else,
            // a round they were not invited to, minutes not shared) is the same 404 as none.
            let object_route = [
                "{step_id}",
                "{round_id}",
                "{meeting_id}",
                "{goal_id}",
                "{token}",
            ]
            .iter()
            .any(|id| path.contains(id));
            let ok = if allowed {
                status != StatusCode::FORBIDDEN
                    && !location.starts_with("/me/login?next")
                    && status.as_u16() < 500
                    && (status != StatusCode::NOT_FOUND || object_route)
            } else {
                status == StatusCode::NOT_FOUND
            };
            if !ok {
                failures.push(format!("{method} {path} as {name}: {status} {location}"));
            }
            if path == "/me/consent/{member_id}" {
                // The young person's empty form withdrew the member's consent: give it back, so
                // the member can still sign in for the routes after this one.
                restore_consent(&app, &org, &course).await;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
