//! Inviting the young person or a network member to take part through their own login: a
//! single-use link (72 hours) shown once to hand over in a meeting, and revoking it.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::courses::CourseRecord;
use tandem_app::invitations::{self, CitizenRole, Issued};

use super::shared::{CourseHeader, load, path_id};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::Form;
use crate::kit::show_minute;
use crate::kit::{qr, see_other};
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "courses/invitation.html")]
struct InvitationPage {
    /// The QR code: path and size in modules.
    qr: Option<(String, usize)>,
    chrome: Chrome,
    header: CourseHeader,
    who: String,
    link: String,
    expires: String,
    invitation_id: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct InviteForm {
    #[serde(default)]
    who: String,
}

impl InviteForm {
    /// Whom the form invites; `None` when it names nobody (only a forged form does that).
    ///
    /// # Errors
    /// 404 for a malformed member id.
    fn role(&self) -> Result<Option<CitizenRole>, AppError> {
        if self.who == "young_person" {
            return Ok(Some(CitizenRole::YoungPerson));
        }
        match self.who.strip_prefix("member:") {
            Some(id) => Ok(Some(CitizenRole::NetworkMember(path_id(id)?))),
            None => Ok(None),
        }
    }
}

impl InvitationPage {
    /// The link to hand over, shown once; the invitee is the network member invited, or else
    /// the course's young person.
    fn new(
        state: &AppState,
        chrome: Chrome,
        header: CourseHeader,
        course: &CourseRecord,
        issued: &Issued,
    ) -> Self {
        let young_person = course.details.young_person_name.as_str();
        let link = state.link(&format!("/invitation/{}", issued.invitation.token));
        Self {
            who: issued
                .member
                .as_ref()
                .map_or(young_person, |m| m.details.name.as_str())
                .to_owned(),
            qr: qr(&link),
            link,
            expires: show_minute(&chrome.tr, issued.expires_at),
            invitation_id: issued.invitation.id.to_string(),
            header,
            chrome,
        }
    }
}

pub(super) async fn invite(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    let (header, course) = load(&state, &ctx, &chrome.tr, "")?;
    let Some(role) = form.role()? else {
        return see_other(&format!("/courses/{}", course.id));
    };
    let actor = ctx.actor(state.now());
    let issued = invitations::issue(state.app(), &actor, ctx.course_ref()?, role).await?;
    let page = InvitationPage::new(&state, chrome, header, &course, &issued);
    render(StatusCode::OK, &page)
}

pub(super) async fn revoke(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((_, invitation_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let course = ctx.course_ref()?;
    let id = path_id(&invitation_id)?;
    invitations::revoke(state.app(), &ctx.actor(state.now()), course, id).await?;
    see_other(&format!("/courses/{}", course.id))
}
