//! The role hierarchy as an indented tree of roles with their users, collapsible, shown only
//! where the scenario has roles. The roles on the path the picked cell's explanation uses (the
//! manager's role down to the subordinate's) are highlighted; the engine finds that path.

use std::collections::HashSet;
use std::rc::Rc;

use yew::prelude::*;

use super::state::{Action, AppState};
use crate::engine::role_tree;

/// Deep or wide hierarchies list this many roles (plus every role on the path).
const SHOWN: usize = 400;
/// Indentation stops growing here, so a 100,000-deep chain stays on screen.
const MAX_INDENT: usize = 12;

#[derive(Properties, Clone, PartialEq)]
pub struct Props {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
}

#[function_component(RoleTreePanel)]
pub fn role_tree_panel(props: &Props) -> Html {
    let s = &props.state;
    let ix_guard = s.ix();
    let ix = &*ix_guard;
    // Opened by the user or by a path to show; once open it stays open until closed by hand.
    let user_open = use_state(|| false);
    let ontoggle = {
        let user_open = user_open.clone();
        Callback::from(move |e: Event| {
            let open = super::details_open(&e);
            if open != *user_open {
                user_open.set(open);
            }
        })
    };
    let on_path: HashSet<String> = s
        .selected
        .as_ref()
        .and_then(|(u, r)| Some((ix.find_user(u)?, ix.find_record(r)?)))
        .map(|(u, r)| role_tree::explanation_role_ids(ix, u, r))
        .unwrap_or_default()
        .into_iter()
        .collect();
    let tree = role_tree::role_tree(ix);
    let total = tree.len();
    let shown: Vec<_> = tree
        .into_iter()
        .enumerate()
        .filter(|(i, n)| *i < SHOWN || on_path.contains(&ix.role(n.role).id))
        .map(|(_, n)| n)
        .collect();
    let hidden = total - shown.len();
    html! {
        <details class="panel role-tree" open={*user_open || !on_path.is_empty()} {ontoggle}>
            <summary>
                <h2>{ format!("Role hierarchy ({total} roles)") }</h2>
                if !on_path.is_empty() {
                    <span class="path-note">{ "The highlighted roles are the path the explanation uses." }</span>
                }
            </summary>
            <ul class="role-list">
                { for shown.iter().map(|n| {
                    let role = ix.role(n.role);
                    let hit = on_path.contains(&role.id);
                    html! {
                        <li class={classes!("role-node", hit.then_some("on-path"))} data-role={role.id.clone()}
                            style={format!("padding-left:{}rem", n.depth.min(MAX_INDENT) as f64 * 1.1 + 0.4)}>
                            if n.depth > MAX_INDENT { <span class="depth">{ format!("level {} ", n.depth) }</span> }
                            <span class="role-name">{ role.name.clone() }</span>
                            if hit { <span class="path-mark">{ " on the path" }</span> }
                            <span class="role-users">
                                { for n.users.iter().map(|u| {
                                    let user = ix.user(*u);
                                    html! { <span class="chip">{ user.name.clone() }</span> }
                                }) }
                            </span>
                        </li>
                    }
                }) }
            </ul>
            if hidden > 0 {
                <p class="hint">{ format!("{hidden} more roles are not listed.") }</p>
            }
        </details>
    }
}
