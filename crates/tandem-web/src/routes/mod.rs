//! The routes, one module per resource; each exports `routes()`.
//!
//! The router is *built from* the route table: every route is a [`Route`] with its method, path
//! template and access rule, so a route cannot be served without having declared who may use it
//! (requirement R1), and the authorization-matrix tests enumerate exactly what is served.

pub mod account;
pub mod admin;
pub mod courses;
pub mod health;
pub mod indicators;
pub mod landing;
pub mod language;
pub mod login;
pub mod me;
pub mod practices;
pub mod reports;
pub mod set_password;
pub mod stories;

use std::collections::HashMap;

use axum::Router;
use axum::http::Method;
use axum::middleware::from_fn_with_state;
use axum::routing::{MethodFilter, MethodRouter, on};
use tandem_domain::policy::Action;

use crate::assets;
use crate::auth::guard;
use crate::state::AppState;

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not. Such a route serves no personal data of others.
    Public,
    /// Signed-in staff for whom the policy allows this action in their organization;
    /// anonymous callers are sent to sign in, others get 404. `CreateCourse` is decided for the
    /// caller's own team.
    Staff(Action),
    /// Signed-in callers for whom the policy allows this action on the course named by the
    /// path's `{course_id}`. A course outside their scope and one that does not exist get the
    /// same 404 (R2).
    Course(Action),
    /// A signed-in citizen (young person or network member) for whom the policy allows this
    /// action on their own course; anonymous callers are sent to the citizens' sign-in, staff get
    /// 404.
    Citizen(Action),
    /// Signed-in staff for whom the policy allows this action on the story campaign named by the
    /// path's `{campaign_id}`; a campaign outside their reach looks like one that does not exist.
    Campaign(Action),
    /// Signed-in staff for whom the policy allows this action on the active team named by the
    /// path's `{team_id}` (the practices); another team outside their reach is a 404.
    Team(Action),
}

/// What the guard enforces for a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteRule {
    /// Who may call it.
    pub access: Access,
    /// Whether a state-changing request must pass the CSRF checks (all but browser reports).
    pub csrf: bool,
    /// Whether the route never needs to know the caller (static files, health, metrics): the
    /// guard then skips the session lookup and issues no cookies.
    pub stateless: bool,
    /// Whether the route takes a file upload (CSRF token checked in the query string).
    pub upload: bool,
}

/// One route: method, path template, access rule and handler.
#[derive(Debug)]
pub struct Route {
    /// The HTTP method (exactly one per route).
    pub method: Method,
    /// The axum path template, e.g. `/courses/{course_id}`.
    pub path: &'static str,
    /// Who may call it.
    pub access: Access,
    /// Whether state changes need the CSRF checks.
    pub csrf: bool,
    /// Whether the caller is irrelevant (no session lookup, no cookies).
    pub stateless: bool,
    /// Whether the route takes a file upload (multipart, CSRF token in the query string).
    pub upload: bool,
    handler: MethodRouter<AppState>,
}

impl Route {
    /// A `GET` route.
    pub fn get<H, T>(path: &'static str, access: Access, handler: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        Self::new(Method::GET, MethodFilter::GET, path, access, handler)
    }

    /// A `POST` route.
    pub fn post<H, T>(path: &'static str, access: Access, handler: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        Self::new(Method::POST, MethodFilter::POST, path, access, handler)
    }

    fn new<H, T>(
        method: Method,
        filter: MethodFilter,
        path: &'static str,
        access: Access,
        handler: H,
    ) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        Self {
            method,
            path,
            access,
            csrf: true,
            stateless: false,
            upload: false,
            handler: on(filter, handler),
        }
    }

    /// Marks a public route that serves the same to everyone and needs no session.
    #[must_use]
    pub fn stateless(mut self) -> Self {
        self.stateless = true;
        self
    }

    /// Lets a route take a body up to `bytes` (file uploads), read by the handler itself; the
    /// CSRF token then travels in the query string (`?_csrf=`) because the guard does not buffer
    /// a multipart body.
    #[must_use]
    pub fn with_upload_limit(mut self, bytes: usize) -> Self {
        self.handler = self
            .handler
            .layer(axum::extract::DefaultBodyLimit::max(bytes));
        self.upload = true;
        self
    }

    /// Exempts a route from the CSRF checks. Only for requests browsers send on their own
    /// without cookies or forms (CSP reports); such a route must change nothing but counters.
    #[must_use]
    pub fn without_csrf(mut self) -> Self {
        self.csrf = false;
        self
    }
}

/// Every route of the application.
#[must_use]
pub fn table() -> Vec<Route> {
    let mut routes = Vec::new();
    routes.extend(landing::routes());
    routes.extend(language::routes());
    routes.extend(login::routes());
    routes.extend(account::routes());
    routes.extend(set_password::routes());
    routes.extend(admin::routes());
    routes.extend(courses::routes());
    routes.extend(me::routes());
    routes.extend(stories::routes());
    routes.extend(practices::routes());
    routes.extend(indicators::routes());
    routes.extend(health::routes());
    routes.extend(reports::routes());
    routes.push(
        Route::get(
            "/static/{version}/{*path}",
            Access::Public,
            assets::get_asset,
        )
        .stateless(),
    );
    routes
}

/// The rules of every route, keyed by method and path template, for the guard.
#[must_use]
pub fn rules() -> HashMap<(Method, String), RouteRule> {
    table()
        .into_iter()
        .map(|r| {
            (
                (r.method, r.path.to_owned()),
                RouteRule {
                    access: r.access,
                    csrf: r.csrf,
                    stateless: r.stateless,
                    upload: r.upload,
                },
            )
        })
        .collect()
}

/// The router built from [`table`], with the guard on every route.
pub fn router(state: &AppState) -> Router<AppState> {
    table()
        .into_iter()
        .fold(Router::new(), |router, route| {
            router.route(route.path, route.handler)
        })
        .route_layer(from_fn_with_state(state.clone(), guard::enforce))
}
