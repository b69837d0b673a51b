//! Objects and their org-wide defaults: CustomObject files (standard objects' `sharingModel` and
//! custom objects with their master-detail and lookup fields) and the Sharing settings.

use std::collections::{BTreeMap, BTreeSet};

use super::xml::{self, Doc};
use super::{standard_object, Cx};
use crate::engine::scenario::{
    is_custom_name, ApiName, CustomObject, LookupField, LookupTo, MasterDetail, ObjectKind,
    OrgDefault, Sharing,
};

/// CustomObject elements the importer reads, and the documented ones that don't bear on
/// record access.
const OBJECT_READ: &[&str] = &[
    "sharingModel",
    "externalSharingModel",
    "label",
    "fields",
    "customSettingsType",
    "fullName",
];
const OBJECT_IGNORED: &[&str] = &[
    "actionOverrides",
    "allowInChatterGroups",
    "articleTypeChannelDisplay",
    "businessProcesses",
    "compactLayoutAssignment",
    "compactLayouts",
    "customHelp",
    "customHelpPage",
    "deploymentStatus",
    "deprecated",
    "description",
    "enableActivities",
    "enableBulkApi",
    "enableDataTranslation",
    "enableDivisions",
    "enableEnhancedLookup",
    "enableFeeds",
    "enableHistory",
    "enableLicensing",
    "enableReports",
    "enableSearch",
    "enableSharing",
    "enableStreamingApi",
    "eventType",
    "externalDataSource",
    "externalName",
    "externalRepository",
    "fieldSets",
    "gender",
    "historyRetentionPolicy",
    "household",
    "indexes",
    "listViews",
    "nameField",
    "pluralLabel",
    "profileSearchLayouts",
    "publishBehavior",
    "recordTypeTrackFeedHistory",
    "recordTypeTrackHistory",
    "recordTypes",
    "searchLayouts",
    "sharingReasons",
    "sharingRecalculations",
    "startsWith",
    "validationRules",
    "visibility",
    "webLinks",
];
const FIELD_READ: &[&str] = &[
    "fullName",
    "type",
    "referenceTo",
    "label",
    "writeRequiresMasterRead",
];
const FIELD_IGNORED: &[&str] = &[
    "businessOwnerGroup",
    "businessOwnerUser",
    "businessStatus",
    "caseSensitive",
    "complianceGroup",
    "defaultValue",
    "deleteConstraint",
    "deprecated",
    "description",
    "displayFormat",
    "displayLocationInDecimal",
    "encrypted",
    "encryptionScheme",
    "escapeMarkup",
    "externalDeveloperName",
    "externalId",
    "fieldManageability",
    "formula",
    "formulaTreatBlanksAs",
    "inlineHelpText",
    "isFilteringDisabled",
    "isNameField",
    "isSortingDisabled",
    "length",
    "lookupFilter",
    "maskChar",
    "maskType",
    "metadataRelationshipControllingField",
    "populateExistingRows",
    "precision",
    "referenceTargetField",
    "relationshipLabel",
    "relationshipName",
    "relationshipOrder",
    "reparentableMasterDetail",
    "required",
    "restrictedAdminField",
    "scale",
    "securityClassification",
    "startingNumber",
    "stripMarkup",
    "summarizedField",
    "summaryFilterItems",
    "summaryForeignKey",
    "summaryOperation",
    "trackFeedHistory",
    "trackHistory",
    "trackTrending",
    "unique",
    "valueSet",
    "visibleLines",
];
/// SharingSettings elements that don't bear on the access the engine computes (user-record
/// and report visibility, recalculation timing, guest users, territories).
const SETTINGS_IGNORED: &[&str] = &[
    "deferGroupMembership",
    "deferSharingRules",
    "enableCommunityUserVisibility",
    "enableManualUserRecordSharing",
    "enablePortalUserVisibility",
    "enableRemoveTMGroupMembership",
    "enableSecureGuestAccess",
    "enableStandardReportVisibility",
    "enableTerritoryForecastManager",
    "enableManagerGroups",
    "enablePortalUserCaseSharing",
];
/// Settings that change record access in ways the engine does not model, when on.
const SETTINGS_NOT_MODELLED: &[(&str, &str)] = &[
    ("enableAccountRoleOptimization", "Account Role Optimization (one person role for an account's first portal users) is not modelled: the engine creates Executive > Manager > User portal roles per account"),
    ("enablePartnerSuperUserAccess", "partner super user access (a partner user seeing their account's other partner users' records) is not modelled"),
];

/// Sharing.settings: the external sharing model switch, and notes for what isn't modelled.
pub fn settings<'a>(cx: &mut Cx, docs: impl Iterator<Item = &'a Doc<'a>>) {
    const TY: &str = "SharingSettings";
    for d in docs {
        let root = match d.expect_root("SharingSettings") {
            Ok(r) => r,
            Err(why) => {
                cx.report.skipped(TY, &d.name, why);
                continue;
            }
        };
        let read: Vec<&str> = [
            "enableExternalSharingModel",
            "enableAssetSharing",
            "fullName",
        ]
        .into_iter()
        .chain(SETTINGS_NOT_MODELLED.iter().map(|(n, _)| *n))
        .collect();
        d.check(
            root,
            "SharingSettings",
            (&read, SETTINGS_IGNORED),
            &mut cx.report,
            TY,
        );
        cx.external_model = xml::flag(root, "enableExternalSharingModel");
        cx.report.imported(TY);
        for (name, why) in SETTINGS_NOT_MODELLED {
            if xml::flag(root, name) == Some(true) {
                cx.report.partial(TY, name, *why);
            }
        }
        if xml::flag(root, "enableAssetSharing") == Some(false) {
            cx.report.partial(TY, "enableAssetSharing", "asset sharing is off, so assets follow their parent: set the Asset default to Controlled by Parent (from Asset.object) to match");
        }
    }
}

/// Salesforce's sharingModel values as the engine's org-wide default settings.
pub fn sharing_of(sf: &str) -> Result<Sharing, String> {
    Ok(match sf {
        "Private" => Sharing::Private,
        "Read" => Sharing::PublicRead,
        "ReadWrite" => Sharing::PublicReadWrite,
        "ReadWriteTransfer" => Sharing::PublicReadWriteTransfer,
        "ControlledByParent" => Sharing::ControlledByParent,
        "FullAccess" => {
            return Err(
                "Public Full Access is the campaigns' default; the engine has no campaigns".into(),
            )
        }
        "ControlledByCampaign" | "ControlledByLeadOrContact" => {
            return Err(format!(
                "{sf} is a campaign member's default; the engine has no campaign members"
            ))
        }
        other => return Err(format!("unknown sharingModel '{other}'")),
    })
}

/// Per object file: sharingModel, externalSharingModel, label.
type Decls = BTreeMap<String, (Option<String>, Option<String>, Option<String>)>;

/// One relationship field, as read from a field file or an inline `<fields>` element.
struct Relation {
    object: String,
    field: String,
    ty: String,
    to: Option<String>,
    write_needs_read: bool,
}

/// Objects: standard objects' defaults into `org_defaults`, custom objects declared with their
/// relationships. Custom objects are resolved together, since a detail needs its master.
pub fn objects<'a>(
    cx: &mut Cx,
    objects: impl Iterator<Item = &'a Doc<'a>>,
    fields: impl Iterator<Item = &'a Doc<'a>>,
) {
    let mut decls: Decls = BTreeMap::new();
    let mut relations: Vec<Relation> = Vec::new();
    let mut settings_objects = BTreeSet::new();
    let mut other_fields: BTreeMap<String, usize> = BTreeMap::new();
    let mut read_field = |d: &Doc,
                          object: &str,
                          n: roxmltree::Node,
                          rels: &mut Vec<Relation>,
                          cx: &mut Cx,
                          at: &str| {
        d.check(
            n,
            at,
            (FIELD_READ, FIELD_IGNORED),
            &mut cx.report,
            "CustomField",
        );
        let ty = xml::text(n, "type").unwrap_or("").to_string();
        let field = xml::text(n, "fullName")
            .map(str::to_string)
            .unwrap_or_else(|| d.name.clone());
        if matches!(
            ty.as_str(),
            "Lookup"
                | "MasterDetail"
                | "Hierarchy"
                | "ExternalLookup"
                | "IndirectLookup"
                | "MetadataRelationship"
        ) {
            rels.push(Relation {
                object: object.to_string(),
                field,
                ty,
                to: xml::text(n, "referenceTo").map(str::to_string),
                write_needs_read: xml::flag(n, "writeRequiresMasterRead") == Some(true),
            });
        } else {
            *other_fields
                .entry(format!(
                    "fields of type {}",
                    if ty.is_empty() { "(none)" } else { &ty }
                ))
                .or_default() += 1;
        }
    };
    for d in objects {
        let root = match d.expect_root("CustomObject") {
            Ok(r) => r,
            Err(why) => {
                cx.report.skipped("CustomObject", &d.name, why);
                continue;
            }
        };
        d.check(
            root,
            "CustomObject",
            (OBJECT_READ, OBJECT_IGNORED),
            &mut cx.report,
            "CustomObject",
        );
        if xml::child(root, "customSettingsType").is_some() {
            settings_objects.insert(d.name.clone());
        }
        decls.insert(
            d.name.clone(),
            (
                xml::text(root, "sharingModel").map(str::to_string),
                xml::text(root, "externalSharingModel").map(str::to_string),
                xml::text(root, "label").map(str::to_string),
            ),
        );
        for f in xml::all(root, "fields") {
            read_field(d, &d.name, f, &mut relations, cx, "CustomObject/fields");
        }
    }
    for d in fields {
        let Some(object) = d.object.clone() else {
            continue;
        };
        match d.expect_root("CustomField") {
            Ok(root) => read_field(d, &object, root, &mut relations, cx, "CustomField"),
            Err(why) => cx
                .report
                .skipped("CustomField", &format!("{object}.{}", d.name), why),
        }
    }
    for (k, n) in other_fields {
        *cx.report
            .of("CustomField")
            .ignored_elements
            .entry(k)
            .or_default() += n;
    }
    standard_defaults(cx, &decls);
    custom_objects(cx, &decls, &settings_objects, &relations);
}

/// The defaults of the standard objects the engine models; other objects with a sharing model
/// are skipped, and objects without one (fields only) are noted.
fn standard_defaults(cx: &mut Cx, decls: &Decls) {
    const TY: &str = "CustomObject";
    for (name, (internal, external, _)) in decls {
        if is_custom_name(name) {
            continue;
        }
        let Some(internal) = internal else {
            cx.report.ignored.push(super::Item {
                name: name.clone(),
                why: "an object file without a sharing model (fields, list views ...): no defaults to import".into(),
            });
            continue;
        };
        let Some(object) = standard_object(name) else {
            cx.report.skipped(TY, name, format!("the engine has no {name} object (it models Account, Contact, Case, Opportunity, Lead, Asset and custom objects)"));
            continue;
        };
        let int = match sharing_of(internal) {
            Ok(s) => s,
            Err(why) => {
                cx.report.skipped(TY, name, why);
                continue;
            }
        };
        if int == Sharing::ControlledByParent && !object.may_be_controlled_by_parent() {
            cx.report
                .skipped(TY, name, format!("{name} can't be Controlled by Parent"));
            continue;
        }
        if int == Sharing::PublicReadWriteTransfer && !object.supports_transfer_default() {
            cx.report.skipped(
                TY,
                name,
                "Public Read/Write/Transfer exists only for cases and leads",
            );
            continue;
        }
        let ext = external_default(cx, name, int, external.as_deref());
        cx.scenario.org_defaults.insert(
            object,
            OrgDefault {
                internal: int,
                external: ext,
            },
        );
        cx.report.imported(TY);
    }
}

/// The external default, kept only where the engine (and Salesforce) would accept it.
fn external_default(cx: &mut Cx, name: &str, int: Sharing, ext: Option<&str>) -> Option<Sharing> {
    const TY: &str = "CustomObject";
    let ext = ext?;
    if cx.external_model == Some(false) {
        cx.report.partial(TY, name, format!("externalSharingModel {ext} not used: the Sharing settings turn the external sharing model off, so external users get the internal default"));
        return None;
    }
    let e = match sharing_of(ext) {
        Ok(e) => e,
        Err(why) => {
            cx.report.partial(
                TY,
                name,
                format!("externalSharingModel not used ({why}); the internal default applies"),
            );
            return None;
        }
    };
    let cbp = Sharing::ControlledByParent;
    if (e == cbp) != (int == cbp) || e.baseline() > int.baseline() {
        cx.report.partial(TY, name, format!("externalSharingModel {ext} not used: it can't go with sharingModel {} (external at most as open as internal, and Controlled by Parent on both or neither); the internal default applies", int.label()));
        return None;
    }
    Some(e)
}

/// Custom objects: which can be declared (a detail needs an imported master), their defaults,
/// master-detail and lookups; every relationship field is reported.
fn custom_objects(
    cx: &mut Cx,
    decls: &Decls,
    settings_objects: &BTreeSet<String>,
    relations: &[Relation],
) {
    const TY: &str = "CustomObject";
    let masters_of = |o: &str| -> Vec<&Relation> {
        let mut m: Vec<&Relation> = relations
            .iter()
            .filter(|r| r.object == o && r.ty == "MasterDetail")
            .collect();
        m.sort_by(|a, b| a.field.cmp(&b.field));
        m
    };
    // Candidates, then drop those whose master isn't importable until nothing changes.
    let mut skip: BTreeMap<String, String> = BTreeMap::new();
    for (name, (internal, ..)) in decls {
        if !is_custom_name(name) {
            continue;
        }
        if settings_objects.contains(name) {
            skip.insert(
                name.clone(),
                "a custom setting, which holds configuration, not records".into(),
            );
        } else if ApiName::new(name).is_err() {
            skip.insert(
                name.clone(),
                "not a custom object API name the engine accepts".into(),
            );
        } else if let Some(Err(why)) = internal.as_deref().map(sharing_of) {
            skip.insert(name.clone(), why);
        } else if internal.as_deref() == Some("ControlledByParent") && masters_of(name).is_empty() {
            skip.insert(name.clone(), "Controlled by Parent, but none of the retrieved fields is its master-detail field (retrieve the object's fields)".into());
        }
    }
    loop {
        let mut changed = false;
        for name in decls
            .keys()
            .filter(|n| is_custom_name(n) && !skip.contains_key(*n))
        {
            if let Some(m) = masters_of(name).first() {
                let to = m.to.clone().unwrap_or_default();
                let ok = if is_custom_name(&to) {
                    decls.contains_key(&to) && !skip.contains_key(&to)
                } else {
                    matches!(
                        standard_object(&to),
                        Some(
                            ObjectKind::Account
                                | ObjectKind::Contact
                                | ObjectKind::Case
                                | ObjectKind::Opportunity
                                | ObjectKind::Asset
                        )
                    )
                };
                if !ok {
                    let why = if is_custom_name(&to) && !decls.contains_key(&to) {
                        format!("its master {to} is not among the retrieved objects")
                    } else if is_custom_name(&to) {
                        format!("its master {to} is not imported")
                    } else {
                        format!("its master {to} is not an object the engine models as a master (Account, Contact, Case, Opportunity, Asset or a custom object)")
                    };
                    skip.insert(name.clone(), why);
                    changed = true;
                    break;
                }
            }
        }
        if !changed {
            break;
        }
    }
    for name in decls.keys().filter(|n| is_custom_name(n)) {
        if let Some(why) = skip.get(name) {
            cx.report.skipped(TY, name, why.clone());
        } else if let Ok(api) = ApiName::new(name) {
            cx.customs.insert(api);
        }
    }
    // Declarations, now that every importable object is known.
    let declared: Vec<ApiName> = cx.customs.iter().copied().collect();
    for api in declared {
        let name = api.as_str();
        let (internal, external, label) = &decls[name];
        let masters = masters_of(name);
        let master = masters.first().map(|m| {
            let to = m.to.clone().unwrap_or_default();
            let object = super::object_kind(cx, &to).unwrap_or(ObjectKind::Account);
            (m, object)
        });
        if masters.len() > 1 {
            let rest: Vec<&str> = masters[1..].iter().map(|m| m.field.as_str()).collect();
            cx.report.partial(TY, name, format!("a junction object with {} master-detail fields: the engine follows one master ({}); Salesforce requires access to both masters, so {} is left out", masters.len(), masters[0].field, rest.join(", ")));
        }
        let mut decl = CustomObject {
            api_name: api,
            label: label.clone().unwrap_or_else(|| api.label().to_string()),
            internal: None,
            external: None,
            grant_access_using_hierarchies: true,
            master_detail: None,
            lookups: Vec::new(),
        };
        match master {
            Some((m, object)) => {
                cx.details.insert(api);
                let field = ApiName::new(&m.field).ok();
                decl.master_detail = field.map(|field| MasterDetail {
                    field,
                    master: object,
                });
                if internal
                    .as_deref()
                    .is_some_and(|s| s != "ControlledByParent")
                {
                    cx.report.partial(
                        TY,
                        name,
                        format!(
                            "sharingModel {} not used: a detail object is Controlled by Parent",
                            internal.clone().unwrap_or_default()
                        ),
                    );
                }
                if m.write_needs_read {
                    cx.report.partial(TY, name, format!("{} has writeRequiresMasterRead: Salesforce lets Read on the master edit the detail; the engine gives the detail exactly the master's access", m.field));
                }
            }
            None => {
                let int = match internal.as_deref().map(sharing_of) {
                    Some(Ok(Sharing::PublicReadWriteTransfer)) => {
                        cx.report.partial(TY, name, "ReadWriteTransfer exists only for cases and leads: imported as Public Read/Write");
                        Sharing::PublicReadWrite
                    }
                    Some(Ok(s)) => s,
                    _ => {
                        cx.report.partial(
                            TY,
                            name,
                            "no sharingModel in the object file: imported as Private",
                        );
                        Sharing::Private
                    }
                };
                decl.internal = Some(int);
                decl.external = external_default(cx, name, int, external.as_deref());
            }
        }
        cx.scenario.custom_objects.push(decl);
        cx.report.imported(TY);
    }
    // Lookups, and every relationship field's fate.
    for r in relations {
        let full = format!("{}.{}", r.object, r.field);
        let owner = ApiName::new(&r.object)
            .ok()
            .filter(|a| cx.customs.contains(a));
        let why = match (owner, r.ty.as_str()) {
            (None, _) if is_custom_name(&r.object) => format!("its object {} is not imported", r.object),
            (None, _) => format!("a field on {}: lookups added to standard objects are not modelled (the engine's standard objects have fixed lookups)", r.object),
            (Some(api), "MasterDetail") => {
                let is_master = cx.scenario.custom_objects.iter().any(|c| c.api_name == api && c.master_detail.as_ref().is_some_and(|m| m.field.as_str() == r.field));
                if is_master {
                    cx.report.imported("CustomField");
                    continue;
                }
                format!("a second master-detail field of {}: the engine follows one master", r.object)
            }
            (Some(api), "Lookup") => {
                let to = r.to.clone().unwrap_or_default();
                let target = if to == "User" { Some(LookupTo::User) } else { super::object_kind(cx, &to).map(LookupTo::Object) };
                match (target, ApiName::new(&r.field)) {
                    (Some(to), Ok(field)) => {
                        if let Some(c) = cx.scenario.custom_objects.iter_mut().find(|c| c.api_name == api) {
                            c.lookups.push(LookupField { field, to });
                        }
                        cx.report.imported("CustomField");
                        continue;
                    }
                    (None, _) => {
                        cx.report.partial(TY, &r.object, format!("lookup {} to {to} left out: the engine has no such object", r.field));
                        format!("it points at {to}, which the engine does not model")
                    }
                    (_, Err(e)) => e,
                }
            }
            (Some(_), ty) => format!("a {ty} relationship, which the engine does not model"),
        };
        cx.report.skipped("CustomField", &full, why);
    }
}
