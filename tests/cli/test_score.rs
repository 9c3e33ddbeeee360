//! `plead score`: survey returns of each tool's layout and each encoding, scored.

use crate::support::Test;

const MS_FORMS: &str = "ID,Start time,Completion time,Email,Name,Decision-making,Block 2\n\
1,x,y,ann@example.org,Ann,Established,3\n\
2,x,y,bob@example.org,Bob,1,N/A\n";

#[test]
fn scores_a_microsoft_forms_export() {
    let run = Test::new()
        .write("returns.csv", MS_FORMS)
        .args([
            "score",
            "building-blocks",
            "returns.csv",
            "--allow-missing",
            "--format",
            "json",
        ])
        .success();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["respondents"], 2);
    assert_eq!(doc["items"][0]["score"], 2.0);
    assert!(!run.stdout.contains("ann@example.org"));
    assert!(!run.stdout.contains("Ann"));
}
