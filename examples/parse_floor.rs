//! The floor for `plead score`'s speed: a plain parse of a CSV file with the csv crate
//! (one reused ByteRecord, nothing else), printing rows and fields read. The benchmark
//! (benches/score.sh) times it beside `plead score` on the same file.
//!
//! cargo run --release --example parse_floor -- returns.csv

use std::fs::File;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: parse_floor FILE.csv")?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(256 * 1024)
        .from_reader(File::open(&path)?);
    let mut record = csv::ByteRecord::new();
    let (mut rows, mut fields) = (0u64, 0u64);
    while reader.read_byte_record(&mut record)? {
        rows += 1;
        fields += record.len() as u64;
    }
    println!("{rows} rows, {fields} fields");
    Ok(())
}
