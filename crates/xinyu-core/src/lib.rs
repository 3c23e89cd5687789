//! Xinyu's domain model, encrypted store and use cases: the one API that the desktop shell and
//! the CLI call.
//!
//! ```
//! let info = xinyu_core::app_info();
//! assert_eq!(info.product_name, "心语");
//! assert_eq!(info.vault_format_version, xinyu_vault::FORMAT_VERSION);
//! ```

mod app_info;
pub mod bindings;
mod error;

pub use app_info::{AppInfo, app_info};
pub use error::{CommandError, Error, Result};
