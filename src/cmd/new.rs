//! `plead new`: a custom assessment to start from — every key of the format, each with a
//! comment saying what it does — that `plead validate` accepts as it stands.

use anyhow::{Context, bail};

use crate::cli::NewArgs;
use crate::output::Dest;

pub fn run(args: NewArgs) -> anyhow::Result<()> {
    let id = &args.id;
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        bail!(
            "id {id:?} must be lower-case letters, digits and '-' (e.g. \"our-framework\"): it names the assessment in commands and files"
        );
    }
    let text = scaffold(id);
    // The scaffold must load as it stands: check before writing, not after.
    crate::assessment::load_str(&text)
        .map_err(|p| anyhow::anyhow!("internal error: the scaffold does not validate: {p:?}"))?;
    let dest = args
        .out
        .clone()
        .unwrap_or_else(|| Dest::File(format!("{id}.toml").into()));
    crate::output::write(&dest, text.as_bytes(), args.force)
        .with_context(|| format!("plead new {id}"))?;
    if let Dest::File(path) = &dest {
        let path = path.display();
        crate::output::message(&format!("wrote {path}"));
        crate::output::message(&format!(
            "edit it, check it with `plead validate {path}`, then run it with `plead assess {path}` (or put it in ./assessments/ and use the id {id})"
        ));
    }
    Ok(())
}

/// A complete, valid assessment with comments explaining each key.
pub fn scaffold(id: &str) -> String {
    SCAFFOLD.replace("{id}", id)
}

const SCAFFOLD: &str = r#"# A custom assessment for plead. Every key is explained in the comment above it; the
# whole format is in docs/assessment-format.md. Check your changes with
#   plead validate {id}.toml
# and try it with
#   plead show {id}.toml        plead assess {id}.toml        plead template {id}.toml -f xlsx
#
# Keep the source's wording where you take it from a document, and say in `note` what you
# added yourself.

# The id names the assessment in commands, answers files and Results: lower-case letters,
# digits and '-'. A file in ./assessments/ with a built-in's id replaces that built-in.
id = "{id}"
# The title shown at the top of every report.
title = "Our own assessment"
# Change the version whenever you change items or scales, so Results can be told apart.
version = "0.1.0"
# The citation: where the items and their wording come from.
source = "Our organisation (2026), our own framework for supporting patient leaders."
# What the assessment is for and how to use it: shown before the first question. A blank
# line starts a new paragraph.
description = """What this assessment is for, who should take part, and how to use its results."""
# Optional: which wording is yours rather than the source's, and why.
note = "The scale's labels are our own."
# Optional: an answered item scoring below this is a gap, listed in the report.
gap_threshold = 2
# Optional (needs gap_threshold): the report lists the gaps under their theme as an action
# list. Useful for checklists.
action_list = false

# Optional: the sentence reports and questionnaires show about what the results are for.
# `by` says whose words it is: "source" (then `cite` says where, and it is shown quoted and
# attributed) or "plead" (your own words; shown marked as such). Left out, plead shows its own.
# [banner]
# text = "Use these results to agree priorities and actions together, not to rank organisations against each other."
# by = "plead"

# One or more rating scales; items use the first unless they name another.
[[scales]]
id = "maturity"
# Whether an item may be answered "not applicable / don't know" (counted, never averaged in).
not_applicable = true
# Optional: the words offered for "not applicable" (this is the default).
not_applicable_label = "Not applicable / don't know"
# Optional: where the scale's wording comes from.
note = "Our own scale."
# The points: whole numbers, each with a short label (what people tick, and what survey
# answers may say) and a descriptor (one sentence saying what the point means). min and max
# may be given; by default they are the lowest and highest point.
points = [
  { value = 0, label = "Not in place", descriptor = "Nothing is in place yet." },
  { value = 1, label = "Planned", descriptor = "It is planned, or has just started." },
  { value = 2, label = "Developing", descriptor = "It happens in places, but not consistently." },
  { value = 3, label = "Established", descriptor = "It happens consistently across the organisation." },
  { value = 4, label = "Embedded", descriptor = "It is how we work, and we review and improve it." },
]

# Themes group the items; reports score each theme. Items appear in theme order.
[[themes]]
id = "first-theme"
title = "The first theme"
description = "Optional: what the theme covers."

[[themes]]
id = "second-theme"
title = "The second theme"

# The items: what is rated.
[[items]]
# Unique; used in answers files and as a survey column header.
id = "first-item"
# The theme's id.
theme = "first-theme"
# Optional: a short name for tables (default: the text).
title = "First item"
# The statement people rate, in the source's words.
text = "Patient leaders take part in decisions about services from the start"
# Optional: where the text comes from (document, section or point, page).
cite = "Our own framework (2026), section 1, p. 2"
# Optional: the question a survey or printed form asks (default: the text). It should make
# sense on its own, on a phone, naming its subject. `question_by` says whose words it is:
# "source" or "plead" (words you added where the source has none).
question = "How far do patient leaders take part in decisions about services from the start?"
question_by = "plead"
# Optional: questions to discuss before rating, in a workshop.
prompts = ["Where did patient leaders change a decision this year?"]
# Optional: the item's weight in theme and overall scores (default 1).
weight = 1.0
# Optional: other column headers a survey export may use for this item.
aliases = ["Q1"]
# The guidance: passages shown with the question, each under the label of its kind:
# "good" (what good looks like), "pitfall", "evidence" (what a study found), "quotation"
# (someone's words: `who` and `role` name them as the source does) or "prompt". `cite`
# says where each comes from. A plain `guidance = "…"` string is one "good" passage.
[[items.guidance]]
kind = "good"
text = "What a top rating would look like in practice."
cite = "Our own framework (2026), section 1, p. 2"

[[items.guidance]]
kind = "quotation"
text = "The words someone said, exactly as the source gives them."
who = "A. Person"
role = "Patient leader"
cite = "Our own framework (2026), section 1, p. 3"

[[items]]
id = "second-item"
theme = "second-theme"
title = "Second item"
text = "Patient leaders have the training and support they need"
guidance = "What a top rating would look like in practice."
# Optional: example roles; when given, the item is rated through named examples (the
# workshop offers these and lets people add their own) and scores their mean.
# examples = ["Patient advisor", "Lay member"]

# Optional: extra per-item questions asked after the rating.
[[fields]]
id = "owner"
label = "Who leads this?"
# "text", or "choice" with a list of choices.
kind = "text"
# Optional: only these items (default: every item).
items = ["first-item"]

# Optional: named ranges of the overall percent; together they must cover 0-100 with no gap
# or overlap. A band holds min <= percent < max (the last also holds 100).
[[bands]]
label = "Starting out"
min = 0
max = 50
description = "Optional: what this band means."

[[bands]]
label = "Well on the way"
min = 50
max = 100

# Optional: findings are rules over item scores, each with a severity (high, medium or low)
# and a message. Give exactly one of:
#   all = [ { item = "…", below = N }, { item = "…", at_least = N } ]   every condition holds
#   any = [ … ]                                                        at least one holds
#   each = { below = N }    one finding per item below N ("{item}" in the message is its title)
[[findings]]
id = "decisions-without-support"
severity = "medium"
message = "Patient leaders are in decisions but without the support they need."
all = [
  { item = "first-item", at_least = 2 },
  { item = "second-item", below = 2 },
]
"#;
