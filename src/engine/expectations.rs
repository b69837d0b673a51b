//! Checking a scenario's expectations against its matrix: each expectation passes when every
//! (user, record) cell it covers holds its bound; a failing one lists its failing cells with
//! their actual level and the explanation of it. The CLI (`check`), the app and the JS API show
//! the same results.

use schemars::JsonSchema;
use serde::Serialize;

use super::explain::explain_brief;
use super::index::{
    Bound, ExpectationData, ExpectedRecords, ExpectedUsers, Index, RecordIx, UserIx,
};
use super::level::Access;
use super::packed::FastMatrix;
use super::reason::record_label;

/// At most this many failing cells are listed per expectation (all are counted).
pub const MAX_LISTED_FAILURES: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ExpectationResult {
    /// Its position in the scenario's `expectations`.
    pub index: usize,
    /// The expectation in words ("Jack Rogers has exactly Read on case 'Inverter'").
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    pub passed: bool,
    /// Cells it covers (users x records); 0 when no user or record matches.
    pub cells: usize,
    /// Cells that break it.
    pub failures: usize,
    /// The first failing cells, with what the user actually has and why.
    pub failing: Vec<FailedCell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct FailedCell {
    pub user: String,
    pub user_name: String,
    pub record: String,
    pub record_name: String,
    pub actual: Access,
    /// Why the user has `actual`: the reasons, or what limits them.
    pub explanation: String,
}

/// Every expectation's result, in order.
pub fn check(ix: &Index, matrix: &FastMatrix) -> Vec<ExpectationResult> {
    check_list(ix, matrix, &ix.expectations)
}

/// The results of a list of expectations of this scenario (its own, or an exercise's).
pub fn check_list(
    ix: &Index,
    matrix: &FastMatrix,
    list: &[ExpectationData],
) -> Vec<ExpectationResult> {
    list.iter()
        .enumerate()
        .map(|(i, e)| check_one(ix, matrix, i, e))
        .collect()
}

/// Where a learner stands on an exercise: met when every expectation holds.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ExerciseResult {
    pub id: String,
    pub met: bool,
    pub results: Vec<ExpectationResult>,
}

/// The exercise with this id, checked (None when the scenario has no such exercise).
pub fn check_exercise(ix: &Index, matrix: &FastMatrix, id: &str) -> Option<ExerciseResult> {
    let (_, list) = ix.exercises.iter().find(|(x, _)| x == id)?;
    let results = check_list(ix, matrix, list);
    Some(ExerciseResult {
        id: id.to_string(),
        met: results.iter().all(|r| r.passed),
        results,
    })
}

/// The users an expectation covers.
pub fn users_of(ix: &Index, users: ExpectedUsers) -> Vec<UserIx> {
    match users {
        ExpectedUsers::One(u) => vec![u],
        ExpectedUsers::Role(r) => ix.role_users[r.ix()].clone(),
        ExpectedUsers::RoleAndSubordinates(top) => ix
            .user_ixs()
            .filter(|u| {
                ix.user(*u)
                    .role
                    .is_some_and(|r| ix.role_at_or_below(r, top))
            })
            .collect(),
        ExpectedUsers::Profile(p) => ix.user_ixs().filter(|u| ix.user(*u).profile == p).collect(),
        ExpectedUsers::Group(g) => ix
            .user_ixs()
            .filter(|u| {
                ix.membership(*u, super::index::PrincipalIx::Group(g))
                    .is_some()
            })
            .collect(),
    }
}

/// The records an expectation covers.
pub fn records_of(ix: &Index, records: &ExpectedRecords) -> Vec<RecordIx> {
    match records {
        ExpectedRecords::One(r) => vec![*r],
        ExpectedRecords::Where(object, criteria) => ix
            .record_ixs()
            .filter(|r| {
                let rec = ix.record(*r);
                rec.object == *object
                    && criteria.iter().all(|(field, values)| {
                        rec.fields.get(field).is_some_and(|v| values.contains(v))
                    })
            })
            .collect(),
    }
}

fn check_one(ix: &Index, m: &FastMatrix, index: usize, e: &ExpectationData) -> ExpectationResult {
    let (users, records) = (users_of(ix, e.users), records_of(ix, &e.records));
    let mut failing = Vec::new();
    let mut failures = 0;
    for &r in &records {
        for &u in &users {
            let actual = m.get(u, r);
            if e.bound.holds(actual, e.access) {
                continue;
            }
            failures += 1;
            if failing.len() < MAX_LISTED_FAILURES {
                failing.push(failed_cell(ix, u, r, actual));
            }
        }
    }
    ExpectationResult {
        index,
        text: describe(ix, e, users.len(), records.len()),
        why: e.why.clone(),
        passed: failures == 0,
        cells: users.len() * records.len(),
        failures,
        failing,
    }
}

fn failed_cell(ix: &Index, u: UserIx, r: RecordIx, actual: Access) -> FailedCell {
    let ex = explain_brief(ix, u, r);
    let explanation = if ex.reasons.is_empty() {
        ex.limits.join(" ")
    } else {
        ex.reasons
            .iter()
            .map(|g| format!("[{}] {}", g.level.label(), g.text))
            .collect::<Vec<_>>()
            .join(" ")
    };
    FailedCell {
        user: ix.user(u).id.clone(),
        user_name: ix.user(u).name.clone(),
        record: ix.record(r).id.clone(),
        record_name: ix.record(r).name.clone(),
        actual,
        explanation,
    }
}

/// The expectation in words.
pub fn describe(ix: &Index, e: &ExpectationData, n_users: usize, n_records: usize) -> String {
    let who = match e.users {
        ExpectedUsers::One(u) => ix.user(u).name.clone(),
        ExpectedUsers::Role(r) => format!("every user of role '{}'", ix.role(r).name),
        ExpectedUsers::RoleAndSubordinates(r) => {
            format!("every user of role '{}' and below", ix.role(r).name)
        }
        ExpectedUsers::Profile(p) => {
            format!("every user with profile '{}'", ix.profiles[p.ix()].name)
        }
        ExpectedUsers::Group(g) => format!("every member of group '{}'", ix.group(g).name),
    };
    let what = match &e.records {
        ExpectedRecords::One(r) => record_label(ix, *r),
        ExpectedRecords::Where(object, criteria) if criteria.is_empty() => {
            format!("every {}", ix.object_noun(*object))
        }
        ExpectedRecords::Where(object, criteria) => format!(
            "every {} where {}",
            ix.object_noun(*object),
            criteria
                .iter()
                .map(|(f, v)| format!("{f} is {}", v.join(" or ")))
                .collect::<Vec<_>>()
                .join(" and ")
        ),
    };
    let level = match (e.bound, e.access) {
        (Bound::Exactly, Access::None) => "no access".to_string(),
        (Bound::AtMost, Access::None) => "no access".to_string(),
        (Bound::Exactly, a) => format!("exactly {}", a.label()),
        (Bound::AtLeast, a) => format!("at least {}", a.label()),
        (Bound::AtMost, a) => format!("at most {}", a.label()),
    };
    let mut text = format!("{who} has {level} on {what}");
    if !matches!(e.users, ExpectedUsers::One(_)) || !matches!(e.records, ExpectedRecords::One(_)) {
        text.push_str(&format!(" ({n_users} users x {n_records} records)"));
    }
    text
}
