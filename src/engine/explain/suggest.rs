//! The smallest change that raises one cell to a target level: candidate edits generated from
//! what stops it (the object permission, a Read Only setting, a missing grant, an inactive user,
//! Restrict Contact Access, ownership for Full ...), each applied to a copy of the scenario,
//! revalidated, and kept only if the cell really reaches the target. The smallest wins: fewest
//! changed cells of the whole matrix, then a fixed preference order.
//!
//! Bounded work: at most `MAX_CANDIDATES` candidates are checked. Up to `MAX_CELLS` cells each
//! check revalidates a copy and computes its whole matrix (about a millisecond for the
//! presets). Above that, a full check costs seconds, so only single local edits (a manual
//! share, a team member) are checked, through the incremental engine, and only when the
//! caller keeps the matrix (`explain_in`); otherwise the explanation has no suggestion. That
//! copy is kept for the next explanation of the same scenario (`release_kept_copy` frees it).

use serde_json::Value;

use super::candidates::{candidates, Candidate};
use super::Suggestion;
use crate::engine::diff::changes_between;
use crate::engine::edits::{apply_to, Collection, Edit};
use crate::engine::fast::matrix as fast_matrix;
use crate::engine::index::{Index, RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::packed::FastMatrix;
use crate::engine::reason::Grant;
use crate::engine::scenario::Scenario;
use crate::engine::session::Engine;
use crate::engine::validate::validate;

/// Scenarios above this many cells (users x records) get no suggestion.
pub const MAX_CELLS: usize = 200_000;
/// At most this many candidate changes are checked for one cell.
pub const MAX_CANDIDATES: usize = 40;

/// The smallest checked change that gives `user` at least `target` on `record`. `current` is
/// the scenario's matrix when the caller keeps one (the app, the JS API); without it a small
/// scenario's is computed here, and a large one gets no suggestion.
pub fn suggest(
    ix: &Index,
    current: Option<&FastMatrix>,
    known: Option<&[Grant]>,
    user: UserIx,
    record: RecordIx,
    target: Access,
) -> Option<Suggestion> {
    let small = ix.users.len().saturating_mul(ix.records.len()) <= MAX_CELLS;
    if !small {
        return current.and_then(|m| suggest_local(ix, m, known, user, record, target));
    }
    let computed;
    let before = match current {
        Some(m) => m,
        None => {
            computed = fast_matrix(ix);
            &computed
        }
    };
    let (uid, rid) = (&ix.user(user).id, &ix.record(record).id);
    let mut best: Option<Best> = None;
    let mut all = candidates(ix, Some(before), known, user, record, target);
    // In preference order, so that once a candidate changes only the cell itself (no change
    // can change fewer), nothing after it can win and the search stops.
    all.sort_by_key(|c| c.preference);
    all.truncate(MAX_CANDIDATES);
    for c in all {
        if best.as_ref().is_some_and(|b| b.0 <= 1) {
            break;
        }
        let Some(next) = apply_all(&ix.scenario, &c.edits) else {
            continue;
        };
        let (Some(u), Some(r)) = (next.find_user(uid), next.find_record(rid)) else {
            continue;
        };
        let after = fast_matrix(&next);
        let result = after.get(u, r);
        if result < target {
            continue;
        }
        let (changed, _) = changes_between(ix, before, &next, &after, 0);
        keep(&mut best, ix, user, c, result, changed);
    }
    best.map(|b| b.2)
}

/// The best candidate so far: (changed cells, preference, suggestion).
type Best = (usize, u8, Suggestion);

fn keep(
    best: &mut Option<Best>,
    ix: &Index,
    user: UserIx,
    c: Candidate,
    result: Access,
    changed: usize,
) {
    if best
        .as_ref()
        .is_some_and(|(n, p, _)| (changed, c.preference) >= (*n, *p))
    {
        return;
    }
    let mut text = capitalize(&c.words.join(" and "));
    text.push_str(&format!(
        ": {} would get {} ({} {} of the matrix change).",
        ix.user(user).name,
        result.label(),
        changed,
        if changed == 1 { "cell" } else { "cells" }
    ));
    *best = Some((
        changed,
        c.preference,
        Suggestion {
            text,
            edits: c.edits,
            result,
            changed_cells: changed,
        },
    ));
}

/// At org scale a full revalidation and matrix per candidate costs seconds, so only single
/// local edits (a manual share, a team member) are checked, through the incremental engine on
/// one copy: each is patched in (its rows recomputed, its changed cells counted exactly), read,
/// and undone. Object permissions, sharing sets, rules and defaults are not tried there.
fn suggest_local(
    ix: &Index,
    current: &FastMatrix,
    known: Option<&[Grant]>,
    user: UserIx,
    record: RecordIx,
    target: Access,
) -> Option<Suggestion> {
    let mut all = candidates(ix, Some(current), known, user, record, target);
    all.sort_by_key(|c| c.preference);
    let local: Vec<(Candidate, Edit)> = all
        .into_iter()
        .filter(|c| c.edits.len() == 1)
        .filter_map(|c| {
            let undo = inverse(ix, &c.edits[0])?;
            Some((c, undo))
        })
        .take(MAX_CANDIDATES)
        .collect();
    if local.is_empty() {
        return None;
    }
    let mut engine = kept_copy(ix, current);
    let mut best: Option<Best> = None;
    let mut intact = true;
    for (c, undo) in local {
        if best.as_ref().is_some_and(|b| b.0 <= 1) {
            break;
        }
        let Ok(applied) = engine.apply_listing(&c.edits[0], 0) else {
            continue;
        };
        let result = engine.level(user, record);
        let changed = applied.changed_cells;
        if engine.apply_listing(&undo, 0).is_err() {
            // Cannot happen for the inverse of an applied local edit; start from a fresh copy
            // rather than trust a changed one.
            engine = Engine::from_parts(ix.clone(), current.clone());
            intact = false;
        }
        if result >= target {
            keep(&mut best, ix, user, c, result, changed);
        }
    }
    if intact {
        KEPT.with(|k| *k.borrow_mut() = Some(engine));
    }
    best.map(|b| b.2)
}

thread_local! {
    /// The copy the last org-scale suggestion was checked on, back in the scenario's own state
    /// (every edit was undone). Copying an org-scale index and matrix costs a hundred
    /// milliseconds and more, about all of an explanation's time, so the next explanation of
    /// the same scenario reuses the copy. The browser's memory does not shrink after a copy
    /// anyway; natively one copy stays alive per thread.
    static KEPT: std::cell::RefCell<Option<Engine>> = const { std::cell::RefCell::new(None) };
}

/// Frees the copy kept for org-scale suggestions (a caller about to need the memory, such as
/// an edit at org scale, may call it; the next suggestion copies again).
pub fn release_kept_copy() {
    KEPT.with(|k| k.borrow_mut().take());
}

/// An engine over a copy of `ix` and its matrix: the kept one when it is of the very same
/// scenario (compared in full, so an edited scenario never reuses a stale copy; the index and
/// matrix are functions of the scenario), else a fresh copy.
fn kept_copy(ix: &Index, current: &FastMatrix) -> Engine {
    let kept = KEPT.with(|k| k.borrow_mut().take());
    match kept {
        Some(e) if e.ix.scenario == ix.scenario => e,
        stale => {
            drop(stale);
            Engine::from_parts(ix.clone(), current.clone())
        }
    }
}

/// The edit that undoes a local upsert (a manual share or team member): the old entry back,
/// or its removal. None for any other edit.
fn inverse(ix: &Index, edit: &Edit) -> Option<Edit> {
    let Edit::Upsert { collection, value } = edit else {
        return None;
    };
    let s = &ix.scenario;
    let field = |k: &str| {
        value
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let old: Option<Value> = match collection {
        Collection::ManualShares => s
            .manual_shares
            .iter()
            .find(|x| x.id == field("id"))
            .and_then(|x| serde_json::to_value(x).ok()),
        Collection::CaseTeams => s
            .case_teams
            .iter()
            .find(|x| x.case_id == field("case") && x.user == field("user"))
            .and_then(|x| serde_json::to_value(x).ok()),
        Collection::OpportunityTeams => s
            .opportunity_teams
            .iter()
            .find(|x| x.opportunity == field("opportunity") && x.user == field("user"))
            .and_then(|x| serde_json::to_value(x).ok()),
        Collection::AccountTeams => s
            .account_teams
            .iter()
            .find(|x| x.account == field("account") && x.user == field("user"))
            .and_then(|x| serde_json::to_value(x).ok()),
        _ => return None,
    };
    Some(match old {
        Some(v) => Edit::Upsert {
            collection: *collection,
            value: v,
        },
        None => Edit::Remove {
            collection: *collection,
            matching: Value::Object(
                collection
                    .identity()
                    .iter()
                    .map(|k| (k.to_string(), Value::String(field(k))))
                    .collect(),
            ),
            all: false,
        },
    })
}

/// The edits applied in turn to a copy, then validated in full; None if any is refused.
fn apply_all(scenario: &Scenario, edits: &[Edit]) -> Option<Index> {
    let mut s = scenario.clone();
    for e in edits {
        s = apply_to(&s, e).ok()?;
    }
    validate(s).ok()
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
