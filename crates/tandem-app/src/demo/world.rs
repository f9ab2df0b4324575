//! The demo's courses: about 150 young people over the last 12 months, each with a network,
//! goals in their own words, steps, meetings with attendance and the young person's views, blind
//! rating rounds, session feedback, statements, alerts and costs. Everything follows from the
//! seed, so two runs with the same seed on the same day give the same world.

use crate::ratings::alerts::DeteriorationCheck;
use crate::ratings::{CourseRef, deterioration_alert_in};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use tandem_domain::course::details::CourseDetails;
use tandem_domain::course::kinds::*;
use tandem_domain::course::network::{ConsentScope, MemberDetails, SnapshotEntry};
use tandem_domain::course::work::{GoalDetails, MeetingDetails, StepOwner};
use tandem_domain::instrument::{AlertRule, Instrument};
use tandem_domain::organization::Organization;
use tandem_domain::staff::{Team, User};
use tandem_domain::worry::WorryRules;
use tandem_domain::{Id, PlainText};
use tandem_store::Store;
use tandem_store::network::Member;
use tandem_store::ratings::{NewRound, Rating};
use tandem_store::tx::Tx;
use tandem_store::voice::CostRecord;
use tandem_store::work::{Goal, NewStep};
use time::{Date, Duration, OffsetDateTime};

use super::texts::{
    FIRST_NAMES, GOALS, LAST_NAMES, MEASURES, PLACEMENT, RELATIONS, STATEMENTS, STEPS, VIEWS,
};

/// The share of goals a processor words for the young person, by team (Nord, Syd, Vest).
const PROCESSOR_WORDS_GOAL: [f64; 3] = [0.55, 0.30, 0.08];

/// The processors who take courses, with their teams.
pub struct Caseload {
    /// The organization.
    pub organization_id: Id<Organization>,
    /// (team, processor, processor's name).
    pub processors: Vec<(Id<Team>, Id<User>, String)>,
}

/// What was made, for the closing line.
#[derive(Debug, Default)]
pub struct Made {
    /// Courses.
    pub courses: usize,
    /// Meetings.
    pub meetings: usize,
    /// Ratings.
    pub ratings: usize,
}

fn text(s: &str) -> PlainText {
    // The demo's own texts are short, printable and non-empty.
    PlainText::parse(s, 10_000).unwrap_or_else(|_| PlainText::parse("–", 1).expect("dash is text"))
}

fn at(date: Date, hour: u8) -> OffsetDateTime {
    date.with_hms(hour, 0, 0)
        .map_or_else(|_| date.midnight().assume_utc(), |d| d.assume_utc())
}

/// Generates `count` courses; `tick` is called after each.
///
/// # Errors
/// A database error.
pub async fn generate(
    store: &Store,
    caseload: &Caseload,
    seed: u64,
    count: usize,
    today: Date,
    tick: impl Fn(),
) -> anyhow::Result<Made> {
    let mut rng = StdRng::seed_from_u64(seed);
    // Who chaired each meeting is drawn from its own stream, so that adding it left every
    // other draw of the demo (and what the demo tests find) as it was.
    let mut chair_rng = StdRng::seed_from_u64(seed ^ 0xC4A1_2026);
    let mut made = Made::default();
    let mut teams: Vec<Id<Team>> = Vec::new();
    for (team, _, _) in &caseload.processors {
        if !teams.contains(team) {
            teams.push(*team);
        }
    }
    for index in 0..count {
        let (team, processor, processor_name) =
            caseload.processors[index % caseload.processors.len()].clone();
        let team_index = teams.iter().position(|t| *t == team).unwrap_or(0);
        let mut tx = store.begin().await?;
        let mut course = CourseBuilder {
            rng: &mut rng,
            chair_rng: &mut chair_rng,
            tx: &mut tx,
            org: caseload.organization_id,
            today,
            processor,
            processor_name,
            first_name: String::new(),
            team_index,
            keep_open: index < 2 * caseload.processors.len(),
            made: &mut made,
        };
        course.build(team).await?;
        tx.commit().await?;
        tick();
    }
    Ok(made)
}

struct CourseBuilder<'a> {
    rng: &'a mut StdRng,
    /// Draws who chaired each meeting (see [`CourseBuilder::chair`]).
    chair_rng: &'a mut StdRng,
    tx: &'a mut Tx,
    org: Id<Organization>,
    today: Date,
    processor: Id<User>,
    processor_name: String,
    first_name: String,
    /// The course's team as an index into [`super::TEAMS`]: Nord (0) leans on rules and words
    /// goals for the young person half the time; Syd (1) drifts toward efficiency, closing
    /// courses early with less to show for it; Vest (2) moves toward co-production.
    team_index: usize,
    /// Each processor's first two courses stay open: the young people with their own login
    /// (and their worries) belong to them.
    keep_open: bool,
    made: &'a mut Made,
}

/// The demo's goal-scale norms (organization configuration, kept in the norms table).
pub const DEMO_NORM: (i32, i32) = (50, 20);

impl CourseBuilder<'_> {
    fn days(&mut self, low: i64, high: i64) -> Duration {
        Duration::days(self.rng.random_range(low..=high.max(low)))
    }

    fn details(&mut self, english: bool) -> CourseDetails {
        let today = self.today;
        // Most courses began within the year; one in five earlier (placements and longer
        // support run for years), so the rules that need a year of history have some.
        let longest = if self.rng.random_bool(0.2) { 730 } else { 365 };
        let awareness = today - self.days(5, longest);
        let age = self.rng.random_range(12..=21);
        let birth = awareness - Duration::days(age * 365 + self.rng.random_range(10..300));
        let elapsed = (today - awareness).whole_days();
        let before_today = |d: Date| (d <= today).then_some(d);
        let assessment = (elapsed >= 45 && self.rng.random_bool(0.9))
            .then(|| awareness + Duration::days(self.rng.random_range(40..=elapsed.min(150))))
            .and_then(before_today);
        let decision = assessment
            .map(|d| d + Duration::days(self.rng.random_range(2..20)))
            .and_then(before_today);
        let start = decision
            .map(|d| d + Duration::days(self.rng.random_range(0..14)))
            .and_then(before_today);
        // About one in four: of the 52.600 0–22-year-olds with a social support measure at the
        // end of 2023, 13.900 were placed (Danmarks Statistik, "Støtte til udsatte børn og unge
        // 2023"); courses running for more than a year are placements more often.
        let placement_share = if elapsed > 365 { 0.5 } else { 0.2 };
        let placement = decision.is_some() && self.rng.random_bool(placement_share);
        // A quarter of placements without consent: illustrative — no published share was found
        // among the sources checked (Danmarks Statistik counts them, by legal basis).
        let without_consent = placement && self.rng.random_bool(0.25);
        let plan_kind = match decision {
            Some(_) if placement || self.rng.random_bool(0.85) => {
                if age >= 16 {
                    PlanKind::YouthPlan
                } else {
                    PlanKind::ChildPlan
                }
            }
            _ => PlanKind::NoPlan,
        };
        let plan_completed = (plan_kind != PlanKind::NoPlan && self.rng.random_bool(0.9))
            .then(|| {
                decision.map(|d| {
                    if without_consent {
                        d
                    } else {
                        d + Duration::days(self.rng.random_range(20..110))
                    }
                })
            })
            .flatten()
            .and_then(before_today);
        // About a third of a year's courses close (Danish preventive measures typically last
        // six to eighteen months), spread over the months after their first four.
        // Syd closes more courses, and sooner. A placement seldom ends within its first years
        // (most placed children stay placed for years), so placed courses rarely close here —
        // which also gives the supervision-visit indicator its placements of half a year.
        let syd = self.team_index == 1;
        let closing = match (placement, syd) {
            (true, _) => 0.1,
            (false, true) => 0.65,
            (false, false) => 0.45,
        };
        let closed =
            elapsed > 150 && start.is_some() && self.rng.random_bool(closing) && !self.keep_open;
        let status = match elapsed {
            _ if closed => CourseStatus::Closed,
            0..20 => CourseStatus::Referred,
            20..50 if start.is_none() => CourseStatus::Assessing,
            _ if self.rng.random_bool(0.05) => CourseStatus::Paused,
            _ => CourseStatus::Active,
        };
        let closure_date = closed.then(|| {
            if syd {
                (awareness + self.days(100, 170)).min(today)
            } else {
                let from = start.map_or(today, |s| s + Duration::days(120)).min(today);
                from + self.days(0, (today - from).whole_days())
            }
        });
        let closure_reason = closed.then(|| {
            *[
                ClosureReason::Mutual,
                ClosureReason::Mutual,
                ClosureReason::Mutual,
                ClosureReason::UnilateralByYoungPerson,
                ClosureReason::Moved,
                ClosureReason::AgedOut,
            ]
            .choose(self.rng)
            .unwrap_or(&ClosureReason::Mutual)
        });
        let first = *FIRST_NAMES.choose(self.rng).unwrap_or(&"Mia");
        let last = *LAST_NAMES.choose(self.rng).unwrap_or(&"Jensen");
        let interval = start
            .filter(|s| (today - *s).whole_days() > 100)
            .map(|_| *[90u32, 120, 180].choose(self.rng).unwrap_or(&90));
        CourseDetails {
            young_person_name: text(&format!("{first} {last}")),
            birth_date: birth,
            preferred_language: if english {
                PreferredLanguage::English
            } else {
                PreferredLanguage::Danish
            },
            accessibility_needs: (self.rng.random_bool(0.1)).then(|| {
                text(if english {
                    "Prefers short written messages"
                } else {
                    "Foretrækker korte skriftlige beskeder"
                })
            }),
            legal_basis: if placement {
                if without_consent {
                    "§ 47 Anbringelse uden samtykke"
                } else {
                    "§ 46 Anbringelse med samtykke"
                }
            } else if tandem_domain::deadlines::age_on(birth, today) >= 18 {
                "§ 114 Ungestøtte"
            } else {
                "§ 32 Støtte til barn og familie"
            }
            .to_owned(),
            status,
            awareness_date: awareness,
            assessment_kind: AssessmentKind::ChildAssessment,
            assessment_completed: assessment,
            decision_date: decision,
            placement,
            placement_without_consent: without_consent,
            plan_kind,
            plan_completed,
            intervention_start: start,
            follow_up_interval_days: interval,
            follow_up_reason: interval.map(|_| {
                text(if english {
                    "Agreed at the first follow-up"
                } else {
                    "Aftalt ved første opfølgning"
                })
            }),
            closure_date,
            closure_reason,
            external_reference: Some(text(&format!(
                "SAG-{}",
                self.rng.random_range(10_000..99_999)
            ))),
        }
    }

    async fn build(&mut self, team: Id<Team>) -> anyhow::Result<()> {
        let english = self.rng.random_bool(0.15);
        let mut details = self.details(english);
        if !details.problems(self.today).is_empty() {
            details.status = CourseStatus::Active;
            details.closure_date = None;
            details.closure_reason = None;
        }
        let created = at(details.awareness_date, 9);
        let course = self
            .tx
            .insert_course(self.org, team, self.processor, &details, created)
            .await?;
        self.made.courses += 1;
        let first_name = details
            .young_person_name
            .as_str()
            .split(' ')
            .next()
            .unwrap_or("")
            .to_owned();
        self.first_name.clone_from(&first_name);
        let end = details.closure_date.unwrap_or(self.today);
        let start = details
            .intervention_start
            .unwrap_or(details.awareness_date + Duration::days(14))
            .min(end);

        // The network: some relations were there from the start, some joined later.
        let mut members: Vec<(Id<Member>, Date, bool, SnapshotEntry)> = Vec::new();
        let how_many = self.rng.random_range(3..=7);
        let chosen: Vec<_> = RELATIONS.choose_multiple(self.rng, how_many).collect();
        for (i, (sector, da, en, name)) in chosen.iter().enumerate() {
            let joined = if i < 3 {
                details.awareness_date
            } else {
                start
                    + self
                        .days(20, 120)
                        .min(Duration::days((end - start).whole_days().max(0)))
            };
            let family = *sector == Sector::Family;
            let roles = match i {
                0 => vec![NetworkRole::SafetyPerson, NetworkRole::PlanParticipant],
                _ if family && self.rng.random_bool(0.5) => vec![NetworkRole::PlanParticipant],
                _ => Vec::new(),
            };
            let consent = family && self.rng.random_bool(0.7);
            let member = MemberDetails {
                name: text(name),
                sector: *sector,
                relation: text(if english { en } else { da }),
                strength: *[Strength::Strong, Strength::Moderate, Strength::Tenuous]
                    .choose(self.rng)
                    .unwrap_or(&Strength::Moderate),
                stressful: self.rng.random_bool(0.15),
                direction: *[
                    Direction::ToYoungPerson,
                    Direction::ToYoungPerson,
                    Direction::Mutual,
                    Direction::FromYoungPerson,
                    Direction::NoSupport,
                ]
                .choose(self.rng)
                .unwrap_or(&Direction::Mutual),
                roles,
                birth_date: None,
                consent: ConsentScope {
                    goals: consent,
                    steps: consent,
                    meetings: consent && self.rng.random_bool(0.5),
                },
                consent_given_by: consent.then(|| text(&first_name)),
            };
            let id = self
                .tx
                .insert_member(self.org, course, &member, joined, at(joined, 10))
                .await?;
            let entry = SnapshotEntry {
                member_id: id.to_string(),
                name: member.name.as_str().to_owned(),
                sector: member.sector.as_str().to_owned(),
                relation: member.relation.as_str().to_owned(),
                strength: member.strength.as_str().to_owned(),
                stressful: member.stressful,
                direction: member.direction.as_str().to_owned(),
            };
            members.push((id, joined, family && i < 2, entry));
        }

        // Goals in the young person's own words.
        let mut goals: Vec<(Id<Goal>, i32, i32)> = Vec::new();
        let how_many = self.rng.random_range(2..=3);
        let picked: Vec<_> = GOALS.choose_multiple(self.rng, how_many).collect();
        for goal in picked {
            let (words, low, high) = if english { goal.en } else { goal.da };
            let target = start + self.days(90, 240);
            let id = self
                .tx
                .insert_goal(
                    self.org,
                    course,
                    &GoalDetails {
                        own_words: text(words),
                        // Who words the goal: Nord's processors often do it for the young
                        // person (its rules-bound half), Syd's now and then, Vest's seldom —
                        // so the own-words share differs by team as the stories do.
                        author: text(
                            if self
                                .rng
                                .random_bool(PROCESSOR_WORDS_GOAL[self.team_index % 3])
                            {
                                self.processor_name.as_str()
                            } else {
                                first_name.as_str()
                            },
                        ),
                        restatement: None,
                        life_area: goal.area,
                        anchor_low: Some(text(low)),
                        anchor_high: Some(text(high)),
                        target_date: Some(target),
                    },
                    at(start, 11),
                )
                .await?;
            // Start level and trend per meeting (tenths): most improve, some stall, a few slip.
            // Syd's short courses improve less often.
            let improving = if self.team_index == 1 { 35 } else { 60 };
            let trend = match self.rng.random_range(0..100) {
                n if n < improving => self.rng.random_range(3..12),
                n if n < 85 => self.rng.random_range(-3..4),
                _ => self.rng.random_range(-12..-4),
            };
            goals.push((id, self.rng.random_range(15..50), trend));
        }

        // Meetings every three to six weeks, a follow-up around three months in, and one planned.
        let mut dates = Vec::new();
        let mut day = start;
        while day <= end {
            dates.push(day);
            day += self.days(21, 42);
        }
        let follow_up_day = details.intervention_start.map(|s| s + self.days(70, 100));
        let mut ratings_level: Vec<i32> = goals.iter().map(|g| g.1).collect();
        // Supervision visits about every fourth meeting (some three a year); for one placement
        // in four they slip to every ninth, and the year's two visits are missed — the
        // supervision reviews of the National Social Appeals Board find them missing in a
        // share of placements, not never.
        let visit_every = if self.rng.random_bool(0.75) { 4 } else { 9 };
        for (n, date) in dates.iter().enumerate() {
            let kind = if n == 0 {
                MeetingKind::NetworkMeeting
            } else if follow_up_day.is_some_and(|f| (*date - f).whole_days().abs() < 18) {
                MeetingKind::FollowUp
            } else if details.placement && n % visit_every == 2 {
                MeetingKind::SupervisionVisit
            } else {
                *[
                    MeetingKind::NetworkMeeting,
                    MeetingKind::NetworkMeeting,
                    MeetingKind::ChildConversation,
                    MeetingKind::Session,
                    MeetingKind::FamilyGroupConference,
                ]
                .choose(self.rng)
                .unwrap_or(&MeetingKind::Session)
            };
            self.meeting(
                course,
                kind,
                *date,
                english,
                &members,
                &goals,
                &mut ratings_level,
            )
            .await?;
        }
        // A reliable deterioration against the demo norms puts an alert on the worklist: the
        // rule of tandem-app, on the newest round of each goal as it was rated.
        if let Some(last) = dates.last() {
            let scale = Instrument {
                norms: vec![tandem_domain::instrument::Norm {
                    age_from: 12,
                    age_to: 22,
                    cut_off: DEMO_NORM.0,
                    reliable_change: DEMO_NORM.1,
                }],
                ..Instrument::goal_scale()
            };
            let age = tandem_domain::deadlines::age_on(details.birth_date, *last);
            let check = DeteriorationCheck::new(vec![scale], Some(age));
            let rounds = self.tx.rounds_of(self.org, course).await?;
            let course_ref = CourseRef {
                organization_id: self.org,
                id: course,
            };
            for (goal, _, _) in &goals {
                // Rounds come newest first.
                let newest = rounds
                    .iter()
                    .find(|r| r.goal_id == Some(*goal) && r.revealed_at.is_some());
                if let Some(round) = newest {
                    let when = at(*last, 15);
                    deterioration_alert_in(self.tx, course_ref, round.id, &check, when).await?;
                }
            }
        }
        if details.status != CourseStatus::Closed {
            let planned = self.today + self.days(3, 30);
            let meeting = MeetingDetails {
                kind: MeetingKind::NetworkMeeting,
                held_on: planned,
                held: false,
                young_person_present: false,
                views_own_words: None,
                chair: None,
                private_family_time: false,
                support_person_present: false,
                outcomes: None,
                minutes: None,
                minutes_shared: false,
                next_meeting: None,
            };
            self.tx
                .insert_meeting(
                    self.org,
                    course,
                    &meeting,
                    None,
                    self.processor,
                    at(self.today, 8),
                )
                .await?;
        }

        // Steps owned by whoever does them.
        let how_many = self.rng.random_range(3..=7);
        let steps: Vec<_> = STEPS.choose_multiple(self.rng, how_many).collect();
        for (i, (da, en)) in steps.into_iter().enumerate() {
            let owner = match self.rng.random_range(0..100) {
                0..40 => StepOwner::YoungPerson,
                40..75 => StepOwner::Network(members[i % members.len()].0),
                _ => StepOwner::Staff(self.processor),
            };
            let due = start + self.days(7, (end - start).whole_days().max(7) + 30);
            let step = NewStep {
                description: text(if english { en } else { da }),
                owner,
                goal_id: goals.get(i % goals.len()).map(|g| g.0),
                due_date: Some(due),
                meeting_id: None,
            };
            let id = self
                .tx
                .insert_step(self.org, course, &step, at(start, 12))
                .await?;
            let status = if due < self.today {
                *[
                    StepStatus::Done,
                    StepStatus::Done,
                    StepStatus::Done,
                    StepStatus::NotDone,
                    StepStatus::InProgress,
                ]
                .choose(self.rng)
                .unwrap_or(&StepStatus::Done)
            } else {
                *[StepStatus::Planned, StepStatus::InProgress]
                    .choose(self.rng)
                    .unwrap_or(&StepStatus::Planned)
            };
            if status != StepStatus::Planned {
                self.tx
                    .set_step_status(self.org, course, id, status, due.min(self.today))
                    .await?;
            }
        }

        // Statements between meetings; a worry raises an alert.
        for _ in 0..self.rng.random_range(0..=4) {
            let (topic, da, en) = STATEMENTS
                .choose(self.rng)
                .copied()
                .unwrap_or(STATEMENTS[0]);
            let sent = details.awareness_date
                + self.days(1, (end - details.awareness_date).whole_days().max(1));
            let worry = topic == StatementTopic::Worry;
            // The demo's open worries are made apart (`super::worries`), through the real
            // escalation; these were all acknowledged in time.
            let latest = if worry {
                self.today - Duration::days(4)
            } else {
                self.today
            };
            let when = at(sent.min(latest), 19);
            let id = self
                .tx
                .insert_statement(
                    self.org,
                    course,
                    topic,
                    if english { en } else { da },
                    worry,
                    when,
                )
                .await?;
            if worry {
                let alert = self
                    .tx
                    .raise_alert(
                        self.org,
                        course,
                        AlertKind::Worry,
                        Some(id.to_string()),
                        "statement",
                        when,
                    )
                    .await?;
                // Acknowledged in time (within the default hour of office time), the message
                // marked read by the processor: the young person's receipt. (Worries are sent
                // at least four days back, so this is always before today.)
                let seen = WorryRules::default().office.after_office_minutes(when, 30);
                let note = if english {
                    "Called the same day; agreed a safety plan"
                } else {
                    "Ringede samme dag; aftalte en sikkerhedsplan"
                };
                self.tx
                    .resolve_alert(self.org, course, alert, self.processor, note, seen)
                    .await?;
                self.tx
                    .answer_statement(self.org, course, id, self.processor, None, seen)
                    .await?;
            }
            if (self.today - sent).whole_days() > 3 {
                let answer = self.rng.random_bool(0.6).then_some(if english {
                    "Thank you for writing — let's talk about it on Thursday."
                } else {
                    "Tak fordi du skrev – lad os tale om det på torsdag."
                });
                self.tx
                    .answer_statement(
                        self.org,
                        course,
                        id,
                        self.processor,
                        answer,
                        // Answered in office time, after it was read.
                        WorryRules::default().office.after_office_minutes(when, 120),
                    )
                    .await?;
            }
        }

        // Costs for the efficiency view.
        if details.intervention_start.is_some() {
            let how_many = self.rng.random_range(1..=2);
            let mut measures: Vec<_> = MEASURES
                .choose_multiple(self.rng, how_many)
                .copied()
                .collect();
            if details.placement {
                measures.push(PLACEMENT);
            }
            for (da, en, provider, (low, high)) in measures {
                let cost = CostRecord {
                    measure: (if english { en } else { da }).to_owned(),
                    provider: provider.to_owned(),
                    from_date: start,
                    to_date: details.closure_date,
                    monthly_amount: self.rng.random_range(low..=high) / 100 * 100,
                };
                self.tx
                    .insert_cost(self.org, course, &cost, at(start, 13))
                    .await?;
            }
        }
        Ok(())
    }

    /// Who chaired a meeting held on `date`: the processor at conversations, visits and
    /// sessions; at the meetings a young person can lead, the young person (alone or with the
    /// processor) one time in seven before the team's probe "Den unge leder sit eget
    /// netværksmøde" started, and after it at the team's own rate — Vest most, Syd least — so
    /// that the probe's run chart shows a shift on every team but not the same one.
    fn chair(&mut self, kind: MeetingKind, date: Date) -> Chair {
        let leadable = matches!(
            kind,
            MeetingKind::NetworkMeeting
                | MeetingKind::FamilyGroupConference
                | MeetingKind::FollowUp
        );
        if !leadable {
            return Chair::Processor;
        }
        let started = date >= self.today - Duration::days(super::practices::CHAIR_PROBE_DAYS_AGO);
        let by_young = if started {
            [0.45, 0.3, 0.7][self.team_index % 3]
        } else {
            0.15
        };
        let draw: f64 = self.chair_rng.random();
        if draw < by_young * 0.6 {
            Chair::Together
        } else if draw < by_young {
            Chair::YoungPerson
        } else if draw < by_young + 0.05 {
            Chair::Network
        } else {
            Chair::Processor
        }
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "one meeting of the demo course, with the course's state"
    )]
    async fn meeting(
        &mut self,
        course: Id<tandem_domain::policy::Course>,
        kind: MeetingKind,
        date: Date,
        english: bool,
        members: &[(Id<Member>, Date, bool, SnapshotEntry)],
        goals: &[(Id<Goal>, i32, i32)],
        levels: &mut [i32],
    ) -> anyhow::Result<()> {
        // A supervision visit is a conversation with the young person (barnets lov § 156, stk. 5).
        let present = kind == MeetingKind::SupervisionVisit || self.rng.random_bool(0.85);
        let views = present
            .then(|| {
                VIEWS
                    .choose(self.rng)
                    .map(|(da, en)| text(if english { en } else { da }))
            })
            .flatten();
        let chair = self.chair(kind, date);
        let details = MeetingDetails {
            kind,
            held_on: date,
            held: true,
            young_person_present: present,
            views_own_words: views,
            chair: Some(chair),
            private_family_time: kind == MeetingKind::FamilyGroupConference,
            support_person_present: false,
            outcomes: None,
            minutes: None,
            minutes_shared: false,
            next_meeting: Some(date + Duration::days(28)),
        };
        let channel = present.then(|| {
            *[
                Channel::InPerson,
                Channel::InPerson,
                Channel::Online,
                Channel::AsyncStatement,
            ]
            .choose(self.rng)
            .unwrap_or(&Channel::InPerson)
        });
        let when = at(date, 14);
        let meeting = self
            .tx
            .insert_meeting(self.org, course, &details, channel, self.processor, when)
            .await?;
        self.made.meetings += 1;
        if matches!(
            kind,
            MeetingKind::NetworkMeeting
                | MeetingKind::FamilyGroupConference
                | MeetingKind::FollowUp
        ) {
            for (member, ..) in members.iter().filter(|m| m.1 <= date) {
                let attended = self.rng.random_bool(0.75);
                let via = attended.then(|| {
                    *[Channel::InPerson, Channel::Online]
                        .choose(self.rng)
                        .unwrap_or(&Channel::InPerson)
                });
                self.tx
                    .insert_participant(self.org, meeting, &member.to_string(), attended, via)
                    .await?;
            }
        }
        if kind == MeetingKind::NetworkMeeting && self.rng.random_bool(0.3) {
            // An eco-map snapshot at some network meetings (the relations known by then).
            let entries: Vec<SnapshotEntry> = members
                .iter()
                .filter(|m| m.1 <= date)
                .map(|m| m.3.clone())
                .collect();
            self.tx
                .insert_snapshot(
                    self.org,
                    course,
                    date,
                    Some(meeting.to_string()),
                    &entries,
                    when,
                )
                .await?;
        }
        // Blind rounds on each goal at network meetings and follow-ups.
        if present
            && matches!(
                kind,
                MeetingKind::NetworkMeeting | MeetingKind::FollowUp | MeetingKind::Session
            )
        {
            let parent = members.iter().find(|m| m.2 && m.1 <= date).is_some();
            for (i, (goal, _, trend)) in goals.iter().enumerate() {
                let young = (levels[i] + self.rng.random_range(-6..=6)).clamp(0, 100);
                levels[i] = (levels[i] + trend).clamp(0, 100);
                let worker = (young + self.rng.random_range(-15..=15)).clamp(0, 100);
                let mut raters = vec![
                    (RaterRole::YoungPerson, self.first_name.clone()),
                    (RaterRole::Worker, self.processor_name.clone()),
                ];
                let with_parent = parent && self.rng.random_bool(0.3);
                if with_parent {
                    raters.push((
                        RaterRole::Parent,
                        if english {
                            "Mother".into()
                        } else {
                            "Mor".into()
                        },
                    ));
                }
                let round = NewRound {
                    instrument_key: "goal_scale",
                    goal_id: Some(*goal),
                    meeting_id: Some(meeting),
                    mode: RatingMode::Collaborative,
                    opened_by: Some(self.processor),
                    raters,
                };
                let round_id = self.tx.open_round(self.org, course, &round, when).await?;
                let parent_value = (young + self.rng.random_range(-10..=10)).clamp(0, 100);
                for (id, role) in self.tx.rater_ids(self.org, round_id).await? {
                    let value = match role {
                        RaterRole::YoungPerson => young,
                        RaterRole::Worker => worker,
                        RaterRole::Parent | RaterRole::Network => parent_value,
                    };
                    self.tx
                        .submit_rating(
                            self.org,
                            course,
                            round_id,
                            &Rating {
                                rater_id: id,
                                values: &[value],
                                comment: None,
                            },
                            when,
                        )
                        .await?;
                    self.made.ratings += 1;
                }
                if self.rng.random_bool(0.4) {
                    let reflection = if english {
                        "What makes it that number: the mornings are easier now."
                    } else {
                        "Det, der gør tallet: morgenerne er blevet lettere."
                    };
                    self.tx
                        .set_reflection(self.org, course, round_id, reflection)
                        .await?;
                }
            }
        }
        // Session feedback after most meetings the young person attended.
        if present && self.rng.random_bool(0.7) {
            let low = self.rng.random_bool(0.12);
            let values: Vec<i32> = (0..4)
                .map(|_| {
                    if low && self.rng.random_bool(0.5) {
                        self.rng.random_range(60..89)
                    } else {
                        self.rng.random_range(88..=100)
                    }
                })
                .collect();
            let feedback = Instrument::session_feedback(AlertRule {
                total_below: 360,
                item_below: 90,
            });
            let course_ref = crate::ratings::CourseRef {
                organization_id: self.org,
                id: course,
            };
            let command = crate::ratings::SessionFeedback { meeting, values };
            let written = crate::ratings::feedback::session_feedback_in(
                self.tx,
                course_ref,
                &self.first_name,
                &feedback,
                &command,
                (Some(self.processor), when),
            )
            .await?;
            if let Some(alert) = written.alert
                && (self.today - date).whole_days() > 14
                && self.rng.random_bool(0.8)
            {
                let note = if english {
                    "Talked it through at the next meeting"
                } else {
                    "Talt igennem på næste møde"
                };
                self.tx
                    .resolve_alert(
                        self.org,
                        course,
                        alert,
                        self.processor,
                        note,
                        when + Duration::days(7),
                    )
                    .await?;
            }
        }
        Ok(())
    }
}
