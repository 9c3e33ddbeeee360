//! How the built-ins' wording reads outside the source documents (issue 16): questions that
//! name their subject, guidance under the label of its kind, quotations with their
//! speakers, no pointers into a document the reader does not have, restored cuts, and the
//! "development tool" sentence attributed or replaced. Each test is named after the defect
//! it pins, seen with the build before the fix.

use serde_json::Value;

use crate::support::{Test, root};

fn show(id: &str) -> Value {
    let run = Test::new().args(["show", id, "-f", "json"]).success();
    serde_json::from_str(&run.stdout).unwrap()
}

fn item<'a>(a: &'a Value, id: &str) -> &'a Value {
    a["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

/// The texts of an item's passages of one list, joined.
fn passages(item: &Value, list: &str) -> String {
    item[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The template's returns headers: Role, then one question per item (the free-text
/// questions that follow them left out).
fn returns_headers(id: &str) -> Vec<String> {
    let run = Test::new()
        .args(["template", id, "-f", "csv", "--out", "t.csv"])
        .success()
        .stderr_has("wrote t.csv");
    let text = run.file("t.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let items = show(id)["items"].as_array().unwrap().len();
    reader
        .headers()
        .unwrap()
        .iter()
        .take(1 + items)
        .map(String::from)
        .collect()
}

#[test]
fn role_model_survey_questions_said_patient_leaders_emerge_from_this_group_without_the_role() {
    let headers = returns_headers("role-model");
    let a = show("role-model");
    for (header, item) in headers[1..].iter().zip(a["items"].as_array().unwrap()) {
        let title = item["title"].as_str().unwrap().to_lowercase();
        assert!(
            header.to_lowercase().contains(&title),
            "{header} does not name {title}"
        );
        assert!(header.ends_with("how far is this role in place in your organisation?"));
    }
}

#[test]
fn culture_asked_how_they_react_to_critical_incidents_without_saying_who_they_are() {
    let headers = returns_headers("culture");
    assert_eq!(
        headers[2],
        "How consistently do the leaders of your organisation embed Patient Leadership in how they react to critical incidents?"
    );
    assert!(
        headers[1..]
            .iter()
            .all(|h| h.contains("leaders of your organisation"))
    );
}

#[test]
fn involvement_asked_helping_you_to_win_hearts_and_minds_on_a_use_scale() {
    let headers = returns_headers("involvement");
    let last = headers.last().unwrap();
    assert!(
        last.contains("communicating your improvement work"),
        "{last}"
    );
    assert!(last.contains("win hearts and minds"), "{last}");
    assert!(last.ends_with("how far do you use this?"), "{last}");
}

#[test]
fn forty_ways_headings_that_cannot_be_done_get_a_checkable_question_and_keep_their_title() {
    let a = show("forty-ways");
    for (n, item) in a["items"].as_array().unwrap().iter().enumerate() {
        let question = item["question"].as_str().unwrap();
        assert!(
            question.starts_with(&format!("Point {}", n + 1)),
            "{question}"
        );
        assert!(question.ends_with('?'), "{question}");
        assert_eq!(item["title"], item["text"], "the heading stays the title");
    }
    let why = item(&a, "why-patient-leaders");
    assert_eq!(why["title"], "Why we need Patient Leaders");
    assert!(
        why["question"]
            .as_str()
            .unwrap()
            .contains("has your organisation agreed why")
    );
}

#[test]
fn leader_attributes_rated_third_person_text_on_a_first_person_scale() {
    let a = show("leader-attributes");
    for item in a["items"].as_array().unwrap() {
        let question = item["question"].as_str().unwrap();
        assert!(question.starts_with("I "), "{question}");
        for third in [" their ", " them ", " they "] {
            assert!(!question.contains(third), "{question}");
        }
    }
    let headers = returns_headers("leader-attributes");
    assert!(
        headers[1].starts_with("I lead myself effectively"),
        "{}",
        headers[1]
    );
}

#[test]
fn score_reads_returns_headed_by_the_question_and_by_an_older_templates_source_text() {
    // Half the columns as the 1.1 template asks them, half as older templates did (the
    // item's text, block 10 with the summary's "as below.").
    let a = show("building-blocks");
    let items = a["items"].as_array().unwrap();
    let mut header = vec!["Role".to_string()];
    for (n, i) in items.iter().enumerate() {
        header.push(if n < 5 {
            i["question"].as_str().unwrap().to_string()
        } else if i["id"] == "supporting-roles" {
            "Put in place the supporting roles for transforming care outlined in the ‘8 Role Model’as below.".to_string()
        } else {
            i["text"].as_str().unwrap().to_string()
        });
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).unwrap();
    for r in 0..12 {
        let mut row = vec!["Staff".to_string()];
        row.extend(
            (0..10).map(|c| ["Not in place", "Developing", "Established"][(r + c) % 3].to_string()),
        );
        w.write_record(&row).unwrap();
    }
    let run = Test::new()
        .write("returns.csv", w.into_inner().unwrap())
        .args([
            "score",
            "building-blocks",
            "returns.csv",
            "--out",
            "r.json",
            "--strict",
        ])
        .success().stderr_has("read returns.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 12 rows, 12 respondents");
    let doc: Value = serde_json::from_str(&run.file("r.json")).unwrap();
    for i in doc["items"].as_array().unwrap() {
        assert_eq!(i["n"], 12, "{}", i["id"]);
    }
}

#[test]
fn guidance_was_labelled_what_good_looks_like_even_when_it_is_a_pitfall() {
    let run = Test::new()
        .args(["show", "involvement", "--width", "400"])
        .success();
    assert!(run.stdout.contains(
        "A pitfall: Another common mistake is to involve patients only at the beginning"
    ));
    assert!(
        !run.stdout
            .contains("What good looks like: Another common mistake")
    );
    let run = Test::new()
        .args(["show", "role-model", "--width", "400"])
        .success();
    assert!(
        run.stdout
            .contains("A pitfall: Many NHS organisations told us that they struggle to analyse qualitative feedback")
    );
    let bb = show("building-blocks");
    assert_eq!(
        item(&bb, "decision-making")["guidance"][0]["kind"],
        "evidence"
    );
}

#[test]
fn quotations_of_jane_maher_and_michael_nation_were_unattributed() {
    let run = Test::new()
        .args(["show", "involvement", "--width", "400"])
        .success();
    assert!(run.stdout.contains(
        "In their words — Professor Jane Maher, Chief Medical Officer, Macmillan Cancer Support: ... If you develop recommendations"
    ));
    assert!(run.stdout.contains(
        "In their words — Michael Nation, Development Director, Kidney Research UK: “The patient perspective is key."
    ));
    let run = Test::new()
        .args(["template", "involvement", "-f", "markdown"])
        .success();
    assert!(
        run.stdout
            .contains("Professor Jane Maher, Macmillan Cancer Support")
    );
    // A finding quoting Jane Maher names her too.
    let a = show("involvement");
    let finding = a["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "no-resources")
        .unwrap();
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("(Professor Jane Maher, Chief Medical Officer, Macmillan Cancer Support)")
    );
}

#[test]
fn passages_pointed_into_a_document_the_reader_does_not_have() {
    // "see Point 38" is a pointer only where the assessment does not hold Point 38.
    const POINTERS: [&str; 10] = [
        "as below",
        "on page",
        "on Page",
        "of this Guide",
        "outlined in section one",
        "in section one",
        "mentioned above",
        "described in this guide",
        "see this paper",
        "see Point",
    ];
    for id in [
        "building-blocks",
        "role-model",
        "connection",
        "forty-ways",
        "leader-attributes",
        "culture",
        "involvement",
    ] {
        let a = show(id);
        let mut texts = vec![a["description"].as_str().unwrap().to_string()];
        for i in a["items"].as_array().unwrap() {
            texts.push(i["text"].as_str().unwrap().to_string());
            texts.push(i["question"].as_str().unwrap().to_string());
            texts.push(passages(i, "guidance"));
            texts.push(passages(i, "prompts"));
        }
        for f in a["findings"].as_array().unwrap() {
            texts.push(f["message"].as_str().unwrap().to_string());
        }
        for text in texts {
            for p in POINTERS {
                if id == "forty-ways" && p == "see Point" {
                    continue;
                }
                assert!(!text.contains(p), "{id}: \"{p}\" in {text}");
            }
        }
    }
}

#[test]
fn typos_were_kept_without_sic() {
    let rm = show("role-model");
    let admin = item(&rm, "administrator")["text"].as_str().unwrap();
    assert!(
        admin.contains("maintains stakeholder leaders [sic]"),
        "{admin}"
    );
    assert!(admin.contains("is not [sic] place"), "{admin}");
    assert!(
        rm["description"]
            .as_str()
            .unwrap()
            .contains("there [sic] eight")
    );
    let bb = show("building-blocks");
    assert!(passages(item(&bb, "supporting-roles"), "guidance").contains("there [sic] eight"));
    let fw = show("forty-ways");
    assert_eq!(
        item(&fw, "formal-engagement")["text"],
        "Build Patient leadership info [sic] formal engagement mechanisms"
    );
}

#[test]
fn block_6_dropped_the_narrow_group_sentence_and_the_finding_gave_the_reports_words_to_the_organisations()
 {
    let bb = show("building-blocks");
    let guidance = passages(item(&bb, "seldom-heard"), "guidance");
    assert!(guidance.contains("[…] The organisations recognised that their patient leaders come from a relatively narrow group"));
    let finding = bb["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "narrow-group-of-leaders")
        .unwrap();
    let message = finding["message"].as_str().unwrap();
    assert!(
        message.contains(
            "The report concludes: “Moving forward, patient leaders and NHS organisations will need"
        ),
        "{message}"
    );
}

#[test]
fn the_formal_representatives_prompt_stopped_before_point_27s_alternative() {
    let c = show("connection");
    let prompts = passages(item(&c, "formal-representatives"), "prompts");
    assert!(prompts.contains("Alternatively, you could re-think the role of representatives"));
}

#[test]
fn forty_ways_point_2_used_ppe_before_defining_it() {
    let fw = show("forty-ways");
    let guidance = passages(item(&fw, "beyond-engagement"), "guidance");
    let defined = guidance
        .find("patient and public engagement (PPE)")
        .unwrap();
    let used = guidance.find("PPE is often").unwrap();
    assert!(defined < used);
    let p1 = passages(item(&fw, "why-patient-leaders"), "guidance");
    assert!(p1.starts_with("There are numerous and unprecedented challenges"));
}

#[test]
fn every_page_showed_the_guides_development_tool_sentence_unattributed() {
    let connection = Test::new()
        .args(["template", "connection", "-f", "html"])
        .success();
    assert!(connection.stdout.contains(
        "“This is a development tool, not a benchmarking exercise.” (Bring it on (2013), Section 2, Point 6, pp. 10–17)"
    ));
    for id in ["building-blocks", "role-model", "involvement", "forty-ways"] {
        let run = Test::new().args(["template", id, "-f", "html"]).success();
        let note = run.stdout.split("<p class=\"tool-note\">").nth(1).unwrap();
        let note = &note[..note.find("</p>").unwrap()];
        assert!(!note.contains("benchmarking"), "{id}: {note}");
        assert!(note.ends_with("(plead&#39;s note)"), "{id}: {note}");
    }
}

#[test]
fn the_html_action_plan_shows_the_guides_passage_under_its_label_with_its_source() {
    let answers = root().join("examples/answers/building-blocks.toml");
    let run = Test::new()
        .args(["assess", "building-blocks", "--answers"])
        .arg(answers.display().to_string())
        .args(["--out", "r.json"])
        .success()
        .stderr_has("wrote r.json");
    let html = Test::new()
        .write("r.json", run.file("r.json"))
        .args(["report", "r.json", "-f", "html"])
        .success();
    assert!(
        html.stdout
            .contains("<th scope=\"col\">From the guide</th>")
    );
    assert!(html.stdout.contains(
        "<strong>From the study:</strong> The organisations in this study chose different ways"
    ));
    assert!(html.stdout.contains(
        "<span class=\"muted\">[NHS England (2015), section 5.2, building block 1, pp. 24–29]</span>"
    ));
}

#[test]
fn the_questionnaire_asks_the_question_and_cites_each_passage() {
    let run = Test::new()
        .args(["template", "involvement", "-f", "markdown"])
        .success();
    assert!(run.stdout.contains(
        "**Involving patients, carers and the community in communicating your improvement work, to help you win hearts and minds: how far do you use this?**"
    ));
    assert!(
        run.stdout.contains(
            "*Source: The Health Foundation, Involving patients in improvement (briefing)"
        )
    );
    assert!(run.stdout.contains("*A pitfall:* Another common mistake"));
    assert!(run.stdout.contains("\\[The Health Foundation, Involving patients in improvement (briefing), “How to involve patients and carers in improvement work”, p. 2\\]"));
}

#[test]
fn the_workshop_shows_each_passage_under_its_label_with_speaker_and_source() {
    // Each item: its rating, then Enter for the next item.
    let answers: String = (0..9).map(|_| "2\n\n").collect::<String>() + "Finish\n";
    let run = Test::new()
        .write("s.txt", answers)
        .args([
            "assess",
            "involvement",
            "--org",
            "Northshire",
            "--period",
            "2026-Q3",
        ])
        .args(["--script", "s.txt", "--out", "r.json"])
        .success()
        .stderr_has("Involving patients in improvement work — Northshire, 2026-Q3");
    assert!(
        run.stderr.contains("A pitfall: Another common mistake"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("In their words — Michael Nation, Development Director, Kidney Research UK:")
    );
    assert!(run.stderr.contains("[The Health Foundation, Involving patients in improvement (briefing), “What others say”, p. 4]"));
    assert!(run.stderr.contains("Source: The Health Foundation"));
}
