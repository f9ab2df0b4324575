//! The demo's worries, made through the same use cases as real ones (issue 21): the
//! organization's rules with a duty contact; a worry from the first young person answered in
//! time, with the receipt and the reply they read on their page; and one from the second young
//! person nobody acknowledged, moved to the team manager by the escalation job itself — so the
//! manager's home lists it, and `serve --demo` moves it on to the duty contact when its next
//! deadline passes.

use anyhow::Context;
use tandem_domain::course::kinds::StatementTopic;
use tandem_domain::organization::Organization;
use tandem_domain::policy::{Principal, Staff};
use tandem_domain::staff::StaffRole;
use tandem_domain::worry::{DutyContact, WorryRules};
use tandem_domain::{Id, PlainText};
use tandem_store::worries::WorryScope;
use time::{Duration, OffsetDateTime};

use super::CITIZENS;
use super::world::Caseload;
use crate::actor::Actor;
use crate::app::App;
use crate::courses::CourseRef;

fn words(s: &str) -> anyhow::Result<PlainText> {
    PlainText::parse(s, 4000).context("demo text")
}

/// The instant `minutes` of office time before `now` (15-minute steps).
fn office_minutes_before(rules: &WorryRules, now: OffsetDateTime, minutes: i64) -> OffsetDateTime {
    let mut at = now;
    let mut counted = 0;
    for _ in 0..(14 * 24 * 4) {
        at -= Duration::minutes(15);
        if rules.office.is_open(at) {
            counted += 15;
            if counted >= minutes {
                break;
            }
        }
    }
    at
}

/// Makes the demo's worries.
///
/// # Errors
/// A database error, or a demo account missing.
pub(super) async fn generate(
    app: &App,
    organization_id: Id<Organization>,
    caseload: &Caseload,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    let store = app.store();
    let rules = WorryRules {
        duty: DutyContact::parse("Socialvagten", "socialvagt@demo.tandem.test")
            .context("duty contact")?,
        ..WorryRules::default()
    };
    let operator = Actor::operator(Some(organization_id), now);
    crate::worries::update_rules(app, &operator, organization_id, &rules).await?;
    let Some((team, processor)) = caseload.processors.first().map(|(t, p, _)| (*t, *p)) else {
        return Ok(());
    };
    // A colleague in the team is away this week: a new worry in their courses goes at once to
    // the deputy or the team manager.
    if let Some((_, colleague, _)) = caseload
        .processors
        .iter()
        .filter(|(t, _, _)| *t == team)
        .nth(1)
    {
        let until = tandem_domain::local_time::copenhagen_date(now) + Duration::days(4);
        crate::worries::set_away(app, &operator, organization_id, *colleague, Some(until)).await?;
    }
    let staff = Principal::Staff(Staff {
        user_id: processor,
        organization_id,
        role: StaffRole::Processor,
        team_id: Some(team),
    });
    let as_processor = |at| Actor::new(&staff, None, None, at);

    // Answered in time: sent in office hours three days back, acknowledged 25 minutes later
    // with what was done and a reply; then an ordinary message, read and answered.
    // A small demo may have fewer young people with a login than these need.
    let Some((first, _)) = store.citizen_credentials(CITIZENS[0]).await? else {
        return Ok(());
    };
    let sent = rules.office.next_opening(now - Duration::days(3)) + Duration::minutes(370);
    crate::citizens::send_message(
        app,
        &Actor::citizen(&first, None, sent),
        &first,
        StatementTopic::Worry,
        &words("Jeg tør ikke gå hjem i dag. Far er meget vred.")?,
    )
    .await?;
    let course = CourseRef {
        organization_id,
        id: first.course_id,
    };
    let alert = store
        .open_worries(organization_id, WorryScope::Team(team), sent.date())
        .await?
        .into_iter()
        .find(|w| w.course_id == first.course_id)
        .context("the worry just sent")?
        .alert_id;
    crate::worries::acknowledge(
        app,
        &as_processor(sent + Duration::minutes(25)),
        course,
        alert,
        &words("Ringede til hende med det samme; hun sover hos sin moster i nat. Taler med far i morgen.")?,
        Some(&words(
            "Tak fordi du skrev til mig. Jeg har talt med din moster – du kan sove hos hende i nat. Jeg ringer til dig i morgen kl. 10.",
        )?),
    )
    .await?;
    // A day later, but always in the past, with its answer too: a demo shown on a Sunday evening
    // must not show a reply from Monday morning.
    let later = (sent + Duration::days(1) + Duration::minutes(80)).min(now - Duration::hours(2));
    let message = crate::citizens::send_message(
        app,
        &Actor::citizen(&first, None, later),
        &first,
        StatementTopic::PrepareMeeting,
        &words("Kan vi tale om skolen på næste møde? Jeg vil gerne skifte klasse.")?,
    )
    .await?;
    crate::statements::answer(
        app,
        &as_processor(
            rules
                .office
                .after_office_minutes(later, 45)
                .min(now - Duration::minutes(20)),
        ),
        course,
        message.id,
        Some(&words("Ja, det sætter vi på. Tag gerne din mor med.")?),
    )
    .await?;

    // Not acknowledged: sent 90 office minutes ago; the escalation job moved it to the team
    // manager when its hour ran out, and it waits there now.
    let Some((second, _)) = store.citizen_credentials(CITIZENS[1]).await? else {
        return Ok(());
    };
    let sent = office_minutes_before(&rules, now, 90);
    crate::citizens::send_message(
        app,
        &Actor::citizen(&second, None, sent),
        &second,
        StatementTopic::Worry,
        &words(
            "Der er en i klassen, der skriver grimme ting til mig hver aften. Jeg kan ikke sove.",
        )?,
    )
    .await?;
    crate::worries::escalation::escalate_due(app, rules.acknowledge_by(sent)).await?;
    Ok(())
}
