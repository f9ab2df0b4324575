//! A query string as name–value pairs, for filters that repeat a name (several answers chosen)
//! or carry names only known at run time (a framework's question ids).

/// The pairs of `query`, in order; a malformed query string is read as empty (a filter then
/// shows everything, as with no query at all).
pub fn pairs(query: Option<&str>) -> Vec<(String, String)> {
    query
        .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
        .unwrap_or_default()
}
