//! The app's only network code: pairing, delivering sealed check-ins from the outbox, fetching
//! the state and the worker's replies, and undoing a pairing. Every rule (what may be sent,
//! how a reply is verified) is houvast-session's; this crate makes the requests around it and
//! keeps the store locked only between them, never across one.
//!
//! HTTP goes through reqwest with rustls: no OpenSSL, and only the Mozilla root certificates
//! compiled in (webpki-roots), not whatever the system store holds. Every request has a
//! connect timeout and a total timeout, redirects are not followed (a redirect could lead to
//! plain http), and nothing is requested before the parent paired.

mod error;
mod http;
mod run;

pub use error::CourierError;
pub use run::{Courier, DeliveryReport, Sessions, REFRESH_EVERY};
