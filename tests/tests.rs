//! The integration tests, as one binary: every other file of tests/ is a
//! module of this one, so the test suite links the library and RocksDB once
//! instead of once per file (`autotests = false` and one `[[test]]` in
//! Cargo.toml, as ripgrep does). One file's tests: `cargo test --test
//! integration store::`.

mod common;

mod bad_input;
mod cli_errors;
mod cli_export;
mod export_dot_output;
mod export_exports;
mod export_readers;
mod export_render;
mod extraction;
mod graph_known_values;
mod graph_networkx_fixture;
mod graph_rustworkx_crosscheck;
mod ingest_faults;
mod layering;
mod remote;
mod samples;
mod serve;
mod store;
