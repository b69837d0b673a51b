//! Questions asked of a whole scenario, on top of the matrix: what one user sees ("view as
//! this user"), who can access one record, and the option and answer types of the JS API.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::evaluate::Evaluator;
use super::index::{Index, RecordIx, UserIx};
use super::level::Access;
use super::scenario::ObjectKind;

/// A record a user can access, at what level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VisibleRecord {
    pub id: String,
    pub object: ObjectKind,
    pub name: String,
    pub access: Access,
}

/// A user who can access a record, at what level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AccessHolder {
    pub id: String,
    pub name: String,
    pub access: Access,
}

/// Options of `matrix()` and `visibleTo()`: one object only, or all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectFilter {
    #[serde(default)]
    pub object: Option<ObjectKind>,
}

/// Options of `whoCanAccess()`: the lowest level to list (default read).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AccessFilter {
    #[serde(default)]
    pub at_least: Option<Access>,
}

/// A loaded scenario's summary (`validate()` on a simulator that loaded is always valid).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ValidationSummary {
    pub valid: bool,
    pub users: usize,
    pub records: usize,
}

pub fn summary(ix: &Index) -> ValidationSummary {
    ValidationSummary {
        valid: true,
        users: ix.users.len(),
        records: ix.records.len(),
    }
}

/// Every record `user` can access (of one object, or all), strongest first, as the portal or
/// app would list them for that user.
pub fn visible_to(ix: &Index, user: UserIx, object: Option<ObjectKind>) -> Vec<VisibleRecord> {
    let ev = Evaluator::new(ix);
    visible_to_by(ix, user, object, |u, r| ev.level(u, r))
}

/// `visible_to`, reading levels from `level` (e.g. an already computed matrix).
pub fn visible_to_by(
    ix: &Index,
    user: UserIx,
    object: Option<ObjectKind>,
    level: impl Fn(UserIx, RecordIx) -> Access,
) -> Vec<VisibleRecord> {
    let mut out: Vec<VisibleRecord> = ix
        .record_ixs()
        .filter(|r| object.is_none_or(|o| ix.record(*r).object == o))
        .filter_map(|r| {
            let level = level(user, r);
            (level > Access::None).then(|| {
                let rec = ix.record(r);
                VisibleRecord {
                    id: rec.id.clone(),
                    object: rec.object,
                    name: rec.name.clone(),
                    access: level,
                }
            })
        })
        .collect();
    out.sort_by_key(|v| std::cmp::Reverse(v.access));
    out
}

/// Every user with at least `at_least` on `record`, strongest first.
pub fn who_can_access(ix: &Index, record: RecordIx, at_least: Access) -> Vec<AccessHolder> {
    let ev = Evaluator::new(ix);
    who_can_access_by(ix, record, at_least, |u, r| ev.level(u, r))
}

/// `who_can_access`, reading levels from `level` (e.g. an already computed matrix).
pub fn who_can_access_by(
    ix: &Index,
    record: RecordIx,
    at_least: Access,
    level: impl Fn(UserIx, RecordIx) -> Access,
) -> Vec<AccessHolder> {
    let floor = at_least.max(Access::Read);
    let mut out: Vec<AccessHolder> = ix
        .user_ixs()
        .filter_map(|u| {
            let level = level(u, record);
            (level >= floor).then(|| AccessHolder {
                id: ix.user(u).id.clone(),
                name: ix.user(u).name.clone(),
                access: level,
            })
        })
        .collect();
    out.sort_by_key(|h| std::cmp::Reverse(h.access));
    out
}

/// One JSON Schema holding every type the JS API passes, for generating TypeScript.
pub fn api_schema() -> serde_json::Value {
    use super::actions::{Action, Outcome};
    use super::config_rights::ConfigRow;
    use super::edits::Edit;
    use super::explain::Explanation;
    use super::matrix::{CellChange, MatrixJson};
    use super::scenario::Scenario;
    use super::validate::Problem;
    let mut generator = schemars::SchemaGenerator::default();
    let mut props = serde_json::Map::new();
    macro_rules! add {
        ($($t:ty => $name:literal),*) => {$(
            let s = generator.subschema_for::<$t>();
            props.insert($name.into(), serde_json::to_value(s).unwrap_or_default());
        )*};
    }
    add!(Scenario => "Scenario", MatrixJson => "MatrixJson", Explanation => "Explanation",
        CellChange => "CellChange", Edit => "Edit", Action => "Action", Outcome => "Outcome",
        ConfigRow => "ConfigRow", Problem => "Problem", VisibleRecord => "VisibleRecord",
        AccessHolder => "AccessHolder", ObjectFilter => "ObjectFilter",
        AccessFilter => "AccessFilter", ValidationSummary => "ValidationSummary",
        Access => "Access", ObjectKind => "ObjectKind");
    let defs = generator.take_definitions(true);
    let required: Vec<String> = props.keys().cloned().collect();
    serde_json::json!({
        "title": "AccessSimApi",
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": false,
        "$defs": defs,
    })
}
