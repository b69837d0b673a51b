//! Edits to a scenario, as the app's editor, the JS API and incremental updates make them. An
//! edit is applied to a copy, which is then validated in full, so a bad edit is an error naming
//! the path at fault and the previous scenario is kept. The result reports the changed cells.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use super::index::Index;
use super::matrix::{diff, CellChange};
use super::scenario::{ObjectKind, OrgDefault, Scenario};
use super::validate::{validate, LoadError};

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

#[derive(Debug, Clone, PartialEq, Error)]
pub enum EditError {
    #[error("{0}")]
    Shape(String),
    #[error("{0}")]
    Invalid(LoadError),
}

impl EditError {
    /// Every problem with its path, for inline display next to the field.
    pub fn problems(&self) -> Vec<super::validate::Problem> {
        match self {
            EditError::Shape(m) => vec![super::validate::Problem {
                path: "$".into(),
                message: m.clone(),
            }],
            EditError::Invalid(e) => e.problems(),
        }
    }
}

/// The scenario an edit produces, not yet validated.
pub fn apply_to(scenario: &Scenario, edit: &Edit) -> Result<Scenario, EditError> {
    match edit {
        Edit::Replace { scenario } => {
            super::validate::parse(&scenario.to_string()).map_err(EditError::Invalid)
        }
        Edit::SetOrgDefault { object, default } => {
            let mut s = scenario.clone();
            s.org_defaults.insert(*object, *default);
            Ok(s)
        }
        Edit::Upsert { collection, value }
        | Edit::Remove {
            collection,
            matching: value,
        } => {
            // Through text, so the scenario has one serializer in the wasm module, not two.
            let text =
                serde_json::to_string(scenario).map_err(|e| EditError::Shape(e.to_string()))?;
            let mut doc: Value =
                serde_json::from_str(&text).map_err(|e| EditError::Shape(e.to_string()))?;
            let key = collection.key();
            let list = doc
                .as_object_mut()
                .ok_or_else(|| EditError::Shape("the scenario is not an object".into()))?
                .entry(key.clone())
                .or_insert_with(|| Value::Array(vec![]));
            let Value::Array(items) = list else {
                return Err(EditError::Shape(format!("{key} is not a list")));
            };
            let Value::Object(fields) = value else {
                return Err(EditError::Shape(format!(
                    "{key}: the value must be a JSON object"
                )));
            };
            let same = |item: &Value, keys: &[&str]| {
                keys.iter()
                    .all(|k| item.get(*k).is_some() && item.get(*k) == fields.get(*k))
            };
            if let Edit::Upsert { .. } = edit {
                let identity = collection.identity();
                if let Some(missing) = identity.iter().find(|k| !fields.contains_key(**k)) {
                    return Err(EditError::Shape(format!(
                        "{key}: the value needs `{missing}`"
                    )));
                }
                match items.iter_mut().find(|it| same(it, identity)) {
                    Some(slot) => *slot = value.clone(),
                    None => items.push(value.clone()),
                }
            } else {
                let before = items.len();
                let keys: Vec<&str> = fields.keys().map(String::as_str).collect();
                items.retain(|it| !same(it, &keys));
                if items.len() == before {
                    return Err(EditError::Shape(format!("{key}: nothing matches {value}")));
                }
            }
            super::validate::parse(&doc.to_string()).map_err(EditError::Invalid)
        }
    }
}

/// Apply an edit: the new index and the cells it changed, or an error (and nothing changes).
pub fn apply(ix: &Index, edit: &Edit) -> Result<(Index, Vec<CellChange>), EditError> {
    let next = apply_to(&ix.scenario, edit)?;
    let after = validate(next).map_err(EditError::Invalid)?;
    let changes = diff(ix, &after);
    Ok((after, changes))
}
