//! E-mail that tells staff of a worry, over SMTP (`--smtp-url`). A message names no person and
//! quotes nothing the young person wrote: only that a worry in a course waits, and a link to
//! Tandem, where the reader signs in to see it (ADR 0016). Messages come from the outbox
//! ([`tandem_store::notifications`]); one that fails is tried again later.

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tandem_store::notifications::{NotificationKind, Outgoing};
use thiserror::Error;
use time::{Duration, OffsetDateTime};

use crate::app::App;
use crate::error::ActionError;

/// How many messages one delivery run sends at most.
const BATCH: i64 = 50;

/// Why e-mail cannot be set up.
#[derive(Debug, Error)]
pub enum MailError {
    /// The SMTP URL is not one lettre understands.
    #[error("the SMTP URL is not valid: {0}")]
    Url(#[source] lettre::transport::smtp::Error),
    /// The sender address is not an address.
    #[error("the sender address is not valid: {0}")]
    Sender(#[source] lettre::address::AddressError),
}

/// Sends Tandem's e-mail.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    link: String,
}

impl std::fmt::Debug for Mailer {
    /// Without the transport: its URL may carry a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl Mailer {
    /// A mailer for `smtp_url` (`smtp://host:25`, `smtp://host:587?tls=required`,
    /// `smtps://user:password@host`) sending as `from`; links in messages start with `link`
    /// (the public address, e.g. `https://tandem.kommune.dk`).
    ///
    /// # Errors
    /// [`MailError`] for an invalid URL or sender.
    pub fn new(smtp_url: &str, from: &str, link: &str) -> Result<Self, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(MailError::Url)?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        Ok(Self {
            transport,
            from: from.parse().map_err(MailError::Sender)?,
            link: link.trim_end_matches('/').to_owned(),
        })
    }
}

/// The subject and text of a message, in Danish with English below (staff read both; the
/// message knows nothing of the reader's language).
fn words(kind: NotificationKind, link: &str) -> (&'static str, String) {
    let (subject, da, en) = match kind {
        NotificationKind::WorryNew => (
            "Tandem: en ung har sendt en bekymring / a young person sent a worry",
            "En ung i et forløb, du følger, har sendt en bekymring. Se den og kvittér i Tandem.",
            "A young person in a course you follow has sent a worry. Read and acknowledge it in Tandem.",
        ),
        NotificationKind::WorryTeamManager => (
            "Tandem: en bekymring venter på svar / a worry is waiting",
            "En bekymring fra en ung i dit team er ikke blevet kvitteret for inden fristen. Se den i Tandem.",
            "A worry from a young person in your team was not acknowledged in time. See it in Tandem.",
        ),
        NotificationKind::WorryDutyContact => (
            "Tandem: en bekymring er ikke besvaret / a worry is unanswered",
            "En bekymring fra en ung er hverken kvitteret af rådgiveren eller teamlederen inden fristen. Kontakt teamet, eller se den i Tandem.",
            "A worry from a young person was acknowledged neither by the worker nor the team manager in time. Contact the team, or see it in Tandem.",
        ),
    };
    let body = format!("{da}\n\n{en}\n\n{link}/courses\n");
    (subject, body)
}

/// Sends the messages waiting in the outbox: each claimed first (so two instances never send
/// the same one), marked sent, or left with its error to be tried again. Messages older than a
/// day are not sent (a worry that old is shown in Tandem, and late mail misleads). Returns how
/// many were sent.
///
/// # Errors
/// A database error; messages sent before it stay sent.
pub async fn deliver(
    app: &App,
    mailer: &Mailer,
    now: OffsetDateTime,
) -> Result<usize, ActionError> {
    let store = app.store();
    let mut sent = 0;
    for message in store
        .claim_notifications(now, now - Duration::days(1), BATCH)
        .await?
    {
        match send(mailer, &message).await {
            Ok(()) => {
                store.notification_sent(message.id, now).await?;
                sent += 1;
            }
            Err(error) => store.notification_failed(message.id, &error).await?,
        }
    }
    Ok(sent)
}

async fn send(mailer: &Mailer, message: &Outgoing) -> Result<(), String> {
    let to: Mailbox = message.recipient.parse().map_err(|e| format!("{e}"))?;
    let (subject, body) = words(message.kind, &mailer.link);
    let email = Message::builder()
        .from(mailer.from.clone())
        .to(to)
        .subject(subject)
        .body(body)
        .map_err(|e| e.to_string())?;
    mailer
        .transport
        .send(email)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}
