//! A young person's worry as a tracked event (issue 21, ADR 0016), through the real server: the
//! e-mail reaches an SMTP server the test starts itself, the deadline runs on a controlled
//! clock, two instances on one database run the escalation job at once, and a worry still moves
//! exactly once per step.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{TestApp, spawn_app_with};
use reqwest::StatusCode;
use tandem_store::testing::count;
use tandem_web::clock::Clock;
use tandem_web::{AppState, WebConfig};
use time::macros::datetime;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A message the SMTP sink received: its recipients and its whole text (headers and body).
#[derive(Debug, Clone)]
struct Received {
    to: Vec<String>,
    data: String,
}

/// A small SMTP server speaking just enough of RFC 5321 for a client to deliver to it: it
/// accepts every message and keeps it.
async fn smtp_sink() -> (String, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("smtp://{}", listener.local_addr().expect("address"));
    let inbox: Arc<Mutex<Vec<Received>>> = Arc::default();
    let kept = inbox.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let inbox = kept.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                let mut to = Vec::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250 sink\r\n"
                    } else if upper.starts_with("RCPT TO:") {
                        to.push(line[8..].trim_matches(['<', '>', ' ']).to_owned());
                        b"250 ok\r\n"
                    } else if upper.starts_with("DATA") {
                        let _ = write.write_all(b"354 go on\r\n").await;
                        let mut data = String::new();
                        while let Ok(Some(body)) = lines.next_line().await {
                            if body == "." {
                                break;
                            }
                            data.push_str(&body);
                            data.push('\n');
                        }
                        inbox.lock().expect("inbox").push(Received {
                            to: std::mem::take(&mut to),
                            data,
                        });
                        b"250 kept\r\n"
                    } else if upper.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    if write.write_all(reply).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (url, inbox)
}

async fn page_text(app: &TestApp, client: &reqwest::Client, path: &str) -> (StatusCode, String) {
    let response = client.get(app.url(path)).send().await.expect("sent");
    let status = response.status();
    (status, response.text().await.expect("body"))
}

/// Tuesday 1 December 2026, 10:00 in Copenhagen: office hours.
const TUESDAY_MORNING: time::OffsetDateTime = datetime!(2026-12-01 09:00 UTC);

/// The server with a manual clock and e-mail to the sink.
async fn spawn(smtp: &str) -> (TestApp, Clock) {
    let clock = Clock::manual(TUESDAY_MORNING);
    let mailer =
        tandem_app::mail::Mailer::new(smtp, "Tandem <tandem@aarhus.dk>", "https://tandem.test")
            .expect("mailer");
    let config = WebConfig {
        clock: clock.clone(),
        mailer: Some(mailer),
        ..WebConfig::default()
    };
    (spawn_app_with(config, axum::Router::new()).await, clock)
}

/// A second instance on the same database, with the same clock and mail.
async fn twin(app: &TestApp) -> AppState {
    let store = tandem_store::Store::open(&app.db.target)
        .await
        .expect("second instance");
    AppState::new(tandem_app::App::new(store), app.state.config().clone()).expect("state")
}

/// Waits (up to ten seconds) until `ready` holds.
async fn until(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..500 {
        if ready() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("timed out waiting for {what}");
}

fn mail_to(inbox: &Arc<Mutex<Vec<Received>>>, address: &str) -> Vec<Received> {
    inbox
        .lock()
        .expect("inbox")
        .iter()
        .filter(|m| m.to.iter().any(|t| t == address))
        .cloned()
        .collect()
}

#[tokio::test]
async fn an_unacknowledged_worry_moves_up_exactly_once_per_step_with_two_instances_running() {
    let (smtp, inbox) = smtp_sink().await;
    let (app, clock) = spawn(&smtp).await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let admin = app.signed_in(&org.admin).await;
    let saved = app
        .post_form(
            &admin,
            "/admin/worries",
            &[
                ("minutes", "60"),
                ("day1", "on"),
                ("day2", "on"),
                ("day3", "on"),
                ("day4", "on"),
                ("day5", "on"),
                ("opens", "08:00"),
                ("closes", "16:00"),
                ("duty_name", "Socialvagten"),
                ("duty_email", "vagt@aarhus.dk"),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let mia = app
        .accept(&app.invite(&org, &course, "young_person").await, "mia.2011")
        .await;
    let sent = app
        .post_form(
            &mia,
            "/me/messages",
            &[("topic", "worry"), ("text", "Jeg tør ikke gå hjem i dag")],
        )
        .await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    let (_, me) = page_text(&app, &mia, "/me?sent=worry").await;
    assert!(
        me.contains("ser den senest i dag kl. 11.00"),
        "the young person is told by when: {me}"
    );

    let second = twin(&app).await;
    let every = Duration::from_millis(15);
    let jobs = [
        tandem_web::jobs::spawn_worry_job(app.state.clone(), every),
        tandem_web::jobs::spawn_worry_job(second, every),
    ];
    until("the processor's e-mail", || {
        !mail_to(&inbox, &org.processor.email).is_empty()
    })
    .await;

    clock.advance(time::Duration::minutes(61));
    until("the team manager's e-mail", || {
        !mail_to(&inbox, &org.manager.email).is_empty()
    })
    .await;
    let manager = app.signed_in(&org.manager).await;
    let (_, worklist) = page_text(&app, &manager, "/courses").await;
    assert!(
        worklist.contains("sendt videre til teamlederen"),
        "{worklist}"
    );
    let (_, home) = page_text(&app, &manager, "/home").await;
    assert!(
        home.contains("Bekymringer, der venter på en voksen"),
        "{home}"
    );

    clock.advance(time::Duration::minutes(61));
    until("the duty contact's e-mail", || {
        !mail_to(&inbox, "vagt@aarhus.dk").is_empty()
    })
    .await;
    // Many more runs of both jobs: nothing moves twice, nothing is sent twice.
    clock.advance(time::Duration::hours(3));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let steps = app
        .audit_events(&org.id.to_string(), "worry.escalate")
        .await;
    assert_eq!(
        steps.len(),
        2,
        "one step to the manager, one to the duty contact"
    );
    assert!(steps.iter().all(|e| e.actor_role == "system"));
    assert_eq!(mail_to(&inbox, &org.processor.email).len(), 1);
    assert_eq!(mail_to(&inbox, &org.manager.email).len(), 1);
    assert_eq!(mail_to(&inbox, "vagt@aarhus.dk").len(), 1);
    for mail in inbox.lock().expect("inbox").iter() {
        assert!(
            !mail.data.contains("tør ikke"),
            "no words of the young person"
        );
        assert!(!mail.data.contains("Mia"), "no name: {}", mail.data);
        assert!(mail.data.contains("https://tandem.test/courses"));
    }

    // The processor acknowledges with what was done and a reply; the young person sees both.
    let processor = app.signed_in(&org.processor).await;
    let (_, list) = page_text(&app, &processor, "/courses").await;
    let href = list
        .split("<li")
        .find(|item| item.contains("sendt videre til vagten"))
        .and_then(|item| item.split("href=\"").nth(1))
        .and_then(|s| s.split('"').next())
        .expect("a link to the worry that reached the duty contact")
        .to_owned();
    let refused = app
        .post_form(
            &processor,
            &format!("{href}/acknowledge"),
            &[("what_was_done", " ")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text()
            .await
            .expect("body")
            .contains("Skriv, hvad du gjorde")
    );
    let done = app
        .post_form(
            &processor,
            &format!("{href}/acknowledge"),
            &[
                ("what_was_done", "Ringede til Mia, hun sover hos sin moster"),
                ("reply", "Tak fordi du skrev. Jeg ringer til dig kl. 15."),
            ],
        )
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    // Hours have passed on the clock: the young person signs in again.
    let mia = common::client();
    let signed = app
        .post_form(
            &mia,
            "/me/login",
            &[("login_name", "mia.2011"), ("password", common::PASSWORD)],
        )
        .await;
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    let (_, me) = page_text(&app, &mia, "/me").await;
    assert!(me.contains("Set af processor Aarhus"), "the receipt: {me}");
    assert!(me.contains("Jeg ringer til dig kl. 15."), "the reply");
    clock.advance(time::Duration::hours(8));
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        app.audit_events(&org.id.to_string(), "worry.escalate")
            .await
            .len(),
        2,
        "an acknowledged worry moves no further"
    );
    for job in jobs {
        job.abort();
    }
}

#[tokio::test]
async fn while_the_processor_is_away_a_worry_goes_at_once_to_the_team_manager() {
    let (smtp, inbox) = smtp_sink().await;
    let (app, _clock) = spawn(&smtp).await;
    let org = app.seed_org("Odense").await;
    let course = app.seed_course(&org).await;
    let processor = app.signed_in(&org.processor).await;
    let away = app
        .post_form(
            &processor,
            "/account/absence",
            &[
                ("user_id", &org.processor.id.to_string()),
                ("away_until", "2026-12-04"),
            ],
        )
        .await;
    assert_eq!(away.status(), StatusCode::SEE_OTHER);
    // Nobody else's absence: a colleague's account is as if it did not exist.
    let other = app
        .post_form(
            &processor,
            "/account/absence",
            &[
                ("user_id", &org.colleague.id.to_string()),
                ("away_until", "2026-12-04"),
            ],
        )
        .await;
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
    let mia = app
        .accept(&app.invite(&org, &course, "young_person").await, "mia.2012")
        .await;
    app.post_form(
        &mia,
        "/me/messages",
        &[("topic", "worry"), ("text", "Far råber igen")],
    )
    .await;
    tandem_web::jobs::run_worry_job_once(&app.state).await;
    assert_eq!(mail_to(&inbox, &org.manager.email).len(), 1);
    assert!(mail_to(&inbox, &org.processor.email).is_empty());
    let routed = app.audit_events(&org.id.to_string(), "worry.route").await;
    assert_eq!(routed.len(), 1);
}

#[tokio::test]
async fn bad_input_on_the_worry_and_reply_forms_is_refused_and_nothing_is_stored_or_sent() {
    let (smtp, inbox) = smtp_sink().await;
    let (app, _clock) = spawn(&smtp).await;
    let org = app.seed_org("Vejle").await;
    let course = app.seed_course(&org).await;
    let store = app.state.app().store();
    let statements = "SELECT COUNT(*) FROM statements";
    let replies = "SELECT COUNT(*) FROM statement_replies";
    let before = count(store, statements).await.expect("count");
    let mia = app
        .accept(&app.invite(&org, &course, "young_person").await, "mia.2013")
        .await;
    let huge = "a".repeat(100_000);
    for text in ["", "   ", huge.as_str(), "hjælp\u{7}", "vend\u{202e}tekst"] {
        let refused = app
            .post_form(&mia, "/me/messages", &[("topic", "worry"), ("text", text)])
            .await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{:?}",
            text.get(..10)
        );
    }
    assert_eq!(count(store, statements).await.expect("count"), before);
    assert_eq!(
        count(store, "SELECT COUNT(*) FROM notifications")
            .await
            .expect("count"),
        0
    );

    let processor = app.signed_in(&org.processor).await;
    let path = format!("/courses/{}/statements/{}", course.id, course.statement);
    let replies_before = count(store, replies).await.expect("count");
    for text in ["", huge.as_str(), "svar\u{1b}[31m"] {
        let refused = app
            .post_form(
                &processor,
                &path,
                &[("action", "reply"), ("response", text)],
            )
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = refused.text().await.expect("body");
        assert!(body.contains("form-error-message"), "the reason is shown");
    }
    assert_eq!(count(store, replies).await.expect("count"), replies_before);
    let unread = count(
        store,
        "SELECT COUNT(*) FROM statements WHERE read_at IS NULL",
    )
    .await
    .expect("count");
    assert!(
        unread > 0,
        "a refused reply does not even mark the message read"
    );
    tandem_web::jobs::run_worry_job_once(&app.state).await;
    assert!(inbox.lock().expect("inbox").is_empty(), "nothing sent");
}

#[tokio::test]
async fn a_manager_who_does_not_read_courses_still_sees_and_acknowledges_a_worry_without_its_words()
{
    let (smtp, _inbox) = smtp_sink().await;
    let (app, _clock) = spawn(&smtp).await;
    let org = app.seed_org("Horsens").await;
    let course = app.seed_course(&org).await;
    let store = app.state.app().store();
    let mut settings = store.course_settings(org.id).await.expect("settings");
    settings.managers_read_courses = false;
    let mut tx = store.begin().await.expect("tx");
    tx.update_course_settings(org.id, &settings)
        .await
        .expect("saved");
    tx.commit().await.expect("commit");
    let mia = app
        .accept(&app.invite(&org, &course, "young_person").await, "mia.2015")
        .await;
    app.post_form(
        &mia,
        "/me/messages",
        &[("topic", "worry"), ("text", "Min bror slår mig")],
    )
    .await;
    let manager = app.signed_in(&org.manager).await;
    let (_, list) = page_text(&app, &manager, "/courses").await;
    assert!(list.contains("Et forløb hos processor Horsens"), "{list}");
    assert!(
        !list.contains("Mia Kanariefugl"),
        "no name without course reading"
    );
    let href = list
        .split("href=\"")
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.contains("/worries/"))
        .last()
        .expect("a worry")
        .to_owned();
    let (status, worry) = page_text(&app, &manager, &href).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!worry.contains("Min bror"), "not the young person's words");
    assert!(worry.contains("Du kan ikke læse forløbet"));
    let done = app
        .post_form(
            &manager,
            &format!("{href}/acknowledge"),
            &[(
                "what_was_done",
                "Ringede til rådgiveren, som tager kontakt i dag",
            )],
        )
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    let (status, _) = page_text(&app, &manager, &format!("/courses/{}", course.id)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "still no course access");
    let (_, me) = page_text(&app, &mia, "/me").await;
    assert!(
        me.contains("Set af team_manager Horsens"),
        "the receipt names who saw it"
    );
}

#[tokio::test]
async fn e_mail_that_cannot_be_delivered_waits_with_its_error_and_goes_out_when_the_server_answers()
{
    // A port nobody listens on: bind, note it, close.
    let closed = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = closed.local_addr().expect("address").port();
    drop(closed);
    let (app, _clock) = spawn(&format!("smtp://127.0.0.1:{port}")).await;
    let org = app.seed_org("Kolding").await;
    let course = app.seed_course(&org).await;
    let mia = app
        .accept(&app.invite(&org, &course, "young_person").await, "mia.2016")
        .await;
    app.post_form(
        &mia,
        "/me/messages",
        &[("topic", "worry"), ("text", "Jeg er alene hjemme")],
    )
    .await;
    tandem_web::jobs::run_worry_job_once(&app.state).await;
    let store = app.state.app().store();
    let waiting =
        "SELECT COUNT(*) FROM notifications WHERE sent_at IS NULL AND last_error IS NOT NULL";
    assert_eq!(
        count(store, waiting).await.expect("count"),
        1,
        "kept, with why"
    );

    // The mail server is back; another instance with working mail takes the message once its
    // claim has expired.
    let (smtp, inbox) = smtp_sink().await;
    let clock = Clock::manual(TUESDAY_MORNING + time::Duration::minutes(3));
    let config = WebConfig {
        clock,
        mailer: Some(
            tandem_app::mail::Mailer::new(&smtp, "tandem@kolding.dk", "https://tandem.test")
                .expect("mailer"),
        ),
        ..WebConfig::default()
    };
    let store = tandem_store::Store::open(&app.db.target)
        .await
        .expect("instance");
    let second = AppState::new(tandem_app::App::new(store), config).expect("state");
    tandem_web::jobs::run_worry_job_once(&second).await;
    assert_eq!(mail_to(&inbox, &org.processor.email).len(), 1);
    let sent = "SELECT COUNT(*) FROM notifications WHERE sent_at IS NOT NULL";
    assert_eq!(
        count(app.state.app().store(), sent).await.expect("count"),
        1
    );
}
