//! Undo without copies: the inverse of an `Edit`, computed against the scenario it is about to
//! be applied to, so that one incremental engine (`session::Engine`) can take an edit back by
//! applying more edits instead of keeping the previous index and matrix.
//!
//! - upsert of a new entry -> remove it (it was appended, so the list is as before);
//! - upsert replacing an entry -> upsert the old entry (an upsert replaces in place);
//! - remove -> put the removed entries back at their positions: by upserting them when they
//!   were the last of their list, or, for the leaf lists the engine patches in place (manual
//!   shares, team members), by taking out the few entries behind them and upserting everything
//!   in order; otherwise see the fallback below;
//! - org-wide default -> the old default;
//! - replace -> the old scenario.
//!
//! Edits cannot insert at a position, nor drop an org-wide default that was never set, so two
//! inverses fall back to the scenario level: re-inserting entries in the middle of a long (or
//! not patched) list, and clearing a default the scenario did not have. `Inverse::edits` then
//! builds the previous scenario from the current one and the few entries it kept, and undoes
//! with one `Edit::Replace` (a full revalidation, as costly as opening the scenario). Nothing is
//! copied when the edit is made, only when such an undo happens. `Inverse::is_incremental`
//! tells which kind an inverse is.

use serde::Serialize;
use serde_json::{Map, Value};

use super::edits::{on_list, Collection, Edit, EditError};
use super::scenario::{ObjectKind, Scenario};

/// How many entries behind a removed one may be taken out and put back, in the lists the
/// engine patches in place, to restore its position with edits alone.
pub const TAIL_LIMIT: usize = 16;

/// How to take one edit back.
#[derive(Debug, Clone, PartialEq)]
pub enum Inverse {
    /// Edits that, applied in order to the scenario the edit produced, give back the scenario
    /// it was applied to, exactly.
    Edits(Vec<Edit>),
    /// Entries a remove took out of the middle of `collection`, with their positions in the
    /// list before the removal (ascending). Undone at the scenario level.
    Reinsert {
        collection: Collection,
        entries: Vec<(usize, Value)>,
    },
    /// The edit set an org-wide default the scenario did not have. Undone at the scenario level.
    UnsetOrgDefault(ObjectKind),
    /// The whole previous scenario (the inverse of a replace).
    Scenario(Box<Scenario>),
}

/// The number of entries in a collection of `scenario`.
pub fn len(scenario: &Scenario, collection: Collection) -> usize {
    fn count<T>(list: &[T]) -> usize {
        list.len()
    }
    on_list!(scenario, collection, count())
}

/// Whether `item` has every one of `keys` and they equal `fields`' (as `edits::apply_to`
/// matches).
fn same(item: &Value, fields: &Map<String, Value>, keys: &[&str]) -> bool {
    keys.iter()
        .all(|k| item.get(*k).is_some() && item.get(*k) == fields.get(*k))
}

/// The entries of `list` (as JSON, with their positions) whose `keys` equal `fields`'; only the
/// first when `first_only`.
fn matches<T: Serialize>(
    list: &[T],
    fields: &Map<String, Value>,
    keys: &[&str],
    first_only: bool,
) -> Result<Vec<(usize, Value)>, EditError> {
    let mut out = Vec::new();
    for (i, entry) in list.iter().enumerate() {
        let v = serde_json::to_value(entry).map_err(|e| EditError::Shape(e.to_string()))?;
        if same(&v, fields, keys) {
            out.push((i, v));
            if first_only {
                break;
            }
        }
    }
    Ok(out)
}

/// The JSON of every entry of `list`.
fn all_json<T: Serialize>(list: &[T]) -> Result<Vec<Value>, EditError> {
    list.iter()
        .map(|e| serde_json::to_value(e).map_err(|e| EditError::Shape(e.to_string())))
        .collect()
}

/// The fields of an entry that identify it (`id`, or the pair for memberships).
fn identity_of(collection: Collection, entry: &Value) -> Value {
    let m: Map<String, Value> = collection
        .identity()
        .iter()
        .filter_map(|k| Some((k.to_string(), entry.get(*k)?.clone())))
        .collect();
    Value::Object(m)
}

fn remove_exactly(collection: Collection, entry: &Value) -> Edit {
    Edit::Remove {
        collection,
        matching: identity_of(collection, entry),
        all: false,
    }
}

fn upsert(collection: Collection, value: Value) -> Edit {
    Edit::Upsert { collection, value }
}

/// Lists whose entries nothing refers to and that the engine patches in place, so taking a
/// few out and putting them back is cheap and always valid.
fn patched_leaf(collection: Collection) -> bool {
    matches!(
        collection,
        Collection::ManualShares
            | Collection::AccountTeams
            | Collection::OpportunityTeams
            | Collection::CaseTeams
    )
}

/// The inverse of `edit` against `scenario`, the scenario it is about to be applied to. An
/// error is an edit `edits::apply_to` refuses for its shape (it will be refused as well).
pub fn inverse(scenario: &Scenario, edit: &Edit) -> Result<Inverse, EditError> {
    match edit {
        Edit::Replace { .. } => Ok(Inverse::Scenario(Box::new(scenario.clone()))),
        // A custom object's defaults live on its declaration: put the old declaration back.
        Edit::SetOrgDefault { object, .. } if object.is_custom() => {
            let decl = scenario
                .custom_objects
                .iter()
                .find(|c| ObjectKind::Custom(c.api_name) == *object);
            Ok(match decl {
                Some(c) => Inverse::Edits(vec![Edit::Upsert {
                    collection: Collection::CustomObjects,
                    value: serde_json::to_value(c).map_err(|e| EditError::Shape(e.to_string()))?,
                }]),
                // Refused anyway (no such object): nothing to undo.
                None => Inverse::Edits(vec![]),
            })
        }
        Edit::SetOrgDefault { object, .. } => Ok(match scenario.org_defaults.get(object) {
            Some(old) => Inverse::Edits(vec![Edit::SetOrgDefault {
                object: *object,
                default: *old,
            }]),
            None => Inverse::UnsetOrgDefault(*object),
        }),
        Edit::Upsert { collection, value } => {
            let key = collection.key();
            let Value::Object(fields) = value else {
                return Err(EditError::Shape(format!(
                    "{key}: the value must be a JSON object"
                )));
            };
            let identity = collection.identity();
            if let Some(missing) = identity.iter().find(|k| !fields.contains_key(**k)) {
                return Err(EditError::Shape(format!(
                    "{key}: the value needs `{missing}`"
                )));
            }
            let found = on_list!(scenario, *collection, matches(fields, identity, true))?;
            Ok(Inverse::Edits(vec![match found.into_iter().next() {
                // Replaced in place: put the old entry back in its place.
                Some((_, old)) => upsert(*collection, old),
                // Appended: taking it out leaves the list as it was.
                None => remove_exactly(*collection, value),
            }]))
        }
        Edit::Remove {
            collection,
            matching,
            ..
        } => {
            let key = collection.key();
            let Value::Object(fields) = matching else {
                return Err(EditError::Shape(format!(
                    "{key}: the value must be a JSON object"
                )));
            };
            let keys: Vec<&str> = fields.keys().map(String::as_str).collect();
            let removed = on_list!(scenario, *collection, matches(fields, &keys, false))?;
            let n = len(scenario, *collection);
            let Some(first) = removed.first().map(|(i, _)| *i) else {
                // Nothing matches: the edit will be refused.
                return Ok(Inverse::Edits(Vec::new()));
            };
            let behind = n - first - removed.len();
            // Upserting an entry back replaces any entry with the same identity: ids and team
            // memberships are unique (validation checks), other identities are checked here.
            let unique = collection.identity() == ["id"] || patched_leaf(*collection) || {
                let list = on_list!(scenario, *collection, all_json())?;
                let ids: Vec<Value> = list.iter().map(|v| identity_of(*collection, v)).collect();
                ids.iter()
                    .enumerate()
                    .all(|(i, a)| ids.iter().skip(i + 1).all(|b| a != b))
            };
            if !unique {
                return Ok(Inverse::Reinsert {
                    collection: *collection,
                    entries: removed,
                });
            }
            if behind == 0 {
                // The last entries of the list: upserting appends them in order.
                return Ok(Inverse::Edits(
                    removed
                        .into_iter()
                        .map(|(_, v)| upsert(*collection, v))
                        .collect(),
                ));
            }
            if patched_leaf(*collection) && behind <= TAIL_LIMIT {
                // Take out the few kept entries behind the first removed one, then append the
                // removed and those in their old order.
                let list = on_list!(scenario, *collection, all_json())?;
                let tail = &list[first..];
                let is_removed = |i: usize| removed.iter().any(|(j, _)| *j == first + i);
                let mut edits: Vec<Edit> = tail
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !is_removed(*i))
                    .map(|(_, v)| remove_exactly(*collection, v))
                    .collect();
                edits.extend(tail.iter().map(|v| upsert(*collection, v.clone())));
                return Ok(Inverse::Edits(edits));
            }
            Ok(Inverse::Reinsert {
                collection: *collection,
                entries: removed,
            })
        }
    }
}

impl Inverse {
    /// Whether this undo goes through edits (incremental) rather than the scenario level.
    pub fn is_incremental(&self) -> bool {
        matches!(self, Inverse::Edits(_))
    }

    /// The edits that undo, to be applied in order to `after`, the scenario as the edit left
    /// it (so inverses of several edits are taken in reverse order).
    pub fn edits(&self, after: &Scenario) -> Result<Vec<Edit>, EditError> {
        let shape = |e: serde_json::Error| EditError::Shape(e.to_string());
        Ok(match self {
            Inverse::Edits(edits) => edits.clone(),
            Inverse::Scenario(before) => vec![Edit::Replace {
                scenario: serde_json::to_value(before).map_err(shape)?,
            }],
            Inverse::UnsetOrgDefault(object) => {
                let mut before = after.clone();
                before.org_defaults.remove(object);
                vec![Edit::Replace {
                    scenario: serde_json::to_value(&before).map_err(shape)?,
                }]
            }
            Inverse::Reinsert {
                collection,
                entries,
            } => {
                let mut doc = serde_json::to_value(after).map_err(shape)?;
                let key = collection.key();
                let list = doc
                    .as_object_mut()
                    .ok_or_else(|| EditError::Shape("the scenario is not an object".into()))?
                    .entry(key.clone())
                    .or_insert_with(|| Value::Array(Vec::new()));
                let Value::Array(items) = list else {
                    return Err(EditError::Shape(format!("{key} is not a list")));
                };
                // Ascending positions in the list before the removal: inserting in that order
                // puts each where it was.
                for (at, v) in entries {
                    let at = (*at).min(items.len());
                    items.insert(at, v.clone());
                }
                vec![Edit::Replace { scenario: doc }]
            }
        })
    }
}
