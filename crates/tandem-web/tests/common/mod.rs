//! Test support: the real server on port 0 against a fresh database, and a client that keeps
//! cookies and does not follow redirects (so tests see the 303s themselves).

#![allow(
    dead_code,
    reason = "each test binary uses a different part of the helpers"
)]

use std::time::Duration;

use axum::Router;
use tandem_store::Store;
use tandem_store::testing::TestDatabase;
use tandem_web::{AppState, WebConfig};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A running server and what a test needs to talk to it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub address: String,
    /// A client with its own cookie jar.
    pub client: reqwest::Client,
    /// The state the server runs with (for inspecting metrics, or the store).
    pub state: AppState,
    /// The database; dropped (and removed) with the app.
    pub db: TestDatabase,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

/// Starts the application with default limits.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(WebConfig::default(), Router::new()).await
}

/// Starts the application with the given limits and extra routes (test-only fault injection),
/// all behind the real layers.
pub async fn spawn_app_with(config: WebConfig, extra: Router<AppState>) -> TestApp {
    let (db, store) = TestDatabase::migrated().await.expect("fresh test database");
    spawn_on(db, store, config, extra).await
}

async fn spawn_on(
    db: TestDatabase,
    store: Store,
    config: WebConfig,
    extra: Router<AppState>,
) -> TestApp {
    let state = AppState::new(store, config).expect("translations load");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
    let address = format!("http://{}", listener.local_addr().expect("address"));
    let (stop, stopped) = oneshot::channel::<()>();
    let router = tandem_web::with_layers(
        tandem_web::routes::router(&state).merge(extra),
        state.clone(),
    );
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            let _ = stopped.await;
        })
        .await
    });
    TestApp {
        address,
        client: client(),
        state,
        db,
        stop: Some(stop),
        server: Some(server),
    }
}

/// A fresh client: own cookie jar, no redirects followed.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("HTTP client")
}

impl TestApp {
    /// The absolute URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    /// `GET path` and the body as text.
    pub async fn get_text(
        &self,
        path: &str,
    ) -> (reqwest::StatusCode, reqwest::header::HeaderMap, String) {
        let response = self.get(path).await;
        let status = response.status();
        let headers = response.headers().clone();
        (status, headers, response.text().await.expect("body"))
    }

    /// Chooses the interface language for this client, as the language switcher does.
    pub async fn choose_language(&self, code: &str) {
        let response = self.get(&format!("/language/{code}?next=/")).await;
        assert_eq!(response.status(), reqwest::StatusCode::SEE_OTHER);
    }

    /// Stops the server gracefully and waits for it.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            server.await.expect("server task").expect("server ran");
        }
    }
}
