//! The role hierarchy. Salesforce: users above a record owner in the role hierarchy are
//! implicitly granted the owner's access (Full), and managers likewise inherit the access that
//! sharing rules, manual shares and teams give the users below them. "Grant Access Using
//! Hierarchies" can be turned off only for custom objects, so for these standard objects it is
//! always on; queues have their own switch.

use super::{Mechanism, Stage};
use crate::engine::evaluate::Evaluator;
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::reason::{Grant, Reason};

pub struct RoleHierarchy;

impl Mechanism for RoleHierarchy {
    fn id(&self) -> crate::engine::reason::MechanismId {
        crate::engine::reason::MechanismId::RoleHierarchy
    }

    fn why_not(&self, ev: &Evaluator, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = ev.ix;
        let u = ix.user(user);
        let rec = crate::engine::reason::record_label(ix, record);
        let Some(role) = u.role else {
            if ix.roles.is_empty() {
                return None;
            }
            return Some(format!(
                "{} has no role, so nobody's access is lifted to them through the role hierarchy.",
                u.name
            ));
        };
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

    fn stage(&self) -> Stage {
        Stage::Hierarchy
    }

    fn grants(&self, ev: &Evaluator, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let Some(manager_role) = ev.ix.user(user).role else {
            return;
        };
        // Subordinates' shares count even when the subordinate is inactive: their records stay
        // visible to the managers above them.
        let mut lift = |sub: UserIx, g: Grant| {
            if g.level > Access::None && g.reason.inherited_by_managers(ev.ix) {
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
        match ev.share_holders(record) {
            Some(holders) => {
                for (sub, g) in holders.iter() {
                    let below = ev.ix.user(*sub).role.is_some_and(|r| {
                        r != manager_role && ev.ix.role_at_or_below(r, manager_role)
                    });
                    if below {
                        lift(*sub, g.clone());
                    }
                }
            }
            None => {
                // With the matrix at hand, subordinates whose cell shows no access hold no
                // share to lift (a CEO's explanation otherwise asks the whole company).
                for sub in ev.ix.users_below(manager_role) {
                    if !ev.may_hold_share(sub, record) {
                        continue;
                    }
                    for g in ev.shares(sub, record) {
                        lift(sub, g);
                    }
                }
            }
        }
    }
}
