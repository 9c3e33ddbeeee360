//! Fuzz target `draft`: see `fuzz_harness::draft` in tests/cli/fuzz_harness.rs, whose
//! found inputs the normal test suite replays.
#![no_main]

#[path = "../../tests/cli/fuzz_harness.rs"]
mod fuzz_harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_harness::draft(data));
