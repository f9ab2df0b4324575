//! Network members — the relations on the young person's eco-map — and snapshots of the map.

use serde::{Deserialize, Serialize};
use time::Date;

use super::Problem;
use super::kinds::{Direction, NetworkRole, Sector, Strength};
use crate::PlainText;
use crate::deadlines::age_on;

/// Minimum age of a support person.
pub const SUPPORT_PERSON_MIN_AGE: i32 = 15;

/// Marker for a network member's id (`Id<Member>`): a person in the young person's network.
#[derive(Debug)]
pub enum Member {}

/// What a network member may see of the course (their consent scope).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConsentScope {
    /// The goals.
    pub goals: bool,
    /// The steps.
    pub steps: bool,
    /// The meetings and their minutes.
    pub meetings: bool,
}

/// A relation as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberDetails {
    /// A person's or an organization's name.
    pub name: PlainText,
    /// The sector on the eco-map.
    pub sector: Sector,
    /// The relation in free text ("grandmother", "football coach").
    pub relation: PlainText,
    /// How strong the relation is.
    pub strength: Strength,
    /// Whether it is stressful.
    pub stressful: bool,
    /// Which way support flows.
    pub direction: Direction,
    /// Roles in the course.
    pub roles: Vec<NetworkRole>,
    /// Birth date, needed for a support person.
    pub birth_date: Option<Date>,
    /// What they may see.
    pub consent: ConsentScope,
    /// Who gave that consent (usually the young person).
    pub consent_given_by: Option<PlainText>,
}

impl MemberDetails {
    /// The rules the relation breaks on `today`.
    #[must_use]
    pub fn problems(&self, today: Date) -> Vec<Problem> {
        let mut found = Vec::new();
        if self.birth_date.is_some_and(|b| b > today) {
            found.push(Problem::new("birth_date", "birth-future"));
        } else if self.roles.contains(&NetworkRole::SupportPerson) {
            match self.birth_date {
                None => found.push(Problem::new("birth_date", "support-needs-birth")),
                Some(birth) if age_on(birth, today) < SUPPORT_PERSON_MIN_AGE => {
                    found.push(Problem::new("roles", "support-under-15"));
                }
                Some(_) => {}
            }
        }
        let any_consent = self.consent.goals || self.consent.steps || self.consent.meetings;
        if any_consent && self.consent_given_by.is_none() {
            found.push(Problem::new("consent_given_by", "consent-needs-giver"));
        }
        found
    }

    /// Whether the relation supports the young person (for "new supportive relations").
    #[must_use]
    pub fn supportive(&self) -> bool {
        matches!(self.direction, Direction::ToYoungPerson | Direction::Mutual)
    }
}

/// One relation as frozen in an eco-map snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotEntry {
    /// The member's id (stable across snapshots).
    pub member_id: String,
    /// Name.
    pub name: String,
    /// Sector word.
    pub sector: String,
    /// Relation label.
    pub relation: String,
    /// Strength word.
    pub strength: String,
    /// Stressful.
    pub stressful: bool,
    /// Direction word.
    pub direction: String,
}

impl SnapshotEntry {
    fn supportive(&self) -> bool {
        matches!(self.direction.as_str(), "to_young_person" | "mutual")
    }
}

/// What changed between two snapshots.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SnapshotDiff {
    /// Relations that are new.
    pub added: Vec<SnapshotEntry>,
    /// Relations that are gone.
    pub removed: Vec<SnapshotEntry>,
    /// Relations that changed: before and after.
    pub changed: Vec<(SnapshotEntry, SnapshotEntry)>,
    /// New relations that support the young person.
    pub new_supportive: usize,
}

/// Compares an earlier and a later snapshot, relation by relation.
#[must_use]
pub fn diff(before: &[SnapshotEntry], after: &[SnapshotEntry]) -> SnapshotDiff {
    let mut result = SnapshotDiff::default();
    for entry in after {
        match before.iter().find(|b| b.member_id == entry.member_id) {
            None => {
                if entry.supportive() {
                    result.new_supportive += 1;
                }
                result.added.push(entry.clone());
            }
            Some(old) if old != entry => result.changed.push((old.clone(), entry.clone())),
            Some(_) => {}
        }
    }
    result.removed = before
        .iter()
        .filter(|b| !after.iter().any(|a| a.member_id == b.member_id))
        .cloned()
        .collect();
    result
}
