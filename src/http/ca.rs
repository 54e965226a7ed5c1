//! The local CA, for devices to install: `/ca.crt` (DER, what Safari offers to install) and
//! `/ca.mobileconfig` (an Apple configuration profile carrying it). The `/ca` page with the
//! steps is rendered by the page module.

use std::sync::Arc;

use bytes::Bytes;
use http::header::{HeaderValue, CONTENT_DISPOSITION};
use http::{Request, StatusCode};
use hyper::body::Incoming;

use super::files::{self, Representation, Source};
use super::response::{self, Resp};
use super::State;

pub enum What {
    Certificate,
    Profile,
}

pub async fn serve(state: &Arc<State>, req: &Request<Incoming>, what: What) -> Resp {
    let Some((_, der)) = &state.local_ca else {
        return response::error_page(
            StatusCode::NOT_FOUND,
            "this server uses a real certificate; there is no CA to install",
            crate::page::Msg::new("error-no-ca"),
        );
    };
    let host = state
        .config
        .public_url
        .as_str()
        .split("://")
        .nth(1)
        .unwrap_or("otadrop")
        .to_string();
    let (bytes, content_type, file_name) = match what {
        What::Certificate => (
            Bytes::from(der.clone()),
            "application/x-x509-ca-cert",
            "otadrop-ca.crt",
        ),
        What::Profile => (
            Bytes::from(crate::mobileconfig::ca_profile(der, &host)),
            "application/x-apple-aspen-config",
            "otadrop-ca.mobileconfig",
        ),
    };
    let tag = {
        use sha2::Digest;
        hex::encode(&sha2::Sha256::digest(&bytes)[..12])
    };
    let rep = Representation {
        etag: tag,
        last_modified: None,
        content_type,
        cache_control: "no-cache",
    };
    let mut r = files::serve(
        req.method(),
        req.headers(),
        &rep,
        Source::Bytes(bytes),
        None,
    )
    .await;
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        r.headers_mut().insert(CONTENT_DISPOSITION, v);
    }
    r
}
