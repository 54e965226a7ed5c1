//! The plain-HTTP listener of `--redirect-http`: every request gets a 308 to the same path
//! under the public URL (never to the request's Host). It is served by the same accept loop as
//! the main listener, so it shares the connection cap, the deadlines and graceful shutdown.

use std::sync::Arc;

use http::header::{HeaderValue, LOCATION};
use http::{Request, StatusCode};

use super::response::{self, Resp};
use super::State;

pub fn handle<B>(state: &Arc<State>, req: &Request<B>) -> Resp {
    let target = req
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str())
        .unwrap_or("/");
    let location = state.config.public_url.join(target);
    let mut r = response::empty(StatusCode::PERMANENT_REDIRECT);
    if let Ok(v) = HeaderValue::from_str(&location) {
        r.headers_mut().insert(LOCATION, v);
    }
    r
}
