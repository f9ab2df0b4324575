//! Consent to what the network sees: who holds parental authority over the young person (the
//! processor records it), and a network member's consent scope changed after they were added
//! (by the young person from 15, on their own page). The rules are in
//! `tandem_domain::course::consent`.

use tandem_domain::course::consent::ParentalAuthority;
use tandem_domain::course::network::{ConsentScope, Member};
use tandem_domain::organization::Organization;
use tandem_domain::policy::Course;
use tandem_domain::{Id, PlainText};
use time::OffsetDateTime;

use crate::courses::stored_word;
use crate::error::StoreError;
use crate::pool::Store;
use crate::time::stored;
use crate::tx::Tx;

impl Store {
    /// Who holds parental authority over the course's young person (`None`: no such course).
    ///
    /// # Errors
    /// A database error, or a stored word that is not a known one.
    pub async fn parental_authority(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
    ) -> Result<Option<ParentalAuthority>, StoreError> {
        let word: Option<String> = with_pool!(self, pool => {
            sqlx::query_scalar("SELECT parental_authority FROM courses WHERE id = $1 AND organization_id = $2")
                .bind(course_id.to_string()).bind(organization_id.to_string())
                .fetch_optional(pool).await?
        });
        word.map(|w| stored_word(ParentalAuthority::parse, &w, "parental authority"))
            .transpose()
    }
}

impl Tx {
    /// Records who holds parental authority; returns whether the course exists.
    ///
    /// # Errors
    /// A database error.
    pub async fn set_parental_authority(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        authority: ParentalAuthority,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query("UPDATE courses SET parental_authority = $1 WHERE id = $2 AND organization_id = $3")
                .bind(authority.as_str()).bind(course_id.to_string()).bind(organization_id.to_string())
                .execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// Replaces what a current network member may see, and who gave that consent; nothing at
    /// all is a withdrawal (recorded as such). Returns whether the member is current in the
    /// course.
    ///
    /// # Errors
    /// A database error.
    pub async fn set_member_consent(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        member: Id<Member>,
        (scope, given_by): (ConsentScope, &PlainText),
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let any = scope.goals || scope.steps || scope.meetings;
        let done = with_tx!(self, conn => {
            sqlx::query(
                "UPDATE network_members SET consent_goals = $1, consent_steps = $2, consent_meetings = $3, \
                 consent_given_by = $4, consent_given_at = $5, consent_revoked_at = $6 \
                 WHERE id = $7 AND course_id = $8 AND organization_id = $9 AND active_to IS NULL",
            )
            .bind(scope.goals).bind(scope.steps).bind(scope.meetings)
            .bind(given_by.as_str())
            .bind(any.then(|| stored(now)))
            .bind((!any).then(|| stored(now)))
            .bind(member.to_string()).bind(course_id.to_string()).bind(organization_id.to_string())
            .execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }
}
