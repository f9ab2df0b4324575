//! Stories: what a teller wrote, the answers they gave about it, and the campaign that asked
//! (sensemaking specification §1–2).
//!
//! # Layout
//! - [`campaign`]: a campaign's prompt, audience and dates, and the rules they obey.
//! - [`form`]: a submitted story form read against a framework (every question's fields).
//! - [`redaction`]: finding personal identifiers in a story before it is saved.
//! - [`mark`]: a marked region of a landscape, "more like these" or "fewer like those".
//! - [`interchange`]: reading and writing story files (Tandem CSV, NarraFirma, SenseMaker-style).

pub mod campaign;
pub mod form;
pub mod interchange;
pub mod mark;
pub mod redaction;

use crate::answer::Answer;

/// The longest story text, in characters (about four pages: a micro-narrative is shorter).
pub const MAX_STORY_CHARS: usize = 10_000;

/// The longest story title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;

/// The answers of one story, in the framework's order; questions answered N/A are left out.
pub type Answers = Vec<(String, Answer)>;

keyword_enum! {
    /// Who told a story. The teller's identity is kept only for staff and citizens (to let them
    /// edit their own story); it is never shown to managers or exported.
    Teller {
        /// A member of staff.
        Staff = "staff",
        /// A young person, through their own login.
        YoungPerson = "young_person",
        /// A network member, through their own login.
        NetworkMember = "network_member",
        /// Someone following an anonymous campaign link.
        Anonymous = "anonymous",
        /// Brought in from a file.
        Imported = "imported",
    }
}
