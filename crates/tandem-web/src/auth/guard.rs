//! The route guard: every request to a route of the table passes here after routing. It looks
//! up the route's declared access rule (no rule: 404 — default deny, R6), checks CSRF on state
//! changes (R14), resolves the session, asks the policy, and records denials (R15). Denied
//! signed-in callers get the same 404 as for a page that does not exist (R2).

use std::net::SocketAddr;

use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tandem_domain::Id;
use tandem_domain::audit::Outcome;
use tandem_domain::policy::{Action, Decision, Principal, Resource, authorize};

use crate::audit::{Entry, event};
use crate::auth::{citizen, cookies, csrf, session};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::route::{Access, RouteRule, StepUp};
use crate::state::AppState;

/// Enforces a route's declared rule; the router layers each route with its own.
pub async fn enforce(
    State((state, rule)): State<(AppState, RouteRule)>,
    request: Request,
    next: Next,
) -> Response {
    match guard(&state, rule, request).await {
        Ok((request, new_csrf)) => {
            let mut response = next.run(request).await;
            if let Some(token) = new_csrf {
                let secure = state.config().secure_cookies;
                let cookie =
                    cookies::set_cookie(cookies::csrf_name(secure), &token, secure, "Strict", None);
                if let Ok(value) = HeaderValue::from_str(&cookie) {
                    response.headers_mut().append(header::SET_COOKIE, value);
                }
            }
            response
        }
        Err(response) => response,
    }
}

async fn guard(
    state: &AppState,
    rule: RouteRule,
    request: Request,
) -> Result<(Request, Option<String>), Response> {
    let method = request.method().clone();
    let path = request
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_default();
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let ip = client_ip(request.headers(), peer, state.config().trusted_proxy_hops);

    if rule.stateless {
        let mut request = request;
        request.extensions_mut().insert(RequestContext {
            principal: Principal::Anonymous,
            session: None,
            ip,
            csrf_token: String::new(),
            course: None,
            course_record: None,
            campaign: None,
            team: None,
            citizen: None,
        });
        return Ok((request, None));
    }

    let secure = state.config().secure_cookies;
    let existing = cookies::get(request.headers(), cookies::csrf_name(secure)).map(str::to_owned);
    let (csrf_token, new_csrf) = match existing {
        Some(token) => (token, None),
        None => {
            let token = fresh_token().map_err(IntoResponse::into_response)?;
            (token.clone(), Some(token))
        }
    };

    let session = session::resolve(state, request.headers())
        .await
        .map_err(IntoResponse::into_response)?;
    let cookie = if session.is_none() {
        citizen::resolve(state, request.headers())
            .await
            .map_err(IntoResponse::into_response)?
    } else {
        citizen::CitizenCookie::Absent
    };
    // Signed in, the form token is derived from the session's own cookie: it belongs to this
    // session alone and changes when a new session starts at sign-in (R14). Signed out, it is
    // the double-submit cookie's.
    let bound = match (&session, &cookie) {
        (Some(_), _) => cookies::get(request.headers(), cookies::session_name(secure))
            .map(|raw| csrf::session_token("staff", raw)),
        (None, citizen::CitizenCookie::Live(_)) => {
            cookies::get(request.headers(), citizen::cookie_name(secure))
                .map(|raw| csrf::session_token("citizen", raw))
        }
        _ => None,
    };
    let (csrf_token, cookie_token) = match bound {
        Some(token) => (token.clone(), Some(token)),
        None => {
            let cookie_token = new_csrf.is_none().then(|| csrf_token.clone());
            (csrf_token, cookie_token)
        }
    };

    let request = if rule.upload && !matches!(method, Method::GET | Method::HEAD) {
        // A file upload is not buffered here: its token comes in the query string.
        let query = request
            .uri()
            .query()
            .unwrap_or_default()
            .as_bytes()
            .to_vec();
        let matches = cookie_token.as_deref().is_some_and(|expected| {
            csrf::same_origin(request.headers()) && csrf::form_token_matches(&query, expected)
        });
        if !matches {
            return Err(StatusCode::FORBIDDEN.into_response());
        }
        request
    } else if rule.csrf && !matches!(method, Method::GET | Method::HEAD) {
        check_csrf(state, request, cookie_token.as_deref()).await?
    } else {
        request
    };

    if matches!(cookie, citizen::CitizenCookie::Revoked)
        && matches!(rule.access, Access::Citizen(_))
    {
        return Err(StatusCode::NOT_FOUND.into_response());
    }
    let citizen = match cookie {
        citizen::CitizenCookie::Live(session) => Some(*session),
        _ => None,
    };
    let principal = match &citizen {
        Some(c) => citizen::principal(c),
        None => session::principal(session.as_ref()),
    };
    let mut context = RequestContext {
        principal,
        session,
        ip,
        csrf_token,
        course: None,
        course_record: None,
        campaign: None,
        team: None,
        citizen,
    };
    if let Access::Citizen(action) = rule.access {
        let Some(course_id) = context.citizen.as_ref().map(|c| c.account.course_id) else {
            if matches!(principal, Principal::Staff(_)) {
                record_denial(state, &context, &path).await?;
                return Err(StatusCode::NOT_FOUND.into_response());
            }
            let target = request.uri().path_and_query().map_or("/", |p| p.as_str());
            let next = if method == Method::GET { target } else { "/me" };
            return Err(Redirect::to(&format!(
                "/me/login?next={}",
                crate::page::encode_path(next)
            ))
            .into_response());
        };
        let organization_id = principal
            .organization_id()
            .ok_or_else(|| StatusCode::NOT_FOUND.into_response())?;
        let found = tandem_app::access::course(state.app(), organization_id, course_id)
            .await
            .map_err(|e| AppError::from(e).into_response())?;
        let allowed = found.as_ref().is_some_and(|g| {
            authorize(&principal, action, &Resource::Course(g.access.clone())) == Decision::Allow
        });
        if !allowed {
            record_denial(state, &context, &path).await?;
            return Err(StatusCode::NOT_FOUND.into_response());
        }
        // Only the access facts go on: the course record holds staff-only fields (the
        // internal note, R4) that a citizen's request has no business carrying.
        context.course = found.map(|found| found.access);
    }

    if let Access::Staff(action)
    | Access::Course(action)
    | Access::Campaign(action)
    | Access::Team(action) = rule.access
    {
        let Principal::Staff(staff) = principal else {
            if context.citizen.is_some() {
                record_denial(state, &context, &path).await?;
                return Err(StatusCode::NOT_FOUND.into_response());
            }
            let target = request.uri().path_and_query().map_or("/", |p| p.as_str());
            let next = if method == Method::GET { target } else { "/" };
            return Err(
                Redirect::to(&format!("/login?next={}", crate::page::encode_path(next)))
                    .into_response(),
            );
        };
        let resource = match rule.access {
            Access::Course(_) => {
                let id = path_param(&path, request.uri().path(), "{course_id}")
                    .and_then(|text| Id::parse(text).ok());
                let found = match id {
                    Some(id) => tandem_app::access::course(state.app(), staff.organization_id, id)
                        .await
                        .map_err(|e| AppError::from(e).into_response())?,
                    None => None,
                };
                found.map(|found| {
                    context.course_record = Some(std::sync::Arc::new(found.course));
                    Resource::Course(found.access)
                })
            }
            Access::Campaign(_) => {
                let id = path_param(&path, request.uri().path(), "{campaign_id}")
                    .and_then(|text| Id::parse(text).ok());
                let found = match id {
                    Some(id) => {
                        tandem_app::access::campaign(state.app(), staff.organization_id, id)
                            .await
                            .map_err(|e| AppError::from(e).into_response())?
                    }
                    None => None,
                };
                found.map(Resource::Campaign)
            }
            Access::Team(_) => {
                let id = path_param(&path, request.uri().path(), "{team_id}")
                    .and_then(|text| Id::parse(text).ok());
                let found = match id {
                    Some(id) => tandem_app::access::team(state.app(), staff.organization_id, id)
                        .await
                        .map_err(|e| AppError::from(e).into_response())?,
                    None => None,
                };
                found.map(|team| Resource::Team {
                    id: team.id,
                    organization_id: team.organization_id,
                })
            }
            _ if action == Action::CreateCourse => staff.team_id.map(|id| Resource::Team {
                id,
                organization_id: staff.organization_id,
            }),
            _ => Some(Resource::Organization(staff.organization_id)),
        };
        let allowed = resource
            .as_ref()
            .is_some_and(|r| authorize(&principal, action, r) == Decision::Allow);
        if !allowed {
            record_denial(state, &context, &path).await?;
            return Err(StatusCode::NOT_FOUND.into_response());
        }
        if rule.step_up != StepUp::No
            && !context
                .session
                .as_ref()
                .is_some_and(|s| tandem_app::sessions::recently_authenticated(s, state.now()))
        {
            return Err(confirm_password(
                rule.step_up,
                &method,
                request.uri().path_and_query(),
            ));
        }
        match resource {
            Some(Resource::Course(course)) => context.course = Some(course),
            Some(Resource::Campaign(campaign)) => context.campaign = Some(campaign),
            Some(Resource::Team { id, .. }) if matches!(rule.access, Access::Team(_)) => {
                context.team = Some(id);
            }
            _ => {}
        }
    }
    let mut request = request;
    request.extensions_mut().insert(context);
    Ok((request, new_csrf))
}

/// Sends the caller to confirm their password (R13) and back: a `GET` to the same address, any
/// other method to the page its form was on.
fn confirm_password(
    step_up: StepUp,
    method: &Method,
    target: Option<&axum::http::uri::PathAndQuery>,
) -> Response {
    let path = target.map_or("/", axum::http::uri::PathAndQuery::path);
    let back = match step_up {
        _ if *method == Method::GET => target.map_or("/", axum::http::uri::PathAndQuery::as_str),
        StepUp::ReturnTo(page) => page,
        _ => path
            .rsplit_once('/')
            .map(|(parent, _)| parent)
            .filter(|parent| !parent.is_empty())
            .unwrap_or("/"),
    };
    Redirect::to(&format!(
        "/login/confirm?next={}",
        crate::page::encode_path(back)
    ))
    .into_response()
}

/// The segment of `actual` that stands where `template` (a route's path template) has `name`.
fn path_param<'a>(template: &str, actual: &'a str, name: &str) -> Option<&'a str> {
    let index = template.split('/').position(|segment| segment == name)?;
    actual.split('/').nth(index)
}

/// Provenance headers, then the form token; either failing is 403 and nothing runs.
async fn check_csrf(
    state: &AppState,
    request: Request,
    cookie_token: Option<&str>,
) -> Result<Request, Response> {
    if !csrf::same_origin(request.headers()) {
        return Err(StatusCode::FORBIDDEN.into_response());
    }
    let Some(expected) = cookie_token else {
        return Err(StatusCode::FORBIDDEN.into_response());
    };
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, state.config().max_body_bytes)
        .await
        .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
    if !csrf::form_token_matches(&bytes, expected) {
        return Err(StatusCode::FORBIDDEN.into_response());
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// A denial is written to the audit trail before answering; if it cannot be, nothing is served.
async fn record_denial(
    state: &AppState,
    context: &RequestContext,
    path: &str,
) -> Result<(), Response> {
    let entry = Entry {
        action: "access.denied",
        object_kind: "route",
        object_id: Some(path.to_owned()),
        subject_id: None,
        purpose: "route guard",
        outcome: Outcome::Denied,
    };
    tandem_app::audit::record_read(state.app(), event(state, context, entry))
        .await
        .map_err(|e| AppError::from(e).into_response())
}

/// The client's address: the peer, or — behind `hops` trusted proxies — the entry of
/// `X-Forwarded-For` that the outermost trusted proxy saw (counted from the right, where each
/// proxy appends). Entries further left are the client's own claims and are not trusted.
#[must_use]
pub fn client_ip(
    headers: &axum::http::HeaderMap,
    peer: Option<std::net::IpAddr>,
    hops: usize,
) -> String {
    let forwarded = (hops > 0)
        .then(|| {
            let all: Vec<&str> = headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .collect();
            all.len()
                .checked_sub(hops)
                .and_then(|i| all.get(i))
                .and_then(|s| s.parse::<std::net::IpAddr>().ok())
        })
        .flatten();
    forwarded
        .or(peer)
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

fn fresh_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|_| AppError::Randomness)?;
    Ok(hex::encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", value.parse().expect("header"));
        headers
    }

    #[test]
    fn the_course_id_is_read_from_where_the_template_names_it() {
        let template = "/courses/{course_id}/goals/{goal_id}";
        assert_eq!(
            path_param(template, "/courses/abc/goals/def", "{course_id}"),
            Some("abc")
        );
        assert_eq!(path_param("/courses", "/courses", "{course_id}"), None);
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let peer = Some("10.0.0.5".parse().expect("ip"));
        assert_eq!(client_ip(&forwarded("203.0.113.7"), peer, 0), "10.0.0.5");
    }

    #[test]
    fn behind_one_proxy_the_last_entry_is_the_client_and_forged_entries_are_ignored() {
        let peer = Some("10.0.0.5".parse().expect("ip"));
        assert_eq!(client_ip(&forwarded("203.0.113.7"), peer, 1), "203.0.113.7");
        assert_eq!(
            client_ip(&forwarded("1.2.3.4, 203.0.113.7"), peer, 1),
            "203.0.113.7"
        );
        assert_eq!(
            client_ip(&forwarded("1.2.3.4, 203.0.113.7, 10.0.0.9"), peer, 2),
            "203.0.113.7"
        );
    }

    #[test]
    fn a_missing_or_garbled_header_falls_back_to_the_peer() {
        let peer = Some("10.0.0.5".parse().expect("ip"));
        assert_eq!(client_ip(&HeaderMap::new(), peer, 1), "10.0.0.5");
        assert_eq!(client_ip(&forwarded("<script>"), peer, 1), "10.0.0.5");
        assert_eq!(client_ip(&forwarded("203.0.113.7"), peer, 3), "10.0.0.5");
        assert_eq!(client_ip(&HeaderMap::new(), None, 0), "unknown");
    }
}
