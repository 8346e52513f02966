//! The LSP adapter: the only code that knows JSON-RPC and LSP types.
//!
//! - `server`: the `LanguageServer` implementation, document sync in arrival
//!   order, workspace indexing, configuration, publishing diagnostics.
//! - `state`: the mutable server state every notification goes through.
//! - `snapshot`: the immutable view every request reads, and span ↔ range conversion.
//! - `features`: one pure function per request, from a snapshot to an LSP result.

pub mod features;
pub mod server;
pub mod snapshot;
pub mod state;
pub mod transport;

pub use server::{run_stdio, serve, serve_with, ServeOptions};
