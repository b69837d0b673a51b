//! The peer baseline for `access-sim bench` (built with `--features cedar`): the generated org,
//! cut down to ownership, the role hierarchy, org-wide defaults, account teams and the sharing
//! set, is written as Cedar entities and policies and authorized pair by pair with the
//! `cedar-policy` crate. Cedar's decisions are checked against our matrix of the same cut-down
//! scenario on every sampled pair, so the two engines are timed on the same answers.

use std::str::FromStr;
use std::time::Instant;

use access_sim::engine::{self, Access, Index, ObjectKind};
use cedar_policy::{Authorizer, Context, Decision, Entities, EntityUid, PolicySet, Request};
use serde_json::{json, Value};

/// The subset as Cedar policies. Grants mirror the engine's mechanisms; the object
/// permissions (and inactive users) are the cap, as `forbid`s.
const POLICIES: &str = r#"
// Ownership: the owner reads and edits.
permit (principal, action in [Action::"read", Action::"edit"], resource is Case)
  when { resource.owner == principal };
// Role hierarchy: users in roles above the owner's.
permit (principal, action in [Action::"read", Action::"edit"], resource is Case)
  when { principal in resource.owner_managers };
// Org-wide defaults, by user kind.
permit (principal, action == Action::"read", resource is Case)
  when { (principal.internal && resource.owd_read) || (!principal.internal && resource.ext_owd_read) };
permit (principal, action == Action::"edit", resource is Case)
  when { (principal.internal && resource.owd_edit) || (!principal.internal && resource.ext_owd_edit) };
// Account teams: members (and the managers above them) get the team's case access.
permit (principal, action == Action::"read", resource is Case)
  when { principal in resource.team_readers || principal in resource.team_editors };
permit (principal, action == Action::"edit", resource is Case)
  when { principal in resource.team_editors };
// The sharing set: customer users read the cases of their own account.
permit (principal, action == Action::"read", resource is Case)
  when { principal.portal && principal.account == resource.account };
// Object permissions cap everything.
forbid (principal, action == Action::"read", resource is Case) unless { principal.case_read };
forbid (principal, action == Action::"edit", resource is Case) unless { principal.case_edit };
"#;

pub struct Baseline {
    pub cedar_request_ns: f64,
    pub ours_per_cell_ns: f64,
    pub pairs: usize,
    pub agreeing_pairs: usize,
}

/// Keep only the mechanisms the Cedar model has.
fn subset(text: &str) -> Result<Value, String> {
    let mut s: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let o = s.as_object_mut().ok_or("not an object")?;
    for key in [
        "sharing_rules",
        "manual_shares",
        "related_parties",
        "queues",
        "case_teams",
        "opportunity_teams",
    ] {
        o.remove(key);
    }
    for role in o
        .get_mut("roles")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        role["case_access_for_account_owner"] = json!("none");
    }
    for case in o
        .get_mut("cases")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        if let Some(c) = case.as_object_mut() {
            c.remove("sold_product");
            c.remove("created_by");
        }
    }
    Ok(s)
}

fn uid(kind: &str, id: &str) -> Value {
    json!({"type": kind, "id": id})
}

fn entity_ref(kind: &str, id: &str) -> Value {
    json!({"__entity": uid(kind, id)})
}

/// Our index as Cedar entities: users (with their manager and team groups), cases.
fn entities(ix: &Index) -> Value {
    let mut groups: Vec<Vec<Value>> = vec![Vec::new(); ix.users.len()];
    // Managers::"r" holds the users whose role is strictly above r.
    for role in &ix.roles {
        for a in &role.ancestors {
            for u in &ix.role_users[a.ix()] {
                groups[u.ix()].push(uid("Managers", &role.id));
            }
        }
    }
    // Team::"account:level" holds the members and the managers above them.
    for t in &ix.account_teams {
        let level = match t.case_access.access() {
            Access::None => continue,
            Access::Read => "read",
            _ => "edit",
        };
        let team = uid("Team", &format!("{}:{level}", ix.record(t.account).id));
        groups[t.user.ix()].push(team.clone());
        if let Some(r) = ix.user(t.user).role {
            for a in &ix.role(r).ancestors {
                for u in &ix.role_users[a.ix()] {
                    groups[u.ix()].push(team.clone());
                }
            }
        }
    }
    let mut out = Vec::new();
    for u in ix.user_ixs() {
        let d = ix.user(u);
        let cap = if d.active {
            ix.object_cap(u, ObjectKind::Case)
        } else {
            Access::None
        };
        let account = d
            .account
            .map_or("-".to_string(), |a| ix.record(a).id.clone());
        out.push(json!({
            "uid": uid("User", &d.id),
            "attrs": {
                "internal": d.kind == engine::scenario::UserKind::Internal,
                "portal": d.account.is_some(),
                "account": entity_ref("Account", &account),
                "case_read": cap >= Access::Read,
                "case_edit": cap >= Access::Edit,
            },
            "parents": groups[u.ix()],
        }));
    }
    let owd = ix.org_default(ObjectKind::Case);
    let (int, ext) = (owd.internal.baseline(), owd.external().baseline());
    for r in ix
        .record_ixs()
        .filter(|r| ix.record(*r).object == ObjectKind::Case)
    {
        let d = ix.record(r);
        let (owner, owner_role) = match d.owner {
            engine::index::Owner::User(o) => (
                ix.user(o).id.clone(),
                ix.user(o)
                    .role
                    .map_or("-".into(), |x| ix.role(x).id.clone()),
            ),
            engine::index::Owner::Queue(_) => ("-".into(), "-".into()),
        };
        let account = d
            .account
            .map_or("-".to_string(), |a| ix.record(a).id.clone());
        out.push(json!({
            "uid": uid("Case", &d.id),
            "attrs": {
                "owner": entity_ref("User", &owner),
                "owner_managers": entity_ref("Managers", &owner_role),
                "account": entity_ref("Account", &account),
                "team_readers": entity_ref("Team", &format!("{account}:read")),
                "team_editors": entity_ref("Team", &format!("{account}:edit")),
                "owd_read": int >= Access::Read,
                "owd_edit": int >= Access::Edit,
                "ext_owd_read": ext >= Access::Read,
                "ext_owd_edit": ext >= Access::Edit,
            },
            "parents": [],
        }));
    }
    Value::Array(out)
}

/// Build both models of the subset, time our full matrix and Cedar's requests on `pairs`
/// spread (user, case) pairs, and count the pairs where both give the same level.
pub fn run(text: &str, pairs: usize) -> Result<Baseline, String> {
    let ix = engine::load(&subset(text)?.to_string()).map_err(|e| e.to_string())?;
    let mut ours = Vec::new();
    let mut matrix = None;
    for _ in 0..3 {
        let t = Instant::now();
        matrix = Some(engine::fast::matrix(&ix));
        ours.push(t.elapsed().as_secs_f64());
    }
    ours.sort_by(f64::total_cmp);
    let matrix = matrix.ok_or("no matrix")?;
    let ours_per_cell_ns = ours[1] * 1e9 / (ix.users.len() * ix.records.len()) as f64;

    let policies = PolicySet::from_str(POLICIES).map_err(|e| e.to_string())?;
    let store = Entities::from_json_value(entities(&ix), None).map_err(|e| e.to_string())?;
    let parse = |s: String| EntityUid::from_str(&s).map_err(|e| e.to_string());
    let read = parse(r#"Action::"read""#.into())?;
    let edit = parse(r#"Action::"edit""#.into())?;
    let cases: Vec<_> = ix
        .record_ixs()
        .filter(|r| ix.record(*r).object == ObjectKind::Case)
        .collect();
    let (n_users, n_cases) = (ix.users.len(), cases.len().max(1));
    let sample: Vec<_> = (0..pairs)
        .map(|i| {
            let u = engine::index::UserIx(((i * 7919 + i / n_users) % n_users) as u32);
            (u, cases[(i * 104_729) % n_cases])
        })
        .collect();
    let uids: Vec<(EntityUid, EntityUid)> = sample
        .iter()
        .map(|(u, r)| {
            let user = format!("User::{:?}", ix.user(*u).id);
            let case = format!("Case::{:?}", ix.record(*r).id);
            Ok((parse(user)?, parse(case)?))
        })
        .collect::<Result<_, String>>()?;
    let authorizer = Authorizer::new();
    let mut decisions = Vec::with_capacity(pairs * 2);
    let t = Instant::now();
    for (user, case) in &uids {
        for action in [&read, &edit] {
            let request = Request::new(
                user.clone(),
                action.clone(),
                case.clone(),
                Context::empty(),
                None,
            )
            .map_err(|e| e.to_string())?;
            let response = authorizer.is_authorized(&request, &policies, &store);
            decisions.push(response.decision() == Decision::Allow);
        }
    }
    let cedar_request_ns = t.elapsed().as_secs_f64() * 1e9 / decisions.len().max(1) as f64;
    let agreeing_pairs = sample
        .iter()
        .zip(decisions.chunks(2))
        .filter(|((u, r), d)| {
            let cedar = match (d[0], d[1]) {
                (_, true) => Access::Edit,
                (true, false) => Access::Read,
                _ => Access::None,
            };
            matrix.get(*u, *r).min(Access::Edit) == cedar
        })
        .count();
    Ok(Baseline {
        cedar_request_ns,
        ours_per_cell_ns,
        pairs,
        agreeing_pairs,
    })
}
