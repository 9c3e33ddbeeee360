//! `plead validate`, and every way an assessment file can be wrong: each problem as
//! `file:line:column: message`, exit 2, never a panic. Each malformed file is also given
//! to `plead show`, which must refuse it with the same words.

use crate::support::{Run, Test};

/// A small valid assessment; the tests below name its lines (items a and b are on lines
/// 18–21 and 23–26, the last line).
pub const MINI: &str = include_str!("../fixtures/mini.toml");

/// MINI with one piece of text replaced (which must be there).
fn mini_with(from: &str, to: &str) -> String {
    assert!(MINI.contains(from), "MINI has no {from:?}");
    MINI.replacen(from, to, 1)
}

/// Checks that `plead validate` and `plead show` both reject `contents` with exactly
/// these problems (each `line:column: message`).
fn rejects(contents: impl AsRef<[u8]>, problems: &[&str]) {
    let contents = contents.as_ref();
    let lines: Vec<String> = problems.iter().map(|p| format!("bad.toml:{p}")).collect();
    let lines = lines.join("\n");
    Test::new()
        .write("bad.toml", contents)
        .args(["validate", "bad.toml"])
        .fails(2)
        .stdout("")
        .stderr(&format!("{lines}\nerror: 1 of 1 file is not valid\n"));
    Test::new()
        .write("bad.toml", contents)
        .args(["show", "bad.toml"])
        .fails(2)
        .stdout("")
        .stderr(&format!("error: {lines}\n"));
}

fn validate(files: &[(&str, &str)], args: &[&str]) -> Run {
    let mut test = Test::new().arg("validate");
    for (name, contents) in files {
        test = test.write(name, contents);
    }
    test.args(args).any_code().run()
}

#[test]
fn a_valid_file_is_ok() {
    validate(&[("mini.toml", MINI)], &["mini.toml"])
        .code(0)
        .stdout("mini.toml: ok (mini 1.0, 2 items)\n")
        .stderr("");
}

#[test]
fn every_file_is_checked_and_any_invalid_one_fails_the_run() {
    validate(
        &[
            ("mini.toml", MINI),
            ("empty.toml", ""),
            ("other.toml", &mini_with("\"mini\"", "\"other\"")),
        ],
        &["mini.toml", "empty.toml", "other.toml"],
    )
    .code(2)
    .stdout("mini.toml: ok (mini 1.0, 2 items)\nother.toml: ok (other 1.0, 2 items)\n")
    .stderr(
        "empty.toml:1:1: the file is empty: an assessment needs id, title, version, source, \
         scales, themes and items\nerror: 1 of 3 files are not valid\n",
    );
}

#[test]
fn a_missing_file_is_named_without_a_made_up_place() {
    validate(&[], &["nowhere.toml"]).code(2).stdout("").stderr(
        "nowhere.toml: cannot read the file: No such file or directory (os error 2)\n\
             error: 1 of 1 file is not valid\n",
    );
}

#[test]
fn validate_needs_a_file() {
    let run = Test::new()
        .arg("validate")
        .fails(2)
        .stderr_has("error: the following required arguments were not provided:");
    assert!(
        run.stderr.contains("<FILE.toml>"),
        "usage error: {}",
        run.stderr
    );
}

#[test]
fn an_empty_file() {
    let empty = "1:1: the file is empty: an assessment needs id, title, version, source, \
                 scales, themes and items";
    rejects("", &[empty]);
    rejects("\n  \n", &[empty]);
    rejects("# an assessment, one day\n\n", &[empty]);
}

#[test]
fn a_file_that_is_not_toml() {
    rejects(
        "This is the building blocks assessment.\nRate each block from 0 to 4.\n",
        &["1:6: key with no value, expected `=`"],
    );
    rejects(
        "{\"id\": \"mini\"}\n",
        &["1:1: invalid key-value pair, expected key"],
    );
    // Unterminated string, on the line it starts.
    rejects(
        mini_with("text = \"Item A\"", "text = \"Item A"),
        &["21:15: invalid basic string, expected `\"`"],
    );
}

#[test]
fn a_value_of_the_wrong_type() {
    rejects(
        mini_with("version = \"1.0\"", "version = 1.0"),
        &["3:11: invalid type: floating point `1.0`, expected a string"],
    );
    rejects(
        format!("{MINI}weight = \"heavy\"\n"),
        &["27:10: invalid type: string \"heavy\", expected a number"],
    );
    rejects(
        mini_with("{ value = 4,", "{ value = \"four\","),
        &["11:13: invalid type: string \"four\", expected a whole number"],
    );
    rejects(
        mini_with("not_applicable = true", "not_applicable = \"yes\""),
        &["8:18: invalid type: string \"yes\", expected a boolean"],
    );
}

#[test]
fn a_missing_key_points_at_its_table() {
    rejects(
        mini_with("text = \"Item B\"\n", ""),
        &["23:1: missing field `text`"],
    );
    rejects(
        mini_with("version = \"1.0\"\n", ""),
        &["1:1: missing field `version`"],
    );
}

#[test]
fn an_unknown_key_is_named() {
    rejects(
        mini_with(
            "source = \"A test\"\n",
            "source = \"A test\"\ncolour = \"red\"\n",
        ),
        &[
            "5:1: unknown field `colour`, expected one of `id`, `title`, `version`, `source`, \
             `description`, `note`, `gap_threshold`, `banner`, `action_list`, `scales`, `themes`, `items`, \
             `fields`, `bands`, `findings`, `comments`",
        ],
    );
    rejects(
        format!("{MINI}wieght = 2\n"),
        &[
            "27:1: unknown field `wieght`, expected one of `id`, `theme`, `title`, `text`, \
             `cite`, `question`, `question_by`, `guidance`, `prompts`, `weight`, `scale`, \
             `aliases`, `examples`",
        ],
    );
    rejects(
        mini_with(
            "{ value = 0, label = \"None\" }",
            "{ value = 0, label = \"None\", colour = \"red\" }",
        ),
        &["10:32: unknown field `colour`, expected one of `value`, `label`, `descriptor`"],
    );
}

#[test]
fn a_label_for_a_point_outside_the_scale() {
    let text = mini_with(
        "not_applicable = true\n",
        "not_applicable = true\nmax = 4\n",
    );
    let text = text.replacen(
        "{ value = 4, label = \"Full\" },\n",
        "{ value = 4, label = \"Full\" },\n  { value = 5, label = \"Beyond\" },\n",
        1,
    );
    rejects(
        &text,
        &["13:13: a label for point 5, which is outside the scale 0–4"],
    );
}

#[test]
fn a_scale_that_cannot_be_rated() {
    rejects(
        mini_with(
            "not_applicable = true\n",
            "not_applicable = true\nmin = 4\n",
        ),
        &[
            "10:10: the scale runs from 4 to 4: max must be greater than min",
            "11:13: a label for point 0, which is outside the scale 4–4",
        ],
    );
    rejects(
        mini_with(
            "not_applicable = true\n",
            "not_applicable = true\nmax = 1000\n",
        ),
        &["9:7: the scale runs from 0 to 1000: a scale may span at most 100 steps (e.g. 0–100)"],
    );
    rejects(
        mini_with(
            "{ value = 4, label = \"Full\" }",
            "{ value = 4, label = \"none\" }",
        ),
        &["11:24: label \"none\" is used twice in this scale: labels must tell points apart"],
    );
    rejects(
        mini_with(
            "{ value = 0, label = \"None\" },\n",
            "{ value = 0, label = \"None\" },\n  { value = 0, label = \"Zero\" },\n",
        ),
        &["11:13: point 0 is labelled twice"],
    );
}

#[test]
fn a_duplicate_id() {
    rejects(
        mini_with("id = \"b\"", "id = \"a\""),
        &["24:6: duplicate item id \"a\": each item needs its own id"],
    );
    rejects(
        format!("{MINI}\n[[themes]]\nid = \"t\"\ntitle = \"Again\"\n"),
        &["29:6: duplicate theme id \"t\": each theme needs its own id"],
    );
}

#[test]
fn an_item_in_an_unknown_theme() {
    rejects(
        MINI.replace(
            "theme = \"t\"\ntext = \"Item B\"",
            "theme = \"tt\"\ntext = \"Item B\"",
        ),
        &["25:9: item \"b\" is in an unknown theme \"tt\" (themes: t)"],
    );
}

#[test]
fn an_item_on_an_unknown_scale() {
    rejects(
        format!("{MINI}scale = \"stars\"\n"),
        &["27:9: unknown scale \"stars\" (scales: s)"],
    );
}

#[test]
fn a_weight_of_zero_or_less() {
    rejects(
        format!("{MINI}weight = 0\n"),
        &["27:10: weight 0 must be a number greater than 0 and at most 1000"],
    );
    rejects(
        format!("{MINI}weight = -1.5\n"),
        &["27:10: weight -1.5 must be a number greater than 0 and at most 1000"],
    );
    rejects(
        format!("{MINI}weight = nan\n"),
        &["27:10: weight NaN must be a number greater than 0 and at most 1000"],
    );
}

/// A weight of 1e308 overflowed the weighted sums: overall score null beside "8 of 8
/// answered, 100%".
#[test]
fn a_weight_too_large_to_sum_is_refused() {
    rejects(
        format!("{MINI}weight = 1e308\n"),
        &["27:10: weight 1e308 must be a number greater than 0 and at most 1000"],
    );
    rejects(
        format!("{MINI}weight = inf\n"),
        &["27:10: weight inf must be a number greater than 0 and at most 1000"],
    );
}

const FINDING: &str = "\n[[findings]]\nid = \"f\"\nseverity = \"high\"\nmessage = \"m\"\n";

#[test]
fn a_findings_rule_naming_a_missing_item() {
    // Lines 27–31 are the finding's header; its rule is on line 32.
    rejects(
        format!(
            "{MINI}{FINDING}all = [{{ item = \"a\", below = 1 }}, {{ item = \"zz\", below = 1 }}]\n"
        ),
        &["32:44: unknown item \"zz\" (items: a, b)"],
    );
    rejects(
        format!("{MINI}{FINDING}any = [{{ item = \"c\", at_least = 3 }}]\n"),
        &["32:17: unknown item \"c\" (items: a, b)"],
    );
    rejects(
        format!("{MINI}{FINDING}each = {{ below = 1, items = [\"b\", \"q\"] }}\n"),
        &["32:35: unknown item \"q\" (items: a, b)"],
    );
}

#[test]
fn a_findings_rule_that_is_not_one_rule() {
    rejects(
        format!("{MINI}{FINDING}"),
        &["29:6: finding \"f\" needs exactly one of `all`, `any` or `each`"],
    );
    rejects(
        format!("{MINI}{FINDING}all = [{{ item = \"a\" }}]\n"),
        &["32:8: a condition needs exactly one of `below` or `at_least`"],
    );
    rejects(
        format!("{MINI}{FINDING}all = []\n"),
        &["32:7: a rule needs at least one condition"],
    );
    rejects(
        format!("{MINI}{FINDING}").replace("\"high\"", "\"urgent\""),
        &["30:12: unknown variant `urgent`, expected one of `high`, `medium`, `low`"],
    );
}

#[test]
fn a_findings_threshold_outside_the_items_scale() {
    rejects(
        format!("{MINI}{FINDING}all = [{{ item = \"a\", at_least = 7 }}]\n"),
        &["32:8: `at_least = 7` would never hold: item \"a\" scores from 0 to 4"],
    );
    rejects(
        format!("{MINI}{FINDING}any = [{{ item = \"b\", below = 5 }}]\n"),
        &["32:8: `below = 5` would always hold: item \"b\" scores from 0 to 4"],
    );
    rejects(
        format!("{MINI}{FINDING}each = {{ below = 0 }}\n"),
        &["32:8: `below = 0` would never hold: item \"a\" scores from 0 to 4"],
    );
}

const BAND: &str = "\n[[bands]]\nlabel = \"{label}\"\nmin = {min}\nmax = {max}\n";

fn bands(list: &[(&str, &str, &str)]) -> String {
    let mut s = MINI.to_string();
    for (label, min, max) in list {
        s.push_str(
            &BAND
                .replace("{label}", label)
                .replace("{min}", min)
                .replace("{max}", max),
        );
    }
    s
}

#[test]
fn bands_with_a_gap_or_an_overlap() {
    // Each band takes five lines, the first blank: band k's min is on line 25 + 5k.
    rejects(
        bands(&[("Low", "0", "40"), ("High", "50", "100")]),
        &["35:7: bands leave a gap: nothing covers 40 to 50 between \"Low\" and \"High\""],
    );
    rejects(
        bands(&[("Low", "0", "60"), ("High", "50", "100")]),
        &["35:7: bands overlap: \"High\" starts at 50 but \"Low\" runs to 60"],
    );
    rejects(
        bands(&[("Low", "10", "50"), ("High", "50", "100")]),
        &[
            "30:7: bands leave a gap: nothing covers 0 to 10 (bands must cover 0–100 without \
             gaps or overlaps)",
        ],
    );
    rejects(
        bands(&[("Low", "0", "50"), ("High", "50", "90")]),
        &["36:7: bands leave a gap: the last band ends at 90 but must end at 100"],
    );
    rejects(
        bands(&[
            ("Low", "0", "50"),
            ("Odd", "70", "60"),
            ("High", "50", "100"),
        ]),
        &[
            "35:7: bands overlap: \"Odd\" starts at 70 but \"High\" runs to 100",
            "36:7: band \"Odd\" runs from 70 to 60: max must be greater than min",
            "36:7: bands leave a gap: the last band ends at 60 but must end at 100",
        ],
    );
}

#[test]
fn bands_in_any_order_that_cover_0_to_100_are_valid() {
    validate(
        &[(
            "mini.toml",
            &bands(&[("High", "50", "100"), ("Low", "0", "50")]),
        )],
        &["mini.toml"],
    )
    .code(0)
    .stdout("mini.toml: ok (mini 1.0, 2 items)\n");
}

#[test]
fn a_file_that_is_not_utf8() {
    let mut bytes = MINI.as_bytes().to_vec();
    let at = MINI.find("Theme").unwrap() + 2;
    // "Théme" as Windows-1252 writes it: é is the single byte 0xE9.
    bytes.splice(at..at, [0xE9]);
    rejects(
        &bytes,
        &["16:12: the file is not UTF-8 text (save it as UTF-8 and try again)"],
    );
    // UTF-16 (as Notepad once saved by default) fails at its byte-order mark.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(MINI.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    rejects(
        &utf16,
        &["1:1: the file is not UTF-8 text (save it as UTF-8 and try again)"],
    );
}

#[test]
fn every_problem_is_reported_in_one_pass() {
    let text = mini_with("id = \"b\"", "id = \"a\"").replace(
        "theme = \"t\"\ntext = \"Item B\"",
        "theme = \"tt\"\ntext = \"Item B\"",
    ) + "weight = 0\n"
        + FINDING
        + "all = [{ item = \"zz\", below = 1 }]\n";
    rejects(
        &text,
        &[
            "24:6: duplicate item id \"a\": each item needs its own id",
            "25:9: item \"a\" is in an unknown theme \"tt\" (themes: t)",
            "27:10: weight 0 must be a number greater than 0 and at most 1000",
            "33:17: unknown item \"zz\" (items: a)",
        ],
    );
}

#[test]
fn the_id_must_be_a_plain_name() {
    rejects(
        mini_with("id = \"mini\"", "id = \"Mini Assessment\""),
        &[
            "1:6: id \"Mini Assessment\" must be lower-case letters, digits, '-' and '_' (e.g. \
             \"building-blocks\")",
        ],
    );
}

#[test]
fn a_gap_threshold_outside_the_scale() {
    rejects(
        mini_with(
            "source = \"A test\"\n",
            "source = \"A test\"\ngap_threshold = 7\n",
        ),
        &["5:17: gap_threshold 7 is outside the scale 0–4"],
    );
}

#[test]
fn a_field_of_the_wrong_kind() {
    let field = "\n[[fields]]\nid = \"who\"\nlabel = \"Who?\"\n";
    rejects(
        format!("{MINI}{field}kind = \"choice\"\n"),
        &["31:8: a choice field needs a non-empty list of choices"],
    );
    rejects(
        format!("{MINI}{field}kind = \"text\"\nchoices = [\"x\"]\n"),
        &["32:11: a text field takes no choices (use kind = \"choice\")"],
    );
    rejects(
        format!("{MINI}{field}kind = \"number\"\n"),
        &["31:8: unknown variant `number`, expected `text` or `choice`"],
    );
}

#[test]
fn comment_questions_are_counted_when_valid() {
    let with = format!(
        "{MINI}\n[[comments]]\nid = \"t-stories\"\ntheme = \"t\"\nquestion = \"What lies behind your ratings?\"\nquestion_by = \"plead\"\n\n[[comments]]\nid = \"anything-else\"\nquestion = \"Anything else?\"\n"
    );
    validate(&[("mini.toml", &with)], &["mini.toml"])
        .code(0)
        .stdout("mini.toml: ok (mini 1.0, 2 items, 2 comment questions)\n")
        .stderr("");
}

#[test]
fn a_comment_question_s_mistakes_point_at_their_line() {
    // Lines 28 on: MINI ends on line 26, then a blank line.
    rejects(
        format!(
            "{MINI}\n[[comments]]\nid = \"a\"\nquestion = \" \"\ntheme = \"nope\"\n\n[[comments]]\nid = \"Bad Id\"\nquestion = \"Why?\"\nitem = \"c\"\n\n[[comments]]\nid = \"two\"\nquestion = \"Which?\"\ntheme = \"t\"\nitem = \"a\"\naliases = [\"\"]\n\n[[comments]]\nid = \"two\"\nquestion = \"Again?\"\n"
        ),
        &[
            "29:6: comment id \"a\" is also an item's id: `--map a=COLUMN` must name one question",
            "30:12: the question is empty: give the words a respondent reads",
            "31:9: comment \"a\" is about an unknown theme \"nope\" (themes: t)",
            "34:6: comment id \"Bad Id\" must be lower-case letters, digits, '-' and '_' (e.g. \"anything-else\")",
            "36:8: comment \"Bad Id\" is about an unknown item \"c\" (items: a, b)",
            "42:8: a comment question belongs to a theme or to an item, not both: keep one",
            "43:12: an alias is empty: give a header a survey export may use",
            "46:6: duplicate comment id \"two\": each comment needs its own id",
        ],
    );
}
