//! Pattern pages through the real server: the designed relation is found and ranked first,
//! its page has a chart, a data table, a sentence and example stories from the group it is
//! about; filters that select or single out fewer than 5 stories show nothing; ternary plots
//! leave small groups out; trends and the 90-day windows; new stories reach the kept columns.

mod common;

use common::{
    Org, SeededCampaign, TestApp, designed, page, seeded, spawn_app, spawn_app_with_clock,
};
use reqwest::StatusCode;

#[tokio::test]
async fn the_designed_relation_is_found_with_its_chart_table_sentence_and_examples() {
    let (app, org, campaign) = seeded().await;
    let manager = app.signed_in(&org.manager).await;
    let base = format!("/campaigns/{}/patterns", campaign.id);
    let html = page(&app, &manager, &base).await;
    assert!(
        html.contains("Fortællinger i udvalget: 64"),
        "63 designed + 1 seeded"
    );
    let overview = page(&app, &manager, &format!("/campaigns/{}", campaign.id)).await;
    assert!(
        overview.contains("Fortællinger</dt><dd>64</dd>"),
        "the campaign's page counts its stories: {overview}"
    );
    assert!(html.contains("stærk evidens"));
    // Coherence by phase: co-design and co-delivery kept, co-assessment (3) dropped, so it is
    // a Mann–Whitney test.
    let link = html
        .split("href=\"")
        .find(|part| part.contains("a=D3&#38;b=M1"))
        .and_then(|part| part.split('"').next())
        .expect("a finding for D3 by M1")
        .replace("&#38;", "&");
    let row = html
        .split("a=D3&#38;b=M1")
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .expect("its row");
    assert!(
        row.contains("Mann–Whitney U") && row.contains("stærk evidens"),
        "{row}"
    );
    assert!(html.contains("Hybridprofil for udvalget"));
    // Blending and segmentation with their bootstrap intervals, e.g. "0,37 (0,33–0,41)".
    let card = html
        .split("id=\"profile-heading\"")
        .nth(1)
        .and_then(|c| c.split("</section>").next())
        .expect("the profile card");
    assert!(card.contains("Blanding (0–1)</dt><dd>0,"), "{card}");
    assert!(
        card.matches('–').count() >= 6,
        "intervals for the mix, B and L (and the 0–1 labels): {card}"
    );
    // The profile is kept per filter: another selection gets its own, and asking again for
    // the first gives the first back.
    let card_of = |html: &str| {
        html.split("id=\"profile-heading\"")
            .nth(1)
            .and_then(|c| c.split("</section>").next())
            .map(str::to_owned)
            .expect("the profile card")
    };
    let filtered = page(&app, &manager, &format!("{base}?M1=co_design")).await;
    assert_ne!(card_of(&filtered), card, "a filter's own profile");
    let again = page(&app, &manager, &base).await;
    assert_eq!(card_of(&again), card, "the whole campaign's profile, kept");
    let finding = page(&app, &manager, &link).await;
    assert!(finding.contains("class=\"tandem-chart\"") && finding.contains("role=\"img\""));
    assert!(finding.contains("<table") && finding.contains("scope=\"row\""));
    assert!(
        finding.contains("højest for at planlægge hvordan"),
        "the sentence names the group"
    );
    // Each example is headed by its text (short texts are not repeated below the heading).
    let examples: Vec<&str> = finding
        .split("<h3 class=\"h4\"><a href=\"")
        .skip(1)
        .filter_map(|s| s.split('>').nth(1))
        .filter_map(|s| s.split('<').next())
        .collect();
    assert_eq!(examples.len(), 5, "five example stories");
    let rules = examples.iter().all(|e| e.starts_with("Rules story"));
    let together = examples.iter().all(|e| e.starts_with("Together story"));
    assert!(
        rules || together,
        "all from the group the finding is about: {examples:?}"
    );
    assert!(
        !finding.contains("Follow-up story"),
        "never from the group under 5"
    );
    let events = app
        .audit_events(&org.id.to_string(), "story.patterns")
        .await;
    assert_eq!(events.len(), 4, "every read is in the audit log");
}

/// Twelve people with habits ([`common::habits`]): the stories differ "strongly" by phase,
/// the people do not.
#[tokio::test]
async fn one_persons_habits_are_capped_at_weak_evidence_and_the_finding_says_how_to_read_it() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    let told = common::habits();
    app.add_told(&org, &campaign, &told).await;
    let manager = app.signed_in(&org.manager).await;
    let base = format!("/campaigns/{}/patterns", campaign.id);
    let html = page(&app, &manager, &base).await;
    let row = html
        .split("a=D3&#38;b=M1")
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .expect("the finding is listed");
    assert!(
        row.contains("svag evidens") && row.contains("r = "),
        "{row}"
    );
    let finding = page(&app, &manager, &format!("{base}/finding?a=D3&b=M1")).await;
    for expected in [
        "96 fortællinger fra 12 personer",
        "Holder på tværs af personer",
        "Nej. Når hele personer trækkes om (12 ad gangen, 1.000 gange)",
        "Derfor højst svag evidens",
        "Hvor stor",
        "Efter Cohen 1988 (r): lille fra 0,10, moderat fra 0,30, stor fra 0,50.",
        "Hvad fundet kan og ikke kan sige",
        "Et mønster er en sammenhæng, ikke en årsag.",
        "Fundet bygger på 96 fortællinger fra 12 personer.",
    ] {
        assert!(finding.contains(expected), "{expected}: {finding}");
    }
    // Two sliders are read by their poles.
    let sliders = page(&app, &manager, &format!("{base}/finding?a=D3&b=D4")).await;
    assert!(
        sliders.contains("hælder mod &#34;klar") || sliders.contains("hælder mod \"klar"),
        "{sliders}"
    );
    assert!(
        sliders.contains("i vejen for arbejdet med familien"),
        "{sliders}"
    );
    // Filters count people too: co-design is 48 stories from six people; coherence from 80 is
    // about 21 stories from three, and the tenth below it 11 from two.
    let co_design = page(&app, &manager, &format!("{base}?M1=co_design")).await;
    assert_eq!(shown_count(&co_design), Some("48".to_owned()));
    let few_people = page(&app, &manager, &format!("{base}?D3.min=80")).await;
    assert_eq!(shown_count(&few_people), None, "three people are too few");
}

/// Two people telling six stories each last month, eight people telling two each this month:
/// last month's twelve stories pass k = 5 stories but not k = 5 people.
fn two_people_last_month(today: time::Date) -> Vec<common::Told> {
    use tandem_domain::answer::Answer;
    let last_month = i64::from(today.day()) + 10;
    let story = |teller: usize, s: usize, days_ago: i64, rules: bool| common::Told {
        body: format!("Story {s} of teller {teller}"),
        days_ago,
        answers: vec![
            (
                "T1".to_owned(),
                Answer::Triad(if rules {
                    [0.8, 0.1, 0.1]
                } else {
                    [0.1, 0.8, 0.1]
                }),
            ),
            (
                "D3".to_owned(),
                Answer::Position(if rules { 20.0 } else { 70.0 } + s as f64),
            ),
            (
                "M1".to_owned(),
                Answer::Choices(vec![
                    if rules { "co_design" } else { "co_delivery" }.to_owned(),
                ]),
            ),
        ],
        teller: Some(format!("p{teller}")),
    };
    let old = (0..2).flat_map(|t| (0..6).map(move |s| story(t, s, last_month, true)));
    let new = (2..10).flat_map(|t| (0..2).map(move |s| story(t, s, 0, false)));
    old.chain(new).collect()
}

/// The row of a data table that starts with `label`, up to its end.
fn table_row<'a>(html: &'a str, label: &str) -> &'a str {
    html.split(&format!("<th scope=\"row\">{label}</th>"))
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .unwrap_or_else(|| panic!("a row for {label}: {html}"))
}

/// k = 5 counts people on every page that shows a group: a month of the trends, a group of
/// the ternary plot and a month of a marked region's share are gaps when fewer than five
/// people told their stories, however many stories that is.
#[tokio::test]
async fn months_and_groups_told_by_fewer_than_five_people_are_gaps() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    let today = app.state.today();
    app.add_told(&org, &campaign, &two_people_last_month(today))
        .await;
    let manager = app.signed_in(&org.manager).await;
    let base = format!("/campaigns/{}/patterns", campaign.id);
    let month = |d: time::Date| format!("{:02}.{}", u8::from(d.month()), d.year());
    let (last, this) = (
        month(today - time::Duration::days(i64::from(today.day()) + 10)),
        month(today),
    );

    let trends = page(&app, &manager, &format!("{base}/trends")).await;
    assert!(
        table_row(&trends, &last).contains("færre end 5 personer"),
        "{trends}"
    );
    assert!(
        !table_row(&trends, &this).contains("færre end 5"),
        "{trends}"
    );

    let triads = page(
        &app,
        &manager,
        &format!("{base}/triads?question=T1&by=M1&left=co_design&right=co_delivery"),
    )
    .await;
    assert_eq!(
        triads.matches("class=\"tandem-plot\"").count(),
        2,
        "all stories and co-delivery; co-design's twelve stories come from two people: {triads}"
    );

    let at = common::post_ok(
        &app,
        &manager,
        &format!("{base}/marks"),
        &[
            ("question", "D3"),
            ("region", "low"),
            ("direction", "fewer"),
        ],
    )
    .await;
    let mark = page(&app, &manager, &at).await;
    assert_eq!(
        mark.matches("<td>færre end 5 personer</td>").count(),
        1,
        "last month is a gap, this month is shown: {mark}"
    );
}

#[tokio::test]
async fn filters_that_select_or_single_out_fewer_than_five_stories_show_nothing() {
    let (app, org, campaign) = seeded().await;
    let manager = app.signed_in(&org.manager).await;
    let base = format!("/campaigns/{}/patterns", campaign.id);
    let few = page(&app, &manager, &format!("{base}?M1=co_assessment")).await;
    assert!(few.contains("færre end 5 fortællinger, så intet vises"));
    assert!(
        !few.contains("Fortællinger i udvalget"),
        "not even the count"
    );
    // "Proud" holds the 30 co-design stories and the 3 co-assessment ones; adding "co-design"
    // would single out those 3 by comparison.
    let reveals = page(&app, &manager, &format!("{base}?M1=co_design&M3=proud")).await;
    assert!(reveals.contains("kunne udpege personer"), "refused");
    assert!(!reveals.contains("<table"), "no numbers");
    let wide = page(&app, &manager, &format!("{base}?M3=proud")).await;
    assert!(wide.contains("Fortællinger i udvalget: 33"));
    let narrow = page(&app, &manager, &format!("{base}?M1=co_design")).await;
    assert!(narrow.contains("Fortællinger i udvalget: 30"));
    // The same rule on the other pattern pages.
    for view in ["triads", "trends"] {
        let html = page(
            &app,
            &manager,
            &format!("{base}/{view}?M1=co_design&M3=proud"),
        )
        .await;
        assert!(html.contains("kunne udpege personer"), "{view}");
        assert!(!html.contains("tandem-chart"), "{view}");
    }
}

#[tokio::test]
async fn ternary_plots_compare_two_groups_and_leave_small_groups_out() {
    let (app, org, campaign) = seeded().await;
    let manager = app.signed_in(&org.manager).await;
    let html = page(
        &app,
        &manager,
        &format!(
            "/campaigns/{}/patterns/triads?question=T1&by=M1&left=co_design&right=co_delivery",
            campaign.id
        ),
    )
    .await;
    let (plots, marks) = html.split_once("id=\"marks\"").expect("the marks section");
    // Each chart is drawn twice, narrow and wide, in one `tandem-charts` box.
    assert_eq!(
        plots.matches("<div class=\"tandem-charts").count(),
        3,
        "all, and the two side by side"
    );
    assert_eq!(
        plots.matches("class=\"tandem-chart\"").count(),
        6,
        "a narrow and a wide drawing of each"
    );
    assert_eq!(
        marks.matches("<div class=\"tandem-charts").count(),
        1,
        "the seeded mark's share"
    );
    let centroids = html
        .split("<caption class=\"sr-only\">Hver gruppes midte")
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .expect("the centroid table");
    assert_eq!(
        centroids.matches("scope=\"row\"").count(),
        2,
        "co-assessment (3 stories) is not a group: {centroids}"
    );
    assert!(centroids.contains("<td>30</td>"));
    // Zone shares: 30 in the TPA corner, 30 in the NPG corner, 4 elsewhere hidden.
    assert!(html.contains("Andele i zoner"));
    assert!(html.contains("færre end 5"));
}

#[tokio::test]
async fn trends_show_months_and_90_day_windows_and_new_stories_reach_the_pages() {
    let (app, org, campaign) = seeded().await;
    let manager = app.signed_in(&org.manager).await;
    let trends = page(
        &app,
        &manager,
        &format!("/campaigns/{}/patterns/trends", campaign.id),
    )
    .await;
    assert!(trends.contains("Logikblanding pr. 90 dage"));
    assert!(trends.contains("class=\"tandem-chart\""));
    assert!(trends.contains("Måned"));
    let base = format!("/campaigns/{}/patterns", campaign.id);
    assert!(page(&app, &manager, &base).await.contains("i udvalget: 64"));
    // Seven more co-assessment stories: the group reaches 10 and the pages read the new count.
    let more: Vec<_> = designed(7).into_iter().skip(60 + 3).collect();
    app.add_stories(&org, &campaign, &more).await;
    assert!(page(&app, &manager, &base).await.contains("i udvalget: 71"));
    let grouped = page(&app, &manager, &format!("{base}?M1=co_assessment")).await;
    assert!(
        grouped.contains("i udvalget: 10"),
        "now large enough to show"
    );
}

#[tokio::test]
async fn processors_and_other_organizations_get_404_for_pattern_pages() {
    let (app, org, campaign) = seeded().await;
    let other = app.seed_org("Odense").await;
    for person in [&org.processor, &other.manager] {
        let client = app.signed_in(person).await;
        for view in ["", "/triads", "/trends", "/finding?a=D3&b=M1"] {
            let response = client
                .get(app.url(&format!("/campaigns/{}/patterns{view}", campaign.id)))
                .send()
                .await
                .expect("sent");
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{view}");
        }
    }
}

#[tokio::test]
async fn the_pages_speak_english_too() {
    let (app, org, campaign) = seeded().await;
    let manager = app.signed_in(&org.manager).await;
    manager
        .get(app.url("/language/en?next=/"))
        .send()
        .await
        .expect("language");
    let html = page(
        &app,
        &manager,
        &format!("/campaigns/{}/patterns", campaign.id),
    )
    .await;
    assert!(html.contains("Stories in the selection: 64"));
    assert!(html.contains("strong evidence"));
}

/// Adds `stories`, then reads the trends page's table of 90-day windows as the manager.
async fn windows_table(
    app: &TestApp,
    org: &Org,
    campaign: &SeededCampaign,
    stories: &[common::Designed],
) -> String {
    app.add_stories(org, campaign, stories).await;
    let manager = app.signed_in(&org.manager).await;
    let html = page(
        app,
        &manager,
        &format!("/campaigns/{}/patterns/trends", campaign.id),
    )
    .await;
    html.split("<caption class=\"sr-only\">Logikblandingen")
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .expect("the windows table")
        .to_owned()
}

#[tokio::test]
async fn a_logic_mix_that_moves_between_90_day_windows_is_marked_in_transition() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    // Twenty rule-bound stories four months ago, twenty co-produced ones in the last weeks.
    let mut stories = designed(0);
    stories.truncate(40);
    for (i, story) in stories.iter_mut().enumerate() {
        let early = i < 20;
        story.logic = if early {
            [0.8, 0.1, 0.1]
        } else {
            [0.1, 0.1, 0.8]
        };
        story.days_ago = if early {
            100 + i as i64
        } else {
            (i - 20) as i64
        };
    }
    let windows = windows_table(&app, &org, &campaign, &stories).await;
    let rows: Vec<&str> = windows.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 2, "two 90-day windows: {windows}");
    assert!(rows[0].contains("<td>20</td>") && !rows[0].contains("i bevægelse"));
    // Twenty identical stories: every resample gives the same mix, so the interval is a point;
    // the second window's stories differ (the seeded story is a blend), so its intervals open.
    assert!(rows[0].contains("<td>80 % (80 %–80 %)</td>"), "{}", rows[0]);
    let cells: Vec<&str> = rows[1].split("<td>").skip(2).collect();
    assert!(
        cells[0].contains(" (") && !cells[0].starts_with("10 % (10 %–10 %)"),
        "{}",
        rows[1]
    );
    assert!(
        rows[1].contains("<td>21</td>") && rows[1].contains("i bevægelse"),
        "{}",
        rows[1]
    );
}

#[tokio::test]
async fn friction_among_blends_is_shown_per_window_with_its_interval_from_five_blends() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    // Ten pure stories four months ago (no blends: no friction shown); now nine blends, four of
    // them frustrated, and eleven pure ones. With the campaign's seeded story (a calm blend):
    // 4 of 10 blends strained.
    let mut stories = designed(0);
    stories.truncate(30);
    for (i, story) in stories.iter_mut().enumerate() {
        story.coherence = 80.0;
        story.feeling = if (10..14).contains(&i) {
            "frustrated"
        } else {
            "proud"
        };
        story.logic = if (10..19).contains(&i) {
            [0.4, 0.4, 0.2]
        } else {
            [0.8, 0.1, 0.1]
        };
        story.days_ago = if i < 10 { 100 + i as i64 } else { 1 };
    }
    let windows = windows_table(&app, &org, &campaign, &stories).await;
    assert!(
        windows.contains("Friktion (belastede blandinger)"),
        "{windows}"
    );
    let rows: Vec<&str> = windows.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 2, "{windows}");
    assert!(
        rows[0].contains("<td>under 5 blandinger</td>"),
        "{}",
        rows[0]
    );
    let friction = rows[1]
        .split("<td>")
        .find(|cell| cell.starts_with("40 % ("))
        .expect("40 % of the blends strained, with an interval");
    assert!(!friction.starts_with("40 % (40 %–40 %)"), "{friction}");
}

#[tokio::test]
async fn stories_saved_later_join_the_kept_columns_exactly_as_a_fresh_read_has_them() {
    use tandem_web::metrics::ColumnRead::{NewStories, Whole};
    let (app, clock) = spawn_app_with_clock().await;
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    app.add_stories(&org, &campaign, &designed(0)).await;
    let manager = app.signed_in(&org.manager).await;
    let base = format!("/campaigns/{}/patterns", campaign.id);
    assert!(page(&app, &manager, &base).await.contains("i udvalget: 64"));
    let reads = || {
        let metrics = app.state.metrics();
        (
            metrics.column_reads(Whole),
            metrics.column_reads(NewStories),
        )
    };
    assert_eq!(reads(), (1, 0), "the first page reads the campaign");
    // Seven stories saved two seconds later, one of them told long ago: it belongs first.
    clock.advance(time::Duration::seconds(2));
    let mut more: Vec<_> = designed(7).into_iter().skip(63).collect();
    more[0].days_ago = 400;
    app.add_stories(&org, &campaign, &more).await;
    assert!(page(&app, &manager, &base).await.contains("i udvalget: 71"));
    assert_eq!(reads(), (1, 1), "only the new stories were read");
    // The kept columns now equal what a fresh read of the campaign gives.
    let store = app.state.app().store();
    let id = tandem_domain::Id::parse(&campaign.id).expect("id");
    let record = store
        .campaign(org.id, id)
        .await
        .expect("read")
        .expect("campaign");
    let framework = store
        .framework(org.id, record.framework_id)
        .await
        .expect("read")
        .expect("framework")
        .framework;
    let columns = |app: &TestApp| {
        let (record, framework) = (record.clone(), framework.clone());
        let state = app.state.clone();
        async move {
            tandem_web::story_columns::campaign_columns(&state, &record, &framework)
                .await
                .expect("columns")
        }
    };
    let extended = columns(&app).await;
    app.state.columns().forget();
    let fresh = columns(&app).await;
    assert_eq!(reads(), (2, 1));
    assert_eq!(extended.facts, fresh.facts);
    assert_eq!(extended.stories, fresh.stories);
    assert_eq!(
        extended.facts[0].collected_on,
        app.state.today() - time::Duration::days(400)
    );
    // A story saved in the same second as the newest kept one cannot be told apart from those
    // already read: the count shows it and the whole campaign is read again.
    app.add_stories(&org, &campaign, &more[1..2]).await;
    assert!(page(&app, &manager, &base).await.contains("i udvalget: 72"));
    assert_eq!(reads(), (3, 1));
}

#[tokio::test]
async fn hostile_query_strings_are_shown_inert_and_change_nothing() {
    let (app, org, campaign) = seeded().await;
    let manager = app.signed_in(&org.manager).await;
    let base = format!("/campaigns/{}/patterns", campaign.id);
    let script = "%3Cscript%3Ealert(1)%3C%2Fscript%3E";
    for path in [
        format!("{base}/finding?a={script}&b=%27%20OR%201%3D1--"),
        format!("{base}?text={script}&tag=%22%3E%3Cimg%20src%3Dx%3E&M1=%27"),
        format!("{base}/triads?question={script}&by=%27&left={script}"),
        format!("{base}/trends?from=not-a-date&D3.min=abc&T1.lean=9"),
    ] {
        let html = page(&app, &manager, &path).await;
        assert!(!html.contains("<script>alert"), "{path}");
        assert!(!html.contains("<img src=x>"), "{path}");
    }
    // A NUL is refused at the gate, before any page reads anything.
    let nul = manager
        .get(app.url(&format!("{base}?M1=%00")))
        .send()
        .await
        .expect("sent");
    assert_eq!(nul.status(), StatusCode::BAD_REQUEST);
    // Nothing was stored by reading: still 64 stories, one audit event per page.
    assert!(page(&app, &manager, &base).await.contains("i udvalget: 64"));
    let events = app
        .audit_events(&org.id.to_string(), "story.patterns")
        .await;
    assert_eq!(events.len(), 5);
}

/// The count line of a pattern page, or `None` when the page shows no numbers.
fn shown_count(html: &str) -> Option<String> {
    let marker = "Fortællinger i udvalget: ";
    let start = html.find(marker)? + marker.len();
    Some(
        html[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect(),
    )
}

#[tokio::test]
async fn moving_a_date_by_one_day_cannot_single_out_the_story_of_that_day() {
    // The review's attack: `from=D` against `from=D+1` selected 64 and 63 stories, and the
    // difference was the one story told on day D.
    let (app, org, campaign) = seeded().await;
    let lone = common::Designed {
        phase: "co_design",
        coherence: 85.0,
        logic: [0.7, 0.2, 0.1],
        feeling: "proud",
        days_ago: 400,
        body: "The only story of its month".to_owned(),
    };
    app.add_stories(&org, &campaign, &[lone]).await;
    let manager = app.signed_in(&org.manager).await;
    let base = format!("/campaigns/{}/patterns", campaign.id);
    let day = app.state.today() - time::Duration::days(400);
    let next_day = day + time::Duration::days(1);
    let on_the_day = page(&app, &manager, &format!("{base}?from={day}")).await;
    let day_after = page(&app, &manager, &format!("{base}?from={next_day}")).await;
    assert_eq!(
        shown_count(&on_the_day),
        Some("65".to_owned()),
        "64 and the lone one"
    );
    assert_eq!(
        shown_count(&on_the_day),
        shown_count(&day_after),
        "a day later is the same month: the same stories"
    );
    assert!(
        on_the_day.contains(&format!(
            "value=\"{}\"",
            tandem_app::stories::ranges::first_of_month(day)
        )),
        "the panel shows the date the filter applies"
    );
    // Starting the month after the lone story's: the nearest month left out holds one story.
    let month_after = tandem_app::stories::ranges::last_of_month(day) + time::Duration::days(1);
    let refused = page(&app, &manager, &format!("{base}?from={month_after}")).await;
    assert!(refused.contains("kunne udpege personer"), "refused");
    assert_eq!(shown_count(&refused), None);
}

#[tokio::test]
async fn moving_a_slider_bound_by_one_point_cannot_single_out_a_small_group() {
    // Coherence (D3): 30 stories at 20–29, 3 at 50, 30 at 80–89. Unsnapped, `min=50` against
    // `min=51` would differ by the 3 at 50.
    let (app, org, campaign) = seeded().await;
    let manager = app.signed_in(&org.manager).await;
    let base = format!("/campaigns/{}/patterns", campaign.id);
    let at_50 = page(&app, &manager, &format!("{base}?D3.min=50")).await;
    let at_51 = page(&app, &manager, &format!("{base}?D3.min=51")).await;
    assert_eq!(shown_count(&at_50), Some("33".to_owned()));
    assert_eq!(shown_count(&at_51), shown_count(&at_50), "both from 50");
    // From 60 leaves out the tenth just below, which holds the 3.
    let refused = page(&app, &manager, &format!("{base}?D3.min=60")).await;
    assert!(refused.contains("kunne udpege personer"), "refused");
    let wide = page(&app, &manager, &format!("{base}?D3.min=30")).await;
    assert_eq!(
        shown_count(&wide),
        Some("33".to_owned()),
        "20–29 is next: 30 stories"
    );
}

#[tokio::test]
async fn adding_a_word_to_a_search_is_guarded_like_any_other_condition() {
    // Six "Skole story" texts and one "Skole" alone: `text=Skole` (7) against
    // `text=Skole story` (6) would single out the lone one. Each word is its own condition, so
    // the second search is refused: dropping "story" would add one story.
    let (app, org, campaign) = seeded().await;
    let school = |body: String| common::Designed {
        phase: "co_design",
        coherence: 85.0,
        logic: [0.7, 0.2, 0.1],
        feeling: "proud",
        days_ago: 3,
        body,
    };
    let mut extra: Vec<common::Designed> =
        (0..6).map(|i| school(format!("Skole story {i}"))).collect();
    extra.push(school("Skole".to_owned()));
    app.add_stories(&org, &campaign, &extra).await;
    let manager = app.signed_in(&org.manager).await;
    let base = format!("/campaigns/{}/patterns", campaign.id);
    let one_word = page(&app, &manager, &format!("{base}?text=Skole")).await;
    assert_eq!(shown_count(&one_word), Some("7".to_owned()));
    let two_words = page(&app, &manager, &format!("{base}?text=Skole+story")).await;
    assert!(two_words.contains("kunne udpege personer"), "refused");
    assert_eq!(shown_count(&two_words), None);
}

/// A theory's name primes the answer (issue 20): the story form shows the corners' words only;
/// the pattern pages name the logic behind each corner.
#[tokio::test]
async fn theory_codes_are_on_the_pattern_pages_and_never_on_the_story_form() {
    let (app, org, campaign) = seeded().await;
    let processor = app.signed_in(&org.processor).await;
    let form = page(
        &app,
        &processor,
        &format!("/campaigns/{}/tell", campaign.id),
    )
    .await;
    assert!(form.contains("At nå frem sammen"), "the corner's words");
    for code in ["(TPA)", "(NPM)", "(NPG)"] {
        assert!(!form.contains(code), "{code} on the story form");
    }
    let manager = app.signed_in(&org.manager).await;
    let triads = page(
        &app,
        &manager,
        &format!("/campaigns/{}/patterns/triads?question=T1", campaign.id),
    )
    .await;
    assert!(
        triads.contains("(NPG)") && triads.contains("(TPA)"),
        "the pattern page names the logics"
    );
}
