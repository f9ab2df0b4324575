//! No link leads nowhere (issue 26): on the demo, following every link on the pages each kind
//! of staff reaches from home — breadth first, up to a bound — never ends on a "not found" or
//! an error page. A link a person is shown is a link they may follow.

mod common;

use std::collections::{BTreeSet, VecDeque};

use common::{TestApp, seeded_demo};

/// How many pages each person's walk opens at most (the demo has thousands; the bound keeps
/// the test short while reaching every kind of page).
const PAGES_PER_PERSON: usize = 150;

/// The same-site links of a page, without fragments; assets, the language switch and
/// downloads are left out (they are not pages).
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.starts_with('/') && !href.starts_with("//"))
        .map(|href| {
            href.split('#')
                .next()
                .unwrap_or_default()
                .replace("&amp;", "&")
        })
        .filter(|href| {
            !href.is_empty()
                && !href.starts_with("/static/")
                && !href.starts_with("/language/")
                && !href.contains("/export")
                && !href.ends_with(".csv")
                && !href.ends_with(".xlsx")
        })
        .collect()
}

/// Walks from `/home` as `client`; returns the links that answered neither 200 nor a
/// redirect, with the page that showed them.
async fn walk(app: &TestApp, client: &reqwest::Client) -> (usize, Vec<String>) {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue: VecDeque<(String, String)> = VecDeque::from([("/home".into(), "-".into())]);
    let mut broken = Vec::new();
    let mut opened = 0;
    while let Some((path, from)) = queue.pop_front() {
        if opened >= PAGES_PER_PERSON {
            break;
        }
        if !seen.insert(path.clone()) {
            continue;
        }
        opened += 1;
        let response = client.get(app.url(&path)).send().await.expect("page");
        let status = response.status();
        if status.is_redirection() {
            continue;
        }
        if status != 200 {
            broken.push(format!("{path} ({status}), linked from {from}"));
            continue;
        }
        let html = response.text().await.expect("body");
        for link in links(&html) {
            if !seen.contains(&link) {
                queue.push_back((link, path.clone()));
            }
        }
    }
    (opened, broken)
}

#[tokio::test]
async fn every_link_staff_are_shown_on_the_demo_leads_to_a_page() {
    let app = common::spawn_app().await;
    seeded_demo(&app).await;
    let mut broken = Vec::new();
    for email in [
        "leder@demo.tandem.test",
        "teamleder@demo.tandem.test",
        "raadgiver@demo.tandem.test",
        "admin@demo.tandem.test",
    ] {
        let person = app.signed_in_demo(email).await;
        let (opened, found) = walk(&app, &person).await;
        assert!(opened >= 20, "{email}: the walk reached {opened} pages");
        broken.extend(found.into_iter().map(|b| format!("{email}: {b}")));
    }
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn links_keep_pages_and_leave_out_assets_switches_and_downloads() {
    let html = r##"<a href="/courses/1#top">a</a> <a href="/static/x.css">b</a>
        <a href="/language/da?next=/">c</a> <a href="https://example.org/">d</a>
        <a href="/teams/1/indicators/export.csv">e</a> <a href="/a?x=1&amp;y=2">f</a>"##;
    assert_eq!(links(html), ["/courses/1", "/a?x=1&y=2"]);
}
