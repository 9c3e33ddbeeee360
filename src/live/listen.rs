//! The server's sockets: listening (a backlog for a room arriving at once, the port of a
//! killed server taken again at once), and each connection served by hyper's HTTP/1 with
//! the limits that keep slow or idle clients from holding the room's sockets. A request's
//! headers must arrive within `header_read` of the connection being ready for them
//! (hyper's header-read timeout: a client sending half a request line, or a kept-alive
//! connection left idle, is closed then); and at most `connections` are served at once,
//! a connection past that waiting in the backlog until one closes. axum's own `serve`
//! offers neither, so connections are served here, as hyper's examples do.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt;

/// How many connections are served at once, and how long a request's headers may take.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    pub connections: usize,
    pub header_read: Duration,
}

/// Connections waiting to be accepted: a room of phones arriving at once (the 128 of a
/// plain listener made some wait a second for their connection to be tried again).
const BACKLOG: u32 = 1024;

/// How long connections still open when the server stops are waited for.
const CLOSING: Duration = Duration::from_secs(1);

/// A socket bound to `addr`, not yet listening: binding says at once whether the address
/// can be had, and which port it has. On Unix the port of a server just killed can be
/// taken again at once (resuming on the same link).
pub fn socket(addr: SocketAddr) -> std::io::Result<TcpSocket> {
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    Ok(socket)
}

/// Listens on `socket` (in the runtime entered).
pub fn listen(socket: TcpSocket) -> std::io::Result<TcpListener> {
    socket.listen(BACKLOG)
}

/// Serves `router` on `listener` until `stopped` says so; then each connection finishes
/// the request it is answering, and those still open a moment later are left to close
/// with the runtime.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    mut stopped: watch::Receiver<bool>,
) {
    let slots = Arc::new(Semaphore::new(limits.connections));
    loop {
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot,
            _ = until(&mut stopped) => break,
        };
        let Ok(slot) = slot else { break };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of file descriptors, or a connection reset before it was taken:
                // a moment, then the next.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = until(&mut stopped) => break,
        };
        let router = router.clone();
        let stopped = stopped.clone();
        tokio::spawn(async move {
            connection(stream, peer, router, limits, stopped).await;
            drop(slot);
        });
    }
    let all = u32::try_from(limits.connections).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(CLOSING, slots.acquire_many(all)).await;
}

/// Until the server is told to stop (or can no longer be).
async fn until(stopped: &mut watch::Receiver<bool>) {
    let _ = stopped.wait_for(|s| *s).await;
}

/// One connection, its requests knowing the sender's address (`ConnectInfo`).
async fn connection(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    router: Router,
    limits: ConnectionLimits,
    mut stopped: watch::Receiver<bool>,
) {
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        router.clone().oneshot(request)
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read);
    let conn = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = until(&mut stopped) => conn.as_mut().graceful_shutdown(),
    }
    let _ = conn.await;
}
