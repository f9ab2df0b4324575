//! The routes, one module per resource; each exports `routes()`.
//!
//! The router is *built from* the route table: every route is a [`Route`] with its method, path
//! template and access rule, so a route cannot be served without having declared who may use it
//! (requirement R1), and the authorization-matrix tests enumerate exactly what is served.

pub mod health;
pub mod landing;
pub mod language;
pub mod reports;

use axum::Router;
use axum::http::Method;
use axum::routing::{MethodFilter, MethodRouter, on};

use crate::assets;
use crate::state::AppState;

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not. Such a route serves no personal data.
    Public,
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
            handler: on(filter, handler),
        }
    }
}

/// Every route of the application.
#[must_use]
pub fn table() -> Vec<Route> {
    let mut routes = Vec::new();
    routes.extend(landing::routes());
    routes.extend(language::routes());
    routes.extend(health::routes());
    routes.extend(reports::routes());
    routes.push(Route::get(
        "/static/{version}/{*path}",
        Access::Public,
        assets::get_asset,
    ));
    routes
}

/// The router built from [`table`].
pub fn router() -> Router<AppState> {
    table().into_iter().fold(Router::new(), |router, route| {
        router.route(route.path, route.handler)
    })
}
