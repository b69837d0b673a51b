//! What a design promises: expectations a scenario carries, checked on every load and edit
//! ("the support agents must never edit escalated cases"), like the assertions a policy
//! playground keeps with its model.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Criterion, ObjectKind};
use crate::engine::level::Access;

/// One expectation: who, on what, at which level. Exactly one of `user` / `users` and one of
/// `record` / `records`; the level is exact unless `at_least` or `at_most` says otherwise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// One user's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Every user of a role (and its subordinates), profile or public group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users: Option<UserSelector>,
    /// One record's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// Every record of an object whose fields match every criterion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<RecordSelector>,
    pub access: Access,
    /// The level or more.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub at_least: bool,
    /// The level or less ("nobody in Support edits": `read`, `at_most`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub at_most: bool,
    /// Why it matters, shown with the result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// A set of users an expectation covers: `{"role": id}`, `{"role_and_subordinates": id}`,
/// `{"profile": id}` or `{"group": id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UserSelector {
    Role(String),
    RoleAndSubordinates(String),
    Profile(String),
    Group(String),
}

/// The records of `object` whose fields meet every criterion (all of them when none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordSelector {
    pub object: ObjectKind,
    #[serde(default, rename = "where", skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<Criterion>,
}

/// A learner's exercise on a scenario: a goal in words, the expectations that say it is met,
/// a hint, and a model answer (edits that meet it). The app and embeds play it: the learner
/// edits until every expectation holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub id: String,
    pub title: String,
    /// What to achieve, for the learner ("Give Jack Rogers Edit on his account's cases without
    /// giving him anything else").
    pub goal: String,
    /// What must hold when the goal is met (checked after every edit).
    pub expectations: Vec<Expectation>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hint: String,
    /// Edits that meet the goal (the model answer), as the JS API's `apply` takes them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<serde_json::Value>,
    /// What the answer shows, once revealed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub explanation: String,
}
