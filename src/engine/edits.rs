//! Edits to a scenario, as the app's editor, the JS API and incremental updates make them. An
//! edit is applied to a copy, which is then validated in full, so a bad edit is an error naming
//! the path at fault and the previous scenario is kept. The result reports the changed cells.

use serde::Serialize;
use serde_json::Value;
use thiserror::Error;

use super::diff::diff;
use super::index::Index;
use super::packed::CellChange;
use super::scenario::{ObjectKind, Scenario};
use super::validate::{validate, LoadError};

pub use super::scenario::{Collection, Edit};

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
            // A custom object's defaults live on its declaration.
            match s
                .custom_objects
                .iter_mut()
                .find(|c| ObjectKind::Custom(c.api_name) == *object)
            {
                Some(c) => {
                    c.internal = Some(default.internal);
                    c.external = default.external;
                }
                None => {
                    s.org_defaults.insert(*object, *default);
                }
            }
            Ok(s)
        }
        Edit::Upsert { collection, value }
        | Edit::Remove {
            collection,
            matching: value,
            ..
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
                if fields.is_empty() && !matches!(edit, Edit::Remove { all: true, .. }) {
                    return Err(EditError::Shape(format!(
                        "matching: an empty match would remove every entry of {key}; name a field to match (e.g. {{\"id\": ...}}) or add \"all\": true"
                    )));
                }
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

/// Runs `$f(&list, args...)` on the scenario's list for a collection (a generic function
/// can't be a closure).
macro_rules! on_list {
    ($s:expr, $c:expr, $f:ident ( $($arg:expr),* )) => {
        match $c {
            Collection::Users => $f(&$s.users, $($arg),*),
            Collection::Roles => $f(&$s.roles, $($arg),*),
            Collection::Groups => $f(&$s.groups, $($arg),*),
            Collection::Profiles => $f(&$s.profiles, $($arg),*),
            Collection::PermissionSets => $f(&$s.permission_sets, $($arg),*),
            Collection::Queues => $f(&$s.queues, $($arg),*),
            Collection::Accounts => $f(&$s.accounts, $($arg),*),
            Collection::Contacts => $f(&$s.contacts, $($arg),*),
            Collection::Cases => $f(&$s.cases, $($arg),*),
            Collection::Opportunities => $f(&$s.opportunities, $($arg),*),
            Collection::Leads => $f(&$s.leads, $($arg),*),
            Collection::Assets => $f(&$s.assets, $($arg),*),
            Collection::SoldProducts => $f(&$s.sold_products, $($arg),*),
            Collection::AccountChildren => $f(&$s.account_children, $($arg),*),
            Collection::SharingRules => $f(&$s.sharing_rules, $($arg),*),
            Collection::ManualShares => $f(&$s.manual_shares, $($arg),*),
            Collection::AccountTeams => $f(&$s.account_teams, $($arg),*),
            Collection::OpportunityTeams => $f(&$s.opportunity_teams, $($arg),*),
            Collection::CaseTeams => $f(&$s.case_teams, $($arg),*),
            Collection::SharingSets => $f(&$s.sharing_sets, $($arg),*),
            Collection::Responsibilities => $f(&$s.responsibilities, $($arg),*),
            Collection::ResponsibilityAccess => $f(&$s.responsibility_access, $($arg),*),
            Collection::RelatedPartyConfigs => $f(&$s.related_party_configs, $($arg),*),
            Collection::RelatedParties => $f(&$s.related_parties, $($arg),*),
            Collection::Playbooks => $f(&$s.playbooks, $($arg),*),
            Collection::CustomObjects => $f(&$s.custom_objects, $($arg),*),
            Collection::CustomRecords => $f(&$s.custom_records, $($arg),*),
            Collection::Expectations => $f(&$s.expectations, $($arg),*),
        }
    };
}
pub(crate) use on_list;

/// One list of a scenario as JSON.
pub fn list_json(scenario: &Scenario, collection: Collection) -> Value {
    fn to<T: Serialize>(list: &[T]) -> Value {
        serde_json::to_value(list).unwrap_or(Value::Null)
    }
    on_list!(scenario, collection, to())
}

/// Every list of a scenario, in file order.
pub const COLLECTIONS: &[Collection] = &[
    Collection::Users,
    Collection::Roles,
    Collection::Groups,
    Collection::Profiles,
    Collection::PermissionSets,
    Collection::Queues,
    Collection::Accounts,
    Collection::Contacts,
    Collection::Cases,
    Collection::Opportunities,
    Collection::Leads,
    Collection::Assets,
    Collection::SoldProducts,
    Collection::AccountChildren,
    Collection::SharingRules,
    Collection::ManualShares,
    Collection::AccountTeams,
    Collection::OpportunityTeams,
    Collection::CaseTeams,
    Collection::SharingSets,
    Collection::Responsibilities,
    Collection::ResponsibilityAccess,
    Collection::RelatedPartyConfigs,
    Collection::RelatedParties,
    Collection::Playbooks,
    Collection::CustomObjects,
    Collection::CustomRecords,
    Collection::Expectations,
];

/// Apply an edit: the new index and the cells it changed, or an error (and nothing changes).
pub fn apply(ix: &Index, edit: &Edit) -> Result<(Index, Vec<CellChange>), EditError> {
    let next = apply_to(&ix.scenario, edit)?;
    let after = validate(next).map_err(EditError::Invalid)?;
    let changes = diff(ix, &after);
    Ok((after, changes))
}

/// Every id in a scenario document: ids are unique across all its lists.
pub fn ids(doc: &Value) -> std::collections::HashSet<String> {
    COLLECTIONS
        .iter()
        .filter_map(|c| doc.get(c.key()).and_then(Value::as_array))
        .flatten()
        .filter_map(|e| e.get("id").and_then(Value::as_str).map(String::from))
        .collect()
}

/// An id for a new entry, from its name: lower case, words joined by `_`, made unique with
/// `_2`, `_3` ... ("Jack Rogers" -> `jack_rogers`). Empty when the name has no letter or digit.
pub fn suggest_id(doc: &Value, name: &str) -> String {
    let mut slug = String::new();
    for ch in name.chars().flat_map(char::to_lowercase) {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch);
        } else if !slug.is_empty() && !slug.ends_with('_') {
            slug.push('_');
        }
    }
    let slug: String = slug.trim_end_matches('_').chars().take(60).collect();
    if slug.is_empty() {
        return slug;
    }
    let taken = ids(doc);
    if !taken.contains(&slug) {
        return slug;
    }
    (2..)
        .map(|n| format!("{slug}_{n}"))
        .find(|c| !taken.contains(c))
        .unwrap_or(slug)
}

/// The entry field a problem is about: `users[4].profile` -> `profile`, a serde "missing
/// field `access`" -> `access`, an edit's "the value needs `id`" -> `id`.
pub fn problem_field(path: &str, message: &str) -> Option<String> {
    for marker in ["missing field `", "the value needs `"] {
        if let Some(rest) = message.split_once(marker).map(|x| x.1) {
            return rest.split('`').next().map(String::from);
        }
    }
    if message.starts_with("duplicate id") {
        return Some("id".into());
    }
    let rest = path.split_once("].").map(|x| x.1)?;
    Some(rest.split(['.', '[']).next().unwrap_or(rest).to_string())
}

/// What to choose or fill in, in words, for a missing field.
fn needed(field: &str) -> String {
    let words = field.replace('_', " ");
    match field {
        f if f == "access" || f.ends_with("_access") => "Choose an access level".into(),
        "owner" => "Choose an owner".into(),
        "profile" => "Choose a profile".into(),
        "id" => "Fill in an id".into(),
        "name" => "Fill in a name".into(),
        "with" | "share_with" => "Choose whom to share with".into(),
        "select" => "Choose which records the rule shares".into(),
        "party" => "Choose the party".into(),
        "kind" => "Fill in the kind".into(),
        "profiles" => "Add at least one profile".into(),
        "objects" => "Choose the objects it takes".into(),
        "members" => "Add at least one member".into(),
        "type" | "object" | "table" | "entity" | "applies_to" => {
            format!("Choose the {words}")
        }
        "account" | "user" | "case" | "opportunity" | "record" | "relationship"
        | "responsibility" | "contact" => {
            let article = if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            format!("Choose {article} {words}")
        }
        _ => format!("Fill in {words}"),
    }
}

/// A problem's message in plain words for a form: no JSON paths, no parser vocabulary.
/// "missing field `access` at line 1 column 1218" -> "Choose an access level"; "unknown
/// variant `x`, expected one of `a`, `b`" -> "'x' is not one of: a, b"; a duplicate id ->
/// "That id is taken".
pub fn plain_message(path: &str, message: &str) -> String {
    let m = match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") => &message[..i],
        _ => message,
    };
    if m.contains("missing field `") || m.contains("the value needs `") {
        if let Some(f) = problem_field(path, m) {
            return needed(&f);
        }
    }
    if m.starts_with("duplicate id") {
        return "That id is taken; choose another".into();
    }
    if m == "id is empty" {
        return "Fill in an id".into();
    }
    if let Some(rest) = m.strip_prefix("unknown variant `") {
        let (got, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let options: Vec<String> = expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(|o| o.replace('_', " "))
            .collect();
        return if got.is_empty() {
            format!("Choose one of: {}", options.join(", "))
        } else {
            format!("'{got}' is not one of: {}", options.join(", "))
        };
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        let expected = rest.split_once(", expected ").map(|x| x.1).unwrap_or("");
        return if rest.starts_with("null") || rest.starts_with("string \"\"") {
            problem_field(path, m)
                .map(|f| needed(&f))
                .unwrap_or_else(|| "This is required".into())
        } else {
            format!("This should be {expected}")
        };
    }
    if let Some(rest) = m.strip_prefix("unknown field `") {
        let f = rest.split('`').next().unwrap_or(rest);
        return format!("'{}' is not a field here", f.replace('_', " "));
    }
    let m = m.trim();
    let mut chars = m.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "This value was refused".into(),
    }
}

/// The 1-based line of the value at a JSON path (`cases[3].owner`, `$` for the top) in a
/// JSON text, so an error can be shown at its line. None when the path is not in the text.
pub fn line_of_path(text: &str, path: &str) -> Option<usize> {
    let want = path.trim_start_matches("$").trim_start_matches('.');
    if want.is_empty() {
        return Some(1);
    }
    // A small scanner: tracks the path of the value being read and the current line.
    enum Frame {
        Obj(Option<String>),
        Arr(usize),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut line = 1;
    let mut chars = text.chars().peekable();
    let path_of = |stack: &[Frame]| {
        let mut p = String::new();
        for f in stack {
            match f {
                Frame::Obj(Some(k)) => {
                    if !p.is_empty() {
                        p.push('.');
                    }
                    p.push_str(k);
                }
                Frame::Obj(None) => {}
                Frame::Arr(i) => p.push_str(&format!("[{i}]")),
            }
        }
        p
    };
    let mut expect_key = false;
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            '{' | '[' => {
                if path_of(&stack) == want {
                    return Some(line);
                }
                if c == '{' {
                    stack.push(Frame::Obj(None));
                    expect_key = true;
                } else {
                    stack.push(Frame::Arr(0));
                }
            }
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Arr(i)) => *i += 1,
                Some(Frame::Obj(_)) => expect_key = true,
                None => {}
            },
            '"' => {
                let mut s = String::new();
                while let Some(d) = chars.next() {
                    match d {
                        '\\' => {
                            if let Some(e) = chars.next() {
                                s.push(e);
                            }
                        }
                        '"' => break,
                        '\n' => line += 1,
                        _ => s.push(d),
                    }
                }
                if expect_key {
                    if let Some(Frame::Obj(k)) = stack.last_mut() {
                        *k = Some(s);
                    }
                    expect_key = false;
                } else if path_of(&stack) == want {
                    return Some(line);
                }
            }
            c if !c.is_whitespace() && c != ':' => {
                if path_of(&stack) == want {
                    return Some(line);
                }
                while chars
                    .peek()
                    .is_some_and(|d| d.is_alphanumeric() || "+-.".contains(*d))
                {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    None
}
