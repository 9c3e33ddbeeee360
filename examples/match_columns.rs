//! How long header matching takes for a large assessment against a wide file: N items
//! (default 10,000) with generated wording, against N columns holding their texts in a
//! shuffled order — all exact, a share reworded (a word dropped, numbering added, "and"
//! made a comma), or every one reworded — plus the words every question shares
//! ("patient leaders", "organisation"), which no index can use to tell them apart.
//!
//! cargo run --release --example match_columns -- --items 10000 --reworded 10
//!
//! Prints the seconds `match_items` took (best of `--runs`, default 5) and how many items
//! were matched exactly and by wording. Run by benches/matching.sh.

use std::time::Instant;

use plead::assessment::load_str;
use plead::survey::column::{Column, Kind};
use plead::survey::headers::match_items;
use plead::survey::matching::MatchedBy;

/// A small deterministic generator (xorshift), so every run measures the same case.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn main() {
    let mut items = 10_000usize;
    let mut reworded = 10usize;
    let mut runs = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value: usize = args
            .next()
            .and_then(|v| v.parse().ok())
            .expect("a number after each option");
        match arg.as_str() {
            "--items" => items = value,
            "--reworded" => reworded = value.min(100),
            "--runs" => runs = value.max(1),
            other => {
                panic!("unknown argument {other}: use --items N, --reworded PERCENT, --runs N")
            }
        }
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    // A vocabulary of made-up words, so texts differ as real questions do.
    let vocabulary: Vec<String> = (0..5000)
        .map(|k| {
            let syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "du"];
            let mut w = String::new();
            let mut n = k + 1;
            while n > 0 {
                w.push_str(syllables[n % 10]);
                n /= 10;
            }
            w
        })
        .collect();
    let texts: Vec<String> = (0..items)
        .map(|_| {
            let mut words = vec!["How", "well", "do", "patient", "leaders", "and", "the"]
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>();
            for _ in 0..(6 + rng.below(6)) {
                words.push(vocabulary[rng.below(vocabulary.len())].clone());
            }
            words.push("in".into());
            words.push("the".into());
            words.push("organisation".into());
            words.join(" ")
        })
        .collect();

    let mut toml = String::from(
        "id = \"wide\"\ntitle = \"Wide\"\nversion = \"1\"\nsource = \"generated\"\n\n\
         [[scales]]\nid = \"s\"\nmin = 0\nmax = 4\n\n[[themes]]\nid = \"t\"\ntitle = \"T\"\n\n",
    );
    for (k, text) in texts.iter().enumerate() {
        toml.push_str(&format!(
            "[[items]]\nid = \"item-{k}\"\ntheme = \"t\"\ntext = \"{text}\"\n\n"
        ));
    }
    let assessment = load_str(&toml).expect("the generated assessment is valid");

    let mut order: Vec<usize> = (0..items).collect();
    for k in (1..order.len()).rev() {
        order.swap(k, rng.below(k + 1));
    }
    let columns: Vec<Column> = order
        .iter()
        .enumerate()
        .map(|(position, &k)| {
            let text = &texts[k];
            let name = if rng.below(100) < reworded {
                // Drop one of the item's own words, number it, and write "and" as ",".
                let words: Vec<&str> = text.split_whitespace().collect();
                let drop = 7 + rng.below(words.len() - 10);
                let kept: Vec<&str> = words
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != drop)
                    .map(|(_, w)| *w)
                    .collect();
                format!("Q{}. {}", position + 1, kept.join(" ").replace(" and", ","))
            } else {
                text.clone()
            };
            Column::named(name, Kind::Question)
        })
        .collect();

    let mut best = f64::INFINITY;
    let mut matching = None;
    for _ in 0..runs {
        let start = Instant::now();
        let m = match_items(&assessment, &columns, &[], true).expect("no ambiguity");
        best = best.min(start.elapsed().as_secs_f64());
        matching = Some(m);
    }
    let matching = matching.expect("at least one run");
    let by = |b: MatchedBy| {
        matching
            .items
            .iter()
            .flatten()
            .filter(|(_, m)| *m == b)
            .count()
    };
    let right = matching
        .items
        .iter()
        .enumerate()
        .filter(|(k, m)| m.is_some_and(|(c, _)| order[c] == *k))
        .count();
    println!(
        "{items} items x {} columns, {reworded}% reworded: {best:.3} s (best of {runs}); {} exact, {} by wording, {} unmatched, {right} right",
        columns.len(),
        by(MatchedBy::Text),
        by(MatchedBy::Wording),
        matching.items.iter().filter(|m| m.is_none()).count(),
    );
}
