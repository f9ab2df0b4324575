//! Ids taken from the request path.

use tandem_domain::Id;

use crate::error::AppError;

/// Parses an id from the path; anything malformed is the same 404 as an unknown id.
///
/// # Errors
/// [`AppError::NotFound`].
pub fn path_id<T>(text: &str) -> Result<Id<T>, AppError> {
    Id::parse(text).map_err(|_| AppError::NotFound)
}
