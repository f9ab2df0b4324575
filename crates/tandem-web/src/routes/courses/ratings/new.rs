//! Opening a rating round: the form (instrument, goal, mode, raters) and its parsing into an
//! [`OpenRound`] with a translated error per field.

use std::collections::HashMap;

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::courses::CourseRecord;
use tandem_app::network::Member;
use tandem_app::ratings::{self, OpenRound, RoundChoices};
use tandem_domain::course::kinds::{RaterRole, RatingMode};
use tandem_domain::instrument::SESSION_FEEDBACK;
use tandem_domain::{Id, PlainText};

use super::super::shared::{CourseHeader, instrument_name, load, word};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form, FormErrors};
use crate::i18n::Translator;
use crate::kit::see_other;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "courses/round_new.html")]
struct NewRoundPage {
    chrome: Chrome,
    header: CourseHeader,
    instruments: Vec<Choice>,
    goals: Vec<Choice>,
    modes: Vec<Choice>,
    raters: Vec<(String, String, bool)>,
    parent_label: String,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct NewRoundQuery {
    goal: Option<String>,
}

impl NewRoundQuery {
    /// The form's first fields: a round for a goal (from the goal's page) is rated by the young
    /// person and the worker unless changed.
    fn fields(self) -> HashMap<String, String> {
        let mut fields = HashMap::new();
        if let Some(goal) = self.goal {
            fields.insert("goal".to_owned(), goal);
            fields.insert("rater_young".to_owned(), "on".to_owned());
            fields.insert("rater_worker".to_owned(), "on".to_owned());
        }
        fields
    }
}

/// The rater checkboxes: the young person, the processor, and each current relation.
fn rater_boxes(
    tr: &Translator,
    course: &CourseRecord,
    choices: &RoundChoices,
    fields: &HashMap<String, String>,
) -> Vec<(String, String, bool)> {
    let ticked = |k: &str| fields.contains_key(k);
    let fresh = fields.is_empty();
    let mut raters = vec![
        (
            "rater_young".to_owned(),
            format!(
                "{} ({})",
                course.details.young_person_name.as_str(),
                tr.t("kw-rater-young_person")
            ),
            fresh || ticked("rater_young"),
        ),
        (
            "rater_worker".to_owned(),
            format!("{} ({})", course.processor_name, tr.t("kw-rater-worker")),
            fresh || ticked("rater_worker"),
        ),
    ];
    for m in choices.members.iter().filter(|m| m.active_to.is_none()) {
        let key = format!("rater_member_{}", m.id);
        let on = ticked(&key);
        raters.push((
            key,
            format!(
                "{} ({})",
                m.details.name.as_str(),
                m.details.relation.as_str()
            ),
            on,
        ));
    }
    raters
}

impl NewRoundPage {
    fn new(
        chrome: Chrome,
        (header, course): (CourseHeader, &CourseRecord),
        choices: &RoundChoices,
        fields: &HashMap<String, String>,
        errors: FormErrors,
    ) -> Self {
        let tr = &chrome.tr;
        let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
        let mut goal_options = vec![(String::new(), tr.t("rating-no-goal"))];
        goal_options.extend(choices.goals.iter().map(|g| {
            (
                g.id.to_string(),
                g.details.own_words.as_str().chars().take(60).collect(),
            )
        }));
        Self {
            instruments: Choice::list(
                choices
                    .configuration
                    .instruments
                    .iter()
                    .filter(|i| i.key != SESSION_FEEDBACK)
                    .map(|i| (i.key.clone(), instrument_name(tr, i))),
                &fields
                    .get("instrument")
                    .cloned()
                    .unwrap_or_else(|| "goal_scale".into()),
            ),
            goals: Choice::list(goal_options, &get("goal")),
            modes: Choice::list(
                RatingMode::ALL
                    .iter()
                    .map(|m| (m.as_str().to_owned(), word(tr, "kw-mode", m.as_str()))),
                &fields
                    .get("mode")
                    .cloned()
                    .unwrap_or_else(|| "collaborative".into()),
            ),
            raters: rater_boxes(tr, course, choices, fields),
            parent_label: get("parent_label"),
            errors,
            header,
            chrome,
        }
    }
}

/// The new-round form with `fields` as typed (and its errors, if refused).
async fn new_round_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    fields: &HashMap<String, String>,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let (header, course) = load(state, ctx, &chrome.tr, "")?;
    let actor = ctx.actor(state.now());
    let choices = ratings::round_choices(state.app(), Some(&actor), ctx.course_ref()?).await?;
    let status = errors.status();
    let page = NewRoundPage::new(chrome, (header, &course), &choices, fields, errors);
    render(status, &page)
}

pub(crate) async fn new_round_form(
    Page { state, chrome, ctx }: Page,
    Query(query): Query<NewRoundQuery>,
) -> Result<Response, AppError> {
    let fields = query.fields();
    new_round_page(&state, chrome, &ctx, &fields, FormErrors::new()).await
}

/// The invited raters with their labels, and the members among them who rate through their own
/// login.
type Raters = (Vec<(RaterRole, String)>, Vec<(String, Id<Member>)>);

/// The raters ticked on the form (the parent's label is checked as text).
fn parse_raters(
    tr: &Translator,
    errors: &mut FormErrors,
    fields: &HashMap<String, String>,
    (course, choices): (&CourseRecord, &RoundChoices),
) -> Raters {
    let mut raters = Vec::new();
    if fields.contains_key("rater_young") {
        raters.push((
            RaterRole::YoungPerson,
            course.details.young_person_name.as_str().to_owned(),
        ));
    }
    if fields.contains_key("rater_worker") {
        raters.push((RaterRole::Worker, course.processor_name.clone()));
    }
    let members = &choices.members;
    let mut linked_members = Vec::new();
    for m in members.iter().filter(|m| m.active_to.is_none()) {
        if fields.contains_key(&format!("rater_member_{}", m.id)) {
            raters.push((RaterRole::Network, m.details.name.as_str().to_owned()));
            // Linked so the member can rate through their own login; a name shared by two
            // current members stays unlinked (the processor records those ratings).
            let unique = members
                .iter()
                .filter(|o| o.active_to.is_none() && o.details.name == m.details.name)
                .count()
                == 1;
            if unique {
                linked_members.push((m.details.name.as_str().to_owned(), m.id));
            }
        }
    }
    let parent = fields.get("parent_label").map_or("", String::as_str).trim();
    if !parent.is_empty() {
        match PlainText::parse_single_line(parent, 120) {
            Ok(label) => raters.push((RaterRole::Parent, label.into_string())),
            Err(_) => errors.add("parent_label", tr.t("course-error-text")),
        }
    }
    if raters.is_empty() {
        errors.add("raters", tr.t("rating-error-raters"));
    }
    (raters, linked_members)
}

/// Parses the new-round form against the organization's instruments and the course.
fn parse_round(
    tr: &Translator,
    fields: &HashMap<String, String>,
    (course, choices): (&CourseRecord, &RoundChoices),
) -> Result<OpenRound, FormErrors> {
    let get = |k: &str| fields.get(k).map_or("", String::as_str);
    let mut errors = FormErrors::new();
    let instrument = choices
        .configuration
        .instruments
        .iter()
        .find(|i| i.key == get("instrument") && i.key != SESSION_FEEDBACK);
    if instrument.is_none() {
        errors.add("instrument", tr.t("course-error-choose"));
    }
    let goal = choices
        .goals
        .iter()
        .find(|g| g.id.to_string() == get("goal"));
    if (!get("goal").is_empty() && goal.is_none())
        || (instrument.is_some_and(|i| i.per_goal) && goal.is_none())
    {
        errors.add("goal", tr.t("rating-error-goal"));
    }
    let mode = RatingMode::parse(get("mode")).ok();
    if mode.is_none() {
        errors.add("mode", tr.t("course-error-choose"));
    }
    let (raters, linked_members) = parse_raters(tr, &mut errors, fields, (course, choices));
    let (Some(instrument), Some(mode), true) = (instrument, mode, errors.is_empty()) else {
        return Err(errors);
    };
    Ok(OpenRound {
        instrument_key: instrument.key.clone(),
        goal: goal.map(|g| g.id),
        mode,
        raters,
        linked_members,
    })
}

pub(crate) async fn open_round(
    Page { state, chrome, ctx }: Page,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let course = ctx.course_ref()?;
    let choices = ratings::round_choices(state.app(), None, course).await?;
    let entry = ctx.course_record()?;
    let command = match parse_round(&chrome.tr, &fields, (&entry, &choices)) {
        Ok(command) => command,
        Err(errors) => return new_round_page(&state, chrome, &ctx, &fields, errors).await,
    };
    let round = ratings::open(state.app(), &ctx.actor(state.now()), course, &command).await?;
    see_other(&format!("/courses/{}/ratings/{round}", course.id))
}
