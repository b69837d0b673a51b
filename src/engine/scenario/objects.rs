//! Objects and their org-wide defaults: which kinds of record a scenario holds and the
//! baseline each kind starts from.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::names::{is_custom_name, ApiName};
use crate::engine::level::Access;

/// The objects whose records the engine evaluates: Salesforce's and ServiceNow's standard
/// ones, and custom objects by API name (declared in `custom_objects`). Written as its key
/// (`case`, `sold_product`) or API name (`Loan_Application__c`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjectKind {
    Account,
    Contact,
    Case,
    Opportunity,
    Lead,
    Asset,
    SoldProduct,
    AccountChild,
    Custom(ApiName),
}

impl ObjectKind {
    /// The standard objects.
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

    /// The name Salesforce's setup pages use (for a custom object, derived from its API name;
    /// `Index::object_label` gives the declared label).
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
            ObjectKind::Custom(name) => name.label(),
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
            ObjectKind::Custom(name) => name.as_str(),
        }
    }

    /// A standard object by key or label (any case), or a custom object by API name.
    pub fn parse(text: &str) -> Option<ObjectKind> {
        ObjectKind::ALL
            .into_iter()
            .find(|k| k.key().eq_ignore_ascii_case(text) || k.label().eq_ignore_ascii_case(text))
            .or_else(|| ApiName::new(text).ok().map(ObjectKind::Custom))
    }

    /// How a sentence names one of its records: "case", "sold product", or a custom object's
    /// label ("Loan Application"; `Index::object_noun` gives the declared one).
    pub fn noun(self) -> String {
        match self {
            ObjectKind::Custom(name) => name.label().to_string(),
            std => std.key().replace('_', " "),
        }
    }

    pub fn is_custom(self) -> bool {
        matches!(self, ObjectKind::Custom(_))
    }

    /// Among the standard objects Salesforce lets only contacts and assets be Controlled by
    /// Parent (and account children always are); a custom object is when it is the detail of
    /// a master-detail relationship (checked against its declaration).
    pub fn may_be_controlled_by_parent(self) -> bool {
        matches!(
            self,
            ObjectKind::Contact
                | ObjectKind::Asset
                | ObjectKind::AccountChild
                | ObjectKind::Custom(_)
        )
    }

    /// Only cases and leads have the Public Read/Write/Transfer default.
    pub fn supports_transfer_default(self) -> bool {
        matches!(self, ObjectKind::Case | ObjectKind::Lead)
    }

    /// Records a queue may own: "owned by a user or optionally a queue for custom objects,
    /// cases and leads" (a detail object's records have no owner: checked against its
    /// declaration).
    pub fn may_be_queue_owned(self) -> bool {
        matches!(
            self,
            ObjectKind::Case | ObjectKind::Lead | ObjectKind::Custom(_)
        )
    }
}

impl Serialize for ObjectKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for ObjectKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        if let Some(k) = ObjectKind::ALL.into_iter().find(|k| k.key() == text) {
            return Ok(k);
        }
        if is_custom_name(&text) {
            return ApiName::new(&text)
                .map(ObjectKind::Custom)
                .map_err(serde::de::Error::custom);
        }
        let keys: Vec<&str> = ObjectKind::ALL.iter().map(|k| k.key()).collect();
        Err(serde::de::Error::custom(format!(
            "unknown object `{}`, expected one of `{}`, or a custom object's API name ending in __c",
            text.chars().take(80).collect::<String>(),
            keys.join("`, `")
        )))
    }
}

impl JsonSchema for ObjectKind {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ObjectKind".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let keys: Vec<&str> = ObjectKind::ALL.iter().map(|k| k.key()).collect();
        let custom = generator.subschema_for::<ApiName>();
        schemars::json_schema!({
            "description": "A standard object's key, or a custom object's API name.",
            "anyOf": [{ "type": "string", "enum": keys }, custom]
        })
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

/// The defaults that apply to `object` given the scenario's map (custom objects' merged in):
/// account children always follow their account; an object left out is Private.
pub fn default_of(
    defaults: &std::collections::BTreeMap<ObjectKind, OrgDefault>,
    object: ObjectKind,
) -> OrgDefault {
    if object == ObjectKind::AccountChild {
        return OrgDefault {
            internal: Sharing::ControlledByParent,
            external: None,
        };
    }
    defaults.get(&object).copied().unwrap_or(OrgDefault {
        internal: Sharing::Private,
        external: None,
    })
}

impl OrgDefault {
    pub fn external(&self) -> Sharing {
        self.external.unwrap_or(self.internal)
    }
}

/// A custom object (Object Manager; the Metadata API's CustomObject): its own internal and
/// external org-wide defaults, "Grant Access Using Hierarchies", an optional master-detail
/// relationship (which makes it Controlled by Parent) and lookup fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomObject {
    /// `Loan_Application__c`: what records, rules and profiles name it by.
    pub api_name: ApiName,
    pub label: String,
    /// Internal org-wide default; for a detail object only `controlled_by_parent`, which is
    /// also what leaving it out means there (elsewhere it means `private`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal: Option<Sharing>,
    /// External org-wide default; defaults to the internal one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external: Option<Sharing>,
    /// Users above a record's owner (and above those it is shared with) get the same access.
    /// Only custom objects can turn it off; a detail object can't (its default is Controlled
    /// by Parent).
    #[serde(default = "super::yes")]
    pub grant_access_using_hierarchies: bool,
    /// The master record's field and object: the detail follows its master's access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub master_detail: Option<MasterDetail>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lookups: Vec<LookupField>,
}

impl CustomObject {
    /// The internal and external defaults the declaration amounts to.
    pub fn org_default(&self) -> OrgDefault {
        let detail = self.master_detail.is_some();
        let fallback = if detail {
            Sharing::ControlledByParent
        } else {
            Sharing::Private
        };
        OrgDefault {
            internal: self.internal.unwrap_or(fallback),
            external: self.external,
        }
    }
}

/// The field of a detail object that names its master record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MasterDetail {
    pub field: ApiName,
    /// The master's object: a custom object, or account, contact, case, opportunity or asset.
    pub master: ObjectKind,
}

/// A lookup field of a custom object, and what it points at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LookupField {
    pub field: ApiName,
    /// An object's key or API name, or `user`.
    pub to: LookupTo,
}

/// What a lookup field points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LookupTo {
    User,
    Object(ObjectKind),
}

impl Serialize for LookupTo {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            LookupTo::User => s.serialize_str("user"),
            LookupTo::Object(o) => o.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for LookupTo {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        if text == "user" {
            return Ok(LookupTo::User);
        }
        ObjectKind::deserialize(serde::de::value::StrDeserializer::<D::Error>::new(&text))
            .map(LookupTo::Object)
    }
}

impl JsonSchema for LookupTo {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "LookupTo".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let object = generator.subschema_for::<ObjectKind>();
        schemars::json_schema!({
            "description": "`user`, or the object the lookup points at.",
            "anyOf": [{ "type": "string", "enum": ["user"] }, object]
        })
    }
}
