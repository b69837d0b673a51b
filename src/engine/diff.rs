//! What changed between two versions of a scenario: the cells whose level differs, matched by
//! user and record id, compared word by word when both versions have the same users and
//! records in the same order.

use super::fast::matrix;
use super::index::{Index, RecordIx, UserIx};
use super::level::Access;
use super::packed::{CellChange, FastMatrix};

/// Same users and same records, in the same order: row and column positions still match.
pub fn same_shape(before: &Index, after: &Index) -> bool {
    before
        .users
        .iter()
        .map(|u| &u.id)
        .eq(after.users.iter().map(|u| &u.id))
        && before
            .records
            .iter()
            .map(|r| &r.id)
            .eq(after.records.iter().map(|r| &r.id))
}

/// Every (user, record) cell whose level differs between two versions of a scenario, matched
/// by id; a user or record present on one side only counts as None on the other.
pub fn diff(before: &Index, after: &Index) -> Vec<CellChange> {
    let (bm, am) = (matrix(before), matrix(after));
    changes_between(before, &bm, after, &am, usize::MAX).1
}

/// The cells whose level differs between two versions (matched by user and record id; a user
/// or record missing on one side counts as None there): how many, and the first `limit`, in
/// the order of `after`'s records and users, then the ones only `before` has.
pub fn changes_between(
    before: &Index,
    bm: &FastMatrix,
    after: &Index,
    am: &FastMatrix,
    limit: usize,
) -> (usize, Vec<CellChange>) {
    if same_shape(before, after) {
        return am.changes_since(bm, after, limit);
    }
    let mut users: Vec<(&str, Option<UserIx>, Option<UserIx>)> = after
        .users
        .iter()
        .enumerate()
        .map(|(i, u)| {
            (
                u.id.as_str(),
                before.find_user(&u.id),
                Some(UserIx(i as u32)),
            )
        })
        .collect();
    users.extend(before.users.iter().enumerate().filter_map(|(i, u)| {
        after
            .find_user(&u.id)
            .is_none()
            .then_some((u.id.as_str(), Some(UserIx(i as u32)), None))
    }));
    let mut records: Vec<(&str, Option<RecordIx>, Option<RecordIx>)> = after
        .records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                r.id.as_str(),
                before.find_record(&r.id),
                Some(RecordIx(i as u32)),
            )
        })
        .collect();
    records.extend(before.records.iter().enumerate().filter_map(|(i, r)| {
        after.find_record(&r.id).is_none().then_some((
            r.id.as_str(),
            Some(RecordIx(i as u32)),
            None,
        ))
    }));
    let level = |m: &FastMatrix, u: Option<UserIx>, r: Option<RecordIx>| match (u, r) {
        (Some(u), Some(r)) => m.get(u, r),
        _ => Access::None,
    };
    let (mut count, mut listed) = (0, Vec::new());
    for (rid, rb, ra) in &records {
        for (uid, ub, ua) in &users {
            let (b, a) = (level(bm, *ub, *rb), level(am, *ua, *ra));
            if a != b {
                count += 1;
                if listed.len() < limit {
                    listed.push(CellChange {
                        user: uid.to_string(),
                        record: rid.to_string(),
                        before: b,
                        after: a,
                    });
                }
            }
        }
    }
    (count, listed)
}
