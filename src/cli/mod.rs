//! The command-line adapter.
pub fn main() -> i32 {
    0
}
