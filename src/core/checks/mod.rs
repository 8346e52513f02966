//! Single-article fact checks. Each check is its own module with its own table
//! of cases; `run` calls them all.

use crate::core::text::Prepared;
use crate::core::types::{Annotation, Explanation, Finding, Header};

/// What every check sees.
pub struct Context<'a, 't> {
    pub prepared: &'a Prepared<'t>,
    pub header: Option<&'a Header>,
    /// All annotations of the article, sorted by start.
    pub annotations: &'a [Annotation],
}

/// Runs every single-article check.
pub fn run(
    _cx: &Context<'_, '_>,
    _findings: &mut Vec<Finding>,
    _explanations: &mut Vec<Explanation>,
) {
}
