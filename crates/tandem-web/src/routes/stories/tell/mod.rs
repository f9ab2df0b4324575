//! Telling a story: the same form for staff (their team's campaigns), young people and network
//! members (campaigns that ask their course, with the reduced framework) and anyone with a
//! campaign's link (no account; consent shown and recorded; nothing identifying stored).
//!
//! Saving runs in two steps when the text holds something that looks like a national ID, a
//! phone number, an e-mail address or a name of the course's people: the form comes back with a
//! redacted version for the teller to confirm or change; nothing is removed unseen.
//!
//! # Layout
//! - this file: the form, its checks, staff and the anonymous link.
//! - [`citizens`]: young people and network members.

mod citizens;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::stories::CampaignRecord;
use tandem_app::stories::telling::{self, TellStory};
use tandem_domain::PlainText;
use tandem_domain::framework::Framework;
use tandem_domain::story::campaign::is_open;
use tandem_domain::story::form::read_answers;
use tandem_domain::story::redaction::{find, redact};
use tandem_domain::story::{MAX_STORY_CHARS, Teller};

use super::form::{QuestionView, add_answer_errors, question_views};
use super::outcomes::{PublishedOutcome, published};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors};
use crate::kit::see_other;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

pub(super) use citizens::{citizen_campaigns, citizen_form, citizen_tell};

/// How many stories one address may send by link per hour.
const LINK_STORIES_PER_HOUR: u32 = 10;

/// Where the form posts to, where "back" leads, where a saved story leads, and who tells.
struct Place {
    action: String,
    back: String,
    done: String,
    teller: Teller,
}

#[derive(Template)]
#[template(path = "stories/tell.html")]
struct TellPage {
    chrome: Chrome,
    title: String,
    prompt: String,
    action: String,
    back: String,
    questions: Vec<QuestionView>,
    body: String,
    errors: FormErrors,
    redacted: Vec<String>,
    consent: Option<String>,
    consent_given: bool,
    told: bool,
    closed: bool,
    /// Young people, networks and link tellers: hints in plain words, talking to the teller.
    plain: bool,
    /// "You said, we did", shown on the form's first view.
    outcomes: Vec<PublishedOutcome>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct Told {
    #[serde(default)]
    told: Option<String>,
}

fn questions(
    campaign: &CampaignRecord,
    framework: &Framework,
) -> Vec<tandem_domain::framework::Question> {
    if campaign.details.audience.reduced_framework() {
        framework.questions_for_young_people()
    } else {
        framework.questions().to_vec()
    }
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// A campaign to tell in, with its framework, as the form shows it.
struct Telling<'a> {
    campaign: &'a CampaignRecord,
    framework: &'a Framework,
    place: &'a Place,
    today: time::Date,
}

impl<'a> Telling<'a> {
    fn new(
        campaign: &'a CampaignRecord,
        framework: &'a Framework,
        place: &'a Place,
        today: time::Date,
    ) -> Self {
        Self {
            campaign,
            framework,
            place,
            today,
        }
    }
}

impl TellPage {
    /// The form for `telling` filled with `fields`, marking the answers `refused`.
    fn new(
        chrome: Chrome,
        telling: &Telling<'_>,
        fields: &[(String, String)],
        refused: &[tandem_domain::story::form::FieldError],
        told: bool,
    ) -> Self {
        let Telling {
            campaign,
            framework,
            place,
            today,
        } = *telling;
        let qs = questions(campaign, framework);
        let views = question_views(&chrome.tr, &qs, fields, refused);
        Self {
            title: campaign.details.title.as_str().to_owned(),
            prompt: campaign.details.prompt.as_str().to_owned(),
            action: place.action.clone(),
            back: place.back.clone(),
            questions: views,
            body: field(fields, "text").unwrap_or_default().to_owned(),
            errors: FormErrors::new(),
            redacted: Vec::new(),
            consent: campaign
                .details
                .consent_text
                .as_ref()
                .map(|c| c.as_str().to_owned()),
            consent_given: field(fields, "consent").is_some(),
            told,
            closed: !is_open(campaign.details.opens_on, campaign.details.closes_on, today),
            plain: campaign.details.audience.reduced_framework(),
            outcomes: Vec::new(),
            chrome,
        }
    }
}

/// The empty form with what has been published back to the campaign's audience.
async fn form_page(
    state: &AppState,
    chrome: Chrome,
    telling: &Telling<'_>,
    told: bool,
) -> Result<Response, AppError> {
    let mut shown = TellPage::new(chrome, telling, &[], &[], told);
    shown.outcomes = published(state, &shown.chrome.tr, telling.campaign).await?;
    render(StatusCode::OK, &shown)
}

/// Reads, checks and — when nothing is refused and nothing needs redacting — saves a story
/// (with its audit event unless told by link), then goes to the place's `done`. Otherwise
/// shows the form again: 422 with the problems, or 200 with the redacted text to confirm.
async fn tell(
    state: &AppState,
    ctx: &RequestContext,
    chrome: Chrome,
    telling: &Telling<'_>,
    fields: &[(String, String)],
    names: &[String],
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let campaign = telling.campaign;
    if !is_open(
        campaign.details.opens_on,
        campaign.details.closes_on,
        telling.today,
    ) {
        let shown = TellPage::new(chrome, telling, fields, &[], false);
        return render(StatusCode::UNPROCESSABLE_ENTITY, &shown);
    }
    let qs = questions(campaign, telling.framework);
    let (answers, refused) = read_answers(&qs, fields);
    let mut errors = FormErrors::new();
    let body = PlainText::parse(field(fields, "text").unwrap_or_default(), MAX_STORY_CHARS);
    if let Err(e) = &body {
        errors.add("text", tr.t(crate::forms::text_error_key(e)));
    }
    let needs_consent = campaign.details.consent_text.is_some();
    if needs_consent && field(fields, "consent").is_none() {
        errors.add("consent", tr.t("story-error-consent"));
    }
    let mut shown = TellPage::new(chrome, telling, fields, &refused, false);
    add_answer_errors(&mut errors, &shown.questions);
    let (Ok(body), true) = (body, errors.is_empty()) else {
        shown.errors = errors;
        return render(StatusCode::UNPROCESSABLE_ENTITY, &shown);
    };
    let confirmed = field(fields, "confirm").is_some();
    let findings = find(body.as_str(), names);
    if !findings.is_empty() && !confirmed {
        shown.body = redact(body.as_str(), &findings, |k| {
            tr.t(&format!("redaction-marker-{}", k.as_str()))
        });
        shown.redacted = findings
            .iter()
            .map(|f| tr.t(&format!("redaction-found-{}", f.kind.as_str())))
            .collect();
        shown.redacted.dedup();
        return render(StatusCode::OK, &shown);
    }
    let story = TellStory {
        teller: telling.place.teller,
        citizen_account: ctx.citizen.as_ref().map(|c| c.account.id),
        body: &body,
        collected_on: telling.today,
        consent_given: !needs_consent || field(fields, "consent").is_some(),
        redacted: confirmed,
        answers: &answers,
    };
    let actor = ctx.actor(state.now());
    telling::tell(state.app(), &actor, campaign, &story).await?;
    see_other(&telling.place.done)
}

fn staff_place(campaign: &CampaignRecord) -> Place {
    Place {
        action: format!("/campaigns/{}/tell", campaign.id),
        back: "/campaigns".to_owned(),
        done: format!("/campaigns/{}/tell?told=1", campaign.id),
        teller: Teller::Staff,
    }
}

/// The form for staff.
pub(super) async fn staff_form(
    Page { state, chrome, ctx }: Page,
    Query(told): Query<Told>,
) -> Result<Response, AppError> {
    let (campaign, framework) = super::route_campaign(&state, &ctx).await?;
    let place = staff_place(&campaign);
    let telling = Telling::new(&campaign, &framework, &place, state.today());
    form_page(&state, chrome, &telling, told.told.is_some()).await
}

/// A story from staff.
pub(super) async fn staff_tell(
    Page { state, chrome, ctx }: Page,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (campaign, framework) = super::route_campaign(&state, &ctx).await?;
    let place = staff_place(&campaign);
    let telling = Telling::new(&campaign, &framework, &place, state.today());
    tell(&state, &ctx, chrome, &telling, &fields, &[]).await
}

fn link_place(token: &str) -> Place {
    Place {
        action: format!("/s/{token}"),
        back: "/".to_owned(),
        done: format!("/s/{token}?told=1"),
        teller: Teller::Anonymous,
    }
}

/// The form behind a campaign's link.
pub(super) async fn link_form(
    State(state): State<AppState>,
    chrome: Chrome,
    Path(token): Path<String>,
    Query(told): Query<Told>,
) -> Result<Response, AppError> {
    let (campaign, framework) = telling::by_link(state.app(), &token).await?;
    let place = link_place(&token);
    let telling = Telling::new(&campaign, &framework, &place, state.today());
    form_page(&state, chrome, &telling, told.told.is_some()).await
}

/// A story by link: rate-limited per address (kept in memory only, never with the story).
pub(super) async fn link_tell(
    Page { state, chrome, ctx }: Page,
    Path(token): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (campaign, framework) = telling::by_link(state.app(), &token).await?;
    if !state.allow_link_story(&ctx.ip, LINK_STORIES_PER_HOUR) {
        return Err(AppError::TooManyRequests);
    }
    let place = link_place(&token);
    let telling = Telling::new(&campaign, &framework, &place, state.today());
    tell(&state, &ctx, chrome, &telling, &fields, &[]).await
}
