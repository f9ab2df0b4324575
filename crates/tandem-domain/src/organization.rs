//! Organizations: the tenants of a Tandem installation (for example one municipality's social
//! services administration). Every piece of data belongs to exactly one organization, and every
//! query carries the organization predicate.

use thiserror::Error;

use crate::text::{PlainText, TextError};

/// Marker type for [`crate::Id`]s of organizations.
#[derive(Debug)]
pub enum Organization {}

/// The longest organization name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// An organization's display name, e.g. "Aarhus Kommune, Socialforvaltningen".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationName(PlainText);

/// Why an organization name was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("invalid organization name: {0}")]
pub struct InvalidOrganizationName(#[from] pub TextError);

impl OrganizationName {
    /// Parses a one-line name of at most [`MAX_NAME_CHARS`] characters.
    ///
    /// # Errors
    /// [`InvalidOrganizationName`] with the text rule that was broken.
    pub fn parse(input: &str) -> Result<Self, InvalidOrganizationName> {
        Ok(Self(PlainText::parse_single_line(input, MAX_NAME_CHARS)?))
    }

    /// The name as written.
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_municipality_name_is_accepted() {
        let name = OrganizationName::parse("Aarhus Kommune, Socialforvaltningen").expect("valid");
        assert_eq!(name.as_str(), "Aarhus Kommune, Socialforvaltningen");
    }

    #[test]
    fn a_name_over_the_limit_or_on_two_lines_is_refused() {
        assert!(OrganizationName::parse(&"x".repeat(MAX_NAME_CHARS + 1)).is_err());
        assert!(OrganizationName::parse("Aarhus\nKommune").is_err());
    }
}
