//! "My course" for the young person and network members: goals in their own words, their own
//! steps (mark them done), meetings in scope, and — for the young person — adding a goal and
//! writing to their processor. Staff-internal notes are never read here (R4); a network member
//! sees only what their consent scope allows (R7).

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::citizens::{
    self, CitizenRole, FeedbackDue, GoalProgress, Home, MemberRecord, PendingRound as Pending,
    RevealedRound as Revealed,
};
use tandem_domain::course::kinds::{StatementTopic, StepStatus};
use tandem_domain::instrument::Instrument;
use tandem_domain::local_time::in_copenhagen;

use time::OffsetDateTime;

use super::thread::{MessageView, promise, thread};
use crate::charts::{Point, progress};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, FormErrors, keyword_choices};
use crate::i18n::Translator;
use crate::kit::{
    consent_words, instrument_name, item_label, show_date, show_moment, show_opt, word,
};
use crate::numbers::tenths;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

/// A form field: (name, element id, label).
type Field = (String, String, String);

/// The feedback form for one meeting.
struct FeedbackView {
    meeting_id: String,
    what: String,
    items: Vec<Field>,
}

struct PendingRound {
    id: String,
    what: String,
    items: Vec<Field>,
    /// Eleven tappable steps 0–10 instead of a number field (instruments scored 0–10).
    scale: bool,
    /// What 0 and what 10 mean, in the goal's own words (or the instrument's general ones).
    anchors: (String, String),
    /// A face above each step, for the youngest (see [`FACES_UP_TO_AGE`]).
    faces: bool,
}

/// Up to this age the rating scale shows a face above each number: a 12- or 13-year-old reads
/// a face before a number.
const FACES_UP_TO_AGE: i32 = 13;

/// The face above step `n` of the 0–10 scale, drawn (an emoji depends on the phone's fonts):
/// a circle, two eyes and a mouth from a frown at 0 to a smile at 10, in the label's colour.
fn face(n: i32) -> String {
    let curve = match n {
        0..=1 => -4,
        2..=3 => -2,
        4..=6 => 0,
        7..=8 => 2,
        _ => 4,
    };
    format!(
        "<svg class=\"tandem-scale__face\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\">\
         <circle cx=\"12\" cy=\"12\" r=\"10.5\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.8\"/>\
         <circle cx=\"8.5\" cy=\"9.5\" r=\"1.4\" fill=\"currentColor\"/>\
         <circle cx=\"15.5\" cy=\"9.5\" r=\"1.4\" fill=\"currentColor\"/>\
         <path d=\"M7.5 15.5 Q12 {} 16.5 15.5\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.8\" stroke-linecap=\"round\"/></svg>",
        15.5 + f64::from(curve)
    )
}

/// A round everyone has rated: who gave which number, the citizen's own marked.
struct RevealedView {
    what: String,
    when: String,
    /// (who, their number, whether it is the citizen's own).
    numbers: Vec<(String, String, bool)>,
}

/// The young person's own numbers on one goal: the chart and the same numbers as a list.
struct ProgressView {
    goal: String,
    chart: String,
    numbers: Vec<(String, String)>,
}

/// Minutes waiting for the young person: approve them, or say what is wrong in their words.
struct MinutesView {
    id: String,
    date: String,
    text: String,
    /// What they said was wrong, and when (already sent).
    disagreed: Option<(String, String)>,
    /// Their words as typed, when the disagreement was refused.
    typed: String,
}

struct StepView {
    id: String,
    description: String,
    due: String,
    done: bool,
}

#[derive(Template)]
#[template(path = "me/home.html")]
struct HomePage {
    chrome: Chrome,
    first_name: String,
    young: bool,
    goals: Vec<(String, String, String)>,
    show_goals: bool,
    steps: Vec<StepView>,
    meetings: Vec<(String, String)>,
    show_meetings: bool,
    /// Minutes shared with the young person and not yet approved.
    minutes: Vec<MinutesView>,
    /// The young person's network: (name, relation, what they may see).
    network: Vec<(String, String, String)>,
    topics: Vec<Choice>,
    goal_words: String,
    message: String,
    errors: FormErrors,
    /// The thanks at the top, for what the citizen just did.
    thanks: Option<String>,
    /// The confirmation beside the message form, when a message was just sent.
    message_sent: Option<String>,
    pending: Vec<PendingRound>,
    revealed: Vec<RevealedView>,
    progress: Vec<ProgressView>,
    feedback: Option<FeedbackView>,
    /// The young person's messages, with receipts and replies.
    thread: Vec<MessageView>,
    /// What happens to a worry sent now, and whether the office is open.
    promise: (String, bool),
    /// "Waiting for you" at the top: (section to jump to, what waits).
    waiting: Vec<(&'static str, String)>,
}

/// The form fields of an instrument's items: `value-<i>` named, `<prefix>-<i>` as element id.
fn item_fields(tr: &Translator, instrument: &Instrument, prefix: &str) -> Vec<Field> {
    (0..instrument.items.len())
        .map(|i| {
            let label = item_label(tr, instrument, i);
            (format!("value-{i}"), format!("{prefix}-{i}"), label)
        })
        .collect()
}

impl RevealedView {
    fn new(tr: &Translator, shown: &Revealed, now: OffsetDateTime) -> Self {
        let r = &shown.round;
        let goal = shown
            .goal_words
            .as_ref()
            .map(|w| format!(": “{w}”"))
            .unwrap_or_default();
        Self {
            what: format!("{}{goal}", instrument_name(tr, &shown.instrument)),
            when: r
                .revealed_at
                .map(|at| show_moment(tr, at, now))
                .unwrap_or_default(),
            numbers: r
                .raters
                .iter()
                .enumerate()
                .filter_map(|(i, rater)| {
                    let mine = i == shown.mine;
                    let who = if mine {
                        tr.t("me-revealed-you")
                    } else {
                        let role = word(tr, "kw-rater", rater.role.as_str());
                        format!("{} ({})", rater.label, role.to_lowercase())
                    };
                    Some((who, tenths(tr, rater.total?), mine))
                })
                .collect(),
        }
    }
}

impl ProgressView {
    fn new(tr: &Translator, goal: &GoalProgress) -> Self {
        let points: Vec<Point> = goal
            .points
            .iter()
            .map(|(at, value)| Point {
                date: show_date(tr, in_copenhagen(*at).date()),
                value: f64::from(*value) / 10.0,
                shown: tenths(tr, *value),
            })
            .collect();
        let shown = |p: Option<&Point>| p.map(|p| p.shown.clone()).unwrap_or_default();
        let title = tr.t_strs(
            "me-progress-chart",
            &[
                ("goal", goal.goal_words.as_str()),
                ("first", &shown(points.first())),
                ("last", &shown(points.last())),
            ],
        );
        Self {
            goal: goal.goal_words.clone(),
            chart: progress(&title, &points),
            numbers: points.into_iter().map(|p| (p.date, p.shown)).collect(),
        }
    }
}

impl PendingRound {
    /// The face above step `n` (called by the template).
    fn face(&self, n: &i32) -> String {
        face(*n)
    }

    fn new(tr: &Translator, pending: &Pending, young_age: i32, young: bool) -> Self {
        let goal = pending
            .goal_words
            .as_ref()
            .map(|w| format!(": “{w}”"))
            .unwrap_or_default();
        let id = pending.round.id.to_string();
        let i = &pending.instrument;
        Self {
            what: format!("{}{goal}", instrument_name(tr, i)),
            items: item_fields(tr, i, &format!("round-{id}")),
            scale: i.min == 0 && i.max == 100 && 10 % i.step == 0,
            anchors: pending
                .anchors
                .clone()
                .unwrap_or_else(|| (tr.t("me-rate-anchor-low"), tr.t("me-rate-anchor-high"))),
            faces: young && young_age <= FACES_UP_TO_AGE,
            id,
        }
    }
}

impl FeedbackView {
    fn new(tr: &Translator, due: &FeedbackDue) -> Self {
        let m = &due.meeting;
        Self {
            meeting_id: m.id.to_string(),
            what: format!(
                "{} – {}",
                show_date(tr, m.details.held_on),
                word(tr, "kw-meeting", m.details.kind.as_str())
            ),
            items: item_fields(tr, &due.instrument, "feedback"),
        }
    }
}

/// A network member as the young person sees them: name, relation, and what they may see.
fn network_row(tr: &Translator, m: &MemberRecord) -> (String, String, String) {
    let d = &m.details;
    let scope = consent_words(tr, d.consent, "network-consent-none");
    (
        d.name.as_str().to_owned(),
        d.relation.as_str().to_owned(),
        scope,
    )
}

/// How many, as the page's plural rules take it.
fn count<T>(items: impl Iterator<Item = T>) -> i64 {
    i64::try_from(items.count()).unwrap_or(i64::MAX)
}

/// What waits for the citizen, each with the section of the page it is in: ratings, meeting
/// feedback, minutes to approve, answers from staff in the last 14 days, own open steps.
fn waiting(tr: &Translator, home: &Home, now: OffsetDateTime) -> Vec<(&'static str, String)> {
    let minutes = home
        .minutes_to_approve
        .iter()
        .filter(|m| m.details.minutes.is_some() && m.minutes_disagreement.is_none());
    let replies = home
        .messages
        .iter()
        .flat_map(|m| &m.replies)
        .filter(|r| now - r.at < time::Duration::days(14));
    let steps = home
        .own_steps
        .iter()
        .filter(|s| s.status != StepStatus::Done);
    let revealed = home
        .revealed
        .iter()
        .filter_map(|r| r.round.revealed_at)
        .filter(|at| now - *at < time::Duration::days(14));
    let counted = [
        ("ratings", "me-waiting-ratings", count(home.pending.iter())),
        ("numbers", "me-waiting-revealed", count(revealed)),
        ("minutes", "me-waiting-minutes", count(minutes)),
        ("thread", "me-waiting-replies", count(replies)),
        ("steps", "me-waiting-steps", count(steps)),
    ];
    let mut waiting: Vec<_> = counted
        .into_iter()
        .filter(|(_, _, n)| *n > 0)
        .map(|(anchor, key, n)| (anchor, tr.t_num(key, "count", n)))
        .collect();
    if home.feedback.is_some() {
        waiting.insert(
            1.min(waiting.len()),
            ("feedback", tr.t("me-waiting-feedback")),
        );
    }
    waiting
}

/// What the citizen typed into one of the home page's forms, kept when it is refused.
#[derive(Debug, Default)]
pub(super) struct Typed {
    /// A goal in their own words.
    pub(super) goal_words: String,
    /// A message to the processor.
    pub(super) message: String,
    /// Whether to thank them for what they just sent (feedback, approved minutes).
    pub(super) sent: bool,
    /// Whether they just gave their number in a round.
    pub(super) rated: bool,
    /// Whether they just disagreed with minutes.
    pub(super) disagreed: bool,
    /// A refused disagreement: the meeting and the words as typed.
    pub(super) disagreement: Option<(String, String)>,
    /// What kind of message they just sent, for the confirmation beside the message form.
    pub(super) message_sent: Option<MessageSent>,
}

/// A message just sent: a worry gets a confirmation that says what happens next and where to
/// turn at once; anything else a plain thank-you.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MessageSent {
    /// Any topic but a worry.
    Message,
    /// "I am worried".
    Worry,
}

impl MessageSent {
    /// The `sent=` value of the page the sender returns to.
    pub(super) fn as_query(self) -> &'static str {
        match self {
            Self::Message => "message",
            Self::Worry => "worry",
        }
    }

    fn parse(value: &str) -> Self {
        if value == "worry" {
            Self::Worry
        } else {
            Self::Message
        }
    }
}

impl HomePage {
    fn new(
        chrome: Chrome,
        home: &Home,
        young: bool,
        typed: Typed,
        errors: FormErrors,
        now: OffsetDateTime,
    ) -> Self {
        let tr = &chrome.tr;
        Self {
            thread: thread(tr, home, now),
            waiting: waiting(tr, home, now),
            promise: promise(tr, &home.worry_rules, now),
            first_name: home.first_name.clone(),
            young,
            show_goals: home.scope.goals,
            goals: home
                .goals
                .iter()
                .map(|g| {
                    let d = &g.details;
                    let (words, author) = (d.own_words.as_str(), d.author.as_str());
                    (g.id.to_string(), words.to_owned(), author.to_owned())
                })
                .collect(),
            steps: home
                .own_steps
                .iter()
                .map(|s| StepView {
                    id: s.id.to_string(),
                    description: s.description.clone(),
                    due: show_opt(tr, s.due_date),
                    done: s.status == StepStatus::Done,
                })
                .collect(),
            show_meetings: home.scope.meetings,
            minutes: home
                .minutes_to_approve
                .iter()
                .filter_map(|m| {
                    let id = m.id.to_string();
                    let typed = typed
                        .disagreement
                        .as_ref()
                        .filter(|(meeting, _)| *meeting == id)
                        .map(|(_, words)| words.clone())
                        .unwrap_or_default();
                    Some(MinutesView {
                        text: m.details.minutes.as_ref()?.as_str().to_owned(),
                        date: show_date(tr, m.details.held_on),
                        disagreed: m.minutes_disagreement.as_ref().map(|(words, at)| {
                            (words.as_str().to_owned(), show_moment(tr, *at, now))
                        }),
                        typed,
                        id,
                    })
                })
                .collect(),
            network: home.network.iter().map(|m| network_row(tr, m)).collect(),
            meetings: home
                .meetings
                .iter()
                .map(|m| {
                    let kind = word(tr, "kw-meeting", m.details.kind.as_str());
                    (show_date(tr, m.details.held_on), kind)
                })
                .collect(),
            topics: keyword_choices(
                tr,
                "me-topic",
                StatementTopic::ALL.iter().map(|t| t.as_str()),
                "prepare_meeting",
            ),
            goal_words: typed.goal_words,
            message: typed.message,
            thanks: if typed.rated {
                Some(tr.t("me-rated"))
            } else if typed.disagreed {
                Some(tr.t("me-minutes-disagreed"))
            } else {
                typed.sent.then(|| tr.t("me-thanks"))
            },
            message_sent: typed.message_sent.map(|sent| match sent {
                MessageSent::Message => tr.t("me-message-sent"),
                MessageSent::Worry => {
                    let by = home.worry_rules.acknowledge_by(now);
                    tr.t_str("me-worry-sent", "when", &show_moment(tr, by, now))
                }
            }),
            pending: home
                .pending
                .iter()
                .map(|p| PendingRound::new(tr, p, home.young_age, young))
                .collect(),
            revealed: home
                .revealed
                .iter()
                .map(|r| RevealedView::new(tr, r, now))
                .collect(),
            progress: home
                .progress
                .iter()
                .map(|g| ProgressView::new(tr, g))
                .collect(),
            feedback: home.feedback.as_ref().map(|f| FeedbackView::new(tr, f)),
            errors,
            chrome,
        }
    }
}

/// The citizen's page, with what they typed and its errors when a form was refused (422).
pub(super) async fn home(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    typed: Typed,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let account = &ctx.citizen()?.account;
    let actor = ctx.actor(state.now());
    let home = citizens::home(state.app(), &actor, account, state.today()).await?;
    let young = account.role == CitizenRole::YoungPerson;
    let status = errors.status();
    let page = HomePage::new(chrome, &home, young, typed, errors, state.now());
    render(status, &page)
}

/// The home page again, with errors from a rating or feedback form.
pub(super) async fn home_with_errors(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    errors: FormErrors,
) -> Result<Response, AppError> {
    home(state, chrome, ctx, Typed::default(), errors).await
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct SentQuery {
    sent: Option<String>,
    thanks: Option<String>,
    rated: Option<String>,
    disagreed: Option<String>,
}

pub(super) async fn show_home(
    Page { state, chrome, ctx }: Page,
    Query(query): Query<SentQuery>,
) -> Result<Response, AppError> {
    let typed = Typed {
        sent: query.thanks.is_some(),
        rated: query.rated.is_some(),
        disagreed: query.disagreed.is_some(),
        message_sent: query.sent.as_deref().map(MessageSent::parse),
        ..Typed::default()
    };
    home(&state, chrome, &ctx, typed, FormErrors::new()).await
}
