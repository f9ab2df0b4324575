//! The browser harness: real headless Chromium, driven over WebDriver (chromedriver), with
//! axe-core injected into every page to check WCAG 2.1 A/AA.
//!
//! Needs Debian's `chromium` and `chromium-driver`. Without them the sweep is skipped with a
//! notice — except under `CI=true`, where a missing browser is a failure.

use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

/// axe-core, vendored from npm by `scripts/vendor-assets.sh`.
const AXE_SOURCE: &str = include_str!("../vendor/axe-core/axe.min.js");

/// The WCAG levels the law requires (web accessibility directive: WCAG 2.1 AA).
const AXE_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// A viewport the sweep checks.
#[derive(Debug, Clone, Copy)]
pub struct Viewport {
    /// Name for messages.
    pub name: &'static str,
    /// CSS pixels.
    pub width: u32,
    /// CSS pixels.
    pub height: u32,
    /// Emulate a phone (touch, mobile viewport rules).
    pub mobile: bool,
}

/// A phone (iPhone 12–14 size) and a laptop.
pub const VIEWPORTS: [Viewport; 2] = [
    Viewport {
        name: "phone 390×844",
        width: 390,
        height: 844,
        mobile: true,
    },
    Viewport {
        name: "desktop 1280×800",
        width: 1280,
        height: 800,
        mobile: false,
    },
];

/// One accessibility violation as axe reports it, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The axe rule, e.g. `color-contrast`.
    pub rule: String,
    /// `minor` … `critical`.
    pub impact: String,
    /// CSS selectors of (up to five) offending elements.
    pub targets: Vec<String>,
}

/// A running chromedriver with one Chromium session.
pub struct Browser {
    /// The WebDriver client.
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
    /// The viewport last set, so a screenshot can stretch it to the page and set it back.
    viewport: std::sync::Mutex<Option<Viewport>>,
}

/// Why there is no browser.
pub fn chromedriver_path() -> Option<std::path::PathBuf> {
    if let Some(path) = std::env::var_os("TANDEM_CHROMEDRIVER") {
        return Some(path.into());
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("chromedriver"))
            .find(|p| p.is_file())
    })
}

/// Starts chromedriver and a headless Chromium session, or `None` (with a notice) when the
/// machine has no browser and this is not CI.
pub async fn start() -> Option<Browser> {
    let Some(driver_path) = chromedriver_path() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but chromedriver is not installed (apt-get install chromium chromium-driver)"
        );
        eprintln!(
            "NOTICE: browser sweep skipped: chromedriver not found (apt-get install chromium chromium-driver)"
        );
        return None;
    };
    let port = free_port();
    let driver = Command::new(&driver_path)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    wait_for_port(port, Duration::from_secs(15));

    let profile = tempfile::tempdir().expect("profile directory");
    let mut capabilities = Capabilities::new();
    capabilities.insert(
        "goog:chromeOptions".to_owned(),
        json!({
            "args": [
                "--headless=new",
                // Running as root (CI) Chromium refuses to start with its sandbox.
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                // This machine has no network beyond loopback: no background connections.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                // A Danish municipality's browser: a first visit is in Danish.
                "--lang=da-DK",
                format!("--user-data-dir={}", profile.path().display()),
            ],
            "prefs": { "intl.accept_languages": "da-DK,da" }
        }),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("WebDriver session");
    Some(Browser {
        viewport: std::sync::Mutex::new(None),
        client,
        driver,
        _profile: profile,
    })
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
    listener.local_addr().expect("address").port()
}

fn wait_for_port(port: u16, limit: Duration) {
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < limit,
            "chromedriver did not start within {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Chromium's DevTools command, sent through chromedriver (`goog/cdp/execute`).
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()),
        )
    }
}

impl Browser {
    /// Sets the exact viewport (window sizes include browser chrome; this does not).
    pub async fn set_viewport(&self, viewport: Viewport) {
        if let Ok(mut last) = self.viewport.lock() {
            *last = Some(viewport);
        }
        self.client
            .issue_cmd(Cdp {
                cmd: "Emulation.setDeviceMetricsOverride",
                params: json!({
                    "width": viewport.width,
                    "height": viewport.height,
                    "deviceScaleFactor": 1,
                    "mobile": viewport.mobile,
                }),
            })
            .await
            .expect("viewport override");
    }

    /// Loads a URL and waits for the document and its fonts.
    pub async fn open(&self, url: &str) {
        self.client.goto(url).await.expect("page loads");
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => done(true));",
                vec![],
            )
            .await
            .expect("fonts ready");
    }

    /// Runs axe-core on the current page and returns the WCAG 2.1 A/AA violations.
    pub async fn axe(&self) -> Vec<Violation> {
        // Injected after every load: a navigation discards the previous page's scripts. WebDriver
        // scripts are exempt from the page's Content-Security-Policy.
        self.client
            .execute(AXE_SOURCE, vec![])
            .await
            .expect("axe-core injected");
        let result = self
            .client
            .execute_async(
                r"const done = arguments[arguments.length - 1];
                  axe.run(document, { runOnly: { type: 'tag', values: arguments[0] } })
                    .then(r => done(r.violations.map(v => ({
                        rule: v.id,
                        impact: v.impact || '',
                        targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
                    }))))
                    .catch(e => done({ error: String(e) }));",
                vec![json!(AXE_TAGS)],
            )
            .await
            .expect("axe ran");
        let Value::Array(items) = result else {
            panic!("axe failed: {result}");
        };
        items
            .into_iter()
            .map(|item| Violation {
                rule: item["rule"].as_str().unwrap_or_default().to_owned(),
                impact: item["impact"].as_str().unwrap_or_default().to_owned(),
                targets: item["targets"]
                    .as_array()
                    .map(|t| {
                        t.iter()
                            .filter_map(|s| s.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default(),
            })
            .collect()
    }

    /// Evaluates a script and returns its result.
    pub async fn eval(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .expect("script ran")
    }

    /// Presses Tab once from the start of the page and describes the focused element. A page
    /// that moved focus to its news (a thanks, an error summary) or opened at a fragment starts
    /// elsewhere; focus goes back to the top of the document first.
    pub async fn first_tab_stop(&self) -> String {
        self.eval(
            "window.scrollTo(0, 0); document.body.tabIndex = -1; document.body.focus(); \
             document.body.removeAttribute('tabindex'); return true;",
        )
        .await;
        let body = self
            .client
            .find(fantoccini::Locator::Css("body"))
            .await
            .expect("body");
        body.send_keys("\u{E004}").await.expect("Tab pressed");
        self.eval("const e = document.activeElement; return e.tagName + '.' + e.className + ' ' + (e.getAttribute('href') || '');")
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Presses Tab through the whole page from its top and reports the visible interactive
    /// elements (links, buttons, fields, summaries) that never received focus — the page's
    /// keyboard gaps. What a closed `<details>` holds is reached by opening it (its summary is
    /// checked); a radio group is one Tab stop (arrow keys choose within it). Empty when everything is reachable by keyboard alone.
    pub async fn keyboard_gaps(&self) -> Vec<String> {
        self.eval(
            "window.__tandemSeen = new Set(); document.addEventListener('focusin', e => window.__tandemSeen.add(e.target)); \
             document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); return true;",
        )
        .await;
        let count = self
            .eval("return document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary').length")
            .await
            .as_u64()
            .unwrap_or(0);
        let body = self
            .client
            .find(fantoccini::Locator::Css("body"))
            .await
            .expect("body");
        // Date fields take three stops each in Chromium, and tabbing starts where focus last
        // was: go round the page twice to be sure every control had its turn.
        for _ in 0..(count * 2 + 10) {
            body.send_keys("\u{E004}").await.expect("Tab pressed");
        }
        let gaps = self
            .eval(
                "return [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')] \
                 .filter(e => e.offsetParent !== null && !e.disabled && !window.__tandemSeen.has(e)) \
                 .filter(e => !(e.type === 'radio' && [...window.__tandemSeen].some(s => s.type === 'radio' && s.name === e.name))) \
                 .filter(e => e.tagName === 'SUMMARY' || !e.closest('details:not([open])')) \
                 .map(e => e.tagName + '#' + (e.id || e.name || e.getAttribute('href') || e.innerText.slice(0, 30)));",
            )
            .await;
        gaps.as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Types into a field found by CSS selector.
    pub async fn fill(&self, selector: &str, text: &str) {
        let field = self
            .client
            .find(fantoccini::Locator::Css(selector))
            .await
            .expect("field");
        field.send_keys(text).await.expect("typed");
    }

    /// Sets a field's value directly (date inputs and selects, whose typing depends on the
    /// browser's locale), and tells the page it changed.
    pub async fn set(&self, selector: &str, value: &str) {
        let done = self
            .client
            .execute(
                "const e = document.querySelector(arguments[0]); if (!e) return false; \
                 e.value = arguments[1]; e.dispatchEvent(new Event('change', { bubbles: true })); return true;",
                vec![json!(selector), json!(value)],
            )
            .await
            .expect("script ran");
        assert_eq!(done.as_bool(), Some(true), "{selector}: not on the page");
    }

    /// Ticks a checkbox (by clicking it, as a person would).
    pub async fn tick(&self, selector: &str) {
        self.client
            .find(fantoccini::Locator::Css(selector))
            .await
            .unwrap_or_else(|_| panic!("{selector}: not on the page"))
            .click()
            .await
            .expect("clicked");
    }

    /// Submits the page's form whose action is `action`, and waits for the next page.
    pub async fn submit(&self, action: &str) {
        self.click_and_wait(&format!("form[action='{action}'] button[type='submit']"))
            .await;
    }

    /// Clicks the element matching `selector` and waits until a new document has loaded (and
    /// its fonts), so the next step sees the page the click led to.
    pub async fn click_and_wait(&self, selector: &str) {
        let target = self
            .client
            .find(fantoccini::Locator::Css(selector))
            .await
            .unwrap_or_else(|_| panic!("{selector}: not on the page"));
        self.mark_document().await;
        target.click().await.expect("clicked");
        self.wait_for_next_page(selector).await;
    }

    /// Sends keys (WebDriver codes: `\u{E004}` Tab, `\u{E007}` Enter, `\u{E014}` right arrow)
    /// to the focused element, as a keyboard would.
    pub async fn press(&self, keys: &str) {
        self.client
            .active_element()
            .await
            .expect("an element has focus")
            .send_keys(keys)
            .await
            .expect("keys pressed");
    }

    /// Presses keys on the focused element (Enter on a button) and waits for the next page.
    pub async fn press_and_wait(&self, keys: &str) {
        self.mark_document().await;
        self.press(keys).await;
        self.wait_for_next_page("the pressed key").await;
    }

    /// Presses Tab, from wherever focus is, until `condition` — a script expression over `e`,
    /// the focused element — holds.
    ///
    /// # Panics
    /// When 200 presses do not get there: the target is not reachable by keyboard.
    pub async fn tab_until(&self, condition: &str) {
        let script = format!("const e = document.activeElement; return !!(e && ({condition}));");
        for _ in 0..200 {
            if self.eval(&script).await.as_bool() == Some(true) {
                return;
            }
            self.press("\u{E004}").await;
        }
        panic!("not reachable with Tab: {condition}");
    }

    /// Marks the current document, so a wait for the next page ends only when a new one loaded.
    async fn mark_document(&self) {
        self.eval("document.documentElement.dataset.tandemOld = '1'; return true;")
            .await;
    }

    async fn wait_for_next_page(&self, after: &str) {
        let started = Instant::now();
        loop {
            let state = self
                .eval("return document.readyState === 'complete' && !document.documentElement.dataset.tandemOld;")
                .await;
            if state.as_bool() == Some(true) {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "{after}: no new page"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.client
            .execute_async("const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => done(true));", vec![])
            .await
            .expect("fonts ready");
    }

    /// Saves the whole page as the browser lays it out now, for people reviewing a walk
    /// (`TANDEM_SCREENSHOTS=DIR`): the viewport is stretched to the page's height (up to
    /// 8,000 px) for the picture and then set back, so what lies below the fold is seen too.
    pub async fn shot(&self, name: &str) {
        let Some(dir) = std::env::var_os("TANDEM_SCREENSHOTS") else {
            return;
        };
        let viewport = self.viewport.lock().ok().and_then(|v| *v);
        let page = (self
            .eval("return document.documentElement.scrollHeight;")
            .await)
            .as_u64()
            .and_then(|h| u32::try_from(h).ok());
        let scrolled = self.eval("return window.scrollY;").await;
        let stretched = match (viewport, page) {
            (Some(v), Some(page)) if page > v.height => Some(v),
            _ => None,
        };
        if let (Some(v), Some(page)) = (stretched, page) {
            self.set_viewport(Viewport {
                height: page.min(8000),
                ..v
            })
            .await;
        }
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(std::path::Path::new(&dir).join(format!("{name}.png")), png);
        }
        if let Some(v) = stretched {
            self.set_viewport(v).await;
            // Back where the reader was: a check after the picture sees the page as before.
            let _ = self
                .eval(&format!("window.scrollTo(0, {scrolled}); return true;"))
                .await;
        }
    }

    /// What keeps the charts on the page from reading (issue: labels of 6–7 px on a phone):
    /// for every chart shown (`svg[role=img]` with a box), a label drawn under 12 px or
    /// running outside the chart, and a pattern chart (`.tandem-charts`) narrower than its
    /// figure (square ones than 640 px). One line per problem, naming the chart. The eco-map is
    /// measured where it is shown 576 px wide or more: on a phone its node labels are 7–10 px
    /// (the table under it carries the same relations).
    pub async fn chart_problems(&self) -> Vec<String> {
        let found = self
            .eval(
                "const out = [];\
                 for (const svg of document.querySelectorAll('svg[role=img]')) {\
                   if (svg.getClientRects().length === 0) continue;\
                   if (svg.closest('.tandem-ecomap') && svg.getBoundingClientRect().width < 576) continue;\
                   const box = svg.getBoundingClientRect();\
                   const name = (svg.getAttribute('aria-label') || svg.id || 'chart').slice(0, 60);\
                   for (const t of svg.querySelectorAll('text')) {\
                     const m = t.getScreenCTM();\
                     const px = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);\
                     const what = t.textContent.slice(0, 30);\
                     if (px < 11.95) { out.push(`${name}: '${what}' is ${px.toFixed(1)} px`); break; }\
                     const r = t.getBoundingClientRect();\
                     if (r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1\
                         || r.top < box.top - 1 || r.bottom > box.bottom + 1)) {\
                       out.push(`${name}: '${what}' runs outside the chart`); break; }\
                   }\
                   const charts = svg.closest('.tandem-charts');\
                   if (charts) {\
                     const room = charts.parentElement.clientWidth;\
                     const want = charts.classList.contains('tandem-charts--square') ? Math.min(room, 640) : room;\
                     if (box.width < want * 0.95) out.push(`${name}: ${Math.round(box.width)} px wide of ${Math.round(want)}`);\
                   }\
                 }\
                 return out;",
            )
            .await;
        found
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether the element is inside the visible part of the window.
    pub async fn in_view(&self, selector: &str) -> bool {
        let script = format!(
            "const e = document.querySelector({selector:?}); if (!e) return false; \
             const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;"
        );
        self.eval(&script).await.as_bool() == Some(true)
    }

    /// Ends the session; chromedriver is stopped when the value is dropped.
    pub async fn quit(self) {
        let _ = self.client.clone().close().await;
    }
}

/// Stops chromedriver (and with it the browser) however the test ends — also when an assertion
/// panics before `quit`, so no driver outlives its test.
impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
