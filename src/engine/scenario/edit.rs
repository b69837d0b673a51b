//! The edits a scenario can be changed by, as data: the model's part of incremental editing
//! (exercises carry model answers as edits, so validation parses them without depending on
//! the incremental layer that applies them, `edits`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{ObjectKind, OrgDefault, Scenario};

/// The scenario's lists, by their JSON names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Collection {
    Users,
    Roles,
    Groups,
    Profiles,
    PermissionSets,
    Queues,
    Accounts,
    Contacts,
    Cases,
    Opportunities,
    Leads,
    Assets,
    SoldProducts,
    AccountChildren,
    SharingRules,
    ManualShares,
    AccountTeams,
    OpportunityTeams,
    CaseTeams,
    SharingSets,
    Responsibilities,
    ResponsibilityAccess,
    RelatedPartyConfigs,
    RelatedParties,
    Playbooks,
    CustomObjects,
    CustomRecords,
    Expectations,
}

impl Collection {
    pub fn key(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    }

    /// The fields that identify an entry: `id`, or for memberships without ids the pair.
    pub fn identity(self) -> &'static [&'static str] {
        match self {
            Collection::AccountTeams => &["account", "user"],
            Collection::OpportunityTeams => &["opportunity", "user"],
            Collection::CaseTeams => &["case", "user"],
            Collection::ResponsibilityAccess => &["responsibility", "table"],
            Collection::CustomObjects => &["api_name"],
            // "Expect this" on a cell: one expectation per user and record.
            Collection::Expectations => &["user", "record"],
            _ => &["id"],
        }
    }
}

/// One change to a scenario. JSON: `{"edit": "upsert", "collection": "cases", "value": {...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "edit", rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    /// Add an entry, or replace the one with the same identity (`id`, or `account` + `user`
    /// for account team members ...).
    Upsert {
        collection: Collection,
        value: Value,
    },
    /// Remove the entries whose fields equal every field of `matching`
    /// (e.g. `{"id": "case1"}` or `{"account": "acme", "user": "bob"}`).
    Remove {
        collection: Collection,
        matching: Value,
        /// Must be true to remove with an empty `matching` (every entry of the list): an empty
        /// match is otherwise refused, so a mistake can't silently clear a collection.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        all: bool,
    },
    /// Set an object's org-wide defaults.
    SetOrgDefault {
        object: ObjectKind,
        default: OrgDefault,
    },
    /// Replace the whole scenario. Kept as raw JSON until applied, so that it is parsed (and
    /// its errors located) exactly like a loaded file.
    Replace {
        #[schemars(with = "Scenario")]
        scenario: Value,
    },
}
