//! Campaigns: one prompt, one framework version, one audience, open between two dates.

use time::Date;

use crate::course::Problem;
use crate::text::PlainText;

/// The longest campaign title.
pub const MAX_TITLE_CHARS: usize = 120;
/// The longest prompt or consent text.
pub const MAX_PROMPT_CHARS: usize = 2000;

keyword_enum! {
    /// Who a campaign asks.
    Audience {
        /// The staff of one team.
        Team = "team",
        /// The young people and networks of chosen courses (with the reduced framework).
        Courses = "courses",
        /// Anyone with the link, without an account.
        Link = "link",
    }
}

impl Audience {
    /// Whether tellers in this audience answer the reduced set of questions.
    #[must_use]
    pub fn reduced_framework(self) -> bool {
        !matches!(self, Self::Team)
    }
}

/// The editable parts of a campaign, as the organizer typed them, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignDetails {
    /// A short name for lists.
    pub title: PlainText,
    /// The question that invites a story.
    pub prompt: PlainText,
    /// Who is asked.
    pub audience: Audience,
    /// What anonymous tellers agree to (required for link campaigns).
    pub consent_text: Option<PlainText>,
    /// First day stories are taken.
    pub opens_on: Date,
    /// Last day stories are taken.
    pub closes_on: Date,
    /// Whether the audience may browse the stories told.
    pub returns_stories: bool,
}

impl CampaignDetails {
    /// The rules broken, each naming its field: the closing date before the opening date, and a
    /// link campaign without consent text.
    #[must_use]
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.closes_on < self.opens_on {
            problems.push(Problem {
                field: "closes_on",
                key: "closes-before-opens",
            });
        }
        if self.audience == Audience::Link && self.consent_text.is_none() {
            problems.push(Problem {
                field: "consent_text",
                key: "consent-required",
            });
        }
        problems
    }

    /// Whether stories are taken on `today`.
    #[must_use]
    pub fn is_open_on(&self, today: Date) -> bool {
        is_open(self.opens_on, self.closes_on, today)
    }
}

/// Whether a campaign open from `opens_on` to `closes_on` (inclusive) takes stories on `today`.
#[must_use]
pub fn is_open(opens_on: Date, closes_on: Date, today: Date) -> bool {
    opens_on <= today && today <= closes_on
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn details(audience: Audience, consent: Option<&str>) -> CampaignDetails {
        CampaignDetails {
            title: PlainText::parse("Pulse", 100).expect("title"),
            prompt: PlainText::parse("What happened?", 100).expect("prompt"),
            audience,
            consent_text: consent.map(|c| PlainText::parse(c, 100).expect("consent")),
            opens_on: date!(2026 - 11 - 01),
            closes_on: date!(2026 - 11 - 30),
            returns_stories: false,
        }
    }

    #[test]
    fn a_campaign_is_open_on_both_end_dates_and_not_outside_them() {
        let d = details(Audience::Team, None);
        assert!(d.is_open_on(date!(2026 - 11 - 01)));
        assert!(d.is_open_on(date!(2026 - 11 - 30)));
        assert!(!d.is_open_on(date!(2026 - 10 - 31)));
        assert!(!d.is_open_on(date!(2026 - 12 - 01)));
    }

    #[test]
    fn a_link_campaign_needs_consent_text_and_dates_in_order() {
        assert!(details(Audience::Team, None).problems().is_empty());
        assert_eq!(
            details(Audience::Link, None).problems(),
            vec![Problem {
                field: "consent_text",
                key: "consent-required"
            }]
        );
        let mut reversed = details(Audience::Link, Some("I agree"));
        reversed.closes_on = date!(2026 - 10 - 01);
        assert_eq!(reversed.problems()[0].field, "closes_on");
        assert!(Audience::Courses.reduced_framework() && !Audience::Team.reduced_framework());
    }
}
