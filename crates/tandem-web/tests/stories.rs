//! Stories through the real server: telling (with redaction and consent), the anonymous link,
//! the catalog, and story files in and out — export and re-import give identical answers,
//! NarraFirma's export maps every answer, and bad files import nothing.

mod common;

use common::{PASSWORD, TestApp, spawn_app, spawn_app_with, spawn_app_with_clock};
use reqwest::StatusCode;
use tandem_domain::Id;
use tandem_domain::framework::Framework;
use tandem_domain::story::Teller;

async fn framework(app: &TestApp, org: &common::Org) -> (String, Framework) {
    let store = app.state.app().store();
    store
        .ensure_default_framework(org.id, app.state.now())
        .await
        .expect("framework");
    let record = store
        .frameworks(org.id)
        .await
        .expect("frameworks")
        .remove(0);
    (record.id.to_string(), record.framework)
}

async fn answers_of(
    app: &TestApp,
    org: &common::Org,
    campaign: &str,
) -> Vec<(String, tandem_domain::story::Answers)> {
    let (_, framework) = framework(app, org).await;
    let id = Id::parse(campaign).expect("id");
    let mut rows: Vec<_> = app
        .state
        .app()
        .store()
        .export_stories(org.id, id, &framework)
        .await
        .expect("export")
        .into_iter()
        .map(|e| (e.summary.body, e.answers))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows
}

async fn new_campaign(
    app: &TestApp,
    client: &reqwest::Client,
    org: &common::Org,
    audience: &str,
) -> (String, String) {
    let (framework, _) = framework(app, org).await;
    let today = app.state.today();
    let response = app
        .post_form(
            client,
            "/campaigns",
            &[
                ("title", "Weekly pulse"),
                ("prompt", "What happened close to the family this week?"),
                ("framework", &framework),
                ("audience", audience),
                ("team", &org.team_id.to_string()),
                (
                    "consent_text",
                    if audience == "link" {
                        "Your story is used to learn, never to judge a person."
                    } else {
                        ""
                    },
                ),
                ("opens_on", &today.to_string()),
                ("closes_on", &(today + time::Duration::days(7)).to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.expect("body");
    let id = html
        .split("/campaigns/")
        .filter_map(|s| s.get(..36))
        .find(|s| Id::<()>::parse(s).is_ok())
        .expect("campaign id")
        .to_owned();
    let link = html
        .split("/s/")
        .nth(1)
        .map(|s| s[..64].to_owned())
        .unwrap_or_default();
    (id, link)
}

#[tokio::test]
async fn a_campaign_exported_and_imported_into_a_new_campaign_keeps_identical_answers() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let manager = app.signed_in(&org.manager).await;
    let (first, _) = new_campaign(&app, &manager, &org, "team").await;
    let processor = app.signed_in(&org.processor).await;
    for (text, t1, d1, m3) in [
        (
            "We met at the kitchen table.",
            ["20", "30", "50"],
            "35",
            vec!["proud", "hopeful"],
        ),
        (
            "The form took three weeks.",
            ["1", "1", "0"],
            "",
            vec!["frustrated"],
        ),
        (
            "=HYPERLINK(\"http://evil.example\",\"Klik\")",
            ["1", "1", "1"],
            "60",
            vec!["hopeful"],
        ),
    ] {
        let mut fields = vec![
            ("text", text),
            ("T1.a", t1[0]),
            ("T1.b", t1[1]),
            ("T1.c", t1[2]),
            ("D1", if d1.is_empty() { "50" } else { d1 }),
        ];
        if d1.is_empty() {
            fields.push(("D1.na", "on"));
        }
        for m in &m3 {
            fields.push(("M3", m));
        }
        let told = app
            .post_form(&processor, &format!("/campaigns/{first}/tell"), &fields)
            .await;
        let status = told.status();
        let body = told.text().await.unwrap_or_default();
        assert_eq!(
            status,
            StatusCode::SEE_OTHER,
            "{text}: {}",
            body.split("alert-error")
                .nth(1)
                .unwrap_or("")
                .chars()
                .take(800)
                .collect::<String>()
        );
    }
    let csv = manager
        .get(app.url(&format!("/campaigns/{first}/export.csv")))
        .send()
        .await
        .expect("export");
    assert_eq!(csv.status(), StatusCode::OK);
    let bytes = csv.bytes().await.expect("bytes").to_vec();
    let text = String::from_utf8(bytes.clone()).expect("utf-8");
    assert!(
        !text.contains(&org.processor.id.to_string()),
        "no author in the export"
    );
    assert!(
        text.contains("'=HYPERLINK")
            && !text.contains(",=HYPERLINK")
            && !text.contains(",\"=HYPERLINK"),
        "a teller's formula is exported as text a spreadsheet will not run: {text}"
    );
    let (second, _) = new_campaign(&app, &manager, &org, "team").await;
    let imported = app
        .post_upload(
            &manager,
            &format!("/campaigns/{second}/import"),
            "tandem",
            bytes.clone(),
            false,
        )
        .await;
    assert_eq!(imported.status(), StatusCode::OK);
    let before = answers_of(&app, &org, &first).await;
    let after = answers_of(&app, &org, &second).await;
    assert_eq!(before.len(), 3);
    assert_eq!(before, after, "identical answers after the round trip");

    // Who told the stories travels with them: the kind, and one pseudonym for the one
    // processor — not their account — so the file analyses by person.
    let stories = tandem_analytics::stories::csv::read(&bytes).expect("the export analyses");
    let report = tandem_analytics::stories::report::analyze(&stories, 5);
    assert_eq!(
        (report["n_stories"].clone(), report["n_tellers"].clone()),
        (3.into(), 1.into())
    );
    let exported = |id: &str| {
        let (app, org, id) = (&app, &org, Id::parse(id).expect("id"));
        async move {
            let (_, framework) = framework(app, org).await;
            app.state
                .app()
                .store()
                .export_stories(org.id, id, &framework)
                .await
                .expect("export")
        }
    };
    let again = exported(&second).await;
    assert!(
        again.iter().all(|e| e.summary.teller == Teller::Staff),
        "the kind is kept"
    );
    let keys: std::collections::HashSet<_> = again.iter().map(|e| e.told_by.clone()).collect();
    assert_eq!(
        keys.len(),
        1,
        "one teller before, one teller after: {keys:?}"
    );
    assert!(keys.iter().all(|k| {
        k.as_deref()
            .is_some_and(|k| !k.contains(&org.processor.id.to_string()))
    }));

    // A column the framework does not ask about is left out with a notice, not refused.
    let with_team = text
        .replacen("teller_kind,", "teller_kind,team,", 1)
        .lines()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                line.to_owned()
            } else {
                line.replacen(",staff,", ",staff,Nord,", 1)
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (third, _) = new_campaign(&app, &manager, &org, "team").await;
    let imported = app
        .post_upload(
            &manager,
            &format!("/campaigns/{third}/import"),
            "tandem",
            with_team.into_bytes(),
            false,
        )
        .await;
    assert_eq!(imported.status(), StatusCode::OK);
    let page = imported.text().await.expect("page");
    assert!(
        page.contains("id=\"import-ignored\"") && page.contains("team"),
        "{page}"
    );
    assert_eq!(answers_of(&app, &org, &third).await, before);
}

#[tokio::test]
async fn a_narrafirma_export_imports_with_its_answers_and_annotations() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let manager = app.signed_in(&org.manager).await;
    let (campaign, _) = new_campaign(&app, &manager, &org, "team").await;
    let fixture =
        include_bytes!("../../tandem-domain/src/story/interchange/fixtures/narrafirma_export.csv")
            .to_vec();
    let response = app
        .post_upload(
            &manager,
            &format!("/campaigns/{campaign}/import"),
            "narrafirma",
            fixture,
            false,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let rows = answers_of(&app, &org, &campaign).await;
    assert_eq!(rows.len(), 3);
    let family = rows
        .iter()
        .find(|(t, _)| t.starts_with("Mum wrote"))
        .expect("story");
    assert_eq!(family.1.len(), 8, "every answer of the row is mapped");
    let catalog = manager
        .get(app.url(&format!(
            "/campaigns/{campaign}/stories?tag=Theme%3A+ownership"
        )))
        .send()
        .await
        .expect("catalog")
        .text()
        .await
        .expect("body");
    assert!(
        catalog.contains("Mum wrote the plan"),
        "the A_ annotation became a code"
    );
}

#[tokio::test]
async fn a_file_with_bad_rows_imports_nothing_and_says_where_unless_told_to_skip() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let manager = app.signed_in(&org.manager).await;
    let (campaign, _) = new_campaign(&app, &manager, &org, "team").await;
    let path = format!("/campaigns/{campaign}/import");
    let mut file = b"id,text,collected_on,T1.a,T1.b,T1.c,D1,M1\n".to_vec();
    file.extend_from_slice(b"1,good story,2026-01-02,1,2,3,40,not sure\n");
    file.extend_from_slice(b"2,weight below zero,2026-01-02,-1,2,3,40,\n");
    file.extend_from_slice(b"3,slider too far,2026-01-02,,,,101,\n");
    file.extend_from_slice(b"4,unknown option,2026-01-02,,,,,maybe\n");
    file.extend_from_slice(b"5,too few columns\n");
    file.extend_from_slice(b"6,bad \xff bytes,2026-01-02,,,,,\n");
    let refused = app
        .post_upload(&manager, &path, "tandem", file.clone(), false)
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.expect("body");
    for line in 3..=7 {
        assert!(
            html.contains(&format!("Linje {line}:")),
            "line {line} is named"
        );
    }
    assert!(
        answers_of(&app, &org, &campaign).await.is_empty(),
        "nothing imported"
    );
    for (bytes, message) in [
        (Vec::new(), "Filen er tom."),
        (vec![b'a'; 50 * 1000 * 1000], "større end 40 MB"),
    ] {
        let response = app
            .post_upload(&manager, &path, "tandem", bytes, false)
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            response.text().await.expect("body").contains(message),
            "{message}"
        );
    }
    let skipped = app.post_upload(&manager, &path, "tandem", file, true).await;
    assert_eq!(skipped.status(), StatusCode::OK);
    let html = skipped.text().await.expect("body");
    assert!(
        html.contains("Én fortælling blev importeret")
            && html.contains("5 rækker blev sprunget over")
    );
    assert_eq!(answers_of(&app, &org, &campaign).await.len(), 1);
}

#[tokio::test]
async fn a_story_with_a_phone_number_comes_back_redacted_for_the_teller_to_confirm() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    let processor = app.signed_in(&org.processor).await;
    let path = format!("/campaigns/{}/tell", campaign.id);
    let first = app
        .post_form(
            &processor,
            &path,
            &[
                ("text", "Ring til mor på 12 34 56 78 <script>x</script>"),
                ("T1.a", "1"),
                ("T1.b", "1"),
                ("T1.c", "2"),
            ],
        )
        .await;
    assert_eq!(first.status(), StatusCode::OK);
    let html = first.text().await.expect("body");
    assert!(html.contains("[telefonnummer]") && html.contains("name=\"confirm\""));
    assert!(!html.contains("<script>x"), "shown escaped");
    assert_eq!(
        answers_of(&app, &org, &campaign.id).await.len(),
        1,
        "not saved yet"
    );
    let confirmed = app
        .post_form(
            &processor,
            &path,
            &[
                ("text", "Ring til mor på [telefonnummer]"),
                ("confirm", "1"),
                ("T1.a", "1"),
                ("T1.b", "1"),
                ("T1.c", "2"),
            ],
        )
        .await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    let rows = answers_of(&app, &org, &campaign.id).await;
    assert!(
        rows.iter()
            .any(|(t, _)| t == "Ring til mor på [telefonnummer]")
    );
    let refused = app
        .post_form(
            &processor,
            &path,
            &[("text", ""), ("T1.a", "5"), ("T1.b", ""), ("T1.c", "1")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.expect("body");
    assert!(html.contains("Skriv noget her.") && html.contains("Angiv alle tre dele eller ingen."));
    assert!(html.contains("value=\"5\""), "what was typed is kept");
}

#[tokio::test]
async fn an_anonymous_link_takes_a_story_with_consent_and_stores_nothing_about_the_teller() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let manager = app.signed_in(&org.manager).await;
    let (campaign, token) = new_campaign(&app, &manager, &org, "link").await;
    assert_eq!(token.len(), 64, "the link is shown once");
    let teller = common::client();
    let path = format!("/s/{token}");
    let page = teller.get(app.url(&path)).send().await.expect("form");
    assert_eq!(page.status(), StatusCode::OK);
    let without = app
        .post_form(
            &teller,
            &path,
            &[
                ("text", "They listened to me."),
                ("T1.a", "0"),
                ("T1.b", "0"),
                ("T1.c", "1"),
            ],
        )
        .await;
    assert_eq!(
        without.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "consent is required"
    );
    let with = app
        .post_form(
            &teller,
            &path,
            &[
                ("text", "They listened to me."),
                ("T1.a", "0"),
                ("T1.b", "0"),
                ("T1.c", "1"),
                ("consent", "on"),
            ],
        )
        .await;
    assert_eq!(with.status(), StatusCode::SEE_OTHER);
    let (author, account, teller_kind, consent): (Option<String>, Option<String>, String, bool) = tandem_store::with_pool!(app.state.app().store(), pool => {
        sqlx::query_as("SELECT author_id, citizen_account_id, teller, consent_given FROM stories WHERE campaign_id = $1")
            .bind(&campaign).fetch_one(pool).await.expect("story")
    });
    assert_eq!(
        (author, account, teller_kind.as_str(), consent),
        (None, None, "anonymous", true)
    );
    let events = app.audit_events(&org.id.to_string(), "story.create").await;
    assert!(
        events.is_empty(),
        "no audit event holds the anonymous teller's address"
    );
    let unknown = teller
        .get(app.url(&format!("/s/{}", "ab".repeat(32))))
        .send()
        .await
        .expect("sent");
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}

/// The campaign page always shows the current link, absolute (it goes on posters) with its QR
/// code; a new link needs a confirmation that the printed ones stop working.
#[tokio::test]
async fn the_campaign_page_keeps_showing_its_absolute_link_and_replacing_it_asks_first() {
    let config = tandem_web::WebConfig {
        public_url: Some("https://tandem.example.dk".to_owned()),
        ..tandem_web::WebConfig::default()
    };
    let app = spawn_app_with(config, axum::Router::new()).await;
    let org = app.seed_org("Aarhus").await;
    let manager = app.signed_in(&org.manager).await;
    let (campaign, token) = new_campaign(&app, &manager, &org, "link").await;
    let page_path = format!("/campaigns/{campaign}");
    let shown = |html: &str, token: &str| {
        html.contains(&format!("https://tandem.example.dk/s/{token}")) && html.contains("tandem-qr")
    };
    let read = |client: &reqwest::Client, path: String| {
        let request = client.get(app.url(&path));
        async move {
            request
                .send()
                .await
                .expect("page")
                .text()
                .await
                .expect("body")
        }
    };
    let link_status = |token: &str| {
        let request = common::client().get(app.url(&format!("/s/{token}")));
        async move { request.send().await.expect("sent").status() }
    };
    let html = read(&manager, page_path.clone()).await;
    assert!(
        shown(&html, &token),
        "shown again, absolute, with its QR code"
    );

    let refused = app
        .post_form(&manager, &format!("{page_path}/link"), &[])
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.expect("body");
    assert!(
        html.contains("Sæt kryds for at bekræfte") && shown(&html, &token),
        "the old link still works and is still shown"
    );
    assert_eq!(link_status(&token).await, StatusCode::OK);

    let renewed = app
        .post_form(
            &manager,
            &format!("{page_path}/link"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(renewed.status(), StatusCode::OK);
    let html = renewed.text().await.expect("body");
    let fresh = html
        .split("https://tandem.example.dk/s/")
        .nth(1)
        .map(|s| s[..64].to_owned())
        .expect("the new link");
    assert_ne!(fresh, token);
    assert!(shown(&html, &fresh) && html.contains("Linket er klar"));
    assert_eq!(
        link_status(&token).await,
        StatusCode::NOT_FOUND,
        "the old link stopped working"
    );
    assert!(shown(&read(&manager, page_path).await, &fresh));
}

#[tokio::test]
async fn administrators_import_copy_archive_and_export_framework_versions() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let admin = app.signed_in(&org.admin).await;
    let list = admin
        .get(app.url("/admin/frameworks"))
        .send()
        .await
        .expect("list");
    assert_eq!(list.status(), StatusCode::OK);
    let (default_id, default) = framework(&app, &org).await;
    // An exported version imports back only under a new version number.
    let exported = admin
        .get(app.url(&format!("/admin/frameworks/{default_id}/export")))
        .send()
        .await
        .expect("export")
        .text()
        .await
        .expect("toml");
    assert_eq!(Framework::parse_toml(&exported).expect("parses"), default);
    let taken = app
        .post_form(&admin, "/admin/frameworks", &[("definition", &exported)])
        .await;
    assert_eq!(taken.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let bumped = exported.replacen("version = 3", "version = 7", 1);
    let imported = app
        .post_form(&admin, "/admin/frameworks", &[("definition", &bumped)])
        .await;
    assert_eq!(imported.status(), StatusCode::SEE_OTHER);
    let broken = exported.replacen("kind = \"triad\"", "kind = \"pentad\"", 1);
    let refused = app
        .post_form(&admin, "/admin/frameworks", &[("definition", &broken)])
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text()
            .await
            .expect("body")
            .contains("kan ikke læses som en ramme")
    );
    // Copying makes the next free version (8), archiving hides a version from new campaigns.
    let copied = app
        .post_form(&admin, &format!("/admin/frameworks/{default_id}/copy"), &[])
        .await;
    assert_eq!(copied.status(), StatusCode::SEE_OTHER);
    let versions: Vec<u32> = app
        .state
        .app()
        .store()
        .frameworks(org.id)
        .await
        .expect("frameworks")
        .iter()
        .map(|f| f.framework.version())
        .collect();
    assert_eq!(versions, vec![8, 7, 3]);
    let archived = app
        .post_form(
            &admin,
            &format!("/admin/frameworks/{default_id}/archive"),
            &[],
        )
        .await;
    assert_eq!(archived.status(), StatusCode::SEE_OTHER);
    let manager = app.signed_in(&org.manager).await;
    let form = manager
        .get(app.url("/campaigns/new"))
        .send()
        .await
        .expect("form")
        .text()
        .await
        .expect("body");
    assert!(
        !form.contains(&format!("value=\"{default_id}\"")),
        "an archived version takes no new campaigns"
    );
    let processor = app.signed_in(&org.processor).await;
    let hidden = processor
        .get(app.url("/admin/frameworks"))
        .send()
        .await
        .expect("sent");
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_catalogs_option_counts_hide_small_groups_and_their_complement() {
    use tandem_domain::answer::Answer;
    use tandem_domain::story::Teller;
    use tandem_store::stories::write::NewStory;
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    let (framework_id, _) = framework(&app, &org).await;
    let answers: Vec<Vec<(String, Answer)>> =
        [("co_design", 10), ("co_delivery", 3), ("co_assessment", 6)]
            .iter()
            .flat_map(|(option, n)| {
                std::iter::repeat_n(
                    vec![("M1".to_owned(), Answer::Choices(vec![(*option).to_owned()]))],
                    *n,
                )
            })
            .collect();
    let stories: Vec<NewStory<'_>> = answers
        .iter()
        .map(|a| NewStory {
            campaign_id: Id::parse(&campaign.id).expect("id"),
            framework_id: Id::parse(&framework_id).expect("id"),
            teller: Teller::Staff,
            author_id: None,
            citizen_account_id: None,
            teller_key: None,
            title: None,
            body: "En fortælling",
            collected_on: app.state.today(),
            consent_given: true,
            redacted: false,
            answers: a,
            annotations: &[],
        })
        .collect();
    let mut tx = app.state.app().store().begin().await.expect("tx");
    tx.insert_stories(org.id, &stories, app.state.now())
        .await
        .expect("stories");
    tx.commit().await.expect("commit");
    let manager = app.signed_in(&org.manager).await;
    let html = manager
        .get(app.url(&format!("/campaigns/{}/stories", campaign.id)))
        .send()
        .await
        .expect("catalog")
        .text()
        .await
        .expect("body");
    let select = html
        .split("id=\"f-M1\"")
        .nth(1)
        .expect("the M1 filter")
        .split("</select>")
        .next()
        .expect("options");
    assert!(select.contains("(10)"), "{select}");
    assert!(
        !select.contains("(3)") && !select.contains("(6)"),
        "the small group and its complement are hidden: {select}"
    );
    assert_eq!(select.matches("færre end 5").count(), 2);
}

#[tokio::test]
async fn a_young_person_tells_a_story_in_a_campaign_asking_their_course_with_names_redacted() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let asked = app.seed_campaign_for(&org, Some(course.id)).await;
    let staff_only = app.seed_campaign(&org).await;
    let link = app.invite(&org, &course, "young_person").await;
    app.accept(&link, "mia.fortaeller").await;
    let mia = common::client();
    let signed = app
        .post_form(
            &mia,
            "/me/login",
            &[
                ("login_name", "mia.fortaeller"),
                ("password", common::PASSWORD),
            ],
        )
        .await;
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    let list = mia
        .get(app.url("/me/stories"))
        .send()
        .await
        .expect("list")
        .text()
        .await
        .expect("body");
    assert!(
        list.contains(&format!("/me/stories/{}", asked.id)),
        "the campaign asking Mia's course is offered"
    );
    assert!(!list.contains(&staff_only.id), "a staff campaign is not");
    let hidden = mia
        .get(app.url(&format!("/me/stories/{}", staff_only.id)))
        .send()
        .await
        .expect("sent");
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
    let form = mia
        .get(app.url(&format!("/me/stories/{}", asked.id)))
        .send()
        .await
        .expect("form")
        .text()
        .await
        .expect("body");
    assert!(
        form.contains("T1.a") && !form.contains("name=\"T2.a\""),
        "the reduced framework"
    );
    let path = format!("/me/stories/{}", asked.id);
    let first = app
        .post_form(
            &mia,
            &path,
            &[
                ("text", "Mia Kanariefugl fik lov at bestemme selv."),
                ("D3", "80"),
            ],
        )
        .await;
    assert_eq!(first.status(), StatusCode::OK);
    let html = first.text().await.expect("body");
    assert!(
        html.contains("[navn] [navn] fik lov at bestemme selv."),
        "the course's names are found"
    );
    let saved = app
        .post_form(
            &mia,
            &path,
            &[
                ("text", "[navn] fik lov at bestemme selv."),
                ("confirm", "1"),
                ("D3", "80"),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let (teller, account, redacted): (String, Option<String>, bool) = tandem_store::with_pool!(app.state.app().store(), pool => {
        sqlx::query_as("SELECT teller, citizen_account_id, redacted FROM stories WHERE campaign_id = $1 AND body LIKE '[navn]%'")
            .bind(&asked.id).fetch_one(pool).await.expect("story")
    });
    assert_eq!(teller, "young_person");
    assert!(account.is_some() && redacted);
}

#[tokio::test]
async fn a_refused_campaign_form_keeps_what_was_typed_and_creates_nothing() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let manager = app.signed_in(&org.manager).await;
    let (framework_id, _) = framework(&app, &org).await;
    let response = app
        .post_form(
            &manager,
            "/campaigns",
            &[
                ("title", "Puls <script>x</script>"),
                ("prompt", ""),
                ("framework", &framework_id),
                ("audience", "link"),
                ("consent_text", ""),
                ("opens_on", "2026-05-01"),
                ("closes_on", "2026-04-01"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert!(
        html.contains("Skriv noget her."),
        "the empty prompt is named"
    );
    assert!(!html.contains("<script>x"), "the title is kept, escaped");
    assert!(html.contains("2026-05-01"), "the dates are kept");
    let campaigns = app
        .state
        .app()
        .store()
        .campaigns(org.id)
        .await
        .expect("campaigns");
    assert!(campaigns.is_empty(), "nothing was created");
    let dates = app
        .post_form(
            &manager,
            "/campaigns",
            &[
                ("title", "Puls"),
                ("prompt", "Hvad skete der?"),
                ("framework", &framework_id),
                ("audience", "link"),
                ("consent_text", ""),
                ("opens_on", "2026-05-01"),
                ("closes_on", "2026-04-01"),
            ],
        )
        .await;
    assert_eq!(dates.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = dates.text().await.expect("body");
    assert!(html.contains("Lukkedatoen kan ikke ligge før åbningsdatoen."));
    assert!(html.contains("En link-kampagne skal have en samtykketekst."));
    assert!(
        app.state
            .app()
            .store()
            .campaigns(org.id)
            .await
            .expect("campaigns")
            .is_empty()
    );
}

#[tokio::test]
async fn a_campaigns_stories_are_exported_only_by_those_who_read_them_after_a_recent_password() {
    let (app, clock) = spawn_app_with_clock().await;
    let org = app.seed_org("Aarhus").await;
    let manager = app.signed_in(&org.manager).await;
    let (campaign, _) = new_campaign(&app, &manager, &org, "team").await;
    let path = format!("/campaigns/{campaign}/export.csv");
    // Administrators run campaigns but never read stories; processors of a campaign that does not
    // return its stories read none: both get the page that does not exist.
    for person in [&org.admin, &org.processor] {
        let client = app.signed_in(person).await;
        let response = client.get(app.url(&path)).send().await.expect("export");
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{}", person.email);
    }
    let head = app.signed_in(&org.head).await;
    clock.advance(time::Duration::minutes(6));
    for client in [&manager, &head] {
        let stale = client.get(app.url(&path)).send().await.expect("export");
        assert_eq!(stale.status(), StatusCode::SEE_OTHER);
        let location = stale.headers()[reqwest::header::LOCATION]
            .to_str()
            .expect("ascii")
            .to_owned();
        assert_eq!(
            location,
            format!("/login/confirm?next=/campaigns/{campaign}/export.csv")
        );
    }
    let confirmed = app
        .post_form(
            &manager,
            "/login/confirm",
            &[("password", PASSWORD), ("next", path.as_str())],
        )
        .await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    let file = manager.get(app.url(&path)).send().await.expect("export");
    assert_eq!(file.status(), StatusCode::OK);
    let mut tx = app.state.app().store().begin_read().await.expect("tx");
    let filter = tandem_store::audit::AuditFilter {
        action_prefix: Some("campaign.export".to_owned()),
        limit: 10,
        ..Default::default()
    };
    let exports = tx
        .audit_events(&org.id.to_string(), &filter)
        .await
        .expect("trail");
    tx.commit().await.expect("commit");
    assert_eq!(exports.len(), 1, "the one export is in the audit trail");
    assert_eq!(exports[0].actor_id, Some(org.manager.id.to_string()));
}
