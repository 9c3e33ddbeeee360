//! Writes Results of many items for the compare benchmark (benches/compare.sh): the
//! connection fixture with its items repeated as `item-0` … `item-N`, one Result per
//! period, each a little different (scores move, one item in ten only in some periods).
//!
//!   cargo run --release --example big_results -- --items 60000 --periods 4 --dir /tmp/plead-bench

use serde_json::{Value, json};

fn main() {
    let mut items = 60_000usize;
    let mut periods = 2usize;
    let mut dir = std::path::PathBuf::from("/tmp/plead-bench");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = args.next().expect("a value after each option");
        match a.as_str() {
            "--items" => items = value.parse().expect("a number of items"),
            "--periods" => periods = value.parse().expect("a number of periods"),
            "--dir" => dir = value.into(),
            other => panic!("unknown option {other}"),
        }
    }
    std::fs::create_dir_all(&dir).unwrap();
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/results/connection.json"
    );
    let base: Value = serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    let template = base["items"][1].clone();
    for p in 0..periods {
        let mut doc = base.clone();
        let mut list = Vec::with_capacity(items);
        for i in 0..items {
            // One item in ten is missing from every other period.
            if i % 10 == 7 && p % 2 == 1 {
                continue;
            }
            let mut item = template.clone();
            let score = ((i * 7 + p * 3) % 6) as f64;
            item["id"] = json!(format!("item-{i}"));
            item["title"] = json!(format!("Item {i}"));
            item["score"] = json!(score);
            item["percent"] = json!(score * 20.0);
            item["text"] = json!(format!("Rate your organisation's connection with item {i}"));
            item["guidance"] = json!("What good looks like.");
            item.as_object_mut().unwrap().remove("examples");
            item["n"] = json!(1);
            list.push(item);
        }
        doc["overall"]["answered"] = json!(list.len());
        doc["overall"]["items"] = json!(list.len());
        doc["themes"][0]["answered"] = json!(list.len());
        doc["themes"][0]["items"] = json!(list.len());
        doc["items"] = Value::Array(list);
        doc["gaps"] = json!([]);
        doc["findings"] = json!([]);
        doc["context"]["period"] =
            json!(format!("2026-Q{}", p % 4 + 1).replace("2026", &(2026 + p / 4).to_string()));
        let path = dir.join(format!("result-{items}-{p}.json"));
        std::fs::write(&path, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
        println!("{}", path.display());
    }
}
