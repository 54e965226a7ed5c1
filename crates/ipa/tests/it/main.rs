//! The IPA reader against the shared real-world fixtures (`../shared/fixtures/` beside the
//! repository): one test binary, a module per area.

mod catalogs;
mod cgbi;
mod fixtures;
mod limits;
mod plists;
mod profiles;
