//! Fuzz target: arbitrary bytes as a share-link fragment, then as the scenario it carries.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| access_sim::fuzzing::share_link(data));
