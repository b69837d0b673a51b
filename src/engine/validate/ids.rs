//! Ids: every id unique across the scenario, plain visible text, within the length limits.

use super::*;
use crate::engine::index::*;
use crate::engine::scenario::*;

impl Validator {
    /// Every id is unique across the whole scenario, so that a reference can name any entity
    /// without saying its kind, and the CLI's `--record` and `--user` are never ambiguous.
    pub(super) fn register_ids(&mut self, s: &Scenario) {
        let add = |v: &mut Validator, path: String, id: &str, name: Option<&str>, e: Entity| {
            if !check_id(v, &path, id, name) {
                return;
            }
            if let Some(first) = v.first_path.get(id) {
                let msg = format!(
                    "duplicate id '{id}' (already used by {})",
                    first_entry(first)
                );
                v.problem(format!("{path}.id"), msg);
                return;
            }
            v.first_path.insert(id.to_string(), path);
            v.by_id.insert(id.to_string(), e);
        };
        macro_rules! reg {
            ($list:expr, $key:literal, $ctor:ident, $ixty:ident) => {
                for (i, x) in $list.iter().enumerate() {
                    add(
                        self,
                        format!("{}[{}]", $key, i),
                        &x.id,
                        Some(&x.name),
                        Entity::$ctor($ixty(i as u32)),
                    );
                }
            };
        }
        reg!(s.users, "users", User, UserIx);
        reg!(s.roles, "roles", Role, RoleIx);
        reg!(s.groups, "groups", Group, GroupIx);
        reg!(s.queues, "queues", Queue, QueueIx);
        reg!(s.profiles, "profiles", Profile, ProfileIx);
        reg!(
            s.permission_sets,
            "permission_sets",
            PermissionSet,
            PermSetIx
        );
        for (n, rec) in raw_records(s).into_iter().enumerate() {
            add(
                self,
                rec.path,
                rec.id,
                Some(rec.name),
                Entity::Record(RecordIx(n as u32)),
            );
            self.record_kinds.push(rec.object);
        }
        reg!(s.sharing_rules, "sharing_rules", Rule, RuleIx);
        reg!(s.sharing_sets, "sharing_sets", SharingSet, SetIx);
        for (i, x) in s.playbooks.iter().enumerate() {
            add(
                self,
                format!("playbooks[{i}]"),
                &x.id,
                Some(&x.name),
                Entity::Playbook(i),
            );
        }
        reg!(
            s.responsibilities,
            "responsibilities",
            Responsibility,
            RespIx
        );
        reg!(
            s.related_party_configs,
            "related_party_configs",
            PartyConfig,
            ConfigIx
        );
        for (i, x) in s.related_parties.iter().enumerate() {
            add(
                self,
                format!("related_parties[{i}]"),
                &x.id,
                None,
                Entity::RelatedParty(PartyIx(i as u32)),
            );
        }
        for (i, x) in s.manual_shares.iter().enumerate() {
            add(
                self,
                format!("manual_shares[{i}]"),
                &x.id,
                None,
                Entity::Share(ShareIx(i as u32)),
            );
        }
    }
}

/// "users[2]" -> "user 3", for messages a person reads (the path stays on the problem).
pub(super) fn first_entry(path: &str) -> String {
    match path.split_once('[') {
        Some((list, rest)) => {
            let n: usize = rest.trim_end_matches(']').parse().unwrap_or(0);
            let one = list
                .strip_suffix("ies")
                .map(|s| format!("{s}y"))
                .or_else(|| list.strip_suffix("ren").map(String::from))
                .or_else(|| list.strip_suffix('s').map(String::from))
                .unwrap_or_else(|| list.to_string());
            format!("{} {}", one.replace('_', " "), n + 1)
        }
        None => path.to_string(),
    }
}

/// The checks on an entry's own id and name (not uniqueness). False when the id is unusable.
pub(crate) fn check_id(r: &mut impl Refs, path: &str, id: &str, name: Option<&str>) -> bool {
    if id.trim().is_empty() {
        r.problem(format!("{path}.id"), "id is empty");
        return false;
    }
    if name.is_some_and(|n| n.trim().is_empty()) {
        r.problem(format!("{path}.name"), format!("'{id}' has an empty name"));
    }
    if let Some((at, c, what)) = crate::engine::text::deceptive_char(id) {
        let shown: String = id.chars().filter(|c| !c.is_control()).take(40).collect();
        r.problem(
            format!("{path}.id"),
            format!(
                "the id '{shown}' holds an invisible or direction-changing character at position {at} (U+{:04X} {what}); ids must be plain visible text",
                c as u32
            ),
        );
        return false;
    }
    if !crate::engine::text::is_nfc(id) {
        r.problem(
            format!("{path}.id"),
            format!("the id '{id}' is not in Unicode NFC form (it was written with escapes that decompose a character); write the composed character instead"),
        );
        return false;
    }
    if id.chars().count() > MAX_ID_CHARS {
        let short: String = id.chars().take(40).collect();
        r.problem(
            format!("{path}.id"),
            format!("the id '{short}...' is longer than {MAX_ID_CHARS} characters"),
        );
        return false;
    }
    if let Some(n) = name.filter(|n| n.chars().count() > MAX_NAME_CHARS) {
        r.problem(
            format!("{path}.name"),
            format!(
                "'{id}' has a name of {} characters; the limit is {MAX_NAME_CHARS}",
                n.chars().count()
            ),
        );
    }
    true
}
