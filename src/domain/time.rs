//! Time as the domain sees it: whole seconds since the Unix epoch, and a
//! clock that tests can set.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// This timestamp plus `d`, saturating rather than overflowing.
    pub fn plus(self, d: Duration) -> Timestamp {
        let secs = i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
        Timestamp(self.0.saturating_add(secs))
    }

    /// This timestamp minus `d`, saturating.
    pub fn minus(self, d: Duration) -> Timestamp {
        let secs = i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
        Timestamp(self.0.saturating_sub(secs))
    }

    /// XEP-0082 DateTime in UTC without fractions: `YYYY-MM-DDThh:mm:ssZ`,
    /// the form XEP-0401's `expire` field uses.
    pub fn to_xep0082(self) -> String {
        chrono::DateTime::from_timestamp(self.0, 0)
            .unwrap_or_default()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    }
}

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// Now.
    fn now(&self) -> Timestamp;
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Timestamp(i64::try_from(secs).unwrap_or(i64::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xep0082_format_is_utc_without_fraction() {
        assert_eq!(Timestamp(0).to_xep0082(), "1970-01-01T00:00:00Z");
        assert_eq!(
            Timestamp(1_795_000_000).to_xep0082(),
            "2026-11-18T11:06:40Z"
        );
    }

    #[test]
    fn arithmetic_saturates() {
        assert_eq!(
            Timestamp(i64::MAX - 1).plus(Duration::from_secs(10)).0,
            i64::MAX
        );
        assert_eq!(Timestamp(100).minus(Duration::from_secs(40)).0, 60);
    }
}
