//! Writes the spreadsheet bombs of issue 20 at full size, and the largest spreadsheets
//! plead accepts, for the figures in README "Hardening" (benches/bombs.sh measures them).
//! The builders are the tests' own (tests/cli/bombs.rs).
//!
//!   cargo run --release --example bombs -- /tmp/plead-bombs

#[path = "../tests/cli/bombs.rs"]
#[allow(dead_code)]
mod bombs;

fn main() {
    let dir =
        std::path::PathBuf::from(std::env::args().nth(1).unwrap_or("/tmp/plead-bombs".into()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, bytes: Vec<u8>| {
        std::fs::write(dir.join(name), &bytes).unwrap();
        println!("{name}: {} bytes", bytes.len());
    };
    write(
        "xfd1048576.xlsx",
        bombs::one_far_cell("XFD1048576", 1_048_576),
    );
    write("zz200000.xlsx", bombs::one_far_cell("ZZ200000", 200_000));
    write(
        "shared-string-2gb.xlsx",
        bombs::one_huge_shared_string(2 << 30),
    );
    write(
        "shared-strings-50m.xlsx",
        bombs::many_shared_strings(50_000_000),
    );
    write("tiny.ods", bombs::ods_bomb(20_000, 1_000));
    write("ordinary-99mb.xlsx", ordinary(33_000_000));
    write("largest-accepted.xlsx", largest_accepted());
    write("most-text-accepted.xlsx", bombs::wide_text(20_000, 100, 32));
    write("largest-accepted.ods", largest_accepted_ods());
    // 7.9 million columns in a 16 MB header row.
    let mut csv = "q,".repeat(7_900_000);
    csv.push_str("\n1\n");
    write("header-7.9m-columns.csv", csv.into_bytes());
}

/// A sheet of numbers as a survey tool writes them, `cells` of them in rows of 60.
fn ordinary(cells: u64) -> Vec<u8> {
    bombs::xlsx_sized(
        &|w| {
            bombs::header(w)?;
            let mut x = 12345u64;
            for r in 2..cells / 60 + 2 {
                write!(w, r#"<row r="{r}">"#)?;
                for c in 0..60 {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    bombs::number(w, &format!("{}{r}", bombs::column(c)), (x >> 60) as u32 % 5)?;
                }
                write!(w, "</row>")?;
            }
            Ok(())
        },
        None,
        true,
    )
}

/// The most cells accepted, 20,000 rows × 100 columns, headed by the building blocks.
fn largest_accepted() -> Vec<u8> {
    const BLOCKS: [&str; 10] = [
        "decision-making",
        "co-design",
        "training",
        "relationships",
        "access-to-feedback",
        "seldom-heard",
        "qualitative-feedback",
        "close-the-loop",
        "improvement-mind-set",
        "supporting-roles",
    ];
    bombs::xlsx(
        &|w| {
            write!(w, r#"<row r="1">"#)?;
            for c in 0..100u32 {
                let name = BLOCKS
                    .get(c as usize)
                    .map_or_else(|| format!("Extra question {c}"), |b| b.to_string());
                bombs::text(w, &format!("{}1", bombs::column(c)), &name)?;
            }
            write!(w, "</row>")?;
            for r in 2..=20_000u32 {
                write!(w, r#"<row r="{r}">"#)?;
                for c in 0..100u32 {
                    bombs::number(w, &format!("{}{r}", bombs::column(c)), (r + c) % 5)?;
                }
                write!(w, "</row>")?;
            }
            Ok(())
        },
        None,
    )
}

/// The most cells accepted in an .ods: 20,000 rows × 100 columns of numbers.
fn largest_accepted_ods() -> Vec<u8> {
    let mut rows = String::new();
    for r in 0..20_000u32 {
        rows.push_str("<table:table-row>");
        for c in 0..100u32 {
            let v = (r + c) % 5;
            rows.push_str(&format!(
                r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
            ));
        }
        rows.push_str("</table:table-row>");
    }
    bombs::ods(&rows)
}
