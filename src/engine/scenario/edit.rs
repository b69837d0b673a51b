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
    Exercises,
}

impl Collection {
    pub fn key(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    }

    /// One entry of the list in words ("manual share"), for saying what an edit did.
    pub fn noun(self) -> &'static str {
        match self {
            Collection::Users => "user",
            Collection::Roles => "role",
            Collection::Groups => "public group",
            Collection::Profiles => "profile",
            Collection::PermissionSets => "permission set",
            Collection::Queues => "queue",
            Collection::Accounts => "account",
            Collection::Contacts => "contact",
            Collection::Cases => "case",
            Collection::Opportunities => "opportunity",
            Collection::Leads => "lead",
            Collection::Assets => "asset",
            Collection::SoldProducts => "sold product",
            Collection::AccountChildren => "account child",
            Collection::SharingRules => "sharing rule",
            Collection::ManualShares => "manual share",
            Collection::AccountTeams => "account team member",
            Collection::OpportunityTeams => "opportunity team member",
            Collection::CaseTeams => "case team member",
            Collection::SharingSets => "sharing set",
            Collection::Responsibilities => "responsibility",
            Collection::ResponsibilityAccess => "responsibility access",
            Collection::RelatedPartyConfigs => "related party configuration",
            Collection::RelatedParties => "related party",
            Collection::Playbooks => "playbook",
            Collection::CustomObjects => "custom object",
            Collection::CustomRecords => "custom record",
            Collection::Expectations => "expectation",
            Collection::Exercises => "exercise",
        }
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

impl Edit {
    /// What the edit does, in words ("saved manual share 'ms1'", "set the Case org-wide
    /// default to Private"): how the app names the edit that broke an expectation.
    pub fn summary(&self) -> String {
        match self {
            Edit::Upsert { collection, value } => {
                format!("saved {}{}", collection.noun(), named(*collection, value))
            }
            Edit::Remove {
                collection,
                matching,
                all,
            } => {
                if *all && matching.as_object().is_none_or(|m| m.is_empty()) {
                    format!("removed every {}", collection.noun())
                } else {
                    format!(
                        "removed {}{}",
                        collection.noun(),
                        named(*collection, matching)
                    )
                }
            }
            Edit::SetOrgDefault { object, default } => {
                let mut text = format!(
                    "set the {} org-wide default to {}",
                    object.label(),
                    default.internal.label()
                );
                if let Some(ext) = default.external.filter(|e| *e != default.internal) {
                    text.push_str(&format!(" (external {})", ext.label()));
                }
                text
            }
            Edit::Replace { .. } => "replaced the whole scenario".to_string(),
        }
    }
}

/// " 'ms1'" or " 'acme' / 'bob'": the entry's identifying fields, where it has them.
fn named(collection: Collection, value: &Value) -> String {
    let parts: Vec<String> = collection
        .identity()
        .iter()
        .filter_map(|f| value.get(*f))
        .map(|v| match v.as_str() {
            Some(s) => format!("'{s}'"),
            None => v.to_string(),
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" {}", parts.join(" / "))
    }
}
