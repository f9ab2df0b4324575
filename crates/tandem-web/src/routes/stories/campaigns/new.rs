//! A new campaign: its form (frameworks, teams, and for a team manager the team's courses) and
//! its creation; a link campaign's page then shows its link once.

use askama::Template;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::stories::FrameworkVersion;
use tandem_app::stories::campaigns::{self, CampaignChoices, Eligible, NewCampaignCommand};
use tandem_domain::Id;
use tandem_domain::policy::Staff;
use tandem_domain::staff::StaffRole;
use tandem_domain::story::campaign::{
    Audience, CampaignDetails, MAX_PROMPT_CHARS, MAX_TITLE_CHARS,
};

use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{
    Choice, Form, FormErrors, add_problem, keyword_choices, required_date, text_input,
};
use crate::i18n::Translator;
use crate::kit::path_id;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

/// The campaign form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct CampaignForm {
    title: String,
    prompt: String,
    framework: String,
    audience: String,
    team: String,
    /// The ticked courses, joined by commas.
    courses: String,
    consent_text: String,
    opens_on: String,
    closes_on: String,
    returns_stories: Option<String>,
}

impl CampaignForm {
    /// An empty form for a campaign open from `today` for four weeks.
    fn starting(today: time::Date) -> Self {
        Self {
            opens_on: today.to_string(),
            closes_on: (today + time::Duration::days(28)).to_string(),
            ..Self::default()
        }
    }

    /// The form from its fields: course checkboxes repeat one name; everything else is single.
    fn from_pairs(pairs: &[(String, String)]) -> Self {
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let course_ids: Vec<&str> = pairs
            .iter()
            .filter(|(n, _)| n == "courses")
            .map(|(_, v)| v.as_str())
            .collect();
        Self {
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
        }
    }

    /// The framework version chosen, if the field holds an id.
    fn framework_id(&self) -> Option<Id<FrameworkVersion>> {
        path_id(&self.framework).ok()
    }

    /// Whether the campaign asks chosen courses.
    fn asks_courses(&self) -> bool {
        Audience::parse(&self.audience).ok() == Some(Audience::Courses)
    }

    /// The command, or every problem found, with the framework and courses checked against
    /// what `staff` may choose.
    async fn check(
        &self,
        state: &AppState,
        tr: &Translator,
        staff: &Staff,
    ) -> Result<Result<NewCampaignCommand, FormErrors>, AppError> {
        let (framework, courses) = (self.framework_id(), self.asks_courses());
        let eligible = campaigns::eligible(state.app(), staff, framework, courses).await?;
        Ok(self.parse(tr, staff, &eligible))
    }

    /// The command, or every problem found: the fields, then the campaign's own rules. The
    /// framework and courses must be among those `eligible` for `staff`.
    fn parse(
        &self,
        tr: &Translator,
        staff: &Staff,
        eligible: &Eligible,
    ) -> Result<NewCampaignCommand, FormErrors> {
        let mut errors = FormErrors::new();
        let title = text_input(tr, &mut errors, "title", &self.title, MAX_TITLE_CHARS, true);
        let prompt = text_input(
            tr,
            &mut errors,
            "prompt",
            &self.prompt,
            MAX_PROMPT_CHARS,
            false,
        );
        let audience = Audience::parse(&self.audience)
            .map_err(|_| errors.add("audience", tr.t("campaign-error-audience")))
            .ok();
        let consent_text = if self.consent_text.trim().is_empty() {
            None
        } else {
            text_input(
                tr,
                &mut errors,
                "consent_text",
                &self.consent_text,
                MAX_PROMPT_CHARS,
                false,
            )
        };
        let opens_on = required_date(tr, &mut errors, "opens_on", &self.opens_on);
        let closes_on = required_date(tr, &mut errors, "closes_on", &self.closes_on);
        let framework = eligible.framework;
        if framework.is_none() {
            errors.add("framework", tr.t("campaign-error-framework"));
        }
        // A team manager's campaigns belong to their own team; others choose one (or none for
        // a department-wide link campaign).
        let team_id = if staff.role == StaffRole::TeamManager {
            staff.team_id
        } else {
            path_id(&self.team).ok()
        };
        if audience == Some(Audience::Team) && team_id.is_none() {
            errors.add("team", tr.t("campaign-error-team"));
        }
        let mut courses = Vec::new();
        if audience == Some(Audience::Courses) {
            for id in self.courses.split(',') {
                if let Some(course) = eligible.team_courses.iter().find(|c| c.to_string() == id) {
                    courses.push(*course);
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
            return Err(errors);
        };
        let details = CampaignDetails {
            title,
            prompt,
            audience,
            consent_text,
            opens_on,
            closes_on,
            returns_stories: self.returns_stories.is_some(),
        };
        for problem in details.problems() {
            add_problem(tr, &mut errors, problem);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewCampaignCommand {
            details,
            framework,
            team_id,
            courses,
        })
    }
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

impl NewCampaignPage {
    /// The form as typed with its errors, offering `choices`.
    fn new(
        chrome: Chrome,
        choices: CampaignChoices,
        form: CampaignForm,
        errors: FormErrors,
    ) -> Self {
        let tr = &chrome.tr;
        let da = tr.language().code() == "da";
        let prompts = choices
            .frameworks
            .first()
            .map(|f| {
                f.framework
                    .prompts()
                    .iter()
                    .map(|p| if da { p.da.clone() } else { p.en.clone() })
                    .collect()
            })
            .unwrap_or_default();
        let frameworks = Choice::list(
            choices.frameworks.iter().filter(|f| !f.archived).map(|f| {
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
        let teams = Choice::list(
            choices
                .teams
                .into_iter()
                .map(|t| (t.id.to_string(), t.name.as_str().to_owned())),
            &form.team,
        );
        let courses = choices
            .courses
            .into_iter()
            .map(|c| {
                let id = c.id.to_string();
                let checked = form.courses.split(',').any(|c| c == id);
                (id, c.young_person, checked)
            })
            .collect();
        Self {
            audiences: keyword_choices(
                tr,
                "audience",
                Audience::ALL.iter().map(|a| a.as_str()),
                &form.audience,
            ),
            frameworks,
            teams,
            courses,
            prompts,
            form,
            errors,
            chrome,
        }
    }
}

/// The new-campaign page with `form` as typed (and its errors, if refused).
async fn new_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    form: CampaignForm,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let actor = ctx.actor(state.now());
    let choices = campaigns::choices(state.app(), &actor, ctx.staff()?).await?;
    let status = errors.status();
    render(status, &NewCampaignPage::new(chrome, choices, form, errors))
}

/// The form for a new campaign.
pub(crate) async fn new_campaign_form(
    Page { state, chrome, ctx }: Page,
) -> Result<Response, AppError> {
    let form = CampaignForm::starting(state.today());
    new_page(&state, chrome, &ctx, form, FormErrors::new()).await
}

/// Creates a campaign; a link campaign's page then shows its new link.
pub(crate) async fn create_campaign(
    Page { state, chrome, ctx }: Page,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (staff, form) = (*ctx.staff()?, CampaignForm::from_pairs(&pairs));
    let command = match form.check(&state, &chrome.tr, &staff).await? {
        Ok(command) => command,
        Err(errors) => return new_page(&state, chrome, &ctx, form, errors).await,
    };
    let actor = ctx.actor(state.now());
    let new = campaigns::create(state.app(), &actor, staff.organization_id, &command).await?;
    let news = super::LinkNews {
        fresh: new.token.is_some(),
        confirm_missing: false,
    };
    super::campaign_page(&state, chrome, &ctx, &new.campaign, news).await
}
