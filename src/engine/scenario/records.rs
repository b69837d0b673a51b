//! Records: accounts, contacts, cases, opportunities, leads, assets, sold products, account
//! children and playbooks, with the free-form fields criteria rules read.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Free-form criteria fields (status, type, origin, industry ...) used by criteria rules. In
/// JSON an object of strings; in memory a list sorted by name, since a record has a handful of
/// fields and a map per record would cost hundreds of megabytes at org scale. Shared, since
/// they never change in place: the index's copy of each record is a count, not a copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields(std::sync::Arc<[(String, String)]>);

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
        Fields(list.into())
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

/// A record of a custom object. A detail record has no owner of its own ("The Owner field on
/// the detail and subdetail records is not available"): its master's owner owns it, and its
/// master-detail field, like any lookup, is in `lookups`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomRecord {
    pub id: String,
    pub name: String,
    /// The custom object's API name.
    pub object: super::ApiName,
    /// A user or a queue; none on a detail object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// Lookup and master-detail field values: field API name to the id of a record or user.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub lookups: BTreeMap<super::ApiName, String>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields,
}
