//! The requests, typed: one function per endpoint the app uses, each turning any failure into a
//! [`CourierError`].

use crate::CourierError;
use houvast_protocol::wire::{
    CheckInAccepted, ClientState, ErrorBody, PairRequest, PairResponse, SubmitCheckInRequest,
};
use reqwest::{Client, Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use std::time::Duration;
use url::Url;
use uuid::Uuid;

/// Time to set up a connection (TCP and TLS).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Time for a whole request, answer included.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

pub fn client() -> Result<Client, CourierError> {
    Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(REQUEST_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("Houvast/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| CourierError::Offline(e.to_string()))
}

fn endpoint(server: &Url, path: &str) -> Result<Url, CourierError> {
    server
        .join(path)
        .map_err(|e| CourierError::NotHouvast(e.to_string()))
}

/// The whole chain of causes in one line: reqwest puts the interesting part (a refused
/// certificate, a refused connection) several sources deep.
fn causes(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

fn transport(e: reqwest::Error) -> CourierError {
    if e.is_timeout() {
        return CourierError::Timeout;
    }
    let text = causes(&e);
    if text.contains("certificate") || text.contains("Certificate") {
        return CourierError::Certificate(text);
    }
    if e.is_connect() || e.is_request() {
        return CourierError::Offline(text);
    }
    CourierError::NotHouvast(text)
}

async fn answer<T: DeserializeOwned>(response: Response) -> Result<T, CourierError> {
    let status = response.status();
    let is_json = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let body = response.bytes().await.map_err(transport)?;
    if status.is_success() {
        return serde_json::from_slice(&body)
            .map_err(|e| CourierError::NotHouvast(format!("unexpected answer: {e}")));
    }
    let error: Option<ErrorBody> = is_json
        .then(|| serde_json::from_slice(&body).ok())
        .flatten();
    match error {
        Some(ErrorBody { code, message }) if status.is_client_error() => {
            Err(CourierError::Refused {
                status: status.as_u16(),
                code,
                message,
            })
        }
        Some(ErrorBody { message, .. }) => Err(CourierError::ServerFailed {
            status: status.as_u16(),
            message,
        }),
        None if status.is_server_error() => Err(CourierError::ServerFailed {
            status: status.as_u16(),
            message: status.to_string(),
        }),
        None => Err(CourierError::NotHouvast(format!("answered {status}"))),
    }
}

async fn send<T: DeserializeOwned>(request: RequestBuilder) -> Result<T, CourierError> {
    answer(request.send().await.map_err(transport)?).await
}

pub async fn pair(
    http: &Client,
    server: &Url,
    body: &PairRequest,
) -> Result<PairResponse, CourierError> {
    send(
        http.post(endpoint(server, "api/v1/client/pair")?)
            .json(body),
    )
    .await
}

fn authed(
    http: &Client,
    method: Method,
    server: &Url,
    path: &str,
    token: &str,
) -> Result<RequestBuilder, CourierError> {
    Ok(http
        .request(method, endpoint(server, path)?)
        .bearer_auth(token))
}

pub async fn submit_checkin(
    http: &Client,
    server: &Url,
    token: &str,
    checkin_id: Uuid,
    body: &SubmitCheckInRequest,
) -> Result<CheckInAccepted, CourierError> {
    let path = format!("api/v1/client/checkins/{checkin_id}");
    send(authed(http, Method::PUT, server, &path, token)?.json(body)).await
}

pub async fn state(http: &Client, server: &Url, token: &str) -> Result<ClientState, CourierError> {
    send(authed(
        http,
        Method::GET,
        server,
        "api/v1/client/state",
        token,
    )?)
    .await
}

pub async fn unpair(http: &Client, server: &Url, token: &str) -> Result<(), CourierError> {
    let response = authed(http, Method::DELETE, server, "api/v1/client/pairing", token)?
        .send()
        .await
        .map_err(transport)?;
    if response.status().is_success() {
        return Ok(());
    }
    answer::<serde_json::Value>(response).await.map(|_| ())
}
