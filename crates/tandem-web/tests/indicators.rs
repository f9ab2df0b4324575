//! The three-column view through the real server: a team of five courses shows the
//! hand-computable assessment share with its national reference; the assigned processor and the
//! manager drill down to the courses, a colleague and the head see aggregates only; a processor
//! cannot open the department's view; a team of four shows no numbers; reads are audited; the
//! view exports to CSV and XLSX for managers and heads after a recent password, audited.

mod common;

use common::{Org, TestApp, spawn_app, spawn_app_with_clock};
use reqwest::StatusCode;
use tandem_domain::PlainText;
use tandem_domain::course::details::CourseDetails;

/// `n` courses of the team, awareness 150 days ago; the first `on_time` have their assessment
/// finished 60 days after awareness (within 4 months), the others none (overdue).
async fn courses(app: &TestApp, org: &Org, n: usize, on_time: usize) {
    let today = app.state.today();
    let awareness = today - time::Duration::days(150);
    let mut tx = app.state.app().store().begin().await.expect("tx");
    for i in 0..n {
        let details = CourseDetails {
            young_person_name: PlainText::parse(&format!("Ung nummer {i}"), 100).expect("name"),
            birth_date: today.replace_year(today.year() - 15).expect("date"),
            awareness_date: awareness,
            assessment_completed: (i < on_time).then(|| awareness + time::Duration::days(60)),
            ..tandem_store::testing::course_details()
        };
        tx.insert_course(
            org.id,
            org.team_id,
            org.processor.id,
            &details,
            app.state.now(),
        )
        .await
        .expect("course");
    }
    tx.commit().await.expect("commit");
}

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> (StatusCode, String) {
    let response = client.get(app.url(path)).send().await.expect("page");
    let status = response.status();
    (status, response.text().await.expect("body"))
}

/// The text of one indicator's card.
fn card<'a>(html: &'a str, key: &str) -> &'a str {
    html.split(&format!("id=\"indicator-{key}\""))
        .nth(1)
        .and_then(|rest| rest.split("tandem-card tandem-indicator").next())
        .unwrap_or_else(|| panic!("{key} is on the page"))
}

#[tokio::test]
async fn a_team_of_five_shows_its_columns_with_references_and_drill_down_for_those_allowed() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    courses(&app, &org, 5, 3).await;
    let path = format!("/teams/{}/indicators", org.team_id);
    let manager = app.signed_in(&org.manager).await;
    let (status, html) = page(&app, &manager, &path).await;
    assert_eq!(status, StatusCode::OK);
    for column in ["Gøre det rigtigt", "Få det gjort", "Nå frem sammen"] {
        assert!(html.contains(column), "{column}");
    }
    let assessment = card(&html, "assessment_on_time");
    assert!(
        assessment.contains(">60 %<"),
        "3 of 5 on time: {assessment}"
    );
    assert!(assessment.contains("Landsreference: 50 %"));
    assert!(assessment.contains("Dækker 5 unge."));
    assert!(
        assessment.contains("færdig inden opmærksomhed + 4 måneder"),
        "the formula"
    );
    assert!(
        card(&html, "caseload").contains(">5,0<"),
        "five open courses, one processor"
    );
    assert!(
        card(&html, "goals_own_words").contains("Ingen forløb tæller endnu."),
        "no goals yet: no number, and no pretend zero"
    );
    // Drill-down for the manager (the organization lets managers read the team's courses).
    let drill = format!("{path}?show=assessment_on_time");
    assert!(
        html.contains(&format!("{drill}#drill")),
        "the indicator links to its courses"
    );
    let (_, listed) = page(&app, &manager, &drill).await;
    for i in 0..5 {
        assert!(
            listed.contains(&format!("Ung nummer {i}")),
            "course {i} is listed"
        );
    }
    // The assigned processor drills down too; a colleague and the head see aggregates only.
    let processor = app.signed_in(&org.processor).await;
    assert!(
        page(&app, &processor, &drill)
            .await
            .1
            .contains("Ung nummer 0")
    );
    for who in [&org.colleague, &org.head] {
        let client = app.signed_in(who).await;
        let (status, html) = page(&app, &client, &drill).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(">60 %<"));
        assert!(!html.contains("Ung nummer"), "no course names");
        assert!(!html.contains("?show="), "no drill-down links");
    }
    // The department: heads only.
    let head = app.signed_in(&org.head).await;
    let (status, department) = page(&app, &head, "/indicators").await;
    assert_eq!(status, StatusCode::OK);
    assert!(card(&department, "assessment_on_time").contains(">60 %<"));
    assert!(department.contains(&path), "each team's view is linked");
    for who in [&org.processor, &org.manager, &org.admin] {
        let client = app.signed_in(who).await;
        assert_eq!(
            page(&app, &client, "/indicators").await.0,
            StatusCode::NOT_FOUND
        );
    }
    // Another team's processor: 404 on this team's view.
    let other = app.signed_in(&org.other_processor).await;
    assert_eq!(page(&app, &other, &path).await.0, StatusCode::NOT_FOUND);
    let reads = app
        .audit_events(&org.id.to_string(), "indicators.read")
        .await;
    assert!(
        reads
            .iter()
            .any(|e| e.purpose == "team indicators, courses behind one")
    );
    assert!(reads.iter().any(|e| e.purpose == "department indicators"));
}

#[tokio::test]
async fn a_team_of_four_shows_no_numbers() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    courses(&app, &org, 4, 4).await;
    let manager = app.signed_in(&org.manager).await;
    let (status, html) = page(
        &app,
        &manager,
        &format!("/teams/{}/indicators", org.team_id),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(card(&html, "assessment_on_time").contains("Vises ikke: færre end 5 unge."));
    let values: Vec<&str> = html
        .split("tandem-indicator-value\">")
        .skip(1)
        .filter_map(|rest| rest.split('<').next())
        .collect();
    assert_eq!(values.len(), 19, "every indicator is listed");
    assert!(
        values
            .iter()
            .all(|v| v.starts_with("Vises ikke") || v.starts_with("Ingen forløb")),
        "no number anywhere: {values:?}"
    );
    assert!(!html.contains("tandem-bar-value"), "no bars either");
    assert!(!html.contains("?show="), "nothing to drill into");
}

#[tokio::test]
async fn managers_and_heads_export_the_view_after_step_up_and_it_is_audited() {
    let (app, clock) = spawn_app_with_clock().await;
    let org = app.seed_org("Aarhus").await;
    courses(&app, &org, 5, 3).await;
    let team_csv = format!("/teams/{}/indicators/export.csv", org.team_id);
    let team_xlsx = format!("/teams/{}/indicators/export.xlsx", org.team_id);
    let manager = app.signed_in(&org.manager).await;
    let (_, html) = page(
        &app,
        &manager,
        &format!("/teams/{}/indicators", org.team_id),
    )
    .await;
    assert!(
        html.contains(&team_xlsx) && html.contains(&team_csv),
        "the page links the files"
    );
    let response = manager.get(app.url(&team_csv)).send().await.expect("csv");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()[reqwest::header::CONTENT_DISPOSITION]
            .to_str()
            .expect("ascii")
            .contains(".csv")
    );
    // Danish Excel: a byte-order mark (UTF-8), semicolons between columns, decimal commas.
    let bytes = response.bytes().await.expect("body");
    assert!(
        bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "UTF-8 byte-order mark"
    );
    let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows[0].contains("Tre kolonner for Ungeteam"), "{}", rows[0]);
    assert!(
        rows[1].starts_with("Kolonne;Indikator;Værdi"),
        "{}",
        rows[1]
    );
    let assessment = rows
        .iter()
        .find(|r| r.contains("Undersøgelser inden for 4 måneder"))
        .expect("the assessment row");
    assert!(
        assessment.contains(";0,6;andel (0–1);5;0,5;"),
        "{assessment}"
    );
    let goals = rows
        .iter()
        .find(|r| r.contains("Mål med den unges egne ord"))
        .expect("the goals row");
    assert!(
        goals.contains("Ingen forløb tæller endnu."),
        "no number where the page has none"
    );
    let response = manager.get(app.url(&team_xlsx)).send().await.expect("xlsx");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[reqwest::header::CONTENT_TYPE],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let bytes = response.bytes().await.expect("body");
    assert!(bytes.starts_with(b"PK"), "an XLSX file is a zip archive");
    // The head exports the department; processors export nothing.
    let head = app.signed_in(&org.head).await;
    assert_eq!(
        head.get(app.url("/indicators/export.csv"))
            .send()
            .await
            .expect("csv")
            .status(),
        StatusCode::OK
    );
    let processor = app.signed_in(&org.processor).await;
    for path in [&team_csv, &team_xlsx, &"/indicators/export.csv".to_owned()] {
        assert_eq!(
            processor
                .get(app.url(path))
                .send()
                .await
                .expect("sent")
                .status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // Without a recent password: confirm it first, then come back.
    clock.advance(time::Duration::minutes(6));
    let response = manager.get(app.url(&team_csv)).send().await.expect("csv");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[reqwest::header::LOCATION]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(location.starts_with("/login/confirm?next="), "{location}");
    let exports = app
        .audit_events(&org.id.to_string(), "indicators.export")
        .await;
    assert_eq!(
        exports.len(),
        3,
        "two team files and the department's, audited"
    );
}

#[tokio::test]
async fn the_organization_sets_the_caseload_ranges_the_columns_read_against() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    courses(&app, &org, 5, 3).await;
    let view = format!("/teams/{}/indicators", org.team_id);
    let manager = app.signed_in(&org.manager).await;
    let (_, html) = page(&app, &manager, &view).await;
    assert!(
        html.contains("fagforening 20–30, intensiv model 15–20"),
        "the defaults"
    );
    let admin = app.signed_in(&org.admin).await;
    let form = |union: (&'static str, &'static str)| {
        vec![
            ("amber_days", "14"),
            ("rules", "barnets_lov"),
            ("feedback_total_below", "36"),
            ("feedback_item_below", "9"),
            ("legal_bases", "§ 32 Støtte til barn og familie"),
            ("caseload_union_low", union.0),
            ("caseload_union_high", union.1),
            ("caseload_intensive_low", ""),
            ("caseload_intensive_high", ""),
        ]
    };
    for bad in [("25", "20"), ("0", "10"), ("12", "x"), ("10", "")] {
        let refused = app.post_form(&admin, "/admin/settings", &form(bad)).await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad:?}"
        );
        let body = refused.text().await.expect("body");
        assert!(
            body.contains("Skriv et interval af hele tal fra 1 til 200"),
            "{bad:?}"
        );
    }
    let saved = app
        .post_form(&admin, "/admin/settings", &form(("18", "24")))
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let (_, html) = page(&app, &manager, &view).await;
    assert!(
        html.contains("fagforening 18–24, intensiv model 15–20"),
        "the organization's range, the other left at its default"
    );
    // The exported file says the same.
    let csv = manager
        .get(app.url(&format!("{view}/export.csv")))
        .send()
        .await
        .expect("csv")
        .text()
        .await
        .expect("body");
    assert!(csv.contains("fagforening 18–24"));
}

#[tokio::test]
async fn investment_rising_while_placements_fall_is_flagged_with_its_numbers() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let today = app.state.today();
    let mut tx = app.state.app().store().begin().await.expect("tx");
    // Three preventive courses paid for since 100 days ago; two placements decided 300 days ago
    // (in the half-year before the last), none since.
    for i in 0..5 {
        let placed = i >= 3;
        let details = CourseDetails {
            young_person_name: PlainText::parse(&format!("Ung nummer {i}"), 100).expect("name"),
            birth_date: today.replace_year(today.year() - 15).expect("date"),
            awareness_date: today - time::Duration::days(400),
            decision_date: placed.then(|| today - time::Duration::days(300)),
            placement: placed,
            ..tandem_store::testing::course_details()
        };
        let course = tx
            .insert_course(
                org.id,
                org.team_id,
                org.processor.id,
                &details,
                app.state.now(),
            )
            .await
            .expect("course");
        if !placed {
            tx.insert_cost(
                org.id,
                course,
                &tandem_store::voice::CostRecord {
                    measure: "Mentor".into(),
                    provider: "Kommunen".into(),
                    from_date: today - time::Duration::days(100),
                    to_date: None,
                    monthly_amount: 3000,
                },
                app.state.now(),
            )
            .await
            .expect("cost");
        }
    }
    tx.commit().await.expect("commit");
    let manager = app.signed_in(&org.manager).await;
    let (_, html) = page(
        &app,
        &manager,
        &format!("/teams/{}/indicators", org.team_id),
    )
    .await;
    assert!(
        html.contains("Investering stiger, mens anbringelserne falder"),
        "{html}"
    );
    assert!(html.contains("mens de besluttede anbringelser faldt fra 2 til 0"));
    assert!(
        html.contains("steg fra 0 kr."),
        "nothing was spent in the half-year before"
    );
}

/// The department over time: the head sees every indicator for the department and each team at
/// the last three quarters' ends and today (a course the municipality knew of only this quarter
/// counts only today), exports it after step-up — audited — and a manager cannot open it.
#[tokio::test]
async fn the_head_sees_the_department_quarter_by_quarter_and_exports_it() {
    let (app, clock) = spawn_app_with_clock().await;
    let org = app.seed_org("Aarhus").await;
    // Five courses the municipality became aware of 150 days ago: before the last quarter's
    // end at the earliest, after the first quarter's end in the trend.
    courses(&app, &org, 5, 3).await;
    let head = app.signed_in(&org.head).await;
    let (status, html) = page(&app, &head, "/indicators").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("href=\"/indicators/over-time\""),
        "linked from the department"
    );
    let (status, html) = page(&app, &head, "/indicators/over-time").await;
    assert_eq!(status, StatusCode::OK);
    let tables = html.matches("<table").count();
    assert_eq!(tables, 3, "the department and its two teams");
    let head_row = html
        .split("<thead>")
        .nth(1)
        .and_then(|rest| rest.split("</thead>").next())
        .expect("a header");
    assert_eq!(
        head_row.matches("<th scope=\"col\">").count(),
        5,
        "what, three quarters, today"
    );
    assert!(head_row.contains(">I dag<"));
    let row = html
        .split("Gøre det rigtigt: Undersøgelser inden for 4 måneder</th>")
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .expect("the assessment row of the department");
    let cells: Vec<&str> = row
        .split("<td>")
        .skip(1)
        .filter_map(|c| c.split("</td>").next())
        .collect();
    assert_eq!(cells.len(), 4);
    assert_eq!(cells[3], "60 %", "today: 3 of 5 on time");
    assert_eq!(cells[0], "–", "none known yet at the first quarter's end");
    assert!(
        html.contains("/indicators/over-time.xlsx") && html.contains("/indicators/over-time.csv")
    );

    let csv = head
        .get(app.url("/indicators/over-time.csv"))
        .send()
        .await
        .expect("csv");
    assert_eq!(csv.status(), StatusCode::OK);
    let bytes = csv.bytes().await.expect("body");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("Hvor;Indikator;")),
        "{text}"
    );
    assert!(text.contains(
        "Tre kolonner for afdelingen;Gøre det rigtigt: Undersøgelser inden for 4 måneder;"
    ));
    let xlsx = head
        .get(app.url("/indicators/over-time.xlsx"))
        .send()
        .await
        .expect("xlsx");
    assert_eq!(xlsx.status(), StatusCode::OK);
    assert!(xlsx.bytes().await.expect("body").starts_with(b"PK"));

    let manager = app.signed_in(&org.manager).await;
    for path in ["/indicators/over-time", "/indicators/over-time.csv"] {
        let status = manager
            .get(app.url(path))
            .send()
            .await
            .expect("sent")
            .status();
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    clock.advance(time::Duration::minutes(6));
    let again = head
        .get(app.url("/indicators/over-time.csv"))
        .send()
        .await
        .expect("csv");
    assert_eq!(
        again.status(),
        StatusCode::SEE_OTHER,
        "the password again first"
    );
    let org_id = org.id.to_string();
    let reads = app.audit_events(&org_id, "indicators.read").await;
    assert!(reads.iter().any(|e| e.purpose == "department over time"));
    let exports = app.audit_events(&org_id, "indicators.export").await;
    assert_eq!(
        exports
            .iter()
            .filter(|e| e.purpose.starts_with("department over time "))
            .count(),
        2,
        "the CSV and the XLSX"
    );
}
