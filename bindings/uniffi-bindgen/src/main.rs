//! `uniffi-bindgen`: generates foreign-language sources from a built
//! uniffi library, at the same uniffi version as `medcover-uniffi`.
//!
//! `uniffi-bindgen generate target/debug/libmedcover_uniffi.so -l kotlin -l swift -l python -n -o bindings/uniffi/gen`

fn main() {
    uniffi::uniffi_bindgen_main()
}
