//! Random valid scenarios that use every mechanism, built from a byte string so that proptest
//! can shrink them. Every choice reads one byte; running out of bytes reads zeros.

use serde_json::{json, Value};

pub struct Gen<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Gen<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Gen { bytes, at: 0 }
    }
    fn byte(&mut self) -> u8 {
        let b = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }
    pub fn pick(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.byte() as usize % n
        }
    }
    fn chance(&mut self, pct: u8) -> bool {
        self.byte() % 100 < pct
    }
    fn one<'b, T>(&mut self, xs: &'b [T]) -> &'b T {
        &xs[self.pick(xs.len())]
    }
}

const OBJECTS: [&str; 8] = [
    "account",
    "contact",
    "case",
    "opportunity",
    "lead",
    "asset",
    "sold_product",
    "account_child",
];

fn perms(g: &mut Gen) -> Value {
    let mut m = serde_json::Map::new();
    for o in OBJECTS {
        const CHOICES: [&[&str]; 7] = [
            &["read", "create", "edit"],
            &["read"],
            &[],
            &["read", "edit", "delete"],
            &["view_all"],
            &["modify_all"],
            &["read", "create", "edit"],
        ];
        let p: &[&str] = CHOICES[g.pick(CHOICES.len())];
        if !p.is_empty() {
            m.insert(o.into(), json!(p));
        }
    }
    Value::Object(m)
}

/// Build one valid scenario.
pub fn scenario(bytes: &[u8]) -> Value {
    let g = &mut Gen::new(bytes);
    let n_roles = 1 + g.pick(6);
    let roles: Vec<Value> = (0..n_roles)
        .map(|i| {
            let mut r = json!({"id": format!("r{i}"), "name": format!("Role {i}"),
                "case_access_for_account_owner": *g.one(&["none", "read", "edit"]),
                "contact_access_for_account_owner": *g.one(&["none", "read", "edit"]),
                "opportunity_access_for_account_owner": *g.one(&["none", "read", "edit"])});
            if i > 0 {
                r["parent"] = json!(format!("r{}", g.pick(i)));
            }
            r
        })
        .collect();
    let mut profiles = vec![
        json!({"id": "p_full", "name": "Full", "objects": {"account": ["read","create","edit"], "contact": ["read","create","edit"], "case": ["read","create","edit"], "opportunity": ["read","create","edit"], "lead": ["read","create","edit"], "asset": ["read","create","edit"], "sold_product": ["read","create","edit"], "account_child": ["read","create","edit"]}, "creator_access": "edit"}),
        json!({"id": "p_ro", "name": "Read only", "objects": {"account": ["read"], "contact": ["read"], "case": ["read"], "opportunity": ["read"], "lead": ["read"], "asset": ["read"], "sold_product": ["read"], "account_child": ["read"]}}),
    ];
    let mut random = json!({"id": "p_rand", "name": "Random", "objects": perms(g),
        "assigned_account_access": *g.one(&["none", "read", "edit"]), "creator_access": *g.one(&["none", "read", "edit"])});
    if g.chance(15) {
        random["system"] = json!([*g.one(&["view_all_data", "modify_all_data"])]);
    }
    profiles.push(random);
    let profile_ids = ["p_full", "p_ro", "p_rand"];

    // Internal users; u0 always has a role, so accounts can always get a role-holding owner.
    let n_int = 2 + g.pick(6);
    let mut users = Vec::new();
    for i in 0..n_int {
        let mut u = json!({"id": format!("u{i}"), "name": format!("User {i}"), "profile": *g.one(&profile_ids)});
        if i == 0 || g.chance(80) {
            u["role"] = json!(format!("r{}", g.pick(n_roles)));
        }
        if i > 0 && g.chance(10) {
            u["active"] = json!(false);
        }
        users.push(u);
    }
    let role_holders: Vec<String> = users
        .iter()
        .filter(|u| u.get("role").is_some())
        .map(|u| u["id"].as_str().unwrap().to_string())
        .collect();
    let internal: Vec<String> = (0..n_int).map(|i| format!("u{i}")).collect();

    let n_acc = 1 + g.pick(4);
    let accounts: Vec<Value> = (0..n_acc)
        .map(|i| {
            let mut a = json!({"id": format!("a{i}"), "name": format!("Account {i}"), "owner": *g.one(&role_holders),
                "restrict_contact_access": g.chance(50)});
            if i > 0 && g.chance(30) { a["parent"] = json!(format!("a{}", g.pick(i))); }
            if g.chance(40) { a["success_manager"] = json!(*g.one(&internal)); }
            if g.chance(30) { a["partner"] = json!(format!("a{}", g.pick(n_acc))); }
            if g.chance(50) { a["created_by"] = json!(*g.one(&internal)); }
            a
        })
        .collect();
    let n_con = 1 + g.pick(4);
    let contacts: Vec<Value> = (0..n_con)
        .map(|i| json!({"id": format!("c{i}"), "name": format!("Contact {i}"), "owner": *g.one(&internal), "account": format!("a{}", g.pick(n_acc))}))
        .collect();
    let mut consumers = Vec::new();
    let mut high_volume = Vec::new();
    for i in 0..g.pick(4) {
        let license = *g.one(&[
            "customer_community",
            "customer_community_plus",
            "partner",
            "consumer",
        ]);
        let id = format!("x{i}");
        let mut u = json!({"id": id, "name": format!("External {i}"), "kind": "external", "license": license, "profile": *g.one(&profile_ids)});
        if license != "consumer" {
            u["contact"] = json!(format!("c{}", g.pick(n_con)));
        } else {
            consumers.push(id.clone());
        }
        if license == "customer_community" || license == "consumer" {
            high_volume.push(id.clone());
        }
        if license == "customer_community_plus" || license == "partner" {
            u["portal_role"] = json!(*g.one(&["executive", "manager", "user"]));
        }
        if g.chance(50) {
            u["csm_roles"] = json!(if license == "consumer" {
                vec!["customer"]
            } else {
                vec![*g.one(&[
                    "customer",
                    "customer_case_manager",
                    "customer_admin",
                    "partner",
                    "partner_admin",
                ])]
            });
        }
        users.push(u);
    }
    let shareable_users: Vec<String> = internal.clone();

    let principal = |g: &mut Gen, allow_user: bool, groups: usize| -> Value {
        let k = g.pick(if allow_user { 5 } else { 4 });
        match (k, groups) {
            (0, _) => json!({"role": format!("r{}", g.pick(n_roles))}),
            (1, _) => json!({"role_and_subordinates": format!("r{}", g.pick(n_roles))}),
            (2, _) => json!({"role_and_internal_subordinates": format!("r{}", g.pick(n_roles))}),
            (3, n) if n > 0 => json!({"group": format!("g{}", g.pick(n))}),
            _ if allow_user => json!({"user": shareable_users[g.pick(shareable_users.len())]}),
            _ => json!({"role": format!("r{}", g.pick(n_roles))}),
        }
    };
    let n_groups = g.pick(3);
    let groups: Vec<Value> = (0..n_groups)
        .map(|i| {
            let members: Vec<Value> = (0..1 + g.pick(3)).map(|_| principal(g, true, i)).collect();
            json!({"id": format!("g{i}"), "name": format!("Group {i}"), "members": members})
        })
        .collect();
    let queues = if g.chance(50) {
        vec![
            json!({"id": "q0", "name": "Queue", "objects": ["case", "lead"], "members": [principal(g, true, n_groups)], "include_bosses": g.chance(50)}),
        ]
    } else {
        vec![]
    };
    let owner = |g: &mut Gen, queue_ok: bool| -> Value {
        if queue_ok && !queues.is_empty() && g.chance(25) {
            json!("q0")
        } else {
            json!(internal[g.pick(internal.len())])
        }
    };
    let statuses = ["New", "Working", "Escalated", "Closed"];
    let assets: Vec<Value> = (0..g.pick(3))
        .map(|i| {
            let mut a = json!({"id": format!("as{i}"), "name": format!("Asset {i}"), "owner": owner(g, false)});
            if g.chance(70) { a["account"] = json!(format!("a{}", g.pick(n_acc))); }
            if g.chance(40) { a["contact"] = json!(format!("c{}", g.pick(n_con))); }
            a
        })
        .collect();
    let products: Vec<Value> = (0..g.pick(3))
        .map(|i| json!({"id": format!("sp{i}"), "name": format!("Product {i}"), "owner": owner(g, false), "account": format!("a{}", g.pick(n_acc))}))
        .collect();
    let n_cases = 1 + g.pick(6);
    let cases: Vec<Value> = (0..n_cases)
        .map(|i| {
            let mut c = json!({"id": format!("k{i}"), "name": format!("Case {i}"), "owner": owner(g, true),
                "fields": {"status": *g.one(&statuses)}});
            if g.chance(70) { c["account"] = json!(format!("a{}", g.pick(n_acc))); }
            if g.chance(50) { c["contact"] = json!(format!("c{}", g.pick(n_con))); }
            if !assets.is_empty() && g.chance(40) { c["asset"] = json!(format!("as{}", g.pick(assets.len()))); }
            if !products.is_empty() && g.chance(40) { c["sold_product"] = json!(format!("sp{}", g.pick(products.len()))); }
            if !consumers.is_empty() && g.chance(30) { c["consumer"] = json!(consumers[g.pick(consumers.len())]); }
            if g.chance(50) { c["created_by"] = json!(users[g.pick(users.len())]["id"]); }
            c
        })
        .collect();
    let opportunities: Vec<Value> = (0..g.pick(3))
        .map(|i| json!({"id": format!("o{i}"), "name": format!("Opp {i}"), "owner": owner(g, false), "account": format!("a{}", g.pick(n_acc)), "created_by": internal[g.pick(internal.len())]}))
        .collect();
    let leads: Vec<Value> = (0..g.pick(3)).map(|i| json!({"id": format!("l{i}"), "name": format!("Lead {i}"), "owner": owner(g, true)})).collect();
    let children: Vec<Value> = (0..g.pick(3))
        .map(|i| json!({"id": format!("ch{i}"), "name": format!("Child {i}"), "kind": "Subscription", "account": format!("a{}", g.pick(n_acc)), "owner": internal[0]}))
        .collect();

    // Org-wide defaults: valid combinations only.
    let mut owd = serde_json::Map::new();
    let order = ["private", "public_read", "public_read_write"];
    for o in [
        "account",
        "contact",
        "case",
        "opportunity",
        "lead",
        "asset",
        "sold_product",
    ] {
        if (o == "contact" || o == "asset") && g.chance(30) {
            owd.insert(o.into(), json!({"internal": "controlled_by_parent"}));
            continue;
        }
        let i = g.pick(3);
        let e = g.pick(i + 1);
        owd.insert(
            o.into(),
            json!({"internal": order[i], "external": order[e]}),
        );
    }

    let record_ids: Vec<String> = accounts
        .iter()
        .chain(&contacts)
        .chain(&cases)
        .chain(&opportunities)
        .chain(&leads)
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let rules: Vec<Value> = (0..g.pick(4))
        .map(|i| {
            let object = *g.one(&["case", "account", "opportunity", "lead", "contact"]);
            let select = if g.chance(50) {
                json!({"owned_by": principal(g, false, n_groups)})
            } else {
                json!({"criteria": [{"field": "status", "equals": [*g.one(&statuses), *g.one(&statuses)]}]})
            };
            let mut rule = json!({"id": format!("sr{i}"), "name": format!("Rule {i}"), "object": object, "select": select,
                "share_with": principal(g, false, n_groups), "access": *g.one(&["read", "edit"])});
            if object == "account" {
                child_levels(g, &mut rule);
            }
            rule
        })
        .collect();
    let manual: Vec<Value> = (0..g.pick(4))
        .map(|i| {
            let record = record_ids[g.pick(record_ids.len())].clone();
            let mut share = json!({"id": format!("ms{i}"), "record": record, "with": principal(g, true, n_groups), "access": *g.one(&["read", "edit"])});
            if record.starts_with('a') && !record.starts_with("as") {
                child_levels(g, &mut share);
            }
            share
        })
        .collect();
    let mut team_pairs = std::collections::HashSet::new();
    let mut account_teams = Vec::new();
    for _ in 0..g.pick(4) {
        let (a, u) = (
            format!("a{}", g.pick(n_acc)),
            internal[g.pick(internal.len())].clone(),
        );
        if team_pairs.insert((a.clone(), u.clone())) {
            // Account access can't be below the account default (AccountTeamMember API).
            let open = owd["account"]["internal"] == "public_read_write";
            let access = if open {
                "edit"
            } else {
                *g.one(&["read", "edit"])
            };
            account_teams.push(json!({"account": a, "user": u, "account_access": access,
                "case_access": *g.one(&["none", "read", "edit"]), "opportunity_access": *g.one(&["none", "read", "edit"]),
                "contact_access": *g.one(&["none", "read", "edit"])}));
        }
    }
    let case_teams: Vec<Value> = if g.chance(50) {
        vec![
            json!({"case": "k0", "user": internal[g.pick(internal.len())], "access": *g.one(&["read", "edit"])}),
        ]
    } else {
        vec![]
    };
    let opportunity_teams: Vec<Value> = if !opportunities.is_empty() && g.chance(50) {
        vec![
            json!({"opportunity": "o0", "user": internal[g.pick(internal.len())], "access": *g.one(&["read", "edit"])}),
        ]
    } else {
        vec![]
    };
    let mappings = [
        json!({"object": "case", "user_field": "account", "target": "account", "access": "read"}),
        json!({"object": "case", "user_field": "account", "target": "asset.account", "access": "edit"}),
        json!({"object": "case", "user_field": "contact", "target": "contact", "access": "read"}),
        json!({"object": "account", "user_field": "account", "target": "id", "access": "read"}),
        json!({"object": "contact", "user_field": "account", "target": "account", "access": "read"}),
    ];
    let sharing_sets: Vec<Value> = if g.chance(60) {
        let ms: Vec<Value> = (0..1 + g.pick(3))
            .map(|_| mappings[g.pick(mappings.len())].clone())
            .collect();
        let mut s =
            json!({"id": "ss0", "name": "Set", "profiles": [*g.one(&profile_ids)], "mappings": ms});
        if g.chance(50) {
            s["share_group"] = json!({"members": [principal(g, true, n_groups)], "access": "read"});
        }
        vec![s]
    } else {
        vec![]
    };
    let mut related = Vec::new();
    for i in 0..g.pick(4) {
        match g.pick(3) {
            0 if !consumers.is_empty() => related.push(json!({"id": format!("rp{i}"), "record": format!("k{}", g.pick(n_cases)), "party": {"consumer": consumers[g.pick(consumers.len())]}, "relationship": *g.one(&["cons_write", "cons_listed"])})),
            1 => related.push(json!({"id": format!("rp{i}"), "record": format!("k{}", g.pick(n_cases)), "party": {"contact": format!("c{}", g.pick(n_con))}, "relationship": "contact_write", "responsibility": *g.one(&["write", "read"])})),
            _ if !products.is_empty() => related.push(json!({"id": format!("rp{i}"), "record": format!("sp{}", g.pick(products.len())), "party": {"contact": format!("c{}", g.pick(n_con))}, "relationship": "product_contact"})),
            _ => {}
        }
    }
    let mut out = json!({
        "version": 1, "roles": roles, "profiles": profiles, "users": users, "groups": groups, "queues": queues,
        "org_defaults": owd, "accounts": accounts, "contacts": contacts, "cases": cases, "assets": assets,
        "sold_products": products, "opportunities": opportunities, "leads": leads, "account_children": children,
        "sharing_rules": rules, "manual_shares": manual, "account_teams": account_teams, "case_teams": case_teams,
        "opportunity_teams": opportunity_teams, "sharing_sets": sharing_sets,
        "responsibilities": [{"id": "write", "name": "Writer", "type": "contact"}, {"id": "read", "name": "Reader", "type": "consumer"}],
        "responsibility_access": [{"responsibility": "write", "table": "case", "access": "write"}, {"responsibility": "write", "table": "sold_product", "access": "read"}, {"responsibility": "read", "table": "case", "access": "read"}],
        "related_party_configs": [
            {"id": "cons_write", "name": "Co-borrower", "applies_to": "case", "entity": "consumer", "default_responsibility": "write"},
            {"id": "cons_listed", "name": "Listed Consumer", "applies_to": "case", "entity": "consumer"},
            {"id": "contact_write", "name": "Authorized Contact", "applies_to": "case", "entity": "contact", "default_responsibility": "write"},
            {"id": "product_contact", "name": "Authorized Contact", "applies_to": "sold_product", "entity": "contact", "default_responsibility": "write"}
        ],
        "related_parties": related
    });
    if g.chance(60) {
        custom_objects(g, &mut out, &internal, n_acc, n_con, n_groups);
    }
    out
}

/// A custom master object Loan__c (random defaults and Grant Access Using Hierarchies, lookups
/// to a contact, an account and a user), its detail Doc__c and Doc__c's detail Note__c (a
/// chain of two), with records, and rules, shares, a queue and mappings that reach them.
fn custom_objects(
    g: &mut Gen,
    s: &mut Value,
    internal: &[String],
    n_acc: usize,
    n_con: usize,
    n_groups: usize,
) {
    let order = ["private", "public_read", "public_read_write"];
    let i = g.pick(3);
    let e = g.pick(i + 1);
    s["custom_objects"] = json!([
        {"api_name": "Loan__c", "label": "Loan", "internal": order[i], "external": order[e],
         "grant_access_using_hierarchies": g.chance(50),
         "lookups": [{"field": "Borrower__c", "to": "contact"}, {"field": "Account__c", "to": "account"},
                     {"field": "Officer__c", "to": "user"}]},
        {"api_name": "Doc__c", "label": "Loan Document", "master_detail": {"field": "Loan__c", "master": "Loan__c"}},
        {"api_name": "Note__c", "label": "Note", "master_detail": {"field": "Doc__c", "master": "Doc__c"}}
    ]);
    let queue = !s["queues"].as_array().is_some_and(|q| q.is_empty()) && g.chance(50);
    if queue {
        s["queues"][0]["objects"]
            .as_array_mut()
            .unwrap()
            .push(json!("Loan__c"));
    }
    let n_loans = 1 + g.pick(3);
    let statuses = ["New", "Approved"];
    let mut records = Vec::new();
    for i in 0..n_loans {
        let owner = if queue && g.chance(30) {
            "q0".to_string()
        } else {
            internal[g.pick(internal.len())].clone()
        };
        let mut lookups = serde_json::Map::new();
        if g.chance(70) {
            lookups.insert("Borrower__c".into(), json!(format!("c{}", g.pick(n_con))));
        }
        if g.chance(50) {
            lookups.insert("Account__c".into(), json!(format!("a{}", g.pick(n_acc))));
        }
        if g.chance(30) {
            lookups.insert("Officer__c".into(), json!(internal[g.pick(internal.len())]));
        }
        records.push(
            json!({"id": format!("loan{i}"), "name": format!("Loan {i}"), "object": "Loan__c",
            "owner": owner, "lookups": lookups, "fields": {"status": *g.one(&statuses)}}),
        );
    }
    let n_docs = g.pick(4);
    for i in 0..n_docs {
        records.push(
            json!({"id": format!("doc{i}"), "name": format!("Doc {i}"), "object": "Doc__c",
            "lookups": {"Loan__c": format!("loan{}", g.pick(n_loans))}}),
        );
    }
    if n_docs > 0 {
        for i in 0..g.pick(3) {
            records.push(
                json!({"id": format!("note{i}"), "name": format!("Note {i}"), "object": "Note__c",
                "lookups": {"Doc__c": format!("doc{}", g.pick(n_docs))}}),
            );
        }
    }
    s["custom_records"] = json!(records);
    for p in s["profiles"].as_array_mut().unwrap() {
        let perms: &[&str] = match p["id"].as_str() {
            Some("p_full") => &["read", "create", "edit"],
            Some("p_ro") => &["read"],
            _ => g.one::<&[&str]>(&[
                &["read", "edit"][..],
                &["read"],
                &[],
                &["view_all"],
                &["modify_all"],
            ]),
        };
        let objects = p["objects"].as_object_mut().unwrap();
        for o in ["Loan__c", "Doc__c", "Note__c"] {
            if !perms.is_empty() {
                objects.insert(o.into(), json!(perms));
            }
        }
    }
    let group = |g: &mut Gen| {
        if n_groups > 0 && g.chance(50) {
            json!({"group": format!("g{}", g.pick(n_groups))})
        } else {
            json!({"role_and_subordinates": "r0"})
        }
    };
    if g.chance(60) {
        let select = if g.chance(50) {
            json!({"criteria": [{"field": "status", "equals": ["Approved"]}]})
        } else {
            json!({"owned_by": {"role": "r0"}})
        };
        let rule = json!({"id": "sr_loan", "name": "Loans", "object": "Loan__c", "select": select,
            "share_with": group(g), "access": *g.one(&["read", "edit"])});
        s["sharing_rules"].as_array_mut().unwrap().push(rule);
    }
    if g.chance(50) {
        let share = json!({"id": "ms_loan", "record": format!("loan{}", g.pick(n_loans)),
            "with": {"user": internal[g.pick(internal.len())]}, "access": *g.one(&["read", "edit"])});
        s["manual_shares"].as_array_mut().unwrap().push(share);
    }
    let mappings = [
        json!({"object": "Loan__c", "user_field": "contact", "target": "Borrower__c", "access": "read"}),
        json!({"object": "Loan__c", "user_field": "account", "target": "Borrower__c.account", "access": "edit"}),
        json!({"object": "Loan__c", "user_field": "account", "target": "Account__c", "access": "read"}),
    ];
    if let Some(set) = s["sharing_sets"].as_array_mut().and_then(|v| v.first_mut()) {
        if g.chance(70) {
            set["mappings"]
                .as_array_mut()
                .unwrap()
                .push(mappings[g.pick(mappings.len())].clone());
        }
    }
}

/// The ids of one list of a generated scenario.
pub fn ids(s: &Value, key: &str) -> Vec<String> {
    s[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x["id"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// An account rule's or share's access to the account's children (sometimes none at all).
fn child_levels(g: &mut Gen, entry: &mut Value) {
    for key in ["case_access", "opportunity_access", "contact_access"] {
        if g.chance(50) {
            entry[key] = json!(*g.one(&["none", "read", "edit"]));
        }
    }
}
