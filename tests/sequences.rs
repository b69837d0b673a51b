//! Incremental = full, over sequences: one engine takes 2-20 random edits of every kind in a row
//! (tests/common/edits.rs), and after each one its kept matrix and its change list are compared
//! with a fresh load of the same scenario. A refused edit must leave everything as it was.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::HashSet;

use access_sim::engine::edits::{Collection, Edit};
use access_sim::engine::{self, fast, session, Index};
use proptest::prelude::*;
use serde_json::json;

/// Compares the engine with a fresh load of its own scenario; returns a description of the
/// first disagreement.
fn check_against_fresh(eng: &session::Engine) -> Result<(), String> {
    let text = serde_json::to_string(&eng.ix.scenario).unwrap();
    let fresh =
        engine::load(&text).map_err(|e| format!("the engine's scenario no longer loads: {e}"))?;
    let full = fast::matrix(&fresh);
    for r in fresh.record_ixs() {
        for u in fresh.user_ixs() {
            let (want, got) = (full.get(u, r), eng.level(u, r));
            if want != got {
                return Err(format!(
                    "{} x {}: fresh {want:?}, kept {got:?}",
                    fresh.record(r).id,
                    fresh.user(u).id
                ));
            }
        }
    }
    Ok(())
}

/// Applies `edits` one by one, checking after each; returns how many were accepted and cells
/// compared.
fn run_sequence(ix: Index, edits: &[Edit]) -> Result<(usize, usize), String> {
    let mut eng = session::Engine::new(ix);
    let (mut accepted, mut cells) = (0, 0);
    for (step, edit) in edits.iter().enumerate() {
        let before = eng.ix.clone();
        match eng.apply(edit) {
            Ok(applied) => {
                accepted += 1;
                check_against_fresh(&eng)
                    .map_err(|e| format!("after edit {step} {edit:?}: {e}"))?;
                let expected = engine::diff::diff(&before, &eng.ix);
                if applied.changed_cells != expected.len() {
                    return Err(format!(
                        "after edit {step} {edit:?}: {} cells reported changed, {} did",
                        applied.changed_cells,
                        expected.len()
                    ));
                }
                let listed: HashSet<String> =
                    applied.changes.iter().map(|c| format!("{c:?}")).collect();
                if let Some(missing) = expected
                    .iter()
                    .find(|c| !listed.contains(&format!("{c:?}")))
                {
                    return Err(format!(
                        "after edit {step} {edit:?}: change {missing:?} not listed"
                    ));
                }
                cells += eng.ix.users.len() * eng.ix.records.len();
            }
            Err(_) => {
                if eng.ix.scenario != before.scenario {
                    return Err(format!("refused edit {step} {edit:?} changed the scenario"));
                }
                check_against_fresh(&eng).map_err(|e| format!("after refused edit {step}: {e}"))?;
            }
        }
    }
    Ok((accepted, cells))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn every_edit_of_a_sequence_equals_a_fresh_load(
        b in prop::collection::vec(any::<u8>(), 32..400),
        steps in prop::collection::vec((any::<u8>(), any::<u32>()), 2..=20),
    ) {
        let s = common::gen::scenario(&b);
        let mut eng_json = s.clone();
        let ix = engine::load(&s.to_string()).unwrap();
        // Each edit is picked from the scenario as the previous edits left it.
        let mut edits = Vec::new();
        let mut probe = session::Engine::new(ix.clone());
        for (k, pick) in steps {
            if let Some(edit) = common::edits::random_edit(&eng_json, k, pick) {
                if probe.apply(&edit).is_ok() {
                    eng_json = serde_json::to_value(&probe.ix.scenario).unwrap();
                }
                edits.push(edit);
            }
        }
        if let Err(e) = run_sequence(ix, &edits) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// Counts for the README: sequences, edits and cells compared over a fixed set of seeds.
#[test]
fn sequence_counts_over_fixed_seeds() {
    let (mut sequences, mut edits_total, mut accepted_total, mut cells_total) = (0, 0, 0, 0);
    let mut kinds_accepted = vec![0usize; common::edits::KINDS as usize];
    for seed in 0u32..120 {
        let bytes: Vec<u8> = (0..300u32)
            .map(|i| (seed.wrapping_mul(2654435761).wrapping_add(i * 97) >> 7) as u8)
            .collect();
        let s = common::gen::scenario(&bytes);
        let ix = engine::load(&s.to_string()).unwrap();
        let mut probe = session::Engine::new(ix.clone());
        let mut json_now = s.clone();
        let mut edits = Vec::new();
        for step in 0..(2 + seed as usize % 19) {
            let k = ((seed as usize * 7 + step * 11) % common::edits::KINDS as usize) as u8;
            let pick = seed.wrapping_mul(31).wrapping_add(step as u32 * 17);
            if let Some(edit) = common::edits::random_edit(&json_now, k, pick) {
                if probe.apply(&edit).is_ok() {
                    kinds_accepted[k as usize] += 1;
                    json_now = serde_json::to_value(&probe.ix.scenario).unwrap();
                }
                edits.push(edit);
            }
        }
        let (accepted, cells) =
            run_sequence(ix, &edits).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        sequences += 1;
        edits_total += edits.len();
        accepted_total += accepted;
        cells_total += cells;
    }
    println!("accepted per kind: {kinds_accepted:?}");
    println!("{sequences} sequences, {edits_total} edits ({accepted_total} accepted), {cells_total} cells compared");
    // The generator must exercise most kinds, or the test proves little.
    let exercised = kinds_accepted.iter().filter(|n| **n > 0).count();
    assert!(
        exercised >= 20,
        "only {exercised} edit kinds were accepted: {kinds_accepted:?}"
    );
}

/// Issue 13's first shape: move an account child to another account, then share that account.
/// The kept matrix said None where a fresh load says Edit (stale followers after the move).
#[test]
fn a_moved_account_child_follows_a_share_of_its_new_account() {
    let s = json!({
        "version": 1,
        "roles": [{"id": "r0", "name": "CEO"}],
        "profiles": [{"id": "p", "name": "Std", "objects": {"account": ["read","create","edit"], "account_child": ["read","create","edit"]}}],
        "users": [{"id": "owner", "name": "Owner", "profile": "p", "role": "r0"},
                  {"id": "bob", "name": "Bob", "profile": "p"}],
        "org_defaults": {"account": {"internal": "private"}, "account_child": {"internal": "controlled_by_parent"}},
        "accounts": [{"id": "a1", "name": "A1", "owner": "owner"}, {"id": "a2", "name": "A2", "owner": "owner"}],
        "account_children": [{"id": "x", "name": "Child", "kind": "Subscription", "owner": "owner", "account": "a1"}]
    });
    let ix = engine::load(&s.to_string()).unwrap();
    let edits = vec![
        Edit::Upsert {
            collection: Collection::AccountChildren,
            value: json!({"id": "x", "name": "Child", "kind": "Subscription", "owner": "owner", "account": "a2"}),
        },
        Edit::Upsert {
            collection: Collection::ManualShares,
            value: json!({"id": "sh", "record": "a2", "with": {"user": "bob"}, "access": "edit"}),
        },
    ];
    let mut eng = session::Engine::new(ix.clone());
    for e in &edits {
        eng.apply(e).unwrap();
    }
    let (bob, x) = (
        eng.ix.find_user("bob").unwrap(),
        eng.ix.find_record("x").unwrap(),
    );
    // Controlled by Parent: the child follows the account Bob now has Edit on.
    assert_eq!(eng.level(bob, x), engine::Access::Edit);
    run_sequence(ix, &edits).unwrap();
}

/// Issue 13: `remove` with `matching: {}` used to delete a whole collection silently. It now
/// needs an explicit `all: true`, on the patched path (manual shares) and the full one (cases).
#[test]
fn an_empty_remove_match_is_refused_unless_all_is_said() {
    let s = common::gen::scenario(&[7u8; 200]);
    let ix = engine::load(&s.to_string()).unwrap();
    for collection in [
        Collection::ManualShares,
        Collection::Cases,
        Collection::AccountTeams,
    ] {
        let mut eng = session::Engine::new(ix.clone());
        let before = eng.ix.scenario.clone();
        let edit: Edit = serde_json::from_value(
            json!({"edit": "remove", "collection": collection, "matching": {}}),
        )
        .unwrap();
        let Err(e) = eng.apply(&edit) else {
            panic!("{collection:?}: an empty match was accepted")
        };
        let e = e.to_string();
        assert!(e.contains("an empty match would remove every entry"), "{e}");
        assert_eq!(eng.ix.scenario, before);
    }
    // Said explicitly, it clears the list (manual shares: nothing refers to them).
    let mut eng = session::Engine::new(ix);
    let all: Edit = serde_json::from_value(
        json!({"edit": "remove", "collection": "manual_shares", "matching": {}, "all": true}),
    )
    .unwrap();
    let share = Edit::Upsert {
        collection: Collection::ManualShares,
        value: json!({"id": "m_all", "record": "k0", "with": {"user": "u0"}, "access": "read"}),
    };
    assert!(eng.apply(&share).is_ok());
    assert!(eng.apply(&all).is_ok());
    assert!(eng.ix.scenario.manual_shares.is_empty());
}

/// The kept implied-parent sets: under one account with many cases, edits that change one
/// case's shares, owner or account in turn, so the account reads its other cases' kept sets
/// (worked out by the first edit) while the edited ones are recomputed. After each edit the
/// kept matrix equals a fresh load.
#[test]
fn edits_under_one_big_account_read_the_kept_sets_of_its_other_cases() {
    let users: Vec<_> = (0..12)
        .map(|i| json!({"id": format!("u{i}"), "name": format!("U{i}"), "profile": "p", "role": format!("r{}", i % 3)}))
        .collect();
    let cases: Vec<_> = (0..300)
        .map(|i| json!({"id": format!("k{i}"), "name": format!("K{i}"), "owner": format!("u{}", i % 12), "account": "a"}))
        .collect();
    let s = json!({
        "version": 1,
        "roles": [{"id": "r0", "name": "Top"}, {"id": "r1", "name": "Mid", "parent": "r0"},
                  {"id": "r2", "name": "Rep", "parent": "r1"}],
        "profiles": [{"id": "p", "name": "Std", "objects": {"account": ["read"], "case": ["read", "edit"]}}],
        "users": users,
        "org_defaults": {"account": {"internal": "private"}, "case": {"internal": "private"}},
        "accounts": [{"id": "a", "name": "A", "owner": "u0"}, {"id": "b", "name": "B", "owner": "u1"}],
        "cases": cases
    });
    let ix = engine::load(&s.to_string()).unwrap();
    let mut edits = Vec::new();
    for step in 0..24usize {
        let (case, user) = (format!("k{}", step * 7 % 10), format!("u{}", step * 5 % 12));
        edits.push(match step % 4 {
            0 | 1 => Edit::Upsert {
                collection: Collection::ManualShares,
                value: json!({"id": format!("m{}", step % 3), "record": case, "with": {"user": user}, "access": "read"}),
            },
            2 => Edit::Upsert {
                collection: Collection::Cases,
                value: json!({"id": case, "name": "Moved", "owner": user, "account": "b"}),
            },
            _ => Edit::Remove {
                collection: Collection::ManualShares,
                matching: json!({"id": format!("m{}", step % 3)}),
                all: false,
            },
        });
    }
    let (accepted, _) = run_sequence(ix, &edits).unwrap();
    assert!(accepted >= 18, "only {accepted} of 24 edits accepted");
}
