//! The team's rhythms (practices 6 and 1). *Keep the pulse*: a campaign carries a three-minute
//! weekly prompt; the page shows, week by week, how many of the team told a story (the
//! submission rate) and whether the week's co-production share and blending left their normal
//! range — the alert that also reaches the manager's home. *Who are we becoming?*: a campaign
//! carries a monthly prompt; the page shows how the team's role centroid drifts and the share of
//! stories where the social worker acted as a processor. The manager chooses the campaigns.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use tandem_analytics::rhythm::{IdentityMonth, PulseWeek, RhythmStory, Watched, identity, pulse};
use tandem_analytics::ternary::Composition;
use tandem_domain::Id;
use tandem_domain::practice::reflection::Rhythm;
use tandem_domain::practice::vocabulary::uptake_months;
use tandem_domain::staff::Team;
use tandem_store::practices::rhythms::RhythmRow;
use time::Date;

use super::{PageForms, TeamHeader, audit_read, team_header};
use crate::audit::Entry;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form};
use crate::i18n::Translator;
use crate::kit::show_date;
use crate::numbers::{decimal, percent};
use crate::page::{Chrome, render};
use crate::state::AppState;

/// How many weeks the pulse shows.
const WEEKS: usize = 12;

/// A week of the pulse as the table shows it.
pub(crate) struct WeekRow {
    pub(crate) week: String,
    pub(crate) stories: usize,
    pub(crate) tellers: usize,
    pub(crate) rate: String,
    pub(crate) together: String,
    pub(crate) blending: String,
    pub(crate) outside: bool,
}

/// A month of the identity check-in as the table shows it.
pub(crate) struct MonthRow {
    pub(crate) month: String,
    pub(crate) stories: usize,
    pub(crate) processor: String,
    pub(crate) centroid: String,
    pub(crate) drift: String,
}

#[derive(Template)]
#[template(path = "practices/rhythm.html")]
struct RhythmPage {
    chrome: Chrome,
    team: TeamHeader,
    /// "pulse" or "identity".
    rhythm: &'static str,
    title: String,
    lead: String,
    /// The carrying campaign: (title, link).
    campaign: Option<(String, String)>,
    weeks: Vec<WeekRow>,
    months: Vec<MonthRow>,
    alert: Option<String>,
    campaigns: Vec<Choice>,
    forms: PageForms,
    notice: Option<String>,
}

/// The Monday of `date`'s week.
fn monday(date: Date) -> Date {
    date - time::Duration::days(i64::from(date.weekday().number_days_from_monday()))
}

/// The stories as the rhythm computations read them, in `periods` of the given starts.
fn rhythm_stories(
    rows: &[RhythmRow],
    starts: &[Date],
    members: &HashMap<String, u64>,
) -> Vec<RhythmStory> {
    rows.iter()
        .filter_map(|r| {
            let period = starts.iter().rposition(|s| *s <= r.collected_on)?;
            Some(RhythmStory {
                period,
                teller: r.author.and_then(|a| members.get(&a.to_string()).copied()),
                logic: r.logic.and_then(|w| Composition::from_weights(w).ok()),
                role: r.role.and_then(|w| Composition::from_weights(w).ok()),
            })
        })
        .collect()
}

/// "40 % (normal 35–45 %)", or that the week has too few stories.
fn watched_text(tr: &Translator, watched: Option<Watched>, as_percent: bool) -> String {
    let show = |v: f64| {
        if as_percent {
            percent(tr, v)
        } else {
            decimal(tr, v, 2)
        }
    };
    match watched {
        None => tr.t("rhythm-too-few"),
        Some(w) => match w.range {
            Some((low, high)) => tr.t_strs(
                "rhythm-with-range",
                &[
                    ("value", &show(w.value)),
                    ("low", &show(low.max(0.0))),
                    ("high", &show(high.min(1.0))),
                ],
            ),
            None => show(w.value),
        },
    }
}

/// The weekly pulse of the team's pulse campaign (none when no campaign carries it), with the
/// alert when the latest shown week left its normal range.
pub(crate) async fn team_pulse(
    state: &AppState,
    org: Id<tandem_domain::organization::Organization>,
    team: Id<Team>,
) -> Result<Option<(Vec<Date>, Vec<PulseWeek>)>, AppError> {
    let Some(campaign) = state
        .store()
        .rhythm_campaign(org, team, Rhythm::Pulse)
        .await?
    else {
        return Ok(None);
    };
    let today = state.today();
    let first = monday(today) - time::Duration::weeks(i64::try_from(WEEKS).unwrap_or(12) - 1);
    let starts: Vec<Date> = (0..WEEKS)
        .map(|i| first + time::Duration::weeks(i64::try_from(i).unwrap_or(0)))
        .collect();
    let rows = state.store().rhythm_stories(org, campaign, first).await?;
    let members = state.store().team_members(org, team).await?;
    let index: HashMap<String, u64> = members
        .iter()
        .zip(0_u64..)
        .map(|(m, i)| (m.id.to_string(), i))
        .collect();
    let stories = rhythm_stories(&rows, &starts, &index);
    Ok(Some((starts, pulse(&stories, WEEKS, members.len()))))
}

/// Whether the latest week with enough stories left its normal range.
pub(crate) fn pulse_alert(weeks: &[PulseWeek]) -> bool {
    weeks
        .iter()
        .rev()
        .find(|w| w.together.is_some())
        .is_some_and(|w| {
            w.together.is_some_and(|x| x.outside()) || w.blending.is_some_and(|x| x.outside())
        })
}

async fn rhythm_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    rhythm: Rhythm,
    forms: PageForms,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let team = team_header(state, ctx).await?;
    let org = ctx.staff()?.organization_id;
    let team_id = ctx.team()?;
    let campaigns: Vec<_> = state
        .store()
        .campaigns(org)
        .await?
        .into_iter()
        .filter(|c| c.team_id == Some(team_id))
        .collect();
    let chosen = state.store().rhythm_campaign(org, team_id, rhythm).await?;
    let mut page = RhythmPage {
        rhythm: rhythm.as_str(),
        title: tr.t(&format!("{}-title", rhythm.as_str())),
        lead: tr.t(&format!("{}-lead", rhythm.as_str())),
        campaign: chosen.and_then(|id| {
            campaigns.iter().find(|c| c.id == id).map(|c| {
                (
                    c.details.title.as_str().to_owned(),
                    format!("/campaigns/{id}"),
                )
            })
        }),
        weeks: Vec::new(),
        months: Vec::new(),
        alert: None,
        campaigns: Choice::list(
            std::iter::once((String::new(), tr.t("rhythm-campaign-choose"))).chain(
                campaigns
                    .iter()
                    .map(|c| (c.id.to_string(), c.details.title.as_str().to_owned())),
            ),
            &chosen.map(|c| c.to_string()).unwrap_or_default(),
        ),
        notice: forms.values.get("notice").cloned(),
        forms,
        team,
        chrome,
    };
    match (rhythm, chosen) {
        (Rhythm::Pulse, Some(_)) => {
            if let Some((starts, weeks)) = team_pulse(state, org, team_id).await? {
                if pulse_alert(&weeks) {
                    page.alert = Some(tr.t("pulse-alert"));
                }
                page.weeks = starts
                    .iter()
                    .zip(&weeks)
                    .rev()
                    .map(|(start, w)| WeekRow {
                        week: show_date(&tr, *start),
                        stories: w.stories,
                        tellers: w.tellers,
                        rate: w
                            .submission_rate
                            .map_or_else(String::new, |r| percent(&tr, r)),
                        together: watched_text(&tr, w.together, true),
                        blending: watched_text(&tr, w.blending, false),
                        outside: w.together.is_some_and(|x| x.outside())
                            || w.blending.is_some_and(|x| x.outside()),
                    })
                    .collect();
            }
        }
        (Rhythm::Identity, Some(campaign)) => {
            let starts = uptake_months(state.today());
            let rows = state
                .store()
                .rhythm_stories(org, campaign, starts[0])
                .await?;
            let stories = rhythm_stories(&rows, &starts, &HashMap::new());
            let months: Vec<IdentityMonth> = identity(&stories, starts.len());
            page.months = starts
                .iter()
                .zip(&months)
                .rev()
                .map(|(start, m)| MonthRow {
                    month: show_date(&tr, *start),
                    stories: m.stories,
                    processor: m
                        .processor_share
                        .map_or_else(|| tr.t("rhythm-too-few"), |s| percent(&tr, s)),
                    centroid: m.centroid.map_or_else(String::new, |c| {
                        let [a, p, f] = c.parts();
                        tr.t_strs(
                            "identity-centroid",
                            &[
                                ("administrator", &percent(&tr, a)),
                                ("provider", &percent(&tr, p)),
                                ("processor", &percent(&tr, f)),
                            ],
                        )
                    }),
                    drift: m.drift.map_or_else(String::new, |d| decimal(&tr, d, 2)),
                })
                .collect();
        }
        _ => {}
    }
    audit_read(
        state,
        ctx,
        rhythm.as_str(),
        page.team.id.clone(),
        "team rhythm",
    )
    .await?;
    render(status, &page)
}

/// The weekly pulse.
pub(super) async fn show_pulse(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    rhythm_page(&state, chrome, &ctx, Rhythm::Pulse, forms, StatusCode::OK).await
}

/// The monthly identity check-in.
pub(super) async fn show_identity(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    rhythm_page(
        &state,
        chrome,
        &ctx,
        Rhythm::Identity,
        forms,
        StatusCode::OK,
    )
    .await
}

/// Chooses the campaign that carries a rhythm (the manager).
pub(super) async fn set_campaign(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let staff = *ctx.staff()?;
    let team = ctx.team()?;
    let mut forms = PageForms::from_pairs(&pairs);
    let rhythm = Rhythm::parse(&forms.value("rhythm")).unwrap_or(Rhythm::Pulse);
    let campaign = Id::parse(&forms.value("campaign")).ok();
    let mut tx = state.store().begin().await?;
    let set = match campaign {
        Some(campaign) => {
            tx.set_rhythm_campaign(
                staff.organization_id,
                team,
                (rhythm, campaign, state.today()),
                staff.user_id,
            )
            .await?
        }
        None => false,
    };
    if !set {
        drop(tx);
        forms.errors.add("campaign", tr.t("rhythm-error-campaign"));
        return rhythm_page(
            &state,
            chrome,
            &ctx,
            rhythm,
            forms,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    super::commit_and_redirect(
        &state,
        &ctx,
        tx,
        Entry::allowed(
            "rhythm.set",
            "team",
            Some(team.to_string()),
            rhythm.as_str(),
        ),
        &format!("/teams/{team}/{}?saved=rhythm", rhythm.as_str()),
    )
    .await
}
