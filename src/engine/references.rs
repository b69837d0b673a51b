//! What refers to an entity (the cases a user owns, the groups that list them ...), so a
//! refused removal can say why and offer the way out: reassign those references to another
//! entity, or remove the entries that need it too. Both ways out are one whole-scenario edit.

use serde_json::Value;

use super::edits::Collection;
use super::scenario::Scenario;

/// Every list of a scenario, in file order.
pub use super::edits::COLLECTIONS;

/// Keys whose values are free text or fixed words, never another entity's id.
const NOT_REFERENCES: &[&str] = &[
    "id",
    "name",
    "description",
    "kind",
    "team_role",
    "fields",
    "field",
    "equals",
    "access",
    "account_access",
    "case_access",
    "opportunity_access",
    "contact_access",
    "creator_access",
    "assigned_account_access",
    "license",
    "portal_role",
    "csm_roles",
    "objects",
    "system",
    "config",
    "type",
    "applies_to",
    "entity",
    "table",
    "object",
    "user_field",
    "target",
];

/// Lookups an entry can do without: a reference there is cleared, not the entry removed.
const OPTIONAL: &[&str] = &[
    "created_by",
    "parent",
    "partner",
    "success_manager",
    "contact",
    "asset",
    "sold_product",
    "consumer",
    "role",
    "responsibility",
    "default_responsibility",
    "assignee",
];

/// One place that names the entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub collection: Collection,
    /// Position in the collection's list.
    pub index: usize,
    /// The referring entry's id, or its identity (`acme / bob`) when it has no id.
    pub entry: String,
    /// Where in the entry: `owner`, `members[2].user`, `select.owned_by.role` ...
    pub field: String,
}

impl Reference {
    /// How removing the entity would touch this entry.
    fn effect(&self) -> Effect {
        let top = self.field.split(['.', '[']).next().unwrap_or("");
        if self.field.ends_with(']') || self.field.contains("].") && is_list_member(&self.field) {
            Effect::DropElement
        } else if self.collection == Collection::Users && top == "contact" {
            // A portal user is their contact: without it the user can't exist.
            Effect::RemoveEntry
        } else if OPTIONAL.contains(&top)
            || (top == "account"
                && !matches!(
                    self.collection,
                    Collection::AccountChildren | Collection::AccountTeams
                )
                && self.field == "account")
            || self.field.starts_with("tasks[")
        {
            Effect::Clear
        } else {
            Effect::RemoveEntry
        }
    }
}

/// A member of a list of principals or ids (`members[1].user`, `profiles[0]`), as opposed to
/// a field of a list element (`tasks[0].assignee`).
fn is_list_member(field: &str) -> bool {
    field.starts_with("members[") || field.starts_with("share_group.members[")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    DropElement,
    Clear,
    RemoveEntry,
}

fn doc(scenario: &Scenario) -> Value {
    serde_json::to_value(scenario).unwrap_or(Value::Null)
}

fn identity(collection: Collection, entry: &Value) -> String {
    collection
        .identity()
        .iter()
        .map(|k| entry.get(*k).and_then(Value::as_str).unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" / ")
}

fn walk(v: &Value, id: &str, path: String, out: &mut Vec<String>) {
    match v {
        Value::String(s) if s == id && !path.is_empty() => out.push(path),
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                walk(x, id, format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, x) in map {
                if NOT_REFERENCES.contains(&k.as_str()) {
                    continue;
                }
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(x, id, p, out);
            }
        }
        _ => {}
    }
}

/// Where `id` is named. An exercise's model answer (edits applied only when the learner asks
/// to see it) is followed by a rename or reassignment (`answers`) but doesn't hold up or
/// cascade from a removal: it is not part of the design.
fn find(doc: &Value, id: &str, answers: bool) -> Vec<Reference> {
    let mut out = Vec::new();
    for c in COLLECTIONS {
        let Some(list) = doc.get(c.key()).and_then(Value::as_array) else {
            continue;
        };
        for (index, entry) in list.iter().enumerate() {
            let mut fields = Vec::new();
            walk(entry, id, String::new(), &mut fields);
            let label = identity(*c, entry);
            if !answers && *c == Collection::Exercises {
                fields.retain(|f| !f.starts_with("answer"));
            }
            out.extend(fields.into_iter().map(|field| Reference {
                collection: *c,
                index,
                entry: label.clone(),
                field,
            }));
        }
    }
    out
}

/// Every entry that names the entity `id` of `collection`, and where. The entity itself is
/// left out (its own id is not a reference).
/// Ids are unique across collections, so `_collection` only documents the caller's intent.
pub fn references(scenario: &Scenario, _collection: Collection, id: &str) -> Vec<Reference> {
    find(&doc(scenario), id, false)
}

/// What "remove them too" does to the referring entries, directly: (entries removed, entries
/// that only lose the reference: a cleared optional lookup or a dropped list member).
pub fn removal_effects(refs: &[Reference]) -> (usize, usize) {
    let mut removed: Vec<(Collection, usize)> = Vec::new();
    let mut updated: Vec<(Collection, usize)> = Vec::new();
    for r in refs {
        let key = (r.collection, r.index);
        if r.effect() == Effect::RemoveEntry {
            if !removed.contains(&key) {
                removed.push(key);
            }
        } else if !updated.contains(&key) {
            updated.push(key);
        }
    }
    updated.retain(|k| !removed.contains(k));
    (removed.len(), updated.len())
}

/// "owns 3 cases and 1 account; is a member of 1 public group": what the references mean.
pub fn describe(refs: &[Reference]) -> String {
    let mut groups: Vec<(String, Collection, usize)> = Vec::new();
    let mut seen: Vec<(Collection, usize, String)> = Vec::new();
    for r in refs {
        let verb = verb(&r.field);
        // One entry counts once per kind of reference.
        if seen.contains(&(r.collection, r.index, verb.clone())) {
            continue;
        }
        seen.push((r.collection, r.index, verb.clone()));
        match groups
            .iter_mut()
            .find(|(v, c, _)| *v == verb && *c == r.collection)
        {
            Some(g) => g.2 += 1,
            None => groups.push((verb, r.collection, 1)),
        }
    }
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < groups.len() {
        let verb = groups[i].0.clone();
        let mut things = Vec::new();
        while i < groups.len() && groups[i].0 == verb {
            things.push(count(groups[i].2, groups[i].1));
            i += 1;
        }
        parts.push(format!("{verb} {}", join_and(&things)));
    }
    parts.join("; ")
}

fn verb(field: &str) -> String {
    let top = field.split(['.', '[']).next().unwrap_or("");
    match top {
        "owner" => "owns",
        "created_by" => "created",
        "members" | "share_group" => "is a member of",
        "user" | "opportunity" | "case" => "is on",
        "parent" => "is the parent of",
        "profile" | "profiles" | "permission_sets" => "is assigned in",
        "select" | "share_with" | "with" => "is named by",
        "expectations" | "answer" => "is checked by",
        _ => "is referred to by",
    }
    .to_string()
}

fn count(n: usize, c: Collection) -> String {
    let plural = c.key().replace('_', " ");
    let word = if n == 1 { singular(&plural) } else { plural };
    format!("{n} {word}")
}

fn singular(plural: &str) -> String {
    let (head, last) = match plural.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), plural),
    };
    let one = if let Some(stem) = last.strip_suffix("ies") {
        format!("{stem}y")
    } else if last == "access" {
        last.to_string()
    } else if let Some(stem) = last.strip_suffix("ren") {
        stem.to_string()
    } else {
        last.strip_suffix('s').unwrap_or(last).to_string()
    };
    format!("{head}{one}")
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn set_at(entry: &mut Value, field: &str, to: Option<&str>) {
    // Paths are keys and [n] indexes; the last step is replaced, cleared or dropped.
    let mut steps: Vec<Step> = Vec::new();
    for part in field.split('.') {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            steps.push(Step::Key(key.to_string()));
        }
        for ix in rest.split('[') {
            if let Ok(n) = ix.trim_end_matches(']').parse::<usize>() {
                steps.push(Step::Ix(n));
            }
        }
    }
    let Some((last, parents)) = steps.split_last() else {
        return;
    };
    let mut cur = entry;
    for s in parents {
        let next = match s {
            Step::Key(k) => cur.get_mut(k.as_str()),
            Step::Ix(i) => cur.get_mut(*i),
        };
        match next {
            Some(n) => cur = n,
            None => return,
        }
    }
    match (last, to) {
        (Step::Key(k), Some(to)) => {
            if let Some(v) = cur.get_mut(k.as_str()) {
                *v = Value::String(to.into());
            }
        }
        (Step::Ix(i), Some(to)) => {
            if let Some(v) = cur.get_mut(*i) {
                *v = Value::String(to.into());
            }
        }
        (Step::Key(k), None) => {
            if let Some(m) = cur.as_object_mut() {
                m.remove(k.as_str());
            }
        }
        (Step::Ix(_), None) => {}
    }
}

enum Step {
    Key(String),
    Ix(usize),
}

fn remove_entity(doc: &mut Value, collection: Collection, id: &str) {
    if let Some(list) = doc.get_mut(collection.key()).and_then(Value::as_array_mut) {
        list.retain(|e| e.get("id").and_then(Value::as_str) != Some(id));
    }
}

/// The scenario with the entity removed and every reference to it pointed at `to` instead
/// (the cases Carla owns now owned by Ken). Apply it with `Edit::Replace`: one undo step.
pub fn reassign(scenario: &Scenario, collection: Collection, id: &str, to: &str) -> Value {
    let mut d = doc(scenario);
    for r in find(&d, id, true) {
        if let Some(entry) = d
            .get_mut(r.collection.key())
            .and_then(|l| l.get_mut(r.index))
        {
            set_at(entry, &r.field, Some(to));
        }
    }
    remove_entity(&mut d, collection, id);
    d
}

/// Point every reference to `from` at `to` in a scenario document: what renaming an id in a
/// form needs, so the entries that named the old id follow (its own `id` field is not touched).
pub fn rename_in(doc: &mut Value, from: &str, to: &str) {
    for r in find(doc, from, true) {
        if let Some(entry) = doc
            .get_mut(r.collection.key())
            .and_then(|l| l.get_mut(r.index))
        {
            set_at(entry, &r.field, Some(to));
        }
    }
}

/// The scenario with the entity removed, the entries that need it removed too (and what
/// needs those, and so on), optional lookups to it cleared and list memberships dropped.
pub fn remove_with_references(scenario: &Scenario, collection: Collection, id: &str) -> Value {
    let mut d = doc(scenario);
    let mut queue = vec![(collection, id.to_string())];
    let mut done: Vec<String> = Vec::new();
    while let Some((c, id)) = queue.pop() {
        if done.contains(&id) {
            continue;
        }
        done.push(id.clone());
        let refs = find(&d, &id, false);
        let mut removed: Vec<(Collection, usize)> = Vec::new();
        // Drop list members back to front so earlier indexes stay valid.
        let mut drops: Vec<&Reference> = refs
            .iter()
            .filter(|r| r.effect() == Effect::DropElement)
            .collect();
        drops.sort_by(|a, b| b.field.cmp(&a.field));
        for r in drops {
            if let Some(entry) = d
                .get_mut(r.collection.key())
                .and_then(|l| l.get_mut(r.index))
            {
                drop_element(entry, &r.field);
            }
        }
        for r in &refs {
            match r.effect() {
                Effect::Clear => {
                    if let Some(entry) = d
                        .get_mut(r.collection.key())
                        .and_then(|l| l.get_mut(r.index))
                    {
                        set_at(entry, &r.field, None);
                    }
                }
                Effect::RemoveEntry => removed.push((r.collection, r.index)),
                Effect::DropElement => {}
            }
        }
        removed.sort_by_key(|r| (std::cmp::Reverse(r.1), r.0.key()));
        removed.dedup();
        for (c2, i) in removed {
            let Some(list) = d.get_mut(c2.key()).and_then(Value::as_array_mut) else {
                continue;
            };
            if i < list.len() {
                let gone = list.remove(i);
                if let Some(gid) = gone.get("id").and_then(Value::as_str) {
                    queue.push((c2, gid.to_string()));
                }
            }
        }
        remove_entity(&mut d, c, &id);
    }
    d
}

/// Remove the list element a path like `members[2].user` or `profiles[0]` points into.
fn drop_element(entry: &mut Value, field: &str) {
    // The list is the last `name[n]` step of the path.
    let Some(open) = field.rfind('[') else { return };
    let Some(close) = field[open..].find(']') else {
        return;
    };
    let Ok(n) = field[open + 1..open + close].parse::<usize>() else {
        return;
    };
    let list_path = &field[..open];
    let mut cur = entry;
    for key in list_path.split('.') {
        match cur.get_mut(key) {
            Some(next) => cur = next,
            None => return,
        }
    }
    if let Some(list) = cur.as_array_mut() {
        if n < list.len() {
            list.remove(n);
        }
    }
}
