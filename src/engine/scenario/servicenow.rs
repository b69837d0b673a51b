//! ServiceNow customer access management: responsibilities, their access per table,
//! relationship types and related parties.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ObjectKind;
use crate::engine::level::Access;

/// Who a ServiceNow responsibility or related party is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    User,
    Contact,
    Consumer,
    Account,
}

impl PartyKind {
    pub fn key(self) -> &'static str {
        match self {
            PartyKind::User => "user",
            PartyKind::Contact => "contact",
            PartyKind::Consumer => "consumer",
            PartyKind::Account => "account",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Responsibility {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: PartyKind,
}

/// ServiceNow access levels: "full = read, write and create".
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SnAccess {
    Read,
    Write,
    Full,
}

impl SnAccess {
    pub fn access(self) -> Access {
        match self {
            SnAccess::Read => Access::Read,
            SnAccess::Write => Access::Edit,
            SnAccess::Full => Access::Full,
        }
    }
}

/// What holders of a responsibility may do on a table (case or sold_product).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponsibilityAccess {
    pub responsibility: String,
    pub table: ObjectKind,
    pub access: SnAccess,
}

/// A relationship type for related parties of one entity kind on one table, with the
/// responsibility it gives by default (none: the party gets no access).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RelatedPartyConfig {
    pub id: String,
    /// The relationship type's name (Co-borrower, Authorized Contact ...).
    pub name: String,
    pub applies_to: ObjectKind,
    pub entity: PartyKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_responsibility: Option<String>,
}

/// Who a related party is: `{"contact": id}`, `{"consumer": user id}`, `{"user": id}` or
/// `{"account": id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartyRef {
    User(String),
    Contact(String),
    Consumer(String),
    Account(String),
}

impl PartyRef {
    pub fn kind(&self) -> PartyKind {
        match self {
            PartyRef::User(_) => PartyKind::User,
            PartyRef::Contact(_) => PartyKind::Contact,
            PartyRef::Consumer(_) => PartyKind::Consumer,
            PartyRef::Account(_) => PartyKind::Account,
        }
    }
}

/// A party added to a case or sold product with a relationship type; an agent may override
/// the type's default responsibility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RelatedParty {
    pub id: String,
    pub record: String,
    pub party: PartyRef,
    pub relationship: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsibility: Option<String>,
}
