//! XMPP adapter.
pub mod adhoc;
pub mod invite_commands;
pub mod link;
pub mod router;
pub mod xep_0050;
