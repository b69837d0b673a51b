//! User sets as bit vectors and access rows as threshold planes: the domain-free kernel of the
//! set-based engine. A set holds one bit per user, 64 a word; a row is three planes ("at least
//! Read / Edit / Full"), so the most permissive of several grants is OR and a cap is AND.

use std::rc::Rc;

use super::level::Access;

/// A set of users, one bit each (bit `u % 64` of word `u / 64`), shared between the caches
/// that hand it out.
pub type UserBits = Rc<Vec<u64>>;

/// Words in a set over `users` users (at least one, so an empty scenario still has rows).
pub fn words_for(users: usize) -> usize {
    users.div_ceil(64).max(1)
}

pub fn or_into(dst: &mut [u64], src: &[u64]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d |= s;
    }
}

pub fn insert(bits: &mut [u64], i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

pub fn contains(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
}

/// The members of a set, in increasing order.
pub fn members(bits: &[u64]) -> impl Iterator<Item = usize> + '_ {
    bits.iter().enumerate().flat_map(|(w, word)| {
        let mut rest = *word;
        std::iter::from_fn(move || {
            (rest != 0).then(|| {
                let i = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                w * 64 + i
            })
        })
    })
}

/// One row as threshold planes: `at_least[k]` holds the users whose level is above `ALL[k]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planes {
    pub at_least: [Vec<u64>; 3],
}

impl Planes {
    pub fn empty(words: usize) -> Self {
        Planes {
            at_least: [vec![0; words], vec![0; words], vec![0; words]],
        }
    }

    /// Raise user `i` to at least `level`.
    pub fn raise_one(&mut self, i: usize, level: Access) {
        for plane in &mut self.at_least[..level as usize] {
            insert(plane, i);
        }
    }

    /// Raise every user of `users` to at least `level`.
    pub fn raise_set(&mut self, users: &[u64], level: Access) {
        for plane in &mut self.at_least[..level as usize] {
            or_into(plane, users);
        }
    }

    /// The users whose level is at least `level` (not None).
    pub fn at_least(&self, level: Access) -> &[u64] {
        &self.at_least[level as usize - 1]
    }

    pub fn max_with(&mut self, other: &Planes) {
        for (a, b) in self.at_least.iter_mut().zip(&other.at_least) {
            or_into(a, b);
        }
    }

    pub fn min_with(&mut self, other: &Planes) {
        for (a, b) in self.at_least.iter_mut().zip(&other.at_least) {
            for (x, y) in a.iter_mut().zip(b) {
                *x &= y;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_lists_every_bit_once_in_order() {
        let mut b = vec![0u64; 3];
        for i in [0, 5, 63, 64, 130] {
            insert(&mut b, i);
        }
        assert_eq!(members(&b).collect::<Vec<_>>(), vec![0, 5, 63, 64, 130]);
        assert!(contains(&b, 63) && !contains(&b, 62) && !contains(&b, 1000));
    }

    #[test]
    fn planes_take_the_highest_level_and_cap_it() {
        let mut row = Planes::empty(1);
        row.raise_one(3, Access::Read);
        row.raise_one(3, Access::Full);
        row.raise_one(4, Access::Edit);
        let mut cap = Planes::empty(1);
        cap.raise_set(&[u64::MAX], Access::Edit);
        row.min_with(&cap);
        assert!(
            contains(row.at_least(Access::Edit), 3) && !contains(row.at_least(Access::Full), 3)
        );
        assert!(contains(row.at_least(Access::Edit), 4));
        assert!(!contains(row.at_least(Access::Read), 5));
    }
}
