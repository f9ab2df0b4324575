//! Tandem's use cases: where a rule meets the database.
//!
//! Every action a person can take — record a rating, give session feedback, hold a meeting,
//! accept an invitation — is one function here, and so is every read a page needs (with the
//! audit of the read). It takes the [`Actor`] (who does it, from where, when), a command parsed from input (a domain type, so it cannot be malformed) and the
//! [`App`], and does the write, its audit events and every alert or derived record the action
//! triggers **in one transaction**, returning a typed outcome. If any step fails, nothing of the
//! action is kept: no half-opened round, no rating without its alert, no audit event for a
//! change that did not happen.
//!
//! Staff pages, citizen pages, the command line and the demo generator all call the same
//! functions, so a rule exists once. Authorization stays in front (the web layer's route guard
//! decides whether the actor may touch the course at all); these functions trust the course
//! they are given and check what only the data can tell (is the round open, is the rater
//! still waiting).
//!
//! # Layout
//! - [`app`]: the [`App`] handle the front ends hold: the store behind it, and each
//!   organization's settings and instruments kept between requests.
//! - [`access`]: what the route guard reads before it decides (course, campaign, team).
//! - [`administration`]: teams, staff accounts, frameworks, course settings, instruments and
//!   the audit viewer, as administrators manage them.
//! - [`actor`]: who acts, and the audit events their actions write.
//! - [`error`]: the typed [`ActionError`].
//! - [`alerts`]: resolving an alert on a course.
//! - [`audit`]: reads of personal data recorded before anything is shown (fail closed).
//! - [`audit_trail`]: keeping the trail tamper-evident: the key file, checkpoints outside the
//!   database, verification, and the PostgreSQL runtime role (ADR 0015).
//! - [`citizens`]: the young person's and network members' own page: what it shows within
//!   their consent, and what they change there (goals, own steps, messages, minutes, data).
//! - [`compute`]: statistics run off the async executor.
//! - [`costs`]: a course's costs.
//! - [`courses`]: which course an action is about ([`courses::CourseRef`]); starting, editing
//!   and reassigning a course; the worklist, the overview and the summary.
//! - [`demo`]: the demonstration organization (`tandem demo`, `tandem serve --demo`), made
//!   through the same rules as real data.
//! - [`goals`]: goals in the young person's own words, their status and progress.
//! - [`indicators`]: the three-column management view (TPA, NPM, NPG) of a team or the
//!   department, read and exported with their audit.
//! - [`mail`]: e-mail to staff over SMTP, sent from the outbox (a worry waits; no personal
//!   details).
//! - [`invitations`]: inviting a young person or network member, revoking it, and accepting.
//! - [`meetings`]: the meetings pages, and a meeting with its attendance, agreed step and
//!   network snapshot.
//! - [`network`]: the young person's network: relations added and ended, snapshots.
//! - [`practices`]: the teams' practices — board, huddles, probes, outcomes, the good-enough
//!   story, vocabulary, cues, dilemmas, retrospectives, rhythms, the card's reads, what is due.
//! - [`ratings`]: rating rounds, blind ratings, reveal, reflection, session feedback, and the
//!   deterioration and low-feedback alerts they raise.
//! - [`sessions`]: staff and citizens signing in and out, session timeouts, step-up, and
//!   passwords (hashing, changing, one-time links).
//! - [`setup`]: organizations, teams and staff accounts set up by the operator on the command
//!   line, and the audit trail's check.
//! - [`statements`]: the young person's statements, read and answered by staff.
//! - [`steps`]: steps by owner — added, their status changed, grouped for the pages.
//! - [`stories`]: campaigns, telling a story (staff, citizens, anonymous link), the catalog
//!   with codes and tags, the pattern pages' columns and statistics (off the async executor),
//!   "you said, we did", and story files exported and imported.
//! - [`worries`]: a young person's worry as a tracked event: routing, the promise they are
//!   shown, staff's open worries, acknowledging, absence, and the escalation job (ADR 0016).

pub mod access;
pub mod actor;
pub mod administration;
pub mod alerts;
pub mod app;
pub mod audit;
pub mod audit_trail;
pub mod citizens;
pub mod compute;
pub mod costs;
pub mod courses;
pub mod demo;
pub mod department;
pub mod error;
pub mod goals;
pub mod indicators;
pub mod invitations;
pub mod mail;
pub mod meetings;
pub mod network;
pub mod practices;
pub mod ratings;
pub mod sessions;
pub mod setup;
pub mod statements;
pub mod steps;
pub mod stories;
pub mod worries;

pub use actor::Actor;
pub use app::App;
pub use error::ActionError;
pub use tandem_store::DatabaseTarget;
