//! The five bundled sample articles parse to the expected header fields and
//! first and last paragraphs.

use dipgraph::article::{Article, read_file};
use std::path::Path;

fn sample(name: &str) -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/samples")
        .join(name);
    read_file(&path).unwrap_or_else(|e| panic!("{e}"))
}

struct Expected {
    file: &'static str,
    title: &'static str,
    url_prefix: &'static str,
    outlet: &'static str,
    published: &'static str,
    first: &'static str,
    last: &'static str,
}

const EXPECTED: &[Expected] = &[
    Expected {
        file: "000_f63178d633100759.txt",
        title: "韩中外长在首尔举行会谈",
        url_prefix: "https://www.zaobao.com/realtime/china/story20201126-1104045",
        outlet: "联合早报",
        published: "2020-11-26T02:55:00+00:00",
        first: "韩国外交部长官康京和周四（26日）同到访的中国外交部长王毅在首尔举行会谈，双方就两国关系、地区国际问题和合作抗疫等相互关切交换意见。（路透社）",
        last: "此前，王毅在结束访日行程后于25日晚10时许抵达仁川国际机场，正式开启为期三天的访韩行程。",
    },
    Expected {
        file: "001_53fa6b5a9f8df96e.txt",
        title: "习近平访韩有谱 两国续商朝鲜核问题",
        url_prefix: "https://www.dw.com/zh/",
        outlet: "德国之声",
        published: "2020-11-27T01:53:59+00:00",
        first: "中国外交部长王毅25日深夜抵达首尔，并与韩国外长康京和与韩国总统文在寅会面。",
        last: "杨威廉/邹宗翰 (综合报导)",
    },
    Expected {
        file: "002_d10638c81e7154b2.txt",
        title: "中韩外长通电话，一致同意寻求举行包括日本在内的三边外长会议",
        url_prefix: "https://www.voachinese.com/a/south-korea-china-foreign-ministers-agree-to-seek-talks-with-japan-20230901/7250396.html",
        outlet: "美国之音",
        published: "2023-09-01T15:39:03+00:00",
        first: "资料照：中共中央政治局委员、中国外长王毅和韩国外长朴振在印尼雅加达出席东盟会议。（2023年7月13日）",
        last: "韩国外交部指出，朴振向王毅表示，朝鲜不顾联合国安理会决议，执意发射弹道导弹，韩国希望中国协助推动朝鲜半岛去核化。",
    },
    Expected {
        file: "003_ec1509589b2ba0ae.txt",
        title: "韩国新外长赵兑烈与中国外长王毅首次通电话",
        url_prefix: "https://www.rfi.fr/cn/",
        outlet: "法广",
        published: "2024-02-07T18:45:04+00:00",
        first: "韩国新外长赵兑烈2月6日与中国外长王毅首次通电话，时长50分钟，就高层交流、供应链合作，以及朝核问题等彼此关切的问题交换了意见。",
        last: "中国外交部在一份声明中援引王毅的话说，中韩两国经济关系密切，应共同努力维护产业链和供应链的稳定与畅通。",
    },
    Expected {
        file: "004_cdbc2db274127245.txt",
        title: "布林肯将在美中首脑会谈临近之际访韩 推动全球全面战略同盟",
        url_prefix: "https://www.rfi.fr/cn/",
        outlet: "法广",
        published: "2023-11-01T17:45:01+00:00",
        first: "法新社首尔消息，韩国外交部11月1日宣布，美国国务卿布林肯将在8日至9日访韩，就包括朝鲜核武在内的问题进行“广泛”讨论。据韩国外交部表示，布林肯此访有望推动迎来结盟70周年的韩美同盟发展成为全球全面战略同盟。",
        last: "报道说，这将是布林肯时隔两年半访韩，也是在尹锡悦政府成立后首次到访。现届政府成立以来，韩美两国就韩半岛问题、国际局势、经济安全等多个领域不断拓宽合作空间。韩国外交部表示，布林肯此访有望推动迎来结盟70周年的韩美同盟发展成为全球全面战略同盟。",
    },
];

#[test]
fn samples_have_expected_headers_and_paragraphs() {
    for e in EXPECTED {
        let a = sample(e.file);
        assert_eq!(a.file_name, e.file);
        assert_eq!(a.title.as_deref(), Some(e.title), "{}", e.file);
        assert!(
            a.url.as_deref().unwrap().starts_with(e.url_prefix),
            "{}",
            e.file
        );
        assert_eq!(a.outlet.as_deref(), Some(e.outlet), "{}", e.file);
        assert_eq!(a.published.unwrap().to_rfc3339(), e.published, "{}", e.file);
        assert_eq!(a.paragraphs.first().unwrap().text, e.first, "{}", e.file);
        assert_eq!(a.paragraphs.last().unwrap().text, e.last, "{}", e.file);
        assert_eq!(a.id.len(), 64);
    }
}

#[test]
fn furniture_never_reaches_the_text() {
    for e in EXPECTED {
        let a = sample(e.file);
        for p in &a.paragraphs {
            for junk in [
                "获取更多RSS",
                "feedx",
                "分享",
                "dfp",
                "<",
                "&amp;",
                "2020-11-27T01:17:35",
            ] {
                assert!(!p.text.contains(junk), "{}: {junk} in {:?}", e.file, p.text);
            }
        }
    }
}

#[test]
fn quoted_statements_are_single_sentences() {
    let a = sample("001_53fa6b5a9f8df96e.txt");
    let quote = a
        .sentences
        .iter()
        .find(|s| s.text.starts_with("他说：「中方支持韩方"))
        .unwrap();
    assert!(quote.text.ends_with("的方向努力。」"), "{}", quote.text);
    // Evidence keeps the article's own characters; matching uses simplified.
    let s = a
        .sentences
        .iter()
        .find(|s| s.text.contains("会後"))
        .unwrap();
    assert!(s.norm.contains("会后"));
}
