//! Deep and wide structures finish, with the documented answer or one clear error: a role chain
//! and a role cycle of 100,000, an account chain of 100,000, groups nested 100,000 deep and a
//! 60-level diamond of groups (2^60 paths). Before, these took minutes to hours (quadratic or
//! worse walks, exponential group expansion) or overflowed the stack. Not timed here: `access-sim
//! bench --tier deep` prints the times; a regression to a super-linear walk makes this file hang.
#![cfg(not(target_arch = "wasm32"))]

use access_sim::engine::{self, explain, fast, Access, Evaluator};
use access_sim::shapes::Shape;

fn level(s: &serde_json::Value, user: &str, record: &str) -> (Access, Access) {
    let ix = engine::load(&s.to_string()).expect("the shape is valid");
    let (u, r) = (ix.find_user(user).unwrap(), ix.find_record(record).unwrap());
    let fast = fast::matrix(&ix).get(u, r);
    let reference = Evaluator::new(&ix).level(u, r);
    // The explanation walks the same structure: it must finish and agree.
    assert_eq!(explain(&ix, u, r).level, reference);
    (fast, reference)
}

#[test]
fn a_manager_at_the_top_of_a_100_000_role_chain_gets_the_owners_full_access() {
    // Salesforce: "users above a record owner in the role hierarchy are implicitly granted the
    // owner's access" (../shared/domain.md, Role hierarchy).
    let s = Shape::RoleChain(100_000).scenario();
    assert_eq!(level(&s, "member", "k0"), (Access::Full, Access::Full));
    assert_eq!(level(&s, "outsider", "k0"), (Access::None, Access::None));
}

#[test]
fn a_100_000_role_cycle_is_one_error_naming_the_path() {
    let s = Shape::RoleCycle(100_000).scenario();
    let e = engine::load(&s.to_string()).unwrap_err();
    let problems = e.problems();
    assert_eq!(
        problems.len(),
        1,
        "one cycle, one problem: {:?}",
        &problems[..problems.len().min(3)]
    );
    assert_eq!(problems[0].path, "roles[0].parent");
    assert!(
        problems[0]
            .message
            .contains("cycle of parents (100000 roles"),
        "{}",
        problems[0].message
    );
}

#[test]
fn a_short_role_cycle_below_a_valid_role_is_reported_once() {
    let s = serde_json::json!({"version": 1, "profiles": [{"id": "p", "name": "P"}],
        "roles": [{"id": "top", "name": "Top"}, {"id": "x", "name": "X", "parent": "y"},
                  {"id": "y", "name": "Y", "parent": "x"}, {"id": "z", "name": "Z", "parent": "x"}],
        "users": [{"id": "u", "name": "U", "profile": "p", "role": "z"}]});
    let e = engine::load(&s.to_string()).unwrap_err();
    let problems = e.problems();
    let cycles: Vec<_> = problems
        .iter()
        .filter(|p| p.message.contains("cycle"))
        .collect();
    assert_eq!(cycles.len(), 1, "{cycles:?}");
    assert_eq!(cycles[0].path, "roles[1].parent");
}

#[test]
fn a_share_of_the_deepest_of_100_000_nested_accounts_gives_that_account_only() {
    // A share of one account gives that account only: an account hierarchy passes no access
    // up or down (only roles do), so the top account stays private to its owner.
    let s = Shape::AccountChain(100_000).scenario();
    assert_eq!(level(&s, "member", "a99999"), (Access::Read, Access::Read));
    assert_eq!(level(&s, "member", "a0"), (Access::None, Access::None));
    assert_eq!(level(&s, "owner", "k0"), (Access::Full, Access::Full));
}

#[test]
fn an_account_cycle_of_100_000_is_one_error() {
    let mut s = Shape::AccountChain(100_000).scenario();
    s["accounts"][0]["parent"] = serde_json::json!("a99999");
    let e = engine::load(&s.to_string()).unwrap_err();
    let problems = e.problems();
    let cycles: Vec<_> = problems
        .iter()
        .filter(|p| p.message.contains("cycle"))
        .collect();
    assert_eq!(cycles.len(), 1);
    assert!(
        cycles[0].path.starts_with("accounts[0]"),
        "{}",
        cycles[0].path
    );
}

#[test]
fn a_user_at_the_bottom_of_100_000_nested_groups_gets_the_groups_share() {
    let s = Shape::GroupChain(100_000).scenario();
    assert_eq!(level(&s, "member", "k0"), (Access::Edit, Access::Edit));
    assert_eq!(level(&s, "outsider", "k0"), (Access::None, Access::None));
}

#[test]
fn a_60_level_diamond_of_groups_is_expanded_once_per_group() {
    let s = Shape::GroupDiamond(60).scenario();
    assert_eq!(level(&s, "member", "k0"), (Access::Edit, Access::Edit));
    assert_eq!(level(&s, "outsider", "k0"), (Access::None, Access::None));
}

#[test]
fn explanations_of_deep_chains_stay_readable() {
    for (shape, elided) in [
        (Shape::RoleChain(100_000), "... 99992 roles ..."),
        (Shape::GroupChain(100_000), "... 99994 groups ..."),
    ] {
        let ix = engine::load(&shape.scenario().to_string()).unwrap();
        let (u, r) = (
            ix.find_user("member").unwrap(),
            ix.find_record("k0").unwrap(),
        );
        let text = explain(&ix, u, r).to_text();
        assert!(text.contains(elided), "{}", &text[..text.len().min(600)]);
        assert!(
            text.len() < 20_000,
            "{}: {} bytes",
            shape.label(),
            text.len()
        );
    }
}
