//! Row builders for the nested values of entity forms: a sharing rule's records (owner-based
//! or criteria), a sharing set's access mappings and share group, playbook tasks and custom
//! fields, plus the pickers they share. Each is stateless: it renders a value and emits the next.

use serde_json::{json, Map, Value};
use yew::prelude::*;

use crate::engine::edits::Collection;
use crate::engine::scenario::{CustomObject, ObjectKind, TargetPath, UserField};
use crate::engine::validate::mapping_targets_in;

pub fn entries(doc: &Value, c: Collection) -> &[Value] {
    doc.get(c.key())
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// (id, name) for every entity of the given collections; the id is shown only when two
/// entities share a name or there is no name.
pub fn options(doc: &Value, cols: &[Collection]) -> Vec<(String, String)> {
    let all: Vec<(String, String)> = cols
        .iter()
        .flat_map(|c| entries(doc, *c).iter())
        .filter_map(|e| {
            let id = e.get("id")?.as_str()?.to_string();
            let name = e.get("name").and_then(Value::as_str).unwrap_or("");
            Some((id, name.to_string()))
        })
        .collect();
    all.iter()
        .map(|(id, name)| {
            let twins = all.iter().filter(|(_, n)| n == name).count() > 1;
            let text = if name.is_empty() {
                id.clone()
            } else if twins {
                format!("{name} ({id})")
            } else {
                name.clone()
            };
            (id.clone(), text)
        })
        .collect()
}

/// The name of the entity with this id, for chips and summaries.
pub fn name_of(doc: &Value, id: &str) -> String {
    crate::engine::references::COLLECTIONS
        .iter()
        .flat_map(|c| entries(doc, *c).iter())
        .find(|e| e.get("id").and_then(Value::as_str) == Some(id))
        .and_then(|e| e.get("name").and_then(Value::as_str))
        .filter(|n| !n.is_empty())
        .unwrap_or(id)
        .to_string()
}

pub fn select_value(e: &Event) -> String {
    let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
    el.value()
}

fn input_value(e: &InputEvent) -> String {
    let el: web_sys::HtmlInputElement = e.target_unchecked_into();
    el.value()
}

pub fn picker(
    opts: &[(String, String)],
    current: &str,
    optional: bool,
    onchange: Callback<Event>,
    label: &str,
) -> Html {
    let blank = if optional { "(none)" } else { "Choose..." };
    html! {
        <select {onchange} aria-label={label.to_string()}>
            if optional || current.is_empty() { <option value="" selected={current.is_empty()}>{ blank }</option> }
            { for opts.iter().map(|(id, text)| html! { <option value={id.clone()} selected={id == current}>{ text.clone() }</option> }) }
        </select>
    }
}

fn principal_options(doc: &Value, kind: &str) -> Vec<(String, String)> {
    match kind {
        "user" | "consumer" => options(doc, &[Collection::Users]),
        "group" => options(doc, &[Collection::Groups]),
        "contact" => options(doc, &[Collection::Contacts]),
        "account" => options(doc, &[Collection::Accounts]),
        _ => options(doc, &[Collection::Roles]),
    }
}

fn kind_label(k: &str) -> String {
    match k {
        "role" => "Role".into(),
        "role_and_subordinates" => "Role and subordinates".into(),
        "role_and_internal_subordinates" => "Role and internal subordinates".into(),
        "group" => "Public group".into(),
        other => {
            let t = other.replace('_', " ");
            let mut c = t.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or(t)
        }
    }
}

/// A `{"kind": "id"}` picker: a kind select and a select of entities by name. Nothing is
/// emitted until an entity is picked, so the kind alone is never a submitted value.
pub fn principal(
    kinds: &'static [&'static str],
    value: Option<&Value>,
    doc: &Value,
    on: Callback<Option<Value>>,
    label: &str,
) -> Html {
    let (kind, id) = value
        .and_then(Value::as_object)
        .and_then(|m| m.iter().next())
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
        .unwrap_or_else(|| (kinds[0].to_string(), String::new()));
    let on_kind = {
        let on = on.clone();
        Callback::from(move |e: Event| on.emit(Some(json!({ select_value(&e): "" }))))
    };
    let on_id = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            on.emit(if v.is_empty() {
                None
            } else {
                Some(json!({ kind.clone(): v }))
            })
        })
    };
    html! {
        <span class="principal">
            <select onchange={on_kind} aria-label={format!("{label}: kind")} data-part="kind">
                { for kinds.iter().map(|k| html! { <option value={*k} selected={*k == kind}>{ kind_label(k) }</option> }) }
            </select>
            { picker(&principal_options(doc, &kind), &id, false, on_id, label) }
        </span>
    }
}

pub fn remove_button(label: String, on: Callback<MouseEvent>) -> Html {
    html! { <button type="button" class="small row-remove" onclick={on} aria-label={label}>{ "Remove" }</button> }
}

pub(super) fn list(value: Option<&Value>) -> Vec<Value> {
    value.and_then(Value::as_array).cloned().unwrap_or_default()
}

/// Emit a list with one row replaced (None: removed).
pub(super) fn with_row(list: &[Value], i: usize, row: Option<Value>) -> Value {
    let mut next = list.to_vec();
    match row {
        Some(r) if i < next.len() => next[i] = r,
        Some(r) => next.push(r),
        None if i < next.len() => {
            next.remove(i);
        }
        None => {}
    }
    Value::Array(next)
}

fn collection_of(object: &str) -> Option<Collection> {
    Some(match object {
        "account" => Collection::Accounts,
        "contact" => Collection::Contacts,
        "case" => Collection::Cases,
        "opportunity" => Collection::Opportunities,
        "lead" => Collection::Leads,
        "asset" => Collection::Assets,
        "sold_product" => Collection::SoldProducts,
        "account_child" => Collection::AccountChildren,
        _ => return None,
    })
}

/// The records of an object in the document: a standard object's list, or the custom
/// records naming the custom object.
pub fn records_of<'a>(doc: &'a Value, object: &str) -> Vec<&'a Value> {
    match collection_of(object) {
        Some(c) => entries(doc, c).iter().collect(),
        None => entries(doc, Collection::CustomRecords)
            .iter()
            .filter(|r| r.get("object").and_then(Value::as_str) == Some(object))
            .collect(),
    }
}

/// The field names, and each one's values, found on the records of an object: what a
/// criterion can test (the engine matches criteria on records' `fields` only).
fn field_values(doc: &Value, object: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for rec in records_of(doc, object) {
        for (k, v) in rec
            .get("fields")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let v = v.as_str().unwrap_or("").to_string();
            match out.iter_mut().find(|(n, _)| n == k) {
                Some((_, vals)) if !vals.contains(&v) => vals.push(v),
                Some(_) => {}
                None => out.push((k.clone(), vec![v])),
            }
        }
    }
    out.sort();
    out
}

const RULE_TARGETS: &[&str] = &[
    "role",
    "role_and_subordinates",
    "role_and_internal_subordinates",
    "group",
];

/// A sharing rule's records: "Owned by" a role / role and subordinates / group, or
/// "Matching criteria": rows of field, "equals one of", values, all rows required (AND).
pub fn selector(
    value: Option<&Value>,
    object: &str,
    doc: &Value,
    on: Callback<Option<Value>>,
) -> Html {
    let criteria = value.and_then(|v| v.get("criteria")).map(|c| list(Some(c)));
    let by_criteria = criteria.is_some();
    let to_owner = {
        let on = on.clone();
        Callback::from(move |_: Event| on.emit(None))
    };
    let to_criteria = {
        let on = on.clone();
        Callback::from(move |_: Event| {
            on.emit(Some(json!({"criteria": [{"field": "", "equals": []}]})))
        })
    };
    let body = match criteria {
        None => {
            let owner = value.and_then(|v| v.get("owned_by"));
            let on = on.clone();
            html! {
                <div class="builder owner-based">
                    <span class="builder-word">{ "Records owned by" }</span>
                    { principal(RULE_TARGETS, owner, doc, Callback::from(move |p: Option<Value>| on.emit(p.map(|p| json!({"owned_by": p})))), "Owned by") }
                </div>
            }
        }
        Some(rows) => criteria_rows(rows, object, doc, on),
    };
    html! {
        <div class="selector">
            <span class="switch" role="radiogroup" aria-label="Which records">
                <label class="check"><input type="radio" name="rule-select" checked={!by_criteria} onchange={to_owner} />{ "Owner-based" }</label>
                <label class="check"><input type="radio" name="rule-select" checked={by_criteria} onchange={to_criteria} />{ "Criteria-based" }</label>
            </span>
            { body }
        </div>
    }
}

fn criteria_rows(rows: Vec<Value>, object: &str, doc: &Value, on: Callback<Option<Value>>) -> Html {
    let known = field_values(doc, object);
    let emit = {
        let on = on.clone();
        Callback::from(move |rows: Value| on.emit(Some(json!({ "criteria": rows }))))
    };
    let add = {
        let (emit, rows) = (emit.clone(), rows.clone());
        Callback::from(move |_| {
            emit.emit(with_row(
                &rows,
                usize::MAX,
                Some(json!({"field": "", "equals": []})),
            ))
        })
    };
    let list_id = |i: usize| format!("criterion-values-{i}");
    html! {
        <div class="builder criteria">
            <datalist id="criterion-fields">
                { for known.iter().map(|(k, _)| html! { <option value={k.clone()} /> }) }
            </datalist>
            { for rows.iter().enumerate().map(|(i, row)| {
                let field = row.get("field").and_then(Value::as_str).unwrap_or("").to_string();
                let values: Vec<String> = list(row.get("equals")).iter().filter_map(|v| v.as_str().map(String::from)).collect();
                let suggestions: Vec<String> = known.iter().find(|(k, _)| *k == field).map(|(_, v)| v.clone()).unwrap_or_default();
                let set_field = {
                    let (emit, rows, values) = (emit.clone(), rows.clone(), values.clone());
                    Callback::from(move |e: InputEvent| emit.emit(with_row(&rows, i, Some(json!({"field": input_value(&e), "equals": values})))))
                };
                let add_value = {
                    let (emit, rows, field, values) = (emit.clone(), rows.clone(), field.clone(), values.clone());
                    Callback::from(move |v: String| {
                        let v = v.trim().to_string();
                        if v.is_empty() || values.contains(&v) { return; }
                        let mut next = values.clone();
                        next.push(v);
                        emit.emit(with_row(&rows, i, Some(json!({"field": field, "equals": next}))));
                    })
                };
                let on_key = {
                    let add_value = add_value.clone();
                    Callback::from(move |e: KeyboardEvent| {
                        if e.key() == "Enter" {
                            // Enter adds the value; it must not submit the whole form.
                            e.prevent_default();
                            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
                            add_value.emit(el.value());
                            el.set_value("");
                        }
                    })
                };
                let on_change = Callback::from(move |e: Event| {
                    let el: web_sys::HtmlInputElement = e.target_unchecked_into();
                    add_value.emit(el.value());
                    el.set_value("");
                });
                let remove = {
                    let (emit, rows) = (emit.clone(), rows.clone());
                    Callback::from(move |_| emit.emit(with_row(&rows, i, None)))
                };
                html! {
                    <div class="builder-row criterion">
                        if i > 0 { <span class="builder-word">{ "and" }</span> }
                        <input type="text" list="criterion-fields" value={field.clone()} oninput={set_field}
                            aria-label={format!("Criterion {}: field", i + 1)} placeholder="field, e.g. status" />
                        <span class="builder-word">{ "equals one of" }</span>
                        <span class="chips">
                            { for values.iter().enumerate().map(|(j, v)| {
                                let (emit, rows, field, values) = (emit.clone(), rows.clone(), field.clone(), values.clone());
                                let drop = Callback::from(move |_| {
                                    let mut next = values.clone();
                                    next.remove(j);
                                    emit.emit(with_row(&rows, i, Some(json!({"field": field, "equals": next}))));
                                });
                                html! { <span class="chip">{ v.clone() }<button type="button" onclick={drop} aria-label={format!("Remove value {v}")}>{ "x" }</button></span> }
                            }) }
                            <datalist id={list_id(i)}>
                                { for suggestions.iter().filter(|s| !values.contains(s)).map(|s| html! { <option value={s.clone()} /> }) }
                            </datalist>
                            <input type="text" list={list_id(i)} onkeydown={on_key} onchange={on_change}
                                aria-label={format!("Criterion {}: add a value", i + 1)} placeholder="value, then Enter" />
                        </span>
                        { remove_button(format!("Remove criterion {}", i + 1), remove) }
                    </div>
                }
            }) }
            <button type="button" class="small" onclick={add}>{ "Add criterion (AND)" }</button>
            if known.is_empty() {
                <p class="hint">{ "No records of this object have fields yet: give records fields (status, origin ...) so a criterion can match them." }</p>
            }
        </div>
    }
}

/// The custom objects the document declares (entries that don't parse are left out: the
/// engine reports them).
pub fn customs(doc: &Value) -> Vec<CustomObject> {
    entries(doc, Collection::CustomObjects)
        .iter()
        .filter_map(|c| serde_json::from_value(c.clone()).ok())
        .collect()
}

/// Every object a record can be of, as (key, label): the standard ones, then the custom
/// objects the document declares, by their labels. Read straight from the entries' two
/// fields: widgets ask on every render, and deserialising each object would cost more.
pub fn object_choices(doc: &Value) -> Vec<(String, String)> {
    let custom = entries(doc, Collection::CustomObjects)
        .iter()
        .filter_map(|c| {
            let key = c.get("api_name")?.as_str()?.to_string();
            let label = c
                .get("label")
                .and_then(Value::as_str)
                .filter(|l| !l.is_empty())
                .map_or_else(|| key.clone(), String::from);
            Some((key, label))
        })
        .collect::<Vec<_>>();
    ObjectKind::ALL
        .iter()
        .map(|o| (o.key().to_string(), o.label().to_string()))
        .chain(custom)
        .collect()
}

/// A custom object's key (an API name ending in `__c`), by the engine's own test.
pub fn is_custom_key(key: &str) -> bool {
    crate::engine::scenario::is_custom_name(key)
}

fn object_label(doc: &Value, key: &str) -> String {
    object_choices(doc)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, l)| l)
        .unwrap_or_else(|| key.to_string())
}

fn target_key(t: TargetPath) -> String {
    serde_json::to_value(t)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

fn mapping_row(
    object: ObjectKind,
    (target, user_field): (TargetPath, UserField),
    access: &str,
) -> Value {
    json!({
        "object": object,
        "target": target,
        "user_field": user_field,
        "access": access,
    })
}

/// Sharing-set access mappings: rows of object, a lookup valid for that object (from the
/// engine), the user field it must match (derived, there is only one), and access.
pub fn mappings(value: Option<&Value>, doc: &Value, on: Callback<Option<Value>>) -> Html {
    let rows = list(value);
    let customs = std::rc::Rc::new(customs(doc));
    let targets_of = {
        let customs = customs.clone();
        move |o: ObjectKind| mapping_targets_in(&customs, o)
    };
    let objects: Vec<(ObjectKind, String)> = object_choices(doc)
        .into_iter()
        .filter_map(|(k, l)| Some((ObjectKind::parse(&k)?, l)))
        .filter(|(o, _)| !targets_of(*o).is_empty())
        .collect();
    let add = {
        let (on, rows) = (on.clone(), rows.clone());
        Callback::from(move |_| {
            on.emit(Some(with_row(
                &rows,
                usize::MAX,
                Some(mapping_row(
                    ObjectKind::Case,
                    (TargetPath::Account, UserField::Account),
                    "read",
                )),
            )))
        })
    };
    html! {
        <div class="builder mappings">
            { for rows.iter().enumerate().map(|(i, row)| {
                let object: ObjectKind = row.get("object").cloned().and_then(|v| serde_json::from_value(v).ok()).unwrap_or(ObjectKind::Case);
                let target: TargetPath = row.get("target").cloned().and_then(|v| serde_json::from_value(v).ok()).unwrap_or(TargetPath::Account);
                let access = row.get("access").and_then(Value::as_str).unwrap_or("read").to_string();
                let targets = targets_of(object);
                let current = targets.iter().copied().find(|(t, _)| *t == target).unwrap_or((target, UserField::Account));
                let on_object = {
                    let (on, rows, access, targets_of) = (on.clone(), rows.clone(), access.clone(), targets_of.clone());
                    Callback::from(move |e: Event| {
                        let Some(o) = ObjectKind::parse(&select_value(&e)) else { return };
                        let t = targets_of(o).first().copied().unwrap_or((TargetPath::Account, UserField::Account));
                        on.emit(Some(with_row(&rows, i, Some(mapping_row(o, t, &access)))));
                    })
                };
                let on_target = {
                    let (on, rows, access, targets) = (on.clone(), rows.clone(), access.clone(), targets.clone());
                    Callback::from(move |e: Event| {
                        let Ok(t) = serde_json::from_value::<TargetPath>(json!(select_value(&e))) else { return };
                        let Some(pair) = targets.iter().copied().find(|(x, _)| *x == t) else { return };
                        on.emit(Some(with_row(&rows, i, Some(mapping_row(object, pair, &access)))));
                    })
                };
                let on_access = {
                    let (on, rows) = (on.clone(), rows.clone());
                    Callback::from(move |e: Event| on.emit(Some(with_row(&rows, i, Some(mapping_row(object, current, &select_value(&e)))))))
                };
                let object_name = object_label(doc, object.key());
                let remove = {
                    let (on, rows) = (on.clone(), rows.clone());
                    Callback::from(move |_| on.emit(Some(with_row(&rows, i, None))))
                };
                let user_field = match current.1 {
                    UserField::Account => "Account",
                    UserField::Contact => "Contact",
                };
                let n = i + 1;
                html! {
                    <div class="builder-row mapping">
                        <select onchange={on_object} aria-label={format!("Mapping {n}: object")}>
                            { for objects.iter().map(|(o, l)| html! { <option value={o.key()} selected={*o == object}>{ l.clone() }</option> }) }
                        </select>
                        <select onchange={on_target} aria-label={format!("Mapping {n}: lookup")}>
                            { for targets.iter().map(|(t, _)| html! { <option value={target_key(*t)} selected={*t == target}>{ format!("{object_name}.{}", t.text()) }</option> }) }
                        </select>
                        <span class="builder-word" aria-label={format!("Mapping {n}: user field")}>{ format!("= User.{user_field}") }</span>
                        <select onchange={on_access} aria-label={format!("Mapping {n}: access")}>
                            <option value="read" selected={access == "read"}>{ "Read Only" }</option>
                            <option value="edit" selected={access == "edit"}>{ "Read/Write" }</option>
                        </select>
                        { remove_button(format!("Remove mapping {n}"), remove) }
                    </div>
                }
            }) }
            <button type="button" class="small" onclick={add}>{ "Add mapping" }</button>
        </div>
    }
}

const GROUP_MEMBERS: &[&str] = &[
    "user",
    "group",
    "role",
    "role_and_subordinates",
    "role_and_internal_subordinates",
];

/// A sharing set's share group: who gets access to the records its portal users own, and
/// at what level. No members means no share group.
pub fn share_group(value: Option<&Value>, doc: &Value, on: Callback<Option<Value>>) -> Html {
    let members = list(value.and_then(|v| v.get("members")));
    let access = value
        .and_then(|v| v.get("access"))
        .and_then(Value::as_str)
        .unwrap_or("read")
        .to_string();
    let emit = {
        let on = on.clone();
        Callback::from(move |(members, access): (Vec<Value>, String)| {
            on.emit((!members.is_empty()).then(|| json!({"members": members, "access": access})))
        })
    };
    let add = {
        let (emit, members, access) = (emit.clone(), members.clone(), access.clone());
        Callback::from(move |p: Option<Value>| {
            if let Some(p) = p {
                let mut next = members.clone();
                next.push(p);
                emit.emit((next, access.clone()));
            }
        })
    };
    let on_access = {
        let (emit, members) = (emit.clone(), members.clone());
        Callback::from(move |e: Event| emit.emit((members.clone(), select_value(&e))))
    };
    html! {
        <div class="builder share-group">
            <span class="chips">
                { for members.iter().enumerate().map(|(i, m)| {
                    let text = principal_text(doc, m);
                    let (emit, members, access) = (emit.clone(), members.clone(), access.clone());
                    let remove = Callback::from(move |_| {
                        let mut next = members.clone();
                        next.remove(i);
                        emit.emit((next, access.clone()));
                    });
                    html! { <span class="chip">{ text.clone() }<button type="button" onclick={remove} aria-label={format!("Remove {text}")}>{ "x" }</button></span> }
                }) }
            </span>
            <span class="adder">{ "Add member: " }{ principal(GROUP_MEMBERS, None, doc, add, "Share group member") }</span>
            <label class="inline">{ "Access " }
                <select onchange={on_access} aria-label="Share group access">
                    <option value="read" selected={access == "read"}>{ "Read Only" }</option>
                    <option value="edit" selected={access == "edit"}>{ "Read/Write" }</option>
                </select>
            </label>
        </div>
    }
}

/// "Role and subordinates: VP Service" for a `{"role_and_subordinates": "r_vp"}` value.
pub fn principal_text(doc: &Value, p: &Value) -> String {
    p.as_object()
        .and_then(|o| o.iter().next())
        .map(|(k, v)| {
            format!(
                "{}: {}",
                kind_label(k),
                name_of(doc, v.as_str().unwrap_or(""))
            )
        })
        .unwrap_or_default()
}

/// A playbook's tasks: rows of name and (optional) assignee.
pub fn tasks(value: Option<&Value>, doc: &Value, on: Callback<Option<Value>>) -> Html {
    let rows = list(value);
    let users = options(doc, &[Collection::Users]);
    let add = {
        let (on, rows) = (on.clone(), rows.clone());
        Callback::from(move |_| {
            on.emit(Some(with_row(&rows, usize::MAX, Some(json!({"name": ""})))))
        })
    };
    html! {
        <div class="builder tasks">
            { for rows.iter().enumerate().map(|(i, row)| {
                let name = row.get("name").and_then(Value::as_str).unwrap_or("").to_string();
                let assignee = row.get("assignee").and_then(Value::as_str).unwrap_or("").to_string();
                let set = {
                    let (on, rows, row) = (on.clone(), rows.clone(), row.clone());
                    Callback::from(move |(k, v): (&'static str, String)| {
                        let mut r = row.as_object().cloned().unwrap_or_default();
                        if v.is_empty() && k == "assignee" { r.remove(k); } else { r.insert(k.into(), Value::String(v)); }
                        on.emit(Some(with_row(&rows, i, Some(Value::Object(r)))));
                    })
                };
                let on_name = { let set = set.clone(); Callback::from(move |e: InputEvent| set.emit(("name", input_value(&e)))) };
                let on_assignee = Callback::from(move |e: Event| set.emit(("assignee", select_value(&e))));
                let remove = { let (on, rows) = (on.clone(), rows.clone()); Callback::from(move |_| on.emit(Some(with_row(&rows, i, None)))) };
                let n = i + 1;
                html! {
                    <div class="builder-row task">
                        <input type="text" value={name} oninput={on_name} aria-label={format!("Task {n}: name")} placeholder="Welcome call" />
                        <span class="builder-word">{ "assigned to" }</span>
                        { picker(&users, &assignee, true, on_assignee, &format!("Task {n}: assignee")) }
                        { remove_button(format!("Remove task {n}"), remove) }
                    </div>
                }
            }) }
            <button type="button" class="small" onclick={add}>{ "Add task" }</button>
        </div>
    }
}

/// Custom fields as rows of name and value. While editing they are a list of pairs (an
/// object would reorder rows as a name is typed); `fields_object` turns them back on save.
pub fn key_values(value: Option<&Value>, on: Callback<Option<Value>>) -> Html {
    let rows = list(value);
    let add = {
        let (on, rows) = (on.clone(), rows.clone());
        Callback::from(move |_| on.emit(Some(with_row(&rows, usize::MAX, Some(json!(["", ""]))))))
    };
    html! {
        <div class="builder key-values">
            { for rows.iter().enumerate().map(|(i, row)| {
                let k = row.get(0).and_then(Value::as_str).unwrap_or("").to_string();
                let v = row.get(1).and_then(Value::as_str).unwrap_or("").to_string();
                let on_k = { let (on, rows, v) = (on.clone(), rows.clone(), v.clone()); Callback::from(move |e: InputEvent| on.emit(Some(with_row(&rows, i, Some(json!([input_value(&e), v])))))) };
                let on_v = { let (on, rows, k) = (on.clone(), rows.clone(), k.clone()); Callback::from(move |e: InputEvent| on.emit(Some(with_row(&rows, i, Some(json!([k, input_value(&e)])))))) };
                let remove = { let (on, rows) = (on.clone(), rows.clone()); Callback::from(move |_| on.emit(Some(with_row(&rows, i, None)))) };
                let n = i + 1;
                html! {
                    <div class="builder-row key-value">
                        <input type="text" value={k} oninput={on_k} aria-label={format!("Field {n}: name")} placeholder="status" />
                        <span class="builder-word">{ "=" }</span>
                        <input type="text" value={v} oninput={on_v} aria-label={format!("Field {n}: value")} placeholder="New" />
                        { remove_button(format!("Remove field {n}"), remove) }
                    </div>
                }
            }) }
            <button type="button" class="small" onclick={add}>{ "Add field" }</button>
        </div>
    }
}

/// Custom fields as editing rows (pairs), from the stored object.
pub fn fields_rows(v: &Value) -> Value {
    Value::Array(
        v.as_object()
            .map(|m| m.iter().map(|(k, v)| json!([k, v])).collect())
            .unwrap_or_default(),
    )
}

/// The stored object from editing rows; rows without a name are dropped.
pub fn fields_object(v: &Value) -> Value {
    let mut m = Map::new();
    for row in v.as_array().into_iter().flatten() {
        let k = row.get(0).and_then(Value::as_str).unwrap_or("").trim();
        if !k.is_empty() {
            m.insert(k.to_string(), row.get(1).cloned().unwrap_or(json!("")));
        }
    }
    Value::Object(m)
}

/// Object permissions: a grid of objects (custom ones too) by permission.
pub fn object_perms(
    value: Option<Value>,
    doc: &Value,
    set: &Callback<(&'static str, Option<Value>)>,
    key: &'static str,
) -> Html {
    let perms = ["read", "create", "edit", "delete", "view_all", "modify_all"];
    let map = value
        .as_ref()
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    html! {
        <table class="perm-grid">
            <thead><tr><th></th>{ for perms.iter().map(|p| html! { <th>{ p.replace('_', " ") }</th> }) }</tr></thead>
            <tbody>
                { for object_choices(doc).into_iter().map(|(obj, label)| {
                    let have = strings(map.get(&obj));
                    html! {
                        <tr>
                            <th>{ label.clone() }</th>
                            { for perms.iter().map(|p| {
                                let on = have.iter().any(|h| h == p);
                                let (set, map, have, obj, p2) = (set.clone(), map.clone(), have.clone(), obj.clone(), p.to_string());
                                let onchange = Callback::from(move |_: Event| {
                                    let mut next: Vec<String> = have.iter().filter(|h| **h != p2).cloned().collect();
                                    if !on { next.push(p2.clone()); }
                                    let mut m = map.clone();
                                    if next.is_empty() { m.remove(&obj); } else { m.insert(obj.clone(), json!(next)); }
                                    set.emit((key, Some(Value::Object(m))));
                                });
                                html! { <td><input type="checkbox" checked={on} {onchange} aria-label={format!("{label} {p}")} /></td> }
                            }) }
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

pub fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}
