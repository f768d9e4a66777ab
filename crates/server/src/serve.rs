//! The accept loop: HTTP/1.1 with hyper, optionally TLS, with the limits that keep one client
//! from holding the server: a deadline for a request's head (and for the TLS handshake), a cap
//! on open connections in all and per address, and — in the router — a deadline for the
//! whole request. Without these a request whose header line never ends, or whose body stays
//! shorter than its Content-Length, held its connection for good.

use crate::ratelimit::ip_key;
use crate::AppState;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::AsyncRead;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, OwnedSemaphorePermit, Semaphore};
use tower::ServiceExt;

/// Open connections per address, released when a connection ends.
#[derive(Default)]
struct PerAddress(Mutex<HashMap<String, usize>>);

struct AddressSlot {
    table: Arc<PerAddress>,
    key: String,
}

impl PerAddress {
    fn take(self: &Arc<Self>, key: String, max: usize) -> Option<AddressSlot> {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let n = map.entry(key.clone()).or_insert(0);
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(AddressSlot {
            table: self.clone(),
            key,
        })
    }
}

impl Drop for AddressSlot {
    fn drop(&mut self) {
        let mut map = self.table.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = map.get_mut(&self.key) {
            *n -= 1;
            if *n == 0 {
                map.remove(&self.key);
            }
        }
    }
}

/// Connections closed at once for being over a limit, logged at most every ten seconds so an
/// attack cannot flood the log.
#[derive(Default)]
struct Refusals {
    since_logged: u64,
    logged_at: Option<Instant>,
}

impl Refusals {
    fn note(&mut self, why: &'static str) {
        self.since_logged += 1;
        if self
            .logged_at
            .is_none_or(|at| at.elapsed() >= Duration::from_secs(10))
        {
            tracing::warn!(
                refused = self.since_logged,
                why,
                "closing new connections over the limit"
            );
            self.since_logged = 0;
            self.logged_at = Some(Instant::now());
        }
    }
}

/// Serves `state` on `listener` until `shutdown` resolves, then lets open requests finish
/// (for at most the request timeout).
pub async fn run(
    listener: TcpListener,
    state: AppState,
    tls: Option<tokio_rustls::TlsAcceptor>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let config = state.config.clone();
    let router = crate::app(state);
    let connections = Arc::new(Semaphore::new(config.max_connections));
    let per_address = Arc::new(PerAddress::default());
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut refused = Refusals::default();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            refused.note("connection limit reached");
            continue;
        };
        // Behind a proxy every connection comes from the proxy: the proxy limits addresses.
        let slot = if config.behind_proxy {
            None
        } else {
            match per_address.take(ip_key(peer.ip()), config.max_connections_per_address) {
                Some(slot) => Some(slot),
                None => {
                    refused.note("connection limit for one address reached");
                    continue;
                }
            }
        };
        let router = router.clone();
        let tls = tls.clone();
        let stop = stop_rx.clone();
        let header_timeout = config.header_read_timeout;
        tokio::spawn(async move {
            connection(
                stream,
                peer,
                router,
                tls,
                header_timeout,
                stop,
                (permit, slot),
            )
            .await;
        });
    }
    let _ = stop_tx.send(true);
    // Wait for open connections to finish, but not longer than a request may take.
    let all = u32::try_from(config.max_connections).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(config.request_timeout, connections.acquire_many(all)).await;
    Ok(())
}

async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    router: axum::Router,
    tls: Option<tokio_rustls::TlsAcceptor>,
    header_timeout: Duration,
    stop: watch::Receiver<bool>,
    held: (OwnedSemaphorePermit, Option<AddressSlot>),
) {
    let _ = stream.set_nodelay(true);
    let stream = Lingering::new(stream);
    match tls {
        None => http1(TokioIo::new(stream), peer, router, header_timeout, stop).await,
        Some(acceptor) => {
            match tokio::time::timeout(header_timeout, acceptor.accept(stream)).await {
                Ok(Ok(tls_stream)) => {
                    http1(TokioIo::new(tls_stream), peer, router, header_timeout, stop).await
                }
                Ok(Err(e)) => tracing::debug!(error = %e, "TLS handshake failed"),
                Err(_) => tracing::debug!("TLS handshake timed out"),
            }
        }
    }
    drop(held);
}

/// How long, and how much, a closing connection still reads of what the client sends.
const LINGER: Duration = Duration::from_millis(500);
const LINGER_BYTES: usize = 1024 * 1024;

/// A connection that, when the server closes it, first sends its end-of-stream and then reads
/// and drops what the client is still sending, for at most [`LINGER`] and [`LINGER_BYTES`].
/// Closing a socket with unread bytes makes the kernel reset the connection, and a client still
/// sending a body that is too large (or too slow) then loses the 413 or 408 written just before
/// it: the reason a malformed request gets would sometimes not arrive.
struct Lingering {
    stream: TcpStream,
    /// Set once the server has started closing: the deadline and the bytes dropped so far.
    closing: Option<(std::pin::Pin<Box<tokio::time::Sleep>>, usize)>,
}

impl Lingering {
    fn new(stream: TcpStream) -> Self {
        Self {
            stream,
            closing: None,
        }
    }
}

impl AsyncRead for Lingering {
    fn poll_read(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl tokio::io::AsyncWrite for Lingering {
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        use std::task::Poll;
        let Lingering { stream, closing } = self.get_mut();
        if closing.is_none() {
            // The response is complete: say so, then read what is still coming.
            std::task::ready!(std::pin::Pin::new(&mut *stream).poll_shutdown(cx))?;
            *closing = Some((Box::pin(tokio::time::sleep(LINGER)), 0));
        }
        let Some((deadline, dropped)) = closing.as_mut() else {
            return Poll::Ready(Ok(()));
        };
        let mut scratch = [0u8; 8192];
        loop {
            if *dropped >= LINGER_BYTES || deadline.as_mut().poll(cx).is_ready() {
                return Poll::Ready(Ok(()));
            }
            let mut buf = tokio::io::ReadBuf::new(&mut scratch);
            match std::pin::Pin::new(&mut *stream).poll_read(cx, &mut buf) {
                // The client has closed its side (or the connection is gone): done.
                Poll::Ready(Ok(())) if buf.filled().is_empty() => return Poll::Ready(Ok(())),
                Poll::Ready(Ok(())) => *dropped += buf.filled().len(),
                Poll::Ready(Err(_)) => return Poll::Ready(Ok(())),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

async fn http1<I>(
    io: I,
    peer: SocketAddr,
    router: axum::Router,
    header_timeout: Duration,
    mut stop: watch::Receiver<bool>,
) where
    I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let service =
        hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            router.clone().oneshot(req)
        });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .max_buf_size(64 * 1024)
        .serve_connection(io, service);
    tokio::pin!(conn);
    loop {
        tokio::select! {
            result = conn.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!(error = %e, "connection ended with an error");
                }
                return;
            }
            changed = stop.changed() => {
                if changed.is_err() || *stop.borrow() {
                    conn.as_mut().graceful_shutdown();
                    if let Err(e) = conn.as_mut().await {
                        tracing::debug!(error = %e, "connection ended with an error");
                    }
                    return;
                }
            }
        }
    }
}
