//! The scenario editor: org-wide defaults, then one section per kind of entity with add, edit
//! and remove. Forms are generated from `editor_spec`; lookups are pickers of existing
//! entities. Saving sends the engine an edit: if it is refused, the engine's message shows next
//! to the field and the draft stays as typed.

use std::collections::HashMap;
use std::rc::Rc;

use serde_json::{json, Map, Value};
use yew::prelude::*;

use super::editor_spec::{Field, Kind, Spec, SPECS};
use super::state::{Action, AppState};
use crate::engine::edits::{Collection, Edit};
use crate::engine::scenario::{ObjectKind, OrgDefault, Sharing};
use crate::engine::Problem;

#[derive(Properties, Clone, PartialEq)]
pub struct Props {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
}

/// The scenario as JSON, for listing entries and filling pickers.
fn doc(s: &AppState) -> Rc<Value> {
    Rc::new(serde_json::to_value(&s.ix().scenario).unwrap_or(Value::Null))
}

fn entries(doc: &Value, c: Collection) -> &[Value] {
    doc.get(c.key())
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// (id, "name (id)") for every entity of the given collections.
fn options(doc: &Value, cols: &[Collection]) -> Vec<(String, String)> {
    cols.iter()
        .flat_map(|c| entries(doc, *c).iter())
        .filter_map(|e| {
            let id = e.get("id")?.as_str()?.to_string();
            let name = e.get("name").and_then(Value::as_str).unwrap_or("");
            Some((
                id.clone(),
                if name.is_empty() {
                    id.clone()
                } else {
                    format!("{name} ({id})")
                },
            ))
        })
        .collect()
}

fn entry_label(spec: &Spec, e: &Value) -> String {
    let get = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    match spec.collection.identity() {
        ["id"] => {
            let name = get("name");
            if name.is_empty() {
                get("id")
            } else {
                name
            }
        }
        keys => keys.iter().map(|k| get(k)).collect::<Vec<_>>().join(" / "),
    }
}

/// The field a problem's path points at (`cases[3].owner` -> `owner`).
fn problem_field(p: &Problem) -> Option<String> {
    let rest = p.path.split_once("].")?.1;
    Some(rest.split(['.', '[']).next().unwrap_or(rest).to_string())
}

#[derive(Clone, PartialEq)]
struct Open {
    spec: usize,
    /// The entry being edited, or None for a new one.
    index: Option<usize>,
}

#[function_component(ScenarioEditor)]
pub fn scenario_editor(props: &Props) -> Html {
    let s = &props.state;
    let doc = doc(s);
    let open = use_state(|| None::<Open>);
    let draft = use_state(Map::new);
    let json_text = use_state(HashMap::<&'static str, String>::new);
    let local_errors = use_state(HashMap::<&'static str, String>::new);
    let pending = use_state(|| false);
    // Sections the user opened; closed ones render nothing, so 5,000 cases cost nothing here.
    let expanded = use_state(std::collections::HashSet::<usize>::new);

    // Close the form once the engine accepted the save (the scenario revision moved on).
    {
        let (open, pending) = (open.clone(), pending.clone());
        use_effect_with(s.revision, move |_| {
            if *pending {
                open.set(None);
                pending.set(false);
            }
        });
    }
    if *pending && !s.edit_problems.is_empty() {
        pending.set(false);
    }

    let start = {
        let (open, draft, json_text, local_errors, doc) = (
            open.clone(),
            draft.clone(),
            json_text.clone(),
            local_errors.clone(),
            doc.clone(),
        );
        Rc::new(move |spec: usize, index: Option<usize>| {
            let sp = &SPECS[spec];
            let value = index
                .and_then(|i| entries(&doc, sp.collection).get(i).cloned())
                .and_then(|v| v.as_object().cloned())
                .unwrap_or_default();
            let texts = sp
                .fields
                .iter()
                .filter(|f| matches!(f.kind, Kind::Json { .. }))
                .map(|f| {
                    let t = value
                        .get(f.key)
                        .map(|v| serde_json::to_string_pretty(v).unwrap_or_default())
                        .unwrap_or_default();
                    (f.key, t)
                })
                .collect();
            draft.set(value);
            json_text.set(texts);
            local_errors.set(HashMap::new());
            open.set(Some(Open { spec, index }));
        })
    };

    let sections = SPECS.iter().enumerate().map(|(si, spec)| {
        let list = entries(&doc, spec.collection);
        let is_open = open.as_ref().filter(|o| o.spec == si);
        let add = {
            let start = start.clone();
            Callback::from(move |_| start(si, None))
        };
        let shown = expanded.contains(&si) || is_open.is_some();
        let toggle = {
            let expanded = expanded.clone();
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                let mut next = (*expanded).clone();
                if !next.remove(&si) {
                    next.insert(si);
                }
                expanded.set(next);
            })
        };
        if !shown {
            return html! {
                <details class="editor-section">
                    <summary onclick={toggle}>{ spec.label }<span class="count">{ list.len() }</span></summary>
                </details>
            };
        }
        html! {
            <details class="editor-section" open=true>
                <summary onclick={toggle}>{ spec.label }<span class="count">{ list.len() }</span></summary>
                <ul class="entries">
                    { for list.iter().enumerate().map(|(i, e)| {
                        let edit = { let start = start.clone(); Callback::from(move |_| start(si, Some(i))) };
                        let remove = {
                            let d = props.dispatch.clone();
                            let matching: Map<String, Value> = spec.collection.identity().iter()
                                .filter_map(|k| Some((k.to_string(), e.get(*k)?.clone()))).collect();
                            let collection = spec.collection;
                            Callback::from(move |_| d.emit(Action::Edit(Edit::Remove { collection, matching: Value::Object(matching.clone()) })))
                        };
                        let label = entry_label(spec, e);
                        html! {
                            <li>
                                <span class="entry-name">{ label.clone() }</span>
                                <button class="small" onclick={edit} aria-label={format!("Edit {label}")}>{ "Edit" }</button>
                                <button class="small danger" onclick={remove} aria-label={format!("Remove {label}")}>{ "Remove" }</button>
                            </li>
                        }
                    }) }
                </ul>
                if let Some(o) = is_open {
                    { form(props, spec, o.index, &doc, &draft, &json_text, &local_errors, &open, &pending) }
                } else {
                    <button class="small" onclick={add}>{ format!("Add to {}", spec.label.to_lowercase()) }</button>
                }
            </details>
        }
    });

    html! {
        <section class="panel editor" aria-label="Scenario editor">
            <h2>{ "Scenario" }</h2>
            <OrgDefaults state={props.state.clone()} dispatch={props.dispatch.clone()} />
            { for sections }
        </section>
    }
}

#[allow(clippy::too_many_arguments)]
fn form(
    props: &Props,
    spec: &'static Spec,
    index: Option<usize>,
    doc: &Rc<Value>,
    draft: &UseStateHandle<Map<String, Value>>,
    json_text: &UseStateHandle<HashMap<&'static str, String>>,
    local_errors: &UseStateHandle<HashMap<&'static str, String>>,
    open: &UseStateHandle<Option<Open>>,
    pending: &UseStateHandle<bool>,
) -> Html {
    let problems = &props.state.edit_problems;
    let set = {
        let draft = draft.clone();
        Callback::from(move |(key, value): (&'static str, Option<Value>)| {
            let mut d = (*draft).clone();
            match value {
                Some(v) => d.insert(key.to_string(), v),
                None => d.remove(key),
            };
            draft.set(d);
        })
    };
    let set_text = {
        let json_text = json_text.clone();
        Callback::from(move |(key, text): (&'static str, String)| {
            let mut t = (*json_text).clone();
            t.insert(key, text);
            json_text.set(t);
        })
    };
    let save = {
        let (draft, json_text, local_errors, pending, d, doc) = (
            draft.clone(),
            json_text.clone(),
            local_errors.clone(),
            pending.clone(),
            props.dispatch.clone(),
            doc.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut value = (*draft).clone();
            let mut errors = HashMap::new();
            for f in spec.fields {
                if let Kind::Json { optional, .. } = f.kind {
                    let text = json_text.get(f.key).cloned().unwrap_or_default();
                    if text.trim().is_empty() {
                        if optional {
                            value.remove(f.key);
                        } else {
                            errors.insert(f.key, "required".to_string());
                        }
                        continue;
                    }
                    match serde_json::from_str::<Value>(&text) {
                        Ok(v) => {
                            value.insert(f.key.to_string(), v);
                        }
                        Err(err) => {
                            errors.insert(f.key, format!("not valid JSON: {err}"));
                        }
                    }
                }
            }
            let ok = errors.is_empty();
            local_errors.set(errors);
            if !ok {
                return;
            }
            let edit = match index {
                // An existing entry: replace it in place, so renaming its id works too.
                Some(i) => {
                    let mut next = (*doc).clone();
                    if let Some(slot) = next
                        .get_mut(spec.collection.key())
                        .and_then(|l| l.get_mut(i))
                    {
                        *slot = Value::Object(value);
                    }
                    Edit::Replace { scenario: next }
                }
                None => Edit::Upsert {
                    collection: spec.collection,
                    value: Value::Object(value),
                },
            };
            pending.set(true);
            d.emit(Action::Edit(edit));
        })
    };
    let cancel = {
        let open = open.clone();
        Callback::from(move |_| open.set(None))
    };
    let unplaced: Vec<&Problem> = problems
        .iter()
        .filter(|p| problem_field(p).is_none_or(|k| spec.fields.iter().all(|f| f.key != k)))
        .collect();
    html! {
        <form class="entity-form" onsubmit={save} aria-label={format!("{} form", spec.label)}>
            { for unplaced.iter().map(|p| html! { <p class="field-error" role="alert">{ p.to_string() }</p> }) }
            { for spec.fields.iter().map(|f| {
                let value = draft.get(f.key).cloned();
                let field_problems: Vec<String> = problems.iter()
                    .filter(|p| problem_field(p).as_deref() == Some(f.key))
                    .map(|p| p.message.clone()).collect();
                let local = local_errors.get(f.key).cloned();
                html! {
                    <div class={classes!("field", (!field_problems.is_empty() || local.is_some()).then_some("invalid"))}>
                        <label>{ f.label }</label>
                        { widget(f, value, doc, &set, json_text.get(f.key).cloned().unwrap_or_default(), &set_text) }
                        { for field_problems.iter().map(|m| html! { <p class="field-error" role="alert">{ m.clone() }</p> }) }
                        if let Some(m) = local { <p class="field-error" role="alert">{ m }</p> }
                    </div>
                }
            }) }
            <div class="form-actions">
                <button type="submit" class="primary">{ if index.is_some() { "Save" } else { "Add" } }</button>
                <button type="button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}

fn select_value(e: &Event) -> String {
    let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
    el.value()
}

fn picker(
    opts: &[(String, String)],
    current: &str,
    optional: bool,
    onchange: Callback<Event>,
    label: &str,
) -> Html {
    html! {
        <select {onchange} aria-label={label.to_string()}>
            if optional || current.is_empty() { <option value="" selected={current.is_empty()}>{ "(none)" }</option> }
            { for opts.iter().map(|(id, text)| html! { <option value={id.clone()} selected={id == current}>{ text.clone() }</option> }) }
        </select>
    }
}

fn principal_options(doc: &Value, kind: &str) -> Vec<(String, String)> {
    match kind {
        "user" => options(doc, &[Collection::Users]),
        "group" => options(doc, &[Collection::Groups]),
        "contact" => options(doc, &[Collection::Contacts]),
        "consumer" => options(doc, &[Collection::Users]),
        "account" => options(doc, &[Collection::Accounts]),
        _ => options(doc, &[Collection::Roles]),
    }
}

/// A `{"kind": "id"}` picker: a kind select and an entity select.
fn principal(
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
            <select onchange={on_kind} aria-label={format!("{label}: kind")}>
                { for kinds.iter().map(|k| html! { <option value={*k} selected={*k == kind}>{ k.replace('_', " ") }</option> }) }
            </select>
            { picker(&principal_options(doc, &kind), &id, true, on_id, label) }
        </span>
    }
}

fn widget(
    f: &'static Field,
    value: Option<Value>,
    doc: &Value,
    set: &Callback<(&'static str, Option<Value>)>,
    text: String,
    set_text: &Callback<(&'static str, String)>,
) -> Html {
    let key = f.key;
    let str_value = value
        .as_ref()
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    match &f.kind {
        Kind::Text => {
            let set = set.clone();
            let oninput = Callback::from(move |e: InputEvent| {
                let el: web_sys::HtmlInputElement = e.target_unchecked_into();
                set.emit((key, Some(Value::String(el.value()))));
            });
            html! { <input type="text" value={str_value} {oninput} aria-label={f.label} /> }
        }
        Kind::Bool { default } => {
            let checked = value.as_ref().and_then(Value::as_bool).unwrap_or(*default);
            let set = set.clone();
            let onchange = Callback::from(move |e: Event| {
                let el: web_sys::HtmlInputElement = e.target_unchecked_into();
                set.emit((key, Some(Value::Bool(el.checked()))));
            });
            html! { <input type="checkbox" {checked} {onchange} aria-label={f.label} /> }
        }
        Kind::Choice {
            options: opts,
            optional,
        } => {
            let set = set.clone();
            let onchange = Callback::from(move |e: Event| {
                let v = select_value(&e);
                set.emit((key, (!v.is_empty()).then_some(Value::String(v))));
            });
            let opts: Vec<(String, String)> = opts
                .iter()
                .map(|o| (o.to_string(), o.replace('_', " ")))
                .collect();
            let current = if str_value.is_empty() && !*optional {
                opts[0].0.clone()
            } else {
                str_value
            };
            picker(&opts, &current, *optional, onchange, f.label)
        }
        Kind::Choices(opts) => {
            let chosen: Vec<String> = value
                .as_ref()
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            html! {
                <span class="choices">
                    { for opts.iter().map(|o| {
                        let on = chosen.iter().any(|c| c == o);
                        let (set, chosen, o2) = (set.clone(), chosen.clone(), o.to_string());
                        let onchange = Callback::from(move |_: Event| {
                            let mut next: Vec<String> = chosen.iter().filter(|c| **c != o2).cloned().collect();
                            if !on { next.push(o2.clone()); }
                            set.emit((key, Some(json!(next))));
                        });
                        html! { <label class="check"><input type="checkbox" checked={on} {onchange} />{ o.replace('_', " ") }</label> }
                    }) }
                </span>
            }
        }
        Kind::Ref { to, optional } => {
            let set = set.clone();
            let onchange = Callback::from(move |e: Event| {
                let v = select_value(&e);
                set.emit((key, (!v.is_empty()).then_some(Value::String(v))));
            });
            picker(&options(doc, to), &str_value, *optional, onchange, f.label)
        }
        Kind::Refs(to) => {
            let chosen: Vec<String> = value
                .as_ref()
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            let opts = options(doc, to);
            let add = {
                let (set, chosen) = (set.clone(), chosen.clone());
                Callback::from(move |e: Event| {
                    let v = select_value(&e);
                    if !v.is_empty() && !chosen.contains(&v) {
                        let mut next = chosen.clone();
                        next.push(v);
                        set.emit((key, Some(json!(next))));
                    }
                })
            };
            html! {
                <span class="chips">
                    { for chosen.iter().map(|c| {
                        let (set, chosen, c2) = (set.clone(), chosen.clone(), c.clone());
                        let remove = Callback::from(move |_| set.emit((key, Some(json!(chosen.iter().filter(|x| **x != c2).collect::<Vec<_>>())))));
                        html! { <span class="chip">{ c.clone() }<button type="button" onclick={remove} aria-label={format!("Remove {c}")}>{ "x" }</button></span> }
                    }) }
                    <select onchange={add} aria-label={format!("Add to {}", f.label)}>
                        <option value="" selected=true>{ "Add..." }</option>
                        { for opts.iter().filter(|(id, _)| !chosen.contains(id)).map(|(id, t)| html! { <option value={id.clone()}>{ t.clone() }</option> }) }
                    </select>
                </span>
            }
        }
        Kind::Principal { kinds } => {
            let set = set.clone();
            principal(
                kinds,
                value.as_ref(),
                doc,
                Callback::from(move |v| set.emit((key, v))),
                f.label,
            )
        }
        Kind::Principals { kinds } => {
            let list: Vec<Value> = value
                .as_ref()
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let adder = {
                let (set, list) = (set.clone(), list.clone());
                Callback::from(move |v: Option<Value>| {
                    if let Some(v) = v {
                        let mut next = list.clone();
                        next.push(v);
                        set.emit((key, Some(Value::Array(next))));
                    }
                })
            };
            html! {
                <span class="chips">
                    { for list.iter().enumerate().map(|(i, m)| {
                        let text = m.as_object().and_then(|o| o.iter().next()).map(|(k, v)| format!("{}: {}", k.replace('_', " "), v.as_str().unwrap_or(""))).unwrap_or_default();
                        let (set, list) = (set.clone(), list.clone());
                        let remove = Callback::from(move |_| {
                            let mut next = list.clone();
                            next.remove(i);
                            set.emit((key, Some(Value::Array(next))));
                        });
                        html! { <span class="chip">{ text.clone() }<button type="button" onclick={remove} aria-label={format!("Remove {text}")}>{ "x" }</button></span> }
                    }) }
                    <span class="adder">{ "Add: " }{ principal(kinds, None, doc, adder, f.label) }</span>
                </span>
            }
        }
        Kind::Party => {
            let set = set.clone();
            principal(
                &["contact", "consumer", "user", "account"],
                value.as_ref(),
                doc,
                Callback::from(move |v| set.emit((key, v))),
                f.label,
            )
        }
        Kind::ObjectPerms => {
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
                        { for ObjectKind::ALL.iter().map(|o| {
                            let have: Vec<String> = map.get(o.key()).and_then(Value::as_array)
                                .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect()).unwrap_or_default();
                            html! {
                                <tr>
                                    <th>{ o.label() }</th>
                                    { for perms.iter().map(|p| {
                                        let on = have.iter().any(|h| h == p);
                                        let (set, map, have, obj, p2) = (set.clone(), map.clone(), have.clone(), o.key(), p.to_string());
                                        let onchange = Callback::from(move |_: Event| {
                                            let mut next: Vec<String> = have.iter().filter(|h| **h != p2).cloned().collect();
                                            if !on { next.push(p2.clone()); }
                                            let mut m = map.clone();
                                            if next.is_empty() { m.remove(obj); } else { m.insert(obj.to_string(), json!(next)); }
                                            set.emit((key, Some(Value::Object(m))));
                                        });
                                        html! { <td><input type="checkbox" checked={on} {onchange} aria-label={format!("{} {}", o.label(), p)} /></td> }
                                    }) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
        }
        Kind::Json { example, .. } => {
            let set_text = set_text.clone();
            let oninput = Callback::from(move |e: InputEvent| {
                let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
                set_text.emit((key, el.value()));
            });
            html! { <textarea rows="4" value={text} {oninput} placeholder={*example} aria-label={f.label} spellcheck="false" /> }
        }
    }
}

/// The org-wide defaults table: one row per object, internal and external.
#[function_component(OrgDefaults)]
fn org_defaults(props: &Props) -> Html {
    let ix = props.state.ix();
    let problems: Vec<&Problem> = props
        .state
        .edit_problems
        .iter()
        .filter(|p| p.path.starts_with("org_defaults"))
        .collect();
    let settings = |o: ObjectKind| -> Vec<Sharing> {
        let mut v = vec![
            Sharing::Private,
            Sharing::PublicRead,
            Sharing::PublicReadWrite,
        ];
        if o.supports_transfer_default() {
            v.push(Sharing::PublicReadWriteTransfer);
        }
        if o.may_be_controlled_by_parent() {
            v.push(Sharing::ControlledByParent);
        }
        v
    };
    let key = |x: Sharing| {
        serde_json::to_value(x)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    };
    html! {
        <details class="editor-section" open=true>
            <summary>{ "Org-wide defaults" }</summary>
            { for problems.iter().map(|p| html! { <p class="field-error" role="alert">{ p.to_string() }</p> }) }
            <table class="owd">
                <thead><tr><th>{ "Object" }</th><th>{ "Internal" }</th><th>{ "External" }</th></tr></thead>
                <tbody>
                    { for ObjectKind::ALL.iter().filter(|o| **o != ObjectKind::AccountChild).map(|o| {
                        let cur = ix.org_default(*o);
                        let opts: Vec<(String, String)> = settings(*o).into_iter().map(|x| (key(x), x.label().to_string())).collect();
                        let make = |external: bool| {
                            let (d, o) = (props.dispatch.clone(), *o);
                            Callback::from(move |e: Event| {
                                let v: Sharing = match serde_json::from_value(json!(select_value(&e))) { Ok(v) => v, Err(_) => return };
                                let default = if external {
                                    OrgDefault { internal: cur.internal, external: Some(v) }
                                } else {
                                    OrgDefault { internal: v, external: cur.external }
                                };
                                d.emit(Action::Edit(Edit::SetOrgDefault { object: o, default }));
                            })
                        };
                        html! {
                            <tr>
                                <th>{ o.label() }</th>
                                <td>{ picker(&opts, &key(cur.internal), false, make(false), &format!("{} internal default", o.label())) }</td>
                                <td>{ picker(&opts, &key(cur.external()), false, make(true), &format!("{} external default", o.label())) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </details>
    }
}
