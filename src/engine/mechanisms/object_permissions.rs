//! Object-level overrides. Salesforce: "View All" and "Modify All" on an object, and "View All
//! Data" and "Modify All Data" system-wide, ignore sharing: View gives Read on every record,
//! Modify gives full access. They never create implicit parent access (Stage::Baseline).
//! The other side of object permissions, the cap (no Read means nothing, no Edit means at most
//! Read), is applied by the core through `Index::object_cap`.

use super::reason::{Grant, Reason};
use super::{Cx, Declared, Mechanism, SetGrant, Stage};
use crate::engine::bits::insert;
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::scenario::{ObjectKind, ObjectPermission, SystemPermission};
use crate::engine::sets::{SetCx, Who};
use std::rc::Rc;

pub struct ObjectOverrides;

impl Mechanism for ObjectOverrides {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::ObjectPermissions
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
        let object = ix.record(record).object;
        let anyone = ix.profiles.iter().chain(&ix.permission_sets).any(|p| {
            !p.system.is_empty()
                || p.objects.get(&object).is_some_and(|s| {
                    s.contains(&ObjectPermission::ViewAll)
                        || s.contains(&ObjectPermission::ModifyAll)
                })
        });
        if !anyone {
            return None;
        }
        Some(format!(
            "{}'s profile and permission sets give no View All or Modify All on {}, nor View All Data.",
            ix.user(user).name,
            ix.object_label(object)
        ))
    }

    fn declared(&self) -> Declared {
        Declared {
            stage: Stage::Baseline,
            lifted: false,
            implies_parent: false,
        }
    }

    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = cx.ix;
        let object = ix.record(record).object;
        for (permission, level) in [
            (ObjectPermission::ModifyAll, Access::Full),
            (ObjectPermission::ViewAll, Access::Read),
        ] {
            if let Some(source) = ix.object_permission(user, object, permission) {
                out.push(Grant {
                    level,
                    reason: Reason::ObjectOverride {
                        object,
                        permission,
                        source,
                    },
                });
                break;
            }
        }
        for (permission, level) in [
            (SystemPermission::ModifyAllData, Access::Full),
            (SystemPermission::ViewAllData, Access::Read),
        ] {
            if let Some(source) = ix.system_permission(user, permission) {
                out.push(Grant {
                    level,
                    reason: Reason::SystemOverride { permission, source },
                });
                break;
            }
        }
    }

    /// Modify All (or Modify All Data) holders at Full, View All (or View All Data) holders at
    /// Read, user by user once per object.
    fn object_sets(&self, sx: &SetCx, object: ObjectKind, out: &mut Vec<SetGrant>) -> bool {
        let ix = sx.ix;
        let (mut full, mut read) = (sx.none(), sx.none());
        for u in ix.user_ixs() {
            let obj = |p| ix.object_permission(u, object, p).is_some();
            let sys = |p| ix.system_permission(u, p).is_some();
            if obj(ObjectPermission::ModifyAll) || sys(SystemPermission::ModifyAllData) {
                insert(&mut full, u.ix());
            } else if obj(ObjectPermission::ViewAll) || sys(SystemPermission::ViewAllData) {
                insert(&mut read, u.ix());
            }
        }
        for (users, level) in [(full, Access::Full), (read, Access::Read)] {
            out.push(SetGrant {
                who: Who::Set(Rc::new(users)),
                level,
                lifted: false,
                implies_parent: false,
            });
        }
        true
    }
}
