//! Placeholder: the test that builds this crate (`src/codegen/rust.rs` in tether) writes its own
//! `lib.rs`, the generated modules under `src/generated/` and their round-trip tests under
//! `src/roundtrip/`, in a copy of this crate under `target/toolchain-rust/`.
