//! The OpenAPI document, generated from the handlers' annotations and served at
//! `/openapi.json`. A copy is checked in as `crates/server/openapi.json`; a test fails when it
//! drifts (`UPDATE_OPENAPI=1` rewrites it) and the fuzz test walks every path in it.

use crate::routes::*;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Houvast server", description = "Carries sealed check-ins between a parent's app and their prevention worker. Errors are `{code, message}`."),
    paths(
        health::healthz, health::readyz, health::openapi_json,
        worker_account::activation_info, worker_account::activate, worker_account::sign_in_params,
        worker_account::sign_in, worker_account::sign_out, worker_account::sign_out_everywhere, worker_account::me,
        worker_caseload::caseload, worker_caseload::client_record, worker_caseload::caseload_records, worker_caseload::create_pairing_code,
        worker_caseload::post_reply, worker_caseload::mark_done, worker_caseload::store_pin,
        worker_caseload::access_log,
        client::pair, client::submit_checkin, client::client_state, client::current_worker,
        client::unpair,
    ),
    components(schemas(crate::error::ErrorCode, crate::error::ErrorResponse)),
    modifiers(&Security),
)]
pub struct ApiDoc;

struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "worker_session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::extract::SESSION_COOKIE,
                "set by sign-in; Secure, HttpOnly, SameSite=Strict, Path=/. A request with two of these cookies is refused. Requests that change something also need the header `x-houvast-request: 1`.",
            ))),
        );
        components.add_security_scheme(
            "device_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("the device token from pairing"))
                    .build(),
            ),
        );
    }
}

pub fn document_json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|_| "{}".into())
}
