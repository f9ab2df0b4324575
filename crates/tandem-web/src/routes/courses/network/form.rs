//! The "add a relation" form: as typed, and parsed into [`MemberDetails`] with a translated
//! error per field (a support person must be at least 15).

use serde::Deserialize;
use tandem_domain::course::kinds::{Direction, NetworkRole, Sector, Strength};
use tandem_domain::course::network::{ConsentScope, MemberDetails};

use crate::forms::{FormErrors, add_problem, optional_date, required_line};

/// The longest name, relation or consent-giver of a network member.
const MAX_LINE_CHARS: usize = 120;
use crate::i18n::Translator;

/// The "add a relation" form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct MemberForm {
    pub(super) name: String,
    pub(super) relation: String,
    pub(super) sector: String,
    pub(super) strength: String,
    pub(super) stressful: Option<String>,
    pub(super) direction: String,
    pub(super) role_safety: Option<String>,
    pub(super) role_support: Option<String>,
    pub(super) role_plan: Option<String>,
    pub(super) birth_date: String,
    pub(super) consent_goals: Option<String>,
    pub(super) consent_steps: Option<String>,
    pub(super) consent_meetings: Option<String>,
    pub(super) consent_given_by: String,
}

impl MemberForm {
    /// An empty form for a new relation, with the most common choices made.
    pub(super) fn new_member() -> Self {
        Self {
            sector: "family".into(),
            strength: "moderate".into(),
            direction: "mutual".into(),
            ..Self::default()
        }
    }

    pub(super) fn parse(
        &self,
        tr: &Translator,
        today: time::Date,
    ) -> Result<MemberDetails, FormErrors> {
        let mut errors = FormErrors::new();
        let name = required_line(
            &mut errors,
            tr,
            ("name", &self.name),
            MAX_LINE_CHARS,
            "network-error-name",
        );
        let relation = required_line(
            &mut errors,
            tr,
            ("relation", &self.relation),
            MAX_LINE_CHARS,
            "network-error-relation",
        );
        let mut choose = |field: &'static str, ok: bool| {
            if !ok {
                errors.add(field, tr.t("course-error-choose"));
            }
        };
        let sector = Sector::parse(&self.sector).ok();
        choose("sector", sector.is_some());
        let strength = Strength::parse(&self.strength).ok();
        choose("strength", strength.is_some());
        let direction = Direction::parse(&self.direction).ok();
        choose("direction", direction.is_some());
        let birth_date = optional_date(tr, &mut errors, "birth_date", &self.birth_date);
        let consent_given_by = if self.consent_given_by.trim().is_empty() {
            None
        } else {
            required_line(
                &mut errors,
                tr,
                ("consent_given_by", &self.consent_given_by),
                MAX_LINE_CHARS,
                "course-error-text",
            )
        };
        let roles = [
            (self.role_safety.is_some(), NetworkRole::SafetyPerson),
            (self.role_support.is_some(), NetworkRole::SupportPerson),
            (self.role_plan.is_some(), NetworkRole::PlanParticipant),
        ]
        .into_iter()
        .filter_map(|(on, role)| on.then_some(role))
        .collect();
        let (Some(name), Some(relation), Some(sector), Some(strength), Some(direction), true) = (
            name,
            relation,
            sector,
            strength,
            direction,
            errors.is_empty(),
        ) else {
            return Err(errors);
        };
        let details = MemberDetails {
            name,
            sector,
            relation,
            strength,
            stressful: self.stressful.is_some(),
            direction,
            roles,
            birth_date,
            consent: ConsentScope {
                goals: self.consent_goals.is_some(),
                steps: self.consent_steps.is_some(),
                meetings: self.consent_meetings.is_some(),
            },
            consent_given_by,
        };
        for problem in details.problems(today) {
            add_problem(tr, &mut errors, problem);
        }
        if errors.is_empty() {
            Ok(details)
        } else {
            Err(errors)
        }
    }
}
