//! Finding seed files on disk (shared by the CLI and the server).
