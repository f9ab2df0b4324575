//! Goals, steps and meetings as entered, with their rules.

use time::Date;

use super::Problem;
use super::kinds::{Chair, LifeArea, MeetingKind, OwnerKind};
use super::network::Member;
use crate::staff::User;
use crate::{Id, PlainText};

/// Longest goal text, in characters.
pub const MAX_GOAL_CHARS: usize = 1000;
/// Longest step description.
pub const MAX_STEP_CHARS: usize = 500;
/// Longest free text of a meeting (views, outcomes, minutes).
pub const MAX_MEETING_TEXT_CHARS: usize = 10_000;

/// A goal as entered: the young person's own words are required and never replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalDetails {
    /// The goal verbatim.
    pub own_words: PlainText,
    /// Who said it ("Mia", "Mia and her mother").
    pub author: PlainText,
    /// The professional restatement, beside — never instead of — the own words.
    pub restatement: Option<PlainText>,
    /// Life area.
    pub life_area: LifeArea,
    /// What 0 means, in own words.
    pub anchor_low: Option<PlainText>,
    /// What 10 means, in own words.
    pub anchor_high: Option<PlainText>,
    /// Target date.
    pub target_date: Option<Date>,
}

/// Who owns a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepOwner {
    /// The young person.
    YoungPerson,
    /// A network member.
    Network(Id<Member>),
    /// A member of staff.
    Staff(Id<User>),
}

impl StepOwner {
    /// The kind of owner.
    #[must_use]
    pub fn kind(&self) -> OwnerKind {
        match self {
            Self::YoungPerson => OwnerKind::YoungPerson,
            Self::Network(_) => OwnerKind::Network,
            Self::Staff(_) => OwnerKind::Staff,
        }
    }

    /// Parses a form's owner choice: `young_person`, `network:<id>` or `staff:<id>`.
    ///
    /// # Errors
    /// [`Problem`] on the `owner` field when nothing or something unknown was chosen.
    pub fn parse(choice: &str) -> Result<Self, Problem> {
        let missing = Problem::new("owner", "owner-required");
        match choice.split_once(':') {
            None if choice == "young_person" => Ok(Self::YoungPerson),
            Some(("network", id)) => Id::parse(id).map(Self::Network).map_err(|_| missing),
            Some(("staff", id)) => Id::parse(id).map(Self::Staff).map_err(|_| missing),
            _ => Err(missing),
        }
    }

    /// The form value of this owner.
    #[must_use]
    pub fn choice(&self) -> String {
        match self {
            Self::YoungPerson => "young_person".to_owned(),
            Self::Network(id) => format!("network:{id}"),
            Self::Staff(id) => format!("staff:{id}"),
        }
    }
}

/// A meeting as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingDetails {
    /// Kind.
    pub kind: MeetingKind,
    /// The day it was held (or is planned).
    pub held_on: Date,
    /// Whether it has been held.
    pub held: bool,
    /// Whether the young person took part (in person, online or by statement).
    pub young_person_present: bool,
    /// The young person's views in their own words.
    pub views_own_words: Option<PlainText>,
    /// Who chaired it (`None`: not recorded, as for meetings recorded before it was asked).
    pub chair: Option<Chair>,
    /// Whether the family had private time without professionals.
    pub private_family_time: bool,
    /// Whether the support person was present.
    pub support_person_present: bool,
    /// Outcomes.
    pub outcomes: Option<PlainText>,
    /// Minutes.
    pub minutes: Option<PlainText>,
    /// Whether the minutes are shared with the young person for approval.
    pub minutes_shared: bool,
    /// The next meeting.
    pub next_meeting: Option<Date>,
}

impl MeetingDetails {
    /// The rules the meeting breaks on `today`.
    #[must_use]
    pub fn problems(&self, today: Date, course_start: Date) -> Vec<Problem> {
        let mut found = Vec::new();
        if self.held && self.held_on > today {
            found.push(Problem::new("held_on", "held-in-future"));
        }
        if self.held_on < course_start {
            found.push(Problem::new("held_on", "before-awareness"));
        }
        if self.next_meeting.is_some_and(|next| next < self.held_on) {
            found.push(Problem::new("next_meeting", "next-before-meeting"));
        }
        if self.minutes_shared && self.minutes.is_none() {
            found.push(Problem::new("minutes", "shared-needs-minutes"));
        }
        found
    }
}
