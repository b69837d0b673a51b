//! The scenario editor: org-wide defaults, then one section per kind of entity with add, edit
//! and remove, and a JSON tab for experts. Forms are generated from `editor_spec`; lookups are
//! pickers by name, nested values are row builders. What a form shows is what it submits; the
//! engine's refusals show in plain words next to the field they are about.

use std::collections::HashSet;
use std::rc::Rc;

use serde_json::{json, Map, Value};
use yew::prelude::*;

use super::builders::{self, entries, options, picker, principal, select_value, strings};
use super::custom_builders;
use super::editor_spec::{Field, Kind, Spec, SPECS};
use super::json_tab::JsonTab;
use super::org_defaults::OrgDefaults;
use super::removal::{Removal, Removing};
use super::state::{Action, AppState};
use crate::engine::edits::{self, Collection, Edit};
use crate::engine::scenario::{ObjectKind, Sharing};
use crate::engine::{Index, Problem};

#[derive(Properties, Clone, PartialEq)]
pub struct Props {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
}

/// The scenario as JSON, for listing entries and filling pickers.
pub fn doc(s: &AppState) -> Rc<Value> {
    s.doc()
}

/// An entity's display name by id, looked up in the index (nameless entries are labelled
/// with the names of what they point at): no list of every name is built.
fn name_in(ix: &Index, id: &str) -> Option<String> {
    use crate::engine::index::Entity;
    let name = match ix.by_id.get(id)? {
        Entity::User(u) => ix.user(*u).name.clone(),
        Entity::Record(r) => ix.record(*r).name.clone(),
        Entity::Role(r) => ix.role(*r).name.clone(),
        Entity::Profile(p) => ix.profiles[p.ix()].name.clone(),
        _ => return None,
    };
    (!name.is_empty()).then_some(name)
}

fn entry_label(spec: &Spec, ix: &Index, doc: &Value, e: &Value) -> String {
    let name_of = |id: &str| {
        name_in(ix, id)
            .or_else(|| {
                // Groups, queues, relationship types ...: by their entry in the document.
                crate::engine::references::COLLECTIONS
                    .iter()
                    .flat_map(|c| entries(doc, *c).iter())
                    .find(|x| x.get("id").and_then(Value::as_str) == Some(id))
                    .and_then(|x| x.get("name")?.as_str().map(String::from))
            })
            .unwrap_or_else(|| id.to_string())
    };
    let get = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    match spec.collection.identity() {
        ["id"] => {
            let name = get("name");
            if !name.is_empty() {
                return name;
            }
            // Nameless entries (related parties, manual shares) read as who, how and on what:
            // "Olga Petrova (Guarantor) on Car loan".
            let principal = ["party", "with"].iter().find_map(|k| {
                let obj = e.get(*k)?.as_object()?;
                let id = obj.values().next()?.as_str()?;
                Some(name_of(id))
            });
            match (principal, e.get("record").and_then(Value::as_str)) {
                (Some(who), Some(record)) => {
                    let how = e
                        .get("relationship")
                        .and_then(Value::as_str)
                        .map(|r| format!(" ({})", name_of(r)))
                        .unwrap_or_default();
                    format!("{who}{how} on {}", name_of(record))
                }
                _ => get("id"),
            }
        }
        ["api_name"] => {
            let (label, api) = (get("label"), get("api_name"));
            if label.is_empty() {
                api
            } else {
                format!("{label} ({api})")
            }
        }
        keys => keys
            .iter()
            .map(|k| name_of(&get(k)))
            .collect::<Vec<_>>()
            .join(" / "),
    }
}

/// The form field a problem is about, if the form has it.
fn field_of(spec: &Spec, p: &Problem) -> Option<&'static str> {
    let key = edits::problem_field(&p.path, &p.message)?;
    spec.fields.iter().find(|f| f.key == key).map(|f| f.key)
}

fn singular(label: &str) -> String {
    let l = label.to_lowercase();
    l.strip_suffix("ies")
        .map(|s| format!("{s}y"))
        .or_else(|| l.strip_suffix("ren").map(String::from))
        .or_else(|| l.strip_suffix('s').map(String::from))
        .unwrap_or(l)
}

#[derive(Clone, PartialEq)]
struct Open {
    spec: usize,
    /// The entry being edited, or None for a new one.
    index: Option<usize>,
    /// The entry's id when the form opened (an edit may keep it).
    original_id: Option<String>,
    /// Refused edits before the form opened: their problems are not this form's.
    refusals: u64,
}

/// What a new entry's form starts with: every value its controls show.
fn defaults(spec: &Spec, doc: &Value) -> Map<String, Value> {
    let mut m = Map::new();
    for f in spec.fields {
        match &f.kind {
            Kind::Choice {
                options,
                optional: false,
            } => {
                m.insert(f.key.into(), json!(options[0]));
            }
            Kind::Bool { default } => {
                m.insert(f.key.into(), json!(default));
            }
            Kind::Object { custom_only } => {
                let first = builders::object_choices(doc)
                    .into_iter()
                    .map(|(k, _)| k)
                    .find(|k| !custom_only || builders::is_custom_key(k));
                if let Some(k) = first {
                    m.insert(f.key.into(), json!(k));
                }
            }
            _ => {}
        }
    }
    // Entries without a name get an id at once; named ones get it from the name as typed.
    let has_name = spec.fields.iter().any(|f| f.key == "name");
    if spec.fields.iter().any(|f| f.key == "id") && !has_name {
        m.insert(
            "id".into(),
            json!(edits::suggest_id(doc, &singular(spec.label))),
        );
    }
    m
}

/// The entry as the form edits it (custom fields as rows).
fn to_draft(spec: &Spec, mut v: Map<String, Value>) -> Map<String, Value> {
    for f in spec.fields {
        if matches!(f.kind, Kind::KeyValues) {
            if let Some(x) = v.get(f.key) {
                let rows = builders::fields_rows(x);
                v.insert(f.key.into(), rows);
            }
        }
    }
    v
}

/// The entry the form submits: rows back to objects, unpicked principals left out.
fn from_draft(spec: &Spec, mut v: Map<String, Value>) -> Map<String, Value> {
    let unpicked = |x: &Value| {
        x.as_object()
            .and_then(|o| o.values().next())
            .is_some_and(|id| id.as_str() == Some(""))
    };
    for f in spec.fields {
        match f.kind {
            Kind::KeyValues => {
                if let Some(x) = v.get(f.key) {
                    let obj = builders::fields_object(x);
                    if obj.as_object().is_some_and(Map::is_empty) {
                        v.remove(f.key);
                    } else {
                        v.insert(f.key.into(), obj);
                    }
                }
            }
            Kind::Principal { .. } | Kind::Party if v.get(f.key).is_some_and(unpicked) => {
                v.remove(f.key);
            }
            Kind::Selector
                if v.get(f.key)
                    .and_then(|s| s.get("owned_by"))
                    .is_some_and(unpicked) =>
            {
                v.remove(f.key);
            }
            _ => {}
        }
    }
    v
}

#[function_component(ScenarioEditor)]
pub fn scenario_editor(props: &Props) -> Html {
    let s = &props.state;
    let open = use_state(|| None::<Open>);
    let draft = use_state(Map::new);
    let id_touched = use_state(|| false);
    // A check made before the engine sees the entry: (field, message).
    let local = use_state(|| None::<(&'static str, String)>);
    let pending = use_state(|| false);
    let tab_json = use_state(|| false);
    let json_draft = use_state(|| None::<(u64, String)>);
    let removing = use_state(|| None::<Removing>);
    // Sections the user opened; closed ones render nothing, so 5,000 cases cost nothing here.
    let expanded = use_state(HashSet::<usize>::new);
    // The scenario as JSON only where it is shown: the open sections' lists, or everything
    // while a form or a removal is open (pickers, id suggestions). Closed sections show counts.
    let doc = if open.is_some() || removing.is_some() {
        doc(s)
    } else {
        let mut shown: Vec<Collection> = expanded.iter().map(|si| SPECS[*si].collection).collect();
        // Nameless entries are labelled with what they point at (groups, relationship types).
        if !shown.is_empty() {
            shown.extend([
                Collection::Groups,
                Collection::Queues,
                Collection::RelatedPartyConfigs,
            ]);
        }
        s.doc_part(&shown)
    };

    // Close the form once the engine accepted the save (the scenario revision moved on).
    {
        let (open, pending, removing) = (open.clone(), pending.clone(), removing.clone());
        use_effect_with(s.revision, move |_| {
            if *pending {
                open.set(None);
                pending.set(false);
            }
            removing.set(None);
        });
    }
    if *pending && !s.edit_problems.is_empty() {
        pending.set(false);
    }

    let refusals = s.refusals;
    let start = {
        let (open, draft, id_touched, local, state) = (
            open.clone(),
            draft.clone(),
            id_touched.clone(),
            local.clone(),
            props.state.clone(),
        );
        Rc::new(move |spec: usize, index: Option<usize>| {
            let doc = state.doc();
            let sp = &SPECS[spec];
            let existing = index
                .and_then(|i| entries(&doc, sp.collection).get(i).cloned())
                .and_then(|v| v.as_object().cloned());
            let original_id = existing
                .as_ref()
                .and_then(|e| e.get("id"))
                .and_then(Value::as_str)
                .map(String::from);
            let value = existing.unwrap_or_else(|| defaults(sp, &doc));
            draft.set(to_draft(sp, value));
            id_touched.set(index.is_some());
            local.set(None);
            open.set(Some(Open {
                spec,
                index,
                original_id,
                refusals,
            }));
        })
    };

    let ix_guard = s.ix();
    let ix: &Index = &ix_guard;
    let sections = SPECS.iter().enumerate().map(|(si, spec)| {
        let list = entries(&doc, spec.collection);
        let count = crate::engine::undo::len(&ix.scenario, spec.collection);
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
                    <summary onclick={toggle}>{ spec.label }<span class="count">{ count }</span></summary>
                </details>
            };
        }
        let removing_here = removing.as_ref().filter(|r| r.spec == si);
        html! {
            <details class="editor-section" open=true>
                <summary onclick={toggle}>{ spec.label }<span class="count">{ list.len() }</span></summary>
                <ul class="entries">
                    { for list.iter().enumerate().map(|(i, e)| {
                        let edit = { let start = start.clone(); Callback::from(move |_| start(si, Some(i))) };
                        let label = entry_label(spec, ix, &doc, e);
                        let remove = {
                            let (d, removing, ix) = (props.dispatch.clone(), removing.clone(), props.state.clone());
                            let matching: Map<String, Value> = spec.collection.identity().iter()
                                .filter_map(|k| Some((k.to_string(), e.get(*k)?.clone()))).collect();
                            let collection = spec.collection;
                            let id = e.get("id").and_then(Value::as_str).map(String::from);
                            let label = label.clone();
                            Callback::from(move |_| {
                                // Entries others refer to can't just go: say why and offer a way out.
                                // Nothing names a manual share or a team membership: no need to
                                // look (at org scale the look serialises the whole scenario).
                                let leaf = matches!(collection, Collection::ManualShares | Collection::AccountTeams
                                    | Collection::OpportunityTeams | Collection::CaseTeams);
                                if let Some(id) = id.as_ref().filter(|_| !leaf) {
                                    let refs = crate::engine::references::references(&ix.ix().scenario, collection, id);
                                    if !refs.is_empty() {
                                        removing.set(Some(Removing { spec: si, id: id.clone(), label: label.clone(), refs: Rc::new(refs), refusals: ix.refusals }));
                                        return;
                                    }
                                }
                                removing.set(None);
                                d.emit(Action::Edit(Edit::Remove { collection, matching: Value::Object(matching.clone()), all: false }));
                            })
                        };
                        html! {
                            <li>
                                <span class="entry-name">{ label.clone() }</span>
                                <button class="small" onclick={edit} aria-label={format!("Edit {label}")}>{ "Edit" }</button>
                                <button class="small danger" onclick={remove} aria-label={format!("Remove {label}")}>{ "Remove" }</button>
                            </li>
                        }
                    }) }
                </ul>
                if let Some(r) = removing_here {
                    <Removal state={props.state.clone()} dispatch={props.dispatch.clone()} removing={r.clone()}
                        collection={spec.collection} on_close={{ let removing = removing.clone(); Callback::from(move |_| removing.set(None)) }} />
                }
                if let Some(o) = is_open {
                    { form(props, spec, o, &doc, &draft, &id_touched, &local, &open, &pending) }
                } else {
                    <button class="small" onclick={add}>{ format!("Add to {}", spec.label.to_lowercase()) }</button>
                }
            </details>
        }
    });

    let to_form = {
        let t = tab_json.clone();
        Callback::from(move |_| t.set(false))
    };
    let to_json = {
        let t = tab_json.clone();
        Callback::from(move |_| t.set(true))
    };
    html! {
        <section class="panel editor" aria-label="Scenario editor">
            <h2>{ "Scenario" }</h2>
            <div class="editor-tabs" role="tablist">
                <button role="tab" aria-selected={(!*tab_json).to_string()} class={classes!((!*tab_json).then_some("active"))} onclick={to_form}>{ "Form" }</button>
                <button role="tab" aria-selected={tab_json.to_string()} class={classes!(tab_json.then_some("active"))} onclick={to_json}>{ "JSON" }</button>
            </div>
            if *tab_json {
                <JsonTab state={props.state.clone()} dispatch={props.dispatch.clone()} draft={json_draft.clone()} />
            } else {
                <OrgDefaults state={props.state.clone()} dispatch={props.dispatch.clone()} />
                { for sections }
            }
        </section>
    }
}

#[allow(clippy::too_many_arguments)]
fn form(
    props: &Props,
    spec: &'static Spec,
    open_entry: &Open,
    doc: &Rc<Value>,
    draft: &UseStateHandle<Map<String, Value>>,
    id_touched: &UseStateHandle<bool>,
    local: &UseStateHandle<Option<(&'static str, String)>>,
    open: &UseStateHandle<Option<Open>>,
    pending: &UseStateHandle<bool>,
) -> Html {
    let index = open_entry.index;
    let fresh = props.state.refusals > open_entry.refusals && local.is_none();
    let problems: &[Problem] = if fresh {
        &props.state.edit_problems
    } else {
        &[]
    };
    let has_id = spec.fields.iter().any(|f| f.key == "id");
    let set = {
        let (draft, id_touched, doc) = (draft.clone(), id_touched.clone(), doc.clone());
        Callback::from(move |(key, value): (&'static str, Option<Value>)| {
            let mut d = (*draft).clone();
            if key == "id" {
                id_touched.set(true);
            }
            // A new entry's id follows its name until the user types an id of their own.
            if key == "name" && has_id && !*id_touched {
                let name = value.as_ref().and_then(Value::as_str).unwrap_or("");
                d.insert("id".into(), json!(edits::suggest_id(&doc, name)));
            }
            match value {
                Some(v) => d.insert(key.to_string(), v),
                None => d.remove(key),
            };
            draft.set(d);
        })
    };
    let id_now = draft
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let taken = has_id
        && !id_now.is_empty()
        && open_entry.original_id.as_deref() != Some(id_now.as_str())
        && edits::ids(doc).contains(&id_now);
    let has_name = spec.fields.iter().any(|f| f.key == "name");
    let save = {
        let original_id = open_entry.original_id.clone();
        let (draft, pending, d, doc, local) = (
            draft.clone(),
            pending.clone(),
            props.dispatch.clone(),
            doc.clone(),
            local.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if taken {
                return;
            }
            // The id is made from the name: with neither, ask for the name.
            let empty = |k: &str| {
                draft
                    .get(k)
                    .and_then(Value::as_str)
                    .is_none_or(|v| v.trim().is_empty())
            };
            if has_id && has_name && empty("id") && empty("name") {
                local.set(Some((
                    "name",
                    "Fill in a name; the id is made from it".into(),
                )));
                return;
            }
            local.set(None);
            let value = from_draft(spec, (*draft).clone());
            let new_id = value
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
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
                    // A renamed id: the entries that named the old one follow it.
                    if let Some(old) = original_id.as_deref().filter(|o| *o != new_id) {
                        crate::engine::references::rename_in(&mut next, old, &new_id);
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
    let mut unplaced: Vec<String> = problems
        .iter()
        .filter(|p| field_of(spec, p).is_none())
        .map(|p| edits::plain_message(&p.path, &p.message))
        .collect();
    unplaced.dedup();
    let title = if index.is_some() {
        format!("Edit {}", singular(spec.label))
    } else {
        format!("New {}", singular(spec.label))
    };
    let draft_json = Value::Object(from_draft(spec, (**draft).clone())).to_string();
    html! {
        <form class="entity-form" onsubmit={save} aria-label={format!("{} form", spec.label)} data-draft={draft_json}>
            <h3>{ title }</h3>
            { for unplaced.iter().map(|m| html! { <p class="field-error" role="alert">{ m.clone() }</p> }) }
            { for spec.fields.iter().map(|f| {
                let value = draft.get(f.key).cloned();
                let mut messages: Vec<String> = problems.iter()
                    .filter(|p| field_of(spec, p) == Some(f.key))
                    .map(|p| edits::plain_message(&p.path, &p.message)).collect();
                if let Some((k, m)) = &**local {
                    if *k == f.key {
                        messages.push(m.clone());
                    }
                }
                if f.key == "id" && taken {
                    messages.insert(0, format!("That id is taken: '{id_now}' is already used. Choose another id."));
                }
                messages.dedup();
                html! {
                    <div class={classes!("field", (!messages.is_empty()).then_some("invalid"))} data-field={f.key}>
                        <label>{ f.label }</label>
                        { widget(f, value, doc, draft, &set) }
                        { for messages.iter().map(|m| html! { <p class="field-error" role="alert">{ m.clone() }</p> }) }
                    </div>
                }
            }) }
            <div class="form-actions">
                <button type="submit" class="primary" disabled={taken}>{ if index.is_some() { "Save" } else { "Add" } }</button>
                <button type="button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}

fn widget(
    f: &'static Field,
    value: Option<Value>,
    doc: &Value,
    draft: &Map<String, Value>,
    set: &Callback<(&'static str, Option<Value>)>,
) -> Html {
    let key = f.key;
    let str_value = value
        .as_ref()
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let emit = {
        let set = set.clone();
        Callback::from(move |v: Option<Value>| set.emit((key, v)))
    };
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
                .map(|o| (o.to_string(), choice_label(o)))
                .collect();
            picker(&opts, &str_value, *optional, onchange, f.label)
        }
        Kind::Choices(opts) => {
            let chosen = strings(value.as_ref());
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
            let chosen = strings(value.as_ref());
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
                        let name = builders::name_of(doc, c);
                        html! { <span class="chip">{ name.clone() }<button type="button" onclick={remove} aria-label={format!("Remove {name}")}>{ "x" }</button></span> }
                    }) }
                    <select onchange={add} aria-label={format!("Add to {}", f.label)} data-part="adder">
                        <option value="" selected=true>{ "Add..." }</option>
                        { for opts.iter().filter(|(id, _)| !chosen.contains(id)).map(|(id, t)| html! { <option value={id.clone()}>{ t.clone() }</option> }) }
                    </select>
                </span>
            }
        }
        Kind::Principal { kinds } => principal(kinds, value.as_ref(), doc, emit, f.label),
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
                        let text = builders::principal_text(doc, m);
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
        Kind::Party => principal(
            &["contact", "consumer", "user", "account"],
            value.as_ref(),
            doc,
            emit,
            f.label,
        ),
        Kind::ObjectPerms => builders::object_perms(value, doc, set, key),
        Kind::KeyValues => builders::key_values(value.as_ref(), emit),
        Kind::Selector => {
            let object = draft.get("object").and_then(Value::as_str).unwrap_or("");
            builders::selector(value.as_ref(), object, doc, emit)
        }
        Kind::Mappings => builders::mappings(value.as_ref(), doc, emit),
        Kind::Object { custom_only } => {
            let set = set.clone();
            let onchange = Callback::from(move |e: Event| {
                let v = select_value(&e);
                set.emit((key, (!v.is_empty()).then_some(Value::String(v))));
            });
            let opts: Vec<(String, String)> = builders::object_choices(doc)
                .into_iter()
                .filter(|(k, _)| !custom_only || builders::is_custom_key(k))
                .collect();
            if opts.is_empty() {
                return html! { <p class="hint">{ "Declare a custom object first (Custom objects, above)." }</p> };
            }
            picker(&opts, &str_value, false, onchange, f.label)
        }
        Kind::Objects(standard) => {
            let chosen = strings(value.as_ref());
            let opts: Vec<(String, String)> = builders::object_choices(doc)
                .into_iter()
                .filter(|(k, _)| standard.contains(&k.as_str()) || builders::is_custom_key(k))
                .collect();
            html! {
                <span class="choices">
                    { for opts.into_iter().map(|(o, label)| {
                        let on = chosen.contains(&o);
                        let (set, chosen) = (set.clone(), chosen.clone());
                        let onchange = Callback::from(move |_: Event| {
                            let mut next: Vec<String> = chosen.iter().filter(|c| **c != o).cloned().collect();
                            if !on { next.push(o.clone()); }
                            set.emit((key, Some(json!(next))));
                        });
                        html! { <label class="check"><input type="checkbox" checked={on} {onchange} />{ label }</label> }
                    }) }
                </span>
            }
        }
        Kind::MasterDetail => {
            let this = draft.get("api_name").and_then(Value::as_str).unwrap_or("");
            custom_builders::master_detail(value.as_ref(), doc, this, emit)
        }
        Kind::Lookups => custom_builders::lookups(value.as_ref(), doc, emit),
        Kind::LookupValues => {
            let object = draft.get("object").and_then(Value::as_str).unwrap_or("");
            custom_builders::lookup_values(value.as_ref(), object, doc, emit)
        }
        Kind::ShareGroup => builders::share_group(value.as_ref(), doc, emit),
        Kind::Tasks => builders::tasks(value.as_ref(), doc, emit),
    }
}

/// A fixed choice in words: access levels as the vendors name them, objects by their label.
fn choice_label(o: &str) -> String {
    match o {
        "none" => return "No access".into(),
        "read" => return "Read Only".into(),
        "edit" => return "Read/Write".into(),
        "write" => return "Write".into(),
        "full" => return "Full".into(),
        _ => {}
    }
    if let Ok(x) = serde_json::from_value::<Sharing>(json!(o)) {
        return x.label().to_string();
    }
    if let Ok(k) = serde_json::from_value::<ObjectKind>(json!(o)) {
        return k.label().to_string();
    }
    let t = o.replace('_', " ");
    let mut c = t.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or(t)
}
