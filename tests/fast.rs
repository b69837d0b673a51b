//! The set-based engine agrees with the per-pair reference on every cell: every preset, and
//! random scenarios that use every mechanism.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use access_sim::engine::{self, fast, Evaluator, Index};
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
        m.heap_bytes() * 4 <= ix.users.len().div_ceil(32) * 32 * ix.records.len() + 64,
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
