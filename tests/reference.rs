//! The cached evaluator (what the app uses) must agree with the per-pair reference on every
//! cell, with the same grants, on every preset and on a larger layered scenario.
#![cfg(not(target_arch = "wasm32"))]

use access_sim::engine::evaluate::ShareCache;
use access_sim::engine::{self, Evaluator, Index};
use access_sim::presets::PRESETS;
use serde_json::json;

fn same_everywhere(ix: &Index, name: &str) -> usize {
    let cache = ShareCache::default();
    let (plain, cached) = (Evaluator::new(ix), Evaluator::with_cache(ix, &cache));
    let mut cells = 0;
    for r in ix.record_ixs() {
        for u in ix.user_ixs() {
            let (a, b) = (plain.decide(u, r), cached.decide(u, r));
            assert_eq!(
                a.level,
                b.level,
                "{name}: {} x {}",
                ix.record(r).id,
                ix.user(u).id
            );
            assert_eq!(
                a.grants.len(),
                b.grants.len(),
                "{name}: grants of {} x {}",
                ix.record(r).id,
                ix.user(u).id
            );
            cells += 1;
        }
    }
    cells
}

#[test]
fn cached_and_reference_agree_on_every_preset() {
    for p in PRESETS {
        let ix = engine::load(p.json).unwrap();
        assert!(same_everywhere(&ix, p.key) > 0);
    }
}

#[test]
fn cached_and_reference_agree_on_a_layered_org() {
    let roles: Vec<_> = (0..30)
        .map(|i| if i == 0 { json!({"id": "r0", "name": "R0"}) } else { json!({"id": format!("r{i}"), "name": format!("R{i}"), "parent": format!("r{}", (i - 1) / 2)}) })
        .collect();
    let users: Vec<_> = (0..60).map(|i| json!({"id": format!("u{i}"), "name": format!("U{i}"), "role": format!("r{}", i % 30), "profile": "p"})).collect();
    let accounts: Vec<_> = (0..10).map(|i| json!({"id": format!("a{i}"), "name": format!("A{i}"), "owner": format!("u{}", i * 5)})).collect();
    let cases: Vec<_> = (0..80).map(|i| json!({"id": format!("c{i}"), "name": format!("C{i}"), "owner": format!("u{}", (i * 7) % 60), "account": format!("a{}", i % 10), "fields": {"status": if i % 3 == 0 { "Hot" } else { "New" }}})).collect();
    let s = json!({
        "version": 1, "roles": roles, "users": users, "accounts": accounts, "cases": cases,
        "profiles": [{"id": "p", "name": "P", "objects": {"account": ["read", "edit"], "case": ["read", "edit"]}}],
        "groups": [{"id": "g", "name": "G", "members": [{"role_and_subordinates": "r3"}, {"user": "u1"}]}],
        "sharing_rules": [{"id": "sr", "name": "Hot", "object": "case", "select": {"criteria": [{"field": "status", "equals": ["Hot"]}]}, "share_with": {"group": "g"}, "access": "edit"}],
        "account_teams": [{"account": "a1", "user": "u40", "account_access": "read", "case_access": "edit"}],
        "manual_shares": [{"id": "m", "record": "c5", "with": {"role": "r20"}, "access": "read"}]
    });
    let ix = engine::load(&s.to_string()).unwrap();
    assert_eq!(same_everywhere(&ix, "layered"), 60 * 90);
}
