//! What the route guard learned about a request, handed to handlers.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use tandem_app::courses::CourseRecord;
use tandem_app::sessions::{CitizenSession, StaffSession as SessionRecord};
use tandem_domain::Id;
use tandem_domain::policy::{CampaignAccess, Course, CourseAccess, Principal, Staff};
use tandem_domain::staff::Team;

use crate::error::AppError;
use crate::state::AppState;

/// The caller: who they are, their session, where they come from, and the CSRF token for forms.
#[derive(Debug, Clone)]
pub struct RequestContext {
    /// Who is calling.
    pub principal: Principal,
    /// Their session, when signed in.
    pub session: Option<SessionRecord>,
    /// The client address (for throttling and the audit trail).
    pub ip: String,
    /// The token forms must send back (R14).
    pub csrf_token: String,
    /// The course the route is about, once the guard has allowed it.
    pub course: Option<CourseAccess>,
    /// That course as the guard read it, for the page (read once per request).
    pub course_record: Option<std::sync::Arc<CourseRecord>>,
    /// The story campaign the route is about, once the guard has allowed it.
    pub campaign: Option<CampaignAccess>,
    /// The team the route is about (the practices), once the guard has allowed it.
    pub team: Option<Id<Team>>,
    /// The signed-in citizen (young person or network member), if it is one.
    pub citizen: Option<CitizenSession>,
}

impl RequestContext {
    /// The caller as `tandem-app` sees them: who, from where, and when (`at`, the request's time).
    #[must_use]
    pub fn actor(&self, at: time::OffsetDateTime) -> tandem_app::Actor {
        tandem_app::Actor::new(
            &self.principal,
            self.citizen.as_ref().map(|c| c.account.id.to_string()),
            Some(self.ip.clone()),
            at,
        )
    }

    /// The signed-in member of staff; guarded routes always have one.
    ///
    /// # Errors
    /// [`AppError::NotFound`] if there is none (a route declared public used it by mistake).
    pub fn staff(&self) -> Result<&Staff, AppError> {
        self.principal.staff().ok_or(AppError::NotFound)
    }

    /// The campaign of a campaign route (the guard has allowed access to it).
    ///
    /// # Errors
    /// [`AppError::NotFound`] on a route that is not about a campaign.
    pub fn campaign(&self) -> Result<&CampaignAccess, AppError> {
        self.campaign.as_ref().ok_or(AppError::NotFound)
    }

    /// The team of a team route (the guard has allowed access to it).
    ///
    /// # Errors
    /// [`AppError::NotFound`] on a route that is not about a team.
    pub fn team(&self) -> Result<Id<Team>, AppError> {
        self.team.ok_or(AppError::NotFound)
    }

    /// The course of a course route (the guard has allowed access to it).
    ///
    /// # Errors
    /// [`AppError::NotFound`] on a route that is not about a course.
    pub fn course(&self) -> Result<&CourseAccess, AppError> {
        self.course.as_ref().ok_or(AppError::NotFound)
    }

    /// The course of a course route, as the guard read it for this request.
    ///
    /// # Errors
    /// [`AppError::NotFound`] on a route that is not about a course.
    pub fn course_record(&self) -> Result<std::sync::Arc<CourseRecord>, AppError> {
        self.course_record.clone().ok_or(AppError::NotFound)
    }

    /// The course of a course route, as `tandem-app`'s actions take it.
    ///
    /// # Errors
    /// [`AppError::NotFound`] on a route that is not about a course.
    pub fn course_ref(&self) -> Result<tandem_app::courses::CourseRef, AppError> {
        Ok(self.course()?.into())
    }

    /// The id of the course of a course route.
    ///
    /// # Errors
    /// [`AppError::NotFound`] on a route that is not about a course.
    pub fn course_id(&self) -> Result<Id<Course>, AppError> {
        Ok(self.course()?.id)
    }

    /// The signed-in citizen of a citizen route.
    ///
    /// # Errors
    /// [`AppError::NotFound`] if there is none.
    pub fn citizen(&self) -> Result<&CitizenSession, AppError> {
        self.citizen.as_ref().ok_or(AppError::NotFound)
    }

    /// The session; guarded routes always have one.
    ///
    /// # Errors
    /// [`AppError::NotFound`] if there is none.
    pub fn session(&self) -> Result<&SessionRecord, AppError> {
        self.session.as_ref().ok_or(AppError::NotFound)
    }
}

impl FromRequestParts<AppState> for RequestContext {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        // Set by the guard on every route of the table; missing means a route outside it.
        parts
            .extensions
            .get::<Self>()
            .cloned()
            .ok_or(AppError::NotFound)
    }
}
