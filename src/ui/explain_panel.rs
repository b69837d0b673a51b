//! The explanation panel: for the picked cell, the engine's reasons strongest first and the
//! limits that lowered or blocked access; for a picked user ("view as"), the records they can
//! see and at what level, as the portal or app would list them.

use std::rc::Rc;

use yew::prelude::*;

use super::state::{Action, AppState};
use crate::engine::{self, queries};

#[derive(Properties, Clone, PartialEq)]
pub struct Props {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
}

#[function_component(ExplainPanel)]
pub fn explain_panel(props: &Props) -> Html {
    let s = &props.state;
    let ix = s.ix();
    if let Some(uid) = &s.view_as {
        if let Some(u) = ix.find_user(uid) {
            return view_as(props, u);
        }
    }
    if let Some(rid) = &s.inspect {
        if let Some(r) = ix.find_record(rid) {
            return who_can_access(props, r);
        }
    }
    let found = s
        .selected
        .as_ref()
        .and_then(|(u, r)| Some((ix.find_user(u)?, ix.find_record(r)?)));
    let Some((u, r)) = found else {
        return html! {
            <aside class="panel explain" aria-live="polite" aria-label="Explanation">
                <h2>{ "Why?" }</h2>
                <p class="hint">{ "Click a record's name to see who can read or edit it. Click any cell (or move with the arrow keys and press Enter) to see why that user has that access, or why not. Click a user's name to view the app as that user." }</p>
            </aside>
        };
    };
    let e = engine::explain(ix, u, r);
    let change = s.change_for(&e.user, &e.record);
    html! {
        <aside class="panel explain" aria-live="polite" aria-label="Explanation">
            <h2>{ format!("{} on {}", e.user_name, e.record_name) }</h2>
            <p class={classes!("verdict", e.level.key())}>
                <span class={classes!("cell", e.level.key())}>{ e.level.letter() }</span>
                { format!(" {}", e.level.label()) }
                if let Some(c) = change {
                    <span class="was-note">{ format!(" (was {} before the last edit)", c.before.label()) }</span>
                }
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

fn who_can_access(props: &Props, r: engine::index::RecordIx) -> Html {
    let ix = props.state.ix();
    let rec = ix.record(r);
    let loaded = &props.state.loaded;
    let holders =
        queries::who_can_access_by(ix, r, engine::Access::Read, |u, r| loaded.level(u, r));
    let close = {
        let d = props.dispatch.clone();
        Callback::from(move |_| d.emit(Action::Inspect(None)))
    };
    html! {
        <aside class="panel explain who-can" aria-live="polite" aria-label="Who can access">
            <h2>{ format!("Who can access {}", rec.name) }</h2>
            <p class="hint">{ "Click a name for the reasons. " }<button class="link" onclick={close}>{ "Close" }</button></p>
            if holders.is_empty() {
                <p class="empty">{ "Nobody can open this record." }</p>
            }
            { for [engine::Access::Full, engine::Access::Edit, engine::Access::Read].iter().map(|level| {
                let at: Vec<_> = holders.iter().filter(|h| h.access == *level).collect();
                if at.is_empty() { return html! {}; }
                html! {
                    <>
                        <h3>{ format!("{} ({})", if *level == engine::Access::Read { "Can read" } else if *level == engine::Access::Edit { "Can edit" } else { "Full access" }, at.len()) }</h3>
                        <ul class="view-list">
                            { for at.iter().map(|h| {
                                let onclick = {
                                    let (d, uid, rid) = (props.dispatch.clone(), h.id.clone(), rec.id.clone());
                                    Callback::from(move |_| d.emit(Action::Select(uid.clone(), rid.clone())))
                                };
                                html! {
                                    <li>
                                        <button class="link" onclick={onclick}>{ h.name.clone() }</button>
                                        <span class={classes!("badge", h.access.key())}>{ h.access.label() }</span>
                                    </li>
                                }
                            }) }
                        </ul>
                    </>
                }
            }) }
        </aside>
    }
}

fn view_as(props: &Props, u: engine::index::UserIx) -> Html {
    let s = &props.state;
    let ix = s.ix();
    let user = ix.user(u);
    let seen = queries::visible_to_by(ix, u, Some(s.object), |u, r| s.loaded.level(u, r));
    let close = {
        let d = props.dispatch.clone();
        Callback::from(move |_| d.emit(Action::ViewAs(None)))
    };
    html! {
        <aside class="panel explain view-as" aria-live="polite" aria-label="View as user">
            <h2>{ format!("Viewing as {}", user.name) }</h2>
            <p class="hint">
                { format!("The {} records {} can open, as their app or portal would list them.",
                    s.object.label(), user.name) }
                { " " }<button class="link" onclick={close}>{ "Close" }</button>
            </p>
            if seen.is_empty() {
                <p class="empty">{ format!("{} sees no {} records.", user.name, s.object.key().replace('_', " ")) }</p>
            } else {
                <ul class="view-list">
                    { for seen.iter().map(|v| {
                        let onclick = {
                            let (d, uid, rid) = (props.dispatch.clone(), user.id.clone(), v.id.clone());
                            Callback::from(move |_| d.emit(Action::Select(uid.clone(), rid.clone())))
                        };
                        html! {
                            <li>
                                <button class="link" onclick={onclick}>{ v.name.clone() }</button>
                                <span class={classes!("badge", v.access.key())}>{ v.access.label() }</span>
                            </li>
                        }
                    }) }
                </ul>
            }
        </aside>
    }
}
