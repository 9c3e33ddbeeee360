//! What a live workshop keeps in its draft beside the answers, so `--resume` after a
//! crash or a kill starts the server again on the same link and knows every participant
//! by their cookie: the tokens, the port, the tags offered, each participant (their
//! label, tag and the SHA-256 of their cookie) and the item open for voting. The votes
//! themselves are in the answers, as raters' ratings.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveRecord {
    /// The join link's token.
    pub token: String,
    /// The presenter view's token.
    pub presenter: String,
    /// The port the server listened on, tried first on resuming.
    pub port: u16,
    /// The tags participants pick from (empty: none asked).
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub participants: Vec<ParticipantRecord>,
    /// The item open for voting when the draft was saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantRecord {
    /// Their display name, or an anonymous label ("Participant 3"): their rater label.
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The SHA-256 of their cookie.
    pub cookie: String,
    #[serde(default)]
    pub left: bool,
}
