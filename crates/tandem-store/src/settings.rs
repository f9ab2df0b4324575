//! An organization's settings for courses: whether managers read courses, the deadline rule set,
//! the amber threshold, session-feedback thresholds, the list of legal bases and the caseload
//! ranges the three columns read the caseload against.

use tandem_domain::Id;
use tandem_domain::deadlines::RuleSet;
use tandem_domain::indicators::CaseloadThresholds;
use tandem_domain::instrument::AlertRule;
use tandem_domain::organization::Organization;

use crate::error::StoreError;
use crate::pool::Store;
use crate::tx::Tx;

/// The legal bases a new organization offers on the course form, each with its paragraph of
/// barnets lov (§ 32 supportive measures with consent, §§ 46-47 placement, § 114 youth support
/// for 18–22-year-olds); an administrator edits the list on the settings page.
pub const DEFAULT_LEGAL_BASES: &[&str] = &[
    "§ 32 Støtte til barn og familie",
    "§ 46 Anbringelse med samtykke",
    "§ 47 Anbringelse uden samtykke",
    "§ 114 Ungestøtte",
    "Andet",
];

/// The rule sets an organization can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSetChoice {
    /// Barnets Lov (from 2024).
    BarnetsLov,
    /// The old Social Services Act.
    Legacy,
}

impl RuleSetChoice {
    /// Both, in the order forms list them.
    pub const ALL: [Self; 2] = [Self::BarnetsLov, Self::Legacy];

    /// The stored word.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BarnetsLov => "barnets_lov",
            Self::Legacy => "legacy",
        }
    }

    /// Parses the stored word.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// The rules.
    #[must_use]
    pub fn rules(self) -> RuleSet {
        match self {
            Self::BarnetsLov => RuleSet::barnets_lov(),
            Self::Legacy => RuleSet::legacy_social_services_act(),
        }
    }
}

/// An organization's course settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseSettings {
    /// Whether team managers read their team's courses.
    pub managers_read_courses: bool,
    /// Amber from this many days before a deadline.
    pub amber_days: u32,
    /// The deadline rule set.
    pub rules: RuleSetChoice,
    /// The session-feedback alert thresholds.
    pub feedback: AlertRule,
    /// The legal bases a course may have, in order.
    pub legal_bases: Vec<String>,
    /// The caseload ranges.
    pub caseload: CaseloadThresholds,
}

#[derive(sqlx::FromRow)]
struct SettingsRow {
    managers_read_courses: bool,
    amber_days: i32,
    deadline_rules: String,
    feedback_total_below: i32,
    feedback_item_below: i32,
    legal_bases: String,
    caseload_union_low: i32,
    caseload_union_high: i32,
    caseload_intensive_low: i32,
    caseload_intensive_high: i32,
}

impl TryFrom<SettingsRow> for CourseSettings {
    type Error = StoreError;
    fn try_from(row: SettingsRow) -> Result<Self, StoreError> {
        let count = |v: i32| u32::try_from(v).map_err(|_| StoreError::corrupt("caseload"));
        let caseload = CaseloadThresholds {
            union: (
                count(row.caseload_union_low)?,
                count(row.caseload_union_high)?,
            ),
            intensive: (
                count(row.caseload_intensive_low)?,
                count(row.caseload_intensive_high)?,
            ),
        };
        Ok(Self {
            caseload,
            managers_read_courses: row.managers_read_courses,
            amber_days: u32::try_from(row.amber_days)
                .map_err(|_| StoreError::corrupt("amber days"))?,
            rules: RuleSetChoice::parse(&row.deadline_rules)
                .ok_or_else(|| StoreError::corrupt("deadline rules"))?,
            feedback: AlertRule {
                total_below: row.feedback_total_below,
                item_below: row.feedback_item_below,
            },
            legal_bases: row
                .legal_bases
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
        })
    }
}

const SELECT: &str = "SELECT managers_read_courses, amber_days, deadline_rules, feedback_total_below, \
     feedback_item_below, legal_bases, caseload_union_low, caseload_union_high, \
     caseload_intensive_low, caseload_intensive_high FROM organizations WHERE id = $1";

impl Store {
    /// The organization's course settings.
    ///
    /// # Errors
    /// [`StoreError::Corrupt`] when the organization does not exist; a database error.
    pub async fn course_settings(
        &self,
        organization_id: Id<Organization>,
    ) -> Result<CourseSettings, StoreError> {
        let row: Option<SettingsRow> = with_pool!(self, pool => {
            sqlx::query_as(SELECT).bind(organization_id.to_string()).fetch_optional(pool).await?
        });
        row.ok_or_else(|| StoreError::corrupt("organization"))?
            .try_into()
    }
}

impl Tx {
    /// Replaces the organization's course settings.
    ///
    /// # Errors
    /// A database error.
    pub async fn update_course_settings(
        &mut self,
        organization_id: Id<Organization>,
        settings: &CourseSettings,
    ) -> Result<(), StoreError> {
        let amber = i32::try_from(settings.amber_days).unwrap_or(i32::MAX);
        let bases = settings.legal_bases.join("\n");
        let count = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
        with_tx!(self, conn => {
            sqlx::query(
                "UPDATE organizations SET managers_read_courses = $1, amber_days = $2, deadline_rules = $3, \
                 feedback_total_below = $4, feedback_item_below = $5, legal_bases = $6, \
                 caseload_union_low = $8, caseload_union_high = $9, caseload_intensive_low = $10, \
                 caseload_intensive_high = $11 WHERE id = $7",
            )
            .bind(settings.managers_read_courses)
            .bind(amber)
            .bind(settings.rules.as_str())
            .bind(settings.feedback.total_below)
            .bind(settings.feedback.item_below)
            .bind(&bases)
            .bind(organization_id.to_string())
            .bind(count(settings.caseload.union.0))
            .bind(count(settings.caseload.union.1))
            .bind(count(settings.caseload.intensive.0))
            .bind(count(settings.caseload.intensive.1))
            .execute(conn)
            .await?;
        });
        Ok(())
    }
}
