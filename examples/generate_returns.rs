//! Realistic survey returns for trying and benchmarking `plead score`: an assessment's
//! items as questions, in a survey tool's layout, with label-text answers and a share of
//! messy cells (blanks, N/A, "3 - Established", the odd unusable answer), a Role and a
//! Directorate column to group by, and fake names and emails (which plead must ignore).
//!
//! cargo run --release --example generate_returns -- --rows 100000 --layout msforms > returns.csv
//!
//! Layouts: msforms (default), google, surveymonkey, qualtrics. `--assessment ID` picks
//! the assessment (default building-blocks); `--seed N` changes the returns;
//! `--comments yes` (msforms and google) adds an "Anything else?" column answered on every
//! row, some answers holding the respondent's name, email or a phone number.

use std::io::{self, BufWriter, Write};

use plead::assessment::Catalog;

const ROLES: [&str; 4] = ["Patient leader", "Staff", "Board member", "Volunteer"];
const FIRST: [&str; 8] = ["Ann", "Bob", "Chidi", "Dev", "Eve", "Fatima", "Gus", "Hana"];
const JUNK: [&str; 5] = ["quite good", "7", "2.5", "?", "see comments"];
/// Comments, `{name}`, `{email}` and `{phone}` standing for the respondent's own.
const COMMENTS: [&str; 6] = [
    "{name} on the panel made sure our views were heard before the new ward opened.",
    "Training was patchy this year; ring me on {phone} if you want the details.",
    "The feedback loop is slow and nobody tells us what changed as a result of what we said.",
    "Email {email} and I will share what happened at the last patient experience committee.",
    "Good to be asked. Patient leaders need paying for their time, and expenses paid quickly.",
    "We co-designed the discharge leaflet, but the final version was changed without us.",
];

fn main() -> io::Result<()> {
    let mut rows = 1000u64;
    let mut layout = "msforms".to_string();
    let mut assessment_id = "building-blocks".to_string();
    let mut seed = 42u64;
    let mut comments = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().unwrap_or_default();
        match arg.as_str() {
            "--rows" => rows = value.parse().expect("--rows N"),
            "--layout" => layout = value,
            "--assessment" => assessment_id = value,
            "--seed" => seed = value.parse().expect("--seed N"),
            "--comments" => comments = value == "yes",
            other => panic!(
                "unknown argument {other}: use --rows, --layout, --assessment, --seed, --comments yes"
            ),
        }
    }
    let catalog = Catalog::load(None).expect("built-in assessments load");
    let assessment = &catalog
        .resolve(&assessment_id)
        .expect("a known assessment")
        .assessment;
    let directorates: Vec<String> = (1..=30).map(|i| format!("Directorate {i:02}")).collect();
    let mut rng = Rng(seed.max(1));
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut out);

    let questions: Vec<String> = assessment
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| format!("{}. {}", i + 1, item.text))
        .collect();
    match layout.as_str() {
        "msforms" => {
            let mut h = vec!["ID", "Start time", "Completion time", "Email", "Name"];
            h.extend(questions.iter().map(String::as_str));
            h.extend(["Role", "Directorate"]);
            if comments {
                h.push("Anything else?");
            }
            w.write_record(&h)?;
        }
        "google" => {
            let mut h = vec!["Timestamp".to_string(), "Email address".to_string()];
            h.extend(
                assessment
                    .items
                    .iter()
                    .map(|i| format!("How far is each building block in place? [{}]", i.title)),
            );
            h.extend(["Role".into(), "Directorate".into()]);
            if comments {
                h.push("Anything else?".into());
            }
            w.write_record(&h)?;
        }
        "surveymonkey" => {
            let mut top = vec![
                "Respondent ID",
                "Collector ID",
                "Start Date",
                "End Date",
                "IP Address",
                "Email Address",
                "First Name",
                "Last Name",
            ];
            top.extend(questions.iter().map(String::as_str));
            top.extend(["Role", "Directorate"]);
            w.write_record(&top)?;
            let sub: Vec<&str> = top
                .iter()
                .enumerate()
                .map(|(i, _)| if i < 8 { "" } else { "Response" })
                .collect();
            w.write_record(&sub)?;
        }
        "qualtrics" => {
            let mut ids = vec!["StartDate", "EndDate", "Status", "IPAddress", "ResponseId"];
            let qids: Vec<String> = (1..=questions.len()).map(|i| format!("Q{i}")).collect();
            ids.extend(qids.iter().map(String::as_str));
            ids.extend(["Role", "Directorate"]);
            w.write_record(&ids)?;
            let mut text = vec![
                "Start Date",
                "End Date",
                "Response Type",
                "IP Address",
                "Response ID",
            ];
            text.extend(questions.iter().map(String::as_str));
            text.extend(["Role", "Directorate"]);
            w.write_record(&text)?;
            let import: Vec<String> = ids
                .iter()
                .map(|id| format!("{{\"ImportId\":\"{id}\"}}"))
                .collect();
            w.write_record(&import)?;
        }
        other => panic!("unknown layout {other}: msforms, google, surveymonkey or qualtrics"),
    }
    assert!(
        !comments || matches!(layout.as_str(), "msforms" | "google"),
        "--comments yes: msforms or google layouts only"
    );

    let mut record: Vec<String> = Vec::new();
    for row in 1..=rows {
        record.clear();
        let name = FIRST[rng.below(FIRST.len() as u64) as usize];
        let email = format!("{}.{row}@example.nhs.uk", name.to_lowercase());
        let time = format!(
            "1/{}/26 10:{:02}:{:02}",
            1 + row % 28,
            row % 60,
            (row * 7) % 60
        );
        match layout.as_str() {
            "msforms" => record.extend([
                row.to_string(),
                time.clone(),
                time,
                email,
                format!("{name} Example"),
            ]),
            "google" => record.extend([time, email]),
            "surveymonkey" => record.extend([
                (110_000_000_000 + row).to_string(),
                "4321".into(),
                time.clone(),
                time,
                format!("10.0.{}.{}", row % 250, row % 200),
                email,
                name.into(),
                "Example".into(),
            ]),
            _ => record.extend([
                time.clone(),
                time,
                if row % 500 == 0 {
                    "Survey Preview"
                } else {
                    "IP Address"
                }
                .into(),
                format!("10.0.{}.{}", row % 250, row % 200),
                format!("R_{row:015x}"),
            ]),
        }
        // A respondent's general view, so items correlate as real returns do.
        let leaning = rng.below(5) as i32;
        for item in &assessment.items {
            let scale = assessment.scale_of(item);
            let spread = (scale.max - scale.min + 1) as u64;
            let value = (scale.min
                + ((leaning + rng.below(3) as i32 - 1).rem_euclid(spread as i32)))
            .clamp(scale.min, scale.max);
            let label = scale.label(value);
            let roll = rng.below(1000);
            let cell = match roll {
                0..=29 => String::new(),
                30..=49 if scale.not_applicable => "N/A".into(),
                50..=54 => JUNK[rng.below(JUNK.len() as u64) as usize].into(),
                55..=99 => format!("{value} - {label}"),
                _ if layout == "google" => value.to_string(),
                _ => label,
            };
            record.push(cell);
        }
        record.push(ROLES[(rng.below(100) as usize * ROLES.len()) / 100].into());
        record.push(directorates[rng.below(directorates.len() as u64) as usize].clone());
        if comments {
            let text = COMMENTS[rng.below(COMMENTS.len() as u64) as usize];
            record.push(
                text.replace("{name}", name)
                    .replace(
                        "{email}",
                        &format!("{}.{row}@example.nhs.uk", name.to_lowercase()),
                    )
                    .replace("{phone}", &format!("07700 9{:05}", row % 100_000)),
            );
        }
        w.write_record(&record)?;
    }
    w.flush()?;
    drop(w);
    out.flush()
}

/// xorshift64: enough randomness for test data, and no dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}
