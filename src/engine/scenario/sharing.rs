//! Sharing configuration: sharing rules, manual shares, account, opportunity and case teams,
//! and sharing sets with their access mappings and share groups.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ApiName, ObjectKind, Principal};
use crate::engine::level::{ChildAccess, ShareAccess};

/// Whom a sharing rule shares with: never a single user (Salesforce offers groups and roles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleTarget {
    Role(String),
    RoleAndSubordinates(String),
    RoleAndInternalSubordinates(String),
    Group(String),
}

impl RuleTarget {
    pub fn as_principal(&self) -> Principal {
        match self {
            RuleTarget::Role(id) => Principal::Role(id.clone()),
            RuleTarget::RoleAndSubordinates(id) => Principal::RoleAndSubordinates(id.clone()),
            RuleTarget::RoleAndInternalSubordinates(id) => {
                Principal::RoleAndInternalSubordinates(id.clone())
            }
            RuleTarget::Group(id) => Principal::Group(id.clone()),
        }
    }
}

/// One field test of a criteria-based rule: the record's field equals one of the values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub field: String,
    /// The field must equal one of these (exact, case-sensitive match).
    pub equals: Vec<String>,
}

/// Which records a sharing rule picks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleSelector {
    /// Owner-based: records owned by members of this role, role and subordinates, or group.
    OwnedBy(RuleTarget),
    /// Criteria-based: records whose fields meet every criterion.
    Criteria(Vec<Criterion>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SharingRule {
    pub id: String,
    pub name: String,
    pub object: ObjectKind,
    pub select: RuleSelector,
    pub share_with: RuleTarget,
    pub access: ShareAccess,
    /// Account rules and shares only: what the grantees get on the account's cases,
    /// opportunities and contacts (Private, Read Only, Read/Write), like an account team.
    #[serde(default, skip_serializing_if = "is_none")]
    pub case_access: ChildAccess,
    #[serde(default, skip_serializing_if = "is_none")]
    pub opportunity_access: ChildAccess,
    #[serde(default, skip_serializing_if = "is_none")]
    pub contact_access: ChildAccess,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ManualShare {
    pub id: String,
    /// Defaults to "Manual share" in explanations.
    #[serde(default)]
    pub name: String,
    pub record: String,
    pub with: Principal,
    pub access: ShareAccess,
    /// Account rules and shares only: what the grantees get on the account's cases,
    /// opportunities and contacts (Private, Read Only, Read/Write), like an account team.
    #[serde(default, skip_serializing_if = "is_none")]
    pub case_access: ChildAccess,
    #[serde(default, skip_serializing_if = "is_none")]
    pub opportunity_access: ChildAccess,
    #[serde(default, skip_serializing_if = "is_none")]
    pub contact_access: ChildAccess,
}

/// A member of an account team, with what they get on the account and on its children.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountTeamMember {
    pub account: String,
    pub user: String,
    /// Team role shown in explanations (Account Manager, Sales Engineer ...).
    #[serde(default)]
    pub team_role: String,
    pub account_access: ShareAccess,
    #[serde(default)]
    pub case_access: ChildAccess,
    #[serde(default)]
    pub opportunity_access: ChildAccess,
    #[serde(default)]
    pub contact_access: ChildAccess,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpportunityTeamMember {
    pub opportunity: String,
    pub user: String,
    #[serde(default)]
    pub team_role: String,
    pub access: ShareAccess,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseTeamMember {
    #[serde(rename = "case")]
    pub case_id: String,
    pub user: String,
    /// The case team role's name (its access comes with it).
    #[serde(default)]
    pub team_role: String,
    pub access: ShareAccess,
}

/// Which field of the portal user an access mapping reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UserField {
    Account,
    Contact,
}

/// The lookup an access mapping follows on the target record: direct (`account`, `contact`)
/// or indirect through another lookup (`asset.account`). `id` is the record itself (an
/// account or contact record shared with the user who is, or belongs to, it). On a custom
/// object, its lookup fields: `Borrower__c` (a lookup to a contact or account), and one step
/// further, `Application__c.Borrower__c` (a lookup of the record it points at) or
/// `Borrower__c.account` (the account of the contact it points at).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetPath {
    Id,
    Account,
    Contact,
    AssetAccount,
    AssetContact,
    ContactAccount,
    /// A custom lookup or master-detail field, then optionally one more step.
    Lookup(ApiName, Option<Hop>),
}

/// The second step of a custom lookup path, on the record the first one points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hop {
    Account,
    Contact,
    Field(ApiName),
}

const STANDARD_PATHS: [(TargetPath, &str, &str); 6] = [
    (TargetPath::Id, "id", "Id"),
    (TargetPath::Account, "account", "Account"),
    (TargetPath::Contact, "contact", "Contact"),
    (TargetPath::AssetAccount, "asset.account", "Asset.Account"),
    (TargetPath::AssetContact, "asset.contact", "Asset.Contact"),
    (
        TargetPath::ContactAccount,
        "contact.account",
        "Contact.Account",
    ),
];

impl TargetPath {
    /// As setup pages show it ("Asset.Account", "Application__c.Borrower__c").
    pub fn text(self) -> String {
        match self {
            TargetPath::Lookup(f, hop) => match hop {
                None => f.as_str().to_string(),
                Some(Hop::Account) => format!("{f}.Account"),
                Some(Hop::Contact) => format!("{f}.Contact"),
                Some(Hop::Field(g)) => format!("{f}.{g}"),
            },
            std => STANDARD_PATHS
                .iter()
                .find(|(p, ..)| *p == std)
                .map_or(String::new(), |(_, _, text)| text.to_string()),
        }
    }

    /// As written in scenario files ("asset.account", "Borrower__c.account").
    pub fn key(self) -> String {
        match self {
            TargetPath::Lookup(f, hop) => match hop {
                None => f.as_str().to_string(),
                Some(Hop::Account) => format!("{f}.account"),
                Some(Hop::Contact) => format!("{f}.contact"),
                Some(Hop::Field(g)) => format!("{f}.{g}"),
            },
            std => STANDARD_PATHS
                .iter()
                .find(|(p, ..)| *p == std)
                .map_or(String::new(), |(_, key, _)| key.to_string()),
        }
    }

    pub fn parse(text: &str) -> Result<TargetPath, String> {
        if let Some((p, ..)) = STANDARD_PATHS.iter().find(|(_, key, _)| *key == text) {
            return Ok(*p);
        }
        let (first, rest) = match text.split_once('.') {
            Some((a, b)) => (a, Some(b)),
            None => (text, None),
        };
        let keys: Vec<&str> = STANDARD_PATHS.iter().map(|(_, k, _)| *k).collect();
        let unknown = || {
            format!(
                "unknown lookup `{}`, expected one of `{}`, or a custom lookup field (`Borrower__c`, `Application__c.Borrower__c`, `Borrower__c.account`)",
                text.chars().take(80).collect::<String>(),
                keys.join("`, `")
            )
        };
        if !super::is_custom_name(first) {
            return Err(unknown());
        }
        let hop = match rest {
            None => None,
            Some("account") => Some(Hop::Account),
            Some("contact") => Some(Hop::Contact),
            Some(g) if super::is_custom_name(g) => Some(Hop::Field(ApiName::new(g)?)),
            Some(_) => return Err(unknown()),
        };
        Ok(TargetPath::Lookup(ApiName::new(first)?, hop))
    }
}

impl Serialize for TargetPath {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.key())
    }
}

impl<'de> Deserialize<'de> for TargetPath {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        TargetPath::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for TargetPath {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TargetPath".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let keys: Vec<&str> = STANDARD_PATHS.iter().map(|(_, k, _)| *k).collect();
        schemars::json_schema!({
            "description": "A lookup path on the target record.",
            "anyOf": [
                { "type": "string", "enum": keys },
                { "type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_]*__c(\\.(account|contact|[A-Za-z][A-Za-z0-9_]*__c))?$" }
            ]
        })
    }
}

/// One access mapping: records of `object` whose `target` equals the user's `user_field`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccessMapping {
    pub object: ObjectKind,
    pub user_field: UserField,
    pub target: TargetPath,
    pub access: ShareAccess,
}

/// Internal users or groups that get access to the records the set's high-volume users own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareGroup {
    pub members: Vec<Principal>,
    #[serde(default = "share_group_access")]
    pub access: ShareAccess,
}

fn share_group_access() -> ShareAccess {
    ShareAccess::Read
}

/// A Salesforce sharing set: assigned to profiles, a container of access mappings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SharingSet {
    pub id: String,
    pub name: String,
    pub profiles: Vec<String>,
    #[serde(default)]
    pub mappings: Vec<AccessMapping>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_group: Option<ShareGroup>,
}

fn is_none(a: &ChildAccess) -> bool {
    *a == ChildAccess::None
}
