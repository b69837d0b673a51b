//! Ids: every id unique across the scenario, plain visible text, within the length limits.

use super::*;
use crate::engine::index::*;
use crate::engine::scenario::*;

impl Validator {
    /// Every id is unique across the whole scenario, so that a reference can name any entity
    /// without saying its kind, and the CLI's `--record` and `--user` are never ambiguous.
    pub(super) fn register_ids(&mut self, s: &Scenario) {
        let add = |v: &mut Validator, path: Loc, id: &str, name: Option<&str>, e: Entity| {
            if !check_id(v, &path, id, name) {
                return;
            }
            if let Some(&first) = v.by_id.get(id) {
                let msg = format!(
                    "duplicate id '{id}' (already used by {})",
                    first_entry(&v.loc_of(first).to_string())
                );
                v.problem(format!("{path}.id"), msg);
                return;
            }
            v.by_id.insert(id.to_string(), e);
        };
        let records = raw_records(s);
        self.by_id
            .reserve(records.len() + s.users.len() + s.manual_shares.len());
        macro_rules! reg {
            ($list:expr, $key:literal, $ctor:ident, $ixty:ident) => {
                for (i, x) in $list.iter().enumerate() {
                    add(
                        self,
                        Loc { list: $key, i },
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
        for (n, rec) in records.into_iter().enumerate() {
            self.record_locs.push(rec.path);
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
            let loc = Loc {
                list: "playbooks",
                i,
            };
            add(self, loc, &x.id, Some(&x.name), Entity::Playbook(i));
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
            let loc = Loc {
                list: "related_parties",
                i,
            };
            let e = Entity::RelatedParty(PartyIx(i as u32));
            add(self, loc, &x.id, None, e);
        }
        for (i, x) in s.manual_shares.iter().enumerate() {
            let loc = Loc {
                list: "manual_shares",
                i,
            };
            add(self, loc, &x.id, None, Entity::Share(ShareIx(i as u32)));
        }
    }

    /// Where a registered entity is in the file.
    pub(super) fn loc_of(&self, e: Entity) -> Loc {
        let (list, i) = match e {
            Entity::Record(r) => return self.record_locs[r.ix()],
            Entity::User(x) => ("users", x.ix()),
            Entity::Role(x) => ("roles", x.ix()),
            Entity::Group(x) => ("groups", x.ix()),
            Entity::Queue(x) => ("queues", x.ix()),
            Entity::Profile(x) => ("profiles", x.ix()),
            Entity::PermissionSet(x) => ("permission_sets", x.ix()),
            Entity::Rule(x) => ("sharing_rules", x.ix()),
            Entity::Share(x) => ("manual_shares", x.ix()),
            Entity::SharingSet(x) => ("sharing_sets", x.ix()),
            Entity::Responsibility(x) => ("responsibilities", x.ix()),
            Entity::PartyConfig(x) => ("related_party_configs", x.ix()),
            Entity::RelatedParty(x) => ("related_parties", x.ix()),
            Entity::Playbook(i) => ("playbooks", i),
        };
        Loc { list, i }
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
pub(crate) fn check_id(
    r: &mut impl Refs,
    path: &(impl fmt::Display + ?Sized),
    id: &str,
    name: Option<&str>,
) -> bool {
    if id.trim().is_empty() {
        r.problem(format!("{path}.id"), "id is empty");
        return false;
    }
    if name.is_some_and(|n| n.trim().is_empty()) {
        r.problem(format!("{path}.name"), format!("'{id}' has an empty name"));
    }
    // Plain ASCII (nearly every id) can only hide a control character, and is NFC and one
    // byte per character: the Unicode checks below are for the rest.
    if id.is_ascii() && !id.bytes().any(|b| b.is_ascii_control()) && id.len() <= MAX_ID_CHARS {
        if let Some(n) = name.filter(|n| n.len() > MAX_NAME_CHARS) {
            name_too_long(r, path, id, n);
        }
        return true;
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
    if let Some(n) = name {
        name_too_long(r, path, id, n);
    }
    true
}

/// The name length check (in characters; a byte count over the limit may still fit).
fn name_too_long(r: &mut impl Refs, path: &(impl fmt::Display + ?Sized), id: &str, n: &str) {
    let chars = n.chars().count();
    if chars > MAX_NAME_CHARS {
        r.problem(
            format!("{path}.name"),
            format!("'{id}' has a name of {chars} characters; the limit is {MAX_NAME_CHARS}"),
        );
    }
}
