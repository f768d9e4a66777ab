//! The HTTP API, one module per area, merged here.

pub(crate) mod client;
mod contact_points;
mod dashboard;
pub(crate) mod health;
pub(crate) mod worker_account;
pub(crate) mod worker_caseload;

use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::time::Instant;

/// Most bodies are small; the two that carry sealed boxes get their own, larger limit.
pub const SMALL_BODY: usize = 16 * 1024;
pub const SEALED_BODY: usize = 200 * 1024;

pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(dashboard::router())
        .merge(health::router())
        .merge(worker_account::router())
        .merge(worker_caseload::router())
        .merge(client::router())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(SMALL_BODY))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            request_deadline,
        ))
        .layer(middleware::from_fn(hardening_headers))
        .layer(middleware::from_fn(log_request))
        .with_state(state)
}

async fn not_found() -> ApiError {
    ApiError::new(
        ErrorCode::NoSuchEndpoint,
        "there is no such endpoint; see /openapi.json",
    )
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        ErrorCode::MethodNotAllowed,
        "this endpoint does not take this method; see /openapi.json",
    )
}

/// A whole request, body included, must be done within the configured time: a body that
/// stays shorter than its Content-Length gets a 408 and the connection is closed.
async fn request_deadline(State(state): State<AppState>, req: Request, next: Next) -> Response {
    match tokio::time::timeout(state.config.request_timeout, next.run(req)).await {
        Ok(response) => response,
        Err(_) => {
            let mut response = ApiError::new(
                ErrorCode::RequestTimeout,
                "the request took too long to arrive; please try again",
            )
            .into_response();
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            response
        }
    }
}

/// One line per request: method, route template (never the raw path or query), status, time.
/// No headers, no bodies, no tokens.
async fn log_request(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string());
    let response = next.run(req).await;
    let status = response.status().as_u16();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let route = route.as_deref().unwrap_or("(unmatched)");
    if status >= 500 {
        tracing::error!(%method, route, status, ms, "request");
    } else {
        tracing::info!(%method, route, status, ms, "request");
    }
    response
}

async fn hardening_headers(req: Request, next: Next) -> impl IntoResponse {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    // The dashboard's page and assets set their own caching and CSP; everything else is
    // never cached and may load nothing.
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(
            "default-src 'none'; frame-ancestors 'none'",
        ));
    response
}
