//! The Yew app (wasm32 only): the scenario editor beside the access matrix, which gets the
//! width; the explanation opens as a closable drawer when a cell is picked (a bottom sheet on
//! phones); the role hierarchy, configuration rights and admin actions show only where the
//! scenario has them. State lives in one reducer (`state`); all access logic comes from
//! `engine`. `?embed` shows a compact matrix and explanation for documentation iframes.

mod access_matrix;
mod autosave;
mod builders;
mod checks;
mod config_panel;
mod custom_builders;
mod editor;
mod editor_spec;
mod exercise_panel;
mod expectations_panel;
mod explain_panel;
mod form_kinds;
mod import_panel;
mod import_report;
mod json_tab;
mod lint_panel;
mod matrix_grid;
mod notice_bar;
mod org_defaults;
mod removal;
mod role_tree_panel;
mod session;
pub mod state;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::autosave::{KEY_PRESET, KEY_SCENARIO};
use crate::engine::{self, ObjectKind};
use crate::presets::{self, PRESETS};
use crate::share;
use access_matrix::{AccessMatrix, Legend};
use config_panel::ConfigPanel;
use editor::ScenarioEditor;
use exercise_panel::ExercisePanel;
use expectations_panel::ExpectationsPanel;
use explain_panel::{close_drawer, ExplainPanel};
use import_panel::{import_button, ImportPanel};
use lint_panel::LintPanel;
use notice_bar::{notice_bar, report};
use role_tree_panel::RoleTreePanel;
use state::{Action, AppState, Notice, UserFilter};

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// `?embed` in the address.
fn embed_mode() -> bool {
    location().and_then(|l| l.search().ok()).is_some_and(|s| {
        s.trim_start_matches('?')
            .split('&')
            .any(|p| p == "embed" || p.starts_with("embed="))
    })
}

fn query_param(name: &str) -> Option<String> {
    let search = location()?.search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|p| p.strip_prefix(&format!("{name}=")).map(String::from))
}

fn preset_state(key: &str) -> AppState {
    let p = presets::find(key).unwrap_or(&PRESETS[0]);
    let ix = engine::load(p.json).expect("presets are valid: tests/presets.rs checks every one");
    AppState::new(ix, Some(p.key.to_string()))
}

/// From this many records a scenario is autosaved once edits pause rather than after each.
const LARGE_SAVE_RECORDS: usize = 10_000;

/// Where the first scenario comes from: a share link, then `?preset=`, then the autosaved work,
/// then the default preset. A broken link or save never blocks the app: it says why and falls
/// back, leaving the autosave as it was. Work that a link or preset replaces is kept for
/// "Restore", and the link or preset leaves the address, so a reload continues the work.
fn initial_state(embed: bool) -> AppState {
    let saved = if embed {
        None
    } else {
        autosave::get(KEY_SCENARIO)
    };
    autosave::set_known(saved.clone());
    let restored = || {
        let ix = engine::load(saved.as_deref()?).ok()?;
        let preset = autosave::get(KEY_PRESET).filter(|p| !p.is_empty());
        Some(AppState::new(ix, preset))
    };
    let hash = location().and_then(|l| l.hash().ok()).unwrap_or_default();
    let fallback = query_param("preset").unwrap_or_else(|| presets::DEFAULT_PRESET.to_string());
    let mut replaced = true;
    let mut s = if hash.starts_with(&format!("#{}", share::PREFIX)) {
        let opened = share::decode(&hash)
            .map_err(|e| e.to_string())
            .and_then(|json| engine::load(&json).map_err(|e| e.to_string()));
        match opened {
            Ok(ix) => {
                let mut s = AppState::new(ix, None);
                s.notice = Some(Notice::Info(
                    "Opened the scenario from the share link.".into(),
                ));
                s
            }
            Err(e) => {
                replaced = false;
                let (mut s, instead) = match restored().filter(|_| !embed) {
                    Some(s) => (s, "Your last scenario is shown instead, unchanged."),
                    None => (preset_state(&fallback), "Showing a preset instead."),
                };
                s.notice = Some(Notice::Error(format!(
                    "The share link could not be opened: {e}. {instead}"
                )));
                s
            }
        }
    } else if query_param("preset").is_some() || embed {
        preset_state(&fallback)
    } else if let Some(mut s) = restored() {
        replaced = false;
        s.notice = Some(Notice::Info(
            "Restored your last scenario from this browser.".into(),
        ));
        s
    } else {
        preset_state(&fallback)
    };
    if embed {
        return s;
    }
    let json = serde_json::to_string(&s.ix().scenario).unwrap_or_default();
    if replaced && autosave::is_replaced_work(saved.as_deref(), &json) {
        let preset = autosave::get(KEY_PRESET);
        if let Err(e) = autosave::keep_previous(saved.clone().unwrap_or_default(), preset) {
            // Without a kept copy the autosave must stay: this tab saves nothing.
            autosave::hold();
            s.notice = Some(Notice::Error(format!(
                "The scenario you were editing could not be kept aside ({e}), so it stays saved and this one will not be saved: export it to keep it."
            )));
        }
    }
    if let Some(p) = autosave::previous() {
        if !p.dismissed && p.scenario != json {
            s.restore_offer = Some(p.name());
        }
    }
    clean_address(true);
    s
}

/// `?exercise=ID` (with a preset, or in an embed) opens that exercise, played.
fn with_exercise(mut s: AppState) -> AppState {
    if let Some(id) = query_param("exercise") {
        s.play(Some(id));
    }
    s
}

/// Drop the opened share link (and `preset=` when `drop_preset`) from the address bar, so a
/// reload continues the autosaved work and pasting the same link again is noticed.
pub(crate) fn clean_address(drop_preset: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let loc = window.location();
    let search = loc.search().unwrap_or_default();
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| !(drop_preset && p.starts_with("preset=")))
        .collect();
    let query = if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    };
    let url = format!("{}{query}", loc.pathname().unwrap_or_default());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Download the open scenario as JSON (the toolbar's Export, and the one offered when it can't
/// be saved).
pub(crate) fn export(s: &AppState, d: &Callback<Action>) {
    let json = serde_json::to_string_pretty(&s.ix().scenario).unwrap_or_default();
    let name = format!(
        "{}.json",
        s.preset.clone().unwrap_or_else(|| "scenario".into())
    );
    if let Err(e) = download(&name, &json) {
        d.emit(Action::Notify(Notice::Error(format!("Export failed: {e}"))));
    }
}

/// A User Timing mark (`performance.mark`), read by the benchmark.
fn mark(name: &str) {
    if let Some(p) =
        web_sys::window().and_then(|w| js_sys::Reflect::get(&w, &"performance".into()).ok())
    {
        if let Ok(f) = js_sys::Reflect::get(&p, &"mark".into()) {
            if let Some(f) = f.dyn_ref::<js_sys::Function>() {
                let _ = f.call1(&p, &name.into());
            }
        }
    }
}

/// Whether the `<details>` a toggle event came from is now open.
pub(crate) fn details_open(e: &Event) -> bool {
    e.target()
        .and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

fn first_sentence(text: &str) -> String {
    match text.find(". ") {
        Some(i) => text[..=i].to_string(),
        None => text.to_string(),
    }
}

/// Offer `text` as a file download.
fn download(name: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &props)
        .map_err(|_| "could not build the file")?;
    let url =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "could not build the file")?;
    let a: web_sys::HtmlAnchorElement = gloo::utils::document()
        .create_element("a")
        .map_err(|_| "no document")?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

#[function_component(App)]
pub fn app() -> Html {
    let embed = use_state(embed_mode);
    let state = use_reducer({
        let embed = *embed;
        move || with_exercise(initial_state(embed))
    });
    let dispatch = {
        let d = state.dispatcher();
        Callback::from(move |a: Action| d.dispatch(a))
    };

    // Autosave every scenario change once it has rendered, an org-scale one once edits pause
    // (`autosave::save_soon`), so writing it out never holds back the frame that shows an
    // edit; a reload or a hidden tab writes it at once. A panic or trap before then (crash
    // guard) cancels it, so a scenario that crashes the app never replaces the last good save.
    {
        let (state, dispatch, embed) = (state.clone(), dispatch.clone(), *embed);
        use_effect_with(state.revision, move |_| {
            if !embed {
                let (preset, replaced, paused) =
                    (state.preset.clone(), state.replaced, state.other_tab);
                let large = state.ix().records.len() >= LARGE_SAVE_RECORDS;
                autosave::save_soon(large, move || {
                    let json = serde_json::to_string(&state.ix().scenario).unwrap_or_default();
                    autosave::set_ours(&json);
                    let saved = autosave::save(&json, preset.as_deref(), replaced, paused);
                    report(saved, &dispatch);
                });
            }
        });
    }
    // Another tab's save of a different scenario pauses autosave here and asks (storage
    // events reach every other tab of this site); a pasted share link is offered, not applied.
    {
        let (dispatch, embed) = (dispatch.clone(), *embed);
        use_effect_with((), move |_| {
            let listeners = (!embed).then(|| {
                let window = gloo::utils::window();
                let d = dispatch.clone();
                let storage = EventListener::new(&window, "storage", move |e| {
                    let field = |name: &str| {
                        js_sys::Reflect::get(e, &name.into())
                            .ok()
                            .and_then(|v| v.as_string())
                    };
                    if field("key").as_deref() != Some(KEY_SCENARIO) {
                        return;
                    }
                    let new = field("newValue");
                    if crate::autosave::other_tab_differs(new.as_deref(), &autosave::ours()) {
                        d.emit(Action::OtherTab(true));
                    } else if new.is_some() {
                        autosave::set_known(new);
                    }
                });
                let d = dispatch.clone();
                let hash = EventListener::new(&window, "hashchange", move |_| {
                    let hash = location().and_then(|l| l.hash().ok()).unwrap_or_default();
                    if hash.starts_with(&format!("#{}", share::PREFIX)) {
                        d.emit(Action::OfferLink(Some(hash)));
                    }
                });
                (storage, hash)
            });
            move || drop(listeners)
        });
    }
    // Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y), except while typing in a field.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::document(), "keydown", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                let typing = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| {
                        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    });
                if typing || !(e.ctrl_key() || e.meta_key()) {
                    return;
                }
                match e.key().to_lowercase().as_str() {
                    "z" if e.shift_key() => dispatch.emit(Action::Redo),
                    "z" => dispatch.emit(Action::Undo),
                    "y" => dispatch.emit(Action::Redo),
                    _ => return,
                }
                e.prevent_default();
            });
            move || drop(listener)
        });
    }

    // Escape closes the explanation drawer and returns focus to what it explained.
    {
        let (state, dispatch) = (state.clone(), dispatch.clone());
        let open = (
            state.selected.clone(),
            state.view_as.clone(),
            state.inspect.clone(),
        );
        use_effect_with(open, move |open| {
            let is_open = open.0.is_some() || open.1.is_some() || open.2.is_some();
            let listener = is_open.then(|| {
                let opts = gloo::events::EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(
                    &gloo::utils::document(),
                    "keydown",
                    opts,
                    move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                            return;
                        };
                        if e.key() == "Escape" {
                            e.prevent_default();
                            close_drawer(&state, &dispatch);
                        }
                    },
                )
            });
            move || drop(listener)
        });
    }

    let s = (*state).clone();
    let s = std::rc::Rc::new(s);
    if *embed {
        // An embedded exercise is played: its goal above, and the editor to change the
        // scenario with (a cell's "why not" suggestion also applies in one click).
        let playing = s.exercise.is_some();
        return html! {
            <div class="embed">
                <header class="embed-bar">
                    <strong>{ s.ix().scenario.name.clone() }</strong>
                    <ObjectPicker state={s.clone()} dispatch={dispatch.clone()} />
                    if playing {
                        <span class="actions">
                            <button class="small" onclick={{ let d = dispatch.clone(); Callback::from(move |_| d.emit(Action::Undo)) }} disabled={!s.can_undo()}>{ "Undo" }</button>
                        </span>
                    }
                </header>
                if playing { <div class="embed-exercise"><ExercisePanel state={s.clone()} dispatch={dispatch.clone()} embedded=true /></div> }
                <div class="workspace embed-workspace">
                    <section class="panel matrix-panel" aria-label="Access matrix">
                        <AccessMatrix state={s.clone()} dispatch={dispatch.clone()} compact=true />
                        <Legend />
                    </section>
                    <ExplainPanel state={s.clone()} dispatch={dispatch.clone()} />
                </div>
                if playing {
                    <details class="embed-editor">
                        <summary>{ "Change the scenario" }</summary>
                        <ScenarioEditor state={s.clone()} dispatch={dispatch.clone()} />
                    </details>
                }
            </div>
        };
    }

    let ix_guard = s.ix();

    let ix = &*ix_guard;
    let drawer_open = s.selected.is_some() || s.view_as.is_some() || s.inspect.is_some();
    let has_roles = !ix.scenario.roles.is_empty();
    // Configuration rights only mean something where the scenario defines configuration
    // areas (Teams CRM, CustomerSuccessBox); Salesforce scenarios have none.
    let has_config = ix
        .profiles
        .iter()
        .chain(ix.permission_sets.iter())
        .any(|p| !p.config.is_empty());
    let skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        let doc = gloo::utils::document();
        let target = doc
            .query_selector("#matrix button.cell[tabindex='0']")
            .ok()
            .flatten()
            .or_else(|| doc.get_element_by_id("matrix"));
        if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
    html! {
        <>
            <a class="skip-link" href="#matrix" onclick={skip}>{ "Skip to the access matrix" }</a>
            <Toolbar state={s.clone()} dispatch={dispatch.clone()} />
            { notice_bar(&s, &dispatch) }
            <ImportPanel state={s.clone()} dispatch={dispatch.clone()} />
            <main class={classes!("layout", drawer_open.then_some("drawer-open"))}>
                <ScenarioEditor state={s.clone()} dispatch={dispatch.clone()} />
                <div class="center">
                    <ExercisePanel state={s.clone()} dispatch={dispatch.clone()} />
                    <section class="panel matrix-panel" id="matrix" tabindex="-1" aria-label="Access matrix">
                        <Filters state={s.clone()} dispatch={dispatch.clone()} />
                        <AccessMatrix state={s.clone()} dispatch={dispatch.clone()} />
                        <Legend />
                        if !drawer_open { <p class="hint matrix-hint">{ explain_panel::HINT }</p> }
                    </section>
                    <ExpectationsPanel state={s.clone()} dispatch={dispatch.clone()} />
                    <LintPanel state={s.clone()} dispatch={dispatch.clone()} />
                    if has_roles { <RoleTreePanel state={s.clone()} dispatch={dispatch.clone()} /> }
                    if has_config { <ConfigPanel state={s.clone()} dispatch={dispatch.clone()} /> }
                </div>
                if drawer_open { <ExplainPanel state={s.clone()} dispatch={dispatch.clone()} drawer=true /> }
            </main>
        </>
    }
}

#[derive(Properties, Clone, PartialEq)]
struct Props {
    state: std::rc::Rc<AppState>,
    dispatch: Callback<Action>,
}

/// The top bar: presets, undo/redo, export, import and share.
#[function_component(Toolbar)]
fn toolbar(props: &Props) -> Html {
    let s = &props.state;
    let d = &props.dispatch;
    let on_preset = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(p) = presets::find(&el.value()) {
                d.emit(Action::Open {
                    json: p.json.to_string(),
                    preset: Some(p.key.to_string()),
                    source: format!("the preset '{}'", p.key),
                });
            }
        })
    };
    let undo = {
        let d = d.clone();
        Callback::from(move |_| d.emit(Action::Undo))
    };
    let redo = {
        let d = d.clone();
        Callback::from(move |_| d.emit(Action::Redo))
    };
    let export = {
        let (d, s) = (d.clone(), s.clone());
        Callback::from(move |_| export(&s, &d))
    };
    let import = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let name = file.name();
            let d = d.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let file = gloo_file::File::from(file);
                if file.size() > engine::validate::input_limit() as u64 {
                    d.emit(Action::Notify(Notice::Error(format!("'{name}' is too large to be a scenario; your current scenario is unchanged."))));
                    return;
                }
                match gloo_file::futures::read_as_text(&file).await {
                    Ok(json) => {
                        // For the benchmark (scripts/bench-wasm.mjs): opening is timed from here.
                        mark("access-sim:file-read");
                        d.emit(Action::Open {
                            json,
                            preset: None,
                            source: format!("'{name}'"),
                        })
                    }
                    Err(e) => d.emit(Action::Notify(Notice::Error(format!(
                        "Could not read '{name}': {e}. Your current scenario is unchanged."
                    )))),
                }
            });
        })
    };
    let share_link = {
        let (d, s) = (d.clone(), s.clone());
        Callback::from(move |_| {
            let json = serde_json::to_string(&s.ix().scenario).unwrap_or_default();
            let fragment = share::encode(&json);
            let Some(window) = web_sys::window() else {
                return;
            };
            let loc = window.location();
            let base = format!(
                "{}{}{}",
                loc.origin().unwrap_or_default(),
                loc.pathname().unwrap_or_default(),
                loc.search().unwrap_or_default()
            );
            let link = format!("{base}#{fragment}");
            if let Ok(history) = window.history() {
                let _ =
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&link));
            }
            let _ = window.navigator().clipboard().write_text(&link);
            d.emit(Action::Notify(Notice::Info(format!(
                "Share link ({} characters) copied and placed in the address bar: it carries the whole scenario, no server involved.",
                link.len()
            ))));
        })
    };
    let description = first_sentence(&s.ix().scenario.description);
    // The presets' names and first sentences, parsed once rather than on every render.
    let titles = use_memo((), |_| {
        PRESETS
            .iter()
            .map(|p| {
                let sc = engine::parse(p.json).ok();
                let title = sc
                    .as_ref()
                    .map(|x| x.name.clone())
                    .unwrap_or_else(|| p.key.to_string());
                let line = sc
                    .map(|x| first_sentence(&x.description))
                    .unwrap_or_default();
                (title, line)
            })
            .collect::<Vec<_>>()
    });
    html! {
        <header class="topbar">
            <h1>{ "Access Simulator" }</h1>
            <div class="preset">
                <label>{ "Scenario " }
                    <select onchange={on_preset} aria-label="Scenario">
                        if s.preset.is_none() { <option value="" selected=true>{ format!("{} (edited/imported)", s.ix().scenario.name) }</option> }
                        { for PRESETS.iter().zip(titles.iter()).map(|(p, (title, line))| {
                            html! { <option value={p.key} title={line.clone()} selected={s.preset.as_deref() == Some(p.key)}>{ title.clone() }</option> }
                        }) }
                    </select>
                </label>
                <p class="preset-description">{ description }</p>
            </div>
            <div class="actions">
                <button onclick={undo} disabled={!s.can_undo()} title="Undo (Ctrl+Z)">{ "Undo" }</button>
                <button onclick={redo} disabled={!s.can_redo()} title="Redo (Ctrl+Shift+Z)">{ "Redo" }</button>
                <button onclick={export} title="Download the scenario as JSON">{ "Export" }</button>
                <label class="button" title="Open a scenario JSON file">{ "Import" }
                    <input type="file" accept=".json,application/json" onchange={import} class="visually-hidden" aria-label="Import scenario file" />
                </label>
                { import_button(d, s.import.is_some()) }
                <button onclick={share_link} title="Copy a link that carries the whole scenario">{ "Share link" }</button>
            </div>
        </header>
    }
}

#[function_component(ObjectPicker)]
fn object_picker(props: &Props) -> Html {
    let d = props.dispatch.clone();
    let onchange = Callback::from(move |e: Event| {
        let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
        if let Some(o) = ObjectKind::parse(&el.value()) {
            d.emit(Action::SetObject(o));
        }
    });
    let ix = props.state.ix();
    // One pass over the records, not one per object.
    let mut counts: Vec<(ObjectKind, usize)> = ix.objects().into_iter().map(|o| (o, 0)).collect();
    for r in &ix.records {
        if let Some(c) = counts.iter_mut().find(|(o, _)| *o == r.object) {
            c.1 += 1;
        }
    }
    html! {
        <label>{ "Object " }
            <select {onchange} aria-label="Object">
                { for counts.iter().map(|(o, n)| html! {
                    <option value={o.key()} selected={props.state.object == *o}>{ format!("{} ({})", ix.object_label(*o), n) }</option>
                }) }
            </select>
        </label>
    }
}

/// 1509470 as "1,509,470".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Filters above the matrix and the "what changed" count.
#[function_component(Filters)]
fn filters(props: &Props) -> Html {
    let s = &props.state;
    let d = &props.dispatch;
    let kind = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            d.emit(Action::SetUsers(match el.value().as_str() {
                "internal" => UserFilter::Internal,
                "external" => UserFilter::External,
                _ => UserFilter::All,
            }));
        })
    };
    let text = |make: fn(String) -> Action| {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            d.emit(make(el.value()));
        })
    };
    let n = s.changes.len();
    let jump = |step: i64| {
        let d = d.clone();
        Callback::from(move |_| d.emit(Action::JumpChange(step)))
    };
    let only = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            d.emit(Action::SetChangedOnly(el.checked()));
        })
    };
    html! {
        <div class="filters">
            <ObjectPicker state={s.clone()} dispatch={d.clone()} />
            <label>{ "Users " }
                <select onchange={kind} aria-label="User kind">
                    <option value="all" selected={s.users == UserFilter::All}>{ "All" }</option>
                    <option value="internal" selected={s.users == UserFilter::Internal}>{ "Internal" }</option>
                    <option value="external" selected={s.users == UserFilter::External}>{ "External" }</option>
                </select>
            </label>
            <input type="search" placeholder="Filter records" value={s.record_text.clone()} oninput={text(Action::SetRecordText)} aria-label="Filter records" />
            <input type="search" placeholder="Filter users" value={s.user_text.clone()} oninput={text(Action::SetUserText)} aria-label="Filter users" />
            if n > 0 {
                <span class="changes" role="group" aria-label="Changed cells" aria-live="polite">
                    <button class="changed-count" onclick={jump(0)} title="Jump to the first changed cell">
                        { format!("{} {} changed", thousands(n), if n == 1 { "cell" } else { "cells" }) }
                    </button>
                    <button class="small" onclick={jump(-1)} aria-label="Previous changed cell" title="Previous changed cell">{ "‹" }</button>
                    <button class="small" onclick={jump(1)} aria-label="Next changed cell" title="Next changed cell">{ "›" }</button>
                    <label class="check"><input type="checkbox" checked={s.changed_only} onchange={only} />{ "Only changed" }</label>
                </span>
            }
        </div>
    }
}

/// Mount the app on `#app` (or the body when the page has no such element).
pub fn start() {
    autosave::install_crash_guard();
    autosave::flush_when_hidden();
    let document = gloo::utils::document();
    match document.get_element_by_id("app") {
        Some(root) => {
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}
