//! The asset catalog reader against the real catalogs in `../shared/fixtures/assets-car/`:
//! one test binary, a module per area.

mod common;
mod fixtures;
mod mutations;
