//! The posting lists' helpers of the pool's index (`pool_index.rs`): a cursor that walks a
//! sorted list alongside slots taken in increasing order, and a set of slots as a bitmap.

/// Walks a sorted posting list alongside slots taken in increasing order.
pub(super) struct Cursor<'a> {
    pub list: &'a [u32],
}

impl Cursor<'_> {
    /// Whether the list holds `slot`, having skipped what is below it: by steps of 1, 2, 4...
    /// until past it, then by halves within the last step. A skip of `n` costs about
    /// 2·log₂ `n` reads near each other; halving the whole rest of the list instead cost
    /// 17 reads far apart for every match of a rare token against a common one.
    pub fn has(&mut self, slot: u32) -> bool {
        let list = self.list;
        if list.first().is_none_or(|s| *s >= slot) {
            return list.first() == Some(&slot);
        }
        // list[below] < slot, and so is every entry before it.
        let (mut below, mut step) = (0, 1);
        while list.get(below + step).is_some_and(|s| *s < slot) {
            below += step;
            step *= 2;
        }
        let end = (below + step).min(list.len());
        let at = below + 1 + list[below + 1..end].partition_point(|s| *s < slot);
        self.list = &list[at..];
        self.list.first() == Some(&slot)
    }
}

/// A set of slots as a bitmap: a word's matches, tested once per candidate.
pub(super) struct Slots {
    bits: Vec<u64>,
    pub len: usize,
}

impl Slots {
    pub fn new(slots: usize) -> Self {
        Self {
            bits: vec![0; slots.div_ceil(64)],
            len: 0,
        }
    }

    pub fn insert(&mut self, slot: u32) {
        let (word, bit) = ((slot / 64) as usize, 1u64 << (slot % 64));
        if self.bits[word] & bit == 0 {
            self.bits[word] |= bit;
            self.len += 1;
        }
    }

    pub fn contains(&self, slot: u32) -> bool {
        self.bits[(slot / 64) as usize] & (1u64 << (slot % 64)) != 0
    }

    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.bits.iter().enumerate().flat_map(|(i, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                let b = (w != 0).then(|| w.trailing_zeros())?;
                w &= w - 1;
                Some(i as u32 * 64 + b)
            })
        })
    }
}
