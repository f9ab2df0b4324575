//! The network: the eco-map with its equivalent table, adding and ending relations (a support
//! person must be at least 15), and dated snapshots with a readable diff.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tandem_domain::PlainText;
use tandem_domain::course::kinds::{Direction, NetworkRole, Sector, Strength};
use tandem_domain::course::network::{ConsentScope, MemberDetails, SnapshotEntry, diff};
use tandem_store::network::{Member, MemberRecord};

use super::ecomap::{EcoMap, SIZE, layout};
use super::shared::{
    Change, CourseHeader, audit_read, commit_and_redirect, load, path_id, show_date, show_opt, word,
};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form, FormErrors, add_problem, keyword_choices, optional_date};
use crate::i18n::Translator;
use crate::page::{Chrome, render};
use crate::state::AppState;

struct MemberRow {
    id: String,
    name: String,
    relation: String,
    sector: String,
    strength: String,
    stressful: bool,
    direction: String,
    roles: String,
    consent: String,
    active: bool,
    period: String,
}

struct SnapshotView {
    date: String,
    count: i64,
    changes: Vec<String>,
}

#[derive(Template)]
#[template(path = "courses/network.html")]
struct NetworkPage {
    chrome: Chrome,
    header: CourseHeader,
    map: EcoMap,
    size: f64,
    members: Vec<MemberRow>,
    snapshots: Vec<SnapshotView>,
    form: MemberForm,
    errors: FormErrors,
    sectors: Vec<Choice>,
    strengths: Vec<Choice>,
    directions: Vec<Choice>,
}

/// The "add a relation" form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct MemberForm {
    name: String,
    relation: String,
    sector: String,
    strength: String,
    stressful: Option<String>,
    direction: String,
    role_safety: Option<String>,
    role_support: Option<String>,
    role_plan: Option<String>,
    birth_date: String,
    consent_goals: Option<String>,
    consent_steps: Option<String>,
    consent_meetings: Option<String>,
    consent_given_by: String,
}

impl MemberForm {
    fn parse(&self, tr: &Translator, today: time::Date) -> Result<MemberDetails, FormErrors> {
        let mut errors = FormErrors::new();
        let name = PlainText::parse_single_line(&self.name, 120)
            .map_err(|_| errors.add("name", tr.t("network-error-name")))
            .ok();
        let relation = PlainText::parse_single_line(&self.relation, 120)
            .map_err(|_| errors.add("relation", tr.t("network-error-relation")))
            .ok();
        let mut choose = |field: &'static str, ok: bool| {
            if !ok {
                errors.add(field, tr.t("course-error-choose"));
            }
        };
        let sector = Sector::parse(&self.sector).ok();
        choose("sector", sector.is_some());
        let strength = Strength::parse(&self.strength).ok();
        choose("strength", strength.is_some());
        let direction = Direction::parse(&self.direction).ok();
        choose("direction", direction.is_some());
        let birth_date = optional_date(tr, &mut errors, "birth_date", &self.birth_date);
        let consent_given_by = if self.consent_given_by.trim().is_empty() {
            None
        } else {
            PlainText::parse_single_line(&self.consent_given_by, 120)
                .map_err(|_| errors.add("consent_given_by", tr.t("course-error-text")))
                .ok()
        };
        let roles = [
            (self.role_safety.is_some(), NetworkRole::SafetyPerson),
            (self.role_support.is_some(), NetworkRole::SupportPerson),
            (self.role_plan.is_some(), NetworkRole::PlanParticipant),
        ]
        .into_iter()
        .filter_map(|(on, role)| on.then_some(role))
        .collect();
        let (Some(name), Some(relation), Some(sector), Some(strength), Some(direction), true) = (
            name,
            relation,
            sector,
            strength,
            direction,
            errors.is_empty(),
        ) else {
            return Err(errors);
        };
        let details = MemberDetails {
            name,
            sector,
            relation,
            strength,
            stressful: self.stressful.is_some(),
            direction,
            roles,
            birth_date,
            consent: ConsentScope {
                goals: self.consent_goals.is_some(),
                steps: self.consent_steps.is_some(),
                meetings: self.consent_meetings.is_some(),
            },
            consent_given_by,
        };
        for problem in details.problems(today) {
            add_problem(tr, &mut errors, problem);
        }
        if errors.is_empty() {
            Ok(details)
        } else {
            Err(errors)
        }
    }
}

fn member_row(tr: &Translator, m: &MemberRecord) -> MemberRow {
    let d = &m.details;
    let scope: Vec<String> = [
        (d.consent.goals, "network-consent-goals"),
        (d.consent.steps, "network-consent-steps"),
        (d.consent.meetings, "network-consent-meetings"),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, key)| tr.t(key))
    .collect();
    let active = m.active_to.is_none() && m.consent_revoked_at.is_none();
    MemberRow {
        id: m.id.to_string(),
        name: d.name.as_str().to_owned(),
        relation: d.relation.as_str().to_owned(),
        sector: word(tr, "kw-sector", d.sector.as_str()),
        strength: word(tr, "kw-strength", d.strength.as_str()),
        stressful: d.stressful,
        direction: word(tr, "kw-direction", d.direction.as_str()),
        roles: d
            .roles
            .iter()
            .map(|r| word(tr, "kw-role", r.as_str()))
            .collect::<Vec<_>>()
            .join(", "),
        consent: if scope.is_empty() {
            tr.t("network-consent-none")
        } else {
            scope.join(", ")
        },
        active: m.active_to.is_none(),
        period: format!(
            "{} – {}",
            show_date(tr, m.active_from),
            if active {
                String::new()
            } else {
                show_opt(tr, m.active_to)
            }
        ),
    }
}

fn describe(tr: &Translator, before: &[SnapshotEntry], after: &[SnapshotEntry]) -> Vec<String> {
    let d = diff(before, after);
    let mut lines = Vec::new();
    if d.new_supportive > 0 {
        lines.push(tr.t_num(
            "snapshot-new-supportive",
            "count",
            i64::try_from(d.new_supportive).unwrap_or(0),
        ));
    }
    for e in &d.added {
        lines.push(tr.t_str("snapshot-added", "name", &e.name));
    }
    for e in &d.removed {
        lines.push(tr.t_str("snapshot-removed", "name", &e.name));
    }
    for (old, new) in &d.changed {
        let mut parts = Vec::new();
        if old.strength != new.strength {
            parts.push(format!(
                "{} → {}",
                word(tr, "kw-strength", &old.strength),
                word(tr, "kw-strength", &new.strength)
            ));
        }
        if old.direction != new.direction {
            parts.push(format!(
                "{} → {}",
                word(tr, "kw-direction", &old.direction),
                word(tr, "kw-direction", &new.direction)
            ));
        }
        if old.stressful != new.stressful {
            parts.push(tr.t(if new.stressful {
                "snapshot-now-stressful"
            } else {
                "snapshot-no-longer-stressful"
            }));
        }
        if parts.is_empty() {
            parts.push(tr.t("snapshot-details-changed"));
        }
        lines.push(format!("{}: {}", new.name, parts.join("; ")));
    }
    if lines.is_empty() {
        lines.push(tr.t("snapshot-no-change"));
    }
    lines
}

async fn page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    form: MemberForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let (header, entry) = load(state, ctx, &tr, "/network")?;
    let (org, id) = (entry.organization_id, entry.id);
    let members = state.store().network_of(org, id).await?;
    let snapshots = state.store().snapshots_of(org, id).await?;
    audit_read(state, ctx, "network").await?;
    let current: Vec<&MemberRecord> = members.iter().filter(|m| m.active_to.is_none()).collect();
    let mut views = Vec::new();
    let mut previous: &[SnapshotEntry] = &[];
    for snapshot in &snapshots {
        views.push(SnapshotView {
            date: show_date(&tr, snapshot.taken_on),
            count: i64::try_from(snapshot.entries.len()).unwrap_or(0),
            changes: if previous.is_empty() && views.is_empty() {
                vec![tr.t("snapshot-first")]
            } else {
                describe(&tr, previous, &snapshot.entries)
            },
        });
        previous = &snapshot.entries;
    }
    views.reverse();
    let page = NetworkPage {
        map: layout(&tr, entry.details.young_person_name.as_str(), &current),
        size: SIZE,
        members: members.iter().map(|m| member_row(&tr, m)).collect(),
        snapshots: views,
        sectors: keyword_choices(
            &tr,
            "kw-sector",
            Sector::ALL.iter().map(|s| s.as_str()),
            &form.sector,
        ),
        strengths: keyword_choices(
            &tr,
            "kw-strength",
            Strength::ALL.iter().map(|s| s.as_str()),
            &form.strength,
        ),
        directions: keyword_choices(
            &tr,
            "kw-direction",
            Direction::ALL.iter().map(|s| s.as_str()),
            &form.direction,
        ),
        form,
        errors,
        header,
        chrome,
    };
    render(status, &page)
}

pub(super) async fn show_network(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let form = MemberForm {
        sector: "family".into(),
        strength: "moderate".into(),
        direction: "mutual".into(),
        ..MemberForm::default()
    };
    page(
        &state,
        chrome,
        &ctx,
        form,
        FormErrors::new(),
        StatusCode::OK,
    )
    .await
}

pub(super) async fn add_member(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(form): Form<MemberForm>,
) -> Result<Response, AppError> {
    let course = ctx.course()?.clone();
    match form.parse(&chrome.tr, state.today()) {
        Ok(details) => {
            let mut tx = state.store().begin().await?;
            let id = tx
                .insert_member(
                    course.organization_id,
                    course.id,
                    &details,
                    state.today(),
                    state.now(),
                )
                .await?;
            commit_and_redirect(
                &state,
                &ctx,
                tx,
                Change {
                    action: "network.add",
                    kind: "network_member",
                    object_id: Some(id.to_string()),
                    purpose: "network",
                },
                &format!("/courses/{}/network#members", course.id),
            )
            .await
        }
        Err(errors) => {
            page(
                &state,
                chrome,
                &ctx,
                form,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

pub(super) async fn end_member(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((_, member_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let course = ctx.course()?.clone();
    let member = path_id::<Member>(&member_id)?;
    let mut tx = state.store().begin().await?;
    if !tx
        .end_member(
            course.organization_id,
            course.id,
            member,
            state.today(),
            state.now(),
        )
        .await?
    {
        return Err(AppError::NotFound);
    }
    // Their own logins end with the relation (R7): sessions now, accounts for good.
    tx.end_member_access(course.organization_id, member, state.now())
        .await?;
    commit_and_redirect(
        &state,
        &ctx,
        tx,
        Change {
            action: "network.end",
            kind: "network_member",
            object_id: Some(member.to_string()),
            purpose: "network",
        },
        &format!("/courses/{}/network#members", course.id),
    )
    .await
}

pub(super) async fn take_snapshot(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let course = ctx.course()?.clone();
    let members = state
        .store()
        .network_of(course.organization_id, course.id)
        .await?;
    let entries: Vec<SnapshotEntry> = members
        .iter()
        .filter(|m| m.active_to.is_none())
        .map(MemberRecord::snapshot_entry)
        .collect();
    let mut tx = state.store().begin().await?;
    tx.insert_snapshot(
        course.organization_id,
        course.id,
        state.today(),
        None,
        &entries,
        state.now(),
    )
    .await?;
    commit_and_redirect(
        &state,
        &ctx,
        tx,
        Change {
            action: "network.snapshot",
            kind: "ecomap_snapshot",
            object_id: None,
            purpose: "network",
        },
        &format!("/courses/{}/network#snapshots", course.id),
    )
    .await
}
