//! "You said, we did": the manager publishes what came of a huddle or a probe back to the
//! audience of a campaign whose stories prompted it; it then shows on that campaign's
//! collection pages (the staff form, the citizens' form, the anonymous link's form).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tandem_domain::Id;
use tandem_domain::practice::{Huddle, MAX_TEXT_CHARS, Probe};
use tandem_store::practices::LinkedStory;
use tandem_store::practices::outcomes::NewOutcome;

use super::PageForms;
use super::huddles::huddle_page;
use super::probes::probe_page;
use crate::audit::Entry;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form};
use crate::page::Chrome;
use crate::state::AppState;

/// The publishing form on a huddle's or a probe's page.
pub(crate) struct OutcomeForm {
    /// The team's campaigns; the campaign of the first linked story comes selected.
    pub(crate) campaigns: Vec<Choice>,
    /// `huddle` or `probe`.
    pub(crate) source_kind: &'static str,
    /// Its id.
    pub(crate) source_id: String,
}

/// The form for `source` (kind, id), keeping what was typed after an error.
pub(super) async fn outcome_form(
    state: &AppState,
    ctx: &RequestContext,
    stories: &[LinkedStory],
    forms: &PageForms,
    source: (&'static str, String),
) -> Result<OutcomeForm, AppError> {
    let staff = ctx.staff()?;
    let team = ctx.team()?;
    let current = match forms.values.get("campaign") {
        Some(chosen) => chosen.clone(),
        None => stories
            .first()
            .map(|s| s.campaign_id.to_string())
            .unwrap_or_default(),
    };
    let campaigns = state
        .store()
        .campaigns(staff.organization_id)
        .await?
        .into_iter()
        .filter(|c| c.team_id == Some(team))
        .map(|c| (c.id.to_string(), c.details.title.as_str().to_owned()));
    Ok(OutcomeForm {
        campaigns: Choice::list(campaigns, &current),
        source_kind: source.0,
        source_id: source.1,
    })
}

/// Where the form was posted from.
enum Source {
    Huddle(Id<Huddle>),
    Probe(Id<Probe>),
}

/// Publishes an outcome and goes back to the huddle or probe it came from.
pub(super) async fn publish_outcome(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let staff = *ctx.staff()?;
    let team = ctx.team()?;
    let mut forms = PageForms::from_pairs(&pairs);
    // The form always names its huddle or probe; a request without one is sent to the board.
    let id = forms.value("source_id");
    let source = match (
        forms.value("source_kind").as_str(),
        Id::parse(&id),
        Id::parse(&id),
    ) {
        ("huddle", Ok(h), _) => Source::Huddle(h),
        ("probe", _, Ok(p)) => Source::Probe(p),
        _ => return Ok(Redirect::to(&format!("/teams/{team}/practices")).into_response()),
    };
    let said = forms.text(&tr, "said", MAX_TEXT_CHARS, false);
    let did = forms.text(&tr, "did", MAX_TEXT_CHARS, false);
    let campaign = Id::parse(&forms.value("campaign")).ok();
    if campaign.is_none() {
        forms.errors.add("campaign", tr.t("outcome-error-campaign"));
    }
    if let (Some(said), Some(did), Some(campaign_id)) = (said, did, campaign) {
        let (huddle_id, probe_id) = match source {
            Source::Huddle(h) => (Some(h), None),
            Source::Probe(p) => (None, Some(p)),
        };
        let mut tx = state.store().begin().await?;
        let published = tx
            .publish_outcome(
                staff.organization_id,
                team,
                &NewOutcome {
                    campaign_id,
                    huddle_id,
                    probe_id,
                    said: &said,
                    did: &did,
                    published_on: state.today(),
                },
                staff.user_id,
                state.now(),
            )
            .await?;
        if let Some(id) = published {
            let back = match source {
                Source::Huddle(h) => format!("/teams/{team}/huddles/{h}?saved=outcome"),
                Source::Probe(p) => format!("/teams/{team}/probes/{p}?saved=outcome"),
            };
            let entry = Entry::allowed(
                "outcome.publish",
                "outcome",
                Some(id.to_string()),
                "you said, we did",
            );
            return super::commit_and_redirect(&state, &ctx, tx, entry, &back).await;
        }
        forms.errors.add("campaign", tr.t("outcome-error-campaign"));
    }
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    match source {
        Source::Huddle(h) => huddle_page(&state, chrome, &ctx, h, forms, status).await,
        Source::Probe(p) => probe_page(&state, chrome, &ctx, p, forms, status).await,
    }
}
