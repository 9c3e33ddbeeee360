//! What the workshop shows of an item: the head that is always on screen (progress and
//! theme, the item's title and text), the body shown as far as the screen allows (what
//! good looks like, the discussion prompts — those already shown at an earlier item are
//! not repeated), and the whole of it on request ("More about this item"). The guidance
//! and prompts are rendered in one place, `about`, so whatever the model adds to them is
//! added once.

use super::Screen;
use crate::assessment::{Assessment, Item, Passage, Scale};
use crate::render::passages;

/// The screen of item `i`.
pub fn screen(a: &Assessment, i: usize) -> Screen {
    Screen {
        head: head(a, i),
        body: about(a, i, false),
    }
}

/// "Item 2 of 10 — Invest in Patient Leaders", then the title and the text.
pub fn head(a: &Assessment, i: usize) -> String {
    let item = &a.items[i];
    let theme = a.theme(&item.theme).map_or("", |t| t.title.as_str());
    let mut head = format!("Item {} of {} — {theme}\n\n", i + 1, a.items.len());
    if item.title == item.text {
        head.push_str(item.text.trim());
    } else {
        head.push_str(&format!("{}\n{}", item.title.trim(), item.text.trim()));
    }
    head
}

/// The item's guidance and discussion prompts, each passage as `render::passages` writes
/// it (under the label of its kind, with who said it and where it comes from). With
/// `whole`, all of it (`passages::item_detail`); otherwise, for the screen, the guidance,
/// the prompts not already shown at an earlier item (when some were, one line says
/// where) and the item's source.
pub fn about(a: &Assessment, i: usize, whole: bool) -> String {
    let item = &a.items[i];
    if whole {
        return passages::item_detail(item);
    }
    let mut parts: Vec<String> = item.guidance.iter().map(passages::passage).collect();
    let earlier = |p: &Passage| {
        a.items[..i]
            .iter()
            .position(|other| other.prompts.iter().any(|q| q.text.trim() == p.text.trim()))
    };
    let fresh: Vec<&Passage> = item
        .prompts
        .iter()
        .filter(|p| earlier(p).is_none())
        .collect();
    let shown_before: Vec<usize> = item.prompts.iter().filter_map(earlier).collect();
    if !fresh.is_empty() {
        let mut text = String::from("To discuss:");
        for p in fresh {
            text.push_str(&format!("\n  • {}", passages::prompt(p)));
        }
        parts.push(text);
    }
    if let Some(first) = shown_before.iter().min() {
        let n = shown_before.len();
        let which = if n == 1 {
            "the question".to_string()
        } else {
            format!("the {n} questions")
        };
        parts.push(format!(
            "Also to discuss: {which} shown at item {} (? shows them again).",
            first + 1
        ));
    }
    // Where the item's words come from: last, so it is the first to give way to the menu.
    if let Some(cite) = &item.cite {
        parts.push(format!("Source: {cite}"));
    }
    parts.join("\n\n")
}

/// The whole of an item, for "More about this item": head, where its text comes from,
/// guidance, every prompt, and the scale with each point's whole descriptor.
pub fn more(a: &Assessment, i: usize) -> String {
    let item: &Item = &a.items[i];
    let mut text = head(a, i);
    let about = about(a, i, true);
    if !about.is_empty() {
        text.push_str("\n\n");
        text.push_str(&about);
    }
    text.push_str("\n\n");
    text.push_str(&legend(a.scale_of(item)));
    text
}

/// Every point of the scale with its whole descriptor.
fn legend(scale: &Scale) -> String {
    let mut text = String::from("The scale:");
    for v in scale.min..=scale.max {
        match scale.point(v) {
            // The connection key's 0 is its own descriptor: say it once.
            Some(p) if !p.descriptor.is_empty() && p.descriptor != p.label => {
                text.push_str(&format!("\n  {v} {} — {}", p.label, p.descriptor))
            }
            _ => text.push_str(&format!("\n  {v} {}", scale.label(v))),
        }
    }
    if scale.not_applicable {
        text.push_str(&format!("\n  N/A {}", scale.not_applicable_label));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Catalog;

    fn builtin(id: &str) -> Assessment {
        Catalog::load(None)
            .unwrap()
            .resolve(id)
            .unwrap()
            .assessment
            .clone()
    }

    #[test]
    fn the_head_has_progress_theme_title_and_text() {
        let a = builtin("building-blocks");
        let h = head(&a, 1);
        assert!(h.starts_with("Item 2 of 10 — Invest in Patient Leaders\n\nCo-design from the start\nGet patient leaders involved"), "{h}");
    }

    #[test]
    fn prompts_shared_by_several_items_are_shown_once_at_the_first() {
        let a = builtin("connection");
        let first = about(&a, 0, false);
        let second = about(&a, 1, false);
        let shared = a.items[0].prompts[0].text.trim();
        assert!(
            a.items[1].prompts.iter().any(|p| p.text.trim() == shared),
            "the fixture shares prompts"
        );
        assert!(first.contains(shared));
        assert!(!second.contains(shared), "{second}");
        assert!(
            second.contains("the 5 questions shown at item 1"),
            "{second}"
        );
        assert!(about(&a, 1, true).contains(shared));
        assert!(more(&a, 1).contains(shared));
    }

    #[test]
    fn every_item_of_every_built_in_shows_its_head_and_whole_menu_at_80_by_24() {
        use crate::interact::layout::{Widget, frame};
        use crate::interact::session::{nav_keys, rating_entries};
        use crate::interact::{Entry, Menu};
        for entry in &Catalog::load(None).unwrap().entries {
            let a = &entry.assessment;
            for i in 0..a.items.len() {
                let (mut entries, _) = rating_entries(a.scale_of(&a.items[i]));
                entries.push(Entry::keyed('?', "More about this item", ""));
                let mut menu = Menu::new("Rating", entries, 0);
                menu.hotkeys = nav_keys();
                let s = screen(a, i);
                let f = frame(
                    &s,
                    &[],
                    &Widget::Menu {
                        menu: &menu,
                        cursor: 0,
                    },
                    80,
                    24,
                );
                assert!(f.lines.len() <= 23, "{} item {}", a.id, i + 1);
                let shown = f.lines.join("\n");
                let head = crate::render::text::wrap(&s.head, 80);
                assert!(
                    shown.starts_with(&head),
                    "{} item {}:\n{shown}",
                    a.id,
                    i + 1
                );
                for e in &menu.entries {
                    let start: String = e.label.chars().take(20).collect();
                    assert!(
                        shown.contains(&start),
                        "{} item {}: {}\n{shown}",
                        a.id,
                        i + 1,
                        e.label
                    );
                }
            }
        }
    }

    #[test]
    fn more_has_every_descriptor_of_the_scale() {
        let a = builtin("building-blocks");
        let m = more(&a, 0);
        for p in &a.scale_of(&a.items[0]).points {
            assert!(m.contains(&p.descriptor), "{}", p.descriptor);
        }
    }
}
