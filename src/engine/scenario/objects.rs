//! Objects and their org-wide defaults: which kinds of record a scenario holds and the
//! baseline each kind starts from.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::engine::level::Access;

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
