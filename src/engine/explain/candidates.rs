//! Candidate changes for a "why not" suggestion, generated from what stops the cell: the
//! prerequisites (activate the user, lift the object permission, for a Controlled-by-Parent
//! record on the parent's object too) and the changes that make a grant reach the target.

use serde::Serialize;
use serde_json::{json, Value};

use crate::engine::edits::{Collection, Edit};
use crate::engine::evaluate::Evaluator;
use crate::engine::index::{Index, Owner, RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::mechanisms::{replaces_sharing, REGISTRY};
use crate::engine::reason::{record_label, Grant, Reason};
use crate::engine::scenario::{
    ObjectKind, ObjectPermission, OrgDefault, PartyKind, Scenario, Sharing, UserKind,
};

/// One candidate: its edits, the words for each, and its place in the preference order.
pub(super) struct Candidate {
    pub(super) edits: Vec<Edit>,
    pub(super) words: Vec<String>,
    pub(super) preference: u8,
}

fn upsert<T: Serialize>(collection: Collection, value: &T) -> Option<Edit> {
    Some(Edit::Upsert {
        collection,
        value: serde_json::to_value(value).ok()?,
    })
}

fn upsert_json(collection: Collection, value: Value) -> Edit {
    Edit::Upsert { collection, value }
}

/// A change to one scenario entry, with what it says.
type Step = (Edit, String);

/// Every candidate: the prerequisites (activate the user, lift the object permission) combined
/// with nothing or with each change that makes a grant reach the target.
/// `known`: the grants already computed for this pair, if any (saves a second evaluation,
/// which at org scale can cost seconds for an account with thousands of children).
/// `current`: the scenario's matrix, when at hand, lets the evaluator skip pairs that hold no
/// share (a Controlled-by-Parent contact's raisers are its account's, evaluated afresh).
pub(super) fn candidates(
    ix: &Index,
    current: Option<&crate::engine::packed::FastMatrix>,
    known: Option<&[Grant]>,
    user: UserIx,
    record: RecordIx,
    target: Access,
) -> Vec<Candidate> {
    let ev = match current {
        Some(m) => Evaluator::with_matrix(ix, m),
        None => Evaluator::new(ix),
    };
    let u = ix.user(user);
    let object = ix.record(record).object;
    let mut base: Vec<Step> = Vec::new();
    if !u.active {
        if let Some(mut x) = ix.scenario.users.iter().find(|x| x.id == u.id).cloned() {
            x.active = true;
            if let Some(e) = upsert(Collection::Users, &x) {
                base.push((e, format!("activate {}", u.name)));
            }
        }
    }
    // Two ways past the object permission: the profile (everyone holding it) or a permission
    // set for this user alone.
    let mut caps: Vec<(Vec<Step>, u8)> = Vec::new();
    // The objects whose permission caps the cell: the record's, and for a Controlled-by-Parent
    // record its parents' too (the child gets the parent's level, itself capped).
    let mut capped = Vec::new();
    let mut at = Some(record);
    for _ in 0..4 {
        let Some(r) = at else { break };
        let o = ix.record(r).object;
        if ix.object_cap(user, o) < target && !capped.contains(&o) {
            capped.push(o);
        }
        at = if replaces_sharing(ev.ix, r) {
            ev.parent_of(r)
        } else {
            None
        };
    }
    if !capped.is_empty() {
        let perms: &[ObjectPermission] = if target >= Access::Edit {
            &[ObjectPermission::Read, ObjectPermission::Edit]
        } else {
            &[ObjectPermission::Read]
        };
        let word = if target >= Access::Edit {
            "Edit"
        } else {
            "Read"
        };
        let labels = capped
            .iter()
            .map(|o| o.label())
            .collect::<Vec<_>>()
            .join(" and ");
        let pid = &ix.profiles[u.profile.ix()].id;
        if let Some(mut p) = ix.scenario.profiles.iter().find(|p| &p.id == pid).cloned() {
            for o in &capped {
                p.objects.entry(*o).or_default().extend(perms);
            }
            if let Some(e) = upsert(Collection::Profiles, &p) {
                caps.push((
                    vec![(e, format!("give profile '{}' {word} on {labels}", p.name))],
                    0,
                ));
            }
        }
        let ps_id = format!("ps_{}_{}_{}", object.key(), word.to_lowercase(), u.id);
        let objects: serde_json::Map<String, Value> = capped
            .iter()
            .map(|o| (o.key().to_string(), json!(perms)))
            .collect();
        let ps = json!({
            "id": ps_id,
            "name": format!("{word} on {labels} for {}", u.name),
            "objects": objects,
        });
        if let Some(mut x) = ix.scenario.users.iter().find(|x| x.id == u.id).cloned() {
            x.permission_sets.push(ps_id.clone());
            if !u.active {
                x.active = true;
            }
            if let Some(e) = upsert(Collection::Users, &x) {
                caps.push((
                    vec![
                        (
                            upsert_json(Collection::PermissionSets, ps),
                            format!(
                                "assign {} a new permission set with {word} on {labels}",
                                u.name
                            ),
                        ),
                        (e, String::new()),
                    ],
                    1,
                ));
            }
        }
    } else {
        caps.push((vec![], 0));
    }
    let raisers = if target == Access::Full {
        full_raisers(ix, user, record)
    } else {
        raisers(ix, &ev, known, user, record, target, 0)
    };
    let mut out = Vec::new();
    for (cap, cap_pref) in &caps {
        // The prerequisites alone, when the grants already reach the target.
        if !cap.is_empty() || !base.is_empty() {
            out.push(combine(&base, cap, None, *cap_pref));
        }
        for r in &raisers {
            out.push(combine(&base, cap, Some(r), *cap_pref));
        }
    }
    out
}

fn combine(base: &[Step], cap: &[Step], raiser: Option<&(Step, u8)>, cap_pref: u8) -> Candidate {
    let mut edits = Vec::new();
    let mut words = Vec::new();
    let user_edit = |e: &Edit| {
        matches!(
            e,
            Edit::Upsert {
                collection: Collection::Users,
                ..
            }
        )
    };
    // The permission-set route re-upserts the user (already active): it replaces `base`.
    let cap_has_user = cap.iter().any(|(e, _)| user_edit(e));
    for (e, w) in base.iter().chain(cap) {
        if cap_has_user && base.iter().any(|(b, _)| b == e) {
            words.push(w.clone());
            continue;
        }
        edits.push(e.clone());
        if !w.is_empty() {
            words.push(w.clone());
        }
    }
    let mut preference = cap_pref;
    if let Some(((e, w), p)) = raiser {
        edits.push(e.clone());
        words.push(w.clone());
        preference = preference.saturating_add(*p * 2);
    }
    Candidate {
        edits,
        words,
        preference,
    }
}

/// Changes that make some grant reach `target` (Read or Edit) on `record`: raise the setting of
/// a grant that already reaches it, or add a new grant. Controlled-by-Parent records follow
/// their parent, so their raisers are the parent's.
fn raisers(
    ix: &Index,
    ev: &Evaluator,
    known: Option<&[Grant]>,
    user: UserIx,
    record: RecordIx,
    target: Access,
    depth: usize,
) -> Vec<(Step, u8)> {
    let mut out: Vec<(Step, u8)> = Vec::new();
    let u = ix.user(user);
    let rec = ix.record(record);
    if replaces_sharing(ev.ix, record) {
        if let (Some(parent), true) = (ev.parent_of(record), depth < 3) {
            return raisers(ix, ev, None, user, parent, target, depth + 1);
        }
        return out;
    }
    let grants: Vec<Grant> = match known {
        Some(g) => g.to_vec(),
        None => {
            let mut out = Vec::new();
            for m in REGISTRY {
                m.grants(&ev.cx(), user, record, &mut out);
            }
            out
        }
    };
    for g in &grants {
        if let Reason::RelatedParty { party, .. } = &g.reason {
            if g.level < target {
                out.extend(party_responsibility(ix, *party, record, target).map(|s| (s, 0)));
            }
        }
    }
    for g in grants.iter().filter(|g| g.level > Access::None) {
        if let Some(step) = raise_grant(ix, &g.reason, record, target) {
            if !out.iter().any(|(s, _)| s.0 == step.0) {
                out.push((step, 0));
            }
        }
    }
    let who = &u.name;
    let label = record_label(ix, record);
    let share_access = if target >= Access::Edit {
        "edit"
    } else {
        "read"
    };
    let level_words = if target >= Access::Edit {
        "Read/Write"
    } else {
        "Read Only"
    };
    // A manual share: one record, one user. High-volume users can be in no manual share or
    // team (validation refuses them), so neither is offered to them.
    let hv = u.high_volume();
    if rec.object != ObjectKind::AccountChild && !hv {
        let share = json!({
            "id": format!("share_{}_{}", rec.id, u.id),
            "name": "Manual share",
            "record": rec.id,
            "with": { "user": u.id },
            "access": share_access,
        });
        out.push((
            (
                upsert_json(Collection::ManualShares, share),
                format!("share {label} manually with {who} at {level_words}"),
            ),
            1,
        ));
    }
    match rec.object {
        _ if hv => {}
        ObjectKind::Case => out.push((
            (
                upsert_json(
                    Collection::CaseTeams,
                    json!({"case": rec.id, "user": u.id, "access": share_access}),
                ),
                format!("add {who} to the case team of {label} with {level_words} access"),
            ),
            2,
        )),
        ObjectKind::Opportunity => out.push((
            (
                upsert_json(
                    Collection::OpportunityTeams,
                    json!({"opportunity": rec.id, "user": u.id, "access": share_access}),
                ),
                format!("add {who} to the opportunity team of {label} with {level_words} access"),
            ),
            2,
        )),
        ObjectKind::Account => out.push((
            (
                upsert_json(
                    Collection::AccountTeams,
                    json!({"account": rec.id, "user": u.id, "account_access": share_access}),
                ),
                format!(
                    "add {who} to the account team of {label} with {level_words} account access"
                ),
            ),
            2,
        )),
        _ => {}
    }
    // ServiceNow sold products: lift Restrict Contact Access, or add the contact as a party.
    let product = match rec.object {
        ObjectKind::SoldProduct => Some(record),
        ObjectKind::Case => rec.sold_product,
        _ => None,
    };
    if let Some(product) = product {
        let p = ix.record(product);
        if let (Some(account), Some(contact)) = (p.account, u.contact) {
            let a = ix.record(account);
            if a.restrict_contact_access && u.account == Some(account) && target == Access::Read {
                if let Some(mut x) = ix.scenario.accounts.iter().find(|x| x.id == a.id).cloned() {
                    x.restrict_contact_access = false;
                    if let Some(e) = upsert(Collection::Accounts, &x) {
                        out.push((
                            (
                                e,
                                format!("turn off Restrict Contact Access on account '{}'", a.name),
                            ),
                            3,
                        ));
                    }
                }
            }
            for cfg in ix.party_configs.iter().filter(|c| {
                c.applies_to == ObjectKind::SoldProduct
                    && c.entity == PartyKind::Contact
                    && c.default_responsibility.is_some()
            }) {
                let party = json!({
                    "id": format!("rp_{}_{}", p.id, u.id),
                    "record": p.id,
                    "party": { "contact": ix.record(contact).id },
                    "relationship": cfg.id,
                });
                out.push((
                    (
                        upsert_json(Collection::RelatedParties, party),
                        format!(
                            "add {who} as a related party '{}' of sold product '{}'",
                            cfg.name, p.name
                        ),
                    ),
                    3,
                ));
            }
        }
    }
    // The org-wide default, last: it opens the object to everyone on that side.
    if let Some(step) = open_default(ix, user, rec.object, target) {
        out.push((step, 5));
    }
    out
}

/// The edit that raises one grant's own setting to Read/Write (or the responsibility to write).
fn raise_grant(ix: &Index, reason: &Reason, record: RecordIx, target: Access) -> Option<Step> {
    if target != Access::Edit {
        return None;
    }
    let s = &ix.scenario;
    use crate::engine::level::{ChildAccess, ShareAccess};
    match reason {
        Reason::RoleHierarchy { inner, .. } => raise_grant(ix, inner, record, target),
        Reason::SharingSet { set, mapping, .. } => {
            let id = &ix.sharing_sets[set.ix()].id;
            let mut x = s.sharing_sets.iter().find(|x| &x.id == id)?.clone();
            let m = x.mappings.get_mut(*mapping)?;
            m.access = ShareAccess::Edit;
            let path = format!("{}.{}", ix.object_label(m.object), m.target.text());
            Some((
                upsert(Collection::SharingSets, &x)?,
                format!("set sharing set '{}' mapping {path} to Read/Write", x.name),
            ))
        }
        Reason::ShareGroup { set, .. } => {
            let id = &ix.sharing_sets[set.ix()].id;
            let mut x = s.sharing_sets.iter().find(|x| &x.id == id)?.clone();
            x.share_group.as_mut()?.access = ShareAccess::Edit;
            Some((
                upsert(Collection::SharingSets, &x)?,
                format!(
                    "set the share group of sharing set '{}' to Read/Write",
                    x.name
                ),
            ))
        }
        Reason::SharingRule { rule, .. } => {
            let id = &ix.rules[rule.ix()].id;
            let mut x = s.sharing_rules.iter().find(|x| &x.id == id)?.clone();
            x.access = ShareAccess::Edit;
            Some((
                upsert(Collection::SharingRules, &x)?,
                format!("set sharing rule '{}' to Read/Write", x.name),
            ))
        }
        Reason::ManualShare { share, .. } => {
            let id = &ix.manual_shares[share.ix()].id;
            let mut x = s.manual_shares.iter().find(|x| &x.id == id)?.clone();
            x.access = ShareAccess::Edit;
            Some((
                upsert(Collection::ManualShares, &x)?,
                format!("set manual share '{}' to Read/Write", x.id),
            ))
        }
        Reason::AccountTeam { member } => {
            let t = &ix.account_teams[member.ix()];
            let (acc, uid) = (&ix.record(t.account).id, &ix.user(t.user).id);
            let mut x = s
                .account_teams
                .iter()
                .find(|x| &x.account == acc && &x.user == uid)?
                .clone();
            let what = match ix.record(record).object {
                ObjectKind::Account => {
                    x.account_access = ShareAccess::Edit;
                    "account"
                }
                ObjectKind::Case => {
                    x.case_access = ChildAccess::Edit;
                    "case"
                }
                ObjectKind::Opportunity => {
                    x.opportunity_access = ChildAccess::Edit;
                    "opportunity"
                }
                _ => {
                    x.contact_access = ChildAccess::Edit;
                    "contact"
                }
            };
            Some((
                upsert(Collection::AccountTeams, &x)?,
                format!(
                    "set {}'s {what} access on the account team of '{}' to Read/Write",
                    ix.user(t.user).name,
                    ix.record(t.account).name
                ),
            ))
        }
        Reason::OpportunityTeam { member } | Reason::CaseTeam { member } => {
            let opp = matches!(reason, Reason::OpportunityTeam { .. });
            let t = if opp {
                &ix.opportunity_teams[member.ix()]
            } else {
                &ix.case_teams[member.ix()]
            };
            let (rid, uid) = (&ix.record(t.record).id, &ix.user(t.user).id);
            let name = &ix.user(t.user).name;
            let edit = if opp {
                let mut x = s
                    .opportunity_teams
                    .iter()
                    .find(|x| &x.opportunity == rid && &x.user == uid)?
                    .clone();
                x.access = ShareAccess::Edit;
                upsert(Collection::OpportunityTeams, &x)?
            } else {
                let mut x = s
                    .case_teams
                    .iter()
                    .find(|x| &x.case_id == rid && &x.user == uid)?
                    .clone();
                x.access = ShareAccess::Edit;
                upsert(Collection::CaseTeams, &x)?
            };
            Some((
                edit,
                format!(
                    "set {name}'s access on the {} team to Read/Write",
                    if opp { "opportunity" } else { "case" }
                ),
            ))
        }
        Reason::AccountOwnerChild { role, .. } => {
            let id = &ix.role(*role).id;
            let mut x = s.roles.iter().find(|x| &x.id == id)?.clone();
            let object = ix.record(record).object;
            match object {
                ObjectKind::Case => x.case_access_for_account_owner = ChildAccess::Edit,
                ObjectKind::Opportunity => {
                    x.opportunity_access_for_account_owner = ChildAccess::Edit
                }
                _ => x.contact_access_for_account_owner = ChildAccess::Edit,
            }
            Some((
                upsert(Collection::Roles, &x)?,
                format!(
                    "let role '{}' give account owners Read/Write on their accounts' {}s",
                    x.name,
                    object.key()
                ),
            ))
        }
        Reason::RelatedParty {
            responsibility: Some(r),
            ..
        } => raise_responsibility(ix, *r, ix.record(record).object),
        Reason::SoldProductCase { party: Some(p), .. } => {
            let r = ix.related_parties[p.ix()].responsibility(ix)?;
            raise_responsibility(ix, r, ObjectKind::Case)
        }
        _ => None,
    }
}

fn raise_responsibility(
    ix: &Index,
    r: crate::engine::index::RespIx,
    table: ObjectKind,
) -> Option<Step> {
    let resp = &ix.responsibilities[r.ix()];
    Some((
        upsert_json(
            Collection::ResponsibilityAccess,
            json!({"responsibility": resp.id, "table": table, "access": "write"}),
        ),
        format!(
            "give responsibility '{}' write access on {}",
            resp.name,
            table.label()
        ),
    ))
}

/// Raise the org-wide default on the user's side to the target (the external default may not
/// exceed the internal one, so an external raise lifts the internal one too if needed).
fn open_default(ix: &Index, user: UserIx, object: ObjectKind, target: Access) -> Option<Step> {
    let now = ix.org_default(object);
    if now.internal == Sharing::ControlledByParent || object == ObjectKind::AccountChild {
        return None;
    }
    let want = if target >= Access::Edit {
        Sharing::PublicReadWrite
    } else {
        Sharing::PublicRead
    };
    let external = ix.user(user).kind == UserKind::External;
    let default = if external {
        OrgDefault {
            internal: now.internal.max(want),
            external: Some(want),
        }
    } else {
        OrgDefault {
            internal: want,
            external: Some(now.external().min(want)),
        }
    };
    Some((
        Edit::SetOrgDefault { object, default },
        format!(
            "set the {} org-wide default for {} to {}",
            if external { "external" } else { "internal" },
            ix.object_label(object),
            want.label()
        ),
    ))
}

/// Full is the owner's level: make the user the owner, or give their profile Modify All.
fn full_raisers(ix: &Index, user: UserIx, record: RecordIx) -> Vec<(Step, u8)> {
    let mut out = Vec::new();
    let u = ix.user(user);
    let rec = ix.record(record);
    let label = record_label(ix, record);
    if let Some(e) = owner_edit(&ix.scenario, rec.object, &rec.id, &u.id) {
        let from = match rec.owner {
            Owner::User(o) => format!(" (now {})", ix.user(o).name),
            Owner::Queue(q) => format!(" (now the queue '{}')", ix.queue(q).name),
        };
        out.push((
            (e, format!("make {} the owner of {label}{from}", u.name)),
            1,
        ));
    }
    let pid = &ix.profiles[u.profile.ix()].id;
    if let Some(mut p) = ix.scenario.profiles.iter().find(|p| &p.id == pid).cloned() {
        p.objects.entry(rec.object).or_default().extend([
            ObjectPermission::Read,
            ObjectPermission::Edit,
            ObjectPermission::ViewAll,
            ObjectPermission::ModifyAll,
        ]);
        if let Some(e) = upsert(Collection::Profiles, &p) {
            out.push((
                (
                    e,
                    format!(
                        "give profile '{}' Modify All on {}",
                        p.name,
                        ix.object_label(rec.object)
                    ),
                ),
                4,
            ));
        }
    }
    out
}

/// The record's entry with a new owner, in the list its object lives in.
fn owner_edit(s: &Scenario, object: ObjectKind, id: &str, owner: &str) -> Option<Edit> {
    macro_rules! set_owner {
        ($list:expr, $collection:expr) => {{
            let mut x = $list.iter().find(|x| x.id == id)?.clone();
            x.owner = owner.to_string();
            upsert($collection, &x)
        }};
    }
    match object {
        ObjectKind::Account => set_owner!(s.accounts, Collection::Accounts),
        ObjectKind::Contact => set_owner!(s.contacts, Collection::Contacts),
        ObjectKind::Case => set_owner!(s.cases, Collection::Cases),
        ObjectKind::Opportunity => set_owner!(s.opportunities, Collection::Opportunities),
        ObjectKind::Lead => set_owner!(s.leads, Collection::Leads),
        ObjectKind::Asset => set_owner!(s.assets, Collection::Assets),
        ObjectKind::SoldProduct => set_owner!(s.sold_products, Collection::SoldProducts),
        ObjectKind::AccountChild => set_owner!(s.account_children, Collection::AccountChildren),
        ObjectKind::Custom(_) => {
            let mut x = s.custom_records.iter().find(|x| x.id == id)?.clone();
            // A detail record has no owner to change: its master's owner owns it.
            x.owner.as_ref()?;
            x.owner = Some(owner.to_string());
            upsert(Collection::CustomRecords, &x)
        }
    }
}

/// A related party whose responsibility gives too little: the agent's override to a
/// responsibility of the same kind that gives at least `target` on this table.
fn party_responsibility(
    ix: &Index,
    party: crate::engine::index::PartyIx,
    record: RecordIx,
    target: Access,
) -> Option<Step> {
    let p = &ix.related_parties[party.ix()];
    let table = ix.record(record).object;
    let kind = ix.party_configs[p.config.ix()].entity;
    let resp = ix
        .responsibilities
        .iter()
        .find(|r| r.kind == kind && r.access.get(&table).is_some_and(|a| a.access() >= target))?;
    let mut x = ix
        .scenario
        .related_parties
        .iter()
        .find(|x| x.id == p.id)?
        .clone();
    x.responsibility = Some(resp.id.clone());
    Some((
        upsert(Collection::RelatedParties, &x)?,
        format!(
            "give related party '{}' the responsibility '{}' in place of its relationship's default",
            p.id, resp.name
        ),
    ))
}
