//! Random edits of every kind on a generated scenario (tests/common/gen.rs), picked from the
//! scenario's current state so that a sequence of them keeps hitting existing entries: records
//! moved between accounts, contacts and assets, shares, teams, rules, defaults, users, groups,
//! roles, related parties and removals. Some are refused by validation on purpose.

use access_sim::engine::edits::{Collection, Edit};
use serde_json::{json, Value};

use super::gen::ids;

/// How many edit kinds `random_edit` knows.
pub const KINDS: u8 = 35;

fn nth(s: &Value, key: &str, pick: usize) -> Option<Value> {
    let list = s[key].as_array()?;
    (!list.is_empty()).then(|| list[pick % list.len()].clone())
}

fn one<T: Clone>(xs: &[T], pick: usize) -> Option<T> {
    (!xs.is_empty()).then(|| xs[pick % xs.len()].clone())
}

fn upsert(key: &str, value: Value) -> Edit {
    Edit::Upsert {
        collection: serde_json::from_value(json!(key)).unwrap(),
        value,
    }
}

fn remove_id(key: &str, id: &Value) -> Edit {
    Edit::Remove {
        collection: serde_json::from_value(json!(key)).unwrap(),
        matching: json!({ "id": id }),
        all: false,
    }
}

fn org_default(object: &str, internal: &str) -> Edit {
    Edit::SetOrgDefault {
        object: serde_json::from_value(json!(object)).unwrap(),
        default: serde_json::from_value(json!({ "internal": internal })).unwrap(),
    }
}

/// Edit kind `k` (modulo `KINDS`) with choices driven by `pick`; None when the scenario has
/// nothing of that kind to edit.
pub fn random_edit(s: &Value, k: u8, pick: u32) -> Option<Edit> {
    let p = pick as usize;
    let internal: Vec<String> = s["users"]
        .as_array()?
        .iter()
        .filter(|u| u.get("kind").is_none_or(|k| k == "internal"))
        .filter_map(|u| u["id"].as_str().map(String::from))
        .collect();
    let all_users = ids(s, "users");
    let user = one(&internal, p)?;
    let accounts = ids(s, "accounts");
    let other_account = one(&accounts, p / 7);
    let case = one(&ids(s, "cases"), p / 3);
    let changed = |key: &str, f: &dyn Fn(&mut Value)| -> Option<Edit> {
        let mut x = nth(s, key, p)?;
        f(&mut x);
        Some(upsert(key, x))
    };
    let level = *["read", "edit"].get(p % 2)?;
    match k % KINDS {
        0 => Some(upsert(
            "manual_shares",
            json!({"id": format!("ms{}", p % 3), "record": case?, "with": {"user": user}, "access": level}),
        )),
        1 => Some(upsert(
            "manual_shares",
            json!({"id": format!("ms{}", p % 3), "record": other_account?, "with": {"role": "r0"}, "access": level,
                   "case_access": (["none", "read", "edit"][p % 3]), "contact_access": (["none", "read"][p % 2])}),
        )),
        2 => nth(s, "manual_shares", p).map(|m| remove_id("manual_shares", &m["id"])),
        3 => Some(upsert(
            "account_teams",
            json!({"account": other_account?, "user": user, "account_access": "read",
                   "case_access": (["none", "read", "edit"][p % 3]), "contact_access": "read"}),
        )),
        4 => nth(s, "account_teams", p).map(|t| Edit::Remove {
            collection: Collection::AccountTeams,
            matching: json!({"account": t["account"], "user": t["user"]}),
            all: false,
        }),
        5 => Some(upsert(
            "case_teams",
            json!({"case": case?, "user": user, "access": level}),
        )),
        6 => nth(s, "case_teams", p).map(|t| Edit::Remove {
            collection: Collection::CaseTeams,
            matching: json!({"case": t["case"], "user": t["user"]}),
            all: false,
        }),
        7 => {
            let o = one(&ids(s, "opportunities"), p)?;
            Some(upsert(
                "opportunity_teams",
                json!({"opportunity": o, "user": user, "access": level}),
            ))
        }
        8 => Some(org_default(
            ["case", "account", "opportunity", "lead"][p % 4],
            ["private", "public_read", "public_read_write"][(p / 4) % 3],
        )),
        9 => Some(org_default(
            ["contact", "asset", "account_child"][p % 3],
            ["private", "public_read", "controlled_by_parent"][(p / 3) % 3],
        )),
        10 => changed("cases", &|c| c["owner"] = json!(user)),
        11 => changed("cases", &|c| {
            c["account"] = json!(other_account);
            c["fields"] = json!({"status": (["New", "Closed"][p % 2]), "origin": "Web"});
        }),
        12 => changed("account_children", &|c| c["account"] = json!(other_account)),
        13 => changed("contacts", &|c| c["account"] = json!(other_account)),
        14 => changed("assets", &|a| a["account"] = json!(other_account)),
        15 => changed("sold_products", &|sp| sp["account"] = json!(other_account)),
        16 => changed("opportunities", &|o| {
            o["account"] = json!(other_account);
            o["owner"] = json!(user);
        }),
        17 => changed("accounts", &|a| a["owner"] = json!(user)),
        18 => changed("sharing_rules", &|r| {
            r["access"] = json!(if r["access"] == "read" {
                "edit"
            } else {
                "read"
            });
        }),
        19 => nth(s, "sharing_rules", p).map(|r| remove_id("sharing_rules", &r["id"])),
        20 => changed("users", &|u| {
            if p % 3 == 0 {
                u["active"] = json!(u["active"] == json!(false));
            } else if u.get("kind").is_none_or(|k| k == "internal") {
                u["role"] = json!(format!("r{}", p % 3));
            }
        }),
        21 => changed("users", &|u| {
            u["profile"] = json!(["p_full", "p_ro", "p_rand"][p % 3]);
        }),
        22 => Some(upsert(
            "users",
            json!({"id": format!("new{}", p % 2), "name": "New user", "profile": "p_full", "role": "r0"}),
        )),
        23 => one(&all_users, p).map(|u| remove_id("users", &json!(u))),
        24 => changed("groups", &|g| {
            g["members"] = json!([{"user": user}]);
        }),
        25 => changed("roles", &|r| {
            // Re-parent under r0 (refused when it would make a cycle; r0 is the root).
            if r["id"] != "r0" {
                r["parent"] = json!("r0");
            }
        }),
        26 => Some(upsert(
            "related_parties",
            json!({"id": "rp_seq", "record": case?, "party": {"contact": "c0"}, "relationship": "contact_write"}),
        )),
        27 => nth(s, "related_parties", p).map(|r| remove_id("related_parties", &r["id"])),
        28 => nth(s, "sharing_sets", p).map(|x| remove_id("sharing_sets", &x["id"])),
        // Custom objects (tests/common/gen.rs: Loan__c, its detail Doc__c, and Note__c).
        30 => {
            let loans = custom_ids(s, "Loan__c");
            let mut doc = custom(s, "Doc__c", p)?;
            doc["lookups"]["Loan__c"] = json!(one(&loans, p / 5)?);
            Some(upsert("custom_records", doc))
        }
        31 => {
            let mut loan = custom(s, "Loan__c", p)?;
            loan["owner"] = json!(user);
            loan["fields"] = json!({"status": (["New", "Approved"][p % 2])});
            Some(upsert("custom_records", loan))
        }
        32 => s["custom_objects"].as_array()?.first().map(|_| {
            org_default(
                "Loan__c",
                ["private", "public_read", "public_read_write"][p % 3],
            )
        }),
        33 => {
            let mut loan = s["custom_objects"].as_array()?.first()?.clone();
            loan["grant_access_using_hierarchies"] =
                json!(loan["grant_access_using_hierarchies"] == json!(false));
            Some(upsert("custom_objects", loan))
        }
        34 => Some(upsert(
            "sharing_rules",
            json!({"id": "sr_children", "name": "Account children", "object": "account",
                   "select": {"owned_by": {"role_and_subordinates": "r0"}}, "share_with": {"role": (format!("r{}", p % 2))},
                   "access": "read", "case_access": (["none", "read", "edit"][p % 3]),
                   "opportunity_access": (["read", "edit"][p % 2]), "contact_access": "read"}),
        )),
        _ => changed("queues", &|q| q["members"] = json!([{"user": user}])),
    }
}

/// The ids of the custom records of one object.
fn custom_ids(s: &Value, object: &str) -> Vec<String> {
    s["custom_records"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["object"] == object)
        .filter_map(|r| r["id"].as_str().map(String::from))
        .collect()
}

/// The `p`-th custom record of one object (wrapping), as JSON.
fn custom(s: &Value, object: &str, p: usize) -> Option<Value> {
    let all: Vec<&Value> = s["custom_records"]
        .as_array()?
        .iter()
        .filter(|r| r["object"] == object)
        .collect();
    (!all.is_empty()).then(|| all[p % all.len()].clone())
}
