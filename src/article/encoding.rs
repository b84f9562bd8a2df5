//! Bytes → text. UTF-8 (with or without BOM), UTF-16 with BOM, and the legacy
//! Chinese encodings (GB18030/GBK, Big5) detected by chardetng.

use super::ReadError;
use encoding_rs::{Encoding, UTF_8};

/// Decodes a file's bytes, returning the text and the encoding's name.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(ReadError::Undecodable(format!(
                "invalid {} after its byte-order mark",
                enc.name()
            )));
        }
        return Ok((check_text(text.into_owned())?, enc.name()));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((check_text(text.to_owned())?, UTF_8.name()));
    }
    // NUL bytes outside UTF-16 mean a binary file, not text in some encoding.
    if bytes.contains(&0) {
        return Err(ReadError::Binary);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = declared_charset(bytes)
        .unwrap_or_else(|| detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow));
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(ReadError::Undecodable(format!(
            "not valid UTF-8, and not valid {} either",
            enc.name()
        )));
    }
    Ok((check_text(text.into_owned())?, enc.name()))
}

/// The charset an HTML page declares in a `<meta>` tag, when it is a legacy
/// Chinese one (a page declaring UTF-8 that is not valid UTF-8 is mis-declared,
/// so the detector decides then).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let at = find(&lower, b"charset=")? + b"charset=".len();
    let rest = &lower[at..];
    let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        .unwrap_or(rest.len());
    let enc = Encoding::for_label(&rest[..end])?;
    (enc != UTF_8).then_some(enc)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Rejects decoded text that is mostly control characters (binary data that
/// happened to decode).
fn check_text(text: String) -> Result<String, ReadError> {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(65_536) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    if control * 20 > total {
        return Err(ReadError::Binary);
    }
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "王毅与朴振通电话。會談";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(TEXT.as_bytes()).unwrap().0, TEXT);
        let mut bom = vec![0xef, 0xbb, 0xbf];
        bom.extend_from_slice(TEXT.as_bytes());
        assert_eq!(decode(&bom).unwrap(), (TEXT.to_owned(), "UTF-8"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xff, 0xfe];
        le.extend(TEXT.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).unwrap(), (TEXT.to_owned(), "UTF-16LE"));
        let mut be = vec![0xfe, 0xff];
        be.extend(TEXT.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).unwrap(), (TEXT.to_owned(), "UTF-16BE"));
    }

    #[test]
    fn gbk_is_detected() {
        let text =
            "中国外交部长王毅周四在首尔同韩国外交部长官康京和举行会谈，双方就两国关系交换意见。";
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        let (decoded, name) = decode(&bytes).unwrap();
        assert_eq!(decoded, text);
        assert!(name == "GBK" || name == "gb18030", "{name}");
    }

    #[test]
    fn declared_gbk_charset_is_used() {
        let html = "<html><head><meta charset=\"gbk\"></head><body><p>会谈</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(html);
        assert_eq!(decode(&bytes).unwrap().0, html);
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert!(matches!(decode(b""), Err(ReadError::Empty)));
        assert!(matches!(decode(b" \n\t"), Err(ReadError::Empty)));
        assert!(matches!(
            decode(&[0x00, 0x9f, 0x92, 0x96, 0x00, 0x01]),
            Err(ReadError::Binary)
        ));
        let controls: Vec<u8> = (0..200u8).map(|i| i % 8).collect();
        assert!(matches!(decode(&controls), Err(ReadError::Binary)));
    }
}
