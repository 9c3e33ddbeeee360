//! The live workshop's state, pure (no sockets, no clock, no files): who has joined, the
//! item on screen and whether voting on it is open or revealed, each participant's vote,
//! and the agreed ratings. The server turns requests into calls here and the facilitator's
//! session does the same from the terminal; only the facilitator's calls (`show`, `open`,
//! `reveal`, `agree`, `end`) change the workshop, and a participant's calls change only
//! their own name, tag and vote.

use std::collections::BTreeMap;

use super::card::Card;
use super::record::{LiveRecord, ParticipantRecord};
use crate::interact::draft::Draft;
use crate::response::{RaterSpec, Rating};

/// How much a workshop takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Participants present at once.
    pub participants: usize,
    /// Characters of a display name.
    pub name_chars: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            participants: 60,
            name_chars: 40,
        }
    }
}

/// Where the workshop is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Before the first item: people join.
    Lobby,
    /// An item on screen, voting not open.
    Showing(usize),
    /// Voting open on an item.
    Open(usize),
    /// The votes on an item revealed.
    Revealed(usize),
    /// The workshop is over.
    Ended,
}

/// Why a participant's request was refused; each says what would do instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("This workshop is full ({0} people). Ask the facilitator to make room.")]
    Full(usize),
    #[error("A name of up to {0} characters, please (or leave it empty to stay anonymous).")]
    NameTooLong(usize),
    #[error("Pick one of the groups offered, or \"Prefer not to say\".")]
    UnknownTag,
    #[error("Your name and group stay as they were when you first voted.")]
    NameFixed,
    #[error("Join the workshop first.")]
    NotJoined,
    #[error("Voting on this item is not open: the page shows what is open now.")]
    NotOpen,
    #[error("That is not a point of this item's scale: pick one of the choices shown.")]
    NotAChoice,
    #[error("The workshop has ended. Thank you for taking part.")]
    Ended,
}

/// One participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub label: String,
    pub tag: Option<String>,
    /// The SHA-256 of their cookie.
    pub cookie: String,
    pub left: bool,
}

/// Counters that pages wait on: `phase` changes when what a participant's page shows
/// changes, `room` on any change the presenter shows (a vote counted, too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Versions {
    pub phase: u64,
    pub room: u64,
}

/// The facilitator's view of voting on an item: counts only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub open: bool,
    pub revealed: bool,
    pub voted: usize,
    /// Those present, and those who voted and left.
    pub of: usize,
    pub joined: usize,
}

pub struct Room {
    /// What the pages are headed with: the assessment, organisation and period.
    pub title: String,
    /// The link participants join by, for the presenter view.
    pub join_url: String,
    pub cards: Vec<Card>,
    pub tags: Vec<String>,
    pub limits: Limits,
    pub token: String,
    pub presenter: String,
    pub port: u16,
    participants: Vec<Participant>,
    /// Votes by item index, then participant index.
    votes: BTreeMap<usize, BTreeMap<usize, Rating>>,
    agreed: BTreeMap<usize, Rating>,
    phase: Phase,
    versions: Versions,
    /// Changes made, for the draft writer to know what it has saved.
    pub seq: u64,
    /// The facilitator's draft, into which the votes are merged when saved.
    draft: Draft,
}

impl Room {
    /// A new room. `start` seeds the page versions, so a page from before a restart
    /// never mistakes the new server's state for the one it shows.
    pub fn new(
        cards: Vec<Card>,
        draft: Draft,
        record: LiveRecord,
        limits: Limits,
        start: u64,
    ) -> Room {
        let mut room = Room {
            title: String::new(),
            join_url: String::new(),
            cards,
            tags: record.tags.clone(),
            limits,
            token: record.token.clone(),
            presenter: record.presenter.clone(),
            port: record.port,
            participants: Vec::new(),
            votes: BTreeMap::new(),
            agreed: BTreeMap::new(),
            phase: Phase::Lobby,
            versions: Versions {
                phase: start,
                room: start,
            },
            seq: 0,
            draft,
        };
        room.restore(&record);
        room
    }

    /// Takes back the participants, votes, agreed ratings and open item of a draft.
    fn restore(&mut self, record: &LiveRecord) {
        self.participants = record
            .participants
            .iter()
            .map(|p| Participant {
                label: p.label.clone(),
                tag: p.tag.clone(),
                cookie: p.cookie.clone(),
                left: p.left,
            })
            .collect();
        for (i, card) in self.cards.iter().enumerate() {
            let Some(answer) = self.draft.answers.items.get(&card.id) else {
                continue;
            };
            for (k, p) in self.participants.iter().enumerate() {
                if let Some(r) = answer.raters.get(&p.label) {
                    self.votes.entry(i).or_default().insert(k, *r);
                }
            }
            if let Some(r) = answer.rating {
                self.agreed.insert(i, r);
            }
        }
        if let Some(i) = record
            .open
            .as_ref()
            .and_then(|id| self.cards.iter().position(|c| c.id == *id))
        {
            self.phase = Phase::Open(i);
        }
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    pub fn versions(&self) -> Versions {
        self.versions
    }

    pub fn participant(&self, k: usize) -> &Participant {
        &self.participants[k]
    }

    /// The participant whose cookie has this digest.
    pub fn find(&self, cookie_digest: &str) -> Option<usize> {
        self.participants
            .iter()
            .position(|p| super::token::same(&p.cookie, cookie_digest))
    }

    fn present(&self) -> usize {
        self.participants.iter().filter(|p| !p.left).count()
    }

    fn changed(&mut self, phase: bool) {
        self.seq += 1;
        self.versions.room += 1;
        if phase {
            self.versions.phase += 1;
        }
    }

    /// A new participant with the cookie digest given: their label is their name made
    /// fit to be a rater's (or "Participant N"), told apart from a name already taken.
    pub fn join(&mut self, name: &str, tag: &str, cookie: String) -> Result<usize, Refusal> {
        if self.phase == Phase::Ended {
            return Err(Refusal::Ended);
        }
        // Those who left count too, up to four times the limit: joining and leaving
        // again and again cannot grow the room without end.
        if self.present() >= self.limits.participants
            || self.participants.len() >= self.limits.participants.saturating_mul(4)
        {
            return Err(Refusal::Full(self.limits.participants));
        }
        let name = display_name(name);
        if name.chars().count() > self.limits.name_chars {
            return Err(Refusal::NameTooLong(self.limits.name_chars));
        }
        let tag = self.tag_of(tag)?;
        let base = if name.is_empty() {
            format!("Participant {}", self.participants.len() + 1)
        } else {
            name
        };
        let label = self.free_label(&base);
        self.participants.push(Participant {
            label,
            tag,
            cookie,
            left: false,
        });
        self.changed(false);
        Ok(self.participants.len() - 1)
    }

    /// A participant's new name or tag, before their first vote: after it, their votes
    /// are recorded under the name they voted with.
    pub fn rename(&mut self, k: usize, name: &str, tag: &str) -> Result<(), Refusal> {
        if self.votes.values().any(|v| v.contains_key(&k)) {
            return Err(Refusal::NameFixed);
        }
        let name = display_name(name);
        if name.chars().count() > self.limits.name_chars {
            return Err(Refusal::NameTooLong(self.limits.name_chars));
        }
        let tag = self.tag_of(tag)?;
        if !name.is_empty() && name != self.participants[k].label {
            self.participants[k].label = String::new();
            self.participants[k].label = self.free_label(&name);
        }
        self.participants[k].tag = tag;
        self.changed(false);
        Ok(())
    }

    /// A participant back after leaving, with the same cookie.
    pub fn rejoin(&mut self, k: usize) -> Result<(), Refusal> {
        if self.participants[k].left {
            if self.present() >= self.limits.participants {
                return Err(Refusal::Full(self.limits.participants));
            }
            self.participants[k].left = false;
            self.changed(false);
        }
        Ok(())
    }

    /// A participant leaves; the votes they gave stay in the workshop.
    pub fn leave(&mut self, k: usize) {
        if !self.participants[k].left {
            self.participants[k].left = true;
            self.changed(false);
        }
    }

    /// A participant's vote on the item open (`item` is the id their page showed, so a
    /// page left open on an earlier item cannot vote on the next). A second vote replaces
    /// the first until the reveal.
    pub fn vote(&mut self, k: usize, item: &str, value: &str) -> Result<Rating, Refusal> {
        let Phase::Open(i) = self.phase else {
            return Err(if self.phase == Phase::Ended {
                Refusal::Ended
            } else {
                Refusal::NotOpen
            });
        };
        if self.cards[i].id != item {
            return Err(Refusal::NotOpen);
        }
        if self.participants[k].left {
            return Err(Refusal::NotJoined);
        }
        let rating = self.cards[i]
            .choice(value)
            .ok_or(Refusal::NotAChoice)?
            .rating;
        self.votes.entry(i).or_default().insert(k, rating);
        self.changed(false);
        Ok(rating)
    }

    /// The participant's vote on item `i`.
    pub fn vote_of(&self, k: usize, i: usize) -> Option<Rating> {
        self.votes.get(&i).and_then(|v| v.get(&k)).copied()
    }

    /// The facilitator is on item `i` (voting closed unless it is open or revealed).
    pub fn show(&mut self, i: usize) {
        if !matches!(self.phase, Phase::Open(j) | Phase::Revealed(j) | Phase::Showing(j) if j == i)
        {
            self.phase = Phase::Showing(i);
            self.changed(true);
        }
    }

    /// Opens voting on item `i`.
    pub fn open(&mut self, i: usize) {
        if self.phase != Phase::Open(i) {
            self.phase = Phase::Open(i);
            self.changed(true);
        }
    }

    /// Closes voting on item `i` and shows the votes; returns them as raters' ratings,
    /// in the order people joined.
    pub fn reveal(&mut self, i: usize) -> Vec<(RaterSpec, Rating)> {
        if self.phase != Phase::Revealed(i) {
            self.phase = Phase::Revealed(i);
            self.changed(true);
        }
        self.votes
            .get(&i)
            .into_iter()
            .flatten()
            .map(|(k, r)| (self.rater(*k), *r))
            .collect()
    }

    /// The rating the room agreed on item `i`, for the presenter view.
    pub fn agree(&mut self, i: usize, rating: Rating) {
        if self.agreed.get(&i) != Some(&rating) {
            self.agreed.insert(i, rating);
            self.changed(false);
        }
    }

    pub fn agreed(&self, i: usize) -> Option<Rating> {
        self.agreed.get(&i).copied()
    }

    /// The workshop is over: every page says so, no request changes anything.
    pub fn end(&mut self) {
        if self.phase != Phase::Ended {
            self.phase = Phase::Ended;
            self.changed(true);
        }
    }

    /// Counts on item `i`: how many have voted, of how many.
    pub fn tally(&self, i: usize) -> Tally {
        let votes = self.votes.get(&i);
        let voted = votes.map_or(0, BTreeMap::len);
        let of = self
            .participants
            .iter()
            .enumerate()
            .filter(|(k, p)| !p.left || votes.is_some_and(|v| v.contains_key(k)))
            .count();
        Tally {
            open: self.phase == Phase::Open(i),
            revealed: self.phase == Phase::Revealed(i),
            voted,
            of,
            joined: self.present(),
        }
    }

    /// How many votes each choice of item `i` has, in the card's order.
    pub fn histogram(&self, i: usize) -> Vec<usize> {
        let votes = self.votes.get(&i);
        self.cards[i]
            .choices
            .iter()
            .map(|c| votes.map_or(0, |v| v.values().filter(|r| **r == c.rating).count()))
            .collect()
    }

    /// The mean vote of each tag on item `i` (N/A left out), with how many it rests on.
    pub fn tag_means(&self, i: usize) -> Vec<(String, Option<f64>, usize)> {
        let votes = self.votes.get(&i);
        self.tags
            .iter()
            .map(|tag| {
                let values: Vec<f64> = votes
                    .into_iter()
                    .flatten()
                    .filter(|(k, _)| self.participants[**k].tag.as_deref() == Some(tag))
                    .filter_map(|(_, r)| match r {
                        Rating::Value(v) => Some(f64::from(*v)),
                        Rating::NotApplicable => None,
                    })
                    .collect();
                let mean =
                    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64);
                (tag.clone(), mean, values.len())
            })
            .collect()
    }

    fn rater(&self, k: usize) -> RaterSpec {
        let p = &self.participants[k];
        RaterSpec {
            label: p.label.clone(),
            tag: p.tag.clone(),
        }
    }

    fn tag_of(&self, tag: &str) -> Result<Option<String>, Refusal> {
        let tag = tag.trim();
        if tag.is_empty() || self.tags.is_empty() {
            return Ok(None);
        }
        self.tags
            .iter()
            .find(|t| t.as_str() == tag)
            .cloned()
            .map(Some)
            .ok_or(Refusal::UnknownTag)
    }

    /// `base`, or `base (2)`, … : the first no participant has (told apart regardless
    /// of case, as raters are).
    fn free_label(&self, base: &str) -> String {
        let taken = |l: &str| {
            self.participants
                .iter()
                .any(|p| p.label.eq_ignore_ascii_case(l))
        };
        if !taken(base) {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base} ({n})"))
            .find(|l| !taken(l))
            .expect("some label is free")
    }

    /// The facilitator's draft as it now stands, taken in.
    pub fn set_draft(&mut self, draft: &Draft) {
        self.draft = draft.clone();
        self.seq += 1;
    }

    /// The draft to save: the facilitator's, with every vote as a rater's rating (each
    /// participant who has voted is a rater, in the order they joined) and this record.
    pub fn draft(&self) -> Draft {
        let mut d = self.draft.clone();
        for (k, p) in self.participants.iter().enumerate() {
            let voted = self.votes.values().any(|v| v.contains_key(&k));
            if voted && !d.answers.raters.iter().any(|r| r.label == p.label) {
                d.answers.raters.push(self.rater(k));
            }
            if let Some(r) = d.answers.raters.iter_mut().find(|r| r.label == p.label) {
                r.tag = p.tag.clone();
            }
        }
        for (i, votes) in &self.votes {
            let answer = d
                .answers
                .items
                .entry(self.cards[*i].id.clone())
                .or_default();
            for (k, r) in votes {
                answer
                    .raters
                    .insert(self.participants[*k].label.clone(), *r);
            }
        }
        d.live = Some(self.record());
        d
    }

    pub fn record(&self) -> LiveRecord {
        LiveRecord {
            token: self.token.clone(),
            presenter: self.presenter.clone(),
            port: self.port,
            tags: self.tags.clone(),
            participants: self
                .participants
                .iter()
                .map(|p| ParticipantRecord {
                    label: p.label.clone(),
                    tag: p.tag.clone(),
                    cookie: p.cookie.clone(),
                    left: p.left,
                })
                .collect(),
            open: match self.phase {
                Phase::Open(i) => Some(self.cards[i].id.clone()),
                _ => None,
            },
        }
    }
}

/// A name as typed, made fit to be a rater's label: control and bidirectional
/// characters out (they would reorder what the room reads), `,` and `:` (which separate
/// raters and tags in a list of raters) made spaces, runs of spaces made one.
pub fn display_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            ',' | ':' => ' ',
            c if c.is_control() || crate::sanitise::is_bidi_control(c) => ' ',
            c => c,
        })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A room of building-blocks for tests.
#[cfg(test)]
pub(crate) fn sample(tags: &[&str], limit: usize) -> Room {
    tests::room(tags, limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Catalog;
    use crate::interact::draft::DRAFT_SCHEMA;
    use crate::response::Answers;

    pub(super) fn room(tags: &[&str], limit: usize) -> Room {
        let c = Catalog::load(None).unwrap();
        let a = &c.resolve("building-blocks").unwrap().assessment;
        let draft = Draft {
            schema: DRAFT_SCHEMA.into(),
            assessment: a.id.clone(),
            version: None,
            definition_hash: a.definition_hash(),
            organisation: "Org".into(),
            period: "2026-Q3".into(),
            saved: String::new(),
            position: 0,
            skipped: Vec::new(),
            answers: Answers::default(),
            live: None,
        };
        let record = LiveRecord {
            token: "t".into(),
            presenter: "p".into(),
            port: 1,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            participants: Vec::new(),
            open: None,
        };
        let limits = Limits {
            participants: limit,
            ..Limits::default()
        };
        Room::new(Card::all(a), draft, record, limits, 100)
    }

    #[test]
    fn names_are_made_fit_to_be_raters_and_told_apart() {
        let mut r = room(&[], 60);
        let sam = r.join("  Sam  ", "", "c1".into()).unwrap();
        let other = r.join("sam", "", "c2".into()).unwrap();
        let anon = r.join("", "", "c3".into()).unwrap();
        let hostile = r
            .join("Eve, Mallory:staff\u{202e}\n", "", "c4".into())
            .unwrap();
        assert_eq!(r.participant(sam).label, "Sam");
        assert_eq!(r.participant(other).label, "sam (2)");
        assert_eq!(r.participant(anon).label, "Participant 3");
        assert_eq!(r.participant(hostile).label, "Eve Mallory staff");
        assert_eq!(
            r.join(&"x".repeat(41), "", "c5".into()),
            Err(Refusal::NameTooLong(40))
        );
        // Every label is one a list of raters accepts.
        let list: Vec<String> = (0..4).map(|k| r.participant(k).label.clone()).collect();
        assert_eq!(RaterSpec::parse_list(&list.join(",")).unwrap().len(), 4);
    }

    #[test]
    fn the_room_is_full_at_the_limit_and_leaving_makes_room() {
        let mut r = room(&[], 2);
        let a = r.join("A", "", "c1".into()).unwrap();
        r.join("B", "", "c2".into()).unwrap();
        assert_eq!(r.join("C", "", "c3".into()), Err(Refusal::Full(2)));
        r.leave(a);
        assert!(r.join("C", "", "c3".into()).is_ok());
        assert_eq!(r.rejoin(a), Err(Refusal::Full(2)));
        // Joining and leaving again and again stops at four times the limit.
        let mut r = room(&[], 2);
        let joined = (0..20)
            .filter(|k| match r.join("X", "", format!("x{k}")) {
                Ok(p) => {
                    r.leave(p);
                    true
                }
                Err(_) => false,
            })
            .count();
        assert_eq!(joined, 8);
    }

    #[test]
    fn tags_are_the_ones_offered() {
        let mut r = room(&["patient leader", "staff"], 60);
        let k = r.join("A", "staff", "c1".into()).unwrap();
        assert_eq!(r.participant(k).tag.as_deref(), Some("staff"));
        assert_eq!(r.join("B", "boss", "c2".into()), Err(Refusal::UnknownTag));
        let n = r.join("B", "", "c2".into()).unwrap();
        assert_eq!(r.participant(n).tag, None, "prefer not to say");
    }

    #[test]
    fn a_vote_counts_only_on_the_item_open_and_can_change_until_the_reveal() {
        let mut r = room(&[], 60);
        let a = r.join("A", "", "c1".into()).unwrap();
        let b = r.join("B", "", "c2".into()).unwrap();
        let first = r.cards[0].id.clone();
        let second = r.cards[1].id.clone();
        r.show(0);
        assert_eq!(r.vote(a, &first, "2"), Err(Refusal::NotOpen));
        r.open(0);
        assert_eq!(
            r.vote(a, &second, "2"),
            Err(Refusal::NotOpen),
            "a stale page"
        );
        assert_eq!(r.vote(a, &first, "9"), Err(Refusal::NotAChoice));
        assert_eq!(r.vote(a, &first, "1"), Ok(Rating::Value(1)));
        assert_eq!(r.vote(a, &first, "3"), Ok(Rating::Value(3)), "changed");
        r.vote(b, &first, "4").unwrap();
        let t = r.tally(0);
        assert_eq!((t.open, t.voted, t.of), (true, 2, 2));
        let revealed = r.reveal(0);
        assert_eq!(
            revealed
                .iter()
                .map(|(s, v)| (s.label.as_str(), *v))
                .collect::<Vec<_>>(),
            vec![("A", Rating::Value(3)), ("B", Rating::Value(4))]
        );
        assert_eq!(
            r.vote(a, &first, "0"),
            Err(Refusal::NotOpen),
            "after the reveal"
        );
        assert_eq!(r.histogram(0)[3..5], [1, 1]);
    }

    #[test]
    fn the_count_keeps_those_who_voted_and_left() {
        let mut r = room(&[], 60);
        let a = r.join("A", "", "c1".into()).unwrap();
        let b = r.join("B", "", "c2".into()).unwrap();
        r.join("C", "", "c3".into()).unwrap();
        r.open(0);
        let id = r.cards[0].id.clone();
        r.vote(a, &id, "1").unwrap();
        r.leave(a);
        r.leave(b);
        let t = r.tally(0);
        assert_eq!((t.voted, t.of, t.joined), (1, 2, 1));
        assert_eq!(r.vote(a, &id, "2"), Err(Refusal::NotJoined));
    }

    #[test]
    fn only_page_changes_wake_participants_pages() {
        let mut r = room(&[], 60);
        let a = r.join("A", "", "c1".into()).unwrap();
        let before = r.versions();
        r.open(0);
        let opened = r.versions();
        assert!(opened.phase > before.phase && opened.room > before.room);
        let id = r.cards[0].id.clone();
        r.vote(a, &id, "1").unwrap();
        assert_eq!(
            r.versions().phase,
            opened.phase,
            "a vote is not shown on phones"
        );
        assert!(
            r.versions().room > opened.room,
            "it is counted on the projector"
        );
    }

    #[test]
    fn the_draft_holds_every_vote_and_a_resumed_room_takes_them_back() {
        let mut r = room(&["staff"], 60);
        let a = r.join("Ann", "staff", "c1".into()).unwrap();
        let b = r.join("", "", "c2".into()).unwrap();
        r.open(1);
        let id = r.cards[1].id.clone();
        r.vote(a, &id, "2").unwrap();
        r.vote(b, &id, "na").unwrap();
        let draft = r.draft();
        let answer = &draft.answers.items[&id];
        assert_eq!(answer.raters["Ann"], Rating::Value(2));
        assert_eq!(answer.raters["Participant 2"], Rating::NotApplicable);
        assert_eq!(draft.answers.raters.len(), 2);
        assert_eq!(draft.answers.raters[0].tag.as_deref(), Some("staff"));
        let record = draft.live.clone().unwrap();
        assert_eq!(record.open.as_deref(), Some(id.as_str()));
        assert!(
            record
                .participants
                .iter()
                .all(|p| p.cookie.starts_with('c'))
        );

        let cards = r.cards.clone();
        let again = Room::new(cards, draft.clone(), record, Limits::default(), 999);
        assert_eq!(again.phase(), Phase::Open(1), "voting is open again");
        assert_eq!(again.find("c1"), Some(0), "known by the cookie");
        assert_eq!(again.vote_of(0, 1), Some(Rating::Value(2)));
        assert_eq!(again.vote_of(1, 1), Some(Rating::NotApplicable));
        assert_eq!(again.versions().phase, 999);
    }

    #[test]
    fn a_name_is_kept_once_its_votes_are_given() {
        let mut r = room(&[], 60);
        let a = r.join("A", "", "c1".into()).unwrap();
        r.rename(a, "Ann", "").unwrap();
        assert_eq!(r.participant(a).label, "Ann");
        r.open(0);
        let id = r.cards[0].id.clone();
        r.vote(a, &id, "1").unwrap();
        assert_eq!(r.rename(a, "Bob", ""), Err(Refusal::NameFixed));
    }
}
