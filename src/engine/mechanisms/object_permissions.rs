//! Object-level overrides. Salesforce: "View All" and "Modify All" on an object, and "View All
//! Data" and "Modify All Data" system-wide, ignore sharing: View gives Read on every record,
//! Modify gives full access. They never create implicit parent access (Stage::Baseline).
//! The other side of object permissions, the cap (no Read means nothing, no Edit means at most
//! Read), is applied by the core through `Index::object_cap`.

use super::{Mechanism, Stage};
use crate::engine::evaluate::Evaluator;
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::level::Access;
use crate::engine::reason::{Grant, Reason};
use crate::engine::scenario::{ObjectPermission, SystemPermission};

pub struct ObjectOverrides;

impl Mechanism for ObjectOverrides {
    fn id(&self) -> crate::engine::reason::MechanismId {
        crate::engine::reason::MechanismId::ObjectPermissions
    }

    fn why_not(&self, ev: &Evaluator, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = ev.ix;
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
            object.label()
        ))
    }

    fn stage(&self) -> Stage {
        Stage::Baseline
    }

    fn grants(&self, ev: &Evaluator, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = ev.ix;
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
}
