//! Creating and editing courses.

use tandem_domain::Id;
use tandem_domain::course::details::CourseDetails;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Course;
use tandem_domain::staff::{Team, User};
use time::OffsetDateTime;

use crate::error::StoreError;
use crate::time::stored;
use crate::tx::Tx;

/// Binds the details in the column order of [`DETAIL_COLUMNS`] (one list for insert and update,
/// so they cannot drift apart).
macro_rules! bind_details {
    ($query:expr, $d:expr) => {
        $query
            .bind($d.status.as_str())
            .bind($d.young_person_name.as_str())
            .bind($d.birth_date)
            .bind($d.preferred_language.as_str())
            .bind($d.accessibility_needs.as_ref().map(|t| t.as_str()))
            .bind($d.legal_basis.as_str())
            .bind($d.awareness_date)
            .bind($d.assessment_kind.as_str())
            .bind($d.assessment_completed)
            .bind($d.decision_date)
            .bind($d.placement)
            .bind($d.placement_without_consent)
            .bind($d.plan_kind.as_str())
            .bind($d.plan_completed)
            .bind($d.intervention_start)
            .bind(
                $d.follow_up_interval_days
                    .map(|v| i32::try_from(v).unwrap_or(i32::MAX)),
            )
            .bind($d.follow_up_reason.as_ref().map(|t| t.as_str()))
            .bind($d.closure_date)
            .bind($d.closure_reason.map(|r| r.as_str()))
            .bind($d.external_reference.as_ref().map(|t| t.as_str()))
    };
}

impl Tx {
    /// Starts a course in a team with its processor.
    ///
    /// # Errors
    /// A database error.
    pub async fn insert_course(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        processor_id: Id<User>,
        details: &CourseDetails,
        now: OffsetDateTime,
    ) -> Result<Id<Course>, StoreError> {
        let id = Id::<Course>::new();
        let now = stored(now);
        with_tx!(self, conn => {
            bind_details!(sqlx::query(
                "INSERT INTO courses (status, young_person_name, birth_date, preferred_language, \
                 accessibility_needs, legal_basis, awareness_date, assessment_kind, assessment_completed, \
                 decision_date, placement, placement_without_consent, plan_kind, plan_completed, \
                 intervention_start, follow_up_interval_days, follow_up_reason, closure_date, \
                 closure_reason, external_reference, id, organization_id, team_id, processor_id, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
                 $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $25)"), details)
                .bind(id.to_string())
                .bind(organization_id.to_string())
                .bind(team_id.to_string())
                .bind(processor_id.to_string())
                .bind(now)
                .execute(conn)
                .await?;
        });
        Ok(id)
    }

    /// Replaces a course's details; returns whether it existed in the organization.
    ///
    /// # Errors
    /// A database error.
    pub async fn update_course(
        &mut self,
        organization_id: Id<Organization>,
        id: Id<Course>,
        details: &CourseDetails,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            bind_details!(sqlx::query(
                "UPDATE courses SET status = $1, young_person_name = $2, birth_date = $3, \
                 preferred_language = $4, accessibility_needs = $5, legal_basis = $6, awareness_date = $7, \
                 assessment_kind = $8, assessment_completed = $9, decision_date = $10, placement = $11, \
                 placement_without_consent = $12, plan_kind = $13, plan_completed = $14, \
                 intervention_start = $15, follow_up_interval_days = $16, follow_up_reason = $17, \
                 closure_date = $18, closure_reason = $19, external_reference = $20, updated_at = $21 \
                 WHERE id = $22 AND organization_id = $23"), details)
                .bind(stored(now))
                .bind(id.to_string())
                .bind(organization_id.to_string())
                .execute(conn)
                .await?
                .rows_affected()
        });
        Ok(done == 1)
    }

    /// Gives a course to another processor; returns whether it was in the organization.
    ///
    /// # Errors
    /// A database error.
    pub async fn reassign_course(
        &mut self,
        organization_id: Id<Organization>,
        id: Id<Course>,
        processor_id: Id<User>,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query("UPDATE courses SET processor_id = $1, updated_at = $2 WHERE id = $3 AND organization_id = $4")
                .bind(processor_id.to_string()).bind(stored(now)).bind(id.to_string())
                .bind(organization_id.to_string()).execute(&mut *conn).await?;
            // The new processor is no longer also a deputy.
            sqlx::query("DELETE FROM course_deputies WHERE course_id = $1 AND user_id = $2 AND organization_id = $3")
                .bind(id.to_string()).bind(processor_id.to_string()).bind(organization_id.to_string())
                .execute(&mut *conn).await?.rows_affected()
        });
        Ok(done <= 1)
    }

    /// Adds a deputy with the processor's access (once).
    ///
    /// # Errors
    /// A database error.
    pub async fn add_deputy(
        &mut self,
        organization_id: Id<Organization>,
        id: Id<Course>,
        user_id: Id<User>,
    ) -> Result<(), StoreError> {
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO course_deputies (course_id, user_id, organization_id) VALUES ($1, $2, $3) \
                 ON CONFLICT (course_id, user_id) DO NOTHING",
            )
            .bind(id.to_string()).bind(user_id.to_string()).bind(organization_id.to_string())
            .execute(conn).await?;
        });
        Ok(())
    }

    /// Replaces the staff-internal note of a course.
    ///
    /// # Errors
    /// A database error.
    pub async fn set_internal_note(
        &mut self,
        organization_id: Id<Organization>,
        id: Id<Course>,
        note: Option<&str>,
    ) -> Result<(), StoreError> {
        with_tx!(self, conn => {
            sqlx::query("UPDATE courses SET internal_note = $1 WHERE id = $2 AND organization_id = $3")
                .bind(note).bind(id.to_string()).bind(organization_id.to_string())
                .execute(conn).await?;
        });
        Ok(())
    }
}
