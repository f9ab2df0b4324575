//! Test support: the real server on port 0 against a fresh database, and a client that keeps
//! cookies and does not follow redirects (so tests see the 303s themselves).

#![allow(
    dead_code,
    reason = "each test binary uses a different part of the helpers"
)]

use std::time::Duration;

use axum::Router;
use tandem_store::Store;
use tandem_store::testing::TestDatabase;
use tandem_web::{AppState, WebConfig};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A running server and what a test needs to talk to it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub address: String,
    /// A client with its own cookie jar.
    pub client: reqwest::Client,
    /// The state the server runs with (for inspecting metrics, or the store).
    pub state: AppState,
    /// The database; dropped (and removed) with the app.
    pub db: TestDatabase,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

/// Starts the application with default limits.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(WebConfig::default(), Router::new()).await
}

/// Starts the application with the given limits and extra routes (test-only fault injection),
/// all behind the real layers.
pub async fn spawn_app_with(config: WebConfig, extra: Router<AppState>) -> TestApp {
    let (db, store) = TestDatabase::migrated().await.expect("fresh test database");
    spawn_on(db, store, config, extra).await
}

async fn spawn_on(
    db: TestDatabase,
    store: Store,
    config: WebConfig,
    extra: Router<AppState>,
) -> TestApp {
    let state = AppState::new(tandem_app::App::new(store), config).expect("translations load");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
    let address = format!("http://{}", listener.local_addr().expect("address"));
    let (stop, stopped) = oneshot::channel::<()>();
    let router = tandem_web::with_layers(
        tandem_web::routes::router(&state).merge(extra),
        state.clone(),
    );
    let header_read_timeout = state.config().header_read_timeout;
    let server = tokio::spawn(async move {
        tandem_web::server::run(listener, router, header_read_timeout, async {
            let _ = stopped.await;
        })
        .await;
        Ok(())
    });
    TestApp {
        address,
        client: client(),
        state,
        db,
        stop: Some(stop),
        server: Some(server),
    }
}

/// A fresh client: own cookie jar, no redirects followed.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("HTTP client")
}

impl TestApp {
    /// The absolute URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    /// `GET path` and the body as text.
    pub async fn get_text(
        &self,
        path: &str,
    ) -> (reqwest::StatusCode, reqwest::header::HeaderMap, String) {
        let response = self.get(path).await;
        let status = response.status();
        let headers = response.headers().clone();
        (status, headers, response.text().await.expect("body"))
    }

    /// Chooses the interface language for this client, as the language switcher does.
    pub async fn choose_language(&self, code: &str) {
        let response = self.get(&format!("/language/{code}?next=/")).await;
        assert_eq!(response.status(), reqwest::StatusCode::SEE_OTHER);
    }

    /// The organization's audit events whose action starts with `prefix`, newest first.
    pub async fn audit_events(
        &self,
        organization: &str,
        prefix: &str,
    ) -> Vec<tandem_domain::audit::AuditEvent> {
        let mut tx = self.state.app().store().begin_read().await.expect("tx");
        let filter = tandem_store::audit::AuditFilter {
            action_prefix: Some(prefix.into()),
            limit: 100,
            ..Default::default()
        };
        let found = tx.audit_events(organization, &filter).await.expect("read");
        tx.commit().await.expect("commit");
        found
    }

    /// Chooses the interface language for another client.
    pub async fn choose_language_for(&self, client: &reqwest::Client, code: &str) {
        let response = client
            .get(self.url(&format!("/language/{code}?next=/")))
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), reqwest::StatusCode::SEE_OTHER);
    }

    /// Stops the server gracefully and waits for it.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            server.await.expect("server task").expect("server ran");
        }
    }
}

/// One organization's people, each with a password set.
pub struct Org {
    /// The organization.
    pub id: tandem_domain::Id<tandem_domain::organization::Organization>,
    /// Its team.
    pub team_id: tandem_domain::Id<tandem_domain::staff::Team>,
    /// Accounts by role: administrator, head, manager, processor.
    pub admin: Person,
    /// Head of department.
    pub head: Person,
    /// Team manager.
    pub manager: Person,
    /// Processor.
    pub processor: Person,
    /// A second processor, for tests that lock, deactivate or demote someone.
    pub target: Person,
    /// A third processor in the same team, never assigned to the seeded course.
    pub colleague: Person,
    /// A second team of the organization.
    pub other_team_id: tandem_domain::Id<tandem_domain::staff::Team>,
    /// The second team's manager.
    pub other_manager: Person,
    /// A processor in the second team.
    pub other_processor: Person,
}

/// A seeded account.
#[derive(Clone)]
pub struct Person {
    /// The account id.
    pub id: tandem_domain::Id<tandem_domain::staff::User>,
    /// Sign-in address.
    pub email: String,
    /// Password.
    pub password: String,
}

/// The password every seeded account has.
pub const PASSWORD: &str = "en lang og sikker testsætning";

impl TestApp {
    /// Creates an organization with a team and one account per staff role.
    pub async fn seed_org(&self, name: &str) -> Org {
        use tandem_domain::OrganizationName;
        use tandem_domain::staff::{DisplayName, EmailAddress, StaffRole, TeamName};
        let store = self.state.app().store();
        let org = store
            .insert_organization(&OrganizationName::parse(name).expect("name"))
            .await
            .expect("org");
        let now = self.state.now();
        let mut tx = store.begin().await.expect("tx");
        let team = tx
            .insert_team(org.id, &TeamName::parse("Ungeteam").expect("team"), now)
            .await
            .expect("team");
        let hash = tandem_app::sessions::hash(PASSWORD.to_owned())
            .await
            .expect("hash");
        let slug: String = name
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_lowercase();
        let other_team = tx
            .insert_team(org.id, &TeamName::parse("Vestteam").expect("team"), now)
            .await
            .expect("team");
        let mut people = Vec::new();
        let roles = [
            StaffRole::Administrator,
            StaffRole::HeadOfDepartment,
            StaffRole::TeamManager,
            StaffRole::Processor,
            StaffRole::Processor,
            StaffRole::Processor,
            StaffRole::TeamManager,
            StaffRole::Processor,
        ];
        for (i, role) in roles.into_iter().enumerate() {
            let email = format!("{}{i}@{slug}.dk", role.as_str());
            let team_id = if i >= 6 { other_team.id } else { team.id };
            let new = tandem_store::staff::NewStaffUser {
                organization_id: org.id,
                email: EmailAddress::parse(&email).expect("email"),
                display_name: DisplayName::parse(&format!("{} {name}", role.as_str()))
                    .expect("name"),
                role,
                team_id: role.needs_team().then_some(team_id),
            };
            let id = tx.insert_staff_user(&new, now).await.expect("user");
            tx.set_password_hash(org.id, id, &hash, now)
                .await
                .expect("password");
            people.push(Person {
                id,
                email,
                password: PASSWORD.to_owned(),
            });
        }
        tx.commit().await.expect("commit");
        let mut people = people.into_iter();
        let mut next = || people.next().expect("person");
        Org {
            id: org.id,
            team_id: team.id,
            admin: next(),
            head: next(),
            manager: next(),
            processor: next(),
            target: next(),
            colleague: next(),
            other_team_id: other_team.id,
            other_manager: next(),
            other_processor: next(),
        }
    }

    /// The CSRF token of a client (from a page's hidden field; the cookie is in its jar).
    pub async fn csrf(&self, client: &reqwest::Client) -> String {
        let html = client
            .get(self.url("/login"))
            .send()
            .await
            .expect("login page")
            .text()
            .await
            .expect("body");
        csrf_in(&html)
    }

    /// A new client signed in as the demo's account `email` (with the demo's password).
    pub async fn signed_in_demo(&self, email: &str) -> reqwest::Client {
        let client = client();
        let response = self
            .sign_in(&client, email, tandem_app::demo::PASSWORD)
            .await;
        assert_eq!(
            response.status(),
            reqwest::StatusCode::SEE_OTHER,
            "{email} signs in"
        );
        client
    }

    /// The page at `path` as `client` sees it; it must answer 200.
    pub async fn page_text(&self, client: &reqwest::Client, path: &str) -> String {
        let response = client.get(self.url(path)).send().await.expect("page");
        assert_eq!(response.status(), reqwest::StatusCode::OK, "{path}");
        response.text().await.expect("body")
    }

    /// A new client signed in as `person`.
    pub async fn signed_in(&self, person: &Person) -> reqwest::Client {
        let client = client();
        let response = self.sign_in(&client, &person.email, &person.password).await;
        assert_eq!(
            response.status(),
            reqwest::StatusCode::SEE_OTHER,
            "sign-in of {} failed",
            person.email
        );
        client
    }

    /// Posts the sign-in form.
    pub async fn sign_in(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        let token = self.csrf(client).await;
        client
            .post(self.url("/login"))
            .form(&[
                ("_csrf", token.as_str()),
                ("email", email),
                ("password", password),
                ("next", "/home"),
            ])
            .send()
            .await
            .expect("sign-in sent")
    }

    /// Posts a form with the client's CSRF token added.
    pub async fn post_form(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let token = self.csrf(client).await;
        let mut all: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
        all.extend_from_slice(fields);
        client
            .post(self.url(path))
            .form(&all)
            .send()
            .await
            .expect("form sent")
    }
}

/// The value of the first `_csrf` hidden field in a page.
pub fn csrf_in(html: &str) -> String {
    let marker = r#"name="_csrf" value=""#;
    let start = html
        .find(marker)
        .map(|i| i + marker.len())
        .expect("a form with a CSRF token");
    html[start..].split('"').next().expect("token").to_owned()
}

/// Starts the application with a manual clock.
pub async fn spawn_app_with_clock() -> (TestApp, tandem_web::clock::Clock) {
    let clock = tandem_web::clock::Clock::manual(time::OffsetDateTime::now_utc());
    let config = WebConfig {
        clock: clock.clone(),
        ..WebConfig::default()
    };
    (spawn_app_with(config, Router::new()).await, clock)
}

/// The ids of a seeded course and one of everything inside it.
#[derive(Debug, Clone)]
pub struct SeededCourse {
    /// The course.
    pub id: tandem_domain::Id<tandem_domain::policy::Course>,
    /// A network member.
    pub member: String,
    /// A goal.
    pub goal: String,
    /// A step.
    pub step: String,
    /// A meeting.
    pub meeting: String,
    /// A blind round with two raters.
    pub round: String,
    /// The first rater of that round.
    pub rater: String,
    /// An open alert.
    pub alert: String,
    /// An unread statement.
    pub statement: String,
    /// An open invitation for the young person.
    pub invitation: String,
}

impl TestApp {
    /// A course assigned to `org.processor` with one of everything inside it.
    pub async fn seed_course(&self, org: &Org) -> SeededCourse {
        use tandem_domain::PlainText;
        use tandem_domain::course::details::CourseDetails;
        use tandem_domain::course::kinds::*;
        use tandem_domain::course::network::{ConsentScope, MemberDetails};
        use tandem_domain::course::work::{GoalDetails, MeetingDetails, StepOwner};
        let text = |s: &str| PlainText::parse(s, 1000).expect("text");
        let today = self.state.today();
        let now = self.state.now();
        let details = CourseDetails {
            young_person_name: text("Mia Kanariefugl"),
            birth_date: today.replace_year(today.year() - 15).expect("date"),
            preferred_language: PreferredLanguage::Danish,
            accessibility_needs: None,
            legal_basis: "§ 32 Støtte til barn og familie".into(),
            status: CourseStatus::Active,
            awareness_date: today - time::Duration::days(60),
            assessment_kind: AssessmentKind::ChildAssessment,
            assessment_completed: None,
            decision_date: None,
            placement: false,
            placement_without_consent: false,
            plan_kind: PlanKind::NoPlan,
            plan_completed: None,
            intervention_start: None,
            follow_up_interval_days: None,
            follow_up_reason: None,
            closure_date: None,
            closure_reason: None,
            external_reference: None,
        };
        let store = self.state.app().store();
        let mut tx = store.begin().await.expect("tx");
        let id = tx
            .insert_course(org.id, org.team_id, org.processor.id, &details, now)
            .await
            .expect("course");
        let member = tx
            .insert_member(
                org.id,
                id,
                &MemberDetails {
                    name: text("Mormor Kanariefugl"),
                    sector: Sector::Family,
                    relation: text("mormor"),
                    strength: Strength::Strong,
                    stressful: false,
                    direction: Direction::ToYoungPerson,
                    roles: vec![NetworkRole::SafetyPerson],
                    birth_date: None,
                    consent: ConsentScope::default(),
                    consent_given_by: None,
                },
                today,
                now,
            )
            .await
            .expect("member");
        let goal = tx
            .insert_goal(
                org.id,
                id,
                &GoalDetails {
                    own_words: text("Jeg vil have en ven i klassen"),
                    author: text("Mia"),
                    restatement: None,
                    life_area: LifeArea::Friends,
                    anchor_low: None,
                    anchor_high: None,
                    target_date: None,
                },
                now,
            )
            .await
            .expect("goal");
        let meeting = tx
            .insert_meeting(
                org.id,
                id,
                &MeetingDetails {
                    kind: MeetingKind::NetworkMeeting,
                    held_on: today,
                    held: true,
                    young_person_present: true,
                    views_own_words: Some(text("Det gik fint")),
                    chair: None,
                    private_family_time: false,
                    support_person_present: false,
                    outcomes: None,
                    minutes: None,
                    minutes_shared: false,
                    next_meeting: None,
                },
                Some(Channel::InPerson),
                org.processor.id,
                now,
            )
            .await
            .expect("meeting");
        let step = tx
            .insert_step(
                org.id,
                id,
                &tandem_store::work::NewStep {
                    description: text("Ring til klubben"),
                    owner: StepOwner::YoungPerson,
                    goal_id: Some(goal),
                    due_date: None,
                    meeting_id: None,
                },
                now,
            )
            .await
            .expect("step");
        let round = tx
            .open_round(
                org.id,
                id,
                &tandem_store::ratings::NewRound {
                    instrument_key: "goal_scale",
                    goal_id: Some(goal),
                    meeting_id: None,
                    mode: RatingMode::Collaborative,
                    opened_by: Some(org.processor.id),
                    raters: vec![
                        (RaterRole::YoungPerson, "Mia".into()),
                        (RaterRole::Worker, "Pia".into()),
                    ],
                },
                now,
            )
            .await
            .expect("round");
        let alert = tx
            .raise_alert(org.id, id, AlertKind::Worry, None, "statement", now)
            .await
            .expect("alert");
        let statement = tx
            .insert_statement(org.id, id, StatementTopic::Worry, "Jeg er bange", true, now)
            .await
            .expect("statement");
        let invitation = tx
            .issue_invitation(
                org.id,
                id,
                tandem_store::citizens::CitizenRole::YoungPerson,
                org.processor.id,
                now,
                now + time::Duration::hours(72),
            )
            .await
            .expect("invitation");
        tx.commit().await.expect("commit");
        let rounds = store.rounds_of(org.id, id).await.expect("rounds");
        SeededCourse {
            id,
            member: member.to_string(),
            goal: goal.to_string(),
            step: step.to_string(),
            meeting: meeting.to_string(),
            round: round.to_string(),
            rater: rounds[0].raters[0].id.to_string(),
            alert: alert.to_string(),
            statement: statement.to_string(),
            invitation: invitation.id.to_string(),
        }
    }
}

impl TestApp {
    /// The processor records a meeting held today with `minutes` shared with the young person;
    /// returns the meeting's id.
    pub async fn record_shared_minutes(
        &self,
        org: &Org,
        course: &SeededCourse,
        minutes: &str,
    ) -> String {
        let processor = self.signed_in(&org.processor).await;
        let today = self.state.today().to_string();
        let recorded = self
            .post_form(
                &processor,
                &format!("/courses/{}/meetings", course.id),
                &[
                    ("kind", "network_meeting"),
                    ("held_on", &today),
                    ("held", "on"),
                    ("minutes", minutes),
                    ("minutes_shared", "on"),
                ],
            )
            .await;
        assert_eq!(recorded.status(), reqwest::StatusCode::SEE_OTHER);
        recorded.headers()["location"]
            .to_str()
            .expect("location")
            .rsplit('/')
            .next()
            .expect("id")
            .to_owned()
    }

    /// Makes the seeded course's young person `years` old today.
    pub async fn set_age(&self, org: &Org, course: &SeededCourse, years: i32) {
        let store = self.state.app().store();
        let mut entry = store
            .course(org.id, course.id)
            .await
            .expect("read")
            .expect("course");
        let today = self.state.today();
        entry.course.details.birth_date = today.replace_year(today.year() - years).expect("date");
        let mut tx = store.begin().await.expect("tx");
        assert!(
            tx.update_course(org.id, course.id, &entry.course.details, self.state.now())
                .await
                .expect("update")
        );
        tx.commit().await.expect("commit");
    }
}

impl TestApp {
    /// Invites `who` (`young_person` or `member:<id>`) to the seeded course as its processor,
    /// and returns the invitation link's path.
    pub async fn invite(&self, org: &Org, course: &SeededCourse, who: &str) -> String {
        let processor = self.signed_in(&org.processor).await;
        let response = self
            .post_form(
                &processor,
                &format!("/courses/{}/invitations", course.id),
                &[("who", who)],
            )
            .await;
        assert_eq!(
            response.status(),
            reqwest::StatusCode::OK,
            "invitation issued"
        );
        let html = response.text().await.expect("body");
        let start = html.find("/invitation/").expect("a link on the page");
        html[start..].split('"').next().expect("link").to_owned()
    }

    /// Accepts an invitation with a sign-in name; returns the signed-in citizen's client.
    pub async fn accept(&self, link: &str, login_name: &str) -> reqwest::Client {
        let citizen = client();
        let response = self
            .post_form(
                &citizen,
                link,
                &[
                    ("login_name", login_name),
                    ("new_password", PASSWORD),
                    ("repeat", PASSWORD),
                ],
            )
            .await;
        assert_eq!(
            response.status(),
            reqwest::StatusCode::SEE_OTHER,
            "invitation accepted"
        );
        citizen
    }
}

/// A staff campaign of `org`'s team with one story in it.
#[derive(Debug, Clone)]
pub struct SeededCampaign {
    /// The campaign.
    pub id: String,
    /// A story in it.
    pub story: String,
    /// Its framework version.
    pub framework: String,
    /// A region marked on its T1 ("more like these").
    pub mark: String,
}

impl TestApp {
    /// Sends a story file to an import page the way the browser does (multipart, the CSRF token
    /// in the query string).
    pub async fn post_upload(
        &self,
        client: &reqwest::Client,
        path: &str,
        format: &str,
        bytes: Vec<u8>,
        skip_invalid: bool,
    ) -> reqwest::Response {
        let token = self.csrf(client).await;
        let mut form = reqwest::multipart::Form::new()
            .text("format", format.to_owned())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name("stories.csv"),
            );
        if skip_invalid {
            form = form.text("skip_invalid", "on");
        }
        client
            .post(self.url(&format!("{path}?_csrf={token}")))
            .multipart(form)
            .send()
            .await
            .expect("upload sent")
    }

    /// A staff campaign for `org`'s team (stories not returned to processors) with one story.
    pub async fn seed_campaign(&self, org: &Org) -> SeededCampaign {
        self.seed_campaign_for(org, None).await
    }

    /// A campaign with one story: for `org`'s team, or — given a course — asking that course's
    /// young person and network.
    pub async fn seed_campaign_for(
        &self,
        org: &Org,
        course: Option<tandem_domain::Id<tandem_domain::policy::Course>>,
    ) -> SeededCampaign {
        use tandem_domain::PlainText;
        use tandem_domain::answer::Answer;
        use tandem_domain::story::Teller;
        use tandem_domain::story::campaign::{Audience, CampaignDetails};
        use tandem_store::stories::campaigns::NewCampaign;
        use tandem_store::stories::write::NewStory;
        let store = self.state.app().store();
        let now = self.state.now();
        let today = self.state.today();
        store
            .ensure_default_framework(org.id, now)
            .await
            .expect("framework");
        let framework = store.frameworks(org.id).await.expect("frameworks")[0].id;
        let details = CampaignDetails {
            title: PlainText::parse("Pulse", 100).expect("title"),
            prompt: PlainText::parse("What happened this week?", 100).expect("prompt"),
            audience: if course.is_some() {
                Audience::Courses
            } else {
                Audience::Team
            },
            consent_text: None,
            opens_on: today - time::Duration::days(10),
            closes_on: today + time::Duration::days(10),
            returns_stories: false,
        };
        let mut tx = store.begin().await.expect("tx");
        let id = tx
            .insert_campaign(
                org.id,
                &NewCampaign {
                    details: &details,
                    framework_id: framework,
                    team_id: Some(org.team_id),
                    link: None,
                    course_ids: &course.into_iter().collect::<Vec<_>>(),
                    created_by: org.manager.id,
                },
                now,
            )
            .await
            .expect("campaign");
        let answers = vec![("T1".to_owned(), Answer::Triad([0.2, 0.3, 0.5]))];
        let story = tx
            .insert_story(
                org.id,
                &NewStory {
                    campaign_id: id,
                    framework_id: framework,
                    teller: Teller::Staff,
                    author_id: Some(org.processor.id),
                    citizen_account_id: None,
                    teller_key: None,
                    title: None,
                    body: "The family chaired the meeting.",
                    collected_on: today,
                    consent_given: true,
                    redacted: false,
                    answers: &answers,
                    annotations: &[],
                },
                now,
            )
            .await
            .expect("story");
        let mark = tandem_domain::story::mark::MarkDetails {
            question: "T1".into(),
            region: tandem_domain::story::mark::RegionKey::CornerC,
            direction: tandem_domain::story::mark::Direction::More,
            note: None,
        };
        let mark = tx
            .insert_mark(org.id, id, &mark, (today, org.manager.id), now)
            .await
            .expect("mark")
            .expect("the campaign is the organization's");
        tx.commit().await.expect("commit");
        SeededCampaign {
            id: id.to_string(),
            story: story.to_string(),
            framework: framework.to_string(),
            mark: mark.to_string(),
        }
    }
}

/// One designed story: phase, coherence, logic, feeling, days ago and its text.
pub struct Designed {
    /// See [`designed`].
    pub phase: &'static str,
    /// See [`designed`].
    pub coherence: f64,
    /// See [`designed`].
    pub logic: [f64; 3],
    /// See [`designed`].
    pub feeling: &'static str,
    /// See [`designed`].
    pub days_ago: i64,
    /// See [`designed`].
    pub body: String,
}

/// 30 "rules" stories (co-design, clear, TPA, proud), 30 "together" stories (co-delivery,
/// confusing, NPG, frustrated) over about five months, and 3 co-assessment stories (proud) — a
/// group under 5.
pub fn designed(extra: usize) -> Vec<Designed> {
    let mut out = Vec::new();
    for i in 0..30 {
        out.push(Designed {
            phase: "co_design",
            coherence: 80.0 + (i % 10) as f64,
            logic: [0.7, 0.2, 0.1],
            feeling: "proud",
            days_ago: (i * 5) as i64,
            body: format!("Rules story {i}"),
        });
        out.push(Designed {
            phase: "co_delivery",
            coherence: 20.0 + (i % 10) as f64,
            logic: [0.1, 0.2, 0.7],
            feeling: "frustrated",
            days_ago: (i * 5 + 2) as i64,
            body: format!("Together story {i}"),
        });
    }
    for i in 0..3 + extra {
        out.push(Designed {
            phase: "co_assessment",
            coherence: 50.0,
            logic: [0.3, 0.4, 0.3],
            feeling: "proud",
            days_ago: 1,
            body: format!("Follow-up story {i}"),
        });
    }
    out
}

impl TestApp {
    /// Adds designed stories (T1, D3, M1, M3 answered) to a campaign.
    pub async fn add_stories(&self, org: &Org, campaign: &SeededCampaign, stories: &[Designed]) {
        let told: Vec<Told> = stories
            .iter()
            .map(|d| Told {
                body: d.body.clone(),
                days_ago: d.days_ago,
                answers: vec![
                    (
                        "T1".to_owned(),
                        tandem_domain::answer::Answer::Triad(d.logic),
                    ),
                    (
                        "D3".to_owned(),
                        tandem_domain::answer::Answer::Position(d.coherence),
                    ),
                    (
                        "M1".to_owned(),
                        tandem_domain::answer::Answer::Choices(vec![d.phase.to_owned()]),
                    ),
                    (
                        "M3".to_owned(),
                        tandem_domain::answer::Answer::Choices(vec![d.feeling.to_owned()]),
                    ),
                ],
                teller: None,
            })
            .collect();
        self.add_told(org, campaign, &told).await;
    }

    /// Adds staff stories with the given answers to a campaign.
    pub async fn add_told(&self, org: &Org, campaign: &SeededCampaign, stories: &[Told]) {
        let app = self;
        let today = app.state.today();
        let new: Vec<tandem_store::stories::write::NewStory<'_>> = stories
            .iter()
            .map(|t| tandem_store::stories::write::NewStory {
                campaign_id: tandem_domain::Id::parse(&campaign.id).expect("id"),
                framework_id: tandem_domain::Id::parse(&campaign.framework).expect("id"),
                teller: tandem_domain::story::Teller::Staff,
                author_id: None,
                citizen_account_id: None,
                teller_key: t.teller.as_deref(),
                title: None,
                body: &t.body,
                collected_on: today - time::Duration::days(t.days_ago),
                consent_given: true,
                redacted: false,
                answers: &t.answers,
                annotations: &[],
            })
            .collect();
        let mut tx = app.state.app().store().begin().await.expect("tx");
        tx.insert_stories(org.id, &new, app.state.now())
            .await
            .expect("stories");
        tx.commit().await.expect("commit");
    }
}

/// Twelve people telling eight stories each, named by teller keys: six always in co-design,
/// six always in co-delivery, each with a habit on coherence (D3). Every co-design teller sits
/// ten points above a co-delivery one, so the stories differ "strongly" by phase while the
/// people overlap. Documentation friction (D4) mirrors coherence, person by person.
pub fn habits() -> Vec<Told> {
    use tandem_domain::answer::Answer;
    let habits = [90.0, 85.0, 30.0, 25.0, 60.0, 55.0];
    (0..12)
        .flat_map(|teller: usize| {
            let (phase, mean) = if teller < 6 {
                ("co_design", habits[teller])
            } else {
                ("co_delivery", habits[teller - 6] - 10.0)
            };
            (0..8).map(move |s| Told {
                body: format!("Story {s} of teller {teller}"),
                days_ago: s as i64,
                answers: vec![
                    (
                        "D3".to_owned(),
                        Answer::Position(mean + (s % 3) as f64 - 1.0),
                    ),
                    (
                        "D4".to_owned(),
                        Answer::Position(100.0 - mean + (s % 2) as f64),
                    ),
                    ("M1".to_owned(), Answer::Choices(vec![phase.to_owned()])),
                ],
                teller: Some(format!("p{teller}")),
            })
        })
        .collect()
}

/// A staff story to add: its text, how many days ago it was told, and its answers.
pub struct Told {
    /// The text.
    pub body: String,
    /// Days before today.
    pub days_ago: i64,
    /// The answers, in the framework's order.
    pub answers: Vec<(String, tandem_domain::answer::Answer)>,
    /// Who told it, as an imported file's teller key (`None`: not known).
    pub teller: Option<String>,
}

/// A huddle, a probe and a next step of `org`'s team, and a spare team to deactivate.
pub struct SeededPractices {
    /// A huddle discussing the seeded campaign's story.
    pub huddle: String,
    /// A probe owned by the team's processor.
    pub probe: String,
    /// An open next step owned by the team's processor.
    pub next_step: String,
    /// A team with nobody in it (for routes that deactivate one).
    pub spare_team: String,
    /// An unmet trigger of the team's good-enough story (which has one version).
    pub trigger: String,
    /// A term of the team's vocabulary.
    pub term: String,
    /// An open cue.
    pub cue: String,
    /// A dilemma round.
    pub dilemma: String,
    /// A retrospective of a closed course of the team.
    pub retrospective: String,
}

impl TestApp {
    /// Seeds [`SeededPractices`] for `org` (whose campaign is `campaign`).
    pub async fn seed_practices(&self, org: &Org, campaign: &SeededCampaign) -> SeededPractices {
        use tandem_domain::PlainText;
        use tandem_domain::practice::{HuddleDetails, Participants, ProbeDetails, Voice};
        let text = |s: &str| PlainText::parse(s, 200).expect("text");
        let today = self.state.today();
        let now = self.state.now();
        let mut tx = self.state.app().store().begin().await.expect("tx");
        // A decision in the manager's journal, weighing rules and getting there together.
        let decision = tandem_domain::practice::journal::DecisionEntry {
            decided_on: today,
            decision: text("Netværksmøde før hver revision"),
            weighed: vec![
                tandem_domain::practice::journal::Logic::Rules,
                tandem_domain::practice::journal::Logic::Together,
            ],
            why: None,
        };
        tx.insert_decision(org.id, org.team_id, &decision, org.manager.id, now)
            .await
            .expect("decision");
        let huddle = tx
            .insert_huddle(
                org.id,
                org.team_id,
                &HuddleDetails {
                    held_on: today,
                    topic: text("Weekly huddle"),
                    participants: Participants::from_counts(&[(Voice::Processor, 3)]),
                },
                &[tandem_domain::Id::parse(&campaign.story).expect("story")],
                org.manager.id,
                now,
            )
            .await
            .expect("huddle");
        let next_step = tx
            .add_next_step(
                org.id,
                org.team_id,
                Some(huddle),
                (&text("Call the school"), org.processor.id, today),
                org.manager.id,
                now,
            )
            .await
            .expect("step")
            .expect("owner in team");
        let probe = tx
            .insert_probe(
                org.id,
                org.team_id,
                &tandem_store::practices::probes::NewProbe {
                    details: &ProbeDetails {
                        title: text("Young people chair"),
                        hypothesis: text("They say more"),
                        success_signal: text("Own words"),
                        failure_signal: text("Cancelled meetings"),
                        // Followed in the courses, so the probe's page (in every sweep)
                        // draws its run charts.
                        success_measure: Some(
                            tandem_domain::practice::measures::CourseMeasure::GoalsInOwnWords,
                        ),
                        failure_measure: Some(
                            tandem_domain::practice::measures::CourseMeasure::ChairedByYoungPerson,
                        ),
                        starts_on: today,
                        review_on: today + time::Duration::days(28),
                    },
                    owner_id: org.processor.id,
                    huddle_id: Some(huddle),
                    mark_id: Some(tandem_domain::Id::parse(&campaign.mark).expect("mark id")),
                    stories: &[],
                    courses: &[],
                },
                org.manager.id,
                now,
            )
            .await
            .expect("probe")
            .expect("owner in team");
        let spare = tx
            .insert_team(
                org.id,
                &tandem_domain::staff::TeamName::parse("Spare").expect("name"),
                now,
            )
            .await
            .expect("team");
        let reflective = seed_reflective(&mut tx, org, (today, now)).await;
        tx.commit().await.expect("commit");
        SeededPractices {
            huddle: huddle.to_string(),
            probe: probe.to_string(),
            next_step: next_step.to_string(),
            spare_team: spare.id.to_string(),
            trigger: reflective[0].clone(),
            term: reflective[1].clone(),
            cue: reflective[2].clone(),
            dilemma: reflective[3].clone(),
            retrospective: reflective[4].clone(),
        }
    }
}

/// The reflective practices of `org`'s team: a good-enough story with a trigger, a term, a cue,
/// a dilemma round and a retrospective of a closed course. Returns their ids in that order.
async fn seed_reflective(
    tx: &mut tandem_store::tx::Tx,
    org: &Org,
    (today, now): (time::Date, time::OffsetDateTime),
) -> [String; 5] {
    use tandem_domain::PlainText;
    use tandem_domain::course::kinds::{ClosureReason, CourseStatus};
    use tandem_domain::practice::reflection::CueDetails;
    use tandem_domain::practice::vocabulary::TermText;
    let text = |s: &str| PlainText::parse(s, 200).expect("text");
    let (o, t, by) = (org.id, org.team_id, org.manager.id);
    tx.write_account_version(
        o,
        t,
        (&text("We plan with families."), &text("First"), today),
        by,
        now,
    )
    .await
    .expect("version");
    let trigger = tx
        .add_account_trigger(o, t, &text("Families draft half the plans"), by, now)
        .await
        .expect("trigger");
    let term = tx
        .introduce_term(
            o,
            t,
            (
                &TermText::parse("Netværk").expect("term"),
                &text("The people around"),
                today,
            ),
            by,
            now,
        )
        .await
        .expect("term")
        .expect("new");
    let cue = CueDetails {
        noticed_on: today,
        theme: text("Meetings"),
        expected: text("Silence"),
        happened: text("Mum chaired"),
    };
    let cue = tx
        .insert_cue(o, t, (&cue, None), by, now)
        .await
        .expect("cue");
    let dilemma = tx
        .insert_dilemma_round(o, t, (today, &text("Autumn round")), by, now)
        .await
        .expect("round");
    let mut closed = tandem_store::testing::course_details();
    closed.status = CourseStatus::Closed;
    closed.closure_date = Some(today);
    closed.closure_reason = Some(ClosureReason::Mutual);
    let course = tx
        .insert_course(o, t, org.processor.id, &closed, now)
        .await
        .expect("closed course");
    let review = tx
        .insert_retrospective(o, t, (course, today), by, now)
        .await
        .expect("review")
        .expect("a closed course of the team");
    [
        trigger.to_string(),
        term.to_string(),
        cue.to_string(),
        dilemma.to_string(),
        review.to_string(),
    ]
}

/// Fills a path template with real ids of `org` (a throwaway user for destructive routes).
pub fn concrete(
    app: &TestApp,
    org: &Org,
    target: &Person,
    course: &SeededCourse,
    campaign: &SeededCampaign,
    practices: &SeededPractices,
    path: &str,
) -> String {
    // Deactivating a team acts on a spare one, so the team's own routes keep working.
    path.replace(
        "/admin/teams/{team_id}",
        &format!("/admin/teams/{}", practices.spare_team),
    )
    .replace("{huddle_id}", &practices.huddle)
    .replace("{probe_id}", &practices.probe)
    .replace("{next_step_id}", &practices.next_step)
    .replace("{trigger_id}", &practices.trigger)
    .replace("{term_id}", &practices.term)
    .replace("{cue_id}", &practices.cue)
    .replace("{dilemma_id}", &practices.dilemma)
    .replace("{retrospective_id}", &practices.retrospective)
    .replace("{code}", "en")
    .replace("{campaign_id}", &campaign.id)
    .replace("{framework_id}", &campaign.framework)
    .replace("{story_id}", &campaign.story)
    .replace("{mark_id}", &campaign.mark)
    .replace("{course_id}", &course.id.to_string())
    .replace("{member_id}", &course.member)
    .replace("{goal_id}", &course.goal)
    .replace("{step_id}", &course.step)
    .replace("{meeting_id}", &course.meeting)
    .replace("{round_id}", &course.round)
    .replace("{rater_id}", &course.rater)
    .replace("{alert_id}", &course.alert)
    .replace("{statement_id}", &course.statement)
    .replace("{invitation_id}", &course.invitation)
    .replace("{key}", "goal_scale")
    .replace("{version}", app.state.asset_version())
    .replace("{*path}", "app/tandem.css")
    .replace("{user_id}", &target.id.to_string())
    .replace("{team_id}", &org.team_id.to_string())
    .replace("{token}", &"ab".repeat(32))
}

/// The demo (12 courses, seed 2026) in `app`'s database, every account with the demo password.
pub async fn seeded_demo(app: &TestApp) -> tandem_app::demo::Made {
    seeded_demo_of(app, 12).await
}

/// The demo with `courses` courses (seed 2026), every account with the demo password.
pub async fn seeded_demo_of(app: &TestApp, courses: usize) -> tandem_app::demo::Made {
    let hash = tandem_app::sessions::hash(tandem_app::demo::PASSWORD.to_owned())
        .await
        .expect("hash");
    tandem_app::demo::seed(
        app.state.app(),
        tandem_app::demo::DemoSize {
            seed: 2026,
            courses,
        },
        &hash,
        || {},
    )
    .await
    .expect("demo")
    .expect("made")
}

/// Opens a page and expects 200; returns its HTML.
pub async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.expect("page");
    assert_eq!(response.status(), reqwest::StatusCode::OK, "{path}");
    response.text().await.expect("body")
}

/// Posts and expects a redirect; returns where to.
pub async fn post_ok(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> String {
    let response = app.post_form(client, path, fields).await;
    let status = response.status();
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response.text().await.unwrap_or_default();
    assert_eq!(status, reqwest::StatusCode::SEE_OTHER, "{path}: {body}");
    location
}

/// An app with an organization whose campaign holds the [`designed`] stories.
pub async fn seeded() -> (TestApp, Org, SeededCampaign) {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    app.add_stories(&org, &campaign, &designed(0)).await;
    (app, org, campaign)
}

/// A row of the quarterly view of management: its cells in the table, then its words in the
/// list under it.
pub fn mix_row(html: &str, label: &str) -> String {
    let cells = html
        .split(&format!("<th scope=\"row\">{label}</th>"))
        .nth(1)
        .and_then(|r| r.split("</tr>").next())
        .unwrap_or_default();
    let words = html
        .split(&format!("<dt>{label}</dt><dd>"))
        .nth(1)
        .and_then(|r| r.split("</dd>").next())
        .unwrap_or_default();
    format!("{cells} {words}")
}
