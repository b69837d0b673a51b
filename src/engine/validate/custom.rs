//! Custom objects: their declarations (API name, defaults, Grant Access Using Hierarchies,
//! master-detail, lookups) and their records' owners and lookups, with Salesforce's limits:
//! a detail object is Controlled by Parent, has no owner field, sharing rules, manual shares
//! or queues, and master-detail chains go at most three levels deep.

use super::*;
use crate::engine::index::*;
use crate::engine::scenario::*;

/// The standard objects a custom detail object may have as its master.
const STANDARD_MASTERS: [ObjectKind; 5] = [
    ObjectKind::Account,
    ObjectKind::Contact,
    ObjectKind::Case,
    ObjectKind::Opportunity,
    ObjectKind::Asset,
];

/// Master-detail levels below a top master ("up to three levels").
pub(super) const MAX_DETAIL_LEVELS: usize = 3;

impl Validator {
    /// The declaration of `object`, if it is a declared custom object.
    pub(super) fn declared(&self, object: ObjectKind) -> Option<&CustomObjectData> {
        self.custom_objects.iter().find(|c| c.object == object)
    }

    /// A detail object: Controlled by Parent, with no owner, rules, shares or queues.
    pub(super) fn is_detail(&self, object: ObjectKind) -> bool {
        self.declared(object).is_some_and(|c| c.master.is_some())
    }

    /// A problem at `path` unless `object` is standard or a declared custom object.
    pub(super) fn known_object(&mut self, path: &str, object: ObjectKind) -> bool {
        if object.is_custom() && self.declared(object).is_none() {
            self.problem(
                path,
                format!(
                    "no custom object '{}' is declared (add it to custom_objects)",
                    object.key()
                ),
            );
            return false;
        }
        true
    }

    pub(super) fn build_custom_objects(&mut self, s: &Scenario) {
        for (i, c) in s.custom_objects.iter().enumerate() {
            let path = format!("custom_objects[{i}]");
            let object = ObjectKind::Custom(c.api_name);
            if self.declared(object).is_some() {
                self.problem(
                    format!("{path}.api_name"),
                    format!("custom object '{}' is declared twice", c.api_name),
                );
                continue;
            }
            if c.label.trim().is_empty() {
                self.problem(
                    format!("{path}.label"),
                    format!("custom object '{}' has an empty label", c.api_name),
                );
            }
            let mut fields = std::collections::BTreeSet::new();
            for (field, at) in c
                .master_detail
                .iter()
                .map(|m| (m.field, format!("{path}.master_detail.field")))
                .chain(
                    c.lookups
                        .iter()
                        .enumerate()
                        .map(|(j, l)| (l.field, format!("{path}.lookups[{j}].field"))),
                )
            {
                if !fields.insert(field) {
                    self.problem(at, format!("'{}' has two fields named {field}", c.api_name));
                }
            }
            self.custom_objects.push(CustomObjectData {
                object,
                label: c.label.clone(),
                grant_access_using_hierarchies: c.grant_access_using_hierarchies,
                master: c.master_detail.as_ref().map(|m| (m.field, m.master)),
                lookups: c.lookups.iter().map(|l| (l.field, l.to)).collect(),
            });
        }
        // What the fields point at, once every object is declared.
        for (i, c) in s.custom_objects.iter().enumerate() {
            let path = format!("custom_objects[{i}]");
            if let Some(m) = &c.master_detail {
                let at = format!("{path}.master_detail.master");
                if m.master == ObjectKind::Custom(c.api_name) {
                    self.problem(at, format!("'{}' can't be its own master", c.api_name));
                } else if m.master.is_custom() {
                    self.known_object(&at, m.master);
                } else if !STANDARD_MASTERS.contains(&m.master) {
                    let names: Vec<&str> = STANDARD_MASTERS.iter().map(|o| o.key()).collect();
                    self.problem(
                        at,
                        format!(
                            "{} can't be the master of a custom object; use a custom object or one of {}",
                            m.master.label(),
                            names.join(", ")
                        ),
                    );
                }
            }
            for (j, l) in c.lookups.iter().enumerate() {
                if let LookupTo::Object(o) = l.to {
                    self.known_object(&format!("{path}.lookups[{j}].to"), o);
                }
            }
            self.check_custom_defaults(&path, c);
        }
        self.check_detail_chains(s);
    }

    /// A detail object's default is Controlled by Parent and it can't turn hierarchies off
    /// ("You can only deselect this setting for custom objects that don't have a default
    /// access of Controlled by Parent"); any other custom object can't be Controlled by
    /// Parent, and none has Public Read/Write/Transfer.
    fn check_custom_defaults(&mut self, path: &str, c: &CustomObject) {
        let owd = c.org_default();
        let cbp = Sharing::ControlledByParent;
        let detail = c.master_detail.is_some();
        for (side, setting) in [("internal", owd.internal), ("external", owd.external())] {
            let at = format!("{path}.{side}");
            if detail && setting != cbp {
                self.problem(at, format!("'{}' is the detail of a master-detail relationship, so its default is controlled_by_parent", c.api_name));
            } else if !detail && setting == cbp {
                self.problem(at, format!("'{}' has no master-detail relationship, so it can't be Controlled by Parent", c.api_name));
            } else if setting == Sharing::PublicReadWriteTransfer {
                self.problem(
                    at,
                    "Public Read/Write/Transfer exists only for cases and leads",
                );
            }
        }
        if owd.external().baseline() > owd.internal.baseline() {
            self.problem(
                format!("{path}.external"),
                format!(
                    "'{}': the external default ({}) can't be more open than the internal one ({})",
                    c.api_name,
                    owd.external().label(),
                    owd.internal.label()
                ),
            );
        }
        if detail && !c.grant_access_using_hierarchies {
            self.problem(
                format!("{path}.grant_access_using_hierarchies"),
                format!("'{}' is Controlled by Parent, and Salesforce lets only objects that aren't turn Grant Access Using Hierarchies off", c.api_name),
            );
        }
    }

    /// Master-detail chains between objects end, within three levels.
    fn check_detail_chains(&mut self, s: &Scenario) {
        let master =
            |v: &Validator, o: ObjectKind| v.declared(o).and_then(|c| c.master).map(|m| m.1);
        for (i, c) in s.custom_objects.iter().enumerate() {
            let start = ObjectKind::Custom(c.api_name);
            let mut chain = vec![start];
            let mut at = master(self, start);
            while let Some(m) = at {
                if chain.contains(&m) {
                    self.problem(
                        format!("custom_objects[{i}].master_detail.master"),
                        format!(
                            "'{}' is in a cycle of master-detail relationships",
                            c.api_name
                        ),
                    );
                    break;
                }
                chain.push(m);
                at = master(self, m);
            }
            if chain.len() - 1 > MAX_DETAIL_LEVELS && at.is_none() {
                let names: Vec<&str> = chain.iter().map(|o| o.key()).collect();
                self.problem(
                    format!("custom_objects[{i}].master_detail"),
                    format!(
                        "'{}' is {} master-detail levels below its top master ({}); Salesforce allows {MAX_DETAIL_LEVELS}",
                        c.api_name,
                        chain.len() - 1,
                        names.join(" -> ")
                    ),
                );
            }
        }
    }

    /// A custom record's master and lookup values, checked against its object's declaration.
    pub(super) fn custom_links(
        &mut self,
        path: &str,
        r: &CustomRecord,
    ) -> (Option<RecordIx>, Vec<(ApiName, Link)>) {
        let object = ObjectKind::Custom(r.object);
        let Some(decl) = self.declared(object).cloned() else {
            return (None, Vec::new());
        };
        let mut links = Vec::new();
        let mut master = None;
        for (field, id) in &r.lookups {
            let at = format!("{path}.lookups.{field}");
            let link = match decl.field_target(*field) {
                None => {
                    self.problem(at, format!("{} has no lookup field {field}", decl.label));
                    continue;
                }
                Some(LookupTo::User) => self.user_ref(&at, id).map(Link::User),
                Some(LookupTo::Object(o)) => self.record_ref(&at, id, o).map(Link::Record),
            };
            let Some(link) = link else { continue };
            if let (Some((mf, _)), Link::Record(x)) = (decl.master, link) {
                if mf == *field {
                    master = Some(x);
                }
            }
            links.push((*field, link));
        }
        if let Some((field, _)) = decl.master {
            if !r.lookups.contains_key(&field) {
                self.problem(
                    format!("{path}.lookups"),
                    format!(
                        "'{}' is a {} record and needs its master ({field}): a detail record can't exist without one",
                        r.id, decl.label
                    ),
                );
            }
        }
        (master, links)
    }

    /// Detail records are owned by their top master's owner (records are built by now).
    pub(super) fn own_details(&mut self) {
        for i in 0..self.records.len() {
            let mut at = i;
            for _ in 0..=MAX_DETAIL_LEVELS + 1 {
                match self.records[at].master {
                    Some(m) => at = m.ix(),
                    None => break,
                }
            }
            if at != i {
                self.records[i].owner = self.records[at].owner;
            }
        }
    }
}
