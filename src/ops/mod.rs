//! Operating the service: the metrics every part records through
//! ([`metrics`]), the separate listener for `/healthz` and `/metrics`
//! ([`http`]), the audit lines of redemptions and admin actions
//! ([`audit`]), and reloading settings on SIGHUP ([`reload`]).

pub mod audit;
pub mod backup;
pub mod http;
pub mod metrics;
pub mod reload;
