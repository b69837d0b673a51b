//! What an edit reaches (`engine::reach`), derived by hand on a small org: the records an edit
//! names, the accounts whose implicit parent Read reads them, and the Controlled-by-Parent
//! records that follow them; and the engine rebuilds what follows what whenever it installs a
//! new index, so a record moved by one edit is reached by the next.
#![cfg(not(target_arch = "wasm32"))]

use access_sim::engine::edits::{Collection, Edit};
use access_sim::engine::reach::{reach, Dependents, Reached, Route};
use access_sim::engine::{self, Access, Index};
use access_sim::engine::{patch, session};
use serde_json::{json, Value};

/// Two accounts: a1 with contact c1 (Controlled by Parent), case k1 and account child x1;
/// a2 with case k2. Owner owns everything; Bob only gets what an edit gives him.
fn org() -> Value {
    json!({
        "version": 1,
        "roles": [{"id": "r0", "name": "CEO"}],
        "profiles": [{"id": "p", "name": "Std", "objects": {
            "account": ["read","create","edit"], "contact": ["read","create","edit"],
            "case": ["read","create","edit"], "account_child": ["read","create","edit"]}}],
        "users": [{"id": "owner", "name": "Owner", "profile": "p", "role": "r0"},
                  {"id": "bob", "name": "Bob", "profile": "p"}],
        "org_defaults": {"account": {"internal": "private"}, "case": {"internal": "private"},
                         "contact": {"internal": "controlled_by_parent"},
                         "account_child": {"internal": "controlled_by_parent"}},
        "accounts": [{"id": "a1", "name": "A1", "owner": "owner"},
                     {"id": "a2", "name": "A2", "owner": "owner"}],
        "contacts": [{"id": "c1", "name": "C1", "owner": "owner", "account": "a1"}],
        "cases": [{"id": "k1", "name": "K1", "owner": "owner", "account": "a1"},
                  {"id": "k2", "name": "K2", "owner": "owner", "account": "a2"}],
        "account_children": [{"id": "x1", "name": "X1", "kind": "Subscription", "owner": "owner", "account": "a1"}]
    })
}

fn load(s: &Value) -> Index {
    engine::load(&s.to_string()).unwrap()
}

fn ids(ix: &Index, reached: &Reached) -> Vec<String> {
    match reached {
        Reached::Everything => vec!["everything".into()],
        Reached::Records(rs) => {
            let mut out: Vec<String> = rs.iter().map(|r| ix.record(*r).id.clone()).collect();
            out.sort();
            out
        }
    }
}

/// Patch `edit` into the org and ask what it reaches.
fn patched(s: &Value, edit: &Edit) -> Vec<String> {
    let mut ix = load(s);
    let before = Dependents::of(&ix);
    let r = patch::patch(&mut ix, edit).expect("a local edit").unwrap();
    let now = Dependents::of(&ix);
    ids(&ix, &reach(&Route::Patched(r), &ix, &before, &now, edit))
}

/// Revalidate `edit` in full and ask what it reaches.
fn revalidated(s: &Value, edit: &Edit) -> Vec<String> {
    let before = load(s);
    let after = engine::validate(engine::edits::apply_to(&before.scenario, edit).unwrap()).unwrap();
    let (old, now) = (Dependents::of(&before), Dependents::of(&after));
    let route = Route::Revalidated {
        before: Box::new(before),
    };
    ids(&after, &reach(&route, &after, &old, &now, edit))
}

fn upsert(collection: Collection, value: Value) -> Edit {
    Edit::Upsert { collection, value }
}

#[test]
fn a_share_on_a_case_reaches_its_account_and_what_follows_the_account() {
    let share = upsert(
        Collection::ManualShares,
        json!({"id": "m", "record": "k1", "with": {"user": "bob"}, "access": "read"}),
    );
    // k1 itself; a1, whose implicit parent Read reads k1's shares; c1 and x1, which follow a1.
    // Nothing of a2.
    assert_eq!(patched(&org(), &share), ["a1", "c1", "k1", "x1"]);
}

#[test]
fn a_share_on_the_second_account_stays_there() {
    let share = upsert(
        Collection::ManualShares,
        json!({"id": "m", "record": "a2", "with": {"user": "bob"}, "access": "edit"}),
    );
    // a2 has no Controlled-by-Parent records, and an account reads no other row; the share
    // gives no access to a2's children, so its case k2 is not reached.
    assert_eq!(patched(&org(), &share), ["a2"]);
    let with_cases = upsert(
        Collection::ManualShares,
        json!({"id": "m", "record": "a2", "with": {"user": "bob"}, "access": "edit", "case_access": "read"}),
    );
    assert_eq!(
        patched(&org(), &with_cases),
        ["a2", "k2"],
        "Case access reaches a2's case"
    );
}

#[test]
fn an_account_team_member_reaches_the_accounts_children() {
    let member = upsert(
        Collection::AccountTeams,
        json!({"account": "a1", "user": "bob", "account_access": "read", "case_access": "edit"}),
    );
    // The team's case/contact access reaches every record hanging off a1, not a2's.
    assert_eq!(patched(&org(), &member), ["a1", "c1", "k1", "x1"]);
}

#[test]
fn an_org_default_reaches_its_object_accounts_and_followers() {
    let edit = Edit::SetOrgDefault {
        object: engine::ObjectKind::Case,
        default: serde_json::from_value(json!({"internal": "public_read"})).unwrap(),
    };
    // Every case, every account (implicit parent Read) and every Controlled-by-Parent kind.
    assert_eq!(patched(&org(), &edit), ["a1", "a2", "c1", "k1", "k2", "x1"]);
}

#[test]
fn a_moved_case_reaches_both_accounts() {
    let mv = upsert(
        Collection::Cases,
        json!({"id": "k1", "name": "K1", "owner": "owner", "account": "a2"}),
    );
    // k1; a1 loses, and a2 gains, k1's shares for implicit parent Read; c1 and x1 follow a1.
    assert_eq!(revalidated(&org(), &mv), ["a1", "a2", "c1", "k1", "x1"]);
}

#[test]
fn a_moved_account_child_reaches_only_itself() {
    let mv = upsert(
        Collection::AccountChildren,
        json!({"id": "x1", "name": "X1", "kind": "Subscription", "owner": "owner", "account": "a2"}),
    );
    // x1 now follows a2 (whose row does not change). a1 does not read x1: an account child
    // gives its account no implicit Read, so what x1 reads changed, not what reads x1.
    assert_eq!(revalidated(&org(), &mv), ["x1"]);
}

#[test]
fn edits_that_reshape_or_reach_principals_reach_everything() {
    let s = org();
    let new_case = upsert(
        Collection::Cases,
        json!({"id": "k3", "name": "K3", "owner": "owner", "account": "a2"}),
    );
    let renamed_user = upsert(
        Collection::Users,
        json!({"id": "bob", "name": "Robert", "profile": "p"}),
    );
    let moved_contact = upsert(
        Collection::Contacts,
        json!({"id": "c1", "name": "C1", "owner": "owner", "account": "a2"}),
    );
    for edit in [new_case, renamed_user, moved_contact] {
        assert_eq!(revalidated(&s, &edit), ["everything"], "{edit:?}");
    }
}

/// The bug issue 13 found, through the engine: a contact moved by a full revalidation must
/// follow its new account at the next (patched) edit. With the old followers the share on a2
/// would reach a2 alone and c1 would keep None.
#[test]
fn an_installed_index_brings_its_own_followers() {
    let mut eng = session::Engine::new(load(&org()));
    let moved = upsert(
        Collection::Contacts,
        json!({"id": "c1", "name": "C1", "owner": "owner", "account": "a2"}),
    );
    assert!(!eng.apply(&moved).unwrap().incremental);
    let share = upsert(
        Collection::ManualShares,
        json!({"id": "m", "record": "a2", "with": {"user": "bob"}, "access": "edit"}),
    );
    let applied = eng.apply(&share).unwrap();
    // a2 and its follower c1; k2 is a case (Private), it does not follow a2.
    assert_eq!(applied.rows_recomputed, 2);
    let (bob, c1) = (
        eng.ix.find_user("bob").unwrap(),
        eng.ix.find_record("c1").unwrap(),
    );
    assert_eq!(eng.level(bob, c1), Access::Edit);
    // Bob: Edit on a2 and c1; the two cells are the change list.
    assert_eq!(applied.changed_cells, 2);
}

#[test]
fn a_share_moved_to_another_case_reaches_both_cases_and_both_accounts() {
    let mut s = org();
    s["manual_shares"] =
        json!([{"id": "m", "record": "k1", "with": {"user": "bob"}, "access": "read"}]);
    let moved = upsert(
        Collection::ManualShares,
        json!({"id": "m", "record": "k2", "with": {"user": "bob"}, "access": "read"}),
    );
    // The patch names the case the share left and the one it went to.
    let mut ix = load(&s);
    let (k1, k2) = (ix.find_record("k1").unwrap(), ix.find_record("k2").unwrap());
    assert_eq!(
        patch::patch(&mut ix, &moved).unwrap().unwrap(),
        patch::Reach::Records(vec![k1, k2], engine::mechanisms::Changed::ManualShares)
    );
    // Both cases, both accounts (implicit parent Read), and what follows a1.
    assert_eq!(patched(&s, &moved), ["a1", "a2", "c1", "k1", "k2", "x1"]);
}

/// Issue 13's second shape: share a2 with Bob, move account child x1 under a2 (a full
/// revalidation), remove the share (a patch). Followers kept from before the move left x1 out
/// of the removal's reach, so Bob kept Edit on it.
#[test]
fn removing_a_share_reaches_a_record_moved_under_it() {
    let mut eng = session::Engine::new(load(&org()));
    let (bob, a2, x1) = (
        eng.ix.find_user("bob").unwrap(),
        eng.ix.find_record("a2").unwrap(),
        eng.ix.find_record("x1").unwrap(),
    );
    let share = upsert(
        Collection::ManualShares,
        json!({"id": "m", "record": "a2", "with": {"user": "bob"}, "access": "edit"}),
    );
    let applied = eng.apply(&share).unwrap();
    assert_eq!(applied.changed_cells, 1, "Bob: Edit on a2 only");
    let moved = upsert(
        Collection::AccountChildren,
        json!({"id": "x1", "name": "X1", "kind": "Subscription", "owner": "owner", "account": "a2"}),
    );
    let applied = eng.apply(&moved).unwrap();
    assert!(applied.incremental);
    assert_eq!(eng.level(bob, x1), Access::Edit, "x1 follows a2");
    assert_eq!(applied.changed_cells, 1, "Bob on x1: None to Edit");
    let remove: Edit = serde_json::from_value(
        json!({"edit": "remove", "collection": "manual_shares", "matching": {"id": "m"}}),
    )
    .unwrap();
    let applied = eng.apply(&remove).unwrap();
    assert_eq!(eng.level(bob, a2), Access::None);
    assert_eq!(eng.level(bob, x1), Access::None);
    let mut listed: Vec<(String, String, Access, Access)> = applied
        .changes
        .iter()
        .map(|c| (c.user.clone(), c.record.clone(), c.before, c.after))
        .collect();
    listed.sort();
    assert_eq!(
        listed,
        [
            ("bob".into(), "a2".into(), Access::Edit, Access::None),
            ("bob".into(), "x1".into(), Access::Edit, Access::None),
        ]
    );
}
