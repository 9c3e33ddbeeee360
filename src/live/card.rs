//! What a live workshop shows of an item on a phone and on the projector: its title and
//! text, "More about this item" (the same passages the terminal pages through), and the
//! scale's points as choices, each with its label and descriptor. Made once from the
//! assessment, so the pages need nothing else of it.

use crate::assessment::Assessment;
use crate::interact::item_view;
use crate::response::Rating;

/// One choice on an item's scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub rating: Rating,
    /// "3", or "N/A".
    pub key: String,
    pub label: String,
    pub descriptor: String,
}

/// An item as the live pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub id: String,
    /// "Item 2 of 10 — Theme".
    pub place: String,
    pub title: String,
    /// The item's text when it says more than its title.
    pub text: Option<String>,
    /// The whole of the item's guidance and prompts.
    pub more: String,
    pub choices: Vec<Choice>,
    /// Rated through named examples in the terminal, not by a vote.
    pub by_examples: bool,
}

impl Card {
    /// The card of item `i`.
    pub fn of(a: &Assessment, i: usize) -> Card {
        let item = &a.items[i];
        let scale = a.scale_of(item);
        let theme = a.theme(&item.theme).map_or("", |t| t.title.as_str());
        let mut choices: Vec<Choice> = (scale.min..=scale.max)
            .map(|v| {
                let point = scale.point(v);
                let label = scale.label(v);
                let descriptor = point
                    .map(|p| p.descriptor.clone())
                    .filter(|d| *d != label)
                    .unwrap_or_default();
                Choice {
                    rating: Rating::Value(v),
                    key: v.to_string(),
                    label,
                    descriptor,
                }
            })
            .collect();
        if scale.not_applicable {
            choices.push(Choice {
                rating: Rating::NotApplicable,
                key: "N/A".into(),
                label: scale.not_applicable_label.clone(),
                descriptor: String::new(),
            });
        }
        Card {
            id: item.id.clone(),
            place: format!("Item {} of {} — {theme}", i + 1, a.items.len()),
            title: item.title.trim().to_string(),
            text: (item.text.trim() != item.title.trim()).then(|| item.text.trim().to_string()),
            more: item_view::about(a, i, true),
            choices,
            by_examples: item.examples.is_some(),
        }
    }

    /// All the cards of an assessment, in its order.
    pub fn all(a: &Assessment) -> Vec<Card> {
        (0..a.items.len()).map(|i| Card::of(a, i)).collect()
    }

    /// The choice a form's value stands for ("3", "na"), if it is one of this item's.
    pub fn choice(&self, value: &str) -> Option<&Choice> {
        let wanted = match value.trim() {
            "na" | "NA" | "N/A" => Rating::NotApplicable,
            v => Rating::Value(v.parse().ok()?),
        };
        self.choices.iter().find(|c| c.rating == wanted)
    }

    /// The label of a rating on this item's scale, "3 · Established".
    pub fn label_of(&self, rating: Rating) -> String {
        self.choices
            .iter()
            .find(|c| c.rating == rating)
            .map_or_else(String::new, |c| format!("{} · {}", c.key, c.label))
    }
}

/// The form value of a rating: its number, or `na`.
pub fn form_value(rating: Rating) -> String {
    match rating {
        Rating::Value(v) => v.to_string(),
        Rating::NotApplicable => "na".into(),
    }
}
