//! Row builders for custom objects' forms: the master-detail relationship, the lookup fields a
//! custom object declares, and a custom record's lookup values (each a picker of the records
//! the field points at). Stateless like the other builders: render a value, emit the next.

use serde_json::{json, Map, Value};
use yew::prelude::*;

use super::builders::{
    customs, entries, is_custom_key, list, object_choices, picker, records_of, remove_button,
    select_value, with_row,
};
use crate::engine::edits::Collection;

fn text_of(v: Option<&Value>, key: &str) -> String {
    v.and_then(|v| v.get(key))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

fn input_text(e: &InputEvent) -> String {
    let el: web_sys::HtmlInputElement = e.target_unchecked_into();
    el.value()
}

/// "Detail of [object] through [field]": none means a top-level object with its own owner
/// and default. The master is any object but the one being declared.
pub fn master_detail(
    value: Option<&Value>,
    doc: &Value,
    this: &str,
    on: Callback<Option<Value>>,
) -> Html {
    let master = text_of(value, "master");
    let field = text_of(value, "field");
    let masters: Vec<(String, String)> = object_choices(doc)
        .into_iter()
        .filter(|(k, _)| {
            k != this
                && (["account", "contact", "case", "opportunity", "asset"].contains(&k.as_str())
                    || is_custom_key(k))
        })
        .collect();
    let on_master = {
        let (on, field) = (on.clone(), field.clone());
        Callback::from(move |e: Event| {
            let m = select_value(&e);
            if m.is_empty() {
                on.emit(None);
            } else {
                let f = if field.is_empty() {
                    suggest_field(&m)
                } else {
                    field.clone()
                };
                on.emit(Some(json!({"field": f, "master": m})));
            }
        })
    };
    let on_field = {
        let (on, master) = (on.clone(), master.clone());
        Callback::from(move |e: InputEvent| {
            on.emit(Some(json!({"field": input_text(&e), "master": master})))
        })
    };
    html! {
        <div class="builder master-detail">
            <span class="builder-word">{ "Detail of" }</span>
            { picker(&masters, &master, true, on_master, "Master object") }
            if !master.is_empty() {
                <span class="builder-word">{ "through" }</span>
                <input type="text" value={field} oninput={on_field} aria-label="Master-detail field" placeholder="Application__c" />
                <p class="hint">{ "A detail record has no owner: it follows its master's access (Controlled by Parent)." }</p>
            }
        </div>
    }
}

/// `Loan_Application__c` -> `Loan_Application__c`'s field name `Loan_Application__c`; a
/// standard master `account` -> `Account__c`.
fn suggest_field(master: &str) -> String {
    if is_custom_key(master) {
        master.to_string()
    } else {
        let mut c = master.chars();
        let head: String = c
            .next()
            .map(|f| f.to_uppercase().collect())
            .unwrap_or_default();
        format!("{head}{}__c", c.as_str())
    }
}

/// A custom object's lookup fields: rows of an API name and what it points at (an object,
/// or a user).
pub fn lookups(value: Option<&Value>, doc: &Value, on: Callback<Option<Value>>) -> Html {
    let rows = list(value);
    let mut targets = object_choices(doc);
    targets.push(("user".into(), "User".into()));
    let set = {
        let (on, rows) = (on.clone(), rows.clone());
        move |i: usize, row: Option<Value>| {
            let next = with_row(&rows, i, row);
            let empty = next.as_array().is_none_or(|a| a.is_empty());
            on.emit((!empty).then_some(next));
        }
    };
    let add = {
        let set = set.clone();
        Callback::from(move |_| set(usize::MAX, Some(json!({"field": "", "to": "account"}))))
    };
    html! {
        <div class="builder lookups">
            { for rows.iter().enumerate().map(|(i, row)| {
                let field = text_of(Some(row), "field");
                let to = text_of(Some(row), "to");
                let n = i + 1;
                let on_field = {
                    let (set, to) = (set.clone(), to.clone());
                    Callback::from(move |e: InputEvent| set(i, Some(json!({"field": input_text(&e), "to": to}))))
                };
                let on_to = {
                    let (set, field) = (set.clone(), field.clone());
                    Callback::from(move |e: Event| set(i, Some(json!({"field": field, "to": select_value(&e)}))))
                };
                let remove = {
                    let set = set.clone();
                    Callback::from(move |_| set(i, None))
                };
                html! {
                    <div class="builder-row lookup">
                        <input type="text" value={field} oninput={on_field} aria-label={format!("Lookup {n}: field")} placeholder="Borrower__c" />
                        <span class="builder-word">{ "points at" }</span>
                        { picker(&targets, &to, false, on_to, &format!("Lookup {n}: points at")) }
                        { remove_button(format!("Remove lookup {n}"), remove) }
                    </div>
                }
            }) }
            <button type="button" class="small" onclick={add}>{ "Add lookup field" }</button>
        </div>
    }
}

/// A custom record's lookup values: one picker per lookup field of its object (the
/// master-detail field first), offering the records (or users) the field points at.
pub fn lookup_values(
    value: Option<&Value>,
    object: &str,
    doc: &Value,
    on: Callback<Option<Value>>,
) -> Html {
    let current: Map<String, Value> = value
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let Some(decl) = customs(doc)
        .into_iter()
        .find(|c| c.api_name.as_str() == object)
    else {
        return html! { <p class="hint">{ "Pick the custom object first." }</p> };
    };
    let to_key = |v: Value| v.as_str().unwrap_or("").to_string();
    let mut fields: Vec<(String, String, bool)> = Vec::new();
    if let Some(md) = &decl.master_detail {
        fields.push((md.field.as_str().into(), md.master.key().into(), true));
    }
    for l in &decl.lookups {
        let to = serde_json::to_value(l.to).map(to_key).unwrap_or_default();
        fields.push((l.field.as_str().into(), to, false));
    }
    if fields.is_empty() {
        return html! { <p class="hint">{ "This object declares no lookup fields." }</p> };
    }
    html! {
        <div class="builder lookup-values">
            { for fields.into_iter().map(|(field, to, required)| {
                let opts: Vec<(String, String)> = if to == "user" {
                    entries(doc, Collection::Users).iter().filter_map(pair).collect()
                } else {
                    records_of(doc, &to).into_iter().filter_map(pair).collect()
                };
                let chosen = text_of(Some(&Value::Object(current.clone())), &field);
                let onchange = {
                    let (on, current, field) = (on.clone(), current.clone(), field.clone());
                    Callback::from(move |e: Event| {
                        let mut next = current.clone();
                        match select_value(&e) {
                            v if v.is_empty() => { next.remove(&field); }
                            v => { next.insert(field.clone(), json!(v)); }
                        }
                        on.emit((!next.is_empty()).then_some(Value::Object(next)));
                    })
                };
                let label = if required { format!("{field} (master)") } else { field.clone() };
                html! {
                    <div class="builder-row lookup-value">
                        <span class="builder-word">{ label.clone() }</span>
                        { picker(&opts, &chosen, !required, onchange, &label) }
                    </div>
                }
            }) }
        </div>
    }
}

fn pair(e: &Value) -> Option<(String, String)> {
    let id = e.get("id")?.as_str()?.to_string();
    let name = e
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or(&id)
        .to_string();
    Some((id, name))
}
