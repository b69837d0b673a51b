//! The scenario file format: plain serde types that mirror the JSON an author writes.
//! Nothing here is checked beyond its shape; `validate` turns a `Scenario` into an `Index`
//! or a list of errors with JSON paths. `docs/scenario-format.md` documents every field.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::level::{Access, ChildAccess, ShareAccess};

/// The one format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A whole scenario: the people, the configuration and the records.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version; must be 1.
    pub version: u32,
    /// Display name of the scenario.
    #[serde(default)]
    pub name: String,
    /// One or two sentences on what the scenario shows.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub users: Vec<User>,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub profiles: Vec<Profile>,
    #[serde(default)]
    pub permission_sets: Vec<PermissionSet>,
    #[serde(default)]
    pub queues: Vec<Queue>,
    /// Org-wide defaults per object; an object left out is Private inside and out.
    #[serde(default)]
    pub org_defaults: BTreeMap<ObjectKind, OrgDefault>,
    #[serde(default)]
    pub accounts: Vec<Account>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub cases: Vec<Case>,
    #[serde(default)]
    pub opportunities: Vec<Opportunity>,
    #[serde(default)]
    pub leads: Vec<Lead>,
    #[serde(default)]
    pub assets: Vec<Asset>,
    #[serde(default)]
    pub sharing_rules: Vec<SharingRule>,
    #[serde(default)]
    pub manual_shares: Vec<ManualShare>,
    #[serde(default)]
    pub account_teams: Vec<AccountTeamMember>,
    #[serde(default)]
    pub opportunity_teams: Vec<OpportunityTeamMember>,
    #[serde(default)]
    pub case_teams: Vec<CaseTeamMember>,
    /// ServiceNow sold products: products an account bought.
    #[serde(default)]
    pub sold_products: Vec<SoldProduct>,
    /// Salesforce sharing sets for portal users.
    #[serde(default)]
    pub sharing_sets: Vec<SharingSet>,
    /// ServiceNow responsibility definitions.
    #[serde(default)]
    pub responsibilities: Vec<Responsibility>,
    /// ServiceNow responsibility access configurations.
    #[serde(default)]
    pub responsibility_access: Vec<ResponsibilityAccess>,
    /// ServiceNow related party configurations: one relationship type each.
    #[serde(default)]
    pub related_party_configs: Vec<RelatedPartyConfig>,
    /// ServiceNow related parties on cases and sold products.
    #[serde(default)]
    pub related_parties: Vec<RelatedParty>,
    /// Records that hang off an account and share its access (CustomerSuccessBox
    /// subscriptions, users, tasks, milestones, usage events ...).
    #[serde(default)]
    pub account_children: Vec<AccountChild>,
    /// CustomerSuccessBox playbooks, whose tasks may name a user.
    #[serde(default)]
    pub playbooks: Vec<Playbook>,
}

/// The standard objects whose records the engine evaluates.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    Account,
    Contact,
    Case,
    Opportunity,
    Lead,
    Asset,
    SoldProduct,
    AccountChild,
}

impl ObjectKind {
    pub const ALL: [ObjectKind; 8] = [
        ObjectKind::Account,
        ObjectKind::Contact,
        ObjectKind::Case,
        ObjectKind::Opportunity,
        ObjectKind::Lead,
        ObjectKind::Asset,
        ObjectKind::SoldProduct,
        ObjectKind::AccountChild,
    ];

    /// The name Salesforce's setup pages use.
    pub fn label(self) -> &'static str {
        match self {
            ObjectKind::Account => "Account",
            ObjectKind::Contact => "Contact",
            ObjectKind::Case => "Case",
            ObjectKind::Opportunity => "Opportunity",
            ObjectKind::Lead => "Lead",
            ObjectKind::Asset => "Asset",
            ObjectKind::SoldProduct => "Sold Product",
            ObjectKind::AccountChild => "Account Child",
        }
    }

    /// The id used in files and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            ObjectKind::Account => "account",
            ObjectKind::Contact => "contact",
            ObjectKind::Case => "case",
            ObjectKind::Opportunity => "opportunity",
            ObjectKind::Lead => "lead",
            ObjectKind::Asset => "asset",
            ObjectKind::SoldProduct => "sold_product",
            ObjectKind::AccountChild => "account_child",
        }
    }

    pub fn parse(text: &str) -> Option<ObjectKind> {
        ObjectKind::ALL
            .into_iter()
            .find(|k| k.key().eq_ignore_ascii_case(text) || k.label().eq_ignore_ascii_case(text))
    }

    /// Salesforce lets only contacts and assets be Controlled by Parent among these objects.
    pub fn may_be_controlled_by_parent(self) -> bool {
        matches!(
            self,
            ObjectKind::Contact | ObjectKind::Asset | ObjectKind::AccountChild
        )
    }

    /// Only cases and leads have the Public Read/Write/Transfer default, and only they can be
    /// owned by a queue.
    pub fn supports_transfer_default(self) -> bool {
        matches!(self, ObjectKind::Case | ObjectKind::Lead)
    }
}

/// Whether a user works for the company or is a portal (Experience Cloud) user.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UserKind {
    #[default]
    Internal,
    External,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct User {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub kind: UserKind,
    /// Inactive users have no access at all.
    #[serde(default = "yes")]
    pub active: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub profile: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permission_sets: Vec<String>,
    /// External users only: the license (default customer_community).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<License>,
    /// External users: the contact record the user is (and so their account).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// Customer Community Plus and Partner users: their portal role under the account owner's
    /// role (default user).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portal_role: Option<PortalRole>,
    /// ServiceNow CSM portal roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub csm_roles: Vec<CsmRole>,
}

/// What kind of external user this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum License {
    /// High-volume: no role, never in groups, sharing rules, queues or teams; sharing sets only.
    CustomerCommunity,
    /// Has a portal role under the account owner's role.
    CustomerCommunityPlus,
    /// Has a portal role under the account owner's role.
    Partner,
    /// A ServiceNow consumer: a person buying for themself, with no account.
    Consumer,
}

impl License {
    pub fn label(self) -> &'static str {
        match self {
            License::CustomerCommunity => "Customer Community",
            License::CustomerCommunityPlus => "Customer Community Plus",
            License::Partner => "Partner Community",
            License::Consumer => "Consumer",
        }
    }

    /// High-volume users get access only through sharing sets (and what they own).
    pub fn high_volume(self) -> bool {
        matches!(self, License::CustomerCommunity | License::Consumer)
    }

    pub fn has_portal_role(self) -> bool {
        matches!(self, License::CustomerCommunityPlus | License::Partner)
    }
}

/// The three portal roles Salesforce creates per account, top first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PortalRole {
    Executive,
    Manager,
    User,
}

impl PortalRole {
    pub const ALL: [PortalRole; 3] = [PortalRole::Executive, PortalRole::Manager, PortalRole::User];
    pub fn label(self) -> &'static str {
        match self {
            PortalRole::Executive => "Executive",
            PortalRole::Manager => "Manager",
            PortalRole::User => "User",
        }
    }
}

/// ServiceNow CSM portal roles.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CsmRole {
    /// Own cases, and cases an agent opened for them.
    Customer,
    /// The account's and its child accounts' cases.
    CustomerCaseManager,
    /// The account's (and child accounts') cases; manages the account's users.
    CustomerAdmin,
    /// Own account's and customer accounts' cases, read.
    Partner,
    /// Own account's and customer accounts' cases, read and write.
    PartnerAdmin,
}

impl CsmRole {
    pub fn key(self) -> &'static str {
        match self {
            CsmRole::Customer => "customer",
            CsmRole::CustomerCaseManager => "customer_case_manager",
            CsmRole::CustomerAdmin => "customer_admin",
            CsmRole::Partner => "partner",
            CsmRole::PartnerAdmin => "partner_admin",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub name: String,
    /// The role this one reports to; none for a top role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default)]
    pub case_access_for_account_owner: ChildAccess,
    #[serde(default)]
    pub opportunity_access_for_account_owner: ChildAccess,
    #[serde(default)]
    pub contact_access_for_account_owner: ChildAccess,
}

/// Who a group, queue or manual share includes. Written `{"user": "id"}`, `{"role": "id"}`,
/// `{"role_and_subordinates": "id"}` or `{"group": "id"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Principal {
    User(String),
    Role(String),
    RoleAndSubordinates(String),
    /// The role and the internal roles below it, leaving out portal roles.
    RoleAndInternalSubordinates(String),
    Group(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub members: Vec<Principal>,
}

/// Object permissions as Salesforce's profile page lists them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ObjectPermission {
    Read,
    Create,
    Edit,
    Delete,
    ViewAll,
    ModifyAll,
}

/// Permissions that reach every object.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SystemPermission {
    ViewAllData,
    ModifyAllData,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub id: String,
    pub name: String,
    /// Per object, the permissions granted, e.g. `"case": ["read", "edit"]`.
    #[serde(default)]
    pub objects: BTreeMap<ObjectKind, BTreeSet<ObjectPermission>>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub system: BTreeSet<SystemPermission>,
    /// Access to every record the user created (Teams CRM Members: "sees only what they
    /// created"). Default none.
    #[serde(default)]
    pub creator_access: ChildAccess,
    /// Access to accounts assigned to the user as Customer Success Manager and to unassigned
    /// accounts (CustomerSuccessBox). Default none.
    #[serde(default)]
    pub assigned_account_access: ChildAccess,
    /// Configuration areas the holder may use.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub config: BTreeSet<ConfigArea>,
}

/// The configuration areas of the source apps (Teams CRM, CustomerSuccessBox).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ConfigArea {
    Settings,
    TeamManagement,
    Forms,
    Workflows,
    EmailSync,
    SalesPipeline,
    Segments,
    Playbooks,
    DeveloperConsole,
}

impl ConfigArea {
    pub const ALL: [ConfigArea; 9] = [
        ConfigArea::Settings,
        ConfigArea::TeamManagement,
        ConfigArea::Forms,
        ConfigArea::Workflows,
        ConfigArea::EmailSync,
        ConfigArea::SalesPipeline,
        ConfigArea::Segments,
        ConfigArea::Playbooks,
        ConfigArea::DeveloperConsole,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ConfigArea::Settings => "settings",
            ConfigArea::TeamManagement => "team_management",
            ConfigArea::Forms => "forms",
            ConfigArea::Workflows => "workflows",
            ConfigArea::EmailSync => "email_sync",
            ConfigArea::SalesPipeline => "sales_pipeline",
            ConfigArea::Segments => "segments",
            ConfigArea::Playbooks => "playbooks",
            ConfigArea::DeveloperConsole => "developer_console",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ConfigArea::Settings => "Settings",
            ConfigArea::TeamManagement => "Team management",
            ConfigArea::Forms => "Forms",
            ConfigArea::Workflows => "Workflows",
            ConfigArea::EmailSync => "Email sync",
            ConfigArea::SalesPipeline => "Sales pipeline",
            ConfigArea::Segments => "Segments",
            ConfigArea::Playbooks => "Playbooks",
            ConfigArea::DeveloperConsole => "Developer console",
        }
    }
}

/// Same shape as a profile: extra permissions added on top of it.
pub type PermissionSet = Profile;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Queue {
    pub id: String,
    pub name: String,
    /// Objects whose records the queue may own (cases and leads).
    pub objects: BTreeSet<ObjectKind>,
    #[serde(default)]
    pub members: Vec<Principal>,
    /// "Grant Access Using Hierarchies" (`doesIncludeBosses`): users above the members in the
    /// role hierarchy share the members' access.
    #[serde(default = "yes")]
    pub include_bosses: bool,
}

/// One org-wide default setting.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Sharing {
    Private,
    PublicRead,
    PublicReadWrite,
    PublicReadWriteTransfer,
    ControlledByParent,
}

impl Sharing {
    /// The baseline access the setting itself gives every user it applies to.
    pub fn baseline(self) -> Access {
        match self {
            Sharing::Private | Sharing::ControlledByParent => Access::None,
            Sharing::PublicRead => Access::Read,
            Sharing::PublicReadWrite | Sharing::PublicReadWriteTransfer => Access::Edit,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sharing::Private => "Private",
            Sharing::PublicRead => "Public Read Only",
            Sharing::PublicReadWrite => "Public Read/Write",
            Sharing::PublicReadWriteTransfer => "Public Read/Write/Transfer",
            Sharing::ControlledByParent => "Controlled by Parent",
        }
    }
}

/// The internal and external org-wide default of one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgDefault {
    pub internal: Sharing,
    /// Defaults to the internal setting when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external: Option<Sharing>,
}

impl OrgDefault {
    pub fn external(&self) -> Sharing {
        self.external.unwrap_or(self.internal)
    }
}

/// Free-form criteria fields (status, type, origin, industry ...) used by criteria rules. In
/// JSON an object of strings; in memory a list sorted by name, since a record has a handful of
/// fields and a map per record would cost hundreds of megabytes at org scale.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields(Vec<(String, String)>);

impl Fields {
    pub fn get(&self, name: &str) -> Option<&String> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(name))
            .ok()
            .map(|i| &self.0[i].1)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Fields {
    /// Like a map: sorted by name, and a later value for the same name wins.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(items: I) -> Self {
        let mut list: Vec<(String, String)> = items
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        list.reverse();
        list.sort_by(|a, b| a.0.cmp(&b.0));
        list.dedup_by(|later, first| later.0 == first.0);
        Fields(list)
    }
}

impl Serialize for Fields {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Fields;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of field names to string values")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Fields, A::Error> {
                let mut list = Vec::new();
                while let Some(entry) = map.next_entry::<String, String>()? {
                    list.push(entry);
                }
                Ok(list.into_iter().collect())
            }
        }
        d.deserialize_map(Visit)
    }
}

impl JsonSchema for Fields {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Fields".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <BTreeMap<String, String>>::json_schema(generator)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// The parent account in an account hierarchy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// ServiceNow: the partner account that serves this customer account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
    /// ServiceNow "Restrict Contact Access": when false every contact of the account reads its
    /// sold products; when true only the products' related parties do.
    #[serde(default)]
    pub restrict_contact_access: bool,
    /// CustomerSuccessBox: the user assigned as the account's Customer Success Manager.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_manager: Option<String>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: String,
    pub name: String,
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: String,
    pub name: String,
    /// A user or a queue.
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asset: Option<String>,
    /// ServiceNow: the sold product the case is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sold_product: Option<String>,
    /// ServiceNow: the consumer (a user with the consumer license) the case is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumer: Option<String>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Opportunity {
    pub id: String,
    pub name: String,
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lead {
    pub id: String,
    pub name: String,
    /// A user or a queue.
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    pub id: String,
    pub name: String,
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

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

/// A product an account bought (ServiceNow `sn_install_base_sold_product`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SoldProduct {
    pub id: String,
    pub name: String,
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// The customer account that bought it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
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

/// A record that hangs off an account and always shares its access (hierarchical access:
/// no account access means no access to it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountChild {
    pub id: String,
    pub name: String,
    /// What it is: Subscription, User, Task, Milestone, Usage Event, Case ...
    pub kind: String,
    pub account: String,
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaybookTask {
    pub name: String,
    /// The user the task names explicitly, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Playbook {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub tasks: Vec<PlaybookTask>,
}
