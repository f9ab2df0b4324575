//! Inviting the young person or a network member to take part through their own login: a
//! single-use link (72 hours) shown once to hand over in a meeting, and revoking it.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tandem_store::citizens::{CitizenRole, Invitation};
use tandem_store::network::Member;
use time::Duration;

use super::shared::{Change, CourseHeader, commit_and_redirect, course_event, load, path_id};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::Form;
use crate::kit::qr;
use crate::local_time::show;
use crate::page::{Chrome, render};
use crate::state::AppState;

/// How long an invitation works.
pub const INVITATION_TTL: Duration = Duration::hours(72);

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

pub(super) async fn invite(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let (header, entry) = load(&state, &ctx, &tr, "")?;
    let (org, course) = (entry.organization_id, entry.id);
    let (role, who) = if form.who == "young_person" {
        (
            CitizenRole::YoungPerson,
            entry.details.young_person_name.as_str().to_owned(),
        )
    } else {
        // Only a forged form names nobody: nothing is issued.
        let Some(id) = form.who.strip_prefix("member:") else {
            return Ok(
                axum::response::Redirect::to(&format!("/courses/{}", entry.id)).into_response(),
            );
        };
        let member = path_id::<Member>(id)?;
        let network = state.store().network_of(org, course).await?;
        let found = network
            .iter()
            .find(|m| m.id == member && m.active_to.is_none())
            .ok_or(AppError::NotFound)?;
        (
            CitizenRole::NetworkMember(member),
            found.details.name.as_str().to_owned(),
        )
    };
    let now = state.now();
    let expires_at = now + INVITATION_TTL;
    let mut tx = state.store().begin().await?;
    let issued = tx
        .issue_invitation(org, course, role, ctx.staff()?.user_id, now, expires_at)
        .await?;
    tx.append_audit(course_event(
        &state,
        &ctx,
        "invitation.issue",
        "invitation",
        Some(issued.id.to_string()),
        "invite",
    )?)
    .await?;
    tx.commit().await?;
    let link = state.link(&format!("/invitation/{}", issued.token));
    let page = InvitationPage {
        who,
        qr: qr(&link),
        link,
        expires: show(expires_at),
        invitation_id: issued.id.to_string(),
        header,
        chrome,
    };
    render(StatusCode::OK, &page)
}

pub(super) async fn revoke(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((_, invitation_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let course = ctx.course()?.clone();
    let id = path_id::<Invitation>(&invitation_id)?;
    let mut tx = state.store().begin().await?;
    if !tx
        .revoke_invitation(course.organization_id, course.id, id, state.now())
        .await?
    {
        return Err(AppError::NotFound);
    }
    commit_and_redirect(
        &state,
        &ctx,
        tx,
        Change {
            action: "invitation.revoke",
            kind: "invitation",
            object_id: Some(id.to_string()),
            purpose: "invite",
        },
        &format!("/courses/{}", course.id),
    )
    .await
}
