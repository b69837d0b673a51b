//! Expectations: each names exactly one user or set of users and one record or set of records,
//! with ids that resolve and one bound on the level.

use super::*;
use crate::engine::index::*;
use crate::engine::scenario::*;

impl Validator {
    pub(super) fn build_expectations(&mut self, s: &Scenario) {
        self.expectations = self.expectation_list(&s.expectations, "expectations");
        let mut ids = std::collections::BTreeSet::new();
        for (i, x) in s.exercises.iter().enumerate() {
            let path = format!("exercises[{i}]");
            if x.id.trim().is_empty() || !ids.insert(x.id.as_str()) {
                self.problem(
                    format!("{path}.id"),
                    format!("exercise id '{}' is empty or used twice", x.id),
                );
            }
            if x.expectations.is_empty() {
                self.problem(
                    format!("{path}.expectations"),
                    "an exercise needs at least one expectation (how its goal is checked)",
                );
            }
            for (j, e) in x.answer.iter().enumerate() {
                if let Err(err) = serde_json::from_value::<crate::engine::scenario::Edit>(e.clone())
                {
                    self.problem(format!("{path}.answer[{j}]"), format!("not an edit: {err}"));
                }
            }
            let list = self.expectation_list(&x.expectations, &format!("{path}.expectations"));
            self.exercises.push((x.id.clone(), list));
        }
    }

    fn expectation_list(&mut self, list: &[Expectation], prefix: &str) -> Vec<ExpectationData> {
        let mut out = Vec::new();
        for (i, e) in list.iter().enumerate() {
            let path = format!("{prefix}[{i}]");
            let users = match (&e.user, &e.users) {
                (Some(u), None) => self
                    .user_ref(&format!("{path}.user"), u)
                    .map(ExpectedUsers::One),
                (None, Some(sel)) => self.user_selector(&format!("{path}.users"), sel),
                _ => {
                    self.problem(
                        path.clone(),
                        "name exactly one of `user` (an id) or `users` (a role, role and subordinates, profile or group)",
                    );
                    None
                }
            };
            let records = match (&e.record, &e.records) {
                (Some(r), None) => match self.lookup(&format!("{path}.record"), r, "record") {
                    Some(Entity::Record(x)) => Some(ExpectedRecords::One(x)),
                    Some(other) => self.wrong_kind(&format!("{path}.record"), r, other, "a record"),
                    None => None,
                },
                (None, Some(sel)) => self
                    .known_object(&format!("{path}.records.object"), sel.object)
                    .then(|| {
                        ExpectedRecords::Where(
                            sel.object,
                            sel.criteria
                                .iter()
                                .map(|c| (c.field.clone(), c.equals.clone()))
                                .collect(),
                        )
                    }),
                _ => {
                    self.problem(
                        path.clone(),
                        "name exactly one of `record` (an id) or `records` (an object and criteria)",
                    );
                    None
                }
            };
            let bound = match (e.at_least, e.at_most) {
                (true, true) => {
                    self.problem(
                        format!("{path}.at_most"),
                        "an expectation is at least or at most its level, not both",
                    );
                    continue;
                }
                (true, false) => Bound::AtLeast,
                (false, true) => Bound::AtMost,
                (false, false) => Bound::Exactly,
            };
            if let (Some(users), Some(records)) = (users, records) {
                out.push(ExpectationData {
                    users,
                    records,
                    access: e.access,
                    bound,
                    why: e.why.clone(),
                });
            }
        }
        out
    }

    fn user_selector(&mut self, path: &str, sel: &UserSelector) -> Option<ExpectedUsers> {
        Some(match sel {
            UserSelector::Role(id) => {
                ExpectedUsers::Role(self.role_ref(&format!("{path}.role"), id)?)
            }
            UserSelector::RoleAndSubordinates(id) => ExpectedUsers::RoleAndSubordinates(
                self.role_ref(&format!("{path}.role_and_subordinates"), id)?,
            ),
            UserSelector::Group(id) => {
                ExpectedUsers::Group(self.group_ref(&format!("{path}.group"), id)?)
            }
            UserSelector::Profile(id) => {
                match self.lookup(&format!("{path}.profile"), id, "profile")? {
                    Entity::Profile(p) => ExpectedUsers::Profile(p),
                    other => {
                        return self.wrong_kind(&format!("{path}.profile"), id, other, "a profile")
                    }
                }
            }
        })
    }
}
