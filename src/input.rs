//! Reading the files plead reads whole — assessments, answers files, drafts and Results —
//! up to a size far beyond any real one (a Result of 10,000 items is under 4 MB), so a
//! wrong or hostile file is refused at once rather than filling memory. Survey files are
//! streamed, and bounded per row instead (see `survey`).

use std::io::{self, Read};
use std::path::Path;

/// The largest document read.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// A whole file, or an error when it is larger than `MAX_DOCUMENT_BYTES`.
pub fn read_document(path: &Path) -> io::Result<Vec<u8>> {
    let too_large = || {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "the file is larger than {} MB, far more than any plead document holds: is it the right file?",
                MAX_DOCUMENT_BYTES / (1024 * 1024)
            ),
        )
    };
    let file = std::fs::File::open(path)?;
    // The size up front where the file has one; what is read counts for pipes and the like.
    if file.metadata().is_ok_and(|m| m.len() > MAX_DOCUMENT_BYTES) {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(MAX_DOCUMENT_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_over_the_limit_is_refused_without_being_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.json");
        std::fs::File::create(&path)
            .unwrap()
            .set_len(MAX_DOCUMENT_BYTES + 1)
            .unwrap();
        let err = read_document(&path).unwrap_err();
        assert!(
            err.to_string().starts_with("the file is larger than 64 MB"),
            "{err}"
        );
        std::fs::write(&path, "{}").unwrap();
        assert_eq!(read_document(&path).unwrap(), b"{}");
    }
}
