//! Explanations of an account stay right when implicit parent access stops at the first child
//! that proves it and, with the kept matrix, skips children the user cannot hold a share on:
//! the level is the matrix's, and an implicit-parent reason is listed exactly when some child
//! gives the user a record-level share (found here by asking every child, as before).
#![cfg(not(target_arch = "wasm32"))]

use access_sim::engine::evaluate::ShareCache;
use access_sim::engine::explain::{explain, explain_in};
use access_sim::engine::index::{RecordIx, UserIx};
use access_sim::engine::reason::{MechanismId, Reason};
use access_sim::engine::{self, Access, Evaluator, Index, ObjectKind};
use serde_json::json;

/// Every child of `account` through which `user` holds a record-level share that gives
/// implicit Read, asking each child in turn (the rule itself, without shortcuts).
fn proving_children(ix: &Index, ev: &Evaluator, user: UserIx, account: RecordIx) -> Vec<String> {
    ix.children[account.ix()]
        .iter()
        .filter(|c| {
            matches!(
                ix.record(**c).object,
                ObjectKind::Case | ObjectKind::Contact | ObjectKind::Opportunity
            ) && !ix.follows_parent(**c)
        })
        .filter(|c| {
            ev.record_shares(user, **c)
                .iter()
                .any(access_sim::engine::mechanisms::implies_parent)
        })
        .map(|c| ix.record(*c).id.clone())
        .collect()
}

/// The children an explanation names as giving implicit Read: the decision's implicit-parent
/// grants (through the kept matrix when given), each also named in the explanation's text.
fn named_children(
    ix: &Index,
    kept: Option<&engine::packed::FastMatrix>,
    e: &engine::Explanation,
    account: RecordIx,
) -> Vec<String> {
    let u = ix.find_user(&e.user).unwrap();
    let ev = match kept {
        Some(m) => Evaluator::with_matrix(ix, m),
        None => Evaluator::new(ix),
    };
    let children: Vec<String> = ev
        .decide(u, account)
        .grants
        .iter()
        .filter_map(|g| match &g.reason {
            Reason::ImplicitParent { child, .. } => Some(ix.record(*child).id.clone()),
            _ => None,
        })
        .collect();
    let texts: Vec<&str> = e
        .reasons
        .iter()
        .filter(|r| r.mechanism == MechanismId::ImplicitParent)
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(texts.len(), children.len(), "{}", e.user);
    for (text, c) in texts.iter().zip(&children) {
        let r = ix.record(ix.find_record(c).unwrap());
        assert!(text.contains(&format!("'{}'", r.name)), "{text}");
    }
    children
}

/// Roles top > mid > low; rep (low) owns case2, rep2 (low) has case3 shared by hand; nobody
/// below side holds anything. Cases are private, accounts private: implicit Read on Acme comes
/// only from a share on one of its cases (Salesforce implicit parent access).
fn small() -> Index {
    let p = json!({"account": ["read", "edit"], "case": ["read", "edit"], "contact": ["read"]});
    let s = json!({
        "version": 1,
        "roles": [
            {"id": "top", "name": "Top"},
            {"id": "mid", "name": "Mid", "parent": "top"},
            {"id": "low", "name": "Low", "parent": "mid"},
            {"id": "side_role", "name": "Side", "parent": "top"}
        ],
        "profiles": [{"id": "std", "name": "Standard", "objects": p}],
        "users": [
            {"id": "boss", "name": "Boss", "role": "top", "profile": "std"},
            {"id": "mgr", "name": "Manager", "role": "mid", "profile": "std"},
            {"id": "rep", "name": "Rep", "role": "low", "profile": "std"},
            {"id": "rep2", "name": "Rep Two", "role": "low", "profile": "std"},
            {"id": "side", "name": "Side", "role": "side_role", "profile": "std"},
            {"id": "owner", "name": "Account Owner", "profile": "std"}
        ],
        "org_defaults": {"account": {"internal": "private"}, "case": {"internal": "private"}},
        "accounts": [{"id": "acc", "name": "Acme", "owner": "owner"}],
        "cases": [
            {"id": "case1", "name": "First", "owner": "owner", "account": "acc"},
            {"id": "case2", "name": "Second", "owner": "rep", "account": "acc"},
            {"id": "case3", "name": "Third", "owner": "owner", "account": "acc"}
        ],
        "manual_shares": [{"id": "m1", "record": "case3", "with": {"user": "rep2"}, "access": "read"}]
    });
    engine::load(&s.to_string()).unwrap()
}

#[test]
fn one_proving_child_is_named_and_users_without_one_get_no_implicit_read() {
    let ix = small();
    let kept = engine::fast::matrix(&ix);
    let acc = ix.find_record("acc").unwrap();
    // Derived by hand: rep owns case2, rep2 has case3 shared; mgr and boss are above both;
    // side is above nobody who holds a case; owner owns the account itself (Full).
    let expect = [
        ("rep", Access::Read, &["case2"][..]),
        ("rep2", Access::Read, &["case3"][..]),
        ("mgr", Access::Read, &["case2", "case3"][..]),
        ("boss", Access::Read, &["case2", "case3"][..]),
        ("side", Access::None, &[][..]),
    ];
    for (user, level, children) in expect {
        let u = ix.find_user(user).unwrap();
        for (e, m) in [
            (explain(&ix, u, acc), None),
            (explain_in(&ix, &kept, u, acc), Some(&kept)),
        ] {
            assert_eq!(e.level, level, "{user} on Acme");
            let named = named_children(&ix, m, &e, acc);
            if children.is_empty() {
                assert!(named.is_empty(), "{user}: {named:?}");
            } else {
                // Implicit Read is Read however many children prove it: one is named.
                assert_eq!(named.len(), 1, "{user}: {named:?}");
                assert!(children.contains(&named[0].as_str()), "{user}: {named:?}");
            }
        }
    }
}

/// On a generated org (the benchmark's shape, smaller), every user on the biggest account and
/// on a few of its children: the explanation through the kept matrix has the matrix's level
/// and the plain reference's, and names an implicit-parent child exactly when asking every
/// child finds one, and that child is one of them.
#[test]
fn explanations_of_the_biggest_account_match_asking_every_child() {
    let text = access_sim::generate::generate(40, 2_000, 42).to_string();
    let ix = engine::load(&text).unwrap();
    let kept = engine::fast::matrix(&ix);
    let account = ix
        .record_ixs()
        .filter(|r| ix.record(*r).object == ObjectKind::Account)
        .max_by_key(|r| ix.children[r.ix()].len())
        .unwrap();
    assert!(ix.children[account.ix()].len() > 200, "a big account");
    let cache = ShareCache::default();
    let ev = Evaluator::with_cache(&ix, &cache);
    let fast_ev = Evaluator::with_matrix(&ix, &kept);
    let (mut with_implicit, mut without) = (0, 0);
    for u in ix.user_ixs() {
        let d = fast_ev.decide(u, account);
        let id = &ix.user(u).id;
        assert_eq!(d.level, kept.get(u, account), "{id}");
        assert_eq!(d.level, ev.level(u, account), "{id}");
        let named: Vec<String> = d
            .grants
            .iter()
            .filter_map(|g| match &g.reason {
                Reason::ImplicitParent { child, .. } => Some(ix.record(*child).id.clone()),
                _ => None,
            })
            .collect();
        let proving = proving_children(&ix, &ev, u, account);
        if proving.is_empty() || !ix.user(u).active {
            assert!(named.is_empty(), "{id}: names {named:?}");
            without += 1;
        } else {
            assert_eq!(named.len(), 1, "{id}: {named:?}");
            assert!(proving.contains(&named[0]), "{id}: {named:?}");
            with_implicit += 1;
        }
    }
    assert!(
        with_implicit > 5 && without > 5,
        "{with_implicit} / {without}"
    );
    // The explanation the app shows (with its suggestion) for a few users: the matrix's level
    // and the same named child, in its text.
    for u in ix.user_ixs().step_by(9) {
        let t = std::time::Instant::now();
        let e = explain_in(&ix, &kept, u, account);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        assert_eq!(e.level, kept.get(u, account), "{}", e.user);
        named_children(&ix, Some(&kept), &e, account);
        if std::env::var_os("EXPLAIN_TIMES").is_some() {
            eprintln!("{} on {}: {ms:.2} ms", e.user, e.record);
        }
    }
    // Its children (cases and Controlled-by-Parent contacts): the same level both ways.
    for c in ix.children[account.ix()].iter().step_by(7) {
        for u in ix.user_ixs() {
            assert_eq!(fast_ev.level(u, *c), kept.get(u, *c));
            assert_eq!(fast_ev.level(u, *c), ev.level(u, *c));
        }
    }
}

/// The scenario with `edits` applied, validated afresh.
fn applied(ix: &Index, edits: &[access_sim::engine::edits::Edit]) -> Index {
    let mut s = ix.scenario.clone();
    for e in edits {
        s = access_sim::engine::edits::apply_to(&s, e).unwrap();
    }
    engine::load(&serde_json::to_string(&s).unwrap()).unwrap()
}

/// How many cells differ between two scenarios' reference matrices.
fn changed_cells(before: &Index, after: &Index) -> usize {
    let (a, b) = (engine::matrix(before, None), engine::matrix(after, None));
    assert_eq!(a.cells.len(), b.cells.len());
    a.cells.iter().zip(&b.cells).filter(|(x, y)| x != y).count()
}

/// Above `MAX_CELLS` suggestions are checked on a copy kept between explanations of the same
/// scenario. Once the scenario changes, the copy must not be reused: explain a cell (its
/// suggestion, a manual share or a team place, also lifts the managers above the user), then
/// take the user's role away and explain the same cell again. On a stale copy the count of
/// changed cells would still include the managers; recomputed from scratch it must match.
#[test]
fn a_suggestion_after_an_edit_is_checked_on_the_edited_scenario() {
    use access_sim::engine::edits::{Collection, Edit};
    use access_sim::engine::explain::suggest::MAX_CELLS;
    let text = access_sim::generate::generate(24, 9_000, 7).to_string();
    let ix = engine::load(&text).unwrap();
    assert!(ix.users.len() * ix.records.len() > MAX_CELLS);
    let kept = engine::fast::matrix(&ix);
    // A case cell at None whose suggestion is local and changes more than the cell and its
    // account (so managers above the user gain too).
    let (u, r, first) = ix
        .record_ixs()
        .filter(|r| ix.record(*r).object == ObjectKind::Case)
        .step_by(97)
        .flat_map(|r| ix.user_ixs().map(move |u| (u, r)))
        .filter(|(u, r)| {
            kept.get(*u, *r) == Access::None && ix.user(*u).active && ix.user(*u).role.is_some()
        })
        .find_map(|(u, r)| {
            let s = explain_in(&ix, &kept, u, r).why_not?.suggestion?;
            (s.changed_cells > 2).then_some((u, r, s))
        })
        .expect("a None cell with a suggestion that lifts managers");
    assert_eq!(
        first.changed_cells,
        changed_cells(&ix, &applied(&ix, &first.edits)),
        "{}",
        first.text
    );
    let uid = ix.user(u).id.clone();
    let mut user =
        serde_json::to_value(ix.scenario.users.iter().find(|x| x.id == uid).unwrap()).unwrap();
    user.as_object_mut().unwrap().remove("role");
    let ix2 = applied(
        &ix,
        &[Edit::Upsert {
            collection: Collection::Users,
            value: user,
        }],
    );
    // Without the role, the same edit changes fewer cells: a stale copy would be caught.
    assert_ne!(
        changed_cells(&ix2, &applied(&ix2, &first.edits)),
        first.changed_cells
    );
    let kept2 = engine::fast::matrix(&ix2);
    let (u2, r2) = (
        ix2.find_user(&uid).unwrap(),
        ix2.find_record(&ix.record(r).id).unwrap(),
    );
    let e = explain_in(&ix2, &kept2, u2, r2);
    assert_eq!(e.level, kept2.get(u2, r2));
    let second = e.why_not.and_then(|w| w.suggestion).expect("a suggestion");
    let ix3 = applied(&ix2, &second.edits);
    assert!(second.result > kept2.get(u2, r2), "{}", second.text);
    assert_eq!(
        second.changed_cells,
        changed_cells(&ix2, &ix3),
        "{}",
        second.text
    );
}

/// Freeing the kept copy changes no answer: the next suggestion copies again.
#[test]
fn releasing_the_kept_copy_changes_no_suggestion() {
    use access_sim::engine::explain::suggest::release_kept_copy;
    let text = access_sim::generate::generate(24, 9_000, 7).to_string();
    let ix = engine::load(&text).unwrap();
    let kept = engine::fast::matrix(&ix);
    let cells: Vec<(UserIx, RecordIx)> = (0..12usize)
        .map(|i| {
            (
                UserIx((i * 5 % ix.users.len()) as u32),
                RecordIx((i * 3_001 % ix.records.len()) as u32),
            )
        })
        .collect();
    let with_copy: Vec<_> = cells
        .iter()
        .map(|(u, r)| explain_in(&ix, &kept, *u, *r))
        .collect();
    for ((u, r), e) in cells.iter().zip(&with_copy) {
        release_kept_copy();
        assert_eq!(&explain_in(&ix, &kept, *u, *r), e);
    }
    assert!(with_copy
        .iter()
        .any(|e| e.why_not.as_ref().is_some_and(|w| w.suggestion.is_some())));
}
