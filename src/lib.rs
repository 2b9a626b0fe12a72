//! xmpp-invites: invite-based onboarding for any XMPP server, as an external
//! XEP-0114 component.
//!
//! Layering (see ARCHITECTURE.md):
//! - [`domain`]: invites, tokens, policy, minting — no XML, HTTP or SQL.
//! - [`store`]: the only module that speaks SQL (SQLite via rusqlite).
//! - [`xmpp`]: the component link and the XMPP adapter (disco, ad-hoc).
//! - [`config`]: the TOML configuration and its validation.
#![forbid(unsafe_code)]

pub mod app;
pub mod cli;
pub mod config;
pub mod control;
pub mod delivery;
pub mod doctor;
pub mod domain;
pub mod i18n;
pub mod mail;
pub mod ops;
pub mod store;
pub mod testing;
pub mod web;
pub mod xmpp;
