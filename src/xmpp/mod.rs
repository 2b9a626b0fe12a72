//! XMPP adapter.
