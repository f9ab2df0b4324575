//! Management measured as management (issue 22): the manager's decision journal — what was
//! decided and which logics were weighed — and the quarter's view putting four mixes side by
//! side: intended (the questionnaire), decided (the journal), staff's narration of management
//! (T4) and of their own work (T1, the same stories), each labelled by a stated convention.

use askama::Template;
use axum::extract::RawQuery;
use axum::response::Response;
use tandem_analytics::gap::{CLOSE, manager_gap};
use tandem_analytics::profile::DOMINANT;
use tandem_analytics::ternary::Composition;
use tandem_app::practices::journal::{self, DecisionRecord, RecordOutcome};
use tandem_app::practices::management::{self, ManagementQuarter, Mix};
use tandem_domain::practice::journal::{DecisionEntry, Logic, Quarter};
use tandem_domain::practice::{MAX_LINE_CHARS, MAX_TEXT_CHARS};

use super::{PageForms, TeamHeader, team_header, team_ref};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, add_problem};
use crate::i18n::Translator;
use crate::kit::{pairs, see_other, show_date};
use crate::numbers::{percent, whole};
use crate::page::{Chrome, Page, render};
use crate::state::AppState;

/// A journal entry as listed.
pub(crate) struct EntryView {
    date: String,
    decision: String,
    weighed: String,
    why: Option<String>,
}

/// A logic in the reader's words.
fn logic_label(tr: &Translator, logic: Logic) -> String {
    tr.t(&format!("logic-{}", logic.as_str()))
}

fn entry_view(tr: &Translator, record: &DecisionRecord) -> EntryView {
    let e = &record.entry;
    EntryView {
        date: show_date(tr, e.decided_on),
        decision: e.decision.as_str().to_owned(),
        weighed: e
            .weighed
            .iter()
            .map(|l| logic_label(tr, *l))
            .collect::<Vec<_>>()
            .join(", "),
        why: e.why.as_ref().map(|w| w.as_str().to_owned()),
    }
}

#[derive(Template)]
#[template(path = "practices/decisions.html")]
struct JournalPage {
    chrome: Chrome,
    team: TeamHeader,
    forms: PageForms,
    /// The logics as checkboxes: (field, label, ticked).
    logics: Vec<(String, String, bool)>,
    entries: Vec<EntryView>,
    /// This quarter's view.
    quarter_link: String,
}

async fn journal_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    mut forms: PageForms,
) -> Result<Response, AppError> {
    let team = team_header(state, ctx).await?;
    let actor = ctx.actor(state.now());
    let found = journal::entries(
        state.app(),
        &actor,
        team_ref(ctx)?,
        None,
        "decision journal",
    )
    .await?;
    forms.default_value("decided_on", state.today().to_string());
    let tr = chrome.tr.clone();
    let page = JournalPage {
        logics: Logic::ALL
            .iter()
            .map(|l| {
                let field = format!("weighed_{}", l.as_str());
                let ticked = forms.value(&field) == "on";
                (field, logic_label(&tr, *l), ticked)
            })
            .collect(),
        entries: found.iter().map(|r| entry_view(&tr, r)).collect(),
        quarter_link: format!(
            "/teams/{}/management?quarter={}",
            team.id,
            Quarter::of(state.today())
        ),
        team,
        forms,
        chrome,
    };
    render(page.forms.status(), &page)
}

/// The journal, with the form for a new decision (for the manager).
pub(super) async fn show_journal(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    journal_page(&state, chrome, &ctx, forms).await
}

/// The decision as typed, or `None` with the problems in `forms` (a decision is recorded once
/// taken: not on a day after `today`).
fn parse_entry(tr: &Translator, forms: &mut PageForms, today: time::Date) -> Option<DecisionEntry> {
    let decided_on = forms.date(tr, "decided_on", true);
    let decision = forms.text(tr, "decision", MAX_LINE_CHARS, true);
    let why = if forms.value("why").trim().is_empty() {
        Some(None)
    } else {
        forms.text(tr, "why", MAX_TEXT_CHARS, false).map(Some)
    };
    let weighed = Logic::ALL
        .iter()
        .copied()
        .filter(|l| forms.value(&format!("weighed_{}", l.as_str())) == "on")
        .collect();
    let decided_on = decided_on.filter(|day| {
        let future = *day > today;
        if future {
            forms.errors.add("decided_on", tr.t("journal-error-future"));
        }
        !future
    });
    let entry = DecisionEntry {
        decided_on: decided_on?,
        decision: decision?,
        weighed,
        why: why?,
    };
    for problem in entry.problems() {
        add_problem(tr, &mut forms.errors, problem);
    }
    forms.errors.is_empty().then_some(entry)
}

/// Records a decision and shows the journal.
pub(super) async fn record_decision(
    Page { state, chrome, ctx }: Page,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let mut forms = PageForms::from_pairs(&pairs);
    let Some(entry) = parse_entry(&chrome.tr, &mut forms, state.today()) else {
        return journal_page(&state, chrome, &ctx, forms).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    match journal::record(state.app(), &actor, team, &entry).await? {
        RecordOutcome::Recorded(_) => see_other(&format!(
            "/teams/{}/decisions?saved=journal#journal",
            team.id
        )),
        RecordOutcome::Invalid(problems) => {
            for problem in problems {
                add_problem(&chrome.tr, &mut forms.errors, problem);
            }
            journal_page(&state, chrome, &ctx, forms).await
        }
    }
}

/// One row of the quarter's table: what it is, its three shares (or why none), n, and words.
pub(crate) struct MixRow {
    label: String,
    shares: Option<[String; 3]>,
    n: String,
    words: String,
}

#[derive(Template)]
#[template(path = "practices/management.html")]
struct ManagementPage {
    chrome: Chrome,
    team: TeamHeader,
    quarter: String,
    previous: String,
    next: Option<String>,
    logics: Vec<String>,
    rows: Vec<MixRow>,
    /// The gaps in words, each against the intended mix.
    gaps: Vec<String>,
    /// The conventions behind every label, with where they come from.
    conventions: Vec<String>,
    campaign: Option<String>,
    entries: Vec<EntryView>,
}

/// A mix in words: the dominant logic (from [`DOMINANT`]), else the largest.
fn mix_words(tr: &Translator, parts: [f64; 3]) -> String {
    let (top, share) = parts
        .iter()
        .copied()
        .enumerate()
        .fold(
            (0, f64::MIN),
            |best, (i, p)| if p > best.1 { (i, p) } else { best },
        );
    let logic = logic_label(tr, Logic::ALL[top]);
    let key = if share >= DOMINANT {
        "management-dominant"
    } else {
        "management-mixed"
    };
    tr.t_str(key, "logic", &logic)
}

fn row(
    tr: &Translator,
    label: &str,
    mix: Option<[f64; 3]>,
    n: Option<usize>,
    missing: String,
) -> MixRow {
    MixRow {
        label: tr.t(label),
        shares: mix.map(|m| m.map(|p| percent(tr, p))),
        n: n.map_or_else(String::new, |n| whole(tr, n)),
        words: mix.map_or(missing, |m| mix_words(tr, m)),
    }
}

/// The gap from the intended mix to `other`, in words (the card's convention: close under 0.1).
fn gap_words(
    tr: &Translator,
    label: &str,
    intended: [f64; 3],
    other: Option<Mix>,
) -> Option<String> {
    let (a, b) = (
        Composition::from_weights(intended).ok()?,
        Composition::from_weights(other?.parts).ok()?,
    );
    let gap = manager_gap(a, b);
    let size = crate::numbers::decimal(tr, gap.size, 2);
    let what = tr.t(label);
    Some(if gap.is_close() {
        tr.t_strs("management-gap-close", &[("what", &what), ("gap", &size)])
    } else {
        tr.t_strs(
            "management-gap",
            &[
                ("what", &what),
                ("gap", &size),
                ("more", &logic_label(tr, Logic::ALL[gap.more])),
                ("less", &logic_label(tr, Logic::ALL[gap.less])),
            ],
        )
    })
}

impl ManagementPage {
    fn new(chrome: Chrome, team: TeamHeader, shown: &ManagementQuarter, today: time::Date) -> Self {
        let tr = chrome.tr.clone();
        let k = tandem_app::stories::patterns::min_group().get().to_string();
        let too_few =
            |n: usize| tr.t_strs("management-too-few", &[("n", &whole(&tr, n)), ("k", &k)]);
        let rows = vec![
            row(
                &tr,
                "management-intended",
                shown.intended,
                None,
                shown.intended_later.map_or_else(
                    || tr.t("management-no-intention"),
                    |on| tr.t_str("management-intention-later", "date", &show_date(&tr, on)),
                ),
            ),
            row(
                &tr,
                "management-decided",
                shown.decided.map(|m| m.parts),
                shown.decided.map(|m| m.n),
                tr.t("management-no-decisions"),
            ),
            row(
                &tr,
                "management-told",
                shown.management_told.map(|m| m.parts),
                Some(
                    shown
                        .management_told
                        .map_or(shown.management_answers, |m| m.n),
                ),
                too_few(shown.management_answers),
            ),
            row(
                &tr,
                "management-work",
                shown.work_told.map(|m| m.parts),
                shown.work_told.map(|m| m.n),
                too_few(shown.management_answers),
            ),
        ];
        let gaps = shown
            .intended
            .map(|intended| {
                [
                    ("management-decided", shown.decided),
                    ("management-told", shown.management_told),
                    ("management-work", shown.work_told),
                ]
                .into_iter()
                .filter_map(|(label, mix)| gap_words(&tr, label, intended, mix))
                .collect()
            })
            .unwrap_or_default();
        let conventions = vec![
            tr.t_str(
                "management-convention-dominant",
                "share",
                &percent(&tr, DOMINANT),
            ),
            tr.t_str(
                "management-convention-gap",
                "close",
                &crate::numbers::decimal(&tr, CLOSE, 2),
            ),
            tr.t("management-convention-journal"),
            tr.t_str("management-convention-k", "k", &k),
            tr.t("management-convention-stories"),
        ];
        let quarter = shown.quarter;
        let base = format!("/teams/{}/management?quarter=", team.id);
        Self {
            quarter: tr.t_strs(
                "management-quarter",
                &[
                    ("quarter", &quarter.number.to_string()),
                    ("year", &quarter.year.to_string()),
                    ("from", &show_date(&tr, quarter.first_day())),
                    ("to", &show_date(&tr, quarter.last_day())),
                ],
            ),
            previous: format!("{base}{}", quarter.previous()),
            next: (quarter.next().first_day() <= today)
                .then(|| format!("{base}{}", quarter.next())),
            logics: Logic::ALL.iter().map(|l| logic_label(&tr, *l)).collect(),
            rows,
            gaps,
            conventions,
            campaign: shown
                .campaign
                .as_ref()
                .map(|c| c.details.title.as_str().to_owned()),
            entries: shown.decisions.iter().map(|r| entry_view(&tr, r)).collect(),
            team,
            chrome,
        }
    }
}

/// The quarter's view (`?quarter=2026-Q4`; this quarter without).
pub(super) async fn show_management(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let today = state.today();
    let quarter = pairs(query.as_deref())
        .iter()
        .find(|(n, _)| n == "quarter")
        .and_then(|(_, v)| Quarter::parse(v))
        .filter(|q| q.first_day() <= today)
        .unwrap_or_else(|| Quarter::of(today));
    let team = team_header(&state, &ctx).await?;
    let actor = ctx.actor(state.now());
    let shown = management::quarter(
        state.app(),
        state.columns(),
        &actor,
        team_ref(&ctx)?,
        quarter,
    )
    .await?;
    let page = ManagementPage::new(chrome, team, &shown, today);
    render(axum::http::StatusCode::OK, &page)
}
