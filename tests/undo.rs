//! Undo through inverse edits (src/engine/undo.rs): one incremental engine takes random edit
//! sequences (tests/common/edits.rs), then every accepted edit is undone in reverse order by
//! applying its inverse through the same engine; the scenario and the kept matrix must be the
//! original ones exactly, and the matrix must equal a fresh computation after every undo step.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use access_sim::engine::edits::{Collection, Edit};
use access_sim::engine::undo::{inverse, Inverse};
use access_sim::engine::{self, fast, session::Engine, Index};
use proptest::prelude::*;
use serde_json::{json, Value};

/// The first cell where the engine's kept matrix differs from a fresh one of its index.
fn kept_matrix_problem(eng: &Engine) -> Option<String> {
    let full = fast::matrix(&eng.ix);
    for r in eng.ix.record_ixs() {
        for u in eng.ix.user_ixs() {
            if full.get(u, r) != eng.level(u, r) {
                return Some(format!(
                    "{} x {}: fresh {:?}, kept {:?}",
                    eng.ix.record(r).id,
                    eng.ix.user(u).id,
                    full.get(u, r),
                    eng.level(u, r)
                ));
            }
        }
    }
    None
}

/// Cells of two engines over the same users and records that differ.
fn same_matrix(a: &Engine, b: &Engine) -> Result<(), String> {
    if a.ix.users.len() != b.ix.users.len() || a.ix.records.len() != b.ix.records.len() {
        return Err("different shapes".into());
    }
    for r in a.ix.record_ixs() {
        for u in a.ix.user_ixs() {
            if a.level(u, r) != b.level(u, r) {
                return Err(format!("{} x {}", a.ix.record(r).id, a.ix.user(u).id));
            }
        }
    }
    Ok(())
}

/// Applies `edit` with its inverse computed first; None when the engine refuses it.
fn apply_with_inverse(eng: &mut Engine, edit: &Edit) -> Option<Inverse> {
    let inv = inverse(&eng.ix.scenario, edit);
    match eng.apply(edit) {
        Ok(_) => Some(inv.expect("an accepted edit has an inverse")),
        Err(_) => None,
    }
}

/// Undoes `inv` through the engine, checking the kept matrix afterwards.
fn undo(eng: &mut Engine, inv: &Inverse) -> Result<(), String> {
    let edits = inv
        .edits(&eng.ix.scenario)
        .map_err(|e| format!("no undo edits: {e}"))?;
    for e in &edits {
        eng.apply(e)
            .map_err(|err| format!("undo edit {e:?} refused: {err}"))?;
    }
    match kept_matrix_problem(eng) {
        Some(p) => Err(format!("after undoing {inv:?}: {p}")),
        None => Ok(()),
    }
}

/// Runs a sequence (each edit picked from the scenario as the previous ones left it), then
/// undoes everything; returns (accepted, undone through edits, undone at scenario level).
fn round_trip(ix: Index, steps: &[(u8, u32)]) -> Result<(usize, usize, usize), String> {
    let original = Engine::new(ix.clone());
    let mut eng = Engine::new(ix);
    let mut doc = serde_json::to_value(&eng.ix.scenario).unwrap();
    let mut done: Vec<(Edit, Inverse, engine::Scenario)> = Vec::new();
    for (k, pick) in steps {
        let Some(edit) = common::edits::random_edit(&doc, *k, *pick) else {
            continue;
        };
        let before = eng.ix.scenario.clone();
        if let Some(inv) = apply_with_inverse(&mut eng, &edit) {
            doc = serde_json::to_value(&eng.ix.scenario).unwrap();
            done.push((edit, inv, before));
        }
    }
    let accepted = done.len();
    let (mut incremental, mut fallback) = (0, 0);
    while let Some((edit, inv, before)) = done.pop() {
        if inv.is_incremental() {
            incremental += 1;
        } else {
            fallback += 1;
        }
        undo(&mut eng, &inv)?;
        if eng.ix.scenario != before {
            return Err(format!(
                "undoing {edit:?} (inverse {inv:?}) did not give back the scenario before it"
            ));
        }
    }
    if eng.ix.scenario != original.ix.scenario {
        return Err("the scenario after undoing everything is not the original".into());
    }
    same_matrix(&eng, &original).map_err(|c| format!("matrix differs from the original at {c}"))?;
    Ok((accepted, incremental, fallback))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn applying_then_undoing_every_edit_gives_back_the_original(
        b in prop::collection::vec(any::<u8>(), 32..400),
        steps in prop::collection::vec((any::<u8>(), any::<u32>()), 2..=20),
    ) {
        let s = common::gen::scenario(&b);
        let ix = engine::load(&s.to_string()).unwrap();
        if let Err(e) = round_trip(ix, &steps) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// Over fixed seeds: most undos go through edits, and every edit kind the generator knows is
/// taken back (the counts are printed for the record).
#[test]
fn undo_counts_over_fixed_seeds() {
    let (mut accepted, mut incremental, mut fallback) = (0, 0, 0);
    for seed in 0u32..80 {
        let bytes: Vec<u8> = (0..300u32)
            .map(|i| (seed.wrapping_mul(2654435761).wrapping_add(i * 97) >> 7) as u8)
            .collect();
        let ix = engine::load(&common::gen::scenario(&bytes).to_string()).unwrap();
        let steps: Vec<(u8, u32)> = (0..(2 + seed as usize % 19))
            .map(|step| {
                (
                    ((seed as usize * 7 + step * 11) % common::edits::KINDS as usize) as u8,
                    seed.wrapping_mul(31).wrapping_add(step as u32 * 17),
                )
            })
            .collect();
        let (a, i, f) = round_trip(ix, &steps).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        accepted += a;
        incremental += i;
        fallback += f;
    }
    println!("{accepted} edits undone: {incremental} through edits, {fallback} at scenario level");
    assert!(accepted > 300, "only {accepted} edits were accepted");
    assert!(
        incremental * 10 >= accepted * 8,
        "{incremental} of {accepted} undone through edits"
    );
}

fn base() -> Engine {
    let s = json!({
        "version": 1,
        "roles": [{"id": "r0", "name": "CEO"}],
        "profiles": [{"id": "p", "name": "Std", "objects": {"case": ["read", "create", "edit"]}}],
        "users": [{"id": "owner", "name": "Owner", "profile": "p", "role": "r0"},
                  {"id": "bob", "name": "Bob", "profile": "p"},
                  {"id": "eve", "name": "Eve", "profile": "p"}],
        "org_defaults": {"case": {"internal": "private"}},
        "cases": (0..30).map(|i| json!({"id": format!("c{i}"), "name": format!("Case {i}"), "owner": "owner"})).collect::<Vec<_>>(),
        "manual_shares": (0..30).map(|i| json!({"id": format!("ms{i}"), "record": format!("c{i}"), "with": {"user": "bob"}, "access": "read"})).collect::<Vec<_>>(),
        "case_teams": [{"case": "c1", "user": "eve", "access": "edit"}]
    });
    Engine::new(engine::load(&s.to_string()).unwrap())
}

fn share(id: &str, record: &str, user: &str, access: &str) -> Edit {
    Edit::Upsert {
        collection: Collection::ManualShares,
        value: json!({"id": id, "record": record, "with": {"user": user}, "access": access}),
    }
}

fn remove(collection: Collection, matching: Value) -> Edit {
    Edit::Remove {
        collection,
        matching,
        all: false,
    }
}

/// Applies `edit`, undoes it, and checks the scenario and matrix are back; returns the inverse.
fn check_one(edit: Edit) -> Inverse {
    let mut eng = base();
    let original = base();
    let inv = apply_with_inverse(&mut eng, &edit).expect("accepted");
    assert_ne!(
        eng.ix.scenario, original.ix.scenario,
        "the edit changed something"
    );
    undo(&mut eng, &inv).unwrap();
    assert_eq!(eng.ix.scenario, original.ix.scenario);
    same_matrix(&eng, &original).unwrap();
    inv
}

#[test]
fn a_new_entry_is_undone_by_removing_it() {
    let inv = check_one(share("ms_new", "c3", "eve", "edit"));
    assert_eq!(
        inv,
        Inverse::Edits(vec![remove(
            Collection::ManualShares,
            json!({"id": "ms_new"})
        )])
    );
    let inv = check_one(Edit::Upsert {
        collection: Collection::CaseTeams,
        value: json!({"case": "c2", "user": "bob", "access": "edit"}),
    });
    assert_eq!(
        inv,
        Inverse::Edits(vec![remove(
            Collection::CaseTeams,
            json!({"case": "c2", "user": "bob"})
        )])
    );
}

#[test]
fn a_replaced_entry_is_undone_by_upserting_the_old_one_in_its_place() {
    let inv = check_one(share("ms4", "c5", "eve", "edit"));
    let Inverse::Edits(edits) = &inv else {
        panic!("{inv:?}")
    };
    assert_eq!(edits.len(), 1);
    assert!(
        matches!(&edits[0], Edit::Upsert { value, .. } if value["record"] == "c4" && value["with"]["user"] == "bob")
    );
}

#[test]
fn removed_entries_go_back_to_their_positions() {
    // The last entry: one upsert.
    let inv = check_one(remove(Collection::ManualShares, json!({"id": "ms29"})));
    assert!(matches!(&inv, Inverse::Edits(e) if e.len() == 1));
    // Near the end of a patched list: the entries behind it come out and go back in order.
    let inv = check_one(remove(Collection::ManualShares, json!({"id": "ms25"})));
    assert!(
        matches!(&inv, Inverse::Edits(e) if e.len() == 4 + 5),
        "{inv:?}"
    );
    // Several at once (every share with Bob): they were the whole list, so upserts in order.
    let inv = check_one(remove(
        Collection::ManualShares,
        json!({"with": {"user": "bob"}}),
    ));
    assert!(matches!(&inv, Inverse::Edits(e) if e.len() == 30));
    // Early in a long list: the scenario-level fallback, still exact.
    let inv = check_one(remove(Collection::ManualShares, json!({"id": "ms2"})));
    assert!(
        matches!(&inv, Inverse::Reinsert { entries, .. } if entries.len() == 1 && entries[0].0 == 2)
    );
    assert!(!inv.is_incremental());
    // A record in the middle of the cases (a list that is revalidated, not patched).
    let mut eng = base();
    eng.apply(&remove(Collection::ManualShares, json!({"id": "ms7"})))
        .unwrap();
    let before = eng.ix.scenario.clone();
    let edit = remove(Collection::Cases, json!({"id": "c7"}));
    let inv = apply_with_inverse(&mut eng, &edit).unwrap();
    assert!(matches!(&inv, Inverse::Reinsert { .. }));
    undo(&mut eng, &inv).unwrap();
    assert_eq!(eng.ix.scenario, before);
    assert_eq!(eng.ix.scenario.cases[7].id, "c7", "back at its position");
}

#[test]
fn an_org_wide_default_is_undone_by_the_old_one() {
    let edit = Edit::SetOrgDefault {
        object: engine::ObjectKind::Case,
        default: serde_json::from_value(json!({"internal": "public_read"})).unwrap(),
    };
    let inv = check_one(edit);
    assert_eq!(
        inv,
        Inverse::Edits(vec![Edit::SetOrgDefault {
            object: engine::ObjectKind::Case,
            default: serde_json::from_value(json!({"internal": "private"})).unwrap(),
        }])
    );
    // A default the scenario never set: back to not set, at the scenario level.
    let edit = Edit::SetOrgDefault {
        object: engine::ObjectKind::Account,
        default: serde_json::from_value(json!({"internal": "public_read"})).unwrap(),
    };
    let inv = check_one(edit);
    assert_eq!(inv, Inverse::UnsetOrgDefault(engine::ObjectKind::Account));
}

#[test]
fn a_replace_is_undone_by_the_old_scenario() {
    let mut s = serde_json::to_value(&base().ix.scenario).unwrap();
    s["manual_shares"] = json!([]);
    let inv = check_one(Edit::Replace { scenario: s });
    assert!(matches!(inv, Inverse::Scenario(_)));
}

#[test]
fn a_refused_shape_has_no_inverse_and_a_missing_match_undoes_nothing() {
    let eng = base();
    let bad = Edit::Upsert {
        collection: Collection::ManualShares,
        value: json!({"record": "c1"}),
    };
    assert!(inverse(&eng.ix.scenario, &bad).is_err());
    let none = remove(Collection::ManualShares, json!({"id": "nope"}));
    assert_eq!(
        inverse(&eng.ix.scenario, &none).unwrap(),
        Inverse::Edits(vec![])
    );
}
