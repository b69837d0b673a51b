//! ServiceNow customer access management: responsibilities, their access per table,
//! relationship types and the related parties that use them.

use std::collections::BTreeMap;

use super::*;
use crate::engine::index::*;
use crate::engine::scenario::*;

impl Validator {
    pub(super) fn resp_ref(&mut self, path: &str, id: &str) -> Option<RespIx> {
        match self.lookup(path, id, "responsibility")? {
            Entity::Responsibility(r) => Some(r),
            other => self.wrong_kind(path, id, other, "a responsibility"),
        }
    }

    /// ServiceNow customer access management: responsibilities, their access per table,
    /// relationship types and the related parties that use them.
    pub(super) fn build_customer_access(&mut self, s: &Scenario) {
        let tables = [ObjectKind::Case, ObjectKind::SoldProduct];
        self.responsibilities = s
            .responsibilities
            .iter()
            .map(|r| ResponsibilityData {
                id: r.id.clone(),
                name: r.name.clone(),
                kind: r.kind,
                access: BTreeMap::new(),
            })
            .collect();
        for (i, a) in s.responsibility_access.iter().enumerate() {
            let path = format!("responsibility_access[{i}]");
            if !tables.contains(&a.table) {
                self.problem(
                    format!("{path}.table"),
                    format!(
                        "responsibilities give access to cases and sold products, not {}",
                        a.table.label()
                    ),
                );
                continue;
            }
            if let Some(r) = self.resp_ref(&format!("{path}.responsibility"), &a.responsibility) {
                if self.responsibilities[r.ix()]
                    .access
                    .insert(a.table, a.access)
                    .is_some()
                {
                    self.problem(
                        path,
                        format!(
                            "responsibility '{}' already has access on {}",
                            a.responsibility,
                            a.table.label()
                        ),
                    );
                }
            }
        }
        for (i, c) in s.related_party_configs.iter().enumerate() {
            let path = format!("related_party_configs[{i}]");
            if !tables.contains(&c.applies_to) {
                self.problem(
                    format!("{path}.applies_to"),
                    format!(
                        "related parties apply to cases and sold products, not {}",
                        c.applies_to.label()
                    ),
                );
            }
            let default_responsibility = c
                .default_responsibility
                .as_ref()
                .and_then(|r| self.resp_ref(&format!("{path}.default_responsibility"), r));
            self.party_configs.push(PartyConfigData {
                id: c.id.clone(),
                name: c.name.clone(),
                applies_to: c.applies_to,
                entity: c.entity,
                default_responsibility,
            });
        }
        for (i, p) in s.related_parties.iter().enumerate() {
            let path = format!("related_parties[{i}]");
            let config = match self.lookup(
                &format!("{path}.relationship"),
                &p.relationship,
                "related party configuration",
            ) {
                Some(Entity::PartyConfig(c)) => Some(c),
                Some(other) => self.wrong_kind(
                    &format!("{path}.relationship"),
                    &p.relationship,
                    other,
                    "a related party configuration",
                ),
                None => None,
            };
            let record = match self.lookup(&format!("{path}.record"), &p.record, "record") {
                Some(Entity::Record(r)) => Some(r),
                Some(other) => self.wrong_kind(
                    &format!("{path}.record"),
                    &p.record,
                    other,
                    "a case or sold product",
                ),
                None => None,
            };
            let party = self.party_ref(&format!("{path}.party"), &p.party);
            let over = p
                .responsibility
                .as_ref()
                .and_then(|r| self.resp_ref(&format!("{path}.responsibility"), r));
            let (Some(config), Some(record), Some(party)) = (config, record, party) else {
                continue;
            };
            let cfg = &self.party_configs[config.ix()];
            let object = self.records[record.ix()].object;
            if cfg.applies_to != object {
                let msg = format!(
                    "relationship '{}' applies to {} records, but '{}' is a {}",
                    cfg.id,
                    cfg.applies_to.key(),
                    p.record,
                    object.key()
                );
                self.problem(format!("{path}.record"), msg);
                continue;
            }
            if cfg.entity != p.party.kind() {
                let msg = format!(
                    "relationship '{}' is for {} parties, but the party is a {}",
                    cfg.id,
                    cfg.entity.key(),
                    p.party.kind().key()
                );
                self.problem(format!("{path}.party"), msg);
                continue;
            }
            self.related_parties.push(RelatedPartyData {
                id: p.id.clone(),
                record,
                party,
                config,
                override_responsibility: over,
            });
        }
    }

    pub(super) fn party_ref(&mut self, path: &str, p: &PartyRef) -> Option<PartyIxRef> {
        Some(match p {
            PartyRef::User(id) => {
                let u = self.user_ref(&format!("{path}.user"), id)?;
                if self.users[u.ix()].kind != UserKind::Internal {
                    self.problem(
                        format!("{path}.user"),
                        format!(
                            "'{id}' is an external user; add them as a contact or consumer party"
                        ),
                    );
                    return None;
                }
                PartyIxRef::User(u)
            }
            PartyRef::Consumer(id) => {
                let u = self.user_ref(&format!("{path}.consumer"), id)?;
                if self.users[u.ix()].license != Some(License::Consumer) {
                    self.problem(
                        format!("{path}.consumer"),
                        format!(
                            "'{id}' is not a consumer (an external user with the consumer license)"
                        ),
                    );
                    return None;
                }
                PartyIxRef::User(u)
            }
            PartyRef::Contact(id) => PartyIxRef::Contact(self.record_ref(
                &format!("{path}.contact"),
                id,
                ObjectKind::Contact,
            )?),
            PartyRef::Account(id) => PartyIxRef::Account(self.record_ref(
                &format!("{path}.account"),
                id,
                ObjectKind::Account,
            )?),
        })
    }
}
