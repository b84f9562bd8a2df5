//! Files compiled into the binary by `build.rs`: the web explorer's page
//! (`web/src/`), its JavaScript libraries (`web/vendor/`, filled by
//! `make web`) and the canned queries (`queries/*.rq`). Each table maps a
//! path relative to its directory to the file's bytes.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
