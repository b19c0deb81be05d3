//! The command line as a user runs it: the real binary, its output and exit
//! codes, and what it never does (open a network socket, write plaintext).

#[path = "../common/mod.rs"]
mod common;
mod commands;
mod consent_export;
mod events;
mod history;
mod interchange;
mod no_network;
mod no_plaintext;
mod recording;
mod redaction;
