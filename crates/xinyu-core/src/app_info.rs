//! What the about page shows: the product, the build and the formats it writes.
//! A first, tiny round trip from the UI through the shell into the core.

use serde::Serialize;
use ts_rs::TS;

/// What the about page shows: the build and the formats it writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppInfo {
    /// The product name shown to users.
    pub product_name: String,
    /// The version of `xinyu-core`.
    pub core_version: String,
    /// The version of the encrypted record format this build writes.
    pub vault_format_version: u8,
}

/// The product name, the core's version and the vault's record format version.
pub fn app_info() -> AppInfo {
    AppInfo {
        product_name: "心语".to_owned(),
        core_version: env!("CARGO_PKG_VERSION").to_owned(),
        vault_format_version: xinyu_vault::FORMAT_VERSION,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn about_shows_the_product_name_and_versions_of_this_build() {
        let info = app_info();
        assert_eq!(info.product_name, "心语");
        assert_eq!(info.core_version, env!("CARGO_PKG_VERSION"));
        assert_eq!(info.vault_format_version, 1);
    }

    #[test]
    fn app_info_crosses_to_the_ui_as_snake_case_json() {
        let json = serde_json::to_value(app_info()).expect("serializes");
        assert_eq!(json["product_name"], "心语");
        assert_eq!(json["vault_format_version"], 1);
        assert!(json["core_version"].is_string());
    }
}
