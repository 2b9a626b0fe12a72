//! The landing page's QR code: rendered once per page URL and kept.
//!
//! Encoding a QR code is the landing page's most expensive step (most of
//! it in choosing the mask: the penalty scoring of eight candidate
//! symbols), and the page URL of an invite never changes, so each view of
//! the same invite used to redo identical work. The SVG is rendered here
//! once per URL and kept in a small bounded cache; the visitor's language
//! only changes its label, put in per request.
//!
//! The SVG draws each horizontal run of dark modules as one rectangle, in
//! module units scaled by the `viewBox`: a few kilobytes per page where one
//! rectangle per module in pixels took several times that.

use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, OnceLock};

/// Invites whose QR code is kept. A busy server's recently shared invites
/// fit; at a few kilobytes each the cache stays around a megabyte.
const CAPACITY: usize = 256;
/// Modules of light border around the symbol (the standard's minimum).
const QUIET_ZONE: usize = 4;
/// Smallest side of the drawn image, in pixels.
const MIN_PIXELS: usize = 200;

/// Rendered SVGs by the SHA-256 of their URL (the URL holds a token: the
/// cache does not keep it as a key), oldest first for eviction.
#[derive(Default)]
struct Cache {
    svgs: HashMap<[u8; 32], Arc<str>>,
    order: VecDeque<[u8; 32]>,
}

fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(Mutex::default)
}

/// The QR code of `data` as inline SVG labelled `label` for screen readers
/// (escaped here); empty when `data` cannot be encoded.
pub(super) fn svg(data: &str, label: &str) -> String {
    let key: [u8; 32] = Sha256::digest(data.as_bytes()).into();
    let hit = cache()
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .svgs
        .get(&key)
        .cloned();
    let body = match hit {
        Some(body) => body,
        None => {
            // Rendered outside the lock: two first views of one invite may
            // both render it, which costs less than making every other page
            // wait.
            let Some(body) = render(data) else {
                return String::new();
            };
            let body: Arc<str> = body.into();
            let mut c = cache().lock().unwrap_or_else(|p| p.into_inner());
            if c.svgs.insert(key, body.clone()).is_none() {
                c.order.push_back(key);
                while c.order.len() > CAPACITY {
                    if let Some(old) = c.order.pop_front() {
                        c.svgs.remove(&old);
                    }
                }
            }
            body
        }
    };
    let mut out = String::with_capacity(body.len() + label.len() + 40);
    out.push_str("<svg role=\"img\" aria-label=\"");
    attribute_escape_into(&mut out, label);
    out.push('"');
    out.push_str(&body);
    out
}

/// Everything of the SVG after `<svg`: its attributes, the background and
/// one path of dark runs.
fn render(data: &str) -> Option<String> {
    let code = match qrcode::QrCode::new(data.as_bytes()) {
        Ok(code) => code,
        Err(e) => {
            tracing::warn!(error = %e, "cannot render the QR code");
            return None;
        }
    };
    let n = code.width();
    let side = n + 2 * QUIET_ZONE;
    let pixels = side * MIN_PIXELS.div_ceil(side);
    let colors = code.to_colors();
    let mut svg = String::with_capacity(4096);
    let _ = write!(
        svg,
        " xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{pixels}\" \
         height=\"{pixels}\" viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\""
    );
    for y in 0..n {
        let row = &colors[y * n..(y + 1) * n];
        let mut x = 0;
        while x < n {
            if row[x] != qrcode::Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < n && row[x] == qrcode::Color::Dark {
                x += 1;
            }
            let _ = write!(
                svg,
                "M{} {}h{}v1h-{}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE,
                x - start,
                x - start
            );
        }
    }
    svg.push_str("\"/></svg>");
    Some(svg)
}

/// Escapes a value for a double-quoted HTML attribute.
fn attribute_escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dark modules the path draws, read back from its `d`.
    fn drawn(svg: &str) -> Vec<(usize, usize)> {
        let d = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let mut cells = Vec::new();
        for run in d.split('M').filter(|r| !r.is_empty()) {
            let (xy, rest) = run.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            let len: usize = rest.split_once('v').unwrap().0.parse().unwrap();
            assert_eq!(rest, format!("{len}v1h-{len}z"));
            cells.extend((x..x + len).map(|x| (x - QUIET_ZONE, y - QUIET_ZONE)));
        }
        cells
    }

    #[test]
    fn the_path_draws_exactly_the_dark_modules() {
        let url = "https://invites.example.org/invite/AAECAwQFBgcICQoLDA0ODxAREhM";
        let code = qrcode::QrCode::new(url.as_bytes()).unwrap();
        let n = code.width();
        let want: Vec<(usize, usize)> = (0..n)
            .flat_map(|y| (0..n).map(move |x| (x, y)))
            .filter(|&(x, y)| code[(x, y)] == qrcode::Color::Dark)
            .collect();
        let svg = svg(url, "QR");
        assert_eq!(drawn(&svg), want);
        let side = n + 2 * QUIET_ZONE;
        assert!(svg.contains(&format!("viewBox=\"0 0 {side} {side}\"")));
        let px: usize = svg
            .split("width=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            px >= MIN_PIXELS && px % side == 0,
            "{px} px for {side} modules"
        );
    }

    #[test]
    fn the_label_is_escaped_and_per_call_while_the_code_is_kept() {
        let url = "https://invites.example.org/invite/label-test";
        let a = svg(url, "Scan \"this\" <now> & go");
        assert!(a.starts_with(
            "<svg role=\"img\" aria-label=\"Scan &quot;this&quot; &lt;now&gt; &amp; go\" xmlns="
        ));
        let b = svg(url, "Scannen");
        assert!(b.starts_with("<svg role=\"img\" aria-label=\"Scannen\" xmlns="));
        assert_eq!(
            a.split_once(" xmlns").unwrap().1,
            b.split_once(" xmlns").unwrap().1
        );
    }

    #[test]
    fn the_cache_is_bounded() {
        for i in 0..CAPACITY + 10 {
            svg(
                &format!("https://invites.example.org/invite/bound-{i}"),
                "QR",
            );
        }
        let c = cache().lock().unwrap();
        assert!(c.svgs.len() <= CAPACITY && c.order.len() == c.svgs.len());
    }
}
