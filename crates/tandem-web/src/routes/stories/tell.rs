//! Telling a story: the same form for staff (their team's campaigns), young people and network
//! members (campaigns that ask their course, with the reduced framework) and anyone with a
//! campaign's link (no account; consent shown and recorded; nothing identifying stored).
//!
//! Saving runs in two steps when the text holds something that looks like a national ID, a
//! phone number, an e-mail address or a name of the course's people: the form comes back with a
//! redacted version for the teller to confirm or change; nothing is removed unseen.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_domain::framework::Framework;
use tandem_domain::policy::{Action, Decision, Principal, Resource, authorize};
use tandem_domain::story::campaign::is_open;
use tandem_domain::story::form::read_answers;
use tandem_domain::story::redaction::{find, redact};
use tandem_domain::story::{MAX_STORY_CHARS, Teller};
use tandem_domain::{Id, PlainText};
use tandem_store::citizens::CitizenRole;
use tandem_store::stories::campaigns::CampaignRecord;
use tandem_store::stories::write::NewStory;

use super::form::{QuestionView, add_answer_errors, question_views};
use crate::audit::{Entry, event};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors};
use crate::page::{Chrome, render};
use crate::state::AppState;

/// How many stories one address may send by link per hour.
const LINK_STORIES_PER_HOUR: u32 = 10;

/// Where the form posts to, where "back" leads, and who tells.
struct Place {
    action: String,
    back: String,
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
    /// "You said, we did", shown on the form's first view.
    outcomes: Vec<super::outcomes::PublishedOutcome>,
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
        framework.reduced_questions().cloned().collect()
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

#[expect(
    clippy::too_many_arguments,
    reason = "one page shown by three kinds of teller"
)]
fn page(
    chrome: Chrome,
    campaign: &CampaignRecord,
    framework: &Framework,
    place: &Place,
    fields: &[(String, String)],
    errors: FormErrors,
    refused: &[tandem_domain::story::form::FieldError],
    told: bool,
    today: time::Date,
) -> TellPage {
    let qs = questions(campaign, framework);
    let views = question_views(&chrome.tr, &qs, fields, refused);
    TellPage {
        title: campaign.details.title.as_str().to_owned(),
        prompt: campaign.details.prompt.as_str().to_owned(),
        action: place.action.clone(),
        back: place.back.clone(),
        questions: views,
        body: field(fields, "text").unwrap_or_default().to_owned(),
        errors,
        redacted: Vec::new(),
        consent: campaign
            .details
            .consent_text
            .as_ref()
            .map(|c| c.as_str().to_owned()),
        consent_given: field(fields, "consent").is_some(),
        told,
        closed: !is_open(campaign.details.opens_on, campaign.details.closes_on, today),
        outcomes: Vec::new(),
        chrome,
    }
}

/// Reads, checks and — when nothing is refused and nothing needs redacting — saves a story.
/// Returns the page to show again, or `None` when it was saved.
#[expect(
    clippy::too_many_arguments,
    reason = "the shared tail of three handlers"
)]
async fn submit(
    state: &AppState,
    ctx: &RequestContext,
    chrome: Chrome,
    campaign: &CampaignRecord,
    framework: &Framework,
    place: &Place,
    fields: Vec<(String, String)>,
    names: &[String],
) -> Result<Option<Response>, AppError> {
    let tr = chrome.tr.clone();
    let today = state.today();
    if !is_open(campaign.details.opens_on, campaign.details.closes_on, today) {
        let shown = page(
            chrome,
            campaign,
            framework,
            place,
            &fields,
            FormErrors::new(),
            &[],
            false,
            today,
        );
        return render(StatusCode::UNPROCESSABLE_ENTITY, &shown).map(Some);
    }
    let qs = questions(campaign, framework);
    let (answers, refused) = read_answers(&qs, &fields);
    let mut errors = FormErrors::new();
    let body = PlainText::parse(field(&fields, "text").unwrap_or_default(), MAX_STORY_CHARS);
    if let Err(e) = &body {
        errors.add("text", tr.t(crate::forms::text_error_key(e)));
    }
    let needs_consent = campaign.details.consent_text.is_some();
    if needs_consent && field(&fields, "consent").is_none() {
        errors.add("consent", tr.t("story-error-consent"));
    }
    let mut shown = page(
        chrome,
        campaign,
        framework,
        place,
        &fields,
        FormErrors::new(),
        &refused,
        false,
        today,
    );
    add_answer_errors(&mut errors, &shown.questions);
    let (Ok(body), true) = (body, errors.is_empty()) else {
        shown.errors = errors;
        return render(StatusCode::UNPROCESSABLE_ENTITY, &shown).map(Some);
    };
    let confirmed = field(&fields, "confirm").is_some();
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
        return render(StatusCode::OK, &shown).map(Some);
    }
    let staff = ctx.principal.staff().map(|s| s.user_id);
    let citizen = ctx.citizen.as_ref().map(|c| c.account.id);
    let story = NewStory {
        campaign_id: campaign.id,
        framework_id: campaign.framework_id,
        teller: place.teller,
        author_id: staff,
        citizen_account_id: citizen,
        title: None,
        body: body.as_str(),
        collected_on: today,
        consent_given: !needs_consent || field(&fields, "consent").is_some(),
        redacted: confirmed,
        answers: &answers,
        annotations: &[],
    };
    let mut tx = state.store().begin().await?;
    let id = tx
        .insert_story(campaign.organization_id, &story, state.now())
        .await?;
    // An anonymous teller leaves no trace: no audit event (it would hold their address).
    if place.teller != Teller::Anonymous {
        tx.append_audit(event(
            state,
            ctx,
            Entry::allowed("story.create", "story", Some(id.to_string()), "story form"),
        ))
        .await?;
    }
    tx.commit().await?;
    Ok(None)
}

/// The form for staff.
pub(super) async fn staff_form(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Query(told): Query<Told>,
) -> Result<Response, AppError> {
    let (campaign, framework) = super::route_campaign(&state, &ctx).await?;
    let place = staff_place(&campaign);
    let mut shown = page(
        chrome,
        &campaign,
        &framework,
        &place,
        &[],
        FormErrors::new(),
        &[],
        told.told.is_some(),
        state.today(),
    );
    shown.outcomes = super::outcomes::published(
        &state,
        &shown.chrome.tr.clone(),
        campaign.organization_id,
        campaign.id,
    )
    .await?;
    render(StatusCode::OK, &shown)
}

/// A story from staff.
pub(super) async fn staff_tell(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (campaign, framework) = super::route_campaign(&state, &ctx).await?;
    let place = staff_place(&campaign);
    match submit(
        &state,
        &ctx,
        chrome,
        &campaign,
        &framework,
        &place,
        fields,
        &[],
    )
    .await?
    {
        Some(response) => Ok(response),
        None => Ok(Redirect::to(&format!("{}?told=1", place.action)).into_response()),
    }
}

fn staff_place(campaign: &CampaignRecord) -> Place {
    Place {
        action: format!("/campaigns/{}/tell", campaign.id),
        back: "/campaigns".to_owned(),
        teller: Teller::Staff,
    }
}

/// The campaign behind a link token, or 404 (unknown, replaced and malformed links alike).
async fn link_campaign(
    state: &AppState,
    token: &str,
) -> Result<(CampaignRecord, Framework), AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let campaign = state
        .store()
        .campaign_by_link(&tandem_store::tokens::token_hash(token))
        .await?
        .ok_or(AppError::NotFound)?;
    super::with_framework(state, campaign).await
}

fn link_place(token: &str) -> Place {
    Place {
        action: format!("/s/{token}"),
        back: "/".to_owned(),
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
    let (campaign, framework) = link_campaign(&state, &token).await?;
    let mut shown = page(
        chrome,
        &campaign,
        &framework,
        &link_place(&token),
        &[],
        FormErrors::new(),
        &[],
        told.told.is_some(),
        state.today(),
    );
    shown.outcomes = super::outcomes::published(
        &state,
        &shown.chrome.tr.clone(),
        campaign.organization_id,
        campaign.id,
    )
    .await?;
    render(StatusCode::OK, &shown)
}

/// A story by link: rate-limited per address (kept in memory only, never with the story).
pub(super) async fn link_tell(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path(token): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (campaign, framework) = link_campaign(&state, &token).await?;
    if !state.allow_link_story(&ctx.ip, LINK_STORIES_PER_HOUR) {
        return Err(AppError::TooManyRequests);
    }
    let place = link_place(&token);
    match submit(
        &state,
        &ctx,
        chrome,
        &campaign,
        &framework,
        &place,
        fields,
        &[],
    )
    .await?
    {
        Some(response) => Ok(response),
        None => Ok(Redirect::to(&format!("{}?told=1", place.action)).into_response()),
    }
}

struct CampaignLink {
    href: String,
    title: String,
    prompt: String,
}

#[derive(Template)]
#[template(path = "stories/mine.html")]
struct CitizenCampaignsPage {
    chrome: Chrome,
    campaigns: Vec<CampaignLink>,
    told: bool,
}

/// The campaigns that ask the signed-in young person or network member, open today.
pub(super) async fn citizen_campaigns(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Query(told): Query<Told>,
) -> Result<Response, AppError> {
    let course = ctx.course()?;
    let today = state.today();
    let mut campaigns = Vec::new();
    for campaign in state
        .store()
        .campaigns_for_course(course.organization_id, course.id)
        .await?
    {
        let access = state.store().access_of(&campaign).await?;
        if is_open(campaign.details.opens_on, campaign.details.closes_on, today)
            && authorize(
                &ctx.principal,
                Action::TellStory,
                &Resource::Campaign(access),
            ) == Decision::Allow
        {
            campaigns.push(CampaignLink {
                href: format!("/me/stories/{}", campaign.id),
                title: campaign.details.title.as_str().to_owned(),
                prompt: campaign.details.prompt.as_str().to_owned(),
            });
        }
    }
    render(
        StatusCode::OK,
        &CitizenCampaignsPage {
            chrome,
            campaigns,
            told: told.told.is_some(),
        },
    )
}

/// A campaign the citizen may tell in, or 404.
async fn citizen_campaign(
    state: &AppState,
    ctx: &RequestContext,
    campaign_id: &str,
) -> Result<(CampaignRecord, Framework, Vec<String>, Teller), AppError> {
    let course = ctx.course()?;
    let id = Id::parse(campaign_id).map_err(|_| AppError::NotFound)?;
    let campaign = state
        .store()
        .campaign(course.organization_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let access = state.store().access_of(&campaign).await?;
    if authorize(
        &ctx.principal,
        Action::TellStory,
        &Resource::Campaign(access),
    ) != Decision::Allow
    {
        return Err(AppError::NotFound);
    }
    // The names of the course's people, to look for in the text before saving.
    let mut names: Vec<String> = state
        .store()
        .network_of(course.organization_id, course.id)
        .await?
        .into_iter()
        .map(|m| m.details.name.as_str().to_owned())
        .collect();
    if let Some(entry) = state
        .store()
        .course(course.organization_id, course.id)
        .await?
    {
        names.push(entry.course.details.young_person_name.as_str().to_owned());
    }
    let teller = match (
        &ctx.principal,
        ctx.citizen.as_ref().map(|c| &c.account.role),
    ) {
        (Principal::YoungPerson { .. }, _) | (_, Some(CitizenRole::YoungPerson)) => {
            Teller::YoungPerson
        }
        _ => Teller::NetworkMember,
    };
    let (campaign, framework) = super::with_framework(state, campaign).await?;
    Ok((campaign, framework, names, teller))
}

/// The form for a young person or network member.
pub(super) async fn citizen_form(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path(campaign_id): Path<String>,
) -> Result<Response, AppError> {
    let (campaign, framework, _, teller) = citizen_campaign(&state, &ctx, &campaign_id).await?;
    let place = Place {
        action: format!("/me/stories/{}", campaign.id),
        back: "/me/stories".to_owned(),
        teller,
    };
    let mut shown = page(
        chrome,
        &campaign,
        &framework,
        &place,
        &[],
        FormErrors::new(),
        &[],
        false,
        state.today(),
    );
    shown.outcomes = super::outcomes::published(
        &state,
        &shown.chrome.tr.clone(),
        campaign.organization_id,
        campaign.id,
    )
    .await?;
    render(StatusCode::OK, &shown)
}

/// A story from a young person or network member.
pub(super) async fn citizen_tell(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path(campaign_id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (campaign, framework, names, teller) = citizen_campaign(&state, &ctx, &campaign_id).await?;
    let place = Place {
        action: format!("/me/stories/{}", campaign.id),
        back: "/me/stories".to_owned(),
        teller,
    };
    match submit(
        &state, &ctx, chrome, &campaign, &framework, &place, fields, &names,
    )
    .await?
    {
        Some(response) => Ok(response),
        None => Ok(Redirect::to("/me/stories?told=1").into_response()),
    }
}
