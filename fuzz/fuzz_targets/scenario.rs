//! Fuzz target: arbitrary bytes through parse, validate, evaluate and explain.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| access_sim::fuzzing::scenario(data));
