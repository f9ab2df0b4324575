//! "Your messages" on the young person's page: what they wrote, who has seen it and when (the
//! receipt), the replies, and — for a worry not yet seen — by when a person will have (ADR
//! 0016). Also the promise shown beside the message form, in office hours and outside them.

use tandem_app::citizens::Home;
use tandem_domain::course::kinds::StatementTopic;
use tandem_domain::worry::WorryRules;
use time::OffsetDateTime;

use crate::i18n::Translator;
use crate::kit::{show_moment, word};

/// One message in the thread.
pub(super) struct MessageView {
    pub(super) topic: String,
    pub(super) body: String,
    pub(super) sent: String,
    pub(super) worry: bool,
    /// "Set af Rasmus i dag kl. 16.04", or "Ikke set endnu …".
    pub(super) receipt: String,
    pub(super) seen: bool,
    /// (who, when, words), oldest first.
    pub(super) replies: Vec<(String, String, String)>,
}

/// The young person's messages, newest first.
pub(super) fn thread(tr: &Translator, home: &Home, now: OffsetDateTime) -> Vec<MessageView> {
    home.messages
        .iter()
        .map(|s| {
            let worry = s.unsafe_flag || s.topic == StatementTopic::Worry;
            let receipt = match (s.read_at, &s.read_by) {
                (Some(at), Some(who)) => tr.t_strs(
                    "me-thread-seen-by",
                    &[("name", who), ("when", &show_moment(tr, at, now))],
                ),
                (Some(at), None) => tr.t_str("me-thread-seen", "when", &show_moment(tr, at, now)),
                (None, _) if worry => tr.t_str(
                    "me-thread-not-seen-worry",
                    "when",
                    &show_moment(tr, home.worry_rules.acknowledge_by(s.created_at), now),
                ),
                (None, _) => tr.t("me-thread-not-seen"),
            };
            MessageView {
                topic: word(tr, "me-topic", s.topic.as_str()),
                body: s.body.clone(),
                sent: show_moment(tr, s.created_at, now),
                worry,
                seen: s.read_at.is_some(),
                receipt,
                replies: s
                    .replies
                    .iter()
                    .map(|r| {
                        let who = r.author.clone().unwrap_or_else(|| tr.t("me-thread-staff"));
                        (who, show_moment(tr, r.at, now), r.body.clone())
                    })
                    .collect(),
            }
        })
        .collect()
}

/// What happens to a worry sent now, said plainly: who is told, by when a person answers,
/// and — outside office hours — that nobody reads it before the office opens.
pub(super) fn promise(tr: &Translator, rules: &WorryRules, now: OffsetDateTime) -> (String, bool) {
    let by = show_moment(tr, rules.acknowledge_by(now), now);
    if rules.office.is_open(now) {
        (tr.t_str("me-worry-promise-open", "when", &by), true)
    } else {
        (tr.t_str("me-worry-promise-closed", "when", &by), false)
    }
}
