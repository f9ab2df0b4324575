//! Staff: the people of an organization who sign in with e-mail and password, and their teams.

use std::fmt;

use thiserror::Error;

use crate::text::{PlainText, TextError};

/// Marker type for [`crate::Id`]s of staff users.
#[derive(Debug)]
pub enum User {}

/// Marker type for [`crate::Id`]s of teams.
#[derive(Debug)]
pub enum Team {}

/// What a member of staff does in Tandem; decides what the policy allows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StaffRole {
    /// Runs the installation for the organization; sees no course content by default.
    Administrator,
    /// Leads several teams; sees aggregated views only.
    HeadOfDepartment,
    /// Leads one team's change.
    TeamManager,
    /// A social worker who facilitates courses ("processor").
    Processor,
}

/// A role name that is not one of Tandem's roles.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown role")]
pub struct UnknownRole;

impl StaffRole {
    /// Every role, in the order forms list them.
    pub const ALL: [Self; 4] = [
        Self::Processor,
        Self::TeamManager,
        Self::HeadOfDepartment,
        Self::Administrator,
    ];

    /// The stored and command-line name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Administrator => "administrator",
            Self::HeadOfDepartment => "head_of_department",
            Self::TeamManager => "team_manager",
            Self::Processor => "processor",
        }
    }

    /// Parses a stored or command-line name.
    ///
    /// # Errors
    /// [`UnknownRole`] for anything else.
    pub fn parse(name: &str) -> Result<Self, UnknownRole> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == name)
            .ok_or(UnknownRole)
    }

    /// Whether the role belongs to exactly one team (managers and processors do).
    #[must_use]
    pub fn needs_team(self) -> bool {
        matches!(self, Self::TeamManager | Self::Processor)
    }
}

impl fmt::Display for StaffRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An e-mail address used to sign in: trimmed and lower-cased, so one person has one account
/// however they type it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

/// Why an e-mail address was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InvalidEmail {
    /// Nothing was given.
    #[error("the e-mail address is empty")]
    Empty,
    /// Longer than the 254 characters an address can have.
    #[error("the e-mail address is too long")]
    TooLong,
    /// Not of the form `name@domain.tld`.
    #[error("this does not look like an e-mail address")]
    Malformed,
}

impl EmailAddress {
    /// Parses an address. Deliberately simple: one `@`, something before it, a dot in the
    /// domain, no spaces or control characters. Whether it receives mail is not ours to check.
    ///
    /// # Errors
    /// [`InvalidEmail`] naming the problem.
    pub fn parse(input: &str) -> Result<Self, InvalidEmail> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(InvalidEmail::Empty);
        }
        if trimmed.chars().count() > 254 {
            return Err(InvalidEmail::TooLong);
        }
        let lower = trimmed.to_lowercase();
        let Some((local, domain)) = lower.split_once('@') else {
            return Err(InvalidEmail::Malformed);
        };
        let valid = !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !lower
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | ','));
        if !valid {
            return Err(InvalidEmail::Malformed);
        }
        Ok(Self(lower))
    }

    /// The normalized address.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The longest display name or team name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// A person's name as shown to colleagues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(PlainText);

impl DisplayName {
    /// Parses a one-line name.
    ///
    /// # Errors
    /// The [`TextError`] that was broken.
    pub fn parse(input: &str) -> Result<Self, TextError> {
        PlainText::parse_single_line(input, MAX_NAME_CHARS).map(Self)
    }

    /// The name as written.
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// A team's name, e.g. "Ungeteam Nord".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamName(PlainText);

impl TeamName {
    /// Parses a one-line name.
    ///
    /// # Errors
    /// The [`TextError`] that was broken.
    pub fn parse(input: &str) -> Result<Self, TextError> {
        PlainText::parse_single_line(input, MAX_NAME_CHARS).map(Self)
    }

    /// The name as written.
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// Why an account was locked or unlocked — required, so the audit trail explains every change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason(PlainText);

impl Reason {
    /// The longest reason accepted.
    pub const MAX_CHARS: usize = 500;

    /// Parses a reason (may span lines).
    ///
    /// # Errors
    /// The [`TextError`] that was broken.
    pub fn parse(input: &str) -> Result<Self, TextError> {
        PlainText::parse(input, Self::MAX_CHARS).map(Self)
    }

    /// The reason as written.
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in StaffRole::ALL {
            assert_eq!(StaffRole::parse(role.as_str()), Ok(role));
        }
        assert_eq!(StaffRole::parse("superuser"), Err(UnknownRole));
    }

    #[test]
    fn email_addresses_are_normalized() {
        let email = EmailAddress::parse("  Mette.Hansen@Aarhus.DK ").expect("valid");
        assert_eq!(email.as_str(), "mette.hansen@aarhus.dk");
    }

    #[test]
    fn malformed_email_addresses_are_refused() {
        for bad in [
            "",
            "mette",
            "mette@",
            "@aarhus.dk",
            "mette@aarhus",
            "a b@c.dk",
            "a@b@c.dk",
            "<x>@y.dk",
            "a@.dk",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            EmailAddress::parse(&format!("{}@x.dk", "a".repeat(260))),
            Err(InvalidEmail::TooLong)
        );
    }
}
