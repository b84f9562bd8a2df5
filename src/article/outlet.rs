//! Outlets by the host of an article's URL (data/outlets.csv): their names,
//! and the time zone each writes in.

use chrono_tz::Tz;
use std::collections::HashMap;
use std::sync::LazyLock;

/// One row of data/outlets.csv.
struct Outlet {
    name: String,
    /// Empty in the file: a Chinese-speaking zone (UTC+8).
    time_zone: Option<Tz>,
}

static OUTLETS: LazyLock<HashMap<String, Outlet>> = LazyLock::new(|| {
    let mut rdr = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(include_str!("../../data/outlets.csv").as_bytes());
    rdr.records()
        .map(|r| {
            let r = r.expect("data/outlets.csv is valid CSV");
            let time_zone = Some(r[2].trim())
                .filter(|z| !z.is_empty())
                .map(|z| z.parse().expect("data/outlets.csv names IANA time zones"));
            let outlet = Outlet {
                name: r[1].to_owned(),
                time_zone,
            };
            (r[0].to_ascii_lowercase(), outlet)
        })
        .collect()
});

/// The outlet that publishes at `url`, matching the host and then each parent
/// domain (`cn.reuters.com` → `reuters.com`).
fn outlet_at(url: &str) -> Option<&'static Outlet> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest
        .split(['/', '?', '#'])
        .next()?
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    let mut h = host.as_str();
    loop {
        if let Some(o) = OUTLETS.get(h) {
            return Some(o);
        }
        h = h.split_once('.')?.1;
    }
}

/// The name of the outlet that publishes at `url`.
///
/// ```
/// use dipgraph::article::outlet_for_url;
/// assert_eq!(outlet_for_url("https://cn.reuters.com/article/x"), Some("路透"));
/// ```
pub fn outlet_for_url(url: &str) -> Option<&'static str> {
    outlet_at(url).map(|o| o.name.as_str())
}

/// The time zone the outlet at `url` writes in, when it is not a
/// Chinese-speaking one: a story RFI posts at 18:00 in Paris says 今天 for
/// that day in Paris, already the next day at UTC+8.
///
/// ```
/// use dipgraph::article::time_zone_for_url;
/// assert_eq!(time_zone_for_url("https://www.rfi.fr/cn/x"), Some(chrono_tz::Europe::Paris));
/// assert_eq!(time_zone_for_url("https://www.zaobao.com/x"), None);
/// ```
pub fn time_zone_for_url(url: &str) -> Option<Tz> {
    outlet_at(url)?.time_zone
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_parent_domains() {
        assert_eq!(
            outlet_for_url("https://www.zaobao.com/realtime/x"),
            Some("联合早报")
        );
        assert_eq!(
            outlet_for_url("https://www.dw.com/zh/a-1"),
            Some("德国之声")
        );
        assert_eq!(
            outlet_for_url("https://cn.reuters.com/article/x"),
            Some("路透")
        );
        assert_eq!(outlet_for_url("http://www.rfi.fr//cn/x"), Some("法广"));
        assert_eq!(
            outlet_for_url("https://WWW.BBC.CO.UK:443/zhongwen"),
            Some("BBC中文")
        );
        assert_eq!(outlet_for_url("https://example.org/x"), None);
        assert_eq!(
            time_zone_for_url("https://www.voachinese.com/a/x.html"),
            Some(chrono_tz::America::New_York)
        );
        assert_eq!(time_zone_for_url("https://example.org/x"), None);
        assert_eq!(outlet_for_url(""), None);
    }
}
