//! Rating rounds through the instrument engine: the processor opens a round for the invited
//! raters; each rates blind — nobody sees another's values until all have rated or the
//! facilitator reveals — and then "what makes it that number?" is recorded. Session feedback
//! after a meeting is a one-rater round that raises an alert under the thresholds; a reliable
//! deterioration on the young person's own ratings raises an alert on the worklist.
//!
//! # Layout
//! - [`new`]: the new-round form and opening a round.
//! - [`round`]: one round — rating, revealing, the reflection.
//! - [`feedback`]: session feedback after a meeting.
//! - [`lines`]: rounds in brief, for lists.

mod feedback;
mod lines;
mod new;
mod round;

pub(super) use feedback::{feedback_of, record_feedback};
pub(super) use lines::{RoundLine, round_lines};
pub(super) use new::{new_round_form, open_round};
pub(super) use round::{record_reflection, reveal_round, show_round, submit_rating};
