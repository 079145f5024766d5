// What the Rust side sends and takes: generated from the Rust types (see
// src-tauri/src/ui_types.rs), never written by hand. Never a secret, except
// the explicit reveal commands' strings.

export type * from "./generated";
