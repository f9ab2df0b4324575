//! A route as the route table declares it: method, path template, who may call it, and its
//! handler. The route modules build these; `routes` lists them and builds the router from the
//! list, so a route cannot be served without having declared who may use it (R1).
//!
//! Kept apart from the table itself so that the route modules depend on these types and the
//! table depends on the route modules, never the other way round.

use axum::http::Method;
use axum::routing::{MethodFilter, MethodRouter, on};
use tandem_domain::policy::Action;

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
    /// Whether the route needs a password entered in the last five minutes (R13).
    pub step_up: StepUp,
}

/// Whether a route needs a recently entered password (R13), and where the caller comes back to
/// after confirming it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepUp {
    /// Not needed.
    No,
    /// Needed. A `GET` comes back to the same address; any other method to the page its form
    /// was on: the path without its last segment (`/admin/users/{id}/role` → `/admin/users/{id}`).
    Yes,
    /// Needed; a `POST` comes back to this page (where the form's page is not the parent path).
    ReturnTo(&'static str),
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
    /// Whether the route needs a recent password (R13).
    pub step_up: StepUp,
    pub(crate) handler: MethodRouter<AppState>,
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
            step_up: StepUp::No,
            handler: on(filter, handler),
        }
    }

    /// What the guard enforces for this route.
    #[must_use]
    pub fn rule(&self) -> RouteRule {
        RouteRule {
            access: self.access,
            csrf: self.csrf,
            stateless: self.stateless,
            upload: self.upload,
            step_up: self.step_up,
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

    /// Asks for a password entered within the last five minutes before the route runs (R13):
    /// exports of personal or team data and changes to other people's credentials and roles.
    /// The guard checks it after authorization, so someone who may not use the route still gets
    /// the 404 and nothing reveals that the route exists. Without a recent password a `GET` is
    /// sent to confirm it and comes back; a `POST` is sent to confirm it and back to the page the
    /// form was on (the path without its last segment), where it can be sent again.
    #[must_use]
    pub fn with_step_up(mut self) -> Self {
        self.step_up = StepUp::Yes;
        self
    }

    /// Like [`Route::with_step_up`], for a `POST` whose form lives on `page` rather than on the
    /// parent path.
    #[must_use]
    pub fn with_step_up_returning_to(mut self, page: &'static str) -> Self {
        self.step_up = StepUp::ReturnTo(page);
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
