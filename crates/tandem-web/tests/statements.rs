//! How many SQL statements a page makes, counted from sqlx's own statement log (which leaves out
//! BEGIN and COMMIT). The count covers the whole request: session, route guard, audit event and
//! page. The course overview made 20 (processor) and 22 (team manager): it read the session and
//! its account apart, the course twice, meetings twice, rounds and their raters apart, settings
//! and instruments on every request, and the team's staff twice for the manager. Half of that is
//! the bound. On SQLite the overview's six reads go to the database as one command
//! (`Store::course_glance`), which sqlx logs, and this test counts, once.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::spawn_app;
use tracing_subscriber::layer::SubscriberExt;

/// Counts sqlx's statement events ("sqlx::query" at debug level), leaving out transaction
/// control (sqlx logs COMMIT on PostgreSQL but neither BEGIN nor COMMIT on SQLite, and the
/// counts should mean the same on both) and the set-up of a new pooled connection (SQLite's
/// PRAGMAs, run whenever the pool happens to open a connection during the request).
#[derive(Clone, Default)]
struct Statements(Arc<AtomicUsize>);

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Statements {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        /// Whether the statement's summary is transaction control or connection set-up.
        struct Control(bool);
        impl tracing::field::Visit for Control {
            fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
                if field.name() == "summary" {
                    let text = format!("{value:?}");
                    let text = text.trim_start_matches('"');
                    self.0 = ["BEGIN", "COMMIT", "ROLLBACK", "PRAGMA"]
                        .iter()
                        .any(|word| text.starts_with(word));
                }
            }
        }
        if event.metadata().target() == "sqlx::query" {
            let mut control = Control(false);
            event.record(&mut control);
            if !control.0 {
                self.0.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

impl Statements {
    fn now(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }
}

/// The statements of one GET by `client`, the smallest of three tries (a background task of the
/// server may query at the same moment; it never makes a request cheaper).
async fn statements_of(
    app: &common::TestApp,
    client: &reqwest::Client,
    path: &str,
    counter: &Statements,
) -> usize {
    let mut fewest = usize::MAX;
    for _ in 0..3 {
        let before = counter.now();
        let response = client.get(app.url(path)).send().await.expect("request");
        assert_eq!(response.status(), 200, "{path}");
        let _ = response.text().await.expect("body");
        fewest = fewest.min(counter.now() - before);
    }
    fewest
}

#[tokio::test]
async fn the_course_overview_makes_half_the_statements_it_made() {
    let counter = Statements::default();
    let subscriber = tracing_subscriber::registry()
        .with(
            tracing_subscriber::filter::Targets::new()
                .with_target("sqlx::query", tracing::Level::TRACE),
        )
        .with(counter.clone());
    // Global, not per thread: SQLite runs statements on its connections' worker threads. This
    // binary holds this one test, so nothing else is counted.
    tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");

    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let path = format!("/courses/{}", course.id);
    let processor = app.signed_in(&org.processor).await;
    let manager = app.signed_in(&org.manager).await;
    let by_processor = statements_of(&app, &processor, &path, &counter).await;
    let by_manager = statements_of(&app, &manager, &path, &counter).await;
    eprintln!("course overview: {by_processor} statements (processor), {by_manager} (manager)");
    assert!(by_processor >= 4, "the counter sees the page's statements");
    assert!(
        by_processor <= 10,
        "processor: {by_processor} statements (was 20)"
    );
    assert!(
        by_manager <= 11,
        "manager: {by_manager} statements (was 22)"
    );
}
