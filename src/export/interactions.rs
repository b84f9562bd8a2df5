//! Writing extracted interactions: CSV (the gold columns first, so a file
//! can be scored directly) and JSON lines.

use crate::model::Interaction;
use std::io::Write;

/// The gold file's columns, in order (ANNOTATION.md).
pub const GOLD_COLUMNS: [&str; 9] = [
    "article",
    "subject",
    "subject_zh",
    "relation",
    "object",
    "object_zh",
    "date",
    "status",
    "evidence",
];

/// Our columns after the gold ones (`date_start` and `date_precision`
/// split `date`, which the gold's order keeps in its place).
pub const EXTRA_COLUMNS: [&str; 16] = [
    "location",
    "location_state",
    "cameo",
    "plover",
    "confidence",
    "published",
    "url",
    "outlet",
    "subject_type",
    "object_type",
    "article_id",
    "date_start",
    "date_precision",
    "found_by_pattern",
    "model",
    "features",
];

/// How the `features` column joins a row's features (their names hold `|`).
pub const FEATURE_SEPARATOR: &str = "; ";

pub fn write_interactions_csv(out: impl Write, rows: &[Interaction]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(GOLD_COLUMNS.iter().chain(&EXTRA_COLUMNS))?;
    for i in rows {
        let info = i.relation.info();
        let date = i.date.map(|d| d.to_string()).unwrap_or_default();
        let (date_start, date_precision) = match crate::query::date_arg::start_and_precision(&date)
        {
            Some((start, precision)) => (start.to_string(), precision),
            None => (String::new(), ""),
        };
        w.write_record([
            i.article.as_str(),
            &i.subject.id,
            &i.subject.zh,
            i.relation.as_str(),
            &i.object.id,
            &i.object.zh,
            &date,
            i.status.as_str(),
            &i.evidence,
            i.location.as_deref().unwrap_or(""),
            i.location_state.as_deref().unwrap_or(""),
            &info.cameo.join("|"),
            &info.plover.join("|"),
            &format!("{:.2}", i.confidence),
            &i.published
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                .unwrap_or_default(),
            i.url.as_deref().unwrap_or(""),
            i.outlet.as_deref().unwrap_or(""),
            i.subject.kind.as_str(),
            i.object.kind.as_str(),
            &i.article_id,
            &date_start,
            date_precision,
            if i.provenance.pattern {
                "true"
            } else {
                "false"
            },
            i.provenance.model.as_deref().unwrap_or(""),
            &i.provenance.features.join(FEATURE_SEPARATOR),
        ])?;
    }
    w.flush()?;
    Ok(())
}

pub fn write_interactions_jsonl(mut out: impl Write, rows: &[Interaction]) -> std::io::Result<()> {
    for i in rows {
        let info = i.relation.info();
        let mut v = serde_json::to_value(i)?;
        v["cameo"] = serde_json::json!(info.cameo);
        v["plover"] = serde_json::json!(info.plover);
        v["date"] = serde_json::json!(i.date.map(|d| d.to_string()));
        serde_json::to_writer(&mut out, &v)?;
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse;
    use crate::extract::extract;
    use std::path::Path;

    #[test]
    fn csv_starts_with_the_gold_columns_and_round_trips() {
        let a = parse(
            Path::new("x.txt"),
            "---\ndate: 2023-09-01T04:00:00Z\n---\n<p>王毅8月31日与韩国外长朴振通了电话。</p>"
                .as_bytes(),
        )
        .unwrap();
        let rows = extract(&a);
        let mut buf = Vec::new();
        write_interactions_csv(&mut buf, &rows).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.starts_with(
            "article,subject,subject_zh,relation,object,object_zh,date,status,evidence,"
        ));
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let rec = r.records().next().unwrap().unwrap();
        assert_eq!(&rec[0], "x.txt");
        assert_eq!(&rec[3], "call");
        assert_eq!(&rec[6], "2023-08-31");
        assert_eq!(&rec[11], "041");
        assert_eq!(&rec[12], "CONSULT");
        assert_eq!((&rec[20], &rec[21]), ("2023-08-31", "day"));
        let mut buf = Vec::new();
        write_interactions_jsonl(&mut buf, &rows).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(v["date"], "2023-08-31");
        assert_eq!(v["subject"]["id"], "wang_yi");
    }
}
