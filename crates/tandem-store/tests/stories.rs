//! Stories against a real database: answers stored and read back identically (one at a time and
//! in import batches that cross the statement size), the catalog's filters and full-text search,
//! annotations, and the default framework added once.

use tandem_domain::PlainText;
use tandem_domain::answer::Answer;
use tandem_domain::framework::Framework;
use tandem_domain::story::campaign::{Audience, CampaignDetails};
use tandem_domain::story::{Answers, Teller};
use tandem_store::stories::campaigns::NewCampaign;
use tandem_store::stories::catalog::{AnswerCondition, StoryFilter};
use tandem_store::stories::write::NewStory;
use tandem_store::testing::{TestDatabase, course_details, course_world};
use time::OffsetDateTime;
use time::macros::{date, datetime};

const NOW: OffsetDateTime = datetime!(2026-03-01 10:00 UTC);

fn choices(ids: &[&str]) -> Answer {
    Answer::Choices(ids.iter().map(|s| (*s).to_owned()).collect())
}

fn answers(i: usize) -> Answers {
    let mut a = vec![(
        "T1".to_owned(),
        Answer::Triad(if i.is_multiple_of(2) {
            [0.7, 0.2, 0.1]
        } else {
            [0.1, 0.2, 0.7]
        }),
    )];
    if !i.is_multiple_of(3) {
        a.push(("D1".to_owned(), Answer::Position((i % 101) as f64)));
    }
    a.push((
        "M1".to_owned(),
        choices(&[if i.is_multiple_of(2) {
            "co_design"
        } else {
            "co_delivery"
        }]),
    ));
    a.push(("M3".to_owned(), choices(&["proud", "worried"])));
    a
}

#[tokio::test]
async fn stories_round_trip_and_the_catalog_filters_them() {
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let world = course_world(&store, &course_details(), NOW)
        .await
        .expect("world");
    let org = world.organization_id;
    store
        .ensure_default_framework(org, NOW)
        .await
        .expect("default");
    store
        .ensure_default_framework(org, NOW)
        .await
        .expect("idempotent");
    let frameworks = store.frameworks(org).await.expect("frameworks");
    assert_eq!(frameworks.len(), 1, "the default framework is added once");
    let framework: Framework = frameworks[0].framework.clone();
    let details = CampaignDetails {
        title: PlainText::parse("Pulse", 100).expect("title"),
        prompt: PlainText::parse("What happened?", 100).expect("prompt"),
        audience: Audience::Team,
        consent_text: None,
        opens_on: date!(2026 - 01 - 01),
        closes_on: date!(2026 - 12 - 31),
        returns_stories: true,
    };
    let mut tx = store.begin().await.expect("tx");
    let campaign = tx
        .insert_campaign(
            org,
            &NewCampaign {
                details: &details,
                framework_id: frameworks[0].id,
                team_id: Some(world.team_id),
                link: None,
                course_ids: &[],
                created_by: world.processor_id,
            },
            NOW,
        )
        .await
        .expect("campaign");
    // 1,203 stories: more than two statements' worth of stories and of answer rows.
    let sets: Vec<Answers> = (0..1203).map(answers).collect();
    let texts: Vec<String> = (0..1203)
        .map(|i| {
            if i == 7 {
                "Familierådslagningen gik over al forventning".to_owned()
            } else {
                format!("Story number {i} about a meeting")
            }
        })
        .collect();
    let stories: Vec<NewStory<'_>> = sets
        .iter()
        .zip(&texts)
        .enumerate()
        .map(|(i, (a, t))| NewStory {
            campaign_id: campaign,
            framework_id: frameworks[0].id,
            teller: Teller::Imported,
            author_id: None,
            citizen_account_id: None,
            teller_key: None,
            title: None,
            body: t,
            collected_on: if i < 600 {
                date!(2026 - 02 - 01)
            } else {
                date!(2026 - 02 - 20)
            },
            consent_given: true,
            redacted: false,
            answers: a,
            annotations: &[],
        })
        .collect();
    let ids = tx.insert_stories(org, &stories, NOW).await.expect("insert");
    tx.add_annotation(ids[7], "tag", "friction", Some(world.processor_id), NOW)
        .await
        .expect("tag");
    tx.commit().await.expect("commit");

    let exported = store
        .export_stories(org, campaign, &framework)
        .await
        .expect("export");
    assert_eq!(exported.len(), 1203);
    let mut back: Vec<(String, Answers)> = (exported.into_iter())
        .map(|e| (e.summary.body, e.answers))
        .collect();
    back.sort_by(|a, b| a.0.cmp(&b.0));
    let mut expected: Vec<(String, Answers)> = texts.iter().cloned().zip(sets.clone()).collect();
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(back, expected, "identical answers after storing");

    let count = |filter: StoryFilter| {
        let store = store.clone();
        async move {
            store
                .stories(org, campaign, &filter, 10, 0)
                .await
                .expect("stories")
                .1
        }
    };
    assert_eq!(count(StoryFilter::default()).await, 1203);
    let chose = |o: &str| AnswerCondition::Chose {
        question: "M1".into(),
        option: o.into(),
    };
    assert_eq!(
        count(StoryFilter {
            answers: vec![chose("co_design")],
            ..Default::default()
        })
        .await,
        602
    );
    assert_eq!(
        count(StoryFilter {
            answers: vec![AnswerCondition::Leans {
                question: "T1".into(),
                corner: 2
            }],
            ..Default::default()
        })
        .await,
        601
    );
    let between: i64 = (0..1203usize)
        .filter(|i| i % 3 != 0 && (10..=20).contains(&(i % 101)))
        .count() as i64;
    assert_eq!(
        count(StoryFilter {
            answers: vec![AnswerCondition::Between {
                question: "D1".into(),
                from: 10.0,
                to: 20.0
            }],
            ..Default::default()
        })
        .await,
        between
    );
    assert_eq!(
        count(StoryFilter {
            from: Some(date!(2026 - 02 - 10)),
            ..Default::default()
        })
        .await,
        603
    );
    assert_eq!(
        count(StoryFilter {
            text: Some("familierådslagningen".into()),
            ..Default::default()
        })
        .await,
        1,
        "full-text search finds the word in any case"
    );
    assert_eq!(
        count(StoryFilter {
            text: Some("\" OR 1=1 --".into()),
            ..Default::default()
        })
        .await,
        0,
        "search syntax and SQL in the box are plain words"
    );
    assert_eq!(
        count(StoryFilter {
            annotation: Some("friction".into()),
            ..Default::default()
        })
        .await,
        1
    );
    let counts = store
        .option_counts(org, campaign, &StoryFilter::default())
        .await
        .expect("counts");
    assert_eq!(counts[&("M3".to_owned(), "proud".to_owned())], 1203);
    assert_eq!(counts[&("M1".to_owned(), "co_delivery".to_owned())], 601);

    let page = store
        .story(org, campaign, ids[7], &framework)
        .await
        .expect("story")
        .expect("found");
    assert_eq!(page.answers, sets[7]);
    assert_eq!(
        page.annotations,
        vec![("tag".to_owned(), "friction".to_owned())]
    );
    let elsewhere = store
        .story(org, tandem_domain::Id::new(), ids[7], &framework)
        .await
        .expect("story");
    assert!(
        elsewhere.is_none(),
        "a story is read only through its campaign"
    );

    // The pattern pages' read: one row per story, parts joined as text, floats bit for bit.
    let tricky = [0.1 + 0.2, 1.0 / 3.0, 1.0 - (0.1 + 0.2) - 1.0 / 3.0];
    let odd: Answers = vec![
        ("T1".to_owned(), Answer::Triad(tricky)),
        ("D1".to_owned(), Answer::Position(100.0 / 3.0)),
        ("M2".to_owned(), choices(&["young_person", "manager"])),
    ];
    let mut tx = store.begin().await.expect("tx");
    tx.insert_story(
        org,
        &NewStory {
            campaign_id: campaign,
            framework_id: frameworks[0].id,
            teller: Teller::Staff,
            author_id: None,
            citizen_account_id: None,
            teller_key: None,
            title: None,
            body: "Tricky numbers",
            collected_on: date!(2026 - 03 - 01),
            consent_given: true,
            redacted: false,
            answers: &odd,
            annotations: &[],
        },
        NOW,
    )
    .await
    .expect("story");
    tx.commit().await.expect("commit");
    let mut seen = Vec::new();
    store
        .for_each_campaign_story(org, campaign, None, |facts, _, parts| {
            let owned: Vec<(String, Option<String>, [Option<f64>; 3])> = parts
                .iter()
                .map(|p| {
                    (
                        p.question.to_owned(),
                        p.option_id.map(str::to_owned),
                        p.weights,
                    )
                })
                .collect();
            seen.push((facts, owned));
        })
        .await
        .expect("read");
    assert_eq!(seen.len(), 1204);
    assert!(
        seen.windows(2)
            .all(|w| (w[0].0.collected_on, &w[0].0.id) < (w[1].0.collected_on, &w[1].0.id)),
        "oldest first, then by id: the same order on every read"
    );
    let (facts, parts) = seen.last().expect("the tricky story, newest");
    assert_eq!(facts.teller, Teller::Staff);
    let triad = parts.iter().find(|p| p.0 == "T1").expect("T1").2;
    assert_eq!(
        triad.map(|w| w.map(f64::to_bits)),
        tricky.map(|w| Some(w.to_bits())),
        "weights read back bit for bit"
    );
    let slider = parts.iter().find(|p| p.0 == "D1").expect("D1").2;
    assert_eq!(
        slider[0].map(f64::to_bits),
        Some((100.0f64 / 3.0).to_bits())
    );
    assert_eq!(slider[1], None);
    let mut chosen: Vec<&str> = parts
        .iter()
        .filter(|p| p.0 == "M2")
        .filter_map(|p| p.1.as_deref())
        .collect();
    chosen.sort_unstable();
    assert_eq!(chosen, ["manager", "young_person"]);
    let revision = store
        .campaign_revision(org, campaign)
        .await
        .expect("revision");
    assert_eq!(revision.stories, 1204);
    let listed = store.frameworks(org).await.expect("frameworks");
    assert_eq!(listed[0].stories, Some(1204), "the list counts the stories");
    let one = store
        .framework(org, listed[0].id)
        .await
        .expect("framework")
        .expect("found");
    assert_eq!(one.stories, None, "one version is read without counting");
    let listed = store.campaigns(org).await.expect("campaigns");
    assert_eq!(listed[0].stories, Some(1204), "the list counts the stories");
    let one = store
        .campaign(org, campaign)
        .await
        .expect("campaign")
        .expect("found");
    assert_eq!(one.stories, None, "one campaign is read without counting");
    // Migration 0009 filled the parts of stories saved before it from their answer rows: run
    // its statement again over these stories and read the same answers, bit for bit.
    let migration = match store.backend() {
        tandem_store::Backend::Sqlite => {
            include_str!("../migrations/sqlite/0009_story_answer_parts.sql")
        }
        tandem_store::Backend::Postgres => {
            include_str!("../migrations/postgres/0009_story_answer_parts.sql")
        }
    };
    let backfill = migration
        .lines()
        .find(|l| l.starts_with("UPDATE stories"))
        .expect("the backfill statement");
    // First as the stories were before the migration: no parts of their own.
    let backfill = format!("UPDATE stories SET answer_parts = '';\n{backfill}");
    let filled = match store.backend_pool() {
        tandem_store::BackendPool::Sqlite(pool) => sqlx::raw_sql(sqlx::AssertSqlSafe(backfill))
            .execute(pool)
            .await
            .map(|done| done.rows_affected()),
        tandem_store::BackendPool::Postgres(pool) => {
            sqlx::raw_sql(sqlx::AssertSqlSafe(backfill.clone()))
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        }
    };
    assert!(
        filled.expect("backfill") >= 2 * 1204,
        "emptied, then filled"
    );
    let mut again = Vec::new();
    store
        .for_each_campaign_story(org, campaign, None, |facts, _, parts| {
            let mut owned: Vec<(String, Option<String>, [Option<u64>; 3])> = parts
                .iter()
                .map(|p| {
                    (
                        p.question.to_owned(),
                        p.option_id.map(str::to_owned),
                        p.weights.map(|w| w.map(f64::to_bits)),
                    )
                })
                .collect();
            owned.sort();
            again.push((facts, owned));
        })
        .await
        .expect("read after the backfill");
    let before: Vec<_> = seen
        .iter()
        .map(|(facts, parts)| {
            let mut bits: Vec<_> = parts
                .iter()
                .map(|(q, o, w)| (q.clone(), o.clone(), w.map(|w| w.map(f64::to_bits))))
                .collect();
            bits.sort();
            (facts.clone(), bits)
        })
        .collect();
    assert!(
        before == again,
        "the backfill wrote what the stories were saved with"
    );
    // Only the stories saved after a second: all of them were saved at NOW.
    let since = |at| {
        let store = &store;
        async move {
            let mut n = 0;
            store
                .for_each_campaign_story(org, campaign, Some(at), |_, _, _| n += 1)
                .await
                .expect("read since");
            n
        }
    };
    assert_eq!(since(NOW - time::Duration::seconds(1)).await, 1204);
    assert_eq!(since(NOW).await, 0);
}

/// Who told a story reaches the pattern pages' read and the export as one key per person — the
/// author, or an imported file's key — and as nothing where nobody is known.
#[tokio::test]
async fn one_persons_stories_share_a_teller_key_and_an_unknown_teller_has_none() {
    use tandem_store::testing::campaign_with_stories;
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let world = course_world(&store, &course_details(), NOW)
        .await
        .expect("world");
    let org = world.organization_id;
    let (campaign, _) =
        campaign_with_stories(&store, org, world.team_id, world.processor_id, 0).await;
    let framework = store.frameworks(org).await.expect("frameworks")[0].id;
    let none: Answers = Vec::new();
    let told = [
        (Some(world.processor_id), None, "by the processor"),
        (Some(world.processor_id), None, "by the processor again"),
        (None, Some("p1"), "imported from p1"),
        (None, Some("p1"), "imported from p1 again"),
        (None, None, "anonymous"),
    ];
    let stories: Vec<NewStory<'_>> = told
        .iter()
        .map(|(author, key, body)| NewStory {
            campaign_id: campaign,
            framework_id: framework,
            teller: if author.is_some() {
                Teller::Staff
            } else {
                Teller::Imported
            },
            author_id: *author,
            citizen_account_id: None,
            teller_key: *key,
            title: None,
            body,
            collected_on: date!(2026 - 03 - 01),
            consent_given: true,
            redacted: false,
            answers: &none,
            annotations: &[],
        })
        .collect();
    let mut tx = store.begin().await.expect("tx");
    let ids = tx.insert_stories(org, &stories, NOW).await.expect("insert");
    tx.commit().await.expect("commit");
    let mut read: Vec<(String, Option<String>)> = Vec::new();
    store
        .for_each_campaign_story(org, campaign, None, |facts, told_by, _| {
            read.push((facts.id, told_by.map(str::to_owned)));
        })
        .await
        .expect("read");
    let key_of = |i: usize| {
        let id = ids[i].to_string();
        read.iter()
            .find(|(s, _)| *s == id)
            .and_then(|(_, k)| k.clone())
    };
    let author = key_of(0).expect("the author's stories have a key");
    assert_eq!(
        key_of(1).as_deref(),
        Some(author.as_str()),
        "one author, one key"
    );
    assert_eq!(key_of(2).as_deref(), Some("kp1"));
    assert_eq!(key_of(3).as_deref(), Some("kp1"));
    assert_ne!(author, "kp1");
    assert_eq!(key_of(4), None, "nobody known");
    let exported = store
        .export_stories(org, campaign, &Framework::default_framework())
        .await
        .expect("export");
    for (i, id) in ids.iter().enumerate() {
        let story = (exported.iter())
            .find(|e| e.summary.id == *id)
            .expect("exported");
        assert_eq!(story.told_by, key_of(i), "the export reads the same key");
    }
}
