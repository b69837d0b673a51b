//! Sharing: org-wide defaults, sharing rules, manual shares, teams and sharing sets, with the
//! entry builders that `patch` reuses so an edit to one entry is checked as a whole file is.

use std::collections::BTreeMap;

use super::*;
use crate::engine::index::*;
use crate::engine::level::{ChildAccess, ShareAccess};
use crate::engine::scenario::*;

impl Validator {
    pub(super) fn check_org_defaults(&mut self, defaults: &BTreeMap<ObjectKind, OrgDefault>) {
        for (object, owd) in defaults {
            let path = format!("org_defaults.{}", object.key());
            if object.is_custom() {
                self.problem(
                    path,
                    format!("{} is a custom object: set its defaults on its declaration in custom_objects (internal, external)", object.key()),
                );
                continue;
            }
            for (side, setting) in [("internal", owd.internal), ("external", owd.external())] {
                if setting == Sharing::ControlledByParent && !object.may_be_controlled_by_parent() {
                    self.problem(
                        format!("{path}.{side}"),
                        format!("{} can't be Controlled by Parent", object.label()),
                    );
                }
                if setting == Sharing::PublicReadWriteTransfer
                    && !object.supports_transfer_default()
                {
                    self.problem(
                        format!("{path}.{side}"),
                        format!(
                            "Public Read/Write/Transfer exists only for cases and leads, not {}",
                            object.label()
                        ),
                    );
                }
            }
            if *object == ObjectKind::AccountChild && owd.internal != Sharing::ControlledByParent {
                self.problem(
                    format!("{path}.internal"),
                    "account children always follow their account: only controlled_by_parent",
                );
            }
            let (int, ext) = (owd.internal, owd.external());
            let cbp = Sharing::ControlledByParent;
            if (int == cbp) != (ext == cbp) {
                self.problem(
                    format!("{path}.external"),
                    format!(
                        "{}: if either default is Controlled by Parent both must be",
                        object.label()
                    ),
                );
            } else if ext.baseline() > int.baseline() {
                self.problem(
                    format!("{path}.external"),
                    format!(
                        "{}: the external default ({}) can't be more open than the internal one ({})",
                        object.label(),
                        ext.label(),
                        int.label()
                    ),
                );
            }
        }
    }

    pub(super) fn build_rules(&mut self, s: &Scenario) {
        for (i, r) in s.sharing_rules.iter().enumerate() {
            let path = format!("sharing_rules[{i}]");
            let select = match &r.select {
                RuleSelector::OwnedBy(t) => self
                    .principal(&format!("{path}.select.owned_by"), &t.as_principal())
                    .map(SelectorIx::OwnedBy),
                RuleSelector::Criteria(c) => {
                    if c.is_empty() {
                        self.problem(
                            format!("{path}.select.criteria"),
                            format!("rule '{}' has no criteria", r.id),
                        );
                    }
                    for (j, crit) in c.iter().enumerate() {
                        if crit.field.trim().is_empty() {
                            self.problem(
                                format!("{path}.select.criteria[{j}].field"),
                                format!("criterion {} has no field name", j + 1),
                            );
                        }
                        if crit.equals.is_empty() {
                            self.problem(
                                format!("{path}.select.criteria[{j}].equals"),
                                format!(
                                    "criterion {} of rule '{}' lists no value to match",
                                    j + 1,
                                    r.id
                                ),
                            );
                        }
                    }
                    Some(SelectorIx::Criteria(
                        c.iter()
                            .map(|c| (c.field.clone(), c.equals.clone()))
                            .collect(),
                    ))
                }
            };
            let share_with =
                self.principal(&format!("{path}.share_with"), &r.share_with.as_principal());
            let known = self.known_object(&format!("{path}.object"), r.object);
            if known && self.is_detail(r.object) {
                self.problem(
                    format!("{path}.object"),
                    format!("{} is a detail object: its records follow their master, and detail objects can't have sharing rules", r.object.key()),
                );
                continue;
            }
            let children = child_levels(
                self,
                &path,
                r.object,
                (r.case_access, r.opportunity_access, r.contact_access),
            );
            if let (Some(select), Some(share_with), true) = (select, share_with, known) {
                self.rules.push(RuleData {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    object: r.object,
                    select,
                    share_with,
                    access: r.access,
                    children,
                });
            }
        }
    }

    pub(super) fn build_shares(&mut self, s: &Scenario) {
        for (i, m) in s.manual_shares.iter().enumerate() {
            if let Some(data) = share_entry(self, &format!("manual_shares[{i}]"), m) {
                self.manual_shares.push(data);
            }
        }
    }

    pub(super) fn build_teams(&mut self, s: &Scenario) {
        let mut seen = BTreeMap::new();
        for (i, t) in s.account_teams.iter().enumerate() {
            let path = format!("account_teams[{i}]");
            if let Some(data) = account_team_entry(self, &path, t) {
                let (account, user) = (data.account, data.user);
                if seen.insert((account, user), i).is_some() {
                    self.problem(
                        format!("{path}.user"),
                        format!(
                            "user '{}' is already on the team of account '{}'",
                            t.user, t.account
                        ),
                    );
                }
                self.account_teams.push(data);
            }
        }
        let mut seen = BTreeMap::new();
        for (i, t) in s.opportunity_teams.iter().enumerate() {
            let path = format!("opportunity_teams[{i}]");
            if let Some(data) = opportunity_team_entry(self, &path, t) {
                let (record, user) = (data.record, data.user);
                if seen.insert((record, user), i).is_some() {
                    self.problem(
                        format!("{path}.user"),
                        format!(
                            "user '{}' is already on the team of opportunity '{}'",
                            t.user, t.opportunity
                        ),
                    );
                }
                self.opportunity_teams.push(data);
            }
        }
        let mut seen = BTreeMap::new();
        for (i, t) in s.case_teams.iter().enumerate() {
            let path = format!("case_teams[{i}]");
            if let Some(data) = case_team_entry(self, &path, t) {
                let (record, user) = (data.record, data.user);
                if seen.insert((record, user), i).is_some() {
                    self.problem(
                        format!("{path}.user"),
                        format!(
                            "user '{}' is already on the team of case '{}'",
                            t.user, t.case_id
                        ),
                    );
                }
                self.case_teams.push(data);
            }
        }
    }

    pub(super) fn build_sharing_sets(&mut self, s: &Scenario) {
        for (i, set) in s.sharing_sets.iter().enumerate() {
            let path = format!("sharing_sets[{i}]");
            let mut profiles = Vec::new();
            for (j, id) in set.profiles.iter().enumerate() {
                let p = format!("{path}.profiles[{j}]");
                match self.lookup(&p, id, "profile") {
                    Some(Entity::Profile(x)) => profiles.push(x),
                    Some(other) => {
                        self.wrong_kind::<()>(&p, id, other, "a profile");
                    }
                    None => {}
                }
            }
            if set.profiles.is_empty() {
                self.problem(
                    format!("{path}.profiles"),
                    format!("sharing set '{}' is assigned to no profile", set.id),
                );
            }
            let mut mappings = Vec::new();
            for (j, m) in set.mappings.iter().enumerate() {
                let p = format!("{path}.mappings[{j}]");
                match mapping_problem(&s.custom_objects, m) {
                    Some(msg) => self.problem(format!("{p}.target"), msg),
                    None => mappings.push(MappingData {
                        object: m.object,
                        user_field: m.user_field,
                        target: m.target,
                        access: m.access,
                    }),
                }
            }
            let share_group = set.share_group.as_ref().map(|g| {
                let members = g
                    .members
                    .iter()
                    .enumerate()
                    .filter_map(|(j, m)| {
                        self.principal(&format!("{path}.share_group.members[{j}]"), m)
                    })
                    .collect();
                (members, g.access)
            });
            self.sharing_sets.push(SharingSetData {
                id: set.id.clone(),
                name: set.name.clone(),
                profiles,
                mappings,
                share_group,
            });
        }
    }
}

/// The lookups an access mapping may follow on records of a standard `object` (Case:
/// Account, Contact, Asset.Account, Asset.Contact, Contact.Account; Lead: none).
pub fn mapping_targets(object: ObjectKind) -> &'static [TargetPath] {
    use ObjectKind as O;
    use TargetPath as T;
    match object {
        O::Case => &[
            T::Account,
            T::Contact,
            T::AssetAccount,
            T::AssetContact,
            T::ContactAccount,
        ],
        O::Contact => &[T::Id, T::Account],
        O::Account => &[T::Id],
        O::Asset => &[T::Account, T::Contact],
        O::Opportunity | O::SoldProduct | O::AccountChild => &[T::Account],
        O::Lead | O::Custom(_) => &[],
    }
}

/// The portal user's field a standard mapping target must be matched with: an account lookup
/// with User.Account, a contact lookup with User.Contact.
pub fn mapping_user_field(object: ObjectKind, target: TargetPath) -> UserField {
    match target {
        TargetPath::Id if object == ObjectKind::Contact => UserField::Contact,
        TargetPath::Id => UserField::Account,
        TargetPath::Contact | TargetPath::AssetContact => UserField::Contact,
        _ => UserField::Account,
    }
}

/// Every lookup an access mapping may follow on records of `object`, with the user field it
/// matches: the standard paths, and on a custom object its lookups to accounts and contacts,
/// directly or one step further ("Access mappings support indirect lookups from the user and
/// target record to the account or contact"). Forms offer exactly these.
pub fn mapping_targets_in(
    customs: &[CustomObject],
    object: ObjectKind,
) -> Vec<(TargetPath, UserField)> {
    let ObjectKind::Custom(name) = object else {
        return mapping_targets(object)
            .iter()
            .map(|t| (*t, mapping_user_field(object, *t)))
            .collect();
    };
    let fields = |o: ApiName| -> Vec<(ApiName, LookupTo)> {
        customs
            .iter()
            .find(|c| c.api_name == o)
            .map(|c| {
                c.master_detail
                    .iter()
                    .map(|m| (m.field, LookupTo::Object(m.master)))
                    .chain(c.lookups.iter().map(|l| (l.field, l.to)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (acc, con) = (UserField::Account, UserField::Contact);
    let mut out = Vec::new();
    for (f, to) in fields(name) {
        let via = |hop| TargetPath::Lookup(f, Some(hop));
        match to {
            LookupTo::Object(ObjectKind::Account) => out.push((TargetPath::Lookup(f, None), acc)),
            LookupTo::Object(ObjectKind::Contact) => {
                out.push((TargetPath::Lookup(f, None), con));
                out.push((via(Hop::Account), acc));
            }
            LookupTo::Object(ObjectKind::Asset | ObjectKind::Case) => {
                out.push((via(Hop::Account), acc));
                out.push((via(Hop::Contact), con));
            }
            LookupTo::Object(ObjectKind::Opportunity | ObjectKind::SoldProduct) => {
                out.push((via(Hop::Account), acc));
            }
            LookupTo::Object(ObjectKind::Custom(c)) => {
                for (g, to2) in fields(c) {
                    match to2 {
                        LookupTo::Object(ObjectKind::Account) => {
                            out.push((via(Hop::Field(g)), acc))
                        }
                        LookupTo::Object(ObjectKind::Contact) => {
                            out.push((via(Hop::Field(g)), con))
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Which lookups an access mapping may follow on each object, and that both sides of the
/// match are the same kind of record (an account with an account, a contact with a contact).
pub(super) fn mapping_problem(customs: &[CustomObject], m: &AccessMapping) -> Option<String> {
    let allowed = mapping_targets_in(customs, m.object);
    let Some((_, target_is)) = allowed.iter().find(|(t, _)| *t == m.target) else {
        let names: Vec<String> = allowed.iter().map(|(t, _)| t.text()).collect();
        return Some(if names.is_empty() {
            format!(
                "{} records have no account or contact lookup to map",
                m.object.label()
            )
        } else {
            format!(
                "{}.{} is not a lookup this mapping can follow; use one of: {}",
                m.object.label(),
                m.target.text(),
                names.join(", ")
            )
        });
    };
    (*target_is != m.user_field).then(|| {
        format!(
            "User.{:?} can't match {}.{}: one is an account and the other a contact",
            m.user_field,
            m.object.label(),
            m.target.text()
        )
    })
}

/// The problems with a set of org-wide defaults (they depend on nothing else).
pub(crate) fn org_default_problems(defaults: &BTreeMap<ObjectKind, OrgDefault>) -> Vec<Problem> {
    let mut v = Validator::default();
    v.check_org_defaults(defaults);
    v.problems
}

pub(crate) fn share_entry(
    r: &mut impl Refs,
    path: &str,
    m: &ManualShare,
) -> Option<ManualShareData> {
    let record = match r.lookup(&format!("{path}.record"), &m.record, "record") {
        Some(Entity::Record(x)) => Some(x),
        Some(other) => r.wrong_kind(&format!("{path}.record"), &m.record, other, "a record"),
        None => None,
    };
    let with = r.principal(&format!("{path}.with"), &m.with);
    if let Some(object) = record.and_then(|x| r.object_of(x)) {
        if r.is_detail(object) {
            r.problem(
                format!("{path}.record"),
                format!("'{}' is a detail record: its access is its master's, and detail objects can't be shared manually", m.record),
            );
            return None;
        }
    }
    let object = record
        .and_then(|x| r.object_of(x))
        .unwrap_or(ObjectKind::Account);
    let children = child_levels(
        r,
        path,
        object,
        (m.case_access, m.opportunity_access, m.contact_access),
    );
    Some(ManualShareData {
        children,
        id: m.id.clone(),
        name: if m.name.is_empty() {
            "Manual share".into()
        } else {
            m.name.clone()
        },
        record: record?,
        with: with?,
        access: m.access,
    })
}

/// The child access levels of a sharing rule or manual share, which only an account's have
/// ("accountSettings: The access level for the account's children (case, contact, and
/// opportunity)" in the SharingRules metadata; AccountShare's CaseAccessLevel ...).
fn child_levels(
    r: &mut impl Refs,
    path: &str,
    object: ObjectKind,
    (case, opportunity, contact): (ChildAccess, ChildAccess, ChildAccess),
) -> ChildLevels {
    let levels = ChildLevels {
        case,
        opportunity,
        contact,
    };
    if levels.any() && object != ObjectKind::Account {
        let field = [
            ("case_access", case),
            ("opportunity_access", opportunity),
            ("contact_access", contact),
        ]
        .into_iter()
        .find(|(_, l)| *l != ChildAccess::None)
        .map_or("case_access", |(f, _)| f);
        r.problem(
            format!("{path}.{field}"),
            format!(
                "only account rules and shares give access to an account's children; this one is on {}",
                object.label()
            ),
        );
        return ChildLevels::default();
    }
    levels
}

/// AccountTeamMember: AccountAccessLevel "must be set to an access level that is at least
/// equal to the organization's default Account access level".
pub(crate) fn account_access_problem(
    path: &str,
    t: &AccountTeamMember,
    account_default: Sharing,
) -> Option<Problem> {
    (t.account_access.access() < account_default.baseline()).then(|| Problem {
        path: format!("{path}.account_access"),
        message: format!(
            "{} account access for '{}' is below the account org-wide default ({}); Salesforce requires a team member's account access to be at least the default",
            t.account_access.access().label(),
            t.user,
            account_default.label()
        ),
    })
}

pub(crate) fn account_team_entry(
    r: &mut impl Refs,
    path: &str,
    t: &AccountTeamMember,
) -> Option<AccountTeamData> {
    let account = r.record_ref(&format!("{path}.account"), &t.account, ObjectKind::Account);
    let user = r.user_ref(&format!("{path}.user"), &t.user);
    if let Some(p) = account_access_problem(path, t, r.org_default(ObjectKind::Account).internal) {
        r.problem(p.path, p.message);
    }
    Some(AccountTeamData {
        account: account?,
        user: user?,
        team_role: t.team_role.clone(),
        account_access: t.account_access,
        case_access: t.case_access,
        opportunity_access: t.opportunity_access,
        contact_access: t.contact_access,
    })
}

pub(crate) fn opportunity_team_entry(
    r: &mut impl Refs,
    path: &str,
    t: &OpportunityTeamMember,
) -> Option<RecordTeamData> {
    let record = (
        ObjectKind::Opportunity,
        "opportunity",
        t.opportunity.as_str(),
    );
    record_team_entry(r, path, record, &t.user, &t.team_role, t.access)
}

pub(crate) fn case_team_entry(
    r: &mut impl Refs,
    path: &str,
    t: &CaseTeamMember,
) -> Option<RecordTeamData> {
    let record = (ObjectKind::Case, "case", t.case_id.as_str());
    record_team_entry(r, path, record, &t.user, &t.team_role, t.access)
}

/// A member of one record's team; `record` is (its object, its field name, its id).
pub(super) fn record_team_entry(
    r: &mut impl Refs,
    path: &str,
    (object, field, id): (ObjectKind, &str, &str),
    user: &str,
    team_role: &str,
    access: ShareAccess,
) -> Option<RecordTeamData> {
    let record = r.record_ref(&format!("{path}.{field}"), id, object);
    let user = r.user_ref(&format!("{path}.user"), user);
    Some(RecordTeamData {
        record: record?,
        user: user?,
        team_role: team_role.to_string(),
        access,
    })
}
