//! Outlet names by the host of an article's URL (data/outlets.csv).

use std::collections::HashMap;
use std::sync::LazyLock;

static OUTLETS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let mut rdr = csv::Reader::from_reader(include_str!("../../data/outlets.csv").as_bytes());
    rdr.records()
        .map(|r| {
            let r = r.expect("data/outlets.csv is valid CSV");
            (r[0].to_ascii_lowercase(), r[1].to_owned())
        })
        .collect()
});

/// The outlet that publishes at `url`, matching the host and then each parent
/// domain (`cn.reuters.com` → `reuters.com`).
pub fn outlet_for_url(url: &str) -> Option<&'static str> {
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
        if let Some(name) = OUTLETS.get(h) {
            return Some(name.as_str());
        }
        h = h.split_once('.')?.1;
    }
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
        assert_eq!(outlet_for_url(""), None);
    }
}
