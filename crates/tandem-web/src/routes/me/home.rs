//! "My course" for the young person and network members: goals in their own words, their own
//! steps (mark them done), meetings in scope, and — for the young person — adding a goal and
//! writing to their processor. Staff-internal notes are never read here (R4); a network member
//! sees only what their consent scope allows (R7).

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::citizens::{
    self, CitizenRole, FeedbackDue, Home, MemberRecord, PendingRound as Pending,
};
use tandem_domain::course::kinds::{StatementTopic, StepStatus};
use tandem_domain::instrument::Instrument;

use time::OffsetDateTime;

use super::thread::{MessageView, promise, thread};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, FormErrors, keyword_choices};
use crate::i18n::Translator;
use crate::kit::{instrument_name, item_label, show_date, show_moment, show_opt, word};
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
    /// Minutes shared with the young person and not yet approved: (meeting id, date, minutes).
    minutes: Vec<(String, String, String)>,
    /// The young person's network: (name, relation, what they may see).
    network: Vec<(String, String, String)>,
    topics: Vec<Choice>,
    goal_words: String,
    message: String,
    errors: FormErrors,
    sent: bool,
    /// The confirmation beside the message form, when a message was just sent.
    message_sent: Option<String>,
    pending: Vec<PendingRound>,
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

impl PendingRound {
    fn new(tr: &Translator, pending: &Pending) -> Self {
        let goal = pending
            .goal_words
            .as_ref()
            .map(|w| format!(": “{w}”"))
            .unwrap_or_default();
        let id = pending.round.id.to_string();
        Self {
            what: format!("{}{goal}", instrument_name(tr, &pending.instrument)),
            items: item_fields(tr, &pending.instrument, &format!("round-{id}")),
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
    let c = m.details.consent;
    let scope: Vec<String> = [
        (c.goals, "network-consent-goals"),
        (c.steps, "network-consent-steps"),
        (c.meetings, "network-consent-meetings"),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, key)| tr.t(key))
    .collect();
    let scope = if scope.is_empty() {
        tr.t("network-consent-none")
    } else {
        scope.join(", ")
    };
    let d = &m.details;
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
        .filter(|m| m.details.minutes.is_some());
    let replies = home
        .messages
        .iter()
        .flat_map(|m| &m.replies)
        .filter(|r| now - r.at < time::Duration::days(14));
    let steps = home
        .own_steps
        .iter()
        .filter(|s| s.status != StepStatus::Done);
    let counted = [
        ("ratings", "me-waiting-ratings", count(home.pending.iter())),
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
    /// Whether to thank them for what they just sent (a rating, approved minutes).
    pub(super) sent: bool,
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
                    let text = m.details.minutes.as_ref()?.as_str().to_owned();
                    Some((m.id.to_string(), show_date(tr, m.details.held_on), text))
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
            sent: typed.sent,
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
                .map(|p| PendingRound::new(tr, p))
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
}

pub(super) async fn show_home(
    Page { state, chrome, ctx }: Page,
    Query(query): Query<SentQuery>,
) -> Result<Response, AppError> {
    let typed = Typed {
        sent: query.thanks.is_some(),
        message_sent: query.sent.as_deref().map(MessageSent::parse),
        ..Typed::default()
    };
    home(&state, chrome, &ctx, typed, FormErrors::new()).await
}
