//! Campaigns: the list (what the caller may tell in, browse or run), a new campaign, a
//! campaign's page and its anonymous link (shown once, as text and QR code; a new one replaces
//! it).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tandem_domain::policy::{Action, Decision, Resource, authorize};
use tandem_domain::staff::StaffRole;
use tandem_domain::story::campaign::{
    Audience, CampaignDetails, MAX_PROMPT_CHARS, MAX_TITLE_CHARS, is_open,
};
use tandem_store::courses::WorkScope;
use tandem_store::stories::campaigns::{CampaignRecord, NewCampaign};

use crate::audit::{Entry, event};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{
    Choice, Form, FormErrors, add_problem, keyword_choices, required_date, text_input,
};
use crate::i18n::Translator;
use crate::kit::qr;
use crate::kit::{path_id, show_date};
use crate::page::{Chrome, render};
use crate::state::AppState;

/// A count as shown to managers: groups under five are not shown (R22).
pub(crate) fn shown_count(tr: &Translator, n: i64) -> String {
    let k = tandem_analytics::suppression::MinGroupSize::default();
    if n > 0 && !k.allows(u64::try_from(n).unwrap_or(0)) {
        tr.t("count-suppressed")
    } else {
        n.to_string()
    }
}

struct CampaignRow {
    id: String,
    title: String,
    audience: String,
    dates: String,
    open: bool,
    stories: String,
    tell: bool,
    browse: bool,
    manage: bool,
}

#[derive(Template)]
#[template(path = "stories/campaigns.html")]
struct CampaignsPage {
    chrome: Chrome,
    campaigns: Vec<CampaignRow>,
    may_create: bool,
}

/// The campaigns the caller may tell in, browse or run.
pub(crate) async fn list_campaigns(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let staff = *ctx.staff()?;
    let tr = chrome.tr.clone();
    let today = state.today();
    let mut rows = Vec::new();
    for campaign in state.store().campaigns(staff.organization_id).await? {
        let resource = Resource::Campaign(state.store().access_of(&campaign).await?);
        let may = |action| authorize(&ctx.principal, action, &resource) == Decision::Allow;
        let (tell, browse, manage) = (
            may(Action::TellStory),
            may(Action::BrowseStories),
            may(Action::ManageCampaigns),
        );
        if !(tell || browse || manage) {
            continue;
        }
        let d = &campaign.details;
        rows.push(CampaignRow {
            id: campaign.id.to_string(),
            title: d.title.as_str().to_owned(),
            audience: tr.t(&format!("audience-{}", d.audience.as_str())),
            dates: format!(
                "{} – {}",
                show_date(&tr, d.opens_on),
                show_date(&tr, d.closes_on)
            ),
            open: is_open(d.opens_on, d.closes_on, today),
            stories: shown_count(&tr, campaign.stories.unwrap_or_default()),
            tell: tell && is_open(d.opens_on, d.closes_on, today),
            browse,
            manage,
        });
    }
    let may_create = authorize(
        &ctx.principal,
        Action::ManageCampaigns,
        &Resource::Organization(staff.organization_id),
    ) == Decision::Allow;
    render(
        StatusCode::OK,
        &CampaignsPage {
            chrome,
            campaigns: rows,
            may_create,
        },
    )
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct CampaignForm {
    title: String,
    prompt: String,
    framework: String,
    audience: String,
    team: String,
    courses: String,
    consent_text: String,
    opens_on: String,
    closes_on: String,
    returns_stories: Option<String>,
}

#[derive(Template)]
#[template(path = "stories/campaign_new.html")]
struct NewCampaignPage {
    chrome: Chrome,
    form: CampaignForm,
    errors: FormErrors,
    frameworks: Vec<Choice>,
    audiences: Vec<Choice>,
    teams: Vec<Choice>,
    courses: Vec<(String, String, bool)>,
    prompts: Vec<String>,
}

async fn new_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    form: CampaignForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let staff = *ctx.staff()?;
    let org = staff.organization_id;
    state
        .store()
        .ensure_default_framework(org, state.now())
        .await?;
    let tr = chrome.tr.clone();
    let da = tr.language().code() == "da";
    let frameworks = state.store().frameworks(org).await?;
    let prompts = frameworks
        .first()
        .map(|f| {
            f.framework
                .prompts()
                .iter()
                .map(|p| if da { p.da.clone() } else { p.en.clone() })
                .collect()
        })
        .unwrap_or_default();
    let framework_choices = Choice::list(
        frameworks.iter().filter(|f| !f.archived).map(|f| {
            let name = f.framework.name();
            (
                f.id.to_string(),
                format!(
                    "{} (v{})",
                    if da { &name.da } else { &name.en },
                    f.framework.version()
                ),
            )
        }),
        &form.framework,
    );
    let teams = state
        .store()
        .teams_of(org)
        .await?
        .into_iter()
        .filter(|t| {
            t.deactivated_at.is_none()
                && (staff.role != StaffRole::TeamManager || staff.team_id == Some(t.id))
        })
        .map(|t| (t.id.to_string(), t.name.as_str().to_owned()));
    let team_choices = Choice::list(teams, &form.team);
    let courses = match staff.team_id {
        Some(team) if staff.role == StaffRole::TeamManager => state
            .store()
            .worklist(org, WorkScope::Team(team))
            .await?
            .into_iter()
            .map(|e| {
                let id = e.course.id.to_string();
                let checked = form.courses.split(',').any(|c| c == id);
                (
                    id,
                    e.course.details.young_person_name.as_str().to_owned(),
                    checked,
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    let page = NewCampaignPage {
        audiences: keyword_choices(
            &tr,
            "audience",
            Audience::ALL.iter().map(|a| a.as_str()),
            &form.audience,
        ),
        frameworks: framework_choices,
        teams: team_choices,
        courses,
        prompts,
        form,
        errors,
        chrome,
    };
    render(status, &page)
}

/// The form for a new campaign.
pub(crate) async fn new_campaign_form(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let today = state.today();
    let form = CampaignForm {
        opens_on: today.to_string(),
        closes_on: (today + time::Duration::days(28)).to_string(),
        ..CampaignForm::default()
    };
    new_page(
        &state,
        chrome,
        &ctx,
        form,
        FormErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// Creates a campaign; a link campaign's page then shows its link once.
pub(crate) async fn create_campaign(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let staff = *ctx.staff()?;
    let org = staff.organization_id;
    let tr = chrome.tr.clone();
    // Course checkboxes repeat one name; everything else is single.
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let course_ids: Vec<String> = pairs
        .iter()
        .filter(|(n, _)| n == "courses")
        .map(|(_, v)| v.clone())
        .collect();
    let form = CampaignForm {
        title: get("title"),
        prompt: get("prompt"),
        framework: get("framework"),
        audience: get("audience"),
        team: get("team"),
        courses: course_ids.join(","),
        consent_text: get("consent_text"),
        opens_on: get("opens_on"),
        closes_on: get("closes_on"),
        returns_stories: pairs
            .iter()
            .any(|(n, _)| n == "returns_stories")
            .then(|| "on".to_owned()),
    };
    let mut errors = FormErrors::new();
    let title = text_input(
        &tr,
        &mut errors,
        "title",
        &form.title,
        MAX_TITLE_CHARS,
        true,
    );
    let prompt = text_input(
        &tr,
        &mut errors,
        "prompt",
        &form.prompt,
        MAX_PROMPT_CHARS,
        false,
    );
    let audience = Audience::parse(&form.audience)
        .map_err(|_| errors.add("audience", tr.t("campaign-error-audience")))
        .ok();
    let consent_text = if form.consent_text.trim().is_empty() {
        None
    } else {
        text_input(
            &tr,
            &mut errors,
            "consent_text",
            &form.consent_text,
            MAX_PROMPT_CHARS,
            false,
        )
    };
    let opens_on = required_date(&tr, &mut errors, "opens_on", &form.opens_on);
    let closes_on = required_date(&tr, &mut errors, "closes_on", &form.closes_on);
    let framework = match path_id(&form.framework) {
        Ok(id) => state
            .store()
            .framework(org, id)
            .await?
            .filter(|f| !f.archived),
        Err(_) => None,
    };
    if framework.is_none() {
        errors.add("framework", tr.t("campaign-error-framework"));
    }
    // A team manager's campaigns belong to their own team; others choose one (or none for a
    // department-wide link campaign).
    let team_id = if staff.role == StaffRole::TeamManager {
        staff.team_id
    } else {
        path_id(&form.team).ok()
    };
    if audience == Some(Audience::Team) && team_id.is_none() {
        errors.add("team", tr.t("campaign-error-team"));
    }
    let mut courses = Vec::new();
    if audience == Some(Audience::Courses) {
        let allowed = match staff.team_id {
            Some(team) => state.store().worklist(org, WorkScope::Team(team)).await?,
            None => Vec::new(),
        };
        for id in &course_ids {
            if let Some(entry) = allowed.iter().find(|e| e.course.id.to_string() == *id) {
                courses.push(entry.course.id);
            }
        }
        if courses.is_empty() {
            errors.add("courses", tr.t("campaign-error-courses"));
        }
    }
    let (
        Some(title),
        Some(prompt),
        Some(audience),
        Some(opens_on),
        Some(closes_on),
        Some(framework),
    ) = (title, prompt, audience, opens_on, closes_on, framework)
    else {
        return new_page(
            &state,
            chrome,
            &ctx,
            form,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let details = CampaignDetails {
        title,
        prompt,
        audience,
        consent_text,
        opens_on,
        closes_on,
        returns_stories: form.returns_stories.is_some(),
    };
    for problem in details.problems() {
        add_problem(&tr, &mut errors, problem);
    }
    if !errors.is_empty() {
        return new_page(
            &state,
            chrome,
            &ctx,
            form,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let link = if audience == Audience::Link {
        Some(tandem_store::tokens::new_token().map_err(|_| AppError::Randomness)?)
    } else {
        None
    };
    let mut tx = state.store().begin().await?;
    let id = tx
        .insert_campaign(
            org,
            &NewCampaign {
                details: &details,
                framework_id: framework.id,
                team_id,
                link_token_hash: link.as_ref().map(|(_, hash)| hash.clone()),
                course_ids: &courses,
                created_by: staff.user_id,
            },
            state.now(),
        )
        .await?;
    tx.append_audit(event(
        &state,
        &ctx,
        Entry::allowed(
            "campaign.create",
            "campaign",
            Some(id.to_string()),
            "new campaign",
        ),
    ))
    .await?;
    tx.commit().await?;
    let campaign = state
        .store()
        .campaign(org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    campaign_page(
        &state,
        chrome,
        &ctx,
        &campaign,
        link.map(|(token, _)| token),
    )
    .await
}

#[derive(Template)]
#[template(path = "stories/campaign.html")]
struct CampaignPage {
    chrome: Chrome,
    id: String,
    title: String,
    prompt: String,
    audience: String,
    dates: String,
    stories: String,
    is_link: bool,
    link: Option<String>,
    qr: Option<(String, usize)>,
    browse: bool,
    outcomes: Vec<super::outcomes::PublishedOutcome>,
}

async fn campaign_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    campaign: &CampaignRecord,
    token: Option<String>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let d = &campaign.details;
    let link = token.map(|t| state.link(&format!("/s/{t}")));
    let resource = Resource::Campaign(state.store().access_of(campaign).await?);
    let told = state
        .store()
        .campaign_revision(campaign.organization_id, campaign.id)
        .await?
        .stories;
    let page = CampaignPage {
        id: campaign.id.to_string(),
        title: d.title.as_str().to_owned(),
        prompt: d.prompt.as_str().to_owned(),
        audience: tr.t(&format!("audience-{}", d.audience.as_str())),
        dates: format!(
            "{} – {}",
            show_date(&tr, d.opens_on),
            show_date(&tr, d.closes_on)
        ),
        stories: shown_count(&tr, told),
        is_link: d.audience == Audience::Link,
        qr: link.as_deref().and_then(qr),
        link,
        browse: authorize(&ctx.principal, Action::BrowseStories, &resource) == Decision::Allow,
        outcomes: super::outcomes::published(state, &tr, campaign.organization_id, campaign.id)
            .await?,
        chrome,
    };
    render(StatusCode::OK, &page)
}

/// A campaign's page for those who run it.
pub(crate) async fn show_campaign(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let access = ctx.campaign()?;
    let campaign = state
        .store()
        .campaign(access.organization_id, access.id)
        .await?
        .ok_or(AppError::NotFound)?;
    campaign_page(&state, chrome, &ctx, &campaign, None).await
}

/// Replaces a link campaign's link (the old one stops working) and shows the new one once.
pub(crate) async fn renew_link(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let access = ctx.campaign()?.clone();
    let (token, hash) = tandem_store::tokens::new_token().map_err(|_| AppError::Randomness)?;
    let mut tx = state.store().begin().await?;
    if !tx
        .replace_campaign_link(access.organization_id, access.id, &hash)
        .await?
    {
        // Only link campaigns have a link; for the others there is nothing to replace.
        return Ok(
            axum::response::Redirect::to(&format!("/campaigns/{}", access.id)).into_response(),
        );
    }
    tx.append_audit(event(
        &state,
        &ctx,
        Entry::allowed(
            "campaign.link",
            "campaign",
            Some(access.id.to_string()),
            "campaign",
        ),
    ))
    .await?;
    tx.commit().await?;
    let campaign = state
        .store()
        .campaign(access.organization_id, access.id)
        .await?
        .ok_or(AppError::NotFound)?;
    campaign_page(&state, chrome, &ctx, &campaign, Some(token)).await
}
