//! seedls: a language server and CLI for Vietnamese news articles ("seed files").
//!
//! Layers, from the inside out:
//! - [`core`]: pure analysis of one article (no I/O, cannot fail);
//! - [`corpus`]: the index over all articles, cross-article linking and checks;
//! - [`config`] and [`workspace`]: settings and finding seed files on disk;
//! - [`position`]: the only place that converts byte offsets to LSP positions;
//! - [`parallel`]: analysing many articles on every core, results in order;
//! - [`lsp`] and [`cli`]: the two adapters.

pub mod cli;
pub mod config;
pub mod core;
pub mod corpus;
pub mod lsp;
pub mod parallel;
pub mod position;
pub mod workspace;
