//! Working buffers for one message, lent from a small per-thread pool of emptied buffers and given
//! back when dropped, so that classifying a message does not allocate its per-word vectors afresh
//! each time (the allocator's cost, not the copying, dominates for messages of a few dozen words).
//!
//! A pure speed device: a buffer is always handed out empty, so nothing of one message can reach
//! the next, and a buffer grown past [`KEEP`] elements is freed rather than kept, so memory cannot
//! grow with the mail read.

use std::cell::RefCell;
use std::ops::{Deref, DerefMut};
use std::thread::LocalKey;

use super::lexicon::{Concepts, WordInfo};
use super::text::Token;

/// Buffers of more elements than this are not kept.
pub const KEEP: usize = 4096;

/// Emptied buffers kept per element type and thread (a message uses at most two of a type at once).
const POOLED: usize = 4;

/// An element type with a pool of its own.
pub trait Pooled: Sized + 'static {
    fn pool() -> &'static LocalKey<RefCell<Vec<Vec<Self>>>>;
}

macro_rules! pooled {
    ($($name:ident: $t:ty),* $(,)?) => {
        $(
            thread_local! {
                static $name: RefCell<Vec<Vec<$t>>> = const { RefCell::new(Vec::new()) };
            }
            impl Pooled for $t {
                fn pool() -> &'static LocalKey<RefCell<Vec<Vec<$t>>>> {
                    &$name
                }
            }
        )*
    };
}

pooled! {
    TOKENS: Token,
    CONCEPTS: Concepts,
    USIZES: usize,
    U32S: u32,
    NUMBERS: Option<u32>,
    INFOS: Option<&'static WordInfo>,
}

/// An empty vector with room for `capacity` elements, on loan from the pool.
pub fn vec<T: Pooled>(capacity: usize) -> Scratch<T> {
    let mut vec = T::pool()
        .try_with(|p| p.try_borrow_mut().ok().and_then(|mut p| p.pop()))
        .ok()
        .flatten()
        .unwrap_or_default();
    vec.clear();
    vec.reserve(capacity);
    Scratch { vec }
}

/// A vector on loan from its pool; derefs to the `Vec`, and goes back when dropped.
pub struct Scratch<T: Pooled> {
    vec: Vec<T>,
}

impl<T: Pooled> Deref for Scratch<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.vec
    }
}

impl<T: Pooled> DerefMut for Scratch<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        &mut self.vec
    }
}

impl<'s, T: Pooled> IntoIterator for &'s Scratch<T> {
    type Item = &'s T;
    type IntoIter = std::slice::Iter<'s, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.vec.iter()
    }
}

impl<T: Pooled> Drop for Scratch<T> {
    fn drop(&mut self) {
        if self.vec.capacity() > KEEP || self.vec.capacity() == 0 {
            return;
        }
        let mut vec = std::mem::take(&mut self.vec);
        vec.clear();
        let _ = T::pool().try_with(|p| {
            if let Ok(mut p) = p.try_borrow_mut() {
                if p.len() < POOLED {
                    p.push(vec);
                }
            }
        });
    }
}

thread_local! {
    static STRINGS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// An empty string with room for `capacity` bytes, on loan from the pool.
pub fn string(capacity: usize) -> ScratchString {
    let mut s = STRINGS
        .try_with(|p| p.try_borrow_mut().ok().and_then(|mut p| p.pop()))
        .ok()
        .flatten()
        .unwrap_or_default();
    s.clear();
    s.reserve(capacity);
    ScratchString { s }
}

/// A string on loan from the pool; derefs to the `String`, and goes back when dropped.
pub struct ScratchString {
    s: String,
}

impl Deref for ScratchString {
    type Target = String;
    fn deref(&self) -> &String {
        &self.s
    }
}

impl DerefMut for ScratchString {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.s
    }
}

impl Drop for ScratchString {
    fn drop(&mut self) {
        if self.s.capacity() > 16 * KEEP || self.s.capacity() == 0 {
            return;
        }
        let mut s = std::mem::take(&mut self.s);
        s.clear();
        let _ = STRINGS.try_with(|p| {
            if let Ok(mut p) = p.try_borrow_mut() {
                if p.len() < POOLED {
                    p.push(s);
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_come_back_empty() {
        {
            let mut v = vec::<u32>(4);
            v.extend([1, 2, 3]);
            let mut s = string(8);
            s.push_str("left over");
        }
        let v = vec::<u32>(4);
        let s = string(8);
        assert!(v.is_empty() && s.is_empty());
        assert!(v.capacity() >= 4 && s.capacity() >= 8);
    }
}
