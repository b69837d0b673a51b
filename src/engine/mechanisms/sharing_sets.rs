//! Sharing sets (seed 002). Salesforce: a sharing set is assigned to profiles and holds access
//! mappings; each mapping gives portal users of those profiles Read Only or Read/Write on the
//! records of one object whose lookup (direct, like Case.Account, or indirect, like
//! Case.Asset.Account) equals the user's Account or Contact. A broken link in an indirect path
//! (a case with no asset, an asset with no account) matches nothing. Sharing-set access is not
//! inherited up the role hierarchy and gives no implicit parent access.

use super::reason::{Grant, Reason};
use super::{Changed, Cx, Declared, Mechanism, SetGrant, Stage};
use crate::engine::index::{Index, Link, MappingData, RecordIx, SetIx, UserIx};
use crate::engine::level::Access;
use crate::engine::scenario::{Hop, ObjectKind, TargetPath, UserField, UserKind};
use crate::engine::sets::{SetCx, Who};

pub struct SharingSets;

impl Mechanism for SharingSets {
    fn id(&self) -> super::reason::MechanismId {
        super::reason::MechanismId::SharingSet
    }

    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let ix = cx.ix;
        let u = ix.user(user);
        let object = ix.record(record).object;
        let for_object: Vec<_> = ix
            .sharing_sets
            .iter()
            .filter(|s| s.mappings.iter().any(|m| m.object == object))
            .collect();
        if for_object.is_empty() {
            return None;
        }
        if u.kind != UserKind::External {
            return Some(format!(
                "Sharing sets give access to portal users only, and {} is an internal user.",
                u.name
            ));
        }
        let mut misses = Vec::new();
        for (set, m, mapping) in mappings_for(ix, user, object) {
            let found = follow(ix, record, mapping.target);
            let reason = Reason::SharingSetMiss {
                set,
                mapping: m,
                found,
            };
            misses.push(reason.describe(ix, user, record));
        }
        if misses.is_empty() {
            let names: Vec<String> = for_object.iter().map(|s| format!("'{}'", s.name)).collect();
            return Some(format!(
                "No sharing set with a {} mapping ({}) is assigned to {}'s profile '{}'.",
                ix.object_label(object),
                names.join(", "),
                u.name,
                ix.profiles[u.profile.ix()].name
            ));
        }
        Some(misses.join(" "))
    }

    fn declared(&self) -> Declared {
        Declared {
            stage: Stage::Share,
            lifted: false,
            implies_parent: false,
        }
    }

    /// An indirect mapping (Case.Asset.Account) reads the lookups of the record in between.
    fn inputs(&self, ix: &Index, record: RecordIx, out: &mut Vec<(RecordIx, Changed)>) {
        let rec = ix.record(record);
        let paths = ix
            .sharing_sets
            .iter()
            .flat_map(|s| &s.mappings)
            .filter(|m| m.object == rec.object);
        for m in paths {
            let between = match m.target {
                TargetPath::AssetAccount | TargetPath::AssetContact => rec.asset,
                TargetPath::ContactAccount => rec.contact,
                TargetPath::Lookup(f, Some(_)) => match rec.link(f) {
                    Some(Link::Record(x)) => Some(x),
                    _ => None,
                },
                TargetPath::Id
                | TargetPath::Account
                | TargetPath::Contact
                | TargetPath::Lookup(_, None) => None,
            };
            out.extend(between.map(|r| (r, Changed::Record)));
        }
    }

    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>) {
        let ix = cx.ix;
        let u = ix.user(user);
        if u.kind != UserKind::External {
            return;
        }
        let object = ix.record(record).object;
        for (set, m, mapping) in mappings_for(ix, user, object) {
            let Some(mine) = ix.user_field(user, mapping.user_field) else {
                continue;
            };
            let found = follow(ix, record, mapping.target);
            if found == Some(mine) {
                out.push(Grant {
                    level: mapping.access.access(),
                    reason: Reason::SharingSet {
                        set,
                        mapping: m,
                        matched: mine,
                    },
                });
            } else {
                // A zero-level note, so "why not" can name the mapping that did not match.
                out.push(Grant {
                    level: Access::None,
                    reason: Reason::SharingSetMiss {
                        set,
                        mapping: m,
                        found,
                    },
                });
            }
        }
    }

    /// Per mapping: the set's external users whose account (or contact) is the record the
    /// mapping's path leads to. Not inherited by managers, no implicit parent access.
    fn share_sets(&self, sx: &SetCx, record: RecordIx, out: &mut Vec<SetGrant>) -> bool {
        let ix = sx.ix;
        let object = ix.record(record).object;
        for (s, set) in ix.sharing_sets.iter().enumerate() {
            for mapping in set.mappings.iter().filter(|m| m.object == object) {
                let Some(found) = follow(ix, record, mapping.target) else {
                    continue;
                };
                let field = mapping.user_field;
                let linked = match field {
                    UserField::Account => sx.users_by_account.get(&found),
                    UserField::Contact => sx.users_by_contact.get(&found),
                };
                let key = ("sharing_sets", [s as u32, field as u32, found.0]);
                let users = sx.set_where(key, linked.into_iter().flatten().copied(), |u| {
                    let data = ix.user(u);
                    data.kind == UserKind::External
                        && set.profiles.contains(&data.profile)
                        && ix.user_field(u, field) == Some(found)
                });
                out.push(SetGrant {
                    who: Who::Set(users),
                    level: mapping.access.access(),
                    lifted: false,
                    implies_parent: false,
                });
            }
        }
        true
    }
}

/// The record a lookup path leads to, or None where a link is missing.
/// The mappings that apply to `user` on records of `object`: those of the sharing sets assigned
/// to the user's profile (what grants and "why not" both walk).
fn mappings_for<'a>(
    ix: &'a Index,
    user: UserIx,
    object: ObjectKind,
) -> impl Iterator<Item = (SetIx, usize, &'a MappingData)> + 'a {
    let profile = ix.user(user).profile;
    ix.sharing_sets
        .iter()
        .enumerate()
        .filter(move |(_, set)| set.profiles.contains(&profile))
        .flat_map(move |(s, set)| {
            set.mappings
                .iter()
                .enumerate()
                .filter(move |(_, m)| m.object == object)
                .map(move |(m, mapping)| (SetIx(s as u32), m, mapping))
        })
}

pub fn follow(ix: &Index, record: RecordIx, path: TargetPath) -> Option<RecordIx> {
    let rec = ix.record(record);
    match path {
        TargetPath::Id => Some(record),
        TargetPath::Account => rec.account,
        TargetPath::Contact => rec.contact,
        TargetPath::AssetAccount => rec.asset.and_then(|a| ix.record(a).account),
        TargetPath::AssetContact => rec.asset.and_then(|a| ix.record(a).contact),
        TargetPath::ContactAccount => rec.contact.and_then(|c| ix.record(c).account),
        TargetPath::Lookup(f, hop) => {
            let Some(Link::Record(x)) = rec.link(f) else {
                return None;
            };
            match hop {
                None => Some(x),
                Some(Hop::Account) => ix.record(x).account,
                Some(Hop::Contact) => ix.record(x).contact,
                Some(Hop::Field(g)) => match ix.record(x).link(g) {
                    Some(Link::Record(y)) => Some(y),
                    _ => None,
                },
            }
        }
    }
}
