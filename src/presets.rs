//! The scenario presets: the JSON files in www/scenarios/, embedded at build time so the app
//! works offline and the tests read the very same files from disk.

pub struct Preset {
    /// File stem, used in URLs (`?preset=account-team`).
    pub key: &'static str,
    pub json: &'static str,
}

pub const PRESETS: &[Preset] = &[
    Preset {
        key: "help-center",
        json: include_str!("../www/scenarios/help-center.json"),
    },
    Preset {
        key: "housing-loan",
        json: include_str!("../www/scenarios/housing-loan.json"),
    },
    Preset {
        key: "sold-product",
        json: include_str!("../www/scenarios/sold-product.json"),
    },
    Preset {
        key: "teams-crm",
        json: include_str!("../www/scenarios/teams-crm.json"),
    },
    Preset {
        key: "customer-success",
        json: include_str!("../www/scenarios/customer-success.json"),
    },
    Preset {
        key: "account-team",
        json: include_str!("../www/scenarios/account-team.json"),
    },
    Preset {
        key: "role-hierarchy",
        json: include_str!("../www/scenarios/role-hierarchy.json"),
    },
];

/// The scenario shown on first load.
pub const DEFAULT_PRESET: &str = "help-center";

pub fn find(key: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.key == key)
}
