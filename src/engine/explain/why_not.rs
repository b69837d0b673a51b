//! "Why not the next level up" for one (user, record): the blockers (what stops the target
//! level, most decisive first) and, for a None cell, every registered mechanism that was
//! considered and gave nothing, each in its own words (`Mechanism::why_not`).

use super::{Blocker, BlockerKind, Considered};
use crate::engine::evaluate::{Decision, Evaluator};
use crate::engine::index::{Owner, RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::mechanisms::{replaces_sharing, Stage, REGISTRY};
use crate::engine::reason::{record_label, Grant, Reason};
use crate::engine::scenario::ObjectKind;

/// The level just above `level` (None for Full).
pub fn next_level(level: Access) -> Option<Access> {
    match level {
        Access::None => Some(Access::Read),
        Access::Read => Some(Access::Edit),
        Access::Edit => Some(Access::Full),
        Access::Full => None,
    }
}

fn blocker(kind: BlockerKind, text: String) -> Blocker {
    let mut c = text.chars();
    let text = match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => text,
    };
    Blocker { kind, text }
}

/// What stops `target`, most decisive first: what no sharing can get past (an inactive user,
/// the object permissions), then Full's ownership rule, then what the grants that do reach the
/// record are set to, then the frame (Restrict Contact Access, high-volume limits, the default).
pub fn blockers(
    ev: &Evaluator,
    d: &Decision,
    user: UserIx,
    record: RecordIx,
    target: Access,
) -> Vec<Blocker> {
    let ix = ev.ix;
    let u = ix.user(user);
    let who = &u.name;
    let rec = record_label(ix, record);
    let object = ix.record(record).object;
    let profile = &ix.profiles[u.profile.ix()].name;
    let mut out = Vec::new();
    if d.inactive {
        out.push(blocker(
            BlockerKind::InactiveUser,
            format!("{who} is inactive, and inactive users have no access to any record."),
        ));
    }
    if d.cap < target {
        let text = if d.cap == Access::None {
            format!(
                "{who}'s profile '{profile}' and permission sets give no Read on {}, so no sharing can show them any {} record.",
                ix.object_label(object),
                ix.object_noun(object)
            )
        } else {
            format!(
                "{who}'s profile '{profile}' and permission sets give Read but no Edit on {}, so every grant is capped at Read.",
                ix.object_label(object)
            )
        };
        out.push(blocker(BlockerKind::ObjectPermission, text));
    }
    if target == Access::Full {
        let owner = match ix.record(record).owner {
            Owner::User(o) => format!("{} owns it", ix.user(o).name),
            Owner::Queue(q) => format!("the queue '{}' owns it", ix.queue(q).name),
        };
        out.push(blocker(
            BlockerKind::NotOwner,
            format!(
                "Full is the owner's level (view, edit, delete, transfer, share): only owning {rec}, holding a role above its owner, being a member of the queue that owns it or Modify All on {} give it; {owner}, and {who} is none of these.",
                ix.object_label(object)
            ),
        ));
        return out;
    }
    // The frame, for a user who could hold the level if a grant reached it.
    let uncapped = if d.inactive {
        // Decide as if active, so the grants that would apply are named too.
        granting(ev, user, record)
            .first()
            .map_or(Access::None, |g| g.level)
    } else {
        d.uncapped
    };
    if uncapped >= target {
        return out;
    }
    if d.controlled_by_parent {
        if let Some(parent) = ev.parent_of(record) {
            let (_, external) = ix.sharing_for(user, object);
            let pd = ev.decide(user, parent);
            out.push(blocker(
                BlockerKind::ControlledByParent,
                format!(
                    "{} is Controlled by Parent ({} default): {who} gets on {rec} exactly what they have on its parent {}, which is {}. On the parent:",
                    ix.object_label(object),
                    if external { "external" } else { "internal" },
                    record_label(ix, parent),
                    pd.level.label()
                ),
            ));
            // What stops the parent stops the child.
            out.extend(
                blockers(ev, &pd, user, parent, target)
                    .into_iter()
                    .filter(|b| b.kind != BlockerKind::InactiveUser),
            );
            return out;
        }
    }
    if target == Access::Read {
        if let Some(text) = restricted_contact(ev, user, record) {
            out.push(blocker(BlockerKind::RestrictContactAccess, text));
        }
    }
    let grants = if d.inactive {
        granting(ev, user, record)
    } else {
        d.grants
            .iter()
            .filter(|g| g.level > Access::None)
            .cloned()
            .collect()
    };
    // One blocker per mechanism: three cases giving implicit Read on one account say one thing.
    let mut named = Vec::new();
    for g in grants.iter().filter(|g| g.level == uncapped) {
        let m = innermost(&g.reason).mechanism();
        if !named.contains(&m) {
            named.push(m);
            out.push(grant_blocker(ev, g, user, record, target));
        }
    }
    // Mechanisms that matched but carry nothing (a related party with no responsibility, a
    // sharing-set mapping whose lookup points elsewhere): they name the nearest miss.
    if uncapped == Access::None && !d.inactive {
        for g in d.grants.iter().filter(|g| g.level == Access::None) {
            out.push(blocker(
                BlockerKind::NoGrant,
                g.reason.describe(ix, user, record),
            ));
        }
    }
    if u.high_volume() {
        out.push(blocker(
            BlockerKind::HighVolumeUser,
            format!(
                "{who} is a high-volume user ({}): they have no role and are in no group, so the role hierarchy, sharing rules, groups and teams never reach them.",
                u.license.map(|l| l.label()).unwrap_or("Customer Community")
            ),
        ));
    }
    if let Owner::User(o) = ix.record(record).owner {
        let owner = ix.user(o);
        if o != user && owner.high_volume() && u.role.is_some() {
            out.push(blocker(
                BlockerKind::HighVolumeUser,
                format!(
                    "{rec} is owned by {}, a high-volume portal user with no role: nobody is above them in the role hierarchy, and only a sharing set's share group gives internal users their records.",
                    owner.name
                ),
            ));
        }
    }
    if uncapped == Access::None && !d.controlled_by_parent {
        let (setting, external) = ix.sharing_for(user, object);
        out.push(blocker(
            BlockerKind::OrgDefault,
            format!(
                "The {} org-wide default for {} is {}, and nothing else shares {rec} with {who}.",
                if external { "external" } else { "internal" },
                ix.object_label(object),
                setting.label()
            ),
        ));
    }
    if out.is_empty() {
        out.push(blocker(
            BlockerKind::NoGrant,
            format!("Nothing gives {who} {} on {rec}.", target.label()),
        ));
    }
    out
}

/// The grants above None the mechanisms give, ignoring whether the user is active.
fn granting(ev: &Evaluator, user: UserIx, record: RecordIx) -> Vec<Grant> {
    let cbp = replaces_sharing(ev.ix, record);
    let mut out = Vec::new();
    for m in REGISTRY {
        if cbp && matches!(m.declared().stage, Stage::Share | Stage::Hierarchy) {
            continue;
        }
        m.grants(&ev.cx(), user, record, &mut out);
    }
    out.retain(|g| g.level > Access::None);
    out.sort_by_key(|g| std::cmp::Reverse(g.level));
    out
}

/// A grant that reaches the record but stops below `target`, named with its own setting.
fn grant_blocker(
    ev: &Evaluator,
    g: &Grant,
    user: UserIx,
    record: RecordIx,
    target: Access,
) -> Blocker {
    let ix = ev.ix;
    let kind = match innermost(&g.reason) {
        Reason::OrgDefault { .. } => BlockerKind::OrgDefault,
        Reason::ControlledByParent { .. } => BlockerKind::ControlledByParent,
        _ => BlockerKind::ReadOnlyGrant,
    };
    let what = match innermost(&g.reason) {
        Reason::SharingSet { .. } => "The sharing-set mapping that reaches it is Read Only",
        Reason::SharingRule { .. } => "The sharing rule that reaches it is Read Only",
        Reason::ManualShare { .. } => "The manual share is Read Only",
        Reason::AccountTeam { .. } => "The account team membership gives Read Only",
        Reason::OpportunityTeam { .. } | Reason::CaseTeam { .. } => {
            "The team membership gives Read Only"
        }
        Reason::ShareGroup { .. } => "The share group gives Read Only",
        Reason::RelatedParty { .. } | Reason::SoldProductCase { party: Some(_), .. } => {
            "The related party's responsibility gives read only"
        }
        Reason::SoldProductCase { party: None, .. } | Reason::AccountContactProduct { .. } => {
            "A contact of an account that does not restrict contact access reads its sold products and their cases, and no more"
        }
        Reason::OrgDefault { .. } => "The org-wide default gives everybody this level and no more",
        Reason::ObjectOverride { .. } | Reason::SystemOverride { .. } => {
            "View All and View All Data ignore sharing, but only to read"
        }
        Reason::ImplicitParent { .. } => "Implicit parent access gives Read only",
        Reason::ControlledByParent { .. } => "It follows its parent",
        Reason::AccountOwnerChild { .. } => "The account owner's role setting gives Read only",
        Reason::CsmRole { .. } => "The partner CSM role reads, it does not edit",
        Reason::Creator { .. } | Reason::Assignment { .. } => {
            "The profile's setting gives Read only"
        }
        _ => "This grant stops below it",
    };
    // The grant itself is listed in full among the reasons just above; here its first clause
    // (what it is, before the ": why it applies") is enough to name it.
    let described = g.reason.describe(ix, user, record);
    let named = described
        .split_once(": ")
        .map_or(described.as_str(), |(head, _)| head);
    Blocker {
        kind,
        text: format!(
            "{what} ({}, not {}): {named}.",
            g.level.label(),
            target.label()
        ),
    }
}

/// The grant a role-hierarchy grant lifts, all the way down.
fn innermost(r: &Reason) -> &Reason {
    match r {
        Reason::RoleHierarchy { inner, .. } => innermost(inner),
        other => other,
    }
}

/// ServiceNow: with Restrict Contact Access on, a contact of the account reaches its sold
/// products (and their cases) only as a related party.
pub fn restricted_contact(ev: &Evaluator, user: UserIx, record: RecordIx) -> Option<String> {
    let ix = ev.ix;
    let rec = ix.record(record);
    let product = match rec.object {
        ObjectKind::SoldProduct => record,
        ObjectKind::Case => rec.sold_product?,
        _ => return None,
    };
    let account = ix.record(product).account?;
    let u = ix.user(user);
    if !ix.record(account).restrict_contact_access || u.account != Some(account) {
        return None;
    }
    // A party whose relationship carries no responsibility is a party all the same.
    let party = ix.parties_by_record[product.ix()].iter().find(|p| {
        let rp = &ix.related_parties[p.ix()];
        rp.party
            == crate::engine::index::PartyIxRef::Contact(u.contact.unwrap_or(RecordIx(u32::MAX)))
            && rp.responsibility(ix).is_none()
    });
    let who = match party {
        Some(p) => format!(
            "{} is one only as '{}', which carries no responsibility",
            u.name,
            ix.party_configs[ix.related_parties[p.ix()].config.ix()].name
        ),
        None => format!("{} is not one", u.name),
    };
    Some(format!(
        "Restrict Contact Access is on for {}: its contacts reach sold product '{}' and its cases only as the product's related parties with a responsibility, and {who}.",
        record_label(ix, account),
        ix.record(product).name,
    ))
}

/// For a None cell: every mechanism that applies to this object and scenario, with why it gave
/// nothing. A Controlled-by-Parent record has no sharing of its own, so only the mechanisms
/// that still run for it are listed.
pub fn considered(ev: &Evaluator, user: UserIx, record: RecordIx) -> Vec<Considered> {
    let cbp = replaces_sharing(ev.ix, record);
    REGISTRY
        .iter()
        .filter(|m| !(cbp && matches!(m.declared().stage, Stage::Share | Stage::Hierarchy)))
        .filter_map(|m| {
            m.why_not(&ev.cx(), user, record).map(|text| Considered {
                mechanism: m.id(),
                mechanism_label: m.id().label().to_string(),
                text,
            })
        })
        .collect()
}
