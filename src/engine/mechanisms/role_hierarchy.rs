//! The role hierarchy. Salesforce: users above a record owner in the role hierarchy are
//! implicitly granted the owner's access (Full), and managers likewise inherit the access that
//! sharing rules, manual shares and teams give the users below them. "Grant Access Using
//! Hierarchies" can be turned off only for custom objects: then "only the record owner and
//! users granted access by the org-wide defaults receive access to the object's records" and
//! nobody inherits anything upward (queues' own switch included).

use super::reason::{Grant, Reason};
use super::{Cx, Declared, Mechanism, SetGrant, Stage};
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::sets::{SetCx, Who};

pub struct RoleHierarchy;

impl Mechanism for RoleHierarchy {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::RoleHierarchy
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
        let u = ix.user(user);
        let rec = super::reason::record_label(ix, record);
        let Some(role) = u.role else {
            if ix.roles.is_empty() {
                return None;
            }
            return Some(format!(
                "{} has no role, so nobody's access is lifted to them through the role hierarchy.",
                u.name
            ));
        };
        let object = ix.record(record).object;
        if !ix.hierarchy_grants_access(object) {
            return Some(format!(
                "Grant Access Using Hierarchies is off for {}: nobody inherits access to its records through the role hierarchy.",
                ix.object_label(object)
            ));
        }
        // A subordinate's share that their deactivation keeps from their managers.
        for sub in ix.users_below(role).filter(|s| !ix.user(*s).active) {
            if let Some(g) = cx
                .shares(sub, record)
                .into_iter()
                .find(|g| g.level > Access::None && !super::lifts(ix, sub, g))
            {
                return Some(format!(
                    "{} (below {} in the role hierarchy) has {rec} through {}, but is deactivated: deactivated users lose access shared with them manually or as team members, and so do the users above them.",
                    ix.user(sub).name,
                    u.name,
                    g.reason.mechanism().label().to_lowercase()
                ));
            }
        }
        let owner = match ix.record(record).owner {
            crate::engine::index::Owner::User(o) => {
                let o = ix.user(o);
                match o.role {
                    None if o.high_volume() => format!("its owner {} is a high-volume portal user with no role, so nobody is above them", o.name),
                    None => format!("its owner {} has no role, so nobody is above them", o.name),
                    Some(r) => format!("its owner {} holds role '{}', which is not below '{}'", o.name, ix.role(r).name, ix.role(role).name),
                }
            }
            crate::engine::index::Owner::Queue(q) => {
                format!("a queue ('{}') owns it", ix.queue(q).name)
            }
        };
        Some(format!(
            "Nobody below {}'s role '{}' owns {rec} or has it shared with them: {owner}.",
            u.name,
            ix.role(role).name
        ))
    }

    fn declared(&self) -> Declared {
        Declared {
            stage: Stage::Hierarchy,
            lifted: false,
            implies_parent: false,
        }
    }

    /// A lifted grant implies parent Read exactly when the subordinate's grant does.
    fn implies_parent(&self, reason: &Reason) -> bool {
        match reason {
            Reason::RoleHierarchy { inner, .. } => super::reason_implies_parent(inner),
            _ => false,
        }
    }

    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let Some(manager_role) = cx.ix.user(user).role else {
            return;
        };
        if !cx.ix.hierarchy_grants_access(cx.ix.record(record).object) {
            return;
        }
        // Subordinates' shares count even when the subordinate is inactive (their records stay
        // visible to the managers above them), unless their mechanism says the deactivation
        // takes them away (manual shares with them, team memberships).
        let mut lift = |sub: UserIx, g: Grant| {
            if super::lifts(cx.ix, sub, &g) {
                out.push(Grant {
                    level: g.level,
                    reason: Reason::RoleHierarchy {
                        manager_role,
                        subordinate: sub,
                        inner: Box::new(g.reason),
                    },
                });
            }
        };
        match cx.share_holders(record) {
            Some(holders) => {
                for (sub, g) in holders.iter() {
                    let below = cx.ix.user(*sub).role.is_some_and(|r| {
                        r != manager_role && cx.ix.role_at_or_below(r, manager_role)
                    });
                    if below {
                        lift(*sub, g.clone());
                    }
                }
            }
            None => {
                // With the matrix at hand, subordinates whose cell shows no access hold no
                // share to lift (a CEO's explanation otherwise asks the whole company).
                for sub in cx.ix.users_below(manager_role) {
                    if !cx.may_hold_share(sub, record) {
                        continue;
                    }
                    for g in cx.shares(sub, record) {
                        lift(sub, g);
                    }
                }
            }
        }
    }

    /// Each lifted grant of the Share stage widened to everyone above its holders, from the
    /// precomputed "users above this role" and "members with their managers" sets: a
    /// principal's grant becomes one grant to its members and managers, a user's gains one to
    /// the users above their role.
    fn lift_sets(&self, sx: &SetCx, record: RecordIx, grants: &mut Vec<SetGrant>) -> bool {
        if !sx.ix.hierarchy_grants_access(sx.ix.record(record).object) {
            return true;
        }
        for i in 0..grants.len() {
            let g = &mut grants[i];
            if !g.lifted || g.level == Access::None {
                continue;
            }
            g.lifted = false;
            let widened = match &g.who {
                Who::Members(p) => {
                    g.who = Who::Set(sx.member_set(*p, true));
                    continue;
                }
                Who::One(u) => sx.ix.user(*u).role.map(|r| sx.above(r)),
                Who::Set(users) => Some(sx.above_all(users)),
            };
            if let Some(users) = widened {
                let (level, implies_parent) = (g.level, g.implies_parent);
                grants.push(SetGrant {
                    who: Who::Set(users),
                    level,
                    lifted: false,
                    implies_parent,
                });
            }
        }
        true
    }
}
