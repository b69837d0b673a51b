//! The explanation panel: for the picked cell, the engine's reasons strongest first and the
//! limits that lowered or blocked access.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::{self, Index};

#[derive(Properties, Clone)]
pub struct Props {
    pub index: Rc<Index>,
    pub pick: super::Pick,
}

impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.index, &other.index) && self.pick == other.pick
    }
}

#[function_component(ExplainPanel)]
pub fn explain_panel(props: &Props) -> Html {
    let ix = &props.index;
    let found = props
        .pick
        .as_ref()
        .and_then(|(u, r)| Some((ix.find_user(u)?, ix.find_record(r)?)));
    let Some((u, r)) = found else {
        return html! {
            <aside class="panel explain" aria-live="polite">
                <h2>{ "Why?" }</h2>
                <p class="hint">{ "Click any cell to see who grants that access, or why there is none." }</p>
            </aside>
        };
    };
    let e = engine::explain(ix, u, r);
    html! {
        <aside class="panel explain" aria-live="polite">
            <h2>{ format!("{} on {}", e.user_name, e.record_name) }</h2>
            <p class={classes!("verdict", e.level.key())}>
                <span class={classes!("cell", e.level.key())}>{ e.level.letter() }</span>
                { format!(" {}", e.level.label()) }
            </p>
            if !e.reasons.is_empty() {
                <h3>{ "Granted by" }</h3>
                <ol class="reasons">
                    { for e.reasons.iter().map(|g| html! {
                        <li>
                            <span class="mechanism">{ g.mechanism_label.clone() }</span>
                            <span class={classes!("badge", g.level.key())}>{ g.level.label() }</span>
                            <p>{ g.text.clone() }</p>
                        </li>
                    }) }
                </ol>
            }
            if !e.limits.is_empty() {
                <h3>{ if e.reasons.is_empty() { "Why not" } else { "Limited by" } }</h3>
                <ul class="limits">
                    { for e.limits.iter().map(|l| html! { <li>{ l.clone() }</li> }) }
                </ul>
            }
        </aside>
    }
}
