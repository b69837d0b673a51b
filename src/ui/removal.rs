//! A refused removal, and the way out: "Ken Adams owns 4 cases and 1 asset: reassign them to
//! [picker], remove them too, or cancel". What refers to the entity comes from the engine
//! (`engine::references`); either way out is one whole-scenario edit, so one undo step.

use std::rc::Rc;

use yew::prelude::*;

use super::builders::{options, picker, select_value};
use super::state::{Action, AppState};
use crate::engine::edits::{plain_message, Collection, Edit};
use crate::engine::references::{
    describe, reassign, removal_effects, remove_with_references, Reference,
};

#[derive(Clone, PartialEq)]
pub struct Removing {
    pub spec: usize,
    pub id: String,
    pub label: String,
    pub refs: Rc<Vec<Reference>>,
    /// Refused edits before the panel opened: their problems are not this panel's.
    pub refusals: u64,
}

#[derive(Properties, Clone, PartialEq)]
pub struct Props {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
    pub removing: Removing,
    pub collection: Collection,
    pub on_close: Callback<()>,
}

#[function_component(Removal)]
pub fn removal(props: &Props) -> Html {
    let to = use_state(String::new);
    let r = &props.removing;
    let doc = super::editor::doc(&props.state);
    let others: Vec<(String, String)> = options(&doc, &[props.collection])
        .into_iter()
        .filter(|(id, _)| *id != r.id)
        .collect();
    let (removed, updated) = removal_effects(&r.refs);
    let plural = |n: usize| if n == 1 { "entry" } else { "entries" };
    let cascade = match (removed, updated) {
        (0, u) => format!("Remove and unlink {u} {}", plural(u)),
        (n, 0) => format!("Remove them too ({n} {})", plural(n)),
        (n, u) => format!("Remove them too ({n} {}; {u} more unlinked)", plural(n)),
    };
    let on_pick = {
        let to = to.clone();
        Callback::from(move |e: Event| to.set(select_value(&e)))
    };
    let do_reassign = {
        let (d, to, state, id, c) = (
            props.dispatch.clone(),
            to.clone(),
            props.state.clone(),
            r.id.clone(),
            props.collection,
        );
        Callback::from(move |_| {
            if to.is_empty() {
                return;
            }
            let scenario = reassign(&state.ix().scenario, c, &id, &to);
            d.emit(Action::Edit(Edit::Replace { scenario }));
        })
    };
    let do_cascade = {
        let (d, state, id, c) = (
            props.dispatch.clone(),
            props.state.clone(),
            r.id.clone(),
            props.collection,
        );
        Callback::from(move |_| {
            let scenario = remove_with_references(&state.ix().scenario, c, &id);
            d.emit(Action::Edit(Edit::Replace { scenario }));
        })
    };
    let cancel = {
        let c = props.on_close.clone();
        Callback::from(move |_| c.emit(()))
    };
    let fresh = props.state.refusals > r.refusals;
    let refused: Vec<String> = props
        .state
        .edit_problems
        .iter()
        .filter(|_| fresh)
        .map(|p| plain_message(&p.path, &p.message))
        .collect();
    html! {
        <div class="removal" role="alertdialog" aria-label={format!("Remove {}", r.label)}>
            <p class="removal-why">{ format!("{} {}.", r.label, describe(&r.refs)) }</p>
            <div class="removal-ways">
                <span class="way">
                    { "Reassign them to " }
                    { picker(&others, &to, false, on_pick, "Reassign to") }
                    <button type="button" class="small primary" disabled={to.is_empty()} onclick={do_reassign}>{ "Reassign and remove" }</button>
                </span>
                <button type="button" class="small danger" onclick={do_cascade}>{ cascade }</button>
                <button type="button" class="small" onclick={cancel}>{ "Cancel" }</button>
            </div>
            { for refused.iter().map(|m| html! { <p class="field-error" role="alert">{ m.clone() }</p> }) }
        </div>
    }
}
