//! The routes, one module per resource; each exports `router()`.
//!
//! Every route the application serves is listed in [`ROUTES`] with the policy that guards it,
//! and a test checks that the router and this table agree — so no route can be added without
//! deciding who may use it (requirement R1).

pub mod health;
pub mod landing;
pub mod language;
pub mod reports;

use axum::Router;

use crate::state::AppState;

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not; serves no personal data.
    Public,
}

/// One row of the route table: method, path template, and its access rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteSpec {
    /// The HTTP method.
    pub method: &'static str,
    /// The axum path template.
    pub path: &'static str,
    /// Who may call it.
    pub access: Access,
}

/// Every route of the application.
pub const ROUTES: &[RouteSpec] = &[
    RouteSpec {
        method: "GET",
        path: "/",
        access: Access::Public,
    },
    RouteSpec {
        method: "GET",
        path: "/language/{code}",
        access: Access::Public,
    },
    RouteSpec {
        method: "GET",
        path: "/healthz",
        access: Access::Public,
    },
    RouteSpec {
        method: "GET",
        path: "/readyz",
        access: Access::Public,
    },
    RouteSpec {
        method: "GET",
        path: "/metrics",
        access: Access::Public,
    },
    RouteSpec {
        method: "POST",
        path: "/csp-reports",
        access: Access::Public,
    },
    RouteSpec {
        method: "GET",
        path: "/static/{version}/{*path}",
        access: Access::Public,
    },
];

/// All resource routers merged.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(landing::router())
        .merge(language::router())
        .merge(health::router())
        .merge(reports::router())
}
