//! Records: every object's records in index order, their owners and lookups, account
//! hierarchies without cycles, and playbooks.

use super::*;
use crate::engine::index::*;
use crate::engine::scenario::*;

impl Validator {
    pub(super) fn build_playbooks(&mut self, s: &Scenario) {
        for (i, p) in s.playbooks.iter().enumerate() {
            let tasks = p
                .tasks
                .iter()
                .enumerate()
                .map(|(j, t)| {
                    let who = t.assignee.as_ref().and_then(|u| {
                        self.user_ref(&format!("playbooks[{i}].tasks[{j}].assignee"), u)
                    });
                    (t.name.clone(), who)
                })
                .collect();
            self.playbooks.push((p.name.clone(), tasks));
        }
    }

    pub(super) fn build_records(&mut self, s: &Scenario) {
        for rec in raw_records(s) {
            let path = rec.path;
            let at = |field| Field { at: &path, field };
            let detail = self.is_detail(rec.object);
            let owner = match rec.owner {
                Some(_) if detail => {
                    self.problem(
                        format!("{path}.owner"),
                        format!("'{}' is a detail record: it has no owner of its own (its master's owner owns it)", rec.id),
                    );
                    None
                }
                Some(o) => match self.entity(o) {
                    Some(Entity::User(u)) => Some(Owner::User(u)),
                    _ => self.owner_ref(&format!("{path}.owner"), o, rec.object),
                },
                None if !detail => {
                    self.problem(
                        format!("{path}.owner"),
                        format!("'{}' needs an owner (a user or queue)", rec.id),
                    );
                    None
                }
                None => None,
            };
            let (master, links) = match rec.custom {
                Some(c) if self.known_object(&format!("{path}.object"), rec.object) => {
                    self.custom_links(&path.to_string(), c)
                }
                _ => (None, Vec::new()),
            };
            let created_by = rec
                .created_by
                .and_then(|c| self.user_ref_at(at("created_by"), c));
            let account = rec
                .account
                .and_then(|a| self.record_ref_at(at(rec.account_key), a, ObjectKind::Account));
            let contact = rec
                .contact
                .and_then(|c| self.record_ref_at(at("contact"), c, ObjectKind::Contact));
            let asset = rec
                .asset
                .and_then(|a| self.record_ref_at(at("asset"), a, ObjectKind::Asset));
            let sold_product = rec
                .sold_product
                .and_then(|a| self.record_ref_at(at("sold_product"), a, ObjectKind::SoldProduct));
            let success_manager = rec
                .success_manager
                .and_then(|u| self.user_ref_at(at("success_manager"), u));
            let partner = rec
                .partner
                .and_then(|a| self.record_ref_at(at("partner"), a, ObjectKind::Account));
            let consumer = rec.consumer.and_then(|c| {
                let p = format!("{path}.consumer");
                let u = self.user_ref(&p, c)?;
                let su = &s.users[u.ix()];
                if su.kind == UserKind::External && su.license == Some(License::Consumer) {
                    Some(u)
                } else {
                    self.problem(
                        p,
                        format!(
                            "'{c}' is not a consumer (an external user with the consumer license)"
                        ),
                    );
                    None
                }
            });
            self.records.push(RecordData {
                id: rec.id.to_string(),
                name: rec.name.to_string(),
                object: rec.object,
                owner: owner.unwrap_or(Owner::User(UserIx(0))),
                created_by,
                account,
                contact,
                asset,
                sold_product,
                consumer,
                partner,
                restrict_contact_access: rec.restrict_contact_access,
                success_manager,
                child_kind: rec.child_kind.map(String::from),
                fields: rec.fields.clone(),
                master,
                links,
            });
        }
        self.own_details();
        // Account hierarchies must be trees: each cycle is reported once, at its first account.
        let records = &self.records;
        let parent = |i: usize| {
            (records[i].object == ObjectKind::Account)
                .then_some(records[i].account)
                .flatten()
                .map(|p| p.ix())
        };
        for cycle in parent_cycles(records.len(), parent) {
            let first = *cycle.iter().min().unwrap_or(&0);
            let id = self.records[first].id.clone();
            let path = self.record_locs[first];
            self.problems.push(Problem {
                path: format!("{path}.parent"),
                message: format!(
                    "account '{id}' is in a cycle of parent accounts ({} accounts)",
                    cycle.len()
                ),
            });
        }
    }

    pub(super) fn owner_ref(&mut self, path: &str, id: &str, object: ObjectKind) -> Option<Owner> {
        match self.lookup(path, id, "user or queue")? {
            Entity::User(u) => Some(Owner::User(u)),
            Entity::Queue(q) => {
                if self.queues[q.ix()].objects.contains(&object) {
                    Some(Owner::Queue(q))
                } else {
                    self.problem(
                        path,
                        format!(
                            "queue '{id}' does not take {} records (add it to the queue's objects)",
                            object.label()
                        ),
                    );
                    None
                }
            }
            other => self.wrong_kind(path, id, other, "a user or queue"),
        }
    }
}

pub(super) fn plural(k: ObjectKind) -> &'static str {
    match k {
        ObjectKind::Account => "accounts",
        ObjectKind::Contact => "contacts",
        ObjectKind::Case => "cases",
        ObjectKind::Opportunity => "opportunities",
        ObjectKind::Lead => "leads",
        ObjectKind::Asset => "assets",
        ObjectKind::SoldProduct => "sold_products",
        ObjectKind::AccountChild => "account_children",
        ObjectKind::Custom(_) => "custom_records",
    }
}

/// Where an entry sits in the file (`cases[3]`), written out only when a problem names it:
/// an org-scale file has a hundred thousand records, nearly all of them fine.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Loc {
    pub(crate) list: &'static str,
    pub(crate) i: usize,
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.list, self.i)
    }
}

/// A record of any object, borrowed from the scenario, in index order.
pub(super) struct RawRecord<'a> {
    pub(super) path: Loc,
    pub(super) object: ObjectKind,
    pub(super) id: &'a str,
    pub(super) name: &'a str,
    pub(super) owner: Option<&'a str>,
    pub(super) created_by: Option<&'a str>,
    pub(super) account: Option<&'a str>,
    pub(super) account_key: &'static str,
    pub(super) contact: Option<&'a str>,
    pub(super) asset: Option<&'a str>,
    pub(super) sold_product: Option<&'a str>,
    pub(super) consumer: Option<&'a str>,
    pub(super) success_manager: Option<&'a str>,
    pub(super) child_kind: Option<&'a str>,
    pub(super) partner: Option<&'a str>,
    pub(super) restrict_contact_access: bool,
    pub(super) fields: &'a Fields,
    pub(super) custom: Option<&'a CustomRecord>,
}

pub(super) fn raw_records(s: &Scenario) -> Vec<RawRecord<'_>> {
    let mut out = Vec::with_capacity(s.record_count());
    macro_rules! base {
        ($kind:expr, $i:expr, $x:expr) => {
            RawRecord {
                path: Loc {
                    list: plural($kind),
                    i: $i,
                },
                object: $kind,
                id: &$x.id,
                name: &$x.name,
                owner: Some(&$x.owner),
                created_by: $x.created_by.as_deref(),
                account: None,
                account_key: "account",
                contact: None,
                asset: None,
                sold_product: None,
                consumer: None,
                success_manager: None,
                child_kind: None,
                partner: None,
                restrict_contact_access: false,
                fields: &$x.fields,
                custom: None,
            }
        };
    }
    for (i, x) in s.accounts.iter().enumerate() {
        out.push(RawRecord {
            account: x.parent.as_deref(),
            account_key: "parent",
            partner: x.partner.as_deref(),
            restrict_contact_access: x.restrict_contact_access,
            success_manager: x.success_manager.as_deref(),
            ..base!(ObjectKind::Account, i, x)
        });
    }
    for (i, x) in s.contacts.iter().enumerate() {
        out.push(RawRecord {
            account: x.account.as_deref(),
            ..base!(ObjectKind::Contact, i, x)
        });
    }
    for (i, x) in s.cases.iter().enumerate() {
        out.push(RawRecord {
            account: x.account.as_deref(),
            contact: x.contact.as_deref(),
            asset: x.asset.as_deref(),
            sold_product: x.sold_product.as_deref(),
            consumer: x.consumer.as_deref(),
            ..base!(ObjectKind::Case, i, x)
        });
    }
    for (i, x) in s.opportunities.iter().enumerate() {
        out.push(RawRecord {
            account: x.account.as_deref(),
            ..base!(ObjectKind::Opportunity, i, x)
        });
    }
    for (i, x) in s.leads.iter().enumerate() {
        out.push(base!(ObjectKind::Lead, i, x));
    }
    for (i, x) in s.assets.iter().enumerate() {
        out.push(RawRecord {
            account: x.account.as_deref(),
            contact: x.contact.as_deref(),
            ..base!(ObjectKind::Asset, i, x)
        });
    }
    for (i, x) in s.sold_products.iter().enumerate() {
        out.push(RawRecord {
            account: x.account.as_deref(),
            ..base!(ObjectKind::SoldProduct, i, x)
        });
    }
    for (i, x) in s.account_children.iter().enumerate() {
        out.push(RawRecord {
            account: Some(&x.account),
            child_kind: Some(&x.kind),
            ..base!(ObjectKind::AccountChild, i, x)
        });
    }
    for (i, x) in s.custom_records.iter().enumerate() {
        out.push(RawRecord {
            path: Loc {
                list: "custom_records",
                i,
            },
            object: ObjectKind::Custom(x.object),
            id: &x.id,
            name: &x.name,
            owner: x.owner.as_deref(),
            created_by: x.created_by.as_deref(),
            account: None,
            account_key: "account",
            contact: None,
            asset: None,
            sold_product: None,
            consumer: None,
            success_manager: None,
            child_kind: None,
            partner: None,
            restrict_contact_access: false,
            fields: &x.fields,
            custom: Some(x),
        });
    }
    out
}
