//! The role hierarchy as a display tree (roles depth-first with their users), and the role
//! paths an explanation's role-hierarchy reasons walk: from the manager's role down to the role
//! of the subordinate whose access they inherit. Everything is iterative: chains can be 100,000
//! roles deep.

use super::evaluate::Evaluator;
use super::index::{Index, RecordIx, RoleIx, UserIx};
use super::level::Access;
use super::reason::Reason;

/// One role in tree order.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleNode {
    pub role: RoleIx,
    /// 0 for a top role.
    pub depth: usize,
    /// Users holding this role, in scenario order.
    pub users: Vec<UserIx>,
}

/// Depth-first pre-order of a forest given as parent pointers: (node, depth) pairs, children in
/// index order. A node whose parent chain never reaches a root (a cycle, which validation
/// rejects) is still listed once, as a root, so nothing is lost.
pub fn preorder(parents: &[Option<usize>]) -> Vec<(usize, usize)> {
    let n = parents.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, p) in parents.iter().enumerate() {
        match p {
            Some(p) if *p < n && *p != i => children[*p].push(i),
            _ => roots.push(i),
        }
    }
    let mut out = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut next_root = 0;
    loop {
        if stack.is_empty() {
            // The listed roots first, then anything a cycle kept unreachable.
            let root = if next_root < roots.len() {
                next_root += 1;
                Some(roots[next_root - 1])
            } else {
                seen.iter().position(|s| !s)
            };
            match root {
                Some(r) if !seen[r] => stack.push((r, 0)),
                Some(_) => continue,
                None => break,
            }
        }
        let Some((node, depth)) = stack.pop() else {
            continue;
        };
        if seen[node] {
            continue;
        }
        seen[node] = true;
        out.push((node, depth));
        for c in children[node].iter().rev() {
            if !seen[*c] {
                stack.push((*c, depth + 1));
            }
        }
    }
    out
}

/// Every role of the scenario (portal roles included) in tree order, with its users.
pub fn role_tree(ix: &Index) -> Vec<RoleNode> {
    let parents: Vec<Option<usize>> = ix.roles.iter().map(|r| r.parent.map(RoleIx::ix)).collect();
    let mut users: Vec<Vec<UserIx>> = vec![Vec::new(); ix.roles.len()];
    for u in ix.user_ixs() {
        if let Some(r) = ix.user(u).role {
            users[r.ix()].push(u);
        }
    }
    preorder(&parents)
        .into_iter()
        .map(|(r, depth)| RoleNode {
            role: RoleIx(r as u32),
            depth,
            users: std::mem::take(&mut users[r]),
        })
        .collect()
}

/// The roles from `top` down to `bottom` (both included), walking parent links up from
/// `bottom`; None when `top` is not above or at `bottom`.
pub fn path_down(ix: &Index, top: RoleIx, bottom: RoleIx) -> Option<Vec<RoleIx>> {
    let mut path = vec![bottom];
    let mut at = bottom;
    // Parent links are acyclic after validation; the bound keeps a bad index from looping.
    for _ in 0..ix.roles.len() {
        if at == top {
            path.reverse();
            return Some(path);
        }
        at = ix.role(at).parent?;
        path.push(at);
    }
    None
}

/// The role paths (manager's role first) behind the role-hierarchy reasons that grant `user`
/// access to `record`, one per distinct path, in reason order.
pub fn explanation_paths(ix: &Index, user: UserIx, record: RecordIx) -> Vec<Vec<RoleIx>> {
    let decision = Evaluator::new(ix).decide(user, record);
    let mut paths: Vec<Vec<RoleIx>> = Vec::new();
    for g in decision.grants.iter().filter(|g| g.level > Access::None) {
        if let Reason::RoleHierarchy {
            manager_role,
            subordinate,
            ..
        } = &g.reason
        {
            let Some(sub_role) = ix.user(*subordinate).role else {
                continue;
            };
            if let Some(p) = path_down(ix, *manager_role, sub_role) {
                if !paths.contains(&p) {
                    paths.push(p);
                }
            }
        }
    }
    paths
}

/// The ids of every role on those paths, in tree order of first appearance.
pub fn explanation_role_ids(ix: &Index, user: UserIx, record: RecordIx) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for p in explanation_paths(ix, user, record) {
        for r in p {
            let id = &ix.role(r).id;
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preset() -> Index {
        crate::engine::load(include_str!("../../www/scenarios/role-hierarchy.json")).unwrap()
    }

    fn ids(ix: &Index, paths: &[Vec<RoleIx>]) -> Vec<Vec<String>> {
        paths
            .iter()
            .map(|p| p.iter().map(|r| ix.role(*r).id.clone()).collect())
            .collect()
    }

    fn paths(ix: &Index, user: &str, record: &str) -> Vec<Vec<String>> {
        let (u, r) = (ix.find_user(user).unwrap(), ix.find_record(record).unwrap());
        ids(ix, &explanation_paths(ix, u, r))
    }

    // Expected paths from tests/expected/role-hierarchy.txt's notes: Victor (VP Sales) edits
    // case_login because Nina (Sales Rep) has a manual Read/Write share, and reads it because
    // Rita and Nina (Sales Rep) are in the Sales Team the owner rule shares with. Both walk
    // VP Sales > Sales Rep.
    #[test]
    fn victor_inherits_through_sales_rep() {
        let ix = preset();
        assert_eq!(
            paths(&ix, "victor", "case_login"),
            vec![vec!["r_vp_sales", "r_sales_rep"]]
        );
    }

    // Tom (Support Manager) is above Sam (Support Agent), who owns case_login.
    #[test]
    fn manager_above_owner() {
        let ix = preset();
        assert_eq!(
            paths(&ix, "tom", "case_login"),
            vec![vec!["r_support_mgr", "r_agent"]]
        );
        let (u, r) = (
            ix.find_user("olivia").unwrap(),
            ix.find_record("case_login").unwrap(),
        );
        // Olivia (CEO) is above the owner and above the sales reps the case is shared with:
        // every role of both branches is on a path.
        let mut all = explanation_role_ids(&ix, u, r);
        all.sort();
        assert_eq!(
            all,
            vec![
                "r_agent",
                "r_ceo",
                "r_sales_rep",
                "r_support_mgr",
                "r_vp_sales",
                "r_vp_support"
            ]
        );
    }

    // Maria reads case_refund only because Sam (Support Agent) is on its case team; Lee's queue
    // membership is not lifted (the Billing Queue does not grant access using hierarchies).
    #[test]
    fn queue_without_hierarchies_gives_no_path() {
        let ix = preset();
        assert_eq!(
            paths(&ix, "maria", "case_refund"),
            vec![vec!["r_vp_support", "r_support_mgr", "r_agent"]]
        );
        // Lee owns case_outage himself: no hierarchy path. Sam has no access to case_password.
        assert!(paths(&ix, "lee", "case_outage").is_empty());
        assert!(paths(&ix, "sam", "case_password").is_empty());
    }

    #[test]
    fn tree_lists_roles_depth_first_with_users() {
        let ix = preset();
        let tree = role_tree(&ix);
        let shown: Vec<(String, usize, usize)> = tree
            .iter()
            .map(|n| (ix.role(n.role).id.clone(), n.depth, n.users.len()))
            .collect();
        let want = [
            ("r_ceo", 0, 1),
            ("r_vp_support", 1, 1),
            ("r_support_mgr", 2, 1),
            ("r_agent", 3, 2),
            ("r_vp_sales", 1, 1),
            ("r_sales_rep", 2, 2),
        ];
        let want: Vec<(String, usize, usize)> = want
            .iter()
            .map(|(a, b, c)| (a.to_string(), *b, *c))
            .collect();
        assert_eq!(shown, want);
    }

    #[test]
    fn a_chain_100000_deep_does_not_recurse() {
        let n: usize = 100_000;
        let parents: Vec<Option<usize>> = (0..n).map(|i| i.checked_sub(1)).collect();
        let order = preorder(&parents);
        assert_eq!(order.len(), n);
        assert_eq!(order[n - 1], (n - 1, n - 1));
        // A cycle (rejected by validation) still lists every node once.
        let cyc = preorder(&[Some(1), Some(0), None]);
        let mut nodes: Vec<usize> = cyc.iter().map(|(i, _)| *i).collect();
        nodes.sort();
        assert_eq!(nodes, vec![0, 1, 2]);
    }
}
