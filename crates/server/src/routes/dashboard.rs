//! The worker's dashboard: the page and its assets, built from `ui/` and embedded at compile
//! time (see `build.rs`). The page runs under its own strict CSP: scripts, styles and workers
//! from this origin only, no inline code, and WebAssembly compilation for libsodium (which
//! derives keys and opens check-ins in the browser).

use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::error::{ApiError, ErrorCode};
use crate::AppState;

/// One file of the built dashboard, embedded at compile time.
pub struct EmbeddedFile {
    /// The URL path (`/dashboard.html`, `/assets/…`).
    pub path: &'static str,
    pub content_type: &'static str,
    pub bytes: &'static [u8],
    /// The same file Brotli-compressed, when that made it smaller.
    pub brotli: Option<&'static [u8]>,
}

mod embedded {
    use super::EmbeddedFile;
    include!(concat!(env!("OUT_DIR"), "/dashboard_files.rs"));
}

/// The dashboard's Content-Security-Policy. `'wasm-unsafe-eval'` allows compiling
/// WebAssembly only (libsodium), not JavaScript `eval`.
pub const DASHBOARD_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self'; connect-src 'self'; worker-src 'self'; \
     base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const INDEX: &str = "/dashboard.html";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(page))
        .route("/activate", get(page))
        .route("/assets/{file}", get(asset))
}

async fn page(headers: HeaderMap) -> Response {
    serve(INDEX, &headers, "no-store").unwrap_or_else(|| missing().into_response())
}

/// Asset names carry a hash of their content, so a browser may keep them.
async fn asset(Path(file): Path<String>, headers: HeaderMap) -> Response {
    serve(
        &format!("/assets/{file}"),
        &headers,
        "public, max-age=31536000, immutable",
    )
    .unwrap_or_else(|| missing().into_response())
}

fn missing() -> ApiError {
    ApiError::new(ErrorCode::NoSuchEndpoint, "there is no such file")
}

fn serve(path: &str, headers: &HeaderMap, cache: &'static str) -> Option<Response> {
    let file = embedded::FILES.iter().find(|f| f.path == path)?;
    let accepts_br = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|e| e.split(';').next().map(str::trim) == Some("br"));
    let brotli = file.brotli.filter(|_| accepts_br);
    let mut response = (StatusCode::OK, brotli.unwrap_or(file.bytes)).into_response();
    if brotli.is_some() {
        response
            .headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
    }
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(file.content_type),
    );
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(DASHBOARD_CSP),
    );
    Some(response)
}
