//! Share groups. Salesforce: high-volume portal users have no role, so nobody above them sees
//! their records; a sharing set's share group names the internal users and groups that get
//! access to the records owned by the high-volume users of the set's profiles. The level is
//! set on the share group (Read by default) since the vendor leaves it to the configuration.

use super::reason::{Grant, Reason};
use super::{Cx, Declared, Mechanism, Stage};
use crate::engine::index::{Owner, RecordIx, SetIx, UserIx};
use crate::engine::sets::SetCx;

pub struct ShareGroups;

impl Mechanism for ShareGroups {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::ShareGroup
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
        let Owner::User(owner) = ix.record(record).owner else {
            return None;
        };
        let o = ix.user(owner);
        if !o.high_volume() || owner == user {
            return None;
        }
        let rec = super::reason::record_label(ix, record);
        let sets: Vec<String> = ix
            .sharing_sets
            .iter()
            .filter(|s| s.share_group.is_some() && s.profiles.contains(&o.profile))
            .map(|s| format!("'{}'", s.name))
            .collect();
        Some(if sets.is_empty() {
            format!(
                "{rec} is owned by {}, a high-volume portal user, and no sharing set of their profile has a share group.",
                o.name
            )
        } else {
            format!(
                "{rec} is owned by {}, a high-volume portal user; the share group of sharing set {} does not include {}.",
                o.name,
                sets.join(", "),
                ix.user(user).name
            )
        })
    }

    fn declared(&self) -> Declared {
        Declared {
            stage: Stage::Share,
            lifted: false,
            implies_parent: false,
        }
    }

    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = cx.ix;
        let Owner::User(owner) = ix.record(record).owner else {
            return;
        };
        let o = ix.user(owner);
        if !o.high_volume() || owner == user {
            return;
        }
        for (s, set) in ix.sharing_sets.iter().enumerate() {
            let Some((members, access)) = &set.share_group else {
                continue;
            };
            if !set.profiles.contains(&o.profile) {
                continue;
            }
            if let Some(membership) = members.iter().find_map(|m| ix.membership(user, *m)) {
                out.push(Grant {
                    level: access.access(),
                    reason: Reason::ShareGroup {
                        set: SetIx(s as u32),
                        owner,
                        membership,
                    },
                });
            }
        }
    }

    fn candidates(&self, sx: &SetCx, record: RecordIx) -> Option<Vec<UserIx>> {
        let ix = sx.ix;
        let Owner::User(o) = ix.record(record).owner else {
            return Some(vec![]);
        };
        if !ix.user(o).high_volume() {
            return Some(vec![]);
        }
        Some(
            ix.sharing_sets
                .iter()
                .filter_map(|s| s.share_group.as_ref())
                .flat_map(|(members, _)| {
                    members
                        .iter()
                        .flat_map(|m| sx.members(*m).iter().copied().collect::<Vec<_>>())
                })
                .collect(),
        )
    }
}
