//! A SPARQL text on its way into a store, the same for every backend:
//! measured for nesting before anything parses it ([`limits`]), parsed with
//! the dipgraph prefixes and its `--param` values bound as a `VALUES` row
//! ([`bind`]), and, when it does not parse, explained as a line, a caret and
//! one sentence ([`syntax`]).

pub mod bind;
pub mod limits;
pub mod syntax;
