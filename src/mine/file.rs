//! `ontology/mined_names.csv`: its columns, writing the mined names, and
//! reading back the `reviewed` column a person filled in (kept when the
//! miner writes the file again).

use super::*;

/// The `reviewed` column of an earlier output, by id.
pub fn read_reviewed(path: &std::path::Path) -> Result<HashMap<String, String>, MineError> {
    let bad = |source: csv::Error| MineError::Read {
        path: path.to_owned(),
        source,
    };
    let mut rdr = csv::Reader::from_path(path).map_err(bad)?;
    let mut out = HashMap::new();
    for rec in rdr.records() {
        let rec = rec.map_err(bad)?;
        if let (Some(id), Some(r)) = (rec.get(0), rec.get(9))
            && !r.trim().is_empty()
        {
            out.insert(id.to_owned(), r.trim().to_owned());
        }
    }
    Ok(out)
}

/// The columns of `ontology/mined_names.csv`.
pub const COLUMNS: [&str; 10] = [
    "id",
    "class",
    "label_en",
    "label_zh",
    "aliases_zh",
    "state",
    "title",
    "articles",
    "mentions",
    "reviewed",
];

/// Writes the mined names as CSV (the registry reads it back).
pub fn write_csv(names: &[MinedName], out: impl std::io::Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for n in names {
        w.write_record([
            n.id.as_str(),
            n.class.as_str(),
            &n.label_en,
            &n.label_zh,
            &n.aliases_zh.join("|"),
            n.state.as_deref().unwrap_or(""),
            n.title.as_deref().unwrap_or(""),
            &n.articles.to_string(),
            &n.mentions.to_string(),
            n.reviewed.as_deref().unwrap_or(""),
        ])?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_round_trips_through_its_columns() {
        let n = MinedName {
            id: "keith_krach".into(),
            class: Class::Person,
            label_en: "Keith Krach".into(),
            label_zh: "克拉奇".into(),
            aliases_zh: vec!["柯拉克".into()],
            state: Some("USA".into()),
            title: Some("副国务卿".into()),
            articles: 3,
            mentions: 4,
            reviewed: None,
        };
        let mut out = Vec::new();
        write_csv(&[n], &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with(&COLUMNS.join(",")));
        assert!(text.contains("keith_krach,person,Keith Krach,克拉奇,柯拉克,USA,副国务卿,3,4,"));
    }
}
