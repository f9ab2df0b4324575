//! The small kit every page shares, whatever its resource: dates as shown, keywords and
//! instrument texts translated, ids parsed from the path.
//!
//! # Layout
//! - [`answers`]: the 303 that ends a successful form submission.
//! - [`dates`]: a date in the page's language, optional dates, dates for date inputs.
//! - [`words`]: a stored keyword's label, instruments' names and item labels.
//! - [`ids`]: an id from the path (a malformed one is the same 404 as an unknown one).
//! - [`qr`]: a link as a QR code.
//! - [`query`]: a query string as name–value pairs (filters).
//! - [`values`]: a rating's values as typed, one field per instrument item.

pub mod answers;
pub mod dates;
pub mod ids;
pub mod qr;
pub mod query;
pub mod values;
pub mod words;

pub use answers::see_other;
pub use dates::{
    input_date, show_age, show_date, show_instant, show_minute, show_moment, show_month, show_opt,
    show_year_month,
};
pub use ids::path_id;
pub use qr::qr;
pub use query::pairs;
pub use words::{consent_words, instrument_name, item_label, shortened, story_listing, word};
