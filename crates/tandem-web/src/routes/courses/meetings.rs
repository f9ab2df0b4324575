//! Meetings: network meetings, family group conferences, follow-ups and the rest — who took part
//! and how, whether the young person was there, their views in their own words, private family
//! time, outcomes that become steps, the next meeting, minutes; and session feedback at the end.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tandem_app::meetings::{self, AgreedStep, RecordMeeting};
use tandem_domain::Id;
use tandem_domain::PlainText;
use tandem_domain::course::kinds::{Channel, MeetingKind};
use tandem_domain::course::work::{MAX_MEETING_TEXT_CHARS, MAX_STEP_CHARS, MeetingDetails};
use tandem_domain::instrument::Instrument;
use tandem_store::work::{Meeting, MeetingRecord};

use super::shared::{
    CourseHeader, audit_read, item_label, load, path_id, show_date, show_opt, word,
};
use super::steps::{owner_choices, parse_owner};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{
    Choice, Form, FormErrors, add_problem, keyword_choices, optional_date, required_date,
};
use crate::i18n::Translator;
use crate::page::{Chrome, render};
use crate::state::AppState;

struct MeetingLine {
    href: String,
    date: String,
    kind: String,
    held: bool,
    young_person_present: bool,
    attended: usize,
}

#[derive(Template)]
#[template(path = "courses/meetings.html")]
struct MeetingsPage {
    chrome: Chrome,
    header: CourseHeader,
    meetings: Vec<MeetingLine>,
}

pub(super) async fn show_meetings(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let (header, entry) = load(&state, &ctx, &tr, "/meetings")?;
    let meetings = state
        .store()
        .meetings_of(entry.organization_id, entry.id)
        .await?;
    audit_read(&state, &ctx, "meetings").await?;
    let page = MeetingsPage {
        meetings: meetings
            .iter()
            .map(|m| MeetingLine {
                href: format!("/courses/{}/meetings/{}", header.id, m.id),
                date: show_date(&tr, m.details.held_on),
                kind: word(&tr, "kw-meeting", m.details.kind.as_str()),
                held: m.details.held,
                young_person_present: m.details.young_person_present,
                attended: m.participants.iter().filter(|p| p.attended).count(),
            })
            .collect(),
        header,
        chrome,
    };
    render(StatusCode::OK, &page)
}

struct Attendance {
    field: String,
    name: String,
    choices: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "courses/meeting_new.html")]
struct NewMeetingPage {
    chrome: Chrome,
    header: CourseHeader,
    kinds: Vec<Choice>,
    young_channels: Vec<Choice>,
    attendance: Vec<Attendance>,
    owners: Vec<Choice>,
    fields: HashMap<String, String>,
    errors: FormErrors,
}

impl NewMeetingPage {
    fn value(&self, key: &str) -> String {
        self.fields.get(key).cloned().unwrap_or_default()
    }

    fn ticked(&self, key: &str) -> bool {
        self.fields.contains_key(key)
    }
}

/// Attendance choices: not invited, absent, or present by one of the channels.
fn attendance_choices(tr: &Translator, current: &str) -> Vec<Choice> {
    let mut options = vec![
        (String::new(), tr.t("attendance-not-invited")),
        ("absent".to_owned(), tr.t("attendance-absent")),
    ];
    options.extend(
        Channel::ALL
            .iter()
            .map(|c| (c.as_str().to_owned(), word(tr, "kw-channel", c.as_str()))),
    );
    Choice::list(options, current)
}

async fn new_meeting_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    fields: HashMap<String, String>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let (header, entry) = load(state, ctx, &tr, "/meetings")?;
    let members = state
        .store()
        .network_of(entry.organization_id, entry.id)
        .await?;
    audit_read(state, ctx, "new meeting").await?;
    let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let page = NewMeetingPage {
        kinds: keyword_choices(
            &tr,
            "kw-meeting",
            MeetingKind::ALL.iter().map(|k| k.as_str()),
            &get("kind"),
        ),
        young_channels: keyword_choices(
            &tr,
            "kw-channel",
            Channel::ALL.iter().map(|c| c.as_str()),
            &get("young_person_channel"),
        ),
        attendance: members
            .iter()
            .filter(|m| m.active_to.is_none())
            .map(|m| {
                let field = format!("attend_{}", m.id);
                Attendance {
                    choices: attendance_choices(&tr, &get(&field)),
                    name: format!(
                        "{} ({})",
                        m.details.name.as_str(),
                        m.details.relation.as_str()
                    ),
                    field,
                }
            })
            .collect(),
        owners: owner_choices(&tr, &entry, &members, &get("new_step_owner")),
        fields,
        errors,
        header,
        chrome,
    };
    render(status, &page)
}

pub(super) async fn new_meeting_form(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let fields = HashMap::from([
        ("kind".to_owned(), "network_meeting".to_owned()),
        ("held_on".to_owned(), state.today().to_string()),
        ("held".to_owned(), "on".to_owned()),
        ("young_person_present".to_owned(), "on".to_owned()),
        ("young_person_channel".to_owned(), "in_person".to_owned()),
    ]);
    new_meeting_page(
        &state,
        chrome,
        &ctx,
        fields,
        FormErrors::new(),
        StatusCode::OK,
    )
    .await
}

fn optional_text(
    tr: &Translator,
    errors: &mut FormErrors,
    field: &'static str,
    value: &str,
) -> Option<PlainText> {
    if value.trim().is_empty() {
        return None;
    }
    PlainText::parse(value, MAX_MEETING_TEXT_CHARS)
        .map_err(|_| errors.add(field, tr.t("course-error-text")))
        .ok()
}

pub(super) async fn create_meeting(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let course = ctx.course()?.clone();
    let (org, id) = (course.organization_id, course.id);
    let entry = ctx.course_record()?;
    let members = state.store().network_of(org, id).await?;
    let get = |k: &str| fields.get(k).map_or("", String::as_str);
    let on = |k: &str| fields.contains_key(k);
    let mut errors = FormErrors::new();
    let kind = MeetingKind::parse(get("kind"))
        .map_err(|_| errors.add("kind", tr.t("course-error-choose")))
        .ok();
    let held_on = required_date(&tr, &mut errors, "held_on", get("held_on"));
    let next_meeting = optional_date(&tr, &mut errors, "next_meeting", get("next_meeting"));
    let young_channel = if on("young_person_present") {
        let channel = Channel::parse(get("young_person_channel")).ok();
        if channel.is_none() {
            errors.add("young_person_channel", tr.t("course-error-choose"));
        }
        channel
    } else {
        None
    };
    let views = optional_text(&tr, &mut errors, "views_own_words", get("views_own_words"));
    let outcomes = optional_text(&tr, &mut errors, "outcomes", get("outcomes"));
    let minutes = optional_text(&tr, &mut errors, "minutes", get("minutes"));
    let mut attendance = Vec::new();
    for member in members.iter().filter(|m| m.active_to.is_none()) {
        match get(&format!("attend_{}", member.id)) {
            "" => {}
            "absent" => attendance.push(meetings::Attendance {
                member: member.id,
                attended: false,
                channel: None,
            }),
            word => match Channel::parse(word) {
                Ok(channel) => attendance.push(meetings::Attendance {
                    member: member.id,
                    attended: true,
                    channel: Some(channel),
                }),
                Err(_) => errors.add("attendance", tr.t("course-error-choose")),
            },
        }
    }
    let step_text = get("new_step_description");
    let new_step = if step_text.trim().is_empty() && get("new_step_owner").is_empty() {
        None
    } else {
        let description = PlainText::parse(step_text, MAX_STEP_CHARS)
            .map_err(|_| errors.add("new_step_description", tr.t("step-error-description")))
            .ok();
        let owner = parse_owner(get("new_step_owner"), &entry, &members);
        if owner.is_none() {
            errors.add("new_step_owner", tr.t("course-error-owner-required"));
        }
        let due = optional_date(&tr, &mut errors, "new_step_due", get("new_step_due"));
        description
            .zip(owner)
            .map(|(description, owner)| AgreedStep {
                description,
                owner,
                due_date: due,
            })
    };
    let (Some(kind), Some(held_on), true) = (kind, held_on, errors.is_empty()) else {
        return new_meeting_page(
            &state,
            chrome,
            &ctx,
            fields,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let details = MeetingDetails {
        kind,
        held_on,
        held: on("held"),
        young_person_present: on("young_person_present"),
        views_own_words: views,
        private_family_time: on("private_family_time"),
        support_person_present: on("support_person_present"),
        outcomes,
        minutes,
        minutes_shared: on("minutes_shared"),
        next_meeting,
    };
    for problem in details.problems(state.today(), entry.details.awareness_date) {
        add_problem(&tr, &mut errors, problem);
    }
    if !errors.is_empty() {
        return new_meeting_page(
            &state,
            chrome,
            &ctx,
            fields,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let command = RecordMeeting {
        details,
        young_person_channel: young_channel,
        attendance,
        step: new_step,
        snapshot: on("snapshot"),
    };
    let meeting = meetings::record(
        state.app(),
        &ctx.actor(state.now()),
        (&course).into(),
        &command,
    )
    .await?;
    Ok(Redirect::to(&format!("/courses/{id}/meetings/{meeting}")).into_response())
}

struct ParticipantLine {
    name: String,
    state: String,
}

struct FeedbackLine {
    date: String,
    values: Vec<String>,
    total: String,
    alerted: bool,
}

#[derive(Template)]
#[template(path = "courses/meeting.html")]
struct MeetingPage {
    chrome: Chrome,
    header: CourseHeader,
    meeting_id: String,
    kind: String,
    date: String,
    held: bool,
    facilitator: String,
    young: String,
    views: String,
    private_family_time: bool,
    support_person_present: bool,
    outcomes: String,
    minutes: String,
    minutes_state: String,
    next_meeting: String,
    participants: Vec<ParticipantLine>,
    steps: Vec<(String, String)>,
    feedback: Vec<FeedbackLine>,
    items: Vec<(usize, String)>,
    inputs: Vec<String>,
    errors: FormErrors,
}

/// The meeting page, with the session-feedback form (and its errors after a failed submit).
pub(super) async fn meeting_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    meeting_id: Id<Meeting>,
    failed: Option<(Vec<String>, FormErrors)>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let (header, entry) = load(state, ctx, &tr, "/meetings")?;
    let (org, id) = (entry.organization_id, entry.id);
    let meetings = state.store().meetings_of(org, id).await?;
    let meeting: &MeetingRecord = meetings
        .iter()
        .find(|m| m.id == meeting_id)
        .ok_or(AppError::NotFound)?;
    let steps = state.store().steps_of(org, id).await?;
    let rounds = state.store().rounds_of(org, id).await?;
    let settings = state.app().course_settings(org).await?;
    audit_read(state, ctx, "meeting").await?;
    let instrument = Instrument::session_feedback(settings.feedback);
    let d = &meeting.details;
    let text = |t: &Option<PlainText>| {
        t.as_ref()
            .map(|t| t.as_str().to_owned())
            .unwrap_or_default()
    };
    let young_name = entry.details.young_person_name.as_str();
    let (inputs, errors, status) = match failed {
        Some((inputs, errors)) => (inputs, errors, StatusCode::UNPROCESSABLE_ENTITY),
        None => (Vec::new(), FormErrors::new(), StatusCode::OK),
    };
    let meeting_key = meeting.id.to_string();
    let page = MeetingPage {
        meeting_id: meeting_key.clone(),
        kind: word(&tr, "kw-meeting", d.kind.as_str()),
        date: show_date(&tr, d.held_on),
        held: d.held,
        facilitator: meeting.facilitator_name.clone().unwrap_or_default(),
        young: if d.young_person_present {
            tr.t_str(
                "meeting-young-present-by",
                "channel",
                &meeting
                    .young_person_channel
                    .map(|c| word(&tr, "kw-channel", c.as_str()))
                    .unwrap_or_default(),
            )
        } else {
            tr.t("meeting-young-absent")
        },
        views: text(&d.views_own_words),
        private_family_time: d.private_family_time,
        support_person_present: d.support_person_present,
        outcomes: text(&d.outcomes),
        minutes: text(&d.minutes),
        minutes_state: match (d.minutes_shared, meeting.minutes_approved_at) {
            (_, Some(_)) => tr.t("minutes-approved"),
            (true, None) => tr.t("minutes-shared"),
            (false, None) => tr.t("minutes-not-shared"),
        },
        next_meeting: show_opt(&tr, d.next_meeting),
        participants: meeting
            .participants
            .iter()
            .map(|p| ParticipantLine {
                name: p.name.clone(),
                state: match (p.attended, p.channel) {
                    (true, Some(c)) => word(&tr, "kw-channel", c.as_str()),
                    (true, None) => tr.t("attendance-present"),
                    (false, _) => tr.t("attendance-absent"),
                },
            })
            .collect(),
        steps: steps
            .iter()
            .filter(|s| s.meeting_id.as_deref() == Some(meeting_key.as_str()))
            .map(|s| (s.description.clone(), s.owner_label(young_name).to_owned()))
            .collect(),
        feedback: super::ratings::feedback_of(&tr, &rounds, meeting.id, &instrument)
            .into_iter()
            .map(|(date, values, total, alerted)| FeedbackLine {
                date,
                values,
                total,
                alerted,
            })
            .collect(),
        items: (0..instrument.items.len())
            .map(|i| (i, item_label(&tr, &instrument, i)))
            .collect(),
        inputs,
        errors,
        header,
        chrome,
    };
    render(status, &page)
}

pub(super) async fn show_meeting(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path((_, meeting_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let meeting = path_id::<Meeting>(&meeting_id)?;
    meeting_page(&state, chrome, &ctx, meeting, None).await
}
