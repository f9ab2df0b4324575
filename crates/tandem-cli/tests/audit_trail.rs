//! `tandem audit …` against an attacker who can write to the database (ADR 0015): verification
//! exits 1 naming the event after a rewrite whose hashes were recomputed without the key, and —
//! with a checkpoint file — after a cut tail whose head was moved back. Also the key file's
//! rotation and the checkpoints `tandem serve` writes. Runs on SQLite, and on PostgreSQL when
//! TANDEM_TEST_POSTGRES_URL is set.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tandem_domain::audit::{AuditEvent, ChainKey};
use tandem_store::testing::TestDatabase;
use tandem_store::{Backend, DatabaseTarget, Store, with_pool};

/// The key file the commands use: beside the SQLite database (made on first use), or named.
fn key_file(target: &DatabaseTarget, dir: &Path) -> PathBuf {
    match target {
        DatabaseTarget::Sqlite(path) => path.parent().expect("dir").join("audit.key"),
        DatabaseTarget::Postgres(_) => dir.join("audit.key"),
    }
}

fn tandem(target: &DatabaseTarget, dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tandem"));
    command
        .env_remove("TANDEM_DATABASE_URL")
        .env_remove("TANDEM_DATA_DIR")
        .env_remove("TANDEM_AUDIT_KEY_FILE")
        .env_remove("TANDEM_AUDIT_CHECKPOINT_FILE")
        .env("TANDEM_LOG", "warn")
        .arg("--audit-checkpoint-file")
        .arg(dir.join("checkpoints"));
    match target {
        DatabaseTarget::Sqlite(path) => {
            command.arg("--data-dir").arg(path.parent().expect("dir"));
        }
        DatabaseTarget::Postgres(url) => {
            let key = key_file(target, dir);
            if !key.exists() {
                assert!(
                    ok(&tandem_bare(dir)
                        .arg("--audit-key-file")
                        .arg(&key)
                        .args(["audit", "add-key"])
                        .output()
                        .expect("runs"))
                    .contains("added key key-1")
                );
            }
            command
                .arg("--data-dir")
                .arg(dir)
                .arg("--database-url")
                .arg(url)
                .arg("--audit-key-file")
                .arg(key);
        }
    }
    command
}

fn tandem_bare(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tandem"));
    command
        .env_remove("TANDEM_DATABASE_URL")
        .env_remove("TANDEM_AUDIT_KEY_FILE")
        .env("TANDEM_LOG", "warn")
        .arg("--data-dir")
        .arg(dir);
    command
}

fn run(target: &DatabaseTarget, dir: &Path, args: &[&str]) -> Output {
    tandem(target, dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("runs")
}

fn ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).to_string()
}

/// Exit 1 with the break named on stderr.
fn broken(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    stderr
}

/// An organization with three teams: four events.
async fn trail(dir: &Path) -> TestDatabase {
    let db = TestDatabase::empty().await.expect("test database");
    ok(&run(&db.target, dir, &["org", "add", "--name", "Odense"]));
    for team in ["Team A", "Team B", "Team C"] {
        ok(&run(
            &db.target,
            dir,
            &["team", "add", "--org", "Odense", "--name", team],
        ));
    }
    db
}

/// Runs statements with the triggers switched off, as an attacker with the owner's (SQLite) or
/// a superuser's (PostgreSQL) access.
async fn as_attacker(target: &DatabaseTarget, statements: &[String]) {
    let store = Store::open(target).await.expect("open");
    let sql = statements.join(";\n");
    match store.backend() {
        Backend::Sqlite => with_pool!(store, pool => {
            sqlx::raw_sql(
                "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete; \
                 DROP TRIGGER audit_chains_only_move_forward;",
            )
            .execute(pool).await.expect("drop triggers");
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(pool).await.expect("tamper");
        }),
        Backend::Postgres => with_pool!(store, pool => {
            let mut tx = pool.begin().await.expect("tx");
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("SET LOCAL session_replication_role = replica; {sql}")))
                .execute(&mut *tx).await.expect("tamper");
            tx.commit().await.expect("commit");
        }),
    }
    store.close().await;
}

async fn events(target: &DatabaseTarget) -> Vec<AuditEvent> {
    let store = Store::open(target).await.expect("open");
    let events = store.audit_chain().await.expect("read");
    store.close().await;
    events
}

fn quoted(value: Option<&str>) -> String {
    value.map_or_else(|| "NULL".to_owned(), |v| format!("'{v}'"))
}

/// Event `from` gets another purpose; it and every later event are re-hashed by `sign`, and
/// the head moved to the last: the statements that store it.
fn rewrite_from(
    mut events: Vec<AuditEvent>,
    from: usize,
    sign: impl Fn(&mut AuditEvent),
) -> Vec<String> {
    events[from - 1].purpose = "nothing to see".into();
    for i in from - 1..events.len() {
        if i > 0 {
            events[i].prev_hash = events[i - 1].hash.clone();
        }
        sign(&mut events[i]);
    }
    let mut statements: Vec<String> = events[from - 1..]
        .iter()
        .map(|e| {
            format!(
                "UPDATE audit_events SET purpose = '{}', prev_hash = '{}', hash = '{}', key_id = {} WHERE seq = {}",
                e.purpose, e.prev_hash, e.hash, quoted(e.key_id.as_deref()), e.seq
            )
        })
        .collect();
    let last = events.last().expect("events");
    statements.push(format!(
        "UPDATE audit_chains SET seq = {}, hash = '{}' WHERE chain = {}",
        last.position(),
        last.hash,
        quoted(last.chain.as_deref())
    ));
    statements
}

#[tokio::test]
async fn audit_verify_names_an_event_rewritten_with_recomputed_plain_hashes() {
    let dir = tempfile::tempdir().expect("dir");
    let db = trail(dir.path()).await;
    let statements = rewrite_from(events(&db.target).await, 2, |e| {
        e.key_id = None;
        e.hash = e.expected_hash();
    });
    as_attacker(&db.target, &statements).await;
    let stderr = broken(&run(&db.target, dir.path(), &["audit", "verify"]));
    assert!(stderr.contains("BROKEN at event 2"), "{stderr}");
}

#[tokio::test]
async fn audit_verify_names_an_event_rewritten_with_a_key_that_is_not_the_key_files() {
    let dir = tempfile::tempdir().expect("dir");
    let db = trail(dir.path()).await;
    let events = events(&db.target).await;
    let id = events[0].key_id.clone().expect("keyed");
    let wrong = ChainKey::new(&id, [0x11; 32]).expect("a key with the key file's id");
    let statements = rewrite_from(events, 3, |e| e.sign(&wrong));
    as_attacker(&db.target, &statements).await;
    let stderr = broken(&run(&db.target, dir.path(), &["audit", "verify"]));
    assert!(stderr.contains("BROKEN at event 3"), "{stderr}");
    assert!(stderr.contains("HMAC does not match"), "{stderr}");
}

#[tokio::test]
async fn audit_verify_names_the_checkpointed_event_after_a_cut_tail_with_the_head_moved_back() {
    let dir = tempfile::tempdir().expect("dir");
    let db = trail(dir.path()).await;
    let written = ok(&run(&db.target, dir.path(), &["audit", "checkpoint"]));
    assert!(written.contains("checkpoint written"), "{written}");
    let intact = ok(&run(&db.target, dir.path(), &["audit", "verify"]));
    assert!(intact.contains("1 checkpoints match"), "{intact}");
    let head = events(&db.target).await.remove(1);
    as_attacker(
        &db.target,
        &[
            "DELETE FROM audit_events WHERE seq > 2".to_owned(),
            format!(
                "UPDATE audit_chains SET seq = 2, hash = '{}' WHERE chain = {}",
                head.hash,
                quoted(head.chain.as_deref())
            ),
        ],
    )
    .await;
    let stderr = broken(&run(&db.target, dir.path(), &["audit", "verify"]));
    assert!(stderr.contains("BROKEN at event 4"), "{stderr}");
    assert!(stderr.contains("which is gone"), "{stderr}");
}

#[tokio::test]
async fn audit_verify_fails_when_a_checkpoint_line_was_edited() {
    let dir = tempfile::tempdir().expect("dir");
    let db = trail(dir.path()).await;
    ok(&run(&db.target, dir.path(), &["audit", "checkpoint"]));
    let file = dir.path().join("checkpoints");
    let line = std::fs::read_to_string(&file).expect("read");
    let words: Vec<&str> = line.split_whitespace().collect();
    let edited = format!("{} 3 {} {}\n", words[0], words[2], words[3]);
    std::fs::write(&file, edited).expect("edit");
    let stderr = broken(&run(&db.target, dir.path(), &["audit", "verify"]));
    assert!(stderr.contains("BROKEN at event 3"), "{stderr}");
    assert!(stderr.contains("not signed"), "{stderr}");
}

#[tokio::test]
async fn after_add_key_new_events_use_the_new_key_and_old_ones_still_verify() {
    let dir = tempfile::tempdir().expect("dir");
    let db = trail(dir.path()).await;
    ok(&run(&db.target, dir.path(), &["audit", "checkpoint"]));
    let added = ok(&run(&db.target, dir.path(), &["audit", "add-key"]));
    assert!(added.contains("added key key-2-"), "{added}");
    ok(&run(
        &db.target,
        dir.path(),
        &["team", "add", "--org", "Odense", "--name", "Team D"],
    ));
    let all = events(&db.target).await;
    let key_of = |e: Option<&AuditEvent>| e.and_then(|e| e.key_id.clone()).unwrap_or_default();
    assert!(key_of(all.first()).starts_with("key-1-"), "{all:?}");
    assert!(key_of(all.last()).starts_with("key-2-"), "{all:?}");
    let verified = ok(&run(&db.target, dir.path(), &["audit", "verify"]));
    assert!(verified.contains("audit trail intact"), "{verified}");
    let key = key_file(&db.target, dir.path());
    assert_eq!(
        std::fs::read_to_string(&key)
            .expect("key file")
            .lines()
            .count(),
        2
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).expect("meta").permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "the key file is readable by its owner only"
        );
    }
}

#[tokio::test]
async fn serve_writes_checkpoints_at_start_and_when_the_head_moved() {
    let dir = tempfile::tempdir().expect("dir");
    let db = trail(dir.path()).await;
    let mut child = tandem(&db.target, dir.path())
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--audit-checkpoint-interval-secs",
            "1",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("serves");
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().expect("stdout")),
        &mut line,
    )
    .expect("address line");
    // A new event while serving: the checkpoint of the interval or of the stop names it.
    ok(&run(
        &db.target,
        dir.path(),
        &["team", "add", "--org", "Odense", "--name", "Team D"],
    ));
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    assert_eq!(child.wait().expect("stops").code(), Some(0));
    let checkpoints = std::fs::read_to_string(dir.path().join("checkpoints")).expect("written");
    let seqs: Vec<&str> = checkpoints
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .collect();
    assert_eq!(seqs.first(), Some(&"4"), "written at start: {checkpoints}");
    assert_eq!(
        seqs.last(),
        Some(&"5"),
        "the head that moved is checkpointed: {checkpoints}"
    );
    let verified = ok(&run(&db.target, dir.path(), &["audit", "verify"]));
    assert!(verified.contains("audit trail intact"), "{verified}");
}

#[tokio::test]
async fn postgresql_needs_a_named_key_file() {
    let db = TestDatabase::empty().await.expect("test database");
    let DatabaseTarget::Postgres(url) = &db.target else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let output = tandem_bare(dir.path())
        .args(["--database-url", url, "org", "list"])
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--audit-key-file"), "{stderr}");
}

#[tokio::test]
async fn the_runtime_role_granted_by_the_owner_serves_and_its_trail_verifies() {
    let dir = tempfile::tempdir().expect("dir");
    let db = TestDatabase::empty().await.expect("test database");
    ok(&run(&db.target, dir.path(), &["migrate"]));
    let DatabaseTarget::Postgres(url) = &db.target else {
        let refused = run(
            &db.target,
            dir.path(),
            &["db", "grant-runtime-role", "tandem_runtime"],
        );
        assert!(!refused.status.success());
        assert!(String::from_utf8_lossy(&refused.stderr).contains("only on PostgreSQL"));
        return;
    };
    let role = format!("tandem_rt_{}", uuid::Uuid::now_v7().simple());
    let owner = Store::open(&db.target).await.expect("open");
    let admin = |sql: String| {
        let owner = owner.clone();
        async move {
            with_pool!(owner, pool => {
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(pool).await.expect("admin");
            });
        }
    };
    admin(format!("CREATE ROLE {role} LOGIN")).await;
    let granted = ok(&run(
        &db.target,
        dir.path(),
        &["db", "grant-runtime-role", &role],
    ));
    assert!(granted.contains(&role), "{granted}");
    let mut runtime_url = url::Url::parse(url).expect("URL");
    runtime_url.set_username(&role).expect("user");
    let runtime = DatabaseTarget::Postgres(runtime_url.to_string());
    ok(&run(
        &runtime,
        dir.path(),
        &["org", "add", "--name", "Vejle"],
    ));
    ok(&run(&runtime, dir.path(), &["audit", "checkpoint"]));
    let verified = ok(&run(&runtime, dir.path(), &["audit", "verify"]));
    assert!(verified.contains("1 events verified"), "{verified}");
    admin(format!("DROP OWNED BY {role}; DROP ROLE {role}")).await;
    owner.close().await;
}
