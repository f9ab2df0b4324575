//! Meetings: network meetings, family group conferences, follow-ups and the rest — who took part
//! and how, whether the young person was there, their views in their own words, private family
//! time, outcomes that become steps, the next meeting, minutes; and session feedback at the end.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use tandem_app::courses::CourseRecord;
use tandem_app::meetings::{self, Meeting, MeetingRecord, MeetingView};
use tandem_domain::Id;
use tandem_domain::PlainText;
use tandem_domain::local_time::in_copenhagen;

use super::ratings::feedback_of;
use super::shared::{CourseHeader, item_label, load, path_id, show_date, show_opt, word};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::FormErrors;
use crate::i18n::Translator;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

mod new;

pub(super) use new::{create_meeting, new_meeting_form};

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

pub(super) async fn show_meetings(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    let (header, _) = load(&state, &ctx, &chrome.tr, "/meetings")?;
    let actor = ctx.actor(state.now());
    let meetings = meetings::list(state.app(), &actor, ctx.course_ref()?).await?;
    let page = MeetingsPage::new(chrome, header, &meetings);
    render(StatusCode::OK, &page)
}

impl MeetingsPage {
    fn new(chrome: Chrome, header: CourseHeader, meetings: &[MeetingRecord]) -> Self {
        let tr = &chrome.tr;
        Self {
            meetings: meetings
                .iter()
                .map(|m| MeetingLine {
                    href: format!("/courses/{}/meetings/{}", header.id, m.id),
                    date: show_date(tr, m.details.held_on),
                    kind: word(tr, "kw-meeting", m.details.kind.as_str()),
                    held: m.details.held,
                    young_person_present: m.details.young_person_present,
                    attended: m.participants.iter().filter(|p| p.attended).count(),
                })
                .collect(),
            header,
            chrome,
        }
    }
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
    /// Who chaired, in words ("not recorded" when it was not asked).
    chair: String,
    private_family_time: bool,
    support_person_present: bool,
    outcomes: String,
    minutes: String,
    minutes_state: String,
    /// The young person's disagreement with the minutes: when, and their words.
    disagreement: Option<(String, String)>,
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
    let (header, course) = load(state, ctx, &chrome.tr, "/meetings")?;
    let actor = ctx.actor(state.now());
    let view = meetings::show(state.app(), &actor, ctx.course_ref()?, meeting_id).await?;
    let status = if failed.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (inputs, errors) = failed.unwrap_or_default();
    let page = MeetingPage::new(chrome, (header, &course), &view, inputs, errors);
    render(status, &page)
}

fn text(t: &Option<PlainText>) -> String {
    t.as_ref()
        .map(|t| t.as_str().to_owned())
        .unwrap_or_default()
}

fn young_line(tr: &Translator, view: &MeetingView) -> String {
    let meeting = &view.meeting;
    if meeting.details.young_person_present {
        tr.t_str(
            "meeting-young-present-by",
            "channel",
            &meeting
                .young_person_channel
                .map(|c| word(tr, "kw-channel", c.as_str()))
                .unwrap_or_default(),
        )
    } else {
        tr.t("meeting-young-absent")
    }
}

impl MeetingPage {
    fn new(
        chrome: Chrome,
        (header, course): (CourseHeader, &CourseRecord),
        view: &MeetingView,
        inputs: Vec<String>,
        errors: FormErrors,
    ) -> Self {
        let tr = &chrome.tr;
        let (meeting, instrument) = (&view.meeting, &view.feedback);
        let d = &meeting.details;
        let young_name = course.details.young_person_name.as_str();
        let meeting_key = meeting.id.to_string();
        Self {
            kind: word(tr, "kw-meeting", d.kind.as_str()),
            date: show_date(tr, d.held_on),
            held: d.held,
            facilitator: meeting.facilitator_name.clone().unwrap_or_default(),
            young: young_line(tr, view),
            views: text(&d.views_own_words),
            chair: d.chair.map_or_else(
                || tr.t("meeting-chair-unknown"),
                |c| word(tr, "kw-chair", c.as_str()),
            ),
            private_family_time: d.private_family_time,
            support_person_present: d.support_person_present,
            outcomes: text(&d.outcomes),
            minutes: text(&d.minutes),
            minutes_state: match (d.minutes_shared, meeting.minutes_approved_at) {
                (_, Some(_)) => tr.t("minutes-approved"),
                (true, None) => tr.t("minutes-shared"),
                (false, None) => tr.t("minutes-not-shared"),
            },
            disagreement: meeting.minutes_disagreement.as_ref().map(|(words, at)| {
                let day = show_date(tr, in_copenhagen(*at).date());
                (day, words.as_str().to_owned())
            }),
            next_meeting: show_opt(tr, d.next_meeting),
            participants: meeting
                .participants
                .iter()
                .map(|p| ParticipantLine {
                    name: p.name.clone(),
                    state: match (p.attended, p.channel) {
                        (true, Some(c)) => word(tr, "kw-channel", c.as_str()),
                        (true, None) => tr.t("attendance-present"),
                        (false, _) => tr.t("attendance-absent"),
                    },
                })
                .collect(),
            steps: view
                .steps
                .iter()
                .filter(|s| s.meeting_id == Some(meeting.id))
                .map(|s| (s.description.clone(), s.owner_label(young_name).to_owned()))
                .collect(),
            feedback: feedback_of(tr, &view.rounds, meeting.id, instrument)
                .into_iter()
                .map(|(date, values, total, alerted)| FeedbackLine {
                    date,
                    values,
                    total,
                    alerted,
                })
                .collect(),
            items: (0..instrument.items.len())
                .map(|i| (i, item_label(tr, instrument, i)))
                .collect(),
            meeting_id: meeting_key,
            inputs,
            errors,
            header,
            chrome,
        }
    }
}

pub(super) async fn show_meeting(
    Page { state, chrome, ctx }: Page,
    Path((_, meeting_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let meeting = path_id(&meeting_id)?;
    meeting_page(&state, chrome, &ctx, meeting, None).await
}
