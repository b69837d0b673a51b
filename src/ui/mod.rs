//! The Yew app (wasm32 only). For now a single screen: pick a preset, see its access matrix,
//! click a cell to read the engine's explanation. All access logic comes from `engine`.

mod access_matrix;
mod explain_panel;

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::{self, Index, ObjectKind};
use crate::presets::{self, PRESETS};
use access_matrix::AccessMatrix;
use explain_panel::ExplainPanel;

/// A cell the user picked: (user id, record id).
pub type Pick = Option<(String, String)>;

#[function_component(App)]
pub fn app() -> Html {
    let preset = use_state(|| presets::DEFAULT_PRESET.to_string());
    let object = use_state(|| ObjectKind::Case);
    let pick = use_state(|| None::<(String, String)>);
    let loaded: Rc<Result<Index, String>> = use_memo((*preset).clone(), |key| {
        let json = presets::find(key).map(|p| p.json).unwrap_or("");
        engine::load(json).map_err(|e| e.to_string())
    });

    let on_preset = {
        let (preset, pick) = (preset.clone(), pick.clone());
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            preset.set(el.value());
            pick.set(None);
        })
    };
    let on_object = {
        let (object, pick) = (object.clone(), pick.clone());
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(o) = ObjectKind::parse(&el.value()) {
                object.set(o);
                pick.set(None);
            }
        })
    };
    let on_pick = {
        let pick = pick.clone();
        Callback::from(move |p: (String, String)| pick.set(Some(p)))
    };

    let body = match &*loaded {
        Err(e) => {
            html! { <p class="error" role="alert">{ format!("This scenario is invalid: {e}") }</p> }
        }
        Ok(ix) => {
            let ix = Rc::new(ix.clone());
            html! {
                <div class="workspace">
                    <section class="panel matrix-panel" aria-label="Access matrix">
                        <p class="scenario-description">{ ix.scenario.description.clone() }</p>
                        <AccessMatrix index={ix.clone()} object={*object} selected={(*pick).clone()} on_pick={on_pick} />
                    </section>
                    <ExplainPanel index={ix} pick={(*pick).clone()} />
                </div>
            }
        }
    };

    html! {
        <>
            <header class="topbar">
                <h1>{ "Access Simulator" }</h1>
                <label>{ "Scenario " }
                    <select onchange={on_preset} aria-label="Scenario">
                        { for PRESETS.iter().map(|p| {
                            let title = engine::parse(p.json).map(|s| s.name).unwrap_or_else(|_| p.key.to_string());
                            html! { <option value={p.key} selected={*preset == p.key}>{ title }</option> }
                        }) }
                    </select>
                </label>
                <label>{ "Object " }
                    <select onchange={on_object} aria-label="Object">
                        { for ObjectKind::ALL.iter().map(|o| html! {
                            <option value={o.key()} selected={*object == *o}>{ o.label() }</option>
                        }) }
                    </select>
                </label>
            </header>
            <main>{ body }</main>
        </>
    }
}

/// Mount the app on `#app` (or the body when the page has no such element).
pub fn start() {
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
