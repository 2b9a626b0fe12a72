//! XMPP adapter.
pub mod adhoc;
pub mod invite_commands;
pub mod link;
pub mod router;
pub mod server_ops;
pub mod xep_0050;
pub mod xep_0356;
