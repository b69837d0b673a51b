//! The scenario presets: the JSON files in www/scenarios/, embedded at build time so the app
//! works offline and the tests read the very same files from disk.

pub struct Preset {
    /// File stem, used in URLs (`?preset=account-team`).
    pub key: &'static str,
    pub json: &'static str,
}

/// One preset per file in www/scenarios/, embedded at build time.
macro_rules! preset {
    ($key:literal) => {
        Preset {
            key: $key,
            json: include_str!(concat!("../www/scenarios/", $key, ".json")),
        }
    };
}

pub const PRESETS: &[Preset] = &[
    preset!("help-center"),
    preset!("housing-loan"),
    preset!("sold-product"),
    preset!("teams-crm"),
    preset!("customer-success"),
    preset!("account-team"),
    preset!("role-hierarchy"),
    preset!("loan-applications"),
];

/// The scenario shown on first load.
pub const DEFAULT_PRESET: &str = "help-center";

pub fn find(key: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.key == key)
}
