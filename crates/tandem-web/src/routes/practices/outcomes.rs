//! "You said, we did": the manager publishes what came of a huddle or a probe back to the
//! audience of a campaign whose stories prompted it; it then shows on that campaign's
//! collection pages (the staff form, the citizens' form, the anonymous link's form).

use axum::response::Response;
use tandem_app::practices::outcomes::{self, Publish, Source};
use tandem_app::practices::team::{self, LinkedStory};
use tandem_domain::Id;
use tandem_domain::practice::MAX_TEXT_CHARS;
use tandem_domain::practice::measures::Period;

use super::huddles::huddle_page;
use super::probes::probe_page;
use super::{PageForms, team_ref};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form};
use crate::i18n::Translator;
use crate::kit::see_other;
use crate::page::Chrome;
use crate::page::Page;
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
    let current = match forms.values.get("campaign") {
        Some(chosen) => chosen.clone(),
        None => stories
            .first()
            .map(|s| s.campaign_id.to_string())
            .unwrap_or_default(),
    };
    let campaigns = team::campaigns(state.app(), team_ref(ctx)?)
        .await?
        .into_iter()
        .map(|c| (c.id.to_string(), c.details.title.as_str().to_owned()));
    Ok(OutcomeForm {
        campaigns: Choice::list(campaigns, &current),
        source_kind: source.0,
        source_id: source.1,
    })
}

/// The huddle or probe the form names (`None`: a request without one).
fn source(forms: &PageForms) -> Option<Source> {
    let id = forms.value("source_id");
    match forms.value("source_kind").as_str() {
        "huddle" => Id::parse(&id).ok().map(Source::Huddle),
        "probe" => Id::parse(&id).ok().map(Source::Probe),
        _ => None,
    }
}

/// The outcome as typed, or `None` with the field problems recorded in `forms`.
fn parse_outcome(tr: &Translator, forms: &mut PageForms, source: Source) -> Option<Publish> {
    let said = forms.text(tr, "said", MAX_TEXT_CHARS, false);
    let did = forms.text(tr, "did", MAX_TEXT_CHARS, false);
    let campaign = Id::parse(&forms.value("campaign")).ok();
    if campaign.is_none() {
        forms.errors.add("campaign", tr.t("outcome-error-campaign"));
    }
    Some(Publish {
        source,
        campaign: campaign?,
        said: said?,
        did: did?,
    })
}

/// The page the form was on, again with the errors (422).
async fn refused(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    forms: PageForms,
    source: Source,
) -> Result<Response, AppError> {
    match source {
        Source::Huddle(h) => huddle_page(state, chrome, ctx, h, forms).await,
        Source::Probe(p) => probe_page(state, chrome, ctx, (p, Period::Month), forms).await,
    }
}

/// Publishes an outcome and goes back to the huddle or probe it came from.
pub(super) async fn publish_outcome(
    Page { state, chrome, ctx }: Page,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (mut forms, team) = (PageForms::from_pairs(&pairs), team_ref(&ctx)?);
    // The form always names its huddle or probe; a request without one is sent to the board.
    let Some(source) = source(&forms) else {
        return see_other(&format!("/teams/{}/practices", team.id));
    };
    let Some(command) = parse_outcome(&chrome.tr, &mut forms, source) else {
        return refused(&state, chrome, &ctx, forms, source).await;
    };
    let actor = ctx.actor(state.now());
    if outcomes::publish(state.app(), &actor, team, &command)
        .await?
        .is_none()
    {
        forms
            .errors
            .add("campaign", chrome.tr.t("outcome-error-campaign"));
        return refused(&state, chrome, &ctx, forms, source).await;
    }
    see_other(&match source {
        Source::Huddle(h) => format!("/teams/{}/huddles/{h}?saved=outcome", team.id),
        Source::Probe(p) => format!("/teams/{}/probes/{p}?saved=outcome", team.id),
    })
}
