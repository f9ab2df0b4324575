//! The legal rules Tandem applies, as data: each rule names its law and paragraph, where the
//! law's text can be read, and what Tandem does with it (a deadline, a prompt on the course
//! page, or a limit on who may see or decide what).
//!
//! Why data, not comments: a social worker who knows the law checks Tandem against the law, so
//! every deadline and prompt shows its paragraph, and administrators see the whole list in one
//! place (`/admin/rules`). A rule that changes with a new consolidated act is corrected here
//! once, and the test beside each rule fails until the behaviour follows.
//!
//! The paragraphs refer to barnets lov as consolidated in LBK nr. 282 of 17 March 2025 (the
//! numbering of LOV nr. 721 of 13 June 2023 is unchanged for the rules below), and to
//! forældreansvarsloven and forvaltningsloven for consent.

use time::Date;

use crate::deadlines::{add_months, age_on};

/// A Danish law Tandem cites. Law names are not translated: the English pages cite the Danish
/// name, as Danish authorities do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Law {
    /// Barnets lov (the Act on Children), in force from 1 January 2024.
    BarnetsLov,
    /// Forældreansvarsloven (the Act on Parental Responsibility).
    Foraeldreansvarsloven,
    /// Forvaltningsloven (the Public Administration Act).
    Forvaltningsloven,
}

impl Law {
    /// The law's name as cited.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::BarnetsLov => "barnets lov",
            Self::Foraeldreansvarsloven => "forældreansvarsloven",
            Self::Forvaltningsloven => "forvaltningsloven",
        }
    }
}

/// How Tandem applies a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Applied {
    /// A deadline with a traffic light in the course's deadline table.
    Deadline,
    /// A prompt on the course page at the young person's age.
    Prompt,
    /// Who may see or decide what (the consent page and the access policy).
    Access,
}

impl Applied {
    /// A stable keyword (for translation keys and CSS classes).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Deadline => "deadline",
            Self::Prompt => "prompt",
            Self::Access => "access",
        }
    }
}

/// The rules Tandem applies. The keyword of each is its translation key's suffix
/// (`rule-<keyword>` says what the rule requires, in plain words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleId {
    /// The child assessment is completed within 4 months of the municipality becoming aware.
    Assessment,
    /// A child's plan within 3 months of the decision (mandatory for a placement); before the
    /// decision for a placement without consent.
    ChildPlan,
    /// The first follow-up within 3 months of the intervention starting (or when the assessment
    /// running alongside ends, if earlier); later follow-ups as decided then.
    FollowUp,
    /// At least two supervision visits a year with a conversation with the placed child.
    Supervision,
    /// From 10 the child exercises the rights of a party in the case.
    PartyRights,
    /// At any time, any child may bring a support person, who must be 15 or older.
    SupportPerson,
    /// At 16 the municipality considers a youth plan, in place within 3 months.
    YouthPlan,
    /// For a placed young person, support after 18 is decided at the latest 6 months before the
    /// 18th birthday.
    TransitionToAdulthood,
    /// Youth support for 18–22-year-olds, until the 23rd birthday.
    YouthSupport,
    /// Parental authority lasts until 18 and covers the child's personal matters.
    ParentalAuthority,
    /// Sharing information needs consent, which can be withdrawn at any time.
    Consent,
}

/// One rule with its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegalRule {
    /// Which rule.
    pub id: RuleId,
    /// The law.
    pub law: Law,
    /// The paragraph, as cited ("§ 20, stk. 3").
    pub paragraph: &'static str,
    /// Where the law's text can be read.
    pub source: &'static str,
    /// What Tandem does with it.
    pub applied: Applied,
}

impl LegalRule {
    /// The citation as shown beside the rule: "barnets lov § 20, stk. 3".
    #[must_use]
    pub fn citation(&self) -> String {
        format!("{} {}", self.law.name(), self.paragraph)
    }
}

const BARNETS_LOV: &str = "https://www.retsinformation.dk/eli/lta/2025/282";
const FORAELDREANSVARSLOVEN: &str = "https://www.retsinformation.dk/eli/lta/2020/1768";
const FORVALTNINGSLOVEN: &str = "https://www.retsinformation.dk/eli/lta/2014/433";

/// Every rule, in the order a course meets them.
pub const RULES: &[LegalRule] = &[
    rule(RuleId::Assessment, "§ 20, stk. 3", Applied::Deadline),
    rule(RuleId::ChildPlan, "§ 91, stk. 1 og 2", Applied::Deadline),
    rule(RuleId::FollowUp, "§ 95, stk. 2 og 3", Applied::Deadline),
    rule(RuleId::Supervision, "§ 156, stk. 5", Applied::Deadline),
    rule(RuleId::PartyRights, "§ 3", Applied::Prompt),
    rule(RuleId::SupportPerson, "§ 6, stk. 1 og 4", Applied::Prompt),
    rule(RuleId::YouthPlan, "§ 108, stk. 1 og 3", Applied::Prompt),
    rule(
        RuleId::TransitionToAdulthood,
        "§ 111, stk. 1",
        Applied::Prompt,
    ),
    rule(RuleId::YouthSupport, "§§ 113-116", Applied::Prompt),
    LegalRule {
        id: RuleId::ParentalAuthority,
        law: Law::Foraeldreansvarsloven,
        paragraph: "§ 1 og § 3, stk. 1",
        source: FORAELDREANSVARSLOVEN,
        applied: Applied::Access,
    },
    LegalRule {
        id: RuleId::Consent,
        law: Law::Forvaltningsloven,
        paragraph: "§ 28, stk. 2, nr. 1",
        source: FORVALTNINGSLOVEN,
        applied: Applied::Access,
    },
];

const fn rule(id: RuleId, paragraph: &'static str, applied: Applied) -> LegalRule {
    LegalRule {
        id,
        law: Law::BarnetsLov,
        paragraph,
        source: BARNETS_LOV,
        applied,
    }
}

impl RuleId {
    /// Every rule id (each is in [`RULES`] once: tested).
    pub const ALL: &'static [Self] = &[
        Self::Assessment,
        Self::ChildPlan,
        Self::FollowUp,
        Self::Supervision,
        Self::PartyRights,
        Self::SupportPerson,
        Self::YouthPlan,
        Self::TransitionToAdulthood,
        Self::YouthSupport,
        Self::ParentalAuthority,
        Self::Consent,
    ];

    /// The rule's data.
    #[must_use]
    pub fn rule(self) -> &'static LegalRule {
        RULES
            .iter()
            .find(|r| r.id == self)
            .unwrap_or_else(|| unreachable!("every rule id is in RULES (tested)"))
    }

    /// The citation: "barnets lov § 20, stk. 3".
    #[must_use]
    pub fn citation(self) -> String {
        self.rule().citation()
    }

    /// A stable keyword (translation keys: `rule-<keyword>`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Assessment => "assessment",
            Self::ChildPlan => "child-plan",
            Self::FollowUp => "follow-up",
            Self::Supervision => "supervision",
            Self::PartyRights => "party-rights",
            Self::SupportPerson => "support-person",
            Self::YouthPlan => "youth-plan",
            Self::TransitionToAdulthood => "transition",
            Self::YouthSupport => "youth-support",
            Self::ParentalAuthority => "parental-authority",
            Self::Consent => "consent",
        }
    }
}

/// The age from which a child exercises the rights of a party (barnets lov § 3).
pub const PARTY_AGE: i32 = 10;
/// The age at which the youth plan is considered (barnets lov § 108, stk. 1).
pub const YOUTH_PLAN_AGE: i32 = 16;
/// Months after the 16th birthday within which the youth plan is in place (§ 108, stk. 3).
pub const YOUTH_PLAN_MONTHS: u32 = 3;
/// The age of majority: a placement ends, youth support may follow (§ 111, § 114).
pub const ADULT_AGE: i32 = 18;
/// Months before the 18th birthday by which support after 18 is decided for a placed young
/// person (§ 111, stk. 1: "senest 6 måneder forud for ophør af en anbringelse").
pub const TRANSITION_MONTHS_BEFORE: u32 = 6;
/// Youth support can be given or re-established until this birthday (§§ 113-116).
pub const YOUTH_SUPPORT_ENDS: i32 = 23;

/// The day a person born on `birth` turns `years` (29 February → 28 February).
#[must_use]
pub fn birthday(birth: Date, years: i32) -> Date {
    add_months(birth, u32::try_from(years).unwrap_or(0) * 12)
}

/// A prompt on the course page at the young person's age, with the date it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgePrompt {
    /// From 10 until 18: the child is a party to the case (§ 3).
    PartyRights,
    /// At every age: the child may bring a support person at any time, who must be 15 or older.
    SupportPerson,
    /// From 16 until 18: a youth plan is considered; in place by `due`.
    YouthPlan {
        /// The 16th birthday plus three months.
        due: Date,
    },
    /// From 17 until 18: support after 18 is decided by `decide_by` (for a placed young person
    /// by law; for others it is when to talk about what comes after 18).
    TransitionToAdulthood {
        /// Six months before the 18th birthday.
        decide_by: Date,
        /// The 18th birthday.
        turns_adult: Date,
    },
    /// 18–22: youth support can be given until the 23rd birthday.
    YouthSupport {
        /// The 23rd birthday.
        until: Date,
    },
}

impl AgePrompt {
    /// The rule behind the prompt.
    #[must_use]
    pub fn rule(self) -> RuleId {
        match self {
            Self::PartyRights => RuleId::PartyRights,
            Self::SupportPerson => RuleId::SupportPerson,
            Self::YouthPlan { .. } => RuleId::YouthPlan,
            Self::TransitionToAdulthood { .. } => RuleId::TransitionToAdulthood,
            Self::YouthSupport { .. } => RuleId::YouthSupport,
        }
    }
}

/// The prompts that apply at the young person's age on `today`.
#[must_use]
pub fn age_prompts(birth: Date, today: Date) -> Vec<AgePrompt> {
    let age = age_on(birth, today);
    let mut prompts = Vec::new();
    // From 18 the young person is a party as any adult is, not by § 3.
    if (PARTY_AGE..ADULT_AGE).contains(&age) {
        prompts.push(AgePrompt::PartyRights);
    }
    prompts.push(AgePrompt::SupportPerson);
    if (YOUTH_PLAN_AGE..ADULT_AGE).contains(&age) {
        prompts.push(AgePrompt::YouthPlan {
            due: add_months(birthday(birth, YOUTH_PLAN_AGE), YOUTH_PLAN_MONTHS),
        });
    }
    if age == ADULT_AGE - 1 {
        let turns_adult = birthday(birth, ADULT_AGE);
        prompts.push(AgePrompt::TransitionToAdulthood {
            decide_by: add_months(
                birthday(birth, ADULT_AGE - 1),
                12 - TRANSITION_MONTHS_BEFORE,
            ),
            turns_adult,
        });
    }
    if (ADULT_AGE..YOUTH_SUPPORT_ENDS).contains(&age) {
        prompts.push(AgePrompt::YouthSupport {
            until: birthday(birth, YOUTH_SUPPORT_ENDS),
        });
    }
    prompts
}

#[cfg(test)]
mod tests;
