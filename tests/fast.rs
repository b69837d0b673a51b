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

fn random_edit(s: &serde_json::Value, k: u8, pick: u8) -> access_sim::engine::edits::Edit {
    use access_sim::engine::edits::{Collection, Edit};
    use serde_json::json;
    let ids = |key: &str| common::gen::ids(s, key);
    let cases = ids("cases");
    let users: Vec<String> = s["users"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u.get("kind").is_none())
        .map(|u| u["id"].as_str().unwrap().to_string())
        .collect();
    let case = cases[pick as usize % cases.len()].clone();
    let user = users[pick as usize % users.len()].clone();
    let nth = |key: &str| -> Option<serde_json::Value> {
        let list = s[key].as_array()?;
        (!list.is_empty()).then(|| list[pick as usize % list.len()].clone())
    };
    let accounts = ids("accounts");
    let other_account = accounts[(pick as usize / 3) % accounts.len()].clone();
    let changed = |key: &str, f: &dyn Fn(&mut serde_json::Value)| -> Option<Edit> {
        let mut x = nth(key)?;
        f(&mut x);
        Some(Edit::Upsert {
            collection: serde_json::from_value(json!(key)).unwrap(),
            value: x,
        })
    };
    let record_edit = match k % 14 {
        7 => changed("cases", &|c| c["owner"] = json!(user)),
        8 => changed("cases", &|c| {
            c["account"] = json!(other_account);
            let status = ["New", "Closed"][pick as usize % 2];
            c["fields"] = json!({"status": status, "origin": "Web"});
        }),
        9 => changed("sharing_rules", &|r| {
            r["access"] = json!(if r["access"] == "read" {
                "edit"
            } else {
                "read"
            });
        }),
        10 => changed("assets", &|a| a["account"] = json!(other_account)),
        11 => changed("sold_products", &|p| p["account"] = json!(other_account)),
        12 => changed("opportunities", &|o| {
            o["account"] = json!(other_account);
            o["owner"] = json!(user);
        }),
        13 => nth("sharing_rules").map(|r| Edit::Remove {
            collection: Collection::SharingRules,
            matching: json!({"id": r["id"]}),
        }),
        _ => None,
    };
    if let Some(edit) = record_edit {
        return edit;
    }
    match k % 7 {
        0 => Edit::Upsert {
            collection: Collection::ManualShares,
            value: json!({"id": "inc", "record": case, "with": {"user": user}, "access": "edit"}),
        },
        1 => Edit::Upsert {
            collection: Collection::AccountTeams,
            value: json!({"account": "a0", "user": user, "account_access": "read", "case_access": "edit", "contact_access": "read"}),
        },
        2 => Edit::Upsert {
            collection: Collection::CaseTeams,
            value: json!({"case": case, "user": user, "access": "read"}),
        },
        3 => Edit::SetOrgDefault {
            object: access_sim::engine::ObjectKind::Case,
            default: serde_json::from_value(json!({"internal": "public_read"})).unwrap(),
        },
        4 => Edit::SetOrgDefault {
            object: access_sim::engine::ObjectKind::Contact,
            default: serde_json::from_value(json!({"internal": "controlled_by_parent"})).unwrap(),
        },
        5 => match s["manual_shares"].as_array().and_then(|a| a.first()) {
            Some(m) => Edit::Remove {
                collection: Collection::ManualShares,
                matching: json!({"id": m["id"]}),
            },
            None => Edit::Upsert {
                collection: Collection::ManualShares,
                value: json!({"id": "inc", "record": "a0", "with": {"role": "r0"}, "access": "read"}),
            },
        },
        _ => Edit::Upsert {
            collection: Collection::RelatedParties,
            value: json!({"id": "inc", "record": case, "party": {"contact": "c0"}, "relationship": "contact_write"}),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]
    /// Incremental updates equal a full recomputation, and report exactly the changed cells.
    #[test]
    fn incremental_edits_equal_full_recomputation(b in prop::collection::vec(any::<u8>(), 32..400), k in any::<u8>(), pick in any::<u8>()) {
        let s = common::gen::scenario(&b);
        let ix = engine::load(&s.to_string()).unwrap();
        let edit = random_edit(&s, k, pick);
        let mut eng = fast::Engine::new(ix.clone());
        let Ok(applied) = eng.apply(&edit) else { return Ok(()) };
        let full = fast::matrix(&eng.ix);
        for r in eng.ix.record_ixs() {
            for u in eng.ix.user_ixs() {
                prop_assert_eq!(eng.level(u, r), full.get(u, r), "{} x {}", eng.ix.record(r).id, eng.ix.user(u).id);
            }
        }
        let expected = engine::matrix::diff(&ix, &eng.ix);
        prop_assert_eq!(applied.changed_cells, expected.len());
        prop_assert_eq!(applied.changes.len(), expected.len().min(fast::MAX_LISTED_CHANGES));
        for c in &expected {
            prop_assert!(applied.changes.contains(c), "missing {:?}", c);
        }
    }
}

#[test]
fn a_local_edit_recomputes_only_a_few_rows() {
    use access_sim::engine::edits::{Collection, Edit};
    let ix = engine::load(&access_sim::generate::generate(60, 2_000, 9).to_string()).unwrap();
    let mut eng = fast::Engine::new(ix);
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
    let mut eng = fast::Engine::new(ix.clone());
    let edit = Edit::SetOrgDefault {
        object: engine::ObjectKind::Case,
        default: serde_json::from_value(serde_json::json!({"internal": "public_read"})).unwrap(),
    };
    let applied = eng.apply(&edit).unwrap();
    let expected = engine::matrix::diff(&ix, &eng.ix).len();
    assert!(
        expected > fast::MAX_LISTED_CHANGES,
        "the edit should change many cells: {expected}"
    );
    assert_eq!(applied.changed_cells, expected);
    assert_eq!(applied.changes.len(), fast::MAX_LISTED_CHANGES);
}

#[test]
fn record_and_rule_edits_recompute_only_the_rows_they_reach() {
    use access_sim::engine::edits::{Collection, Edit};
    let s = access_sim::generate::generate(60, 2_000, 9);
    let ix = engine::load(&s.to_string()).unwrap();
    let total = ix.records.len();
    let mut eng = fast::Engine::new(ix);
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
