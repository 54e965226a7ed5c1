//! `GET /doctor?link=...`: the install-link doctor as a web form. The input comes from
//! strangers, so the doctor runs with `public_only` (it will not connect to this server's own
//! network), a short timeout per step, and at most [`AT_ONCE`] runs at a time.

use std::sync::Arc;

use http::header::{HeaderValue, CACHE_CONTROL};
use http::{Request, StatusCode};
use hyper::body::Incoming;
use tokio::sync::Semaphore;

use super::response::{self, Resp};
use super::{security_headers, State};
use crate::doctor;
use crate::page::Flavor;

/// Concurrent doctor runs; each makes outgoing requests, so keep the server from being a
/// cheap amplifier.
const AT_ONCE: usize = 4;
const MAX_INPUT: usize = 8 * 1024;

pub struct DoctorGate(Semaphore);

impl Default for DoctorGate {
    fn default() -> Self {
        DoctorGate(Semaphore::new(AT_ONCE))
    }
}

/// The `link` parameter of a form query, decoded as a form does (`+` is a space).
fn link_param(query: Option<&str>) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == "link")
        .map(|(_, v)| v.into_owned())
}

pub async fn form(state: &Arc<State>, req: &Request<Incoming>) -> Resp {
    let input = link_param(req.uri().query()).unwrap_or_default();
    let input = input.trim();
    let (status, html) = if input.is_empty() {
        (StatusCode::OK, doctor::web::page("/doctor", "", None))
    } else if input.len() > MAX_INPUT {
        let msg = format!("The input is longer than {MAX_INPUT} bytes.");
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            doctor::web::page("/doctor", "", Some(Err(&msg))),
        )
    } else {
        let Ok(_permit) = state.doctor.0.try_acquire() else {
            let msg = "The doctor is busy with other checks; try again in a minute.";
            return page(
                StatusCode::SERVICE_UNAVAILABLE,
                doctor::web::page("/doctor", input, Some(Err(msg))),
            );
        };
        let extra = state
            .local_ca
            .as_ref()
            .map(|(_, der)| vec![rustls_pki_types::CertificateDer::from(der.clone())])
            .unwrap_or_default();
        match doctor::web::web_options(extra) {
            Ok(options) => match doctor::diagnose(input, &options).await {
                Ok(report) => (
                    StatusCode::OK,
                    doctor::web::page("/doctor", input, Some(Ok(&report))),
                ),
                Err(e) => {
                    let msg = e.to_string();
                    (
                        StatusCode::BAD_REQUEST,
                        doctor::web::page("/doctor", input, Some(Err(&msg))),
                    )
                }
            },
            Err(e) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                doctor::web::page("/doctor", input, Some(Err(&e))),
            ),
        }
    };
    page(status, html)
}

fn page(status: StatusCode, html: String) -> Resp {
    let mut r = response::with_type(status, "text/html; charset=utf-8", html);
    r.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    security_headers::apply_page(r.headers_mut(), Flavor::Plain);
    r
}

#[cfg(test)]
mod tests {
    use super::link_param;

    #[test]
    fn form_query_decoding() {
        assert_eq!(
            link_param(Some(
                "link=itms-services%3A%2F%2F%3Faction%3Ddownload-manifest%26url%3Dx+y"
            ))
            .as_deref(),
            Some("itms-services://?action=download-manifest&url=x y")
        );
        assert_eq!(link_param(Some("other=1")), None);
        assert_eq!(link_param(None), None);
        assert_eq!(link_param(Some("link=%ff")).as_deref(), Some("\u{fffd}"));
    }
}
