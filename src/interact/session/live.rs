//! An item of a live workshop: the facilitator opens voting, watches the count ("7 of 9
//! have voted", counts only, kept up to date on the screen), reveals, and the votes
//! become raters' ratings in the draft; then the spread, the histogram, the disagreement
//! flag and each group's mean, and the agreed rating, as in the terminal flow. Back from the agreed rating returns
//! to the votes; Back, Skip and Review work at every step.

use std::sync::Arc;

use super::{Asked, Nav, Session, median, nav_keys, nav_of};
use crate::interact::{Entry, Menu, Pick, Prompter, Screen, item_view, spread};
use crate::live::hub::Hub;
use crate::live::room::Tally;
use crate::response::{RaterSpec, Rating};

/// What the facilitator did at the votes.
enum Votes {
    Revealed,
    Nav(Nav),
}

impl<P: Prompter> Session<'_, P> {
    /// Item `i` rated by the room's votes, then agreed.
    pub(super) fn live_rating(
        &mut self,
        i: usize,
        screen: &Screen,
        hub: &Arc<Hub>,
    ) -> anyhow::Result<Nav> {
        let a = self.assessment;
        let item = &a.items[i];
        let scale = a.scale_of(item);
        loop {
            if let Votes::Nav(nav) = self.live_votes(i, screen, hub)? {
                return Ok(nav);
            }
            loop {
                self.show(screen);
                let width = self.prompter.size().map_or(100, |(w, _)| w);
                let raters = self.draft.answers.raters.clone();
                let answer = self.answer(&item.id).clone();
                let (text, given) = spread::spread(scale, &raters, &answer, width);
                self.prompter.say(&text);
                if let Some(means) = tag_means(hub, i) {
                    self.prompter.say(&means);
                }
                let agreed = answer
                    .rating
                    .or_else(|| (!given.is_empty()).then(|| Rating::Value(median(&given))));
                match self.ask_rating("Agreed rating", scale, agreed, true)? {
                    Asked::Rating(r) => {
                        self.answer(&item.id).rating = Some(r);
                        hub.change(|room| room.agree(i, r));
                        self.save()?;
                        return Ok(Nav::Next);
                    }
                    Asked::Nav(Nav::Back) => break,
                    Asked::Nav(nav) => return Ok(nav),
                    Asked::More => self.prompter.page(&item_view::more(a, i))?,
                    Asked::Escape => {}
                }
            }
        }
    }

    /// Voting on item `i`: open it, follow the count, reveal.
    fn live_votes(&mut self, i: usize, screen: &Screen, hub: &Arc<Hub>) -> anyhow::Result<Votes> {
        loop {
            self.show(screen);
            let tally = hub.read(|r| r.tally(i));
            let mut entries = if tally.open {
                vec![
                    Entry::keyed('u', "Update the count", ""),
                    Entry::keyed('v', "Reveal the votes", "close voting and show the spread"),
                ]
            } else {
                let mut entries = vec![
                    Entry::keyed(
                        'o',
                        "Open voting",
                        "participants' phones show this item's choices",
                    ),
                    Entry::keyed('u', "Update the count", ""),
                ];
                if tally.voted > 0 {
                    entries.push(Entry::keyed(
                        'v',
                        format!("Show the {} votes given", tally.voted),
                        "",
                    ));
                }
                entries
            };
            self.prompter.say(&status(&tally));
            // The count on the screen follows the room while the facilitator waits.
            let room = Arc::clone(hub);
            self.prompter
                .follow(Some(Arc::new(move || status(&room.read(|r| r.tally(i))))));
            entries.push(Entry::keyed('j', "Show the join link", ""));
            entries.push(Entry::keyed(
                '?',
                super::MORE,
                "guidance, every prompt, the whole scale",
            ));
            let keys: Vec<Option<char>> = entries.iter().map(|e| e.key).collect();
            let mut menu = Menu::new("Votes", entries, 0);
            menu.hotkeys = nav_keys();
            let pick = self.prompter.choose(&menu);
            self.prompter.follow(None);
            match pick? {
                Pick::Entry(k) => match keys[k] {
                    Some('o') => {
                        hub.change(|r| r.open(i));
                        hub.persist()?;
                    }
                    Some('v') => {
                        let votes = hub.change(|r| r.reveal(i));
                        self.take_votes(i, votes);
                        self.save()?;
                        return Ok(Votes::Revealed);
                    }
                    Some('j') => {
                        let url = hub.read(|r| r.join_url.clone());
                        self.prompter
                            .page(&format!("Join: {url}\n{}", crate::live::qr::terminal(&url)))?;
                    }
                    Some('?') => self.prompter.page(&item_view::more(self.assessment, i))?,
                    _ => {}
                },
                Pick::Hotkey(key) => {
                    if let Some(nav) = nav_of(key) {
                        return Ok(Votes::Nav(nav));
                    }
                }
                Pick::Escape => {}
            }
        }
    }

    /// The votes revealed, as raters' ratings: each participant who voted is a rater.
    fn take_votes(&mut self, i: usize, votes: Vec<(RaterSpec, Rating)>) {
        let id = self.assessment.items[i].id.clone();
        for (rater, rating) in votes {
            let label = rater.label.clone();
            match self
                .draft
                .answers
                .raters
                .iter_mut()
                .find(|r| r.label == label)
            {
                Some(r) => r.tag = rater.tag,
                None => self.draft.answers.raters.push(rater),
            }
            self.answer(&id).raters.insert(label, rating);
        }
    }
}

/// "Voting is open: 7 of 9 have voted." — counts only.
fn status(tally: &Tally) -> String {
    if tally.open {
        format!(
            "Voting is open: {} of {} have voted.",
            tally.voted, tally.of
        )
    } else {
        format!(
            "Voting is not open. {} joined; {} voted on this item.",
            tally.joined, tally.voted
        )
    }
}

/// "Mean by group: patient leader 2.5 (n=4) · staff 3.0 (n=5)", when groups are used.
fn tag_means(hub: &Hub, i: usize) -> Option<String> {
    let means: Vec<String> = hub
        .read(|r| r.tag_means(i))
        .into_iter()
        .filter_map(|(tag, mean, n)| mean.map(|m| format!("{tag} {m:.1} (n={n})")))
        .collect();
    (!means.is_empty()).then(|| format!("Mean by group: {}", means.join(" · ")))
}
