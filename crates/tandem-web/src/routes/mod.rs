//! The routes, one module per resource; each exports `routes()`.
//!
//! The router is *built from* the route table: every route is a [`Route`] with its method, path
//! template and access rule, so a route cannot be served without having declared who may use it
//! (requirement R1), and the authorization-matrix tests enumerate exactly what is served.

pub mod absence;
pub mod account;
pub mod admin;
pub mod courses;
pub(crate) mod department;
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
pub mod tour;

use axum::Router;
use axum::middleware::from_fn_with_state;

use crate::assets;
use crate::auth::guard;
use crate::state::AppState;

pub use crate::route::{Access, Route, RouteRule};

/// Every route of the application.
#[must_use]
pub fn table() -> Vec<Route> {
    let mut routes = Vec::new();
    routes.extend(landing::routes());
    routes.extend(tour::routes());
    routes.extend(language::routes());
    routes.extend(login::routes());
    routes.extend(account::routes());
    routes.extend(absence::routes());
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

/// The router built from [`table`], each route behind the guard with its own rule.
pub fn router(state: &AppState) -> Router<AppState> {
    table().into_iter().fold(Router::new(), |router, route| {
        let rule = route.rule();
        let guard = from_fn_with_state((state.clone(), rule), guard::enforce);
        router.route(route.path, route.handler.route_layer(guard))
    })
}
