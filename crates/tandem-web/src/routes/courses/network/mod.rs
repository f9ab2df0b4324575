//! The network: the eco-map with its equivalent table, adding and ending relations (a support
//! person must be at least 15), and dated snapshots with a readable diff.
//!
//! # Layout
//! - this file: the page and its handlers.
//! - [`form`]: the "add a relation" form and its parsing.
//! - [`rows`]: a relation as a table row, and a snapshot's changes in words.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use tandem_app::courses::CourseRecord;
use tandem_app::network::{self, MemberRecord, Network};
use tandem_domain::course::consent::ParentalAuthority;
use tandem_domain::course::kinds::{Direction, Sector, Strength};
use tandem_domain::course::network::SnapshotEntry;

use super::ecomap::{EcoMap, PAD, SIZE, layout};
use super::shared::{CourseHeader, load, path_id, show_date};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form, FormErrors, keyword_choices};
use crate::i18n::Translator;
use crate::kit::{see_other, word};
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

mod form;
mod rows;

use form::MemberForm;
use rows::{MemberRow, describe, member_row};

struct SnapshotView {
    date: String,
    count: i64,
    changes: Vec<String>,
}

#[derive(Template)]
#[template(path = "courses/network.html")]
struct NetworkPage {
    chrome: Chrome,
    header: CourseHeader,
    map: EcoMap,
    size: f64,
    pad: f64,
    members: Vec<MemberRow>,
    snapshots: Vec<SnapshotView>,
    form: MemberForm,
    errors: FormErrors,
    sectors: Vec<Choice>,
    strengths: Vec<Choice>,
    directions: Vec<Choice>,
    /// Who holds parental authority, in words, and the choices to change it.
    authority: String,
    authorities: Vec<Choice>,
}

/// The snapshots, newest first, each with what changed since the one before.
fn snapshot_views(tr: &Translator, network: &Network) -> Vec<SnapshotView> {
    let mut views = Vec::new();
    let mut previous: &[SnapshotEntry] = &[];
    for snapshot in &network.snapshots {
        views.push(SnapshotView {
            date: show_date(tr, snapshot.taken_on),
            count: i64::try_from(snapshot.entries.len()).unwrap_or(0),
            changes: if previous.is_empty() && views.is_empty() {
                vec![tr.t("snapshot-first")]
            } else {
                describe(tr, previous, &snapshot.entries)
            },
        });
        previous = &snapshot.entries;
    }
    views.reverse();
    views
}

impl NetworkPage {
    fn new(
        chrome: Chrome,
        (header, course): (CourseHeader, &CourseRecord),
        (network, authority): (&Network, ParentalAuthority),
        form: MemberForm,
        errors: FormErrors,
    ) -> Self {
        let tr = &chrome.tr;
        let current: Vec<&MemberRecord> = network
            .members
            .iter()
            .filter(|m| m.active_to.is_none())
            .collect();
        Self {
            map: layout(tr, course.details.young_person_name.as_str(), &current),
            size: SIZE,
            pad: PAD,
            members: network.members.iter().map(|m| member_row(tr, m)).collect(),
            snapshots: snapshot_views(tr, network),
            sectors: keyword_choices(
                tr,
                "kw-sector",
                Sector::ALL.iter().map(|s| s.as_str()),
                &form.sector,
            ),
            strengths: keyword_choices(
                tr,
                "kw-strength",
                Strength::ALL.iter().map(|s| s.as_str()),
                &form.strength,
            ),
            directions: keyword_choices(
                tr,
                "kw-direction",
                Direction::ALL.iter().map(|s| s.as_str()),
                &form.direction,
            ),
            authority: word(tr, "kw-authority", authority.as_str()),
            authorities: keyword_choices(
                tr,
                "kw-authority",
                ParentalAuthority::ALL.iter().map(|a| a.as_str()),
                authority.as_str(),
            ),
            form,
            errors,
            header,
            chrome,
        }
    }
}

/// The network page with `form` as typed (and its errors, if refused).
async fn page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    form: MemberForm,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let (header, course) = load(state, ctx, &chrome.tr, "/network")?;
    let actor = ctx.actor(state.now());
    let network = network::show(state.app(), &actor, ctx.course_ref()?).await?;
    let authority = network::parental_authority(state.app(), ctx.course_ref()?).await?;
    let status = errors.status();
    let page = NetworkPage::new(
        chrome,
        (header, &course),
        (&network, authority),
        form,
        errors,
    );
    render(status, &page)
}

pub(super) async fn show_network(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    let form = MemberForm::new_member();
    page(&state, chrome, &ctx, form, FormErrors::new()).await
}

pub(super) async fn add_member(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<MemberForm>,
) -> Result<Response, AppError> {
    let details = match form.parse(&chrome.tr, state.today()) {
        Ok(details) => details,
        Err(errors) => return page(&state, chrome, &ctx, form, errors).await,
    };
    let course = ctx.course_ref()?;
    network::add(state.app(), &ctx.actor(state.now()), course, &details).await?;
    see_other(&format!("/courses/{}/network#members", course.id))
}

pub(super) async fn end_member(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((_, member_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let course = ctx.course_ref()?;
    let member = path_id(&member_id)?;
    network::end(state.app(), &ctx.actor(state.now()), course, member).await?;
    see_other(&format!("/courses/{}/network#members", course.id))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct AuthorityForm {
    authority: String,
}

/// Records who holds parental authority; a value outside the closed list comes back as the
/// page with the error at the top (422).
pub(super) async fn set_parental_authority(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<AuthorityForm>,
) -> Result<Response, AppError> {
    let course = ctx.course_ref()?;
    let Ok(authority) = ParentalAuthority::parse(&form.authority) else {
        let mut errors = FormErrors::new();
        errors.add("authority", chrome.tr.t("network-authority-error"));
        return page(&state, chrome, &ctx, MemberForm::new_member(), errors).await;
    };
    network::set_parental_authority(state.app(), &ctx.actor(state.now()), course, authority)
        .await?;
    see_other(&format!("/courses/{}/network#parental", course.id))
}

pub(super) async fn take_snapshot(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let course = ctx.course_ref()?;
    network::take_snapshot(state.app(), &ctx.actor(state.now()), course).await?;
    see_other(&format!("/courses/{}/network#snapshots", course.id))
}
