//! The release manager's console at `/console`: upload a build, see every app's builds with
//! their signing, notes and install starts, edit notes, delete builds, and make, copy and
//! revoke share links. [`view`] decides what the page says, [`render`] writes it; the
//! behaviour (uploads with progress, edits, deletions, links) is `static/console.js`, which
//! calls the JSON API with the session cookie and its CSRF token.

mod render;
mod view;

pub use render::SCRIPT;
pub use view::{console_view, ConsoleView};

use crate::i18n::Lang;

use super::Site;

/// The server's upload limit, which the page checks before sending a file that could only
/// be refused (a browser may see a refused large body as a broken connection, not the answer).
pub struct UploadLimit<'a> {
    pub bytes: u64,
    /// The API's own refusal text for a file over the limit.
    pub refusal: &'a str,
}

/// The console page for `view`, in `lang`; `csrf` is the session's CSRF token.
pub fn console_page(
    view: &ConsoleView,
    site: &Site,
    lang: Lang,
    csrf: &str,
    limit: &UploadLimit<'_>,
) -> String {
    render::page(view, site, lang, csrf, limit)
}
