//! Design warnings: a valid scenario that Salesforce's own guidance would flag (data skew, deep
//! role hierarchies and group nesting, external defaults wider than needed, sharing rules that
//! grant nothing or repeat another, View All Data holders, queues nobody is in), each with the
//! guidance it comes from. Linear in the scenario's size, whatever its depth.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::Serialize;

use super::index::{Index, Owner, PrincipalIx, RecordIx};
use super::level::Access;
use super::mechanisms::selects;
use super::scenario::{ObjectKind, Sharing, SystemPermission, UserKind};

/// Records one user may own, or one account may have as children, before Salesforce warns of
/// data skew ("more than 10,000 records").
pub const SKEW: usize = 10_000;
/// Role hierarchy levels before the guidance calls it deep.
pub const MAX_ROLE_DEPTH: usize = 10;
/// Levels of public groups in public groups before the guidance calls it deep.
pub const MAX_GROUP_NESTING: usize = 5;

const ENTERPRISE_SCALE: &str = "Salesforce, Designing Record Access for Enterprise Scale";

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct LintWarning {
    /// A stable key for the rule (`account_data_skew`, `deep_role_hierarchy` ...).
    pub rule: &'static str,
    /// Where in the scenario (`accounts[3]`, `sharing_rules[2]`).
    pub path: String,
    pub message: String,
    /// The guidance it follows.
    pub reference: &'static str,
}

/// Every warning for a valid scenario, in a fixed order.
pub fn lint(ix: &Index) -> Vec<LintWarning> {
    let mut out = Vec::new();
    skew(ix, &mut out);
    role_depth(ix, &mut out);
    group_nesting(ix, &mut out);
    external_defaults(ix, &mut out);
    rules(ix, &mut out);
    everything_holders(ix, &mut out);
    empty_queues(ix, &mut out);
    out
}

fn path_of(ix: &Index, id: &str) -> String {
    // Records keep their position per list only in the scenario: find it by id once.
    let s = &ix.scenario;
    let lists: [(&str, Vec<&str>); 3] = [
        (
            "accounts",
            s.accounts.iter().map(|a| a.id.as_str()).collect(),
        ),
        ("users", s.users.iter().map(|u| u.id.as_str()).collect()),
        ("queues", s.queues.iter().map(|q| q.id.as_str()).collect()),
    ];
    for (list, ids) in lists {
        if let Some(i) = ids.iter().position(|x| *x == id) {
            return format!("{list}[{i}]");
        }
    }
    id.to_string()
}

fn skew(ix: &Index, out: &mut Vec<LintWarning>) {
    for (a, children) in ix.children.iter().enumerate() {
        if children.len() > SKEW && ix.records[a].object == ObjectKind::Account {
            let rec = &ix.records[a];
            out.push(LintWarning {
                rule: "account_data_skew",
                path: path_of(ix, &rec.id),
                message: format!(
                    "account '{}' has {} child records (more than {SKEW}): every sharing change on it recalculates them all, and edits to them contend for the account's lock",
                    rec.name,
                    children.len()
                ),
                reference: "Salesforce, Designing Record Access for Enterprise Scale: account data skew",
            });
        }
    }
    let mut owned: HashMap<(u32, ObjectKind), usize> = HashMap::new();
    for r in &ix.records {
        if let Owner::User(u) = r.owner {
            *owned.entry((u.0, r.object)).or_default() += 1;
        }
    }
    let mut skewed: Vec<_> = owned.into_iter().filter(|(_, n)| *n > SKEW).collect();
    skewed.sort();
    for ((u, object), n) in skewed {
        let user = &ix.users[u as usize];
        out.push(LintWarning {
            rule: "ownership_data_skew",
            path: path_of(ix, &user.id),
            message: format!(
                "{} owns {n} {} records (more than {SKEW}): ownership skew makes sharing recalculation slow; spread them or give the owner no role",
                user.name,
                ix.object_noun(object)
            ),
            reference: "Salesforce, Designing Record Access for Enterprise Scale: ownership data skew",
        });
    }
}

/// Depth of each role (a top role is 1), iteratively, each role once.
fn role_depth(ix: &Index, out: &mut Vec<LintWarning>) {
    let mut depth = vec![0usize; ix.roles.len()];
    let mut deepest = (0, None);
    for start in 0..ix.roles.len() {
        let mut chain = Vec::new();
        let mut at = Some(start);
        while let Some(r) = at {
            if depth[r] != 0 {
                break;
            }
            chain.push(r);
            at = ix.roles[r].parent.map(|p| p.ix());
        }
        let mut d = at.map_or(0, |r| depth[r]);
        for r in chain.into_iter().rev() {
            d += 1;
            depth[r] = d;
            if d > deepest.0 {
                deepest = (d, Some(r));
            }
        }
    }
    if let (d, Some(r)) = deepest {
        if d > MAX_ROLE_DEPTH && ix.roles[r].portal_account.is_none() {
            out.push(LintWarning {
                rule: "deep_role_hierarchy",
                path: format!("roles[{r}]"),
                message: format!(
                    "the role hierarchy is {d} levels deep at '{}' (more than {MAX_ROLE_DEPTH}): deep hierarchies slow every sharing recalculation",
                    ix.roles[r].name
                ),
                reference: ENTERPRISE_SCALE,
            });
        }
    }
}

/// Deepest nesting of groups in groups, with memoized depth-first walks.
fn group_nesting(ix: &Index, out: &mut Vec<LintWarning>) {
    let n = ix.groups.len();
    let mut depth = vec![0usize; n];
    let mut state = vec![0u8; n];
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        state[start] = 1;
        while let Some((g, next)) = stack.pop() {
            let child = ix.groups[g].members[next..]
                .iter()
                .position(|m| matches!(m, PrincipalIx::Group(_)));
            match child {
                Some(off) => {
                    stack.push((g, next + off + 1));
                    if let PrincipalIx::Group(c) = ix.groups[g].members[next + off] {
                        if state[c.ix()] == 0 {
                            state[c.ix()] = 1;
                            stack.push((c.ix(), 0));
                        }
                    }
                }
                None => {
                    let below = ix.groups[g]
                        .members
                        .iter()
                        .filter_map(|m| match m {
                            PrincipalIx::Group(c) => Some(depth[c.ix()]),
                            _ => None,
                        })
                        .max()
                        .unwrap_or(0);
                    depth[g] = below + 1;
                    state[g] = 2;
                }
            }
        }
    }
    if let Some((g, d)) = depth.iter().enumerate().max_by_key(|(_, d)| **d) {
        if *d > MAX_GROUP_NESTING {
            out.push(LintWarning {
                rule: "deep_group_nesting",
                path: format!("groups[{g}]"),
                message: format!(
                    "group '{}' nests groups {d} levels deep (more than {MAX_GROUP_NESTING}): deep nesting slows sharing and makes access hard to follow",
                    ix.groups[g].name
                ),
                reference: ENTERPRISE_SCALE,
            });
        }
    }
}

fn external_defaults(ix: &Index, out: &mut Vec<LintWarning>) {
    if !ix.users.iter().any(|u| u.kind == UserKind::External) {
        return;
    }
    for object in ix.objects() {
        let owd = ix.org_default(object);
        let external = owd.external();
        if matches!(
            external,
            Sharing::PublicRead | Sharing::PublicReadWrite | Sharing::PublicReadWriteTransfer
        ) && ix.records.iter().any(|r| r.object == object)
        {
            let path = if object.is_custom() {
                let i = ix
                    .scenario
                    .custom_objects
                    .iter()
                    .position(|c| object.key() == c.api_name.as_str())
                    .unwrap_or(0);
                format!("custom_objects[{i}].external")
            } else {
                format!("org_defaults.{}.external", object.key())
            };
            out.push(LintWarning {
                rule: "open_external_default",
                path,
                message: format!(
                    "the external default for {} is {}: every portal user sees every {} record; a Private external default with sharing sets grants only what each needs",
                    ix.object_label(object),
                    external.label(),
                    ix.object_noun(object)
                ),
                reference: "Salesforce Help: External Organization-Wide Defaults; Share CRM Data with Your Partners (sharing sets)",
            });
        }
    }
}

/// Validation keeps every rule, in order: `ix.rules[i]` is `sharing_rules[i]`.
fn rules(ix: &Index, out: &mut Vec<LintWarning>) {
    let entries = &ix.scenario.sharing_rules;
    for (i, rule) in ix.rules.iter().enumerate() {
        let path = format!("sharing_rules[{i}]");
        let entry = &entries[i];
        let same = |r: &&super::scenario::SharingRule| {
            r.object == entry.object
                && r.select == entry.select
                && r.share_with == entry.share_with
                && r.access == entry.access
                && (r.case_access, r.opportunity_access, r.contact_access)
                    == (
                        entry.case_access,
                        entry.opportunity_access,
                        entry.contact_access,
                    )
        };
        if let Some(first) = entries[..i].iter().find(same) {
            out.push(LintWarning {
                rule: "duplicate_sharing_rule",
                path,
                message: format!(
                    "sharing rule '{}' repeats '{}' (same records, same principal, same access)",
                    rule.name, first.name
                ),
                reference: ENTERPRISE_SCALE,
            });
            continue;
        }
        let default = ix.org_default(rule.object).internal.baseline();
        let why = if ix
            .user_ixs()
            .all(|u| ix.membership(u, rule.share_with).is_none())
        {
            Some("shares with nobody (its principal has no member)".to_string())
        } else if !ix.record_ixs().any(|r: RecordIx| selects(ix, rule, r)) {
            Some("selects no record".to_string())
        } else if rule.access.access() <= default && !rule.children.any() {
            Some(format!(
                "gives {} where the org-wide default already gives {}",
                rule.access.access().label(),
                default.label()
            ))
        } else {
            None
        };
        if let Some(why) = why {
            out.push(LintWarning {
                rule: "sharing_rule_grants_nothing",
                path,
                message: format!("sharing rule '{}' {why}", rule.name),
                reference: ENTERPRISE_SCALE,
            });
        }
    }
}

fn everything_holders(ix: &Index, out: &mut Vec<LintWarning>) {
    for (i, u) in ix.users.iter().enumerate() {
        let uix = super::index::UserIx(i as u32);
        if !u.active {
            continue;
        }
        let which = if ix
            .system_permission(uix, SystemPermission::ModifyAllData)
            .is_some()
        {
            "Modify All Data"
        } else if ix
            .system_permission(uix, SystemPermission::ViewAllData)
            .is_some()
        {
            "View All Data"
        } else {
            continue;
        };
        let level = if which == "Modify All Data" {
            Access::Full
        } else {
            Access::Read
        };
        out.push(LintWarning {
            rule: "view_all_data",
            path: format!("users[{i}]"),
            message: format!(
                "{} has {which}: {} on every record of every object, whatever the sharing; keep it to administrators",
                u.name,
                level.label()
            ),
            reference: "Salesforce Help: View All Data and Modify All Data",
        });
    }
}

fn empty_queues(ix: &Index, out: &mut Vec<LintWarning>) {
    for (i, q) in ix.queues.iter().enumerate() {
        let qi = super::index::QueueIx(i as u32);
        let nobody = q
            .members
            .iter()
            .all(|m| ix.user_ixs().all(|u| ix.membership(u, *m).is_none()));
        if nobody {
            let owned = ix
                .records
                .iter()
                .filter(|r| r.owner == Owner::Queue(qi))
                .count();
            out.push(LintWarning {
                rule: "empty_queue",
                path: format!("queues[{i}]"),
                message: format!(
                    "queue '{}' has no members: the {owned} records it owns reach nobody through it",
                    q.name
                ),
                reference: "Salesforce Help: Queues (members take ownership of queued records)",
            });
        }
    }
}
