//! Hostile structure shapes: a role chain or cycle, an account parent chain, groups nested as
//! a chain or as a diamond, each of any size. The reliability tests check what they give, and
//! `access-sim bench --tier deep` times validate + matrix on them at 100,000 (diamond: 60 levels).

use serde_json::{json, Value};

/// One shape, with its size (depth, length, or diamond levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Roles r0 > r1 > ... > r(n-1); `top` holds r0, `bottom` holds the last and owns a case.
    RoleChain(usize),
    /// n roles, each the parent of the next, the last the parent of the first: invalid.
    RoleCycle(usize),
    /// Accounts a0 <- a1 <- ... (each the parent of the next), a case on the deepest.
    AccountChain(usize),
    /// Groups g0 > g1 > ... > g(n-1) > user `member`; case `k0` is shared with g0.
    GroupChain(usize),
    /// Two groups per level, each holding both groups of the next level (2^n paths), the last
    /// level holding user `member`; case `k0` is shared with the top group `d0a`.
    GroupDiamond(usize),
}

impl Shape {
    /// The shapes at the sizes the reliability targets name.
    pub const TARGETS: [Shape; 5] = [
        Shape::RoleChain(100_000),
        Shape::RoleCycle(100_000),
        Shape::AccountChain(100_000),
        Shape::GroupChain(100_000),
        Shape::GroupDiamond(60),
    ];

    pub fn label(self) -> String {
        match self {
            Shape::RoleChain(n) => format!("role chain {n} deep"),
            Shape::RoleCycle(n) => format!("role cycle {n} long"),
            Shape::AccountChain(n) => format!("account chain {n} deep"),
            Shape::GroupChain(n) => format!("groups nested {n} deep"),
            Shape::GroupDiamond(n) => format!("group diamond {n} levels"),
        }
    }

    pub fn scenario(self) -> Value {
        let profile = json!({"id": "p", "name": "Standard",
            "objects": {"account": ["read", "create", "edit"], "case": ["read", "create", "edit"]}});
        let mut s = json!({
            "version": 1,
            "profiles": [profile],
            "org_defaults": {"account": {"internal": "private"}, "case": {"internal": "private"}},
            "users": [
                {"id": "owner", "name": "Owner", "profile": "p"},
                {"id": "member", "name": "Member", "profile": "p"},
                {"id": "outsider", "name": "Outsider", "profile": "p"}
            ],
            "accounts": [{"id": "a0", "name": "Account 0", "owner": "owner"}],
            "cases": [{"id": "k0", "name": "Case 0", "owner": "owner", "account": "a0"}]
        });
        match self {
            Shape::RoleChain(n) | Shape::RoleCycle(n) => {
                let cycle = matches!(self, Shape::RoleCycle(_));
                let roles: Vec<Value> = (0..n)
                    .map(|i| {
                        let mut r = json!({"id": format!("r{i}"), "name": format!("Role {i}")});
                        if i > 0 {
                            r["parent"] = json!(format!("r{}", i - 1));
                        } else if cycle {
                            r["parent"] = json!(format!("r{}", n - 1));
                        }
                        r
                    })
                    .collect();
                s["roles"] = json!(roles);
                s["users"][0]["role"] = json!(format!("r{}", n - 1));
                s["users"][1]["role"] = json!("r0");
            }
            Shape::AccountChain(n) => {
                let accounts: Vec<Value> = (0..n)
                    .map(|i| {
                        let mut a = json!({"id": format!("a{i}"), "name": format!("Account {i}"), "owner": "owner"});
                        if i > 0 {
                            a["parent"] = json!(format!("a{}", i - 1));
                        }
                        a
                    })
                    .collect();
                s["accounts"] = json!(accounts);
                s["cases"][0]["account"] = json!(format!("a{}", n - 1));
                s["manual_shares"] = json!([{"id": "m", "record": format!("a{}", n - 1), "with": {"user": "member"}, "access": "read"}]);
            }
            Shape::GroupChain(n) => {
                let groups: Vec<Value> = (0..n)
                    .map(|i| {
                        let inner = if i + 1 < n {
                            json!({"group": format!("g{}", i + 1)})
                        } else {
                            json!({"user": "member"})
                        };
                        json!({"id": format!("g{i}"), "name": format!("Group {i}"), "members": [inner]})
                    })
                    .collect();
                s["groups"] = json!(groups);
                s["manual_shares"] =
                    json!([{"id": "m", "record": "k0", "with": {"group": "g0"}, "access": "edit"}]);
            }
            Shape::GroupDiamond(levels) => {
                let mut groups = Vec::new();
                for i in 0..levels {
                    for side in ["a", "b"] {
                        let members = if i + 1 < levels {
                            json!([{"group": format!("d{}a", i + 1)}, {"group": format!("d{}b", i + 1)}])
                        } else {
                            json!([{"user": "member"}])
                        };
                        groups.push(json!({"id": format!("d{i}{side}"), "name": format!("Level {i} {side}"), "members": members}));
                    }
                }
                s["groups"] = json!(groups);
                s["manual_shares"] = json!([{"id": "m", "record": "k0", "with": {"group": "d0a"}, "access": "edit"}]);
            }
        }
        s
    }
}
