//! The `tandem` binary as an operator runs it: serve, stop with SIGTERM, migrate, and fail
//! clearly on a bad database. Runs on SQLite, and on PostgreSQL when TANDEM_TEST_POSTGRES_URL
//! is set.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use tandem_store::DatabaseTarget;
use tandem_store::testing::TestDatabase;

fn tandem() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tandem"));
    command
        .env_remove("TANDEM_DATABASE_URL")
        .env_remove("TANDEM_DATA_DIR")
        .env("TANDEM_LOG", "warn");
    command
}

/// Points the command at the test database.
fn on(command: &mut Command, target: &DatabaseTarget, data_dir: &std::path::Path) {
    match target {
        DatabaseTarget::Sqlite(path) => {
            let dir = path.parent().expect("SQLite file in a directory");
            command.arg("--data-dir").arg(dir);
        }
        DatabaseTarget::Postgres(url) => {
            // PostgreSQL has no data directory to keep the audit key beside: it is named.
            let key_file = data_dir.join("audit.key");
            if !key_file.exists() {
                std::fs::write(&key_file, format!("key-1 {}\n", "5a".repeat(32)))
                    .expect("key file");
            }
            command
                .arg("--data-dir")
                .arg(data_dir)
                .arg("--database-url")
                .arg(url)
                .arg("--audit-key-file")
                .arg(key_file);
        }
    }
}

/// Starts `tandem serve` on port 0 and returns the child and the URL it printed.
fn start_server(target: &DatabaseTarget, data_dir: &std::path::Path) -> (Child, String) {
    let mut command = tandem();
    on(&mut command, target, data_dir);
    serve(command, Stdio::inherit())
}

/// Starts `tandem serve` with `command`'s options and the given stderr; returns the server and
/// the URL it printed on its first line.
fn serve(mut command: Command, stderr: Stdio) -> (Child, String) {
    let mut child = command
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("tandem starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("first line");
    let url = line
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_owned();
    (child, url)
}

fn terminate(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

fn wait_with_deadline(child: &mut Child, deadline: Duration) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            panic!("tandem did not stop within {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn one_line_error(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(!output.status.success(), "should fail: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Log records (a timestamp first: e.g. the driver's slow-statement warning on a loaded
    // machine) are for operators and may come and go; the message to the person is one line.
    let is_log_record = |line: &str| {
        line.split_whitespace().next().is_some_and(|first| {
            time::OffsetDateTime::parse(first, &time::format_description::well_known::Rfc3339)
                .is_ok()
        })
    };
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.trim().is_empty() && !is_log_record(l))
        .collect();
    assert_eq!(lines.len(), 1, "one line expected: {stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    lines[0].to_owned()
}

#[tokio::test]
async fn serve_answers_then_stops_cleanly_on_sigterm() {
    let db = TestDatabase::empty().await.expect("test database");
    let data_dir = tempfile::tempdir().expect("dir");
    let (mut child, url) = start_server(&db.target, data_dir.path());

    let client = reqwest::Client::new();
    let landing = client.get(&url).send().await.expect("landing page");
    assert_eq!(landing.status(), 200);
    assert!(landing.headers().contains_key("content-security-policy"));
    let ready = client
        .get(format!("{url}readyz"))
        .send()
        .await
        .expect("readyz");
    assert_eq!(ready.status(), 200);

    terminate(&child);
    let status = wait_with_deadline(&mut child, Duration::from_secs(5));
    assert_eq!(status.code(), Some(0), "exit code after SIGTERM");
}

/// Sends a sign-in form in two halves, `pause` apart, and reads the whole answer: a request
/// still arriving when the server is told to stop.
fn slow_request(address: &str, pause: Duration) -> std::io::Result<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address)?;
    let body = "email=nobody%40example.org&password=wrong";
    let (first, second) = body.split_at(10);
    write!(
        stream,
        "POST /login HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{first}",
        body.len()
    )?;
    stream.flush()?;
    std::thread::sleep(pause);
    stream.write_all(second.as_bytes())?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    Ok(answer)
}

#[tokio::test]
async fn sigterm_under_load_lets_requests_in_flight_finish_and_exits_0() {
    let db = TestDatabase::empty().await.expect("test database");
    let data_dir = tempfile::tempdir().expect("dir");
    let (mut child, url) = start_server(&db.target, data_dir.path());
    let address = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    // Load: clients asking for the landing page over and over until the server is gone.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let load: Vec<_> = (0..16)
        .map(|_| {
            let (url, stop) = (url.clone(), stop.clone());
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                let mut served = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let Ok(response) = client.get(&url).send().await else {
                        break; // refused or closed: the server stopped taking requests
                    };
                    assert_eq!(response.status(), 200);
                    // A response that began is finished: its body arrives whole.
                    let body = response.text().await.expect("a whole body");
                    assert!(body.contains("</html>"), "cut short: {body}");
                    served += 1;
                }
                served
            })
        })
        .collect();
    let slow = std::thread::spawn(move || slow_request(&address, Duration::from_millis(1500)));
    tokio::time::sleep(Duration::from_millis(500)).await;
    terminate(&child);
    let answer = slow
        .join()
        .expect("thread")
        .expect("the slow request is answered");
    assert!(
        answer.starts_with("HTTP/1.1 ") && answer.contains("\r\n\r\n"),
        "a whole answer to the request in flight: {answer}"
    );
    let status = wait_with_deadline(&mut child, Duration::from_secs(10));
    assert_eq!(status.code(), Some(0), "exit code after SIGTERM under load");
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut served = 0;
    for task in load {
        served += task.await.expect("load task");
    }
    assert!(served > 0, "the load reached the server");
}

#[tokio::test]
async fn sigterm_the_moment_the_address_is_printed_still_stops_cleanly() {
    // A service manager may signal as soon as it reads the address line: the handler must be
    // in place by then, or the default action kills the process mid-request.
    for _ in 0..5 {
        let db = TestDatabase::empty().await.expect("test database");
        let data_dir = tempfile::tempdir().expect("dir");
        let (mut child, _url) = start_server(&db.target, data_dir.path());
        terminate(&child);
        let status = wait_with_deadline(&mut child, Duration::from_secs(5));
        assert_eq!(status.code(), Some(0), "exit code after an early SIGTERM");
    }
}

#[test]
fn logs_written_to_a_file_or_pipe_carry_no_colour_codes() {
    let dir = tempfile::tempdir().expect("dir");
    let mut command = tandem();
    command
        .env("TANDEM_LOG", "info")
        .arg("--data-dir")
        .arg(dir.path());
    let (child, _) = serve(command, Stdio::piped());
    terminate(&child);
    let output = child.wait_with_output().expect("stops");
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(log.contains("serving"), "{log}");
    assert!(
        !log.contains('\u{1b}'),
        "plain text for a log file: {log:?}"
    );
}

#[tokio::test]
async fn migrate_applies_the_schema_and_reports_its_version() {
    let db = TestDatabase::empty().await.expect("test database");
    let data_dir = tempfile::tempdir().expect("dir");
    let mut command = tandem();
    on(&mut command, &db.target, data_dir.path());
    let output = command.arg("migrate").output().expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let known = tandem_store::migrate::known_version(tandem_store::Backend::Sqlite);
    assert_eq!(
        known,
        tandem_store::migrate::known_version(tandem_store::Backend::Postgres)
    );
    assert!(
        stdout.contains(&format!("schema is at version {known}")),
        "{stdout}"
    );
}

#[test]
fn the_default_database_is_created_in_the_data_dir() {
    let dir = tempfile::tempdir().expect("dir");
    let data_dir = dir.path().join("tandem-data");
    let output = tandem()
        .arg("--data-dir")
        .arg(&data_dir)
        .arg("migrate")
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(data_dir.join("tandem.db").is_file());
}

#[test]
fn a_corrupt_database_file_is_one_clear_line_and_a_failure() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("tandem.db"),
        b"this is not an SQLite database at all".repeat(200),
    )
    .expect("write");
    let output = tandem()
        .arg("--data-dir")
        .arg(dir.path())
        .arg("serve")
        .output()
        .expect("runs");
    let line = one_line_error(&output);
    assert!(line.contains("not a database"), "{line}");
}

#[test]
fn an_unreachable_database_server_is_one_clear_line_and_a_failure() {
    let output = tandem()
        .args([
            "--database-url",
            "postgres://tandem:hunter2@127.0.0.1:1/tandem",
            "serve",
        ])
        .output()
        .expect("runs");
    let line = one_line_error(&output);
    assert!(line.contains("cannot open the database"), "{line}");
    assert!(!line.contains("hunter2"), "the password leaked: {line}");
}

#[test]
fn an_unsupported_database_url_is_refused() {
    let output = tandem()
        .args(["--database-url", "mysql://localhost/tandem", "migrate"])
        .output()
        .expect("runs");
    let line = one_line_error(&output);
    assert!(line.contains("unsupported database URL"), "{line}");
}

#[test]
fn a_port_already_in_use_is_one_clear_line_and_a_failure() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port();
    let dir = tempfile::tempdir().expect("dir");
    let output = tandem()
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .output()
        .expect("runs");
    let line = one_line_error(&output);
    assert!(line.contains("cannot listen on"), "{line}");
}

#[test]
fn production_without_a_public_address_is_refused_before_anything_is_served() {
    let dir = tempfile::tempdir().expect("dir");
    let output = tandem()
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--bind", "127.0.0.1:0", "--secure-cookies"])
        .output()
        .expect("runs");
    let line = one_line_error(&output);
    assert!(line.contains("--public-url is required"), "{line}");
    assert!(
        !dir.path().join("tandem.db").exists(),
        "refused before the database is opened"
    );
}

/// Runs `tandem ARGS` against the database, with optional standard input.
fn run(
    target: &DatabaseTarget,
    data_dir: &std::path::Path,
    args: &[&str],
    stdin: Option<&str>,
) -> Output {
    use std::io::Write;
    let mut command = tandem();
    on(&mut command, target, data_dir);
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("output")
}

fn ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).to_string()
}

#[tokio::test]
async fn an_organization_is_set_up_from_the_command_line_and_its_trail_verifies() {
    let db = TestDatabase::empty().await.expect("test database");
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    ok(&run(
        &db.target,
        d,
        &["org", "add", "--name", "Aarhus Kommune"],
        None,
    ));
    ok(&run(
        &db.target,
        d,
        &[
            "team",
            "add",
            "--org",
            "Aarhus Kommune",
            "--name",
            "Ungeteam Nord",
        ],
        None,
    ));
    let admin = ok(&run(
        &db.target,
        d,
        &[
            "user",
            "add",
            "--org",
            "Aarhus Kommune",
            "--role",
            "administrator",
            "--email",
            "Admin@Aarhus.dk",
            "--name",
            "Anne",
            "--password-stdin",
        ],
        Some("en lang og sikker sætning\n"),
    ));
    assert!(admin.contains("admin@aarhus.dk\tadministrator"), "{admin}");
    assert!(
        !admin.contains("set-password"),
        "a password was given, so no link"
    );
    let processor = ok(&run(
        &db.target,
        d,
        &[
            "user",
            "add",
            "--org",
            "Aarhus Kommune",
            "--team",
            "Ungeteam Nord",
            "--role",
            "processor",
            "--email",
            "per@aarhus.dk",
        ],
        None,
    ));
    assert!(processor.contains("/set-password/"), "{processor}");

    let refused = run(
        &db.target,
        d,
        &[
            "user",
            "add",
            "--org",
            "Aarhus Kommune",
            "--role",
            "processor",
            "--email",
            "x@aarhus.dk",
        ],
        None,
    );
    assert!(one_line_error(&refused).contains("needs --team"));
    let weak = run(
        &db.target,
        d,
        &[
            "user",
            "add",
            "--org",
            "Aarhus Kommune",
            "--role",
            "administrator",
            "--email",
            "y@aarhus.dk",
            "--password-stdin",
        ],
        Some("password\n"),
    );
    assert!(one_line_error(&weak).contains("password refused"));

    ok(&run(
        &db.target,
        d,
        &[
            "user",
            "lock",
            "--email",
            "per@aarhus.dk",
            "--reason",
            "left the team",
        ],
        None,
    ));
    let list = ok(&run(
        &db.target,
        d,
        &["user", "list", "--org", "Aarhus Kommune"],
        None,
    ));
    assert!(
        list.lines()
            .any(|l| l.contains("per@aarhus.dk") && l.ends_with("locked")),
        "{list}"
    );
    ok(&run(
        &db.target,
        d,
        &[
            "user",
            "unlock",
            "--email",
            "per@aarhus.dk",
            "--reason",
            "came back",
        ],
        None,
    ));

    let verified = ok(&run(&db.target, d, &["audit", "verify"], None));
    assert!(verified.contains("audit trail intact"), "{verified}");
}

#[tokio::test]
async fn audit_verify_fails_and_names_the_event_after_one_byte_is_changed() {
    let db = TestDatabase::empty().await.expect("test database");
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    ok(&run(
        &db.target,
        d,
        &["org", "add", "--name", "Odense"],
        None,
    ));
    ok(&run(
        &db.target,
        d,
        &["team", "add", "--org", "Odense", "--name", "Team A"],
        None,
    ));
    ok(&run(
        &db.target,
        d,
        &["team", "add", "--org", "Odense", "--name", "Team B"],
        None,
    ));

    // An attacker with direct database access: triggers off, one byte of event 2 changed.
    let store = tandem_store::Store::open(&db.target).await.expect("open");
    match store.backend() {
        tandem_store::Backend::Sqlite => tandem_store::with_pool!(store, pool => {
            sqlx::raw_sql("DROP TRIGGER audit_events_no_update; UPDATE audit_events SET purpose = 'command linE' WHERE seq = 2;")
                .execute(pool).await.expect("tamper");
        }),
        tandem_store::Backend::Postgres => tandem_store::with_pool!(store, pool => {
            let mut tx = pool.begin().await.expect("tx");
            sqlx::raw_sql("SET LOCAL session_replication_role = replica; UPDATE audit_events SET purpose = 'command linE' WHERE seq = 2;")
                .execute(&mut *tx).await.expect("tamper");
            tx.commit().await.expect("commit");
        }),
    }
    store.close().await;

    let output = run(&db.target, d, &["audit", "verify"], None);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("BROKEN at event 2"), "{stderr}");
}

#[tokio::test]
async fn the_demo_is_added_once_and_its_printed_credentials_sign_in() {
    let db = TestDatabase::empty().await.expect("test database");
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    let first = ok(&run(&db.target, d, &["demo", "--courses", "12"], None));
    let again = ok(&run(&db.target, d, &["demo", "--courses", "12"], None));
    assert!(first.starts_with("Made 12 courses"), "{first}");
    assert!(
        first.contains("Made six months of practice history: 39 huddles"),
        "thirteen huddles for each of the three teams: {first}"
    );
    assert!(
        first
            .contains("Made the reflective practices: 6 versions of good-enough stories, 12 terms"),
        "two versions and four terms for each of the three teams: {first}"
    );
    let logins = |out: &str| {
        out.lines()
            .skip_while(|l| !l.starts_with("Demo organization"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        logins(&first),
        logins(&again),
        "seeding twice prints the same logins and adds nothing"
    );
    let password = first
        .split('"')
        .nth(3)
        .expect("the password is printed in quotes")
        .to_owned();
    let orgs = ok(&run(&db.target, d, &["org", "list"], None));
    assert_eq!(orgs.lines().count(), 1, "{orgs}");
    let org_name = orgs.split('\t').nth(1).expect("name").trim().to_owned();
    let users = ok(&run(
        &db.target,
        d,
        &["user", "list", "--org", &org_name],
        None,
    ));
    assert_eq!(
        users.lines().count(),
        tandem_app::demo::PEOPLE.len() + tandem_app::demo::NEWCOMERS.len(),
        "{users}"
    );
    assert!(
        first.contains("ung1.demo") && first.contains("netvaerk1.demo"),
        "citizen logins are printed"
    );

    let (mut child, url) = start_server(&db.target, d);
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let login = client
        .get(format!("{url}login"))
        .send()
        .await
        .expect("login page")
        .text()
        .await
        .expect("body");
    let marker = r#"name="_csrf" value=""#;
    let start = login.find(marker).expect("csrf field") + marker.len();
    let token: String = login[start..].chars().take_while(|c| *c != '"').collect();
    let response = client
        .post(format!("{url}login"))
        .form(&[
            ("_csrf", token.as_str()),
            ("email", "admin@demo.tandem.test"),
            ("password", password.as_str()),
        ])
        .send()
        .await
        .expect("sign-in");
    assert_eq!(
        response.status(),
        303,
        "the demo administrator signs in with the printed password"
    );
    let admin = client
        .get(format!("{url}admin/users"))
        .send()
        .await
        .expect("admin page");
    assert_eq!(admin.status(), 200);

    // The worry loop (issue 21): the team manager's home lists the worry nobody acknowledged
    // in time; the first young person sees who saw theirs, and the reply.
    let manager = signed_in(
        &url,
        "login",
        ("email", "teamleder@demo.tandem.test"),
        &password,
    )
    .await;
    let home = page(&manager, &format!("{url}home")).await;
    assert!(
        home.contains("Bekymringer, der venter på en voksen"),
        "{home}"
    );
    assert!(
        home.contains("sendt videre til"),
        "moved on by the job: {home}"
    );
    let young = signed_in(&url, "me/login", ("login_name", "ung1.demo"), &password).await;
    let me = page(&young, &format!("{url}me")).await;
    assert!(me.contains("✓ </span>Set af"), "a receipt: {me}");
    assert!(
        me.contains("du kan sove hos hende i nat"),
        "the reply: {me}"
    );
    terminate(&child);
    assert_eq!(
        wait_with_deadline(&mut child, Duration::from_secs(5)).code(),
        Some(0)
    );
}

/// A client signed in through the form at `path` (staff or citizens).
async fn signed_in(url: &str, path: &str, who: (&str, &str), password: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let form = page(&client, &format!("{url}{path}")).await;
    let marker = r#"name="_csrf" value=""#;
    let start = form.find(marker).expect("csrf field") + marker.len();
    let token: String = form[start..].chars().take_while(|c| *c != '"').collect();
    let response = client
        .post(format!("{url}{path}"))
        .form(&[("_csrf", token.as_str()), who, ("password", password)])
        .send()
        .await
        .expect("sign-in");
    assert_eq!(response.status(), 303, "{} signs in", who.1);
    client
}

async fn page(client: &reqwest::Client, url: &str) -> String {
    let response = client.get(url).send().await.expect("page");
    assert_eq!(response.status(), 200, "{url}");
    response.text().await.expect("body")
}

/// The demo's young people and their dates, in a stable order.
async fn demo_world(target: &DatabaseTarget) -> Vec<(String, String, i64)> {
    let store = tandem_store::Store::open_and_migrate(target)
        .await
        .expect("store");
    let rows: Vec<(String, String, i64)> = tandem_store::with_pool!(store, pool => {
        sqlx::query_as(
            "SELECT c.young_person_name, c.status, (SELECT COUNT(*) FROM meetings m WHERE m.course_id = c.id) \
             FROM courses c ORDER BY 1, 2, 3",
        )
        .fetch_all(pool)
        .await
        .expect("courses")
    });
    store.close().await;
    rows
}

#[tokio::test]
async fn the_demo_world_follows_from_its_seed() {
    let dir = tempfile::tempdir().expect("dir");
    let first = TestDatabase::empty().await.expect("test database");
    let second = TestDatabase::empty().await.expect("test database");
    let third = TestDatabase::empty().await.expect("test database");
    ok(&run(
        &first.target,
        dir.path(),
        &["demo", "--seed", "7", "--courses", "30"],
        None,
    ));
    ok(&run(
        &second.target,
        dir.path(),
        &["demo", "--seed", "7", "--courses", "30"],
        None,
    ));
    ok(&run(
        &third.target,
        dir.path(),
        &["demo", "--seed", "8", "--courses", "30"],
        None,
    ));
    let a = demo_world(&first.target).await;
    assert_eq!(a.len(), 30);
    assert!(
        a.iter().map(|r| r.2).sum::<i64>() > 30,
        "the courses have meetings"
    );
    assert_eq!(a, demo_world(&second.target).await, "same seed, same world");
    assert_ne!(
        a,
        demo_world(&third.target).await,
        "another seed, another world"
    );
    let stories = demo_stories(&first.target).await;
    let count = |title: &str| {
        stories
            .iter()
            .filter(|r| r.0 == title)
            .map(|r| r.1)
            .sum::<i64>()
    };
    assert_eq!(
        ["Ugentlig puls 1", "Ugentlig puls 2", "Ugentlig puls 3"]
            .map(count)
            .iter()
            .sum::<i64>(),
        2040
    );
    assert_eq!(count("Hvordan var samarbejdet?"), 300);
    let mean = |title: &str, recent: bool, part: usize| {
        let rows: Vec<_> = stories
            .iter()
            .filter(|r| r.0 == title && r.2 == recent)
            .collect();
        let n: i64 = rows.iter().map(|r| r.1).sum();
        rows.iter().map(|r| r.3[part] * r.1 as f64).sum::<f64>() / n as f64
    };
    assert!(
        mean("Ugentlig puls 1", true, 0) > mean("Ugentlig puls 2", true, 0) + 0.1,
        "team Nord leans on rules more than Syd"
    );
    assert!(
        mean("Ugentlig puls 3", true, 2) > mean("Ugentlig puls 3", false, 2) + 0.15,
        "team Vest moves towards co-production over the year"
    );
    assert!(
        mean("Ugentlig puls 2", true, 1) > mean("Ugentlig puls 2", false, 1) + 0.1,
        "team Syd drifts towards efficiency"
    );
}

/// Per campaign title and half-year (recent or not): stories and mean T1 weights.
async fn demo_stories(target: &DatabaseTarget) -> Vec<(String, i64, bool, [f64; 3])> {
    let store = tandem_store::Store::open_and_migrate(target)
        .await
        .expect("store");
    let since = time::OffsetDateTime::now_utc().date() - time::Duration::days(90);
    let rows: Vec<(String, i64, bool, f64, f64, f64)> = tandem_store::with_pool!(store, pool => {
        sqlx::query_as(
            "SELECT c.title, COUNT(*), s.collected_on >= $1, AVG(a.w1), AVG(a.w2), AVG(a.w3) \
             FROM stories s JOIN campaigns c ON c.id = s.campaign_id \
             JOIN story_answers a ON a.story_id = s.id AND a.question = 'T1' \
             GROUP BY c.title, s.collected_on >= $1",
        )
        .bind(since)
        .fetch_all(pool)
        .await
        .expect("stories")
    });
    store.close().await;
    rows.into_iter()
        .map(|(t, n, recent, a, b, c)| (t, n, recent, [a, b, c]))
        .collect()
}

#[test]
fn analyze_prints_the_report_and_refuses_bad_rows_with_exit_code_2() {
    let dir = tempfile::tempdir().expect("dir");
    let good = dir.path().join("stories.csv");
    let mut csv = String::from("id,text,collected_on,team,T1.a,T1.b,T1.c,D1\n");
    for i in 0..20 {
        let (team, d1) = if i % 2 == 0 {
            ("Nord", 80 + i % 10)
        } else {
            ("Syd", 10 + i % 10)
        };
        csv.push_str(&format!("s{i},tekst,2026-01-01,{team},60,20,20,{d1}\n"));
    }
    std::fs::write(&good, csv).expect("write");
    let output = tandem()
        .args(["analyze", "--input"])
        .arg(&good)
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    assert_eq!(report["n_stories"], 20);
    assert_eq!(report["tests"][0]["kind"], "mann_whitney");
    assert_eq!(report["triads"][0]["id"], "T1");

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "id,text,T1.a,T1.b,T1.c,D1\ns1,x,1,1,1,101\ns2,x,-1,1,1,5\n",
    )
    .expect("write");
    let output = tandem()
        .args(["analyze", "--input"])
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("line 2: D1: 101 is outside 0–100"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 3: T1: a triad weight is below 0"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "no report for a refused file");
}

#[test]
fn synthetic_stories_follow_their_seed_and_carry_the_structure_analyze_finds() {
    let dir = tempfile::tempdir().expect("dir");
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    for path in [&a, &b] {
        let output = tandem()
            .args(["demo", "stories", "--count", "1000", "--seed", "9", "--out"])
            .arg(path)
            .output()
            .expect("runs");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert_eq!(
        std::fs::read(&a).expect("a"),
        std::fs::read(&b).expect("b"),
        "same seed, same file"
    );
    let output = tandem()
        .args(["analyze", "--input"])
        .arg(&a)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["n_stories"], 1000);
    assert_eq!(
        report["n_tellers"], 40,
        "a thousand stories from forty people, one team each"
    );
    let profile = &report["hybrid_profile"];
    assert_eq!(
        (profile["shown"].clone(), profile["n"].clone()),
        (serde_json::json!(true), serde_json::json!(1000))
    );
    let mix: f64 = profile["mix"]
        .as_array()
        .expect("mix")
        .iter()
        .filter_map(serde_json::Value::as_f64)
        .sum();
    assert!(
        (mix - 1.0).abs() < 1e-9,
        "the logic mix is a point on the triangle"
    );
    assert!(
        profile["intervals"]["mix"].is_array(),
        "bootstrap intervals for 1,000 stories"
    );
    let tests = report["tests"].as_array().expect("tests");
    let d1_team = tests
        .iter()
        .find(|t| t["a"] == "D1" && t["b"] == "team")
        .expect("D1 × team");
    assert_eq!(d1_team["kind"], "kruskal_wallis");
    assert_eq!(
        d1_team["n_tellers"], 40,
        "eight people in each of the five teams"
    );
    assert_eq!(d1_team["label"], "strong evidence");
    let d3_d4 = tests
        .iter()
        .find(|t| t["a"] == "D3" && t["b"] == "D4")
        .expect("D3 × D4");
    assert!(
        d3_d4["effect"]["value"].as_f64().expect("rho") > 0.4,
        "documentation friction comes with less coherence"
    );
    let frustrated = tests
        .iter()
        .find(|t| t["a"] == "D4" && t["b"] == "M3=frustrated")
        .expect("D4 × M3=frustrated");
    assert_eq!(
        frustrated["label"], "strong evidence",
        "frustration comes where documentation got in the way"
    );
    // A pipe closed early (`| head`) is not an error.
    let mut child = tandem()
        .args(["analyze", "--input"])
        .arg(&a)
        .stdout(Stdio::piped())
        .spawn()
        .expect("runs");
    drop(child.stdout.take());
    assert_eq!(child.wait().expect("exits").code(), Some(0));
}

#[tokio::test]
async fn import_stories_refuses_a_file_with_bad_rows_whole_and_imports_a_good_one() {
    use tandem_domain::PlainText;
    use tandem_domain::story::campaign::{Audience, CampaignDetails};
    use tandem_store::stories::campaigns::NewCampaign;
    let (db, store) = TestDatabase::migrated().await.expect("test database");
    let now = time::OffsetDateTime::now_utc();
    let world =
        tandem_store::testing::course_world(&store, &tandem_store::testing::course_details(), now)
            .await
            .expect("world");
    store
        .ensure_default_framework(world.organization_id, now)
        .await
        .expect("framework");
    let framework = store
        .frameworks(world.organization_id)
        .await
        .expect("frameworks")[0]
        .id;
    let details = CampaignDetails {
        title: PlainText::parse("Imported", 50).expect("title"),
        prompt: PlainText::parse("What happened?", 50).expect("prompt"),
        audience: Audience::Team,
        consent_text: None,
        opens_on: now.date(),
        closes_on: now.date(),
        returns_stories: false,
    };
    let mut tx = store.begin().await.expect("tx");
    let campaign = tx
        .insert_campaign(
            world.organization_id,
            &NewCampaign {
                details: &details,
                framework_id: framework,
                team_id: Some(world.team_id),
                link: None,
                course_ids: &[],
                created_by: world.processor_id,
            },
            now,
        )
        .await
        .expect("campaign");
    tx.commit().await.expect("commit");
    let dir = tempfile::tempdir().expect("dir");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "id,text,collected_on,T1.a,T1.b,T1.c,D1\n1,fine,2026-01-01,1,1,1,50\n2,bad,2026-01-01,-1,1,1,50\n").expect("write");
    let good = dir.path().join("good.csv");
    std::fs::write(&good, "id,text,collected_on,T1.a,T1.b,T1.c,D1\n1,fine,2026-01-01,1,1,1,50\n2,also fine,2026-01-02,,,,\n").expect("write");
    let import = |file: &std::path::Path| {
        let mut command = tandem();
        on(&mut command, &db.target, dir.path());
        command
            .args([
                "import",
                "stories",
                "--org",
                &world.organization_id.to_string(),
                "--campaign",
                &campaign.to_string(),
            ])
            .arg(file)
            .output()
            .expect("runs")
    };
    let refused = import(&bad);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("line 3"), "{stderr}");
    let count = |store: tandem_store::Store| async move {
        tandem_store::with_pool!(store, pool => {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM stories").fetch_one(pool).await.expect("count")
        })
    };
    assert_eq!(count(store.clone()).await, 0, "nothing imported");
    let imported = import(&good);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    assert_eq!(count(store.clone()).await, 2);
}

#[test]
fn analyze_types_columns_by_a_framework_file_and_refuses_a_broken_one() {
    let dir = tempfile::tempdir().expect("dir");
    let stories = dir.path().join("stories.csv");
    let mut csv = String::from("id,text,collected_on,Q2,team\n");
    for i in 0..40 {
        let (team, q2) = if i % 2 == 0 {
            ("Nord", 80 + i % 10)
        } else {
            ("Syd", 10 + i % 10)
        };
        csv.push_str(&format!("s{i},tekst,2026-01-01,{q2},{team}\n"));
    }
    std::fs::write(&stories, csv).expect("write");
    let framework = dir.path().join("framework.toml");
    std::fs::write(
        &framework,
        "id = \"small\"\nversion = 1\nname = { da = \"Lille\", en = \"Small\" }\n\n[[questions]]\nid = \"Q2\"\nkind = \"slider\"\nstem = { da = \"Hvor klart?\", en = \"How clear?\" }\nlabels = [ { da = \"uklart\", en = \"confusing\" }, { da = \"klart\", en = \"clear\" } ]\n",
    )
    .expect("write");
    let report = |with: Option<&std::path::Path>| {
        let mut command = tandem();
        command.args(["analyze", "--input"]).arg(&stories);
        if let Some(path) = with {
            command.arg("--framework").arg(path);
        }
        let output = command.output().expect("runs");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&output.stdout).expect("JSON")
    };
    let typed = report(Some(&framework));
    let tests = typed["tests"].as_array().expect("tests");
    assert!(
        tests
            .iter()
            .any(|t| t["a"] == "Q2" && t["b"] == "team" && t["kind"] == "mann_whitney"),
        "Q2 is a slider by the framework: {tests:?}"
    );
    let inferred = report(None);
    assert!(
        inferred["tests"].as_array().expect("tests").is_empty(),
        "by its name Q2 is metadata, and metadata × metadata is not tested"
    );
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "id = \"small\"\nversion = 1\n").expect("write");
    let output = tandem()
        .args(["analyze", "--input"])
        .arg(&stories)
        .arg("--framework")
        .arg(&broken)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
}
