//! The network's rows: a relation in the table beside the eco-map, and what changed between two
//! snapshots, in words.

use tandem_app::network::MemberRecord;
use tandem_domain::course::network::{SnapshotEntry, diff};

use crate::i18n::Translator;
use crate::kit::{show_date, show_opt, word};

/// A relation in the table.
pub(super) struct MemberRow {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) relation: String,
    pub(super) sector: String,
    pub(super) strength: String,
    pub(super) stressful: bool,
    pub(super) direction: String,
    pub(super) roles: String,
    pub(super) consent: String,
    pub(super) active: bool,
    pub(super) period: String,
}

/// One relation as a row of the table.
pub(super) fn member_row(tr: &Translator, m: &MemberRecord) -> MemberRow {
    let d = &m.details;
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
        consent: crate::kit::consent_words(tr, d.consent, "network-consent-none"),
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

/// What changed from `before` to `after`, one line each.
pub(super) fn describe(
    tr: &Translator,
    before: &[SnapshotEntry],
    after: &[SnapshotEntry],
) -> Vec<String> {
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
