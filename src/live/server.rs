//! The HTTP side of a live workshop, kept thin over the `Room`: axum on tokio (the
//! ecosystem's standard, and what hyper's own examples build on), HTTP/1 only, on the
//! sockets the command bound, each connection served by `listen` (a header-read
//! timeout, a cap on connections). Every request is rate-limited (per participant's
//! cookie, else per sender's address), size-limited and time-limited; every response
//! carries a strict content security policy (a page's script runs only under the nonce
//! drawn for that response) and is never cached. The limits are axum's own body limit,
//! a timeout around each request and plead's token bucket (`limiter`): tower's rate
//! limit is one for the whole service, where a room needs one per sender, so tower-http
//! is not built for them. No route changes the workshop: a participant changes only
//! their own name, group and vote; the terminal does the rest.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Form, Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::hub::Hub;
use super::limiter::{Limiter, Rate};
use super::listen::{self, ConnectionLimits};
use super::pages::{self, Actions, Frame};
use super::room::{Phase, Refusal};
use super::token;

/// What the server takes from one sender.
#[derive(Debug, Clone, Copy)]
pub struct ServerLimits {
    /// The largest request body (a form of a name, a group and a vote is far smaller).
    pub body_bytes: usize,
    /// The requests of one participant (by cookie).
    pub participant: Rate,
    /// The requests of a sender with no participant's cookie (joining).
    pub sender: Rate,
    /// The presenter view's requests from one address.
    pub presenter: Rate,
    /// How long a page's wait for the next change is held open.
    pub wait: Duration,
    /// How long a request's headers may take to arrive (and a kept-alive connection may
    /// stay idle).
    pub header_read: Duration,
    /// How long the rest of a request may take (its body, its answer), beyond `wait`
    /// for a wait.
    pub request: Duration,
    /// The connections served at once: see `ServerLimits::for_room`.
    pub connections: usize,
}

impl ServerLimits {
    /// The limits for a room of at most `participants` at once: three connections each
    /// (a page's wait held open, a page or a form being sent, one a browser keeps to
    /// spare) and 32 for presenter views and the laptop.
    pub fn for_room(participants: usize) -> ServerLimits {
        ServerLimits {
            connections: connections(participants),
            ..ServerLimits::default()
        }
    }
}

fn connections(participants: usize) -> usize {
    participants * 3 + 32
}

impl Default for ServerLimits {
    fn default() -> ServerLimits {
        ServerLimits {
            body_bytes: 2048,
            participant: Rate {
                burst: 30.0,
                per_second: 5.0,
            },
            sender: Rate {
                burst: 120.0,
                per_second: 10.0,
            },
            presenter: Rate {
                burst: 120.0,
                per_second: 40.0,
            },
            wait: Duration::from_secs(25),
            header_read: Duration::from_secs(10),
            request: Duration::from_secs(10),
            connections: connections(super::room::Limits::default().participants),
        }
    }
}

const COOKIE: &str = "plead_live";

struct App {
    hub: Arc<Hub>,
    limits: ServerLimits,
    limiter: Mutex<Limiter>,
    /// The presenter's QR code of the join link, drawn once.
    qr: String,
}

/// A running server: stopped (and waited for) when dropped.
pub struct Running {
    pub addrs: Vec<SocketAddr>,
    stop: Option<tokio::sync::watch::Sender<bool>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(true);
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Serves the workshop on `sockets` (see `socket`) from a thread of its own until dropped.
pub fn start(
    hub: Arc<Hub>,
    sockets: Vec<tokio::net::TcpSocket>,
    limits: ServerLimits,
) -> anyhow::Result<Running> {
    let addrs = sockets
        .iter()
        .map(tokio::net::TcpSocket::local_addr)
        .collect::<Result<Vec<_>, _>>()?;
    let qr = hub.read(|r| super::qr::svg(&r.join_url, "QR code of the join link"));
    let app = Arc::new(App {
        hub,
        limits,
        limiter: Mutex::new(Limiter::default()),
        qr,
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .enable_time()
        .build()?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut servers = Vec::new();
    for socket in sockets {
        let _guard = runtime.enter();
        servers.push(listen::listen(socket)?);
    }
    let connections = ConnectionLimits {
        connections: app.limits.connections,
        header_read: app.limits.header_read,
    };
    let router = router(Arc::clone(&app));
    let thread = std::thread::Builder::new()
        .name("plead-live".into())
        .spawn(move || {
            runtime.block_on(async move {
                let mut tasks = Vec::new();
                for listener in servers {
                    let served =
                        listen::serve(listener, router.clone(), connections, stopped.clone());
                    tasks.push(tokio::spawn(served));
                }
                for t in tasks {
                    let _ = t.await;
                }
            });
            // Waits held open are not waited for: the workshop is over.
            runtime.shutdown_timeout(Duration::from_millis(200));
        })?;
    Ok(Running {
        addrs,
        stop: Some(stop),
        thread: Some(thread),
    })
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/j/{token}", get(join_page).post(join))
        .route("/j/{token}/vote", get(vote_page).post(vote))
        .route("/j/{token}/name", post(rename))
        .route("/j/{token}/leave", post(leave))
        .route("/j/{token}/wait", get(participant_wait))
        .route("/p/{token}", get(presenter_page))
        .route("/p/{token}/wait", get(presenter_wait))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(app.limits.body_bytes))
        .layer(middleware::from_fn_with_state(Arc::clone(&app), guard))
        .with_state(app)
}

/// Every request: counted against its sender's rate; every response: the headers that
/// keep a page to itself.
async fn guard(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    // The projector follows every vote: its requests are counted apart from joiners'.
    let presenter = request.uri().path().starts_with("/p/");
    let (key, rate) = match cookie(request.headers()) {
        _ if presenter => (format!("p:{}", peer.ip()), app.limits.presenter),
        Some(c) => (format!("c:{c}"), app.limits.participant),
        None => (format!("a:{}", peer.ip()), app.limits.sender),
    };
    let allowed =
        app.limiter
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .allow(&key, rate, Instant::now());
    // A body sent a byte at a time holds its connection no longer than this.
    let took = match request.uri().path().ends_with("/wait") {
        true => app.limits.wait + app.limits.request,
        false => app.limits.request,
    };
    let mut response = if allowed {
        match tokio::time::timeout(took, next.run(request)).await {
            Ok(r) => r,
            Err(_) => page(
                StatusCode::REQUEST_TIMEOUT,
                "Too slow",
                &pages::message("Too slow", "That took too long to arrive. Try again."),
            ),
        }
    } else {
        let mut r = page(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many requests",
            &pages::message("Too many requests", "Wait a moment, then try again."),
        );
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        r
    };
    let h = response.headers_mut();
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(
            "default-src 'none'; frame-ancestors 'none'",
        ));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The participant's cookie, when it is one plead could have made.
fn cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v)
        .filter(|v| token::well_formed(v))
}

/// A page with a nonce of its own for its script.
fn page(status: StatusCode, title: &str, body: &str) -> Response {
    render(status, title, body, "", None)
}

fn render(
    status: StatusCode,
    title: &str,
    body: &str,
    class: &str,
    follow: Option<(&str, u64)>,
) -> Response {
    let nonce = token::fresh().unwrap_or_default();
    let html = pages::frame(
        &Frame {
            title,
            nonce: &nonce,
            follow,
        },
        class,
        body,
    );
    let csp = format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-{nonce}'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    );
    let mut r = (status, html).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    r
}

async fn not_found() -> Response {
    page(
        StatusCode::NOT_FOUND,
        "Not found",
        &pages::message(
            "Not found",
            "This is not a workshop's link. Check the link on the screen, or scan the code again.",
        ),
    )
}

fn see_other(to: &str) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// Whether the join token is this workshop's.
fn joins(app: &App, given: &str) -> bool {
    token::well_formed(given) && app.hub.read(|r| token::same(given, &r.token))
}

/// The participant the request's cookie belongs to.
fn participant(app: &App, headers: &HeaderMap) -> Option<usize> {
    let digest = token::digest(cookie(headers)?);
    app.hub.read(|r| r.find(&digest))
}

/// A form posted from another site's page is refused (the cookie is SameSite=Strict
/// too; this covers browsers that send it anyway).
fn cross_site(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        return false;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    origin
        .split_once("://")
        .is_none_or(|(_, rest)| !rest.eq_ignore_ascii_case(host))
}

/// Writes the draft before the request is answered: an answer means it is saved.
async fn persisted(app: &Arc<App>) -> Result<(), Response> {
    let hub = Arc::clone(&app.hub);
    match tokio::task::spawn_blocking(move || hub.persist()).await {
        Ok(Ok(())) => Ok(()),
        _ => Err(page(
            StatusCode::SERVICE_UNAVAILABLE,
            "Not saved",
            &pages::message(
                "Not saved",
                "The laptop could not save this. Tell the facilitator, then try again.",
            ),
        )),
    }
}

fn bad_form(rejection: &FormRejection) -> Response {
    let status = rejection.status();
    let text = if status == StatusCode::PAYLOAD_TOO_LARGE {
        "That was too long to send. Go back and send less."
    } else {
        "This page's form could not be read. Go back, reload the page and try again."
    };
    page(
        status,
        "Not understood",
        &pages::message("Not understood", text),
    )
}

fn refused(refusal: &Refusal) -> StatusCode {
    match refusal {
        Refusal::Full(_) | Refusal::Ended => StatusCode::FORBIDDEN,
        Refusal::NotJoined => StatusCode::UNAUTHORIZED,
        Refusal::NameTooLong(_) | Refusal::UnknownTag | Refusal::NotAChoice => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Refusal::NotOpen | Refusal::NameFixed => StatusCode::CONFLICT,
    }
}

fn base(token: &str) -> String {
    format!("/j/{token}")
}

async fn join_page(
    State(app): State<Arc<App>>,
    Path(t): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !joins(&app, &t) {
        return not_found().await;
    }
    if participant(&app, &headers).is_some() {
        return see_other(&format!("{}/vote", base(&t)));
    }
    let (title, body) = app
        .hub
        .read(|r| (r.title.clone(), pages::join(r, &base(&t), None)));
    render(StatusCode::OK, &title, &body, "", None)
}

#[derive(Deserialize)]
struct JoinForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    tag: String,
}

async fn join(
    State(app): State<Arc<App>>,
    Path(t): Path<String>,
    headers: HeaderMap,
    form: Result<Form<JoinForm>, FormRejection>,
) -> Response {
    if !joins(&app, &t) {
        return not_found().await;
    }
    if cross_site(&headers) {
        return page(
            StatusCode::FORBIDDEN,
            "Refused",
            &pages::message("Refused", "This form was sent from another site's page."),
        );
    }
    let form = match form {
        Ok(Form(f)) => f,
        Err(e) => return bad_form(&e),
    };
    if let Some(k) = participant(&app, &headers) {
        if let Err(refusal) = app.hub.change(|r| r.rejoin(k)) {
            return refusal_page(&app, &refusal);
        }
        if let Err(r) = persisted(&app).await {
            return r;
        }
        return see_other(&format!("{}/vote", base(&t)));
    }
    let Ok(secret) = token::fresh() else {
        return page(
            StatusCode::SERVICE_UNAVAILABLE,
            "Try again",
            &pages::message(
                "Try again",
                "The laptop could not make a key for you. Try again.",
            ),
        );
    };
    let digest = token::digest(&secret);
    if let Err(refusal) = app.hub.change(|r| r.join(&form.name, &form.tag, digest)) {
        let (title, body) = app.hub.read(|r| {
            (
                r.title.clone(),
                pages::join(r, &base(&t), Some(&refusal.to_string())),
            )
        });
        return render(refused(&refusal), &title, &body, "", None);
    }
    if let Err(r) = persisted(&app).await {
        return r;
    }
    let mut r = see_other(&format!("{}/vote", base(&t)));
    let cookie = format!(
        "{COOKIE}={secret}; Path={}; Max-Age=86400; HttpOnly; SameSite=Strict",
        base(&t)
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

fn refusal_page(app: &App, refusal: &Refusal) -> Response {
    let title = app.hub.read(|r| r.title.clone());
    page(
        refused(refusal),
        &title,
        &pages::message(&title, &refusal.to_string()),
    )
}

fn participant_page(
    app: &App,
    t: &str,
    k: usize,
    status: StatusCode,
    notice: Option<&str>,
) -> Response {
    let b = base(t);
    let (vote, name, leave, wait) = (
        format!("{b}/vote"),
        format!("{b}/name"),
        format!("{b}/leave"),
        format!("{b}/wait"),
    );
    let actions = Actions {
        vote: &vote,
        name: &name,
        leave: &leave,
    };
    let (title, body, v, ended) = app.hub.read(|r| {
        (
            r.title.clone(),
            pages::participant(r, k, &actions, notice),
            r.versions().phase,
            r.phase() == Phase::Ended,
        )
    });
    let follow = (!ended).then_some((wait.as_str(), v));
    render(status, &title, &body, "", follow)
}

async fn vote_page(
    State(app): State<Arc<App>>,
    Path(t): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !joins(&app, &t) {
        return not_found().await;
    }
    match participant(&app, &headers) {
        Some(k) if !app.hub.read(|r| r.participant(k).left) => {
            participant_page(&app, &t, k, StatusCode::OK, None)
        }
        _ => see_other(&base(&t)),
    }
}

#[derive(Deserialize)]
struct VoteForm {
    item: String,
    rating: String,
}

async fn vote(
    State(app): State<Arc<App>>,
    Path(t): Path<String>,
    headers: HeaderMap,
    form: Result<Form<VoteForm>, FormRejection>,
) -> Response {
    if !joins(&app, &t) {
        return not_found().await;
    }
    if cross_site(&headers) {
        return page(
            StatusCode::FORBIDDEN,
            "Refused",
            &pages::message("Refused", "This form was sent from another site's page."),
        );
    }
    let Some(k) = participant(&app, &headers) else {
        return see_other(&base(&t));
    };
    let form = match form {
        Ok(Form(f)) => f,
        Err(e) => return bad_form(&e),
    };
    match app.hub.change(|r| r.vote(k, &form.item, &form.rating)) {
        Ok(_) => {
            if let Err(r) = persisted(&app).await {
                return r;
            }
            see_other(&format!("{}/vote", base(&t)))
        }
        Err(refusal) => {
            participant_page(&app, &t, k, refused(&refusal), Some(&refusal.to_string()))
        }
    }
}

async fn rename(
    State(app): State<Arc<App>>,
    Path(t): Path<String>,
    headers: HeaderMap,
    form: Result<Form<JoinForm>, FormRejection>,
) -> Response {
    if !joins(&app, &t) {
        return not_found().await;
    }
    if cross_site(&headers) {
        return page(
            StatusCode::FORBIDDEN,
            "Refused",
            &pages::message("Refused", "This form was sent from another site's page."),
        );
    }
    let Some(k) = participant(&app, &headers) else {
        return see_other(&base(&t));
    };
    let form = match form {
        Ok(Form(f)) => f,
        Err(e) => return bad_form(&e),
    };
    match app.hub.change(|r| r.rename(k, &form.name, &form.tag)) {
        Ok(()) => {
            if let Err(r) = persisted(&app).await {
                return r;
            }
            see_other(&format!("{}/vote", base(&t)))
        }
        Err(refusal) => {
            participant_page(&app, &t, k, refused(&refusal), Some(&refusal.to_string()))
        }
    }
}

async fn leave(State(app): State<Arc<App>>, Path(t): Path<String>, headers: HeaderMap) -> Response {
    if !joins(&app, &t) {
        return not_found().await;
    }
    if cross_site(&headers) {
        return page(
            StatusCode::FORBIDDEN,
            "Refused",
            &pages::message("Refused", "This form was sent from another site's page."),
        );
    }
    if let Some(k) = participant(&app, &headers) {
        app.hub.change(|r| r.leave(k));
        if let Err(r) = persisted(&app).await {
            return r;
        }
    }
    let title = app.hub.read(|r| r.title.clone());
    page(
        StatusCode::OK,
        &title,
        &pages::message(
            "You have left the workshop",
            "The votes you gave are kept. Open the link again to rejoin.",
        ),
    )
}

#[derive(Deserialize)]
struct Since {
    #[serde(default)]
    v: u64,
}

/// Answers with the version once it is not `since` (or when the wait is over).
async fn wait_for(app: &App, since: u64, of: fn(&super::room::Versions) -> u64) -> Response {
    let mut rx = app.hub.subscribe();
    let waited = tokio::time::timeout(app.limits.wait, rx.wait_for(|v| of(v) != since)).await;
    let now = match waited {
        Ok(Ok(v)) => of(&v),
        _ => app.hub.read(|r| of(&r.versions())),
    };
    let mut r = (StatusCode::OK, now.to_string()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

async fn participant_wait(
    State(app): State<Arc<App>>,
    Path(t): Path<String>,
    since: Result<Query<Since>, QueryRejection>,
) -> Response {
    if !joins(&app, &t) {
        return not_found().await;
    }
    wait_for(&app, since.map_or(0, |q| q.v), |v| v.phase).await
}

fn presents(app: &App, given: &str) -> bool {
    token::well_formed(given) && app.hub.read(|r| token::same(given, &r.presenter))
}

async fn presenter_page(State(app): State<Arc<App>>, Path(t): Path<String>) -> Response {
    if !presents(&app, &t) {
        return not_found().await;
    }
    let wait = format!("/p/{t}/wait");
    let (title, body, v, ended) = app.hub.read(|r| {
        (
            r.title.clone(),
            pages::presenter(r, &app.qr),
            r.versions().room,
            r.phase() == Phase::Ended,
        )
    });
    let follow = (!ended).then_some((wait.as_str(), v));
    render(StatusCode::OK, &title, &body, "big", follow)
}

async fn presenter_wait(
    State(app): State<Arc<App>>,
    Path(t): Path<String>,
    since: Result<Query<Since>, QueryRejection>,
) -> Response {
    if !presents(&app, &t) {
        return not_found().await;
    }
    wait_for(&app, since.map_or(0, |q| q.v), |v| v.room).await
}
