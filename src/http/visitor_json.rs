//! `/r/<id>/visitor.json`: the personal part of a release's AMP page for whoever asks
//! ([`crate::page::personal`]: the same decision as the plain page, from this request's
//! User-Agent), behind the AMP CORS protocol ([`super::amp_cors`]). Never stored by anyone.
//! Its words are in the language of the AMP document that asks (`?lang=`, else as for a page).

use std::sync::Arc;

use http::header::{HeaderValue, ALLOW, USER_AGENT};
use http::{Method, Request, StatusCode};
use hyper::body::Incoming;

use super::amp_cors;
use super::cacheability::Cacheability;
use super::response::{self, Resp};
use super::State;
use crate::client;
use crate::page;
use crate::store::ReleaseId;

pub fn visitor(state: &Arc<State>, req: &Request<Incoming>, id: Option<ReleaseId>) -> Resp {
    let method = req.method();
    if !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        let mut r = response::error(
            StatusCode::METHOD_NOT_ALLOWED,
            "method not allowed here; allowed: GET, HEAD, OPTIONS",
        );
        r.headers_mut()
            .insert(ALLOW, HeaderValue::from_static("GET, HEAD, OPTIONS"));
        return r;
    }
    let own_origin = state.config.public_url.origin();
    let allowed = match amp_cors::check(req.uri().query(), req.headers(), own_origin) {
        Ok(a) => a,
        Err(refused) => {
            let mut r = response::error(StatusCode::FORBIDDEN, &refused.to_string());
            Cacheability::Private.apply(r.headers_mut());
            return r;
        }
    };
    let mut r = if method == Method::OPTIONS {
        let mut r = response::empty(StatusCode::NO_CONTENT);
        amp_cors::apply_preflight(r.headers_mut(), &allowed);
        r
    } else {
        match id.and_then(|id| state.store.get(&id)) {
            Some(release) => {
                let ua = req
                    .headers()
                    .get(USER_AGENT)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                // The AMP document asks in its own language (`?lang=`).
                let lang = super::pages::lang(state, req);
                let personal = page::personal(
                    &release,
                    client::detect(ua),
                    time::OffsetDateTime::now_utc(),
                    lang,
                );
                response::json(StatusCode::OK, &personal)
            }
            None => response::error(StatusCode::NOT_FOUND, "no release with that id"),
        }
    };
    amp_cors::apply(r.headers_mut(), &allowed);
    Cacheability::Private.apply(r.headers_mut());
    r
}
