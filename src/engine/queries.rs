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

/// Options of `matrix()`: one object or all, and a page of its records (`offset` rows from the
/// start, at most `limit` rows), so that an org-sized matrix is read in pages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MatrixOptions {
    #[serde(default)]
    pub object: Option<ObjectKind>,
    #[serde(default)]
    pub offset: Option<usize>,
    #[serde(default)]
    pub limit: Option<usize>,
}

/// One page of the matrix: the users, `records` from `offset`, how many records there are in
/// all, and where the next page starts (absent on the last page).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MatrixPage {
    #[serde(flatten)]
    pub matrix: super::matrix::MatrixJson,
    pub total_records: usize,
    pub offset: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_offset: Option<usize>,
}

/// At most this many cells cross to JavaScript in one `matrix()` call: as JS objects an L-tier
/// org (212 M cells) would need tens of GB, more than a tab has.
pub const MAX_CELLS_PER_CALL: usize = 2_000_000;

/// The record rows one `matrix()` call returns, or why the request is refused (too big for one
/// call, naming the limit and a page size that fits).
pub fn matrix_page(
    total_records: usize,
    users: usize,
    offset: Option<usize>,
    limit: Option<usize>,
) -> Result<std::ops::Range<usize>, String> {
    let offset = offset.unwrap_or(0);
    if offset > total_records {
        return Err(format!(
            "options.offset: {offset} is past the last record ({total_records} records)"
        ));
    }
    let fits = (MAX_CELLS_PER_CALL / users.max(1)).max(1);
    let rows = limit
        .unwrap_or(total_records - offset)
        .min(total_records - offset);
    if rows.saturating_mul(users) > MAX_CELLS_PER_CALL {
        let what = if limit.is_some() {
            "options.limit"
        } else {
            "options"
        };
        return Err(format!(
            "{what}: {rows} records x {users} users is {} cells, over the {MAX_CELLS_PER_CALL} one call returns; read it in pages of at most {fits} records with {{offset, limit}}",
            rows * users
        ));
    }
    Ok(offset..offset + rows)
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
        MatrixOptions => "MatrixOptions", MatrixPage => "MatrixPage",
        AccessFilter => "AccessFilter", ValidationSummary => "ValidationSummary",
        Access => "Access", ObjectKind => "ObjectKind",
        super::expectations::ExpectationResult => "ExpectationResult",
        super::lint::LintWarning => "LintWarning");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_all_records_when_they_fit_and_a_clear_refusal_when_not() {
        assert_eq!(matrix_page(10, 5, None, None), Ok(0..10));
        assert_eq!(matrix_page(10, 5, Some(4), Some(3)), Ok(4..7));
        assert_eq!(matrix_page(10, 5, Some(8), Some(100)), Ok(8..10));
        assert_eq!(matrix_page(10, 5, Some(10), None), Ok(10..10));
        assert!(matrix_page(10, 5, Some(11), None)
            .unwrap_err()
            .starts_with("options.offset"));
        // L tier: 105,900 records x 2,000 users.
        let e = matrix_page(105_900, 2_000, None, None).unwrap_err();
        assert!(e.contains("pages of at most 1000 records"), "{e}");
        assert_eq!(
            matrix_page(105_900, 2_000, Some(1_000), Some(1_000)),
            Ok(1_000..2_000)
        );
        assert!(matrix_page(105_900, 2_000, None, Some(1_001))
            .unwrap_err()
            .starts_with("options.limit"));
    }
}
