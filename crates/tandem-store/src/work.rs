//! Goals, steps and meetings of a course.

use tandem_domain::course::kinds::{Chair, Channel, GoalStatus, LifeArea, MeetingKind, StepStatus};
use tandem_domain::course::work::{GoalDetails, MeetingDetails, StepOwner};
use tandem_domain::organization::Organization;
use tandem_domain::policy::Course;
use tandem_domain::staff::User;
use tandem_domain::{Id, PlainText};
use time::{Date, OffsetDateTime};

use crate::courses::{stored_id, stored_text, stored_word};
use crate::error::StoreError;
use crate::network::Member;
use crate::pool::Store;
use crate::time::stored;
use crate::tx::Tx;

/// Marker type for goals' ids.
#[derive(Debug)]
pub enum Goal {}
/// Marker type for steps' ids.
#[derive(Debug)]
pub enum Step {}
/// Marker type for meetings' ids.
#[derive(Debug)]
pub enum Meeting {}

/// A goal as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalRecord {
    /// The goal.
    pub id: Id<Goal>,
    /// What was entered.
    pub details: GoalDetails,
    /// Where it stands.
    pub status: GoalStatus,
    /// Created.
    pub created_at: OffsetDateTime,
}

/// A step as stored, with its owner's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRecord {
    /// The step.
    pub id: Id<Step>,
    /// The goal it serves, if any.
    pub goal_id: Option<Id<Goal>>,
    /// What is to be done.
    pub description: String,
    /// Who does it.
    pub owner: StepOwner,
    /// The owner's name (empty for the young person: the page names them).
    pub owner_name: String,
    /// When it is due.
    pub due_date: Option<Date>,
    /// Where it stands.
    pub status: StepStatus,
    /// When it was done.
    pub completed_on: Option<Date>,
    /// The meeting that created it.
    pub meeting_id: Option<Id<Meeting>>,
    /// When it was written down (the indicators read the course as it stood on a day).
    pub created_at: OffsetDateTime,
}

impl StepRecord {
    /// Who does it, as a page names them: the owner's name, or the young person's (`young`) for
    /// their own steps.
    #[must_use]
    pub fn owner_label<'a>(&'a self, young: &'a str) -> &'a str {
        if self.owner_name.is_empty() {
            young
        } else {
            &self.owner_name
        }
    }

    /// Past its due date and neither done nor dropped.
    #[must_use]
    pub fn is_overdue(&self, today: Date) -> bool {
        self.due_date.is_some_and(|d| d < today)
            && matches!(self.status, StepStatus::Planned | StepStatus::InProgress)
    }
}

/// Steps grouped by who does them, owners in the order they first appear (the step board's
/// columns and the overview's counts); `young` names the young person.
#[must_use]
pub fn steps_by_owner<'a>(
    steps: &'a [StepRecord],
    young: &'a str,
) -> Vec<(&'a str, Vec<&'a StepRecord>)> {
    let mut owners: Vec<(&str, Vec<&StepRecord>)> = Vec::new();
    for step in steps {
        let owner = step.owner_label(young);
        match owners.iter_mut().find(|(o, _)| *o == owner) {
            Some((_, list)) => list.push(step),
            None => owners.push((owner, vec![step])),
        }
    }
    owners
}

/// One network member's part in a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// The member.
    pub member_id: Id<Member>,
    /// Their name.
    pub name: String,
    /// Whether they took part.
    pub attended: bool,
    /// How.
    pub channel: Option<Channel>,
}

/// A meeting as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRecord {
    /// The meeting.
    pub id: Id<Meeting>,
    /// What was recorded.
    pub details: MeetingDetails,
    /// How the young person took part.
    pub young_person_channel: Option<Channel>,
    /// The facilitator's name.
    pub facilitator_name: Option<String>,
    /// When the young person approved the minutes.
    pub minutes_approved_at: Option<OffsetDateTime>,
    /// The young person's disagreement with the minutes, in their words, and when.
    pub minutes_disagreement: Option<(PlainText, OffsetDateTime)>,
    /// The network members invited.
    pub participants: Vec<Participant>,
}

/// A new step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStep {
    /// What is to be done.
    pub description: PlainText,
    /// Who does it.
    pub owner: StepOwner,
    /// The goal it serves.
    pub goal_id: Option<Id<Goal>>,
    /// When it is due.
    pub due_date: Option<Date>,
    /// The meeting that created it.
    pub meeting_id: Option<Id<Meeting>>,
}

/// A course's goals, active ones first, then oldest first ($1 course, $2 organization).
pub(crate) const GOALS_OF: &str = "SELECT id, own_words, author, restatement, life_area, anchor_low, anchor_high, \
     target_date, status, created_at FROM goals WHERE course_id = $1 AND organization_id = $2 \
     ORDER BY CASE WHEN status = 'active' THEN 0 ELSE 1 END, created_at, id";

/// A course's steps with their owners' names, by due date ($1 course, $2 organization).
pub(crate) const STEPS_OF: &str = "SELECT s.id, s.goal_id, s.description, s.owner_kind, s.owner_member_id, \
     s.owner_staff_id, COALESCE(n.name, u.display_name) AS owner_name, s.due_date, s.status, s.completed_on, \
     s.meeting_id, s.created_at FROM steps s LEFT JOIN network_members n ON n.id = s.owner_member_id \
     LEFT JOIN users u ON u.id = s.owner_staff_id \
     WHERE s.course_id = $1 AND s.organization_id = $2 \
     ORDER BY CASE WHEN s.due_date IS NULL THEN 1 ELSE 0 END, s.due_date, s.created_at, s.id";

#[derive(sqlx::FromRow)]
pub(crate) struct GoalRow {
    id: String,
    own_words: String,
    author: String,
    restatement: Option<String>,
    life_area: String,
    anchor_low: Option<String>,
    anchor_high: Option<String>,
    target_date: Option<Date>,
    status: String,
    created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
pub(crate) struct StepRow {
    id: String,
    goal_id: Option<String>,
    description: String,
    owner_kind: String,
    owner_member_id: Option<String>,
    owner_staff_id: Option<String>,
    owner_name: Option<String>,
    due_date: Option<Date>,
    status: String,
    completed_on: Option<Date>,
    meeting_id: Option<String>,
    created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct MeetingRow {
    id: String,
    kind: String,
    held_on: Date,
    held: bool,
    facilitator_name: Option<String>,
    young_person_present: bool,
    young_person_channel: Option<String>,
    views_own_words: Option<String>,
    chaired_by: Option<String>,
    private_family_time: bool,
    support_person_present: bool,
    outcomes: Option<String>,
    minutes: Option<String>,
    minutes_shared: bool,
    minutes_approved_at: Option<OffsetDateTime>,
    minutes_disagreement: Option<String>,
    minutes_disagreed_at: Option<OffsetDateTime>,
    next_meeting: Option<Date>,
}

/// A meeting with one of its participants (none: a meeting nobody of the network attended).
#[derive(sqlx::FromRow)]
struct MeetingParticipantRow {
    #[sqlx(flatten)]
    meeting: MeetingRow,
    member_id: Option<String>,
    member_name: Option<String>,
    attended: Option<bool>,
    channel: Option<String>,
}

fn required(text: &str, what: &str) -> Result<PlainText, StoreError> {
    PlainText::parse(text, 100_000).map_err(|_| StoreError::corrupt(what))
}

fn channel(text: Option<String>) -> Result<Option<Channel>, StoreError> {
    text.map(|c| stored_word(Channel::parse, &c, "channel"))
        .transpose()
}

impl TryFrom<GoalRow> for GoalRecord {
    type Error = StoreError;
    fn try_from(row: GoalRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: stored_id(&row.id, "goal id")?,
            details: GoalDetails {
                own_words: required(&row.own_words, "own words")?,
                author: required(&row.author, "author")?,
                restatement: stored_text(row.restatement, "restatement")?,
                life_area: stored_word(LifeArea::parse, &row.life_area, "life area")?,
                anchor_low: stored_text(row.anchor_low, "anchor")?,
                anchor_high: stored_text(row.anchor_high, "anchor")?,
                target_date: row.target_date,
            },
            status: stored_word(GoalStatus::parse, &row.status, "goal status")?,
            created_at: row.created_at,
        })
    }
}

impl TryFrom<StepRow> for StepRecord {
    type Error = StoreError;
    fn try_from(row: StepRow) -> Result<Self, StoreError> {
        let owner = match (
            row.owner_kind.as_str(),
            row.owner_member_id,
            row.owner_staff_id,
        ) {
            ("young_person", _, _) => StepOwner::YoungPerson,
            ("network", Some(id), _) => StepOwner::Network(stored_id(&id, "step owner")?),
            ("staff", _, Some(id)) => StepOwner::Staff(stored_id(&id, "step owner")?),
            _ => return Err(StoreError::corrupt("step owner")),
        };
        Ok(Self {
            id: stored_id(&row.id, "step id")?,
            goal_id: row
                .goal_id
                .map(|g| stored_id(&g, "step goal"))
                .transpose()?,
            description: row.description,
            owner,
            owner_name: row.owner_name.unwrap_or_default(),
            due_date: row.due_date,
            status: stored_word(StepStatus::parse, &row.status, "step status")?,
            completed_on: row.completed_on,
            meeting_id: row
                .meeting_id
                .map(|m| stored_id(&m, "step meeting"))
                .transpose()?,
            created_at: row.created_at,
        })
    }
}

impl TryFrom<MeetingRow> for MeetingRecord {
    type Error = StoreError;
    fn try_from(row: MeetingRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: stored_id(&row.id, "meeting id")?,
            details: MeetingDetails {
                kind: stored_word(MeetingKind::parse, &row.kind, "meeting kind")?,
                held_on: row.held_on,
                held: row.held,
                young_person_present: row.young_person_present,
                views_own_words: stored_text(row.views_own_words, "views")?,
                chair: row
                    .chaired_by
                    .map(|c| stored_word(Chair::parse, &c, "chair"))
                    .transpose()?,
                private_family_time: row.private_family_time,
                support_person_present: row.support_person_present,
                outcomes: stored_text(row.outcomes, "outcomes")?,
                minutes: stored_text(row.minutes, "minutes")?,
                minutes_shared: row.minutes_shared,
                next_meeting: row.next_meeting,
            },
            young_person_channel: channel(row.young_person_channel)?,
            facilitator_name: row.facilitator_name,
            minutes_approved_at: row.minutes_approved_at,
            minutes_disagreement: stored_text(row.minutes_disagreement, "disagreement")?
                .zip(row.minutes_disagreed_at),
            participants: Vec::new(),
        })
    }
}

const MEETING_COLUMNS: &str = "m.id, m.kind, m.held_on, m.held, u.display_name AS facilitator_name, \
    m.young_person_present, m.young_person_channel, m.views_own_words, m.chaired_by, \
    m.private_family_time, m.support_person_present, m.outcomes, m.minutes, m.minutes_shared, m.minutes_approved_at, \
    m.minutes_disagreement, m.minutes_disagreed_at, m.next_meeting";

impl Store {
    /// The goals of a course, active first, oldest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn goals_of(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
    ) -> Result<Vec<GoalRecord>, StoreError> {
        let rows: Vec<GoalRow> = with_pool!(self, pool => {
            sqlx::query_as(GOALS_OF)
            .bind(course_id.to_string()).bind(organization_id.to_string())
            .fetch_all(pool).await?
        });
        rows.into_iter().map(GoalRecord::try_from).collect()
    }

    /// When young people put one of their goals in new words, per course, oldest first (read
    /// for the probes' course measures only: the course pages show the goals' current words).
    ///
    /// # Errors
    /// A database error.
    pub async fn goal_rewordings(
        &self,
        organization_id: Id<Organization>,
    ) -> Result<std::collections::HashMap<Id<Course>, Vec<OffsetDateTime>>, StoreError> {
        let rows: Vec<(String, OffsetDateTime)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT course_id, reworded_at FROM goal_rewordings \
                 WHERE organization_id = $1 ORDER BY reworded_at",
            )
            .bind(organization_id.to_string())
            .fetch_all(pool).await?
        });
        let mut by_course: std::collections::HashMap<Id<Course>, Vec<OffsetDateTime>> =
            std::collections::HashMap::new();
        for (course, at) in rows {
            by_course
                .entry(stored_id(&course, "course id")?)
                .or_default()
                .push(at);
        }
        Ok(by_course)
    }

    /// The steps of a course with their owners' names, by due date.
    ///
    /// # Errors
    /// A database error.
    pub async fn steps_of(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
    ) -> Result<Vec<StepRecord>, StoreError> {
        let rows: Vec<StepRow> = with_pool!(self, pool => {
            sqlx::query_as(STEPS_OF)
            .bind(course_id.to_string()).bind(organization_id.to_string())
            .fetch_all(pool).await?
        });
        rows.into_iter().map(StepRecord::try_from).collect()
    }

    /// The meetings of a course, newest first, with their participants.
    ///
    /// # Errors
    /// A database error.
    pub async fn meetings_of(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
    ) -> Result<Vec<MeetingRecord>, StoreError> {
        // One statement: each meeting once per participant (or once, without any), in the
        // meetings' order, the participants of a meeting by name.
        let sql = format!(
            "SELECT {MEETING_COLUMNS}, p.member_id, n.name AS member_name, p.attended, p.channel \
             FROM meetings m LEFT JOIN users u ON u.id = m.facilitator_id \
             LEFT JOIN meeting_participants p ON p.meeting_id = m.id AND p.organization_id = m.organization_id \
             LEFT JOIN network_members n ON n.id = p.member_id \
             WHERE m.course_id = $1 AND m.organization_id = $2 \
             ORDER BY m.held_on DESC, m.created_at DESC, m.id, n.name"
        );
        let rows: Vec<MeetingParticipantRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(course_id.to_string()).bind(organization_id.to_string()).fetch_all(pool).await?
        });
        let mut meetings: Vec<MeetingRecord> = Vec::new();
        for row in rows {
            let participant = match (row.member_id, row.member_name, row.attended) {
                (Some(member_id), Some(name), Some(attended)) => Some(Participant {
                    member_id: stored_id(&member_id, "participant")?,
                    name,
                    attended,
                    channel: channel(row.channel)?,
                }),
                _ => None,
            };
            if meetings
                .last()
                .is_none_or(|m| m.id.to_string() != row.meeting.id)
            {
                meetings.push(MeetingRecord::try_from(row.meeting)?);
            }
            if let (Some(meeting), Some(participant)) = (meetings.last_mut(), participant) {
                meeting.participants.push(participant);
            }
        }
        Ok(meetings)
    }
}

impl Tx {
    /// Adds a goal.
    ///
    /// # Errors
    /// A database error.
    pub async fn insert_goal(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        goal: &GoalDetails,
        now: OffsetDateTime,
    ) -> Result<Id<Goal>, StoreError> {
        let id = Id::<Goal>::new();
        let opt = |t: &Option<PlainText>| t.as_ref().map(|t| t.as_str().to_owned());
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO goals (id, course_id, organization_id, own_words, author, restatement, life_area, \
                 anchor_low, anchor_high, target_date, status, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'active', $11)",
            )
            .bind(id.to_string()).bind(course_id.to_string()).bind(organization_id.to_string())
            .bind(goal.own_words.as_str()).bind(goal.author.as_str()).bind(opt(&goal.restatement))
            .bind(goal.life_area.as_str()).bind(opt(&goal.anchor_low)).bind(opt(&goal.anchor_high))
            .bind(goal.target_date).bind(stored(now))
            .execute(conn).await?;
        });
        Ok(id)
    }

    /// Sets a goal's status; returns whether the goal is in the course.
    ///
    /// # Errors
    /// A database error.
    pub async fn set_goal_status(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        id: Id<Goal>,
        status: GoalStatus,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query("UPDATE goals SET status = $1 WHERE id = $2 AND course_id = $3 AND organization_id = $4")
                .bind(status.as_str()).bind(id.to_string()).bind(course_id.to_string())
                .bind(organization_id.to_string()).execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// Adds a step.
    ///
    /// # Errors
    /// A database error (e.g. an owner that is not a member of the course is refused upstream).
    pub async fn insert_step(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        step: &NewStep,
        now: OffsetDateTime,
    ) -> Result<Id<Step>, StoreError> {
        let id = Id::<Step>::new();
        let (member, staff) = match &step.owner {
            StepOwner::YoungPerson => (None, None),
            StepOwner::Network(m) => (Some(m.to_string()), None),
            StepOwner::Staff(s) => (None, Some(s.to_string())),
        };
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO steps (id, course_id, organization_id, goal_id, description, owner_kind, \
                 owner_member_id, owner_staff_id, due_date, status, meeting_id, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'planned', $10, $11)",
            )
            .bind(id.to_string()).bind(course_id.to_string()).bind(organization_id.to_string())
            .bind(step.goal_id.map(|g| g.to_string())).bind(step.description.as_str())
            .bind(step.owner.kind().as_str()).bind(member).bind(staff).bind(step.due_date)
            .bind(step.meeting_id.map(|m| m.to_string())).bind(stored(now))
            .execute(conn).await?;
        });
        Ok(id)
    }

    /// Sets a step's status (and completion date when done); returns whether it is in the course.
    ///
    /// # Errors
    /// A database error.
    pub async fn set_step_status(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        id: Id<Step>,
        status: StepStatus,
        today: Date,
    ) -> Result<bool, StoreError> {
        let completed = (status == StepStatus::Done).then_some(today);
        let done = with_tx!(self, conn => {
            sqlx::query(
                "UPDATE steps SET status = $1, completed_on = $2 WHERE id = $3 AND course_id = $4 AND organization_id = $5",
            )
            .bind(status.as_str()).bind(completed).bind(id.to_string()).bind(course_id.to_string())
            .bind(organization_id.to_string()).execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// Records a meeting.
    ///
    /// # Errors
    /// A database error.
    pub async fn insert_meeting(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        meeting: &MeetingDetails,
        young_person_channel: Option<Channel>,
        facilitator: Id<User>,
        now: OffsetDateTime,
    ) -> Result<Id<Meeting>, StoreError> {
        let id = Id::<Meeting>::new();
        let opt = |t: &Option<PlainText>| t.as_ref().map(|t| t.as_str().to_owned());
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO meetings (id, course_id, organization_id, kind, held_on, held, facilitator_id, \
                 young_person_present, young_person_channel, views_own_words, private_family_time, \
                 support_person_present, outcomes, minutes, minutes_shared, next_meeting, created_at, \
                 chaired_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
            )
            .bind(id.to_string()).bind(course_id.to_string()).bind(organization_id.to_string())
            .bind(meeting.kind.as_str()).bind(meeting.held_on).bind(meeting.held)
            .bind(facilitator.to_string()).bind(meeting.young_person_present)
            .bind(young_person_channel.map(Channel::as_str)).bind(opt(&meeting.views_own_words))
            .bind(meeting.private_family_time).bind(meeting.support_person_present)
            .bind(opt(&meeting.outcomes)).bind(opt(&meeting.minutes)).bind(meeting.minutes_shared)
            .bind(meeting.next_meeting).bind(stored(now)).bind(meeting.chair.map(Chair::as_str))
            .execute(conn).await?;
        });
        Ok(id)
    }

    /// Records a network member's attendance at a meeting.
    ///
    /// # Errors
    /// A database error.
    pub async fn insert_participant(
        &mut self,
        organization_id: Id<Organization>,
        meeting_id: Id<Meeting>,
        member_id: &str,
        attended: bool,
        via: Option<Channel>,
    ) -> Result<(), StoreError> {
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO meeting_participants (meeting_id, member_id, organization_id, attended, channel) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(meeting_id.to_string()).bind(member_id).bind(organization_id.to_string())
            .bind(attended).bind(via.map(Channel::as_str))
            .execute(conn).await?;
        });
        Ok(())
    }

    /// Records the young person's approval of shared minutes; returns whether there were shared,
    /// unapproved minutes on that meeting of the course.
    ///
    /// # Errors
    /// A database error.
    pub async fn approve_minutes(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        meeting_id: Id<Meeting>,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "UPDATE meetings SET minutes_approved_at = $1 WHERE id = $2 AND course_id = $3 AND organization_id = $4 \
                 AND minutes_shared AND minutes_approved_at IS NULL",
            )
            .bind(stored(now)).bind(meeting_id.to_string()).bind(course_id.to_string())
            .bind(organization_id.to_string()).execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// Records the young person's disagreement with shared, unapproved minutes, in their own
    /// words (a second one replaces the first); returns whether there were such minutes on that
    /// meeting of the course.
    ///
    /// # Errors
    /// A database error.
    pub async fn disagree_with_minutes(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        meeting_id: Id<Meeting>,
        words: &PlainText,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "UPDATE meetings SET minutes_disagreement = $1, minutes_disagreed_at = $2 \
                 WHERE id = $3 AND course_id = $4 AND organization_id = $5 \
                 AND minutes_shared AND minutes_approved_at IS NULL",
            )
            .bind(words.as_str()).bind(stored(now)).bind(meeting_id.to_string())
            .bind(course_id.to_string()).bind(organization_id.to_string())
            .execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// Replaces a goal's own words (the young person rewording their goal) and notes when, for
    /// the course measure of goals the young person wrote or revised; returns whether the goal is
    /// in the course.
    ///
    /// # Errors
    /// A database error.
    pub async fn reword_goal(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        id: Id<Goal>,
        (own_words, now): (&PlainText, OffsetDateTime),
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            let before: Option<(String,)> = sqlx::query_as(
                "SELECT own_words FROM goals WHERE id = $1 AND course_id = $2 AND organization_id = $3",
            )
            .bind(id.to_string()).bind(course_id.to_string()).bind(organization_id.to_string())
            .fetch_optional(&mut *conn).await?;
            let done = sqlx::query("UPDATE goals SET own_words = $1 WHERE id = $2 AND course_id = $3 AND organization_id = $4")
                .bind(own_words.as_str()).bind(id.to_string()).bind(course_id.to_string())
                .bind(organization_id.to_string()).execute(&mut *conn).await?.rows_affected();
            // The same words saved again are no revision.
            let changed = before.is_some_and(|(words,)| words != own_words.as_str());
            if done == 1 && changed {
                sqlx::query("INSERT INTO goal_rewordings (goal_id, course_id, organization_id, reworded_at) VALUES ($1, $2, $3, $4)")
                    .bind(id.to_string()).bind(course_id.to_string()).bind(organization_id.to_string())
                    .bind(stored(now)).execute(&mut *conn).await?;
            }
            done
        });
        Ok(done == 1)
    }
}
