//! Who decides what the young person's network may see of the course (issue 20): the rules by
//! age and parental authority, each with its source.
//!
//! - Everyone under 18 is under parental authority, and its holder decides the child's personal
//!   matters (forældreansvarsloven § 1 and § 2, stk. 1). With joint authority, significant
//!   decisions need both parents to agree (§ 3, stk. 1).
//! - Sharing information about a person with others needs their consent: voluntary, specific
//!   and informed, and it can be withdrawn at any time (forvaltningsloven § 28, stk. 2, nr. 1,
//!   stk. 3 and stk. 4; databeskyttelsesforordningen art. 7, stk. 3).
//! - A young person of 15 or more is normally able to give that consent about themselves
//!   (Datatilsynet's practice), so from 15 the young person decides who in their network sees
//!   what — and changes it themselves on their own page.
//! - Under 15 the holder of parental authority gives consent; the young person is still heard
//!   (barnets lov § 5), and their page shows who decides and how to ask for a change.
//! - From 18 the young person decides alone: parental authority has ended.

use time::Date;

use crate::deadlines::age_on;

/// The age from which a young person consents to sharing information about themselves.
pub const CONSENT_AGE: i32 = 15;

/// The age of majority: parental authority ends (forældreansvarsloven § 1).
pub const MAJORITY: i32 = crate::law::ADULT_AGE;

keyword_enum! {
    /// Who holds parental authority over a young person under 18, as the processor recorded it.
    ParentalAuthority {
        /// Both parents, jointly (forældreansvarsloven § 3: significant decisions need both).
        Joint = "joint",
        /// One parent alone.
        Sole = "sole",
        /// Someone else: foster parents or a guardian, after a decision by Familieretshuset.
        Other = "other",
        /// Not recorded yet.
        Unknown = "unknown",
    }
}

/// Who decides what the network may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentDecider {
    /// The young person: 18 or more (alone), or 15 to 17 (their own consent).
    YoungPerson {
        /// Whether they are of age (no parental authority any more).
        of_age: bool,
    },
    /// The holder of parental authority (the young person is under 15).
    ParentalAuthority(ParentalAuthority),
}

impl ConsentDecider {
    /// Who decides for a young person born on `birth` on `today`.
    #[must_use]
    pub fn on(birth: Date, today: Date, authority: ParentalAuthority) -> Self {
        let age = age_on(birth, today);
        if age >= CONSENT_AGE {
            Self::YoungPerson {
                of_age: age >= MAJORITY,
            }
        } else {
            Self::ParentalAuthority(authority)
        }
    }

    /// Whether the young person changes their network's consent themselves.
    #[must_use]
    pub fn young_person_decides(self) -> bool {
        matches!(self, Self::YoungPerson { .. })
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    const TODAY: Date = date!(2026 - 12 - 06);

    #[test]
    fn from_fifteen_the_young_person_decides_and_under_fifteen_parental_authority_does() {
        let joint = ParentalAuthority::Joint;
        assert_eq!(
            ConsentDecider::on(date!(2011 - 12 - 06), TODAY, joint),
            ConsentDecider::YoungPerson { of_age: false },
            "15 today"
        );
        assert_eq!(
            ConsentDecider::on(date!(2011 - 12 - 07), TODAY, joint),
            ConsentDecider::ParentalAuthority(joint),
            "15 tomorrow"
        );
        assert_eq!(
            ConsentDecider::on(date!(2008 - 12 - 06), TODAY, ParentalAuthority::Unknown),
            ConsentDecider::YoungPerson { of_age: true },
            "18 today: of age"
        );
        assert!(!ConsentDecider::on(date!(2014 - 1 - 1), TODAY, joint).young_person_decides());
        assert_eq!(
            ParentalAuthority::parse("sole").ok(),
            Some(ParentalAuthority::Sole)
        );
    }
}
