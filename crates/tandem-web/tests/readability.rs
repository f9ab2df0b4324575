//! Plain Danish where citizens look (issue 20): the LIX readability index of every page a young
//! person reads, on the demo, stays at or below 30 — easy texts for young readers sit there.
//!
//! LIX (Björnsson) is words per sentence plus the percentage of words longer than six letters.
//! On a web page a heading, a label or a button is a sentence of its own, so every block of
//! text ends one; inline markup (links, emphasis) does not.
//!
//! No page a teller sees names a theory's code (TPA, NPM, NPG): it would prime the answer.
//!
//! `scripts/lix` runs this test with its table printed; with `TANDEM_LIX_DUMP=<folder>` it also
//! writes each page's text blocks there, one per line, to see what a score is made of.

mod common;

use common::{TestApp, client, csrf_in};
use tandem_app::demo::{self, DemoSize};

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

async fn text(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.expect("page");
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.expect("body")
}

#[tokio::test]
#[expect(clippy::print_stdout, reason = "the table scripts/lix prints")]
async fn every_page_a_young_person_reads_on_the_demo_has_lix_at_most_30() {
    let app = common::spawn_app().await;
    let hash = tandem_app::sessions::hash(demo::PASSWORD.to_owned())
        .await
        .expect("hash");
    let made = demo::seed(
        app.state.app(),
        DemoSize {
            seed: 2026,
            courses: 12,
        },
        &hash,
        || {},
    )
    .await
    .expect("demo")
    .expect("made");
    let young = citizen(&app, "ung1.demo").await;
    let stories = text(&app, &young, "/me/stories").await;
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
            let html = text(&app, reader, path).await;
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
