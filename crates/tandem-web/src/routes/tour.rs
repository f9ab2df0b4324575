//! The demo's tour: who to sign in as and what to look at, role by role. The accounts are
//! listed only where the demo organization exists (`tandem serve --demo`, `tandem demo`);
//! elsewhere the page says there is no demo here, so a real installation never lists them.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use tandem_app::demo;

use crate::error::AppError;
use crate::page::{Chrome, Page, render};
use crate::route::{Access, Route};

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    vec![Route::get("/tour", Access::Public, show_tour)]
}

/// One role's stop on the tour.
struct Stop {
    /// The role's key in the translations (`tour-<key>-…`).
    key: &'static str,
    /// The sign-in name (an e-mail for staff, a login name for citizens).
    login: &'static str,
    /// Where to sign in.
    sign_in: &'static str,
}

/// The stops, in the order a visitor meets Tandem's people: the young person first.
const STOPS: [Stop; 5] = [
    Stop {
        key: "young",
        login: "ung1.demo",
        sign_in: "/me/login",
    },
    Stop {
        key: "processor",
        login: "raadgiver@demo.tandem.test",
        sign_in: "/login",
    },
    Stop {
        key: "manager",
        login: "teamleder@demo.tandem.test",
        sign_in: "/login",
    },
    Stop {
        key: "head",
        login: "leder@demo.tandem.test",
        sign_in: "/login",
    },
    Stop {
        key: "admin",
        login: "admin@demo.tandem.test",
        sign_in: "/login",
    },
];

/// How many things to look at each role lists (`tour-<key>-1` … `-4`).
const LOOKS: usize = 4;

struct StopView {
    heading: String,
    login: &'static str,
    sign_in: &'static str,
    looks: Vec<String>,
}

#[derive(Template)]
#[template(path = "tour.html")]
struct TourPage {
    chrome: Chrome,
    /// The demo's password, where the demo exists.
    password: Option<&'static str>,
    stops: Vec<StopView>,
}

async fn show_tour(Page { state, chrome, .. }: Page) -> Result<Response, AppError> {
    let present = demo::is_present(state.app()).await?;
    let tr = &chrome.tr;
    let stops = STOPS
        .iter()
        .filter(|_| present)
        .map(|stop| StopView {
            heading: tr.t(&format!("tour-{}", stop.key)),
            login: stop.login,
            sign_in: stop.sign_in,
            looks: (1..=LOOKS)
                .map(|n| tr.t(&format!("tour-{}-{n}", stop.key)))
                .collect(),
        })
        .collect();
    let page = TourPage {
        password: present.then_some(demo::PASSWORD),
        stops,
        chrome,
    };
    render(StatusCode::OK, &page)
}
