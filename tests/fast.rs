//! The set-based engine agrees with the per-pair reference on every cell: every preset, and
//! random scenarios that use every mechanism.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use access_sim::engine::{self, fast, session, Evaluator, Index};
use access_sim::presets::PRESETS;
use proptest::prelude::*;

fn agree(ix: &Index) -> Result<(), String> {
    let m = fast::matrix(ix);
    let ev = Evaluator::new(ix);
    for r in ix.record_ixs() {
        for u in ix.user_ixs() {
            let (want, got) = (ev.level(u, r), m.get(u, r));
            if want != got {
                return Err(format!(
                    "{} x {}: reference {want:?}, fast {got:?}",
                    ix.record(r).id,
                    ix.user(u).id
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn fast_equals_reference_on_every_preset() {
    for p in PRESETS {
        agree(&engine::load(p.json).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", p.key));
    }
}

#[test]
fn fast_equals_reference_on_generated_orgs() {
    let ix = engine::load(&access_sim::generate::generate(60, 600, 5).to_string()).unwrap();
    agree(&ix).unwrap();
    let m = fast::matrix(&ix);
    assert!(
        m.heap_bytes() * 4 <= ix.users.len().div_ceil(64) * 64 * ix.records.len() + 64,
        "2 bits per cell"
    );
}

#[test]
fn an_empty_scenario_is_fine() {
    let ix = engine::load(r#"{"version": 1}"#).unwrap();
    assert_eq!(fast::matrix(&ix).records, 0);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn fast_equals_reference_on_random_scenarios(b in prop::collection::vec(any::<u8>(), 32..400)) {
        let ix = engine::load(&common::gen::scenario(&b).to_string()).unwrap();
        if let Err(e) = agree(&ix) {
            prop_assert!(false, "{}", e);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]
    /// Incremental updates equal a full recomputation, and report exactly the changed cells.
    #[test]
    fn incremental_edits_equal_full_recomputation(b in prop::collection::vec(any::<u8>(), 32..400), k in any::<u8>(), pick in any::<u32>()) {
        let s = common::gen::scenario(&b);
        let ix = engine::load(&s.to_string()).unwrap();
        let Some(edit) = common::edits::random_edit(&s, k, pick) else { return Ok(()) };
        let mut eng = session::Engine::new(ix.clone());
        let Ok(applied) = eng.apply(&edit) else { return Ok(()) };
        let full = fast::matrix(&eng.ix);
        for r in eng.ix.record_ixs() {
            for u in eng.ix.user_ixs() {
                prop_assert_eq!(eng.level(u, r), full.get(u, r), "{} x {}", eng.ix.record(r).id, eng.ix.user(u).id);
            }
        }
        let expected = engine::diff::diff(&ix, &eng.ix);
        prop_assert_eq!(applied.changed_cells, expected.len());
        prop_assert_eq!(applied.changes.len(), expected.len().min(session::MAX_LISTED_CHANGES));
        for c in &expected {
            prop_assert!(applied.changes.contains(c), "missing {:?}", c);
        }
    }
}

#[test]
fn a_local_edit_recomputes_only_a_few_rows() {
    use access_sim::engine::edits::{Collection, Edit};
    let ix = engine::load(&access_sim::generate::generate(60, 2_000, 9).to_string()).unwrap();
    let mut eng = session::Engine::new(ix);
    let applied = eng
        .apply(&Edit::Upsert { collection: Collection::ManualShares, value: serde_json::json!({"id": "x", "record": "k5", "with": {"user": "u3"}, "access": "edit"}) })
        .unwrap();
    assert!(applied.incremental);
    // The case, its account (implicit parent) and the account's Controlled-by-Parent contacts.
    assert!(
        applied.rows_recomputed <= 20,
        "{} rows of {}",
        applied.rows_recomputed,
        eng.ix.records.len()
    );
    assert!(
        !applied.changes.is_empty()
            || eng.level(
                eng.ix.find_user("u3").unwrap(),
                eng.ix.find_record("k5").unwrap()
            ) >= engine::Access::Edit
    );
}

#[test]
fn the_public_matrix_equals_the_reference_matrix_for_every_object_filter() {
    for p in PRESETS {
        let ix = engine::load(p.json).unwrap();
        for object in [
            None,
            Some(engine::ObjectKind::Case),
            Some(engine::ObjectKind::Account),
            Some(engine::ObjectKind::Contact),
        ] {
            assert_eq!(
                engine::matrix(&ix, object),
                engine::matrix::reference_matrix(&ix, object),
                "{} {object:?}",
                p.key
            );
        }
    }
}

#[test]
fn a_global_edit_counts_every_change_but_lists_at_most_the_cap() {
    use access_sim::engine::edits::Edit;
    let ix = engine::load(&access_sim::generate::generate(40, 800, 4).to_string()).unwrap();
    let mut eng = session::Engine::new(ix.clone());
    let edit = Edit::SetOrgDefault {
        object: engine::ObjectKind::Case,
        default: serde_json::from_value(serde_json::json!({"internal": "public_read"})).unwrap(),
    };
    let applied = eng.apply(&edit).unwrap();
    let expected = engine::diff::diff(&ix, &eng.ix).len();
    assert!(
        expected > session::MAX_LISTED_CHANGES,
        "the edit should change many cells: {expected}"
    );
    assert_eq!(applied.changed_cells, expected);
    assert_eq!(applied.changes.len(), session::MAX_LISTED_CHANGES);
}

#[test]
fn record_and_rule_edits_recompute_only_the_rows_they_reach() {
    use access_sim::engine::edits::{Collection, Edit};
    let s = access_sim::generate::generate(60, 2_000, 9);
    let ix = engine::load(&s.to_string()).unwrap();
    let total = ix.records.len();
    let mut eng = session::Engine::new(ix);
    // A new owner for one case: that case, its account, the account's contacts.
    let mut case = s["cases"][5].clone();
    case["owner"] = serde_json::json!("u7");
    let applied = eng
        .apply(&Edit::Upsert {
            collection: Collection::Cases,
            value: case,
        })
        .unwrap();
    assert!(applied.incremental);
    assert!(
        applied.rows_recomputed <= 20,
        "{} rows of {total}",
        applied.rows_recomputed
    );
    assert_eq!(
        eng.level(
            eng.ix.find_user("u7").unwrap(),
            eng.ix.find_record("k5").unwrap()
        ),
        engine::Access::Full
    );
    // A sharing rule on cases: the cases and what reads them, not the whole org.
    let mut rule = s["sharing_rules"][0].clone();
    rule["access"] = serde_json::json!("edit");
    let applied = eng
        .apply(&Edit::Upsert {
            collection: Collection::SharingRules,
            value: rule,
        })
        .unwrap();
    assert!(applied.incremental);
    assert!(
        applied.rows_recomputed < total,
        "{} rows of {total}",
        applied.rows_recomputed
    );
    let full = fast::matrix(&eng.ix);
    for r in eng.ix.record_ixs() {
        assert!(full
            .row(r)
            .eq((0..eng.ix.users.len() as u32).map(|u| eng.level(engine::index::UserIx(u), r))));
    }
}
