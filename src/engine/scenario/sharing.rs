//! Sharing configuration: sharing rules, manual shares, account, opportunity and case teams,
//! and sharing sets with their access mappings and share groups.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ObjectKind, Principal};
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
/// account or contact record shared with the user who is, or belongs to, it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum TargetPath {
    #[serde(rename = "id")]
    Id,
    #[serde(rename = "account")]
    Account,
    #[serde(rename = "contact")]
    Contact,
    #[serde(rename = "asset.account")]
    AssetAccount,
    #[serde(rename = "asset.contact")]
    AssetContact,
    #[serde(rename = "contact.account")]
    ContactAccount,
}

impl TargetPath {
    pub fn text(self) -> &'static str {
        match self {
            TargetPath::Id => "Id",
            TargetPath::Account => "Account",
            TargetPath::Contact => "Contact",
            TargetPath::AssetAccount => "Asset.Account",
            TargetPath::AssetContact => "Asset.Contact",
            TargetPath::ContactAccount => "Contact.Account",
        }
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
