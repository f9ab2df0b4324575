//! A team's sensemaking practices (sensemaking specification §4): the practice board, huddles,
//! the probe register, next steps and "you said, we did", plus the team's hybrid profile card.
//!
//! Every route is declared [`Access::Team`]: the guard has asked the policy about the team of the
//! path before a handler runs (processors read and contribute in their own team, team managers
//! run their own team's practices, heads read every team's), and a team outside the caller's
//! reach answers 404 like one that does not exist. Each page that shows stories or what was
//! said about them is written to the audit trail before it is served.
//!
//! # Layout
//! - this file: the routes, the team header, linked stories as links, form helpers.
//! - [`board`]: the practice board (huddles, probes, open next steps, the outcome log, the card).
//! - [`card`]: the team's hybrid profile card with example stories beside each index.
//! - [`card_export`]: the card as XLSX or CSV (step-up, audited).
//! - [`home`]: the practices on a member of staff's home page.
//! - [`huddles`]: a new huddle, a huddle's page, interpretations and next steps.
//! - [`probes`]: a new probe, a probe's page and its decisions.
//! - [`outcomes`]: publishing "you said, we did" to a campaign's audience.
//! - [`intentions`]: the manager's intended-logic questionnaire (the card's gap).
//! - [`account`]: the good-enough story (versions, changes, resonance, triggers, contradictions).
//! - [`vocabulary`]: the team's terms, staff definitions and their uptake in stories.
//! - [`cues`]: small surprises noticed, amplified and followed up.
//! - [`dilemmas`]: rounds on stories where logics collided.
//! - [`retrospectives`]: closed courses looked back on, episode by episode.
//! - [`rhythms`]: the weekly pulse and the monthly identity check-in.

mod account;
pub(crate) mod board;
pub(crate) mod card;
mod card_export;
mod cues;
mod dilemmas;
pub(crate) mod home;
mod huddles;
mod intentions;
mod outcomes;
mod probes;
mod retrospectives;
pub(crate) mod rhythms;
mod vocabulary;

use std::collections::HashMap;

use tandem_domain::Id;
use tandem_domain::policy::{Action, Decision, Resource, authorize};
use tandem_domain::practice::{MAX_LINKED_STORIES, Voice};
use tandem_domain::staff::Team;
use tandem_store::practices::LinkedStory;
use tandem_store::stories::Story;

use crate::audit::{Entry, event};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, FormErrors, keyword_choices};
use crate::i18n::Translator;
use crate::kit::show_date;
use crate::routes::{Access, Route};
use crate::state::AppState;

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    let view = Access::Team(Action::ViewPractices);
    let contribute = Access::Team(Action::ContributeToPractices);
    let run = Access::Team(Action::RunPractices);
    vec![
        Route::get("/teams/{team_id}/practices", view, board::show_board),
        Route::get(
            "/teams/{team_id}/huddles/new",
            run,
            huddles::new_huddle_form,
        ),
        Route::post("/teams/{team_id}/huddles", run, huddles::create_huddle),
        Route::get(
            "/teams/{team_id}/huddles/{huddle_id}",
            view,
            huddles::show_huddle,
        ),
        Route::post(
            "/teams/{team_id}/huddles/{huddle_id}/interpretations",
            contribute,
            huddles::add_interpretation,
        ),
        Route::post(
            "/teams/{team_id}/huddles/{huddle_id}/next-steps",
            run,
            huddles::add_next_step,
        ),
        Route::post(
            "/teams/{team_id}/next-steps/{next_step_id}/done",
            contribute,
            huddles::mark_step_done,
        ),
        Route::get("/teams/{team_id}/probes/new", run, probes::new_probe_form),
        Route::post("/teams/{team_id}/probes", run, probes::create_probe),
        Route::get(
            "/teams/{team_id}/probes/{probe_id}",
            view,
            probes::show_probe,
        ),
        Route::post(
            "/teams/{team_id}/probes/{probe_id}/decisions",
            run,
            probes::decide_probe,
        ),
        Route::post("/teams/{team_id}/outcomes", run, outcomes::publish_outcome),
        Route::get(
            "/teams/{team_id}/good-enough-story",
            view,
            account::show_account,
        ),
        Route::post(
            "/teams/{team_id}/good-enough-story/versions",
            run,
            account::write_version,
        ),
        Route::post(
            "/teams/{team_id}/good-enough-story/ratings",
            contribute,
            account::rate_version,
        ),
        Route::post(
            "/teams/{team_id}/good-enough-story/triggers",
            run,
            account::add_trigger,
        ),
        Route::post(
            "/teams/{team_id}/good-enough-story/triggers/{trigger_id}/met",
            contribute,
            account::meet_trigger,
        ),
        Route::post(
            "/teams/{team_id}/good-enough-story/contradictions",
            contribute,
            account::add_contradiction,
        ),
        Route::get(
            "/teams/{team_id}/vocabulary",
            view,
            vocabulary::show_vocabulary,
        ),
        Route::post(
            "/teams/{team_id}/vocabulary",
            run,
            vocabulary::introduce_term,
        ),
        Route::post(
            "/teams/{team_id}/vocabulary/{term_id}/definitions",
            contribute,
            vocabulary::define_term,
        ),
        Route::get("/teams/{team_id}/cues", view, cues::show_cues),
        Route::post("/teams/{team_id}/cues", contribute, cues::add_cue),
        Route::post("/teams/{team_id}/cues/{cue_id}", run, cues::follow_up_cue),
        Route::get("/teams/{team_id}/dilemmas", view, dilemmas::show_rounds),
        Route::post("/teams/{team_id}/dilemmas", run, dilemmas::create_round),
        Route::get(
            "/teams/{team_id}/dilemmas/{dilemma_id}",
            view,
            dilemmas::show_round,
        ),
        Route::post(
            "/teams/{team_id}/dilemmas/{dilemma_id}/handlings",
            run,
            dilemmas::handle_story,
        ),
        Route::get(
            "/teams/{team_id}/retrospectives",
            view,
            retrospectives::show_retrospectives,
        ),
        Route::post(
            "/teams/{team_id}/retrospectives",
            run,
            retrospectives::create_retrospective,
        ),
        Route::post(
            "/teams/{team_id}/retrospectives/{retrospective_id}/episodes",
            run,
            retrospectives::add_episode,
        ),
        Route::get(
            "/teams/{team_id}/card/export.xlsx",
            Access::Team(Action::ExportViews),
            card_export::export_card_xlsx,
        ),
        Route::get(
            "/teams/{team_id}/card/export.csv",
            Access::Team(Action::ExportViews),
            card_export::export_card_csv,
        ),
        Route::get("/teams/{team_id}/pulse", view, rhythms::show_pulse),
        Route::get("/teams/{team_id}/identity", view, rhythms::show_identity),
        Route::post("/teams/{team_id}/rhythms", run, rhythms::set_campaign),
        Route::get(
            "/teams/{team_id}/intended-mix",
            run,
            intentions::intention_form,
        ),
        Route::post(
            "/teams/{team_id}/intended-mix",
            run,
            intentions::set_intention,
        ),
    ]
}

/// The team a page is about and what the caller may do there.
pub(crate) struct TeamHeader {
    /// The team's id.
    pub(crate) id: String,
    /// Its name.
    pub(crate) name: String,
    /// Whether the caller runs the team's practices (its manager).
    pub(crate) may_run: bool,
    /// Whether the caller may add to them (its manager and processors).
    pub(crate) may_contribute: bool,
}

/// Whether the caller may perform `action` on the practices of `team`.
pub(crate) fn may(ctx: &RequestContext, team: Id<Team>, action: Action) -> bool {
    let Some(staff) = ctx.principal.staff() else {
        return false;
    };
    let resource = Resource::Team {
        id: team,
        organization_id: staff.organization_id,
    };
    authorize(&ctx.principal, action, &resource) == Decision::Allow
}

/// The header of a team route (the guard has allowed the team).
async fn team_header(state: &AppState, ctx: &RequestContext) -> Result<TeamHeader, AppError> {
    let staff = ctx.staff()?;
    let id = ctx.team()?;
    let team = state
        .store()
        .active_team(staff.organization_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(TeamHeader {
        id: id.to_string(),
        name: team.name.as_str().to_owned(),
        may_run: may(ctx, id, Action::RunPractices),
        may_contribute: may(ctx, id, Action::ContributeToPractices),
    })
}

/// Records in the audit trail, before anything is served, that the caller read `kind`
/// (`object_id`) of the team's practices; fails closed.
async fn audit_read(
    state: &AppState,
    ctx: &RequestContext,
    kind: &str,
    object_id: String,
    purpose: &str,
) -> Result<(), AppError> {
    crate::audit::record_read(
        state,
        ctx,
        Entry::allowed("practice.read", kind, Some(object_id), purpose),
    )
    .await
}

/// Records `entry` in `tx`, commits, and sends the browser to `to` (303): the end of every
/// successful change to a practice.
async fn commit_and_redirect(
    state: &AppState,
    ctx: &RequestContext,
    mut tx: tandem_store::tx::Tx,
    entry: Entry<'_>,
    to: &str,
) -> Result<axum::response::Response, AppError> {
    use axum::response::IntoResponse;
    tx.append_audit(event(state, ctx, entry)).await?;
    tx.commit().await?;
    Ok(axum::response::Redirect::to(to).into_response())
}

/// A story on a practice page: a link to its page when the caller may browse its campaign.
pub(crate) struct StoryLink {
    pub(crate) id: String,
    pub(crate) href: Option<String>,
    pub(crate) title: String,
    pub(crate) excerpt: String,
    pub(crate) date: String,
}

/// The linked stories as shown to the caller.
async fn story_links(
    state: &AppState,
    ctx: &RequestContext,
    tr: &Translator,
    stories: &[LinkedStory],
) -> Result<Vec<StoryLink>, AppError> {
    let org = ctx.staff()?.organization_id;
    let mut browse: HashMap<String, bool> = HashMap::new();
    let mut links = Vec::with_capacity(stories.len());
    for story in stories {
        let campaign = story.campaign_id.to_string();
        if !browse.contains_key(&campaign) {
            let allowed = match state
                .store()
                .campaign_access(org, story.campaign_id)
                .await?
            {
                Some(access) => {
                    authorize(
                        &ctx.principal,
                        Action::BrowseStories,
                        &Resource::Campaign(access),
                    ) == Decision::Allow
                }
                None => false,
            };
            browse.insert(campaign.clone(), allowed);
        }
        links.push(StoryLink {
            id: story.id.to_string(),
            href: browse[&campaign].then(|| format!("/campaigns/{campaign}/stories/{}", story.id)),
            title: story
                .title
                .clone()
                .unwrap_or_else(|| story.excerpt.chars().take(60).collect()),
            excerpt: story.excerpt.clone(),
            date: show_date(tr, story.collected_on),
        });
    }
    Ok(links)
}

/// The `story` values of a form or query: valid ids, each once, at most
/// [`MAX_LINKED_STORIES`]. Anything else is ignored (the store links only the team's stories).
fn story_ids(pairs: &[(String, String)]) -> Vec<Id<Story>> {
    let mut ids: Vec<Id<Story>> = Vec::new();
    for (_, value) in pairs.iter().filter(|(name, _)| name == "story") {
        if let Ok(id) = Id::parse(value)
            && !ids.contains(&id)
        {
            ids.push(id);
        }
    }
    ids.truncate(MAX_LINKED_STORIES);
    ids
}

/// The one story a form picked from a list (a contradicting story, a cue's source), checked to
/// be the team's: `Ok(None)` when none was chosen, `Err(())` when the choice is not one of the
/// team's stories (malformed, another team's, unknown). What was chosen is kept in `forms` so
/// the list shows it again after an error.
async fn chosen_story(
    state: &AppState,
    ctx: &RequestContext,
    pairs: &[(String, String)],
    forms: &mut PageForms,
) -> Result<Result<Option<LinkedStory>, ()>, AppError> {
    let raw = pairs
        .iter()
        .rev()
        .find(|(name, _)| name == "story")
        .map(|(_, value)| value.trim().to_owned())
        .unwrap_or_default();
    if raw.is_empty() {
        return Ok(Ok(None));
    }
    forms.values.insert("story".into(), raw.clone());
    let Ok(id) = Id::<Story>::parse(&raw) else {
        return Ok(Err(()));
    };
    let found = state
        .store()
        .team_stories(ctx.staff()?.organization_id, ctx.team()?, &[id])
        .await?
        .pop();
    Ok(found.map(Some).ok_or(()))
}

/// The team's recent stories as a list to pick one from, after a first entry (`none_key`) that
/// picks none; `current` stays selected.
fn story_choices(
    tr: &Translator,
    recent: &[LinkedStory],
    none_key: &str,
    current: &str,
) -> Vec<Choice> {
    let options = recent.iter().map(|s| {
        let title = s
            .title
            .clone()
            .unwrap_or_else(|| s.excerpt.chars().take(60).collect());
        (
            s.id.to_string(),
            format!("{title} ({})", show_date(tr, s.collected_on)),
        )
    });
    Choice::list(
        std::iter::once((String::new(), tr.t(none_key))).chain(options),
        current,
    )
}

/// A form's single-valued fields (the last value of a repeated name wins).
fn fields(pairs: &[(String, String)]) -> HashMap<String, String> {
    pairs
        .iter()
        .filter(|(name, _)| name != "story" && name != "_csrf")
        .map(|(name, value)| (name.clone(), crate::forms::kept(value)))
        .collect()
}

/// What a page says after a change sent the browser back to it (`?saved=…`), translated; the
/// page is reloaded at its top, so the first Tab still reaches the skip link.
fn saved_notice(tr: &Translator, query: Option<&str>) -> Option<String> {
    let pairs = crate::kit::pairs(query);
    let what = pairs
        .iter()
        .find(|(n, _)| n == "saved")
        .map(|(_, v)| v.as_str())?;
    matches!(
        what,
        "interpretation"
            | "step"
            | "decision"
            | "outcome"
            | "version"
            | "rating"
            | "trigger"
            | "met"
            | "contradiction"
            | "term"
            | "definition"
            | "cue"
            | "follow-up"
            | "handling"
            | "retrospective"
            | "episode"
            | "rhythm"
    )
    .then(|| tr.t(&format!("practice-saved-{what}")))
}

/// The voices as choices.
fn voice_choices(tr: &Translator, current: &str) -> Vec<Choice> {
    keyword_choices(tr, "voice", Voice::ALL.iter().map(|v| v.as_str()), current)
}

/// The state of the forms on a page: errors and what was typed, kept after an error.
#[derive(Default)]
pub(crate) struct PageForms {
    pub(crate) errors: FormErrors,
    pub(crate) values: HashMap<String, String>,
}

impl PageForms {
    /// The state of a posted form: no errors yet, what was typed.
    pub(crate) fn from_pairs(pairs: &[(String, String)]) -> Self {
        Self {
            errors: FormErrors::new(),
            values: fields(pairs),
        }
    }

    /// A page's first view, with the notice of the change that sent the browser back to it.
    pub(crate) fn with_notice(tr: &Translator, query: Option<&str>) -> Self {
        let mut forms = Self::default();
        if let Some(notice) = saved_notice(tr, query) {
            forms.values.insert("notice".into(), notice);
        }
        forms
    }

    /// What was typed in `field` (empty when nothing was).
    pub(crate) fn value(&self, field: &str) -> String {
        self.values.get(field).cloned().unwrap_or_default()
    }

    /// The text typed in `field` (one line when `single`), checked; a broken rule is recorded
    /// as the field's error.
    pub(crate) fn text(
        &mut self,
        tr: &Translator,
        field: &'static str,
        max: usize,
        single: bool,
    ) -> Option<tandem_domain::PlainText> {
        let value = self.value(field);
        crate::forms::text_input(tr, &mut self.errors, field, &value, max, single)
    }

    /// The date typed in `field`; missing is an error when `required`, malformed always.
    pub(crate) fn date(
        &mut self,
        tr: &Translator,
        field: &'static str,
        required: bool,
    ) -> Option<time::Date> {
        let value = self.value(field);
        if required {
            crate::forms::required_date(tr, &mut self.errors, field, &value)
        } else {
            crate::forms::optional_date(tr, &mut self.errors, field, &value)
        }
    }
}
