//! Configuration rights: a second matrix of users x configuration areas (settings, team
//! management, forms, workflows ...). An area is open to an active user whose profile or a
//! permission set lists it; Settings includes Team Management and the Developer Console, as
//! CustomerSuccessBox's Settings panel does. Inactive users have none.

use schemars::JsonSchema;
use serde::Serialize;

use super::index::{Index, UserIx};
use super::scenario::ConfigArea;

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ConfigCell {
    pub allowed: bool,
    /// Why, in plain words.
    pub reason: String,
}

/// Whether `u` may use `area`, and why.
pub fn config_right(ix: &Index, u: UserIx, area: ConfigArea) -> ConfigCell {
    let user = ix.user(u);
    if !user.active {
        return ConfigCell {
            allowed: false,
            reason: format!(
                "{} is disabled, and disabled users can't configure anything.",
                user.name
            ),
        };
    }
    match ix.config_source(u, area) {
        Some(src) => ConfigCell {
            allowed: true,
            reason: format!(
                "{} gives {} {}.",
                ix.perm_source_name(src),
                user.name,
                area.label()
            ),
        },
        None => ConfigCell {
            allowed: false,
            reason: format!(
                "Neither {}'s profile '{}' nor their permission sets give {}.",
                user.name,
                ix.profiles[user.profile.ix()].name,
                area.label()
            ),
        },
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ConfigRow {
    pub id: String,
    pub name: String,
    /// Area key to cell.
    pub areas: std::collections::BTreeMap<String, ConfigCell>,
}

/// Every user against every area.
pub fn config_matrix(ix: &Index) -> Vec<ConfigRow> {
    ix.user_ixs()
        .map(|u| ConfigRow {
            id: ix.user(u).id.clone(),
            name: ix.user(u).name.clone(),
            areas: ConfigArea::ALL
                .iter()
                .map(|a| (a.key().to_string(), config_right(ix, u, *a)))
                .collect(),
        })
        .collect()
}
