//! A realistic, valid scenario of any size, deterministic for a seed, for benchmarks and load
//! tests: a role tree 7 levels deep, accounts with a skewed case distribution (the biggest
//! account takes about a fifth of all cases, over 19,000 at 100,000 cases), account teams,
//! public groups, owner- and criteria-based sharing rules, manual shares, customer users with
//! a sharing set, sold products and related parties.

use serde_json::{json, Value};

/// SplitMix64: tiny, fast, and the same sequence on every platform for a seed.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub(crate) fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
    /// A skewed pick: low indices are much more likely (a rough Zipf).
    fn skewed(&mut self, n: usize) -> usize {
        if self.chance(12) {
            return 0;
        }
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

pub fn generate(users: usize, cases: usize, seed: u64) -> Value {
    let mut rng = Rng(seed);
    let users = users.max(4);
    let cases = cases.max(1);
    // Role tree: CEO, 3 VPs, then each role has two children, 7 levels in all.
    let mut roles = vec![json!({"id": "r0", "name": "CEO"})];
    let mut level = vec![0usize];
    for depth in 1..7 {
        let fanout = if depth == 1 { 3 } else { 2 };
        let mut next = Vec::new();
        for p in &level {
            for _ in 0..fanout {
                let id = roles.len();
                let mut r = json!({"id": format!("r{id}"), "name": format!("Role {id} (level {depth})"), "parent": format!("r{p}")});
                if depth == 6 {
                    r["case_access_for_account_owner"] = json!("read");
                }
                roles.push(r);
                next.push(id);
            }
        }
        level = next;
    }
    let n_roles = roles.len();
    let n_internal = users - users / 5;
    let n_accounts = (cases / 20).clamp(2, 20_000);
    let mut out_users = Vec::new();
    for i in 0..n_internal {
        // Most people sit low in the tree.
        let role = if i < n_roles {
            i
        } else {
            n_roles - 1 - rng.below(n_roles / 2)
        };
        out_users.push(json!({"id": format!("u{i}"), "name": format!("Employee {i}"), "role": format!("r{role}"), "profile": "p_std"}));
    }
    let accounts: Vec<Value> = (0..n_accounts)
        .map(|i| json!({"id": format!("a{i}"), "name": format!("Account {i}"), "owner": format!("u{}", rng.below(n_internal))}))
        .collect();
    let mut contacts = Vec::new();
    for i in n_internal..users {
        let c = contacts.len();
        let account = rng.skewed(n_accounts);
        contacts.push(json!({"id": format!("c{c}"), "name": format!("Contact {c}"), "owner": "u0", "account": format!("a{account}")}));
        out_users.push(
            json!({"id": format!("x{i}"), "name": format!("Customer {i}"), "kind": "external",
            "license": "customer_community", "contact": format!("c{c}"), "profile": "p_customer"}),
        );
    }
    let n_contacts = contacts.len().max(1);
    let products: Vec<Value> = (0..(n_accounts / 10).max(1))
        .map(|i| json!({"id": format!("sp{i}"), "name": format!("Product {i}"), "owner": "u0", "account": format!("a{}", rng.skewed(n_accounts))}))
        .collect();
    let statuses = ["New", "Working", "Escalated", "Closed"];
    let out_cases: Vec<Value> = (0..cases)
        .map(|i| {
            let mut c = json!({"id": format!("k{i}"), "name": format!("Case {i}"),
                "owner": format!("u{}", rng.below(n_internal)), "account": format!("a{}", rng.skewed(n_accounts)),
                "fields": {"status": statuses[rng.below(4)]}});
            if rng.chance(5) {
                c["sold_product"] = json!(format!("sp{}", rng.below(products.len())));
            }
            c
        })
        .collect();
    let mut teams = Vec::new();
    for a in 0..n_accounts {
        if rng.chance(20) {
            for k in 0..2 {
                teams.push(json!({"account": format!("a{a}"), "user": format!("u{}", (a * 7 + k * 13) % n_internal),
                    "team_role": "Account Manager", "account_access": "read", "case_access": if k == 0 { "edit" } else { "read" }}));
            }
        }
    }
    teams.dedup_by(|x, y| x["account"] == y["account"] && x["user"] == y["user"]);
    let groups: Vec<Value> = (0..10)
        .map(|g| json!({"id": format!("g{g}"), "name": format!("Group {g}"), "members": [{"role_and_subordinates": format!("r{}", 4 + g)}]}))
        .collect();
    let mut rules = Vec::new();
    for (i, status) in statuses.iter().enumerate().take(3) {
        rules.push(json!({"id": format!("so{i}"), "name": format!("Owner rule {i}"), "object": "case",
            "select": {"owned_by": {"role_and_subordinates": format!("r{}", 1 + i)}}, "share_with": {"group": format!("g{i}")}, "access": "read"}));
        rules.push(json!({"id": format!("sc{i}"), "name": format!("Criteria rule {i}"), "object": "case",
            "select": {"criteria": [{"field": "status", "equals": [status]}]}, "share_with": {"role_and_subordinates": format!("r{}", 10 + i)}, "access": "edit"}));
    }
    let manual: Vec<Value> = (0..cases / 100)
        .map(|i| json!({"id": format!("m{i}"), "record": format!("k{}", rng.below(cases)), "with": {"user": format!("u{}", rng.below(n_internal))}, "access": "edit"}))
        .collect();
    let parties: Vec<Value> = (0..(cases / 200).min(contacts.len()))
        .map(|i| json!({"id": format!("rp{i}"), "record": format!("k{}", rng.below(cases)), "party": {"contact": format!("c{}", rng.below(n_contacts))}, "relationship": "rt_authorized"}))
        .collect();
    json!({
        "version": 1,
        "name": format!("Generated org ({users} users, {cases} cases, seed {seed})"),
        "description": "Generated by access-sim generate for benchmarks.",
        "roles": roles,
        "profiles": [
            {"id": "p_std", "name": "Standard", "objects": {"account": ["read", "edit"], "contact": ["read", "edit"], "case": ["read", "create", "edit"], "sold_product": ["read"]}},
            {"id": "p_customer", "name": "Customer Community User", "objects": {"case": ["read", "create"], "account": ["read"]}}
        ],
        "users": out_users,
        "groups": groups,
        "org_defaults": {"account": {"internal": "private"}, "contact": {"internal": "controlled_by_parent"}, "case": {"internal": "private"}},
        "accounts": accounts,
        "contacts": contacts,
        "sold_products": products,
        "cases": out_cases,
        "account_teams": teams,
        "sharing_rules": rules,
        "manual_shares": manual,
        "sharing_sets": [{"id": "ss", "name": "Customer cases", "profiles": ["p_customer"],
            "mappings": [{"object": "case", "user_field": "account", "target": "account", "access": "read"}]}],
        "responsibilities": [{"id": "resp", "name": "Authorized Contact", "type": "contact"}],
        "responsibility_access": [{"responsibility": "resp", "table": "case", "access": "write"}],
        "related_party_configs": [{"id": "rt_authorized", "name": "Authorized Contact", "applies_to": "case", "entity": "contact", "default_responsibility": "resp"}],
        "related_parties": parties
    })
}

/// The edits the benchmarks time on a generated org (`access-sim bench` natively and
/// `bench.html` in the browser), so both measure the same thing.
pub mod bench_edits {
    use crate::engine::edits::{Collection, Edit};
    use crate::engine::scenario::{OrgDefault, Sharing};
    use crate::engine::ObjectKind;
    use serde_json::json;

    /// A local edit: share the first case with the second employee, Read/Write.
    pub fn share() -> Edit {
        Edit::Upsert {
            collection: Collection::ManualShares,
            value: json!({"id": "bench_share", "record": "k0", "with": {"user": "u1"}, "access": "edit"}),
        }
    }

    /// Undo `share`.
    pub fn unshare() -> Edit {
        Edit::Remove {
            collection: Collection::ManualShares,
            matching: json!({"id": "bench_share"}),
            all: false,
        }
    }

    /// A global edit: the internal case org-wide default, Public Read Only when `open`, else
    /// back to the generator's Private.
    pub fn case_default(open: bool) -> Edit {
        let internal = if open {
            Sharing::PublicRead
        } else {
            Sharing::Private
        };
        Edit::SetOrgDefault {
            object: ObjectKind::Case,
            default: OrgDefault {
                internal,
                external: None,
            },
        }
    }
}
