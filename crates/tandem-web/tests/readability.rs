//! Plain Danish where citizens look (issue 20): the LIX readability index of every page a young
//! person reads, on the demo, stays at or below 30 — easy texts for young readers sit there.
//!
//! LIX (Björnsson) is words per sentence plus the percentage of words longer than six letters.
//! On a web page a heading, a label or a button is a sentence of its own, so every block of
//! text ends one; inline markup (links, emphasis) does not.
//!
//! No page a teller sees names a theory's code (TPA, NPM, NPG): it would prime the answer.
//!
//! On Danish pages of the demo, numbers are in Danish form (decimal commas) and no internal code
//! (`head_of_department`, `user.create`, `allowed`) is ever shown (issue 24).
//!
//! `scripts/lix` runs this test with its table printed; with `TANDEM_LIX_DUMP=<folder>` it also
//! writes each page's text blocks there, one per line, to see what a score is made of.

mod common;

use common::{TestApp, client, csrf_in, seeded_demo};
use tandem_app::demo;

/// The highest LIX a citizen page may have.
const MOST: f64 = 30.0;

/// Inline elements: their text belongs to the sentence around them.
const INLINE: [&str; 14] = [
    "a", "span", "strong", "em", "b", "i", "abbr", "time", "small", "code", "mark", "output",
    "bdi", "sup",
];

/// The text a reader sees, as blocks: scripts, styles and the head left out, entities decoded.
fn blocks(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut rest = html;
    let mut skipping: Option<&str> = None;
    while let Some(open) = rest.find('<') {
        if skipping.is_none() {
            current.push_str(&rest[..open]);
        }
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(hidden) = skipping {
            if tag.starts_with('/') && name == hidden {
                skipping = None;
            }
            continue;
        }
        if ["script", "style", "head", "svg"].contains(&name.as_str()) && !tag.starts_with('/') {
            skipping = Some(match name.as_str() {
                "script" => "script",
                "style" => "style",
                "head" => "head",
                _ => "svg",
            });
        }
        if !INLINE.contains(&name.as_str()) {
            out.push(std::mem::take(&mut current));
        }
    }
    out.push(current);
    out.into_iter()
        .map(|b| decode(&b).split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|b| b.chars().any(char::is_alphabetic))
        .collect()
}

fn decode(text: &str) -> String {
    text.replace("&nbsp;", " ")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// LIX of blocks of text: each block ends a sentence, and so does every `.`, `!`, `?` or `:`
/// followed by a space inside one.
fn lix(blocks: &[String]) -> f64 {
    let (mut words, mut long, mut sentences) = (0usize, 0usize, 0usize);
    for block in blocks {
        let inner = block
            .split_whitespace()
            .rev()
            .skip(1)
            .filter(|w| w.ends_with(['.', '!', '?', ':']))
            .count();
        sentences += 1 + inner;
        for word in block
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().any(char::is_alphabetic))
        {
            words += 1;
            if word.chars().count() > 6 {
                long += 1;
            }
        }
    }
    if words == 0 {
        return 0.0;
    }
    #[expect(clippy::cast_precision_loss, reason = "counts of a page's words")]
    let (w, l, s) = (words as f64, long as f64, sentences.max(1) as f64);
    w / s + 100.0 * l / w
}

#[test]
fn lix_agrees_with_worked_examples() {
    // 8 words, 1 sentence, 2 long words ("forklarer", "sagsbehandleren"): 8 + 25 = 33.
    let one = ["Sagsbehandleren forklarer hvad der sker i dag nu.".to_owned()];
    assert!((lix(&one) - 33.0).abs() < 1e-9, "{}", lix(&one));
    // Two blocks of two short words: 2 words a sentence, no long words.
    let two = ["Hej du".to_owned(), "Kom ind".to_owned()];
    assert!((lix(&two) - 2.0).abs() < 1e-9);
    // The stop inside a time ends nothing (an abbreviation's does, as in every LIX counter);
    // "Ja. Nej." is two sentences: 5 words in 4 sentences.
    let times = ["Kl. 11.00 i dag.".to_owned(), "Ja. Nej.".to_owned()];
    assert!((lix(&times) - 5.0 / 4.0).abs() < 1e-9, "{}", lix(&times));
    assert_eq!(
        blocks(
            "<head><title>Skjult</title></head><h1>Hej <a href=x>du</a></h1><script>var x;</script><p>Tak &amp; farvel</p>"
        ),
        ["Hej du", "Tak & farvel"]
    );
}

async fn citizen(app: &TestApp, login_name: &str) -> reqwest::Client {
    let client = client();
    let form = client
        .get(app.url("/me/login"))
        .send()
        .await
        .expect("login page")
        .text()
        .await
        .expect("body");
    let response = client
        .post(app.url("/me/login"))
        .form(&[
            ("_csrf", csrf_in(&form).as_str()),
            ("login_name", login_name),
            ("password", demo::PASSWORD),
        ])
        .send()
        .await
        .expect("sign-in");
    assert_eq!(response.status(), 303, "{login_name} signs in");
    client
}

#[tokio::test]
#[expect(clippy::print_stdout, reason = "the table scripts/lix prints")]
async fn every_page_a_young_person_reads_on_the_demo_has_lix_at_most_30() {
    let app = common::spawn_app().await;
    let made = seeded_demo(&app).await;
    let young = citizen(&app, "ung1.demo").await;
    let stories = app.page_text(&young, "/me/stories").await;
    let form = stories
        .split("href=\"/me/stories/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|id| format!("/me/stories/{id}"))
        .expect("a campaign asks the young person");
    let link = made.story_link.clone();
    let pages = [
        ("my course (/me)", "/me".to_owned(), true),
        ("the access log", "/me/access-log".to_owned(), true),
        ("who may see what", "/me/consent".to_owned(), true),
        ("download my data", "/me/data".to_owned(), true),
        ("the young person's story form", form, true),
        ("the anonymous story form", link, false),
    ];
    let anonymous = client();
    let mut failures = Vec::new();
    println!("{:<34} {:>6} {:>6}", "page", "da", "en");
    for (name, path, signed_in) in &pages {
        let reader = if *signed_in { &young } else { &anonymous };
        let mut figures = Vec::new();
        for language in ["da", "en"] {
            app.choose_language_for(reader, language).await;
            let html = app.page_text(reader, path).await;
            for code in ["(TPA)", "(NPM)", "(NPG)"] {
                assert!(!html.contains(code), "{code} shown to a teller on {name}");
            }
            let shown = blocks(&html);
            if let Some(dir) = std::env::var_os("TANDEM_LIX_DUMP") {
                let slug: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
                let file = format!("{slug}-{language}.txt");
                let dir = std::path::Path::new(&dir);
                std::fs::write(dir.join(&file), shown.join("\n")).expect("dump written");
                std::fs::write(dir.join(file).with_extension("html"), &html).expect("dump");
            }
            let score = lix(&shown);
            if score > MOST {
                failures.push(format!("{name} ({language}): LIX {score:.1}"));
            }
            figures.push(score);
        }
        println!("{name:<34} {:>6.1} {:>6.1}", figures[0], figures[1]);
    }
    assert!(
        failures.is_empty(),
        "above LIX {MOST}: {failures:?} (print the table with scripts/lix)"
    );
}

/// What in `block` looks like a number with a decimal point, once Danish dates (06.12.2026),
/// times ("kl. 9.30") and thousands (1.000) are taken out.
fn decimal_points(block: &str) -> Vec<String> {
    let words: Vec<&str> = block.split_whitespace().collect();
    let mut found = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let token = word.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '.');
        let token = token.trim_end_matches('.');
        let parts: Vec<&str> = token.split('.').collect();
        let digits = |p: &&str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
        if parts.len() < 2 || !parts.iter().all(digits) {
            continue;
        }
        let date =
            parts.len() == 3 && parts[0].len() == 2 && parts[1].len() == 2 && parts[2].len() == 4;
        let time = parts.len() == 2 && parts[1].len() == 2 && i > 0 && words[i - 1] == "kl.";
        let thousands = parts[1..].iter().all(|p| p.len() == 3);
        if !(date || time || thousands) {
            found.push(token.to_owned());
        }
    }
    found
}

/// Internal codes in `block`: snake_case words, and dotted lower-case codes that are not part
/// of an e-mail address or a web address.
fn codes(block: &str) -> Vec<String> {
    block
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '.'))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.contains('@') && !w.contains("tandem.test") && !w.contains("www."))
        .filter(|w| {
            let snake = w.contains('_') && w.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            let dotted = w.split('.').count() == 2
                && w.split('.')
                    .all(|p| p.len() > 1 && p.chars().all(|c| c.is_ascii_lowercase()));
            snake || dotted
        })
        .map(str::to_owned)
        .collect()
}

/// Dates in ISO form (`2026-12-07`) in `block`: a Danish reader writes `07.12.2026`.
fn iso_dates(block: &str) -> Vec<String> {
    block
        .split(|c: char| !(c.is_ascii_digit() || c == '-'))
        .filter(|w| {
            let parts: Vec<&str> = w.split('-').collect();
            parts.len() == 3
                && parts[0].len() == 4
                && parts[1].len() == 2
                && parts[2].len() == 2
                && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_checks_find_decimal_points_and_codes_and_leave_danish_forms_alone() {
    assert_eq!(iso_dates("Fra 2025-12-13 til 07.12.2026"), ["2025-12-13"]);
    assert!(iso_dates("uge 49, 2026 – 12 % – 1-2-3").is_empty());
    assert_eq!(decimal_points("gik fra 4.9 til 2,7"), ["4.9"]);
    assert!(decimal_points("den 06.12.2026 kl. 9.30, 1.000 fortællinger, 4,9").is_empty());
    assert_eq!(
        codes("Rolle: head_of_department gjorde user.create"),
        ["head_of_department", "user.create"]
    );
    assert!(codes("Skriv til admin@demo.tandem.test. Det er godt.").is_empty());
}

/// On the demo, in Danish, every course page a processor opens, the pages of the young
/// person's own Tandem and the head of department's team pages show numbers with decimal
/// commas, dates as 07.12.2026 and no internal code.
#[tokio::test]
async fn danish_pages_of_the_demo_show_danish_numbers_and_no_internal_codes() {
    let app = common::spawn_app().await;
    let visitor = client();
    let none = app.page_text(&visitor, "/tour").await;
    assert!(none.contains("Der er ingen demo") && !none.contains("demo.tandem.test"));
    assert!(
        !app.page_text(&visitor, "/")
            .await
            .contains("href=\"/tour\"")
    );
    seeded_demo(&app).await;
    // The tour names each role's sign-in and what to look at; the landing page points to it.
    let tour = app.page_text(&visitor, "/tour").await;
    for expected in [
        "ung1.demo",
        "raadgiver@demo.tandem.test",
        "teamleder@demo.tandem.test",
        "leder@demo.tandem.test",
        "admin@demo.tandem.test",
        demo::PASSWORD,
        "Lovregler: hver frist og påmindelse med sin paragraf",
    ] {
        assert!(tour.contains(expected), "the tour names {expected}");
    }
    assert!(
        app.page_text(&visitor, "/")
            .await
            .contains("href=\"/tour\"")
    );
    let processor = app.signed_in_demo("raadgiver@demo.tandem.test").await;
    app.choose_language_for(&processor, "da").await;
    let worklist = app.page_text(&processor, "/courses").await;
    let mut paths = vec!["/courses".to_owned(), "/home".to_owned()];
    for id in worklist
        .split("href=\"/courses/")
        .skip(1)
        .filter_map(|rest| rest.get(..36))
        .filter(|id| !id.contains('"'))
        .take(4)
    {
        let course = format!("/courses/{id}");
        let goals = app.page_text(&processor, &format!("{course}/goals")).await;
        if let Some(goal) = goals
            .split(&format!("href=\"{course}/goals/"))
            .nth(1)
            .and_then(|rest| rest.get(..36))
        {
            paths.push(format!("{course}/goals/{goal}"));
        }
        for page in ["", "/goals", "/meetings", "/network", "/steps", "/summary"] {
            paths.push(format!("{course}{page}"));
        }
    }
    let young = citizen(&app, "ung1.demo").await;
    app.choose_language_for(&young, "da").await;
    // The head of department's overview, and each team's practices, pulse and indicators.
    let head = app.signed_in_demo("leder@demo.tandem.test").await;
    app.choose_language_for(&head, "da").await;
    let home = app.page_text(&head, "/home").await;
    let mut head_paths = vec!["/home".to_owned(), "/indicators".to_owned()];
    for team in home
        .split("href=\"/teams/")
        .skip(1)
        .filter_map(|rest| rest.get(..36))
        .filter(|id| !id.contains('"'))
    {
        for page in ["practices", "pulse", "indicators"] {
            let path = format!("/teams/{team}/{page}");
            if !head_paths.contains(&path) {
                head_paths.push(path);
            }
        }
    }
    assert!(head_paths.len() >= 11, "three teams: {head_paths:?}");
    let mut failures = Vec::new();
    for (reader, path) in paths
        .iter()
        .map(|p| (&processor, p.clone()))
        .chain(["/me", "/me/access-log", "/me/consent", "/me/data"].map(|p| (&young, p.to_owned())))
        .chain(head_paths.iter().map(|p| (&head, p.clone())))
    {
        let html = app.page_text(reader, &path).await;
        for block in blocks(&html) {
            for found in decimal_points(&block)
                .into_iter()
                .chain(codes(&block))
                .chain(iso_dates(&block))
            {
                failures.push(format!("{path}: '{found}' in «{block}»"));
            }
        }
    }
    assert!(
        paths.len() >= 16,
        "the walk reaches two courses' pages at least: {paths:?}"
    );
    assert!(failures.is_empty(), "{failures:#?}");
}
