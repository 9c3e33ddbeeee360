//! The built-in assessments: each file in assessments/ validates, the built-ins list
//! exactly the source documents' 10 building blocks, 8 roles and 6 types of patient leader
//! in the sources' own words, and every answers file in examples/ scores.
//!
//! The expected wording is copied here from the seeds (../shared/seeds), so the test does
//! not depend on them being beside the repository.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{Test, root};

/// Seed 001, the one-page summary: the 10 building blocks, word for word.
const BLOCKS: [(u32, &str); 10] = [
    (
        1,
        "Make patient leaders an integral part of formal and informal decision-making",
    ),
    (
        2,
        "Get patient leaders involved in the experience of care, shaping, co-designing and leading proposals from the earliest stage",
    ),
    (
        3,
        "Ensure systems invest in tailored, task-specific training and development of patient leaders",
    ),
    (
        4,
        "Devote time, resources and effort to building strong and meaningful relationships of respect and trust with patient leaders",
    ),
    (
        5,
        "Ensure that patient leaders can easily access what matters to local people as feedback that is robust, evidence-based and easy to understand and use",
    ),
    (
        6,
        "Listen to patients whose voices are traditionally not heard, using a range of media and working closely with organisations that have existing links with these communities",
    ),
    (
        7,
        "Place equal emphasis on making sense of and responding to the qualitative feedback from stories as on the quantitative evidence from numbers",
    ),
    (
        8,
        "Systematically log feedback AND report back (close the loop) on what has changed as a result of feedback",
    ),
    (
        9,
        "Foster an ‘improvement mind-set’ through the organisation so that everyone believes change is possible and things can be done differently",
    ),
    (
        10,
        "Put in place the supporting roles for transforming care outlined in the ‘8 Role Model’as below.",
    ),
];

/// Seed 001: the three themes, and the blocks in each.
const THEMES: [(&str, std::ops::RangeInclusive<u32>); 3] = [
    ("Invest in Patient Leaders", 1..=6),
    (
        "Put robust feedback mechanisms in place so that organisations listen",
        7..=8,
    ),
    ("Develop the culture and systems to act on feedback", 9..=10),
];

/// Seed 000, section 5.2, block 10: the 8 roles (name, description), word for word.
const ROLES: [(&str, &str); 8] = [
    (
        "People and Families",
        "Patient leaders emerge from this group. They are people who draw on their own life, health and care experiences, resources and ideas to make an active contribution to improving the experience of care and the health and well-being of others.",
    ),
    (
        "System leader champion",
        "This is a senior clinician or NHS manager who is passionate about listening to and responding to patients. The system leader champion works with the organisation's senior management team to set a vision that includes working with patients as leaders. They stay connected to patient leaders, meeting and listening to them so they feel involved, important and recognised.",
    ),
    (
        "The Linchpin",
        "The Linchpin welcomes patient leaders into the organisation and supports them to have an impact. The Linchpin is usually a middle grade NHS manager. Linchpins are highly skilled communicators, well-connected within their organisation and wider community and are able to connect patient leaders, managers and networks.",
    ),
    (
        "The Linchpin's line manager",
        "The line manager supports the Linchpin, and gives the Linchpin permission and freedom to do what needs to be done so that patient leaders can contribute.",
    ),
    (
        "Administrator",
        "The administrator provides administrative support to the Linchpin. The administrator arranges events, maintains stakeholder leaders, chases tasks and acts as a contact point for patient leaders. When this support is not place, the Linchpin will often take on the administrative tasks and this significantly reduces his/her broader effectiveness.",
    ),
    (
        "Facilitator-connectors",
        "The Facilitator-Connector helps patient leaders to access patient groups through their links to the community. Facilitator-Connectors may come from a community development background and be external to the organisation.",
    ),
    (
        "End Users",
        "The end users are clinicians and NHS Managers. Patient leaders need the end users' support because it is this group that will enact the changes identified by the patient leaders as necessary to improving patient care. Linchpins are the vital link between patient leaders and NHS managers.",
    ),
    (
        "Analysts",
        "Analysts turn complex feedback data into evidence-based, actionable insights that system leaders, Linchpins, NHS managers and patient leaders can all use to improve care experience.",
    ),
];

/// Seed 002, Point 6: the six types of patient leader with the chart's example roles.
const TYPES: [(&str, &[&str]); 6] = [
    (
        "Patient entrepreneurs",
        &["Project leader", "Business developer"],
    ),
    (
        "Community Enablers",
        &["Health Champion", "Community researcher"],
    ),
    ("Activists and campaigners", &[]),
    (
        "Informal representatives",
        &[
            "CCG locality reference group member",
            "Patient Participation Group member",
            "Programme representative",
            "Patient advisor",
            "Public advisor",
        ],
    ),
    (
        "Formal representatives",
        &[
            "FT Governor",
            "CCG Lay member",
            "Lay member of Health and Wellbeing Board",
        ],
    ),
    (
        "Peer to peer supporters",
        &["Lay advocate", "Coach", "Online mentor"],
    ),
];

/// Seed 002, Point 6: the key, which defines 0–4 only.
const KEY: [(i64, &str); 5] = [
    (0, "No links at all"),
    (
        1,
        "You are aware of these leaders but rely on informal contact from them.",
    ),
    (
        2,
        "You initiate contacts with these leaders but it tends to be ad hoc.",
    ),
    (
        3,
        "You initiate regular, systematic contact with these Patient Leaders.",
    ),
    (
        4,
        "You have a regular, effective, continuing dialogue with these Patient Leaders about improvement in health care",
    ),
];

/// An assessment as `plead show <id> --format json` gives it (the built-in, since the test
/// directory has no assessments/ of its own).
fn show(id: &str) -> Value {
    let run = Test::new().args(["show", id, "--format", "json"]).success();
    serde_json::from_str(&run.stdout).expect("show --format json prints JSON")
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

#[test]
fn the_building_blocks_are_the_ten_blocks_of_the_summary_in_its_three_themes() {
    let a = show("building-blocks");
    let items = a["items"].as_array().unwrap();
    assert_eq!(items.len(), 10);
    let themes = a["themes"].as_array().unwrap();
    let titles: Vec<&str> = themes
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = THEMES.iter().map(|(t, _)| *t).collect();
    assert_eq!(titles, expected);
    for ((number, text), item) in BLOCKS.iter().zip(items) {
        // The one change the file documents: block 10's "as below" points at a figure of the
        // web page, so plead leaves it out with its omission mark.
        let text = text.replace("’as below.", "’ […]");
        assert_eq!(item["text"], text.as_str(), "block {number}");
        let (_, blocks) = THEMES.iter().find(|(_, b)| b.contains(number)).unwrap();
        let theme = &themes[THEMES.iter().position(|(_, b)| b == blocks).unwrap()];
        assert_eq!(item["theme"], theme["id"], "block {number}");
    }
}

#[test]
fn the_role_model_is_the_eight_roles_of_the_report() {
    let a = show("role-model");
    let items = a["items"].as_array().unwrap();
    assert_eq!(items.len(), 8);
    for ((name, description), item) in ROLES.iter().zip(items) {
        // Short titles drop the report's "The"; the full name stays an alias.
        let short = name.strip_prefix("The ").unwrap_or(name);
        assert_eq!(item["title"], short, "{name}");
        if short != *name {
            assert!(strings(&item["aliases"]).contains(name), "{name}: {item}");
        }
        // Slips kept as the report has them are marked [sic].
        let text = item["text"].as_str().unwrap().replace(" [sic]", "");
        assert_eq!(text, *description, "{name}");
    }
}

#[test]
fn the_connection_tool_is_the_six_types_with_the_guides_examples_and_key() {
    let a = show("connection");
    assert_eq!(a["title"], "How well connected are you to Patient Leaders?");
    assert_eq!(a["themes"][0]["title"], "Location of Patient Leader");
    let items = a["items"].as_array().unwrap();
    assert_eq!(items.len(), 6);
    for ((name, examples), item) in TYPES.iter().zip(items) {
        assert_eq!(item["title"], *name);
        assert_eq!(strings(&item["examples"]), examples.to_vec(), "{name}");
    }
    let scale = &a["scales"][0];
    assert_eq!(
        (scale["min"].as_i64(), scale["max"].as_i64()),
        (Some(0), Some(5))
    );
    for (value, descriptor) in KEY {
        let point = scale["points"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["value"] == value)
            .unwrap_or_else(|| panic!("no point {value}"));
        assert_eq!(point["descriptor"], descriptor, "point {value}");
    }
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path, ext));
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn every_file_in_assessments_validates_and_is_a_built_in() {
    let paths = files(&root().join("assessments"), "toml");
    assert_eq!(paths.len(), 7, "{paths:?}");
    let args: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let run = Test::new().arg("validate").args(&args).success();
    assert_eq!(run.stdout.lines().count(), 7, "{}", run.stdout);
    for (path, line) in args.iter().zip(run.stdout.lines()) {
        let id = Path::new(path).file_stem().unwrap().to_str().unwrap();
        assert!(line.starts_with(&format!("{path}: ok ({id} ")), "{line}");
    }
    // Each file is what the binary has built in.
    for path in &paths {
        let id = path.file_stem().unwrap().to_str().unwrap();
        let from_file = Test::new()
            .args(["show", &path.display().to_string(), "-f", "json"])
            .success();
        let from_file: Value = serde_json::from_str(&from_file.stdout).unwrap();
        assert_eq!(from_file, show(id), "{id}");
    }
}

/// The assessment an answers file is for, if it is one.
fn answers_for(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let table: toml::Table =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: not TOML: {e}", path.display()));
    table.get("answers")?;
    let id = table
        .get("assessment")
        .and_then(|a| a.as_str())
        .unwrap_or_else(|| panic!("{}: give `assessment = \"<id>\"`", path.display()));
    Some(id.to_string())
}

#[test]
fn every_answers_file_in_examples_scores() {
    for path in files(&root().join("examples"), "toml") {
        let Some(id) = answers_for(&path) else {
            continue;
        };
        let run = Test::new()
            .args([
                "assess",
                &id,
                "--answers",
                &path.display().to_string(),
                "-f",
                "json",
            ])
            // The Result, written under its default name.
            .success()
            .stderr_has("wrote ");
        let doc: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(doc["assessment"]["id"], id.as_str(), "{}", path.display());
        assert!(
            doc["overall"]["answered"].as_u64() > Some(0),
            "{}: nothing answered",
            path.display()
        );
    }
}

#[test]
fn every_result_in_examples_renders() {
    for path in files(&root().join("examples"), "json") {
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(doc) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        if !doc["schema"]
            .as_str()
            .is_some_and(|s| s.starts_with("plead.result/"))
        {
            continue;
        }
        for format in ["table", "markdown", "csv", "json"] {
            Test::new()
                .args(["report", &path.display().to_string(), "-f", format])
                .success();
        }
    }
}

/// Seed 002, Point 8: the attributes of an effective Patient Leader, word for word.
const ATTRIBUTES: [&str; 8] = [
    "Leading themselves effectively (e.g. having a clear sense of what motivates them, their strengths, weaknesses, beliefs, values, purpose and vision).",
    "Leading by example – showing in their behaviour the values and principles associated with the changes they seek to make.",
    "Building effective relationships built on trust, credibility and respect.",
    "Ability to successfully challenge, and to manage conflict and disagreement.",
    "Communicating effectively, particularly using the skills of dialogue (advocacy and inquiry) and coaching.",
    "Seeing the big picture, act strategically whilst paying attention to results and outcomes.",
    "Becoming a lifelong learner.",
    "Building and maintaining a network of peer support.",
];

/// Seed 002, Point 10: Schein's ways in which leaders embed culture, word for word.
const MECHANISMS: [&str; 5] = [
    "By what they are seen to value and praise; what they measure and control",
    "How they react to critical incidents",
    "Where they allocate resources",
    "How they support and coach their staff",
    "How they are seen to promote staff or reward performance",
];

/// Seed 003: the touchstones for patient involvement, then the four levels, word for word.
const INVOLVEMENT: [&str; 9] = [
    "Involve patients from the very beginning and at all stages.",
    "Before you start, gain the enthusiasm and commitment of all those who will have to improve the way they do things.",
    "Make sure that people in the organisation, including key decision makers, know about your plans and will support any findings to improve practice.",
    "Make sure you learn as you go, so that you can do it better next time.",
    "Provide appropriate resources and support to all involved.",
    "Enabling them to play a formal role on governance, steering or advisory groups.",
    "Seeking their views on their experiences of their care, and on how care can be improved.",
    "Involving them in the design of any change or intervention.",
    "Helping you to win hearts and minds.",
];

fn texts(a: &Value) -> Vec<&str> {
    a["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["text"].as_str().unwrap())
        .collect()
}

#[test]
fn every_built_in_validates_and_cites_its_source() {
    let run = Test::new().args(["list", "--width", "200"]).success();
    let ids: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("built-in"))
        .filter_map(|l| l.trim_start_matches('│').split('┆').next())
        .map(str::trim)
        .collect();
    assert_eq!(
        ids,
        [
            "building-blocks",
            "role-model",
            "connection",
            "forty-ways",
            "leader-attributes",
            "culture",
            "involvement"
        ]
    );
    for id in ids {
        let path = root().join("assessments").join(format!("{id}.toml"));
        Test::new()
            .args(["validate", &path.display().to_string()])
            .success();
        let a = show(id);
        let source = a["source"].as_str().unwrap();
        assert!(
            source.contains("Bring it on")
                || source.contains("NHS England")
                || source.contains("The Health Foundation"),
            "{id}: {source}"
        );
        assert!(
            !a["note"].as_str().unwrap_or("").is_empty(),
            "{id}: no note"
        );
    }
}

#[test]
fn forty_ways_is_the_guides_forty_points_in_its_sections_as_a_checklist() {
    let a = show("forty-ways");
    let items = a["items"].as_array().unwrap();
    assert_eq!(items.len(), 40);
    for (n, item) in items.iter().enumerate() {
        assert!(
            strings(&item["aliases"]).contains(&format!("Point {}", n + 1).as_str()),
            "{item}"
        );
        assert!(!item["guidance"].as_array().unwrap().is_empty(), "{item}");
    }
    let per_theme: Vec<usize> = a["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| items.iter().filter(|i| i["theme"] == t["id"]).count())
        .collect();
    assert_eq!(per_theme, [4, 4, 8, 8, 8, 8]);
    assert_eq!(
        items[22]["text"],
        "Build Patient leadership info [sic] formal engagement mechanisms"
    );
    assert_eq!(items[39]["text"], "Keep it going");
    let labels: Vec<&str> = a["scales"][0]["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Not yet", "Partly", "Done"]);
    assert_eq!(a["scales"][0]["not_applicable"], true);
    assert_eq!(a["action_list"], true);
}

#[test]
fn a_forty_ways_report_ends_with_what_is_not_yet_done_section_by_section() {
    let answers = root().join("examples/answers/forty-ways.toml");
    let run = Test::new()
        .args([
            "assess",
            "forty-ways",
            "--answers",
            &answers.display().to_string(),
            "-f",
            "markdown",
        ])
        .success()
        .stderr(
            "wrote northshire-community-nhs-trust-forty-ways-2026-q3.json\n\
             wrote northshire-community-nhs-trust-forty-ways-2026-q3.md\n",
        );
    let list = run
        .stdout
        .split("## Action list")
        .nth(1)
        .unwrap_or_else(|| panic!("no action list:\n{}", run.stdout));
    let list = list.split("\n## ").next().unwrap();
    assert!(
        list.contains(
            "Finding the right Patient Leaders:\n\n- Identify and recruit (Partly)\n\
             - Get help from internal colleagues (Partly)\n\
             - Provide incentives (Not yet): Adopt a payment and reimbursement policy\n"
        ),
        "{list}"
    );
    // Done and not applicable points are not on it.
    assert!(!list.contains("Why we need Patient Leaders"), "{list}");
    assert!(!list.contains("Work with business partners"), "{list}");
    // Without the key, a report has no action list.
    let building_blocks = root().join("examples/answers/building-blocks.toml");
    let run = Test::new()
        .args([
            "assess",
            "building-blocks",
            "--answers",
            &building_blocks.display().to_string(),
            "-f",
            "markdown",
        ])
        .success()
        .stderr_has("wrote northshire-community-nhs-trust-building-blocks-2026-q3.json");
    assert!(!run.stdout.contains("Action list"), "{}", run.stdout);
}

#[test]
fn leader_attributes_culture_and_involvement_keep_the_sources_words() {
    assert_eq!(texts(&show("leader-attributes")), ATTRIBUTES);
    assert_eq!(texts(&show("culture")), MECHANISMS);
    let involvement = show("involvement");
    assert_eq!(texts(&involvement), INVOLVEMENT);
    let scales: Vec<&str> = involvement["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["scale"].as_str().unwrap())
        .collect();
    assert_eq!(scales, [["extent"; 5].as_slice(), &["use"; 4]].concat());
}
