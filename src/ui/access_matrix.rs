//! The access matrix: records of one object in rows, users in columns, one cell per pair with a
//! colour and a letter (never colour alone). Clicking a cell asks the explain panel about it.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::{self, Index, ObjectKind};

#[derive(Properties, Clone)]
pub struct Props {
    pub index: Rc<Index>,
    pub object: ObjectKind,
    pub selected: super::Pick,
    pub on_pick: Callback<(String, String)>,
}

impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.index, &other.index)
            && self.object == other.object
            && self.selected == other.selected
    }
}

#[function_component(AccessMatrix)]
pub fn access_matrix(props: &Props) -> Html {
    let ix = &props.index;
    let m = engine::matrix(ix, Some(props.object));
    if m.records.is_empty() {
        return html! { <p class="empty">{ format!("This scenario has no {} records.", props.object.key()) }</p> };
    }
    html! {
        <>
        <div class="matrix-scroll">
            <table class="matrix" role="grid" aria-label={format!("Who can access each {}", props.object.key())}>
                <thead>
                    <tr role="row">
                        <th class="corner" role="columnheader">{ props.object.label() }</th>
                        { for m.users.iter().map(|u| {
                            let user = ix.user(*u);
                            let class = classes!("user", (!user.active).then_some("inactive"));
                            let title = if user.active { user.name.clone() } else { format!("{} (inactive)", user.name) };
                            html! { <th class={class} role="columnheader" scope="col" title={title}><span>{ user.name.clone() }</span></th> }
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for m.records.iter().enumerate().map(|(row, r)| {
                        let rec = ix.record(*r);
                        html! {
                            <tr role="row">
                                <th role="rowheader" scope="row">{ rec.name.clone() }</th>
                                { for m.users.iter().enumerate().map(|(col, u)| {
                                    let level = m.get(row, col);
                                    let (uid, rid) = (ix.user(*u).id.clone(), rec.id.clone());
                                    let selected = props.selected.as_ref() == Some(&(uid.clone(), rid.clone()));
                                    let onclick = {
                                        let on_pick = props.on_pick.clone();
                                        let pick = (uid.clone(), rid.clone());
                                        Callback::from(move |_| on_pick.emit(pick.clone()))
                                    };
                                    let label = format!("{}: {} on {}", level.label(), ix.user(*u).name, rec.name);
                                    html! {
                                        <td role="gridcell" aria-selected={selected.to_string()}>
                                            <button class={classes!("cell", level.key(), selected.then_some("selected"))}
                                                data-user={uid} data-record={rid}
                                                aria-label={label.clone()} title={label} onclick={onclick}>
                                                { level.letter() }
                                            </button>
                                        </td>
                                    }
                                }) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
            <p class="legend">
                <span class="cell full">{"F"}</span>{" Full "}
                <span class="cell edit">{"E"}</span>{" Edit "}
                <span class="cell read">{"R"}</span>{" Read "}
                <span class="cell none">{"-"}</span>{" No access"}
            </p>
        </>
    }
}
