//! The live workshop's pages, rendered on the server as plain HTML forms that work with
//! no script at all (a phone without JavaScript reloads itself every few seconds); a
//! small inline script, allowed by the page's nonce, waits for the next change and
//! reloads the page when it comes. Everything a person typed, and all of the
//! assessment's text, goes through `render::markup::escape`.

use super::card::{Card, form_value};
use super::room::{Phase, Room};
use crate::render::markup::escape;
use crate::response::Rating;

/// A page's frame: its title, the nonce its script runs under, where the script waits
/// for the next change and the version it shows.
pub struct Frame<'a> {
    pub title: &'a str,
    pub nonce: &'a str,
    /// The long-poll URL and the version shown, when the page follows the room.
    pub follow: Option<(&'a str, u64)>,
}

/// What the script does: wait for the version to change, then reload; on an error (the
/// laptop's server restarting), try again each second, so a page reconnects by itself.
const SCRIPT: &str = "(function(){var b=document.body,u=b.getAttribute('data-wait'),v=b.getAttribute('data-v');\
function again(t){setTimeout(wait,t);}\
function wait(){var x=new XMLHttpRequest();x.open('GET',u+'?v='+encodeURIComponent(v));x.timeout=40000;\
x.onload=function(){if(x.status===200&&x.responseText!==v){location.reload();}else if(x.status===200){wait();}else{again(2000);}};\
x.onerror=x.ontimeout=function(){again(1000);};x.send();}\
wait();})();";

const STYLE: &str = "*{box-sizing:border-box}\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:1.125rem;line-height:1.5;margin:0;color:#111;background:#fff}\
main{max-width:40rem;margin:0 auto;padding:1rem}\
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}\
.place{color:#444;margin:0}\
.choices{display:grid;gap:.75rem;margin:1rem 0;padding:0;list-style:none}\
.choice{display:block;width:100%;text-align:left;font:inherit;padding:.9rem 1rem;border:2px solid #1d4f91;border-radius:.5rem;background:#fff;color:#111;cursor:pointer}\
.choice strong{display:block;font-size:1.2rem}\
.choice span{display:block;color:#333}\
.choice[aria-current=true]{background:#1d4f91;color:#fff}\
.choice[aria-current=true] span{color:#fff}\
button:focus,input:focus,select:focus,summary:focus{outline:3px solid #c60;outline-offset:2px}\
label{display:block;font-weight:600;margin-top:1rem}\
input,select{font:inherit;width:100%;padding:.6rem;border:2px solid #555;border-radius:.4rem}\
.go{font:inherit;font-weight:600;margin-top:1rem;padding:.8rem 1.2rem;border:0;border-radius:.5rem;background:#1d4f91;color:#fff}\
.quiet{font:inherit;padding:.5rem 1rem;border:2px solid #555;border-radius:.4rem;background:#fff;color:#111}\
.status{font-weight:600;padding:.75rem;border-left:.4rem solid #1d4f91;background:#eef3fa}\
.error{font-weight:600;padding:.75rem;border-left:.4rem solid #a00;background:#fdeeee}\
details{margin:1rem 0}\
.more{white-space:pre-wrap}\
footer{margin-top:2rem;border-top:1px solid #ccc;padding-top:1rem}\
.big main{max-width:70rem}\
.big h1{font-size:2.6rem}\
.big .count{font-size:2.4rem;font-weight:700}\
.scale{padding-left:1.2rem}\
.bars{list-style:none;padding:0}\
.bars li{margin:.4rem 0}\
.bar{display:inline-block;max-width:70%;height:1.6rem;background:#1d4f91;vertical-align:middle;margin-right:.5rem}\
.qr{width:16rem;height:16rem;max-width:100%}\
.url{word-break:break-all}";

/// A whole page around `body`.
pub fn frame(f: &Frame, body_class: &str, body: &str) -> String {
    let (attrs, script, refresh) = match f.follow {
        Some((url, v)) => (
            format!(" data-wait=\"{}\" data-v=\"{v}\"", escape(url)),
            format!("<script nonce=\"{}\">{SCRIPT}</script>", escape(f.nonce)),
            "<noscript><meta http-equiv=\"refresh\" content=\"5\"></noscript>",
        ),
        None => (String::new(), String::new(), ""),
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta name=\"referrer\" content=\"same-origin\">{refresh}<title>{}</title><style>{STYLE}</style></head>\
<body class=\"{body_class}\"{attrs}><main>{body}</main>{script}</body></html>\n",
        escape(f.title)
    )
}

/// The join form: a display name (or none), and a group when the workshop has tags.
pub fn join(room: &Room, action: &str, error: Option<&str>) -> String {
    let mut b = format!(
        "<h1>{}</h1><p>Join the workshop to vote from this phone. Your vote is private until the facilitator reveals the room's votes, and then only the count at each point is shown to the room.</p>",
        escape(&room.title)
    );
    if let Some(e) = error {
        b.push_str(&format!(
            "<p class=\"error\" role=\"alert\">{}</p>",
            escape(e)
        ));
    }
    b.push_str(&format!(
        "<form method=\"post\" action=\"{}\"><label for=\"name\">Your name (optional)</label>\
<input id=\"name\" name=\"name\" maxlength=\"{}\" autocomplete=\"nickname\" aria-describedby=\"name-hint\">\
<p id=\"name-hint\">Leave it empty to take part anonymously.</p>",
        escape(action),
        room.limits.name_chars
    ));
    b.push_str(&tag_select(room, None));
    b.push_str("<button class=\"go\" type=\"submit\">Join</button></form>");
    b
}

fn tag_select(room: &Room, current: Option<&str>) -> String {
    if room.tags.is_empty() {
        return String::new();
    }
    let mut s = String::from(
        "<label for=\"tag\">You are taking part as</label><select id=\"tag\" name=\"tag\"><option value=\"\">Prefer not to say</option>",
    );
    for t in &room.tags {
        let selected = if current == Some(t.as_str()) {
            " selected"
        } else {
            ""
        };
        s.push_str(&format!(
            "<option value=\"{0}\"{selected}>{0}</option>",
            escape(t)
        ));
    }
    s.push_str("</select>");
    s
}

/// The URLs a participant's page posts to.
pub struct Actions<'a> {
    pub vote: &'a str,
    pub name: &'a str,
    pub leave: &'a str,
}

/// A participant's page: what the room is doing, and while voting is open the item's
/// choices, their own vote marked.
pub fn participant(room: &Room, k: usize, actions: &Actions, notice: Option<&str>) -> String {
    let me = room.participant(k);
    let mut b = String::new();
    if let Some(n) = notice {
        b.push_str(&format!(
            "<p class=\"error\" role=\"alert\">{}</p>",
            escape(n)
        ));
    }
    match room.phase() {
        Phase::Lobby => b.push_str(&format!(
            "<h1>{}</h1><p class=\"status\" role=\"status\">You have joined as {}. Voting opens when the facilitator opens the first item; this page changes by itself.</p>",
            escape(&room.title),
            escape(&me.label)
        )),
        Phase::Showing(i) => {
            let card = &room.cards[i];
            b.push_str(&item_head(card));
            b.push_str(if card.by_examples {
                "<p class=\"status\" role=\"status\">This item is rated in the room, example by example, with no vote on the phones. This page changes by itself when the next vote opens.</p>"
            } else {
                "<p class=\"status\" role=\"status\">Voting on this item is not open yet. This page changes by itself when it opens.</p>"
            });
            b.push_str(&more(&room.cards[i]));
        }
        Phase::Open(i) => b.push_str(&ballot(room, k, i, actions.vote)),
        Phase::Revealed(i) => {
            let card = &room.cards[i];
            b.push_str(&item_head(card));
            let yours = room
                .vote_of(k, i)
                .map_or("You did not vote on this item.".to_string(), |r| {
                    format!("Your vote was {}.", escape(&card.label_of(r)))
                });
            b.push_str(&format!(
                "<p class=\"status\" role=\"status\">Voting has closed: the room's votes are on the screen. {yours}</p>"
            ));
        }
        Phase::Ended => {
            b.push_str("<h1>The workshop has ended</h1><p class=\"status\" role=\"status\">Thank you for taking part. You can close this page.</p>");
            return b;
        }
    }
    b.push_str("<footer>");
    let voted = (0..room.cards.len()).any(|i| room.vote_of(k, i).is_some());
    if !voted {
        b.push_str(&format!(
            "<details><summary>Change your name or group</summary><form method=\"post\" action=\"{}\"><label for=\"name\">Your name</label><input id=\"name\" name=\"name\" maxlength=\"{}\" value=\"{}\">{}<button class=\"quiet\" type=\"submit\">Save</button></form></details>",
            escape(actions.name),
            room.limits.name_chars,
            escape(&me.label),
            tag_select(room, me.tag.as_deref())
        ));
    }
    b.push_str(&format!(
        "<p>Taking part as {}.</p><form method=\"post\" action=\"{}\"><button class=\"quiet\" type=\"submit\">Leave the workshop</button></form></footer>",
        escape(&me.label),
        escape(actions.leave)
    ));
    b
}

fn item_head(card: &Card) -> String {
    let mut s = format!(
        "<p class=\"place\">{}</p><h1>{}</h1>",
        escape(&card.place),
        escape(&card.title)
    );
    if let Some(text) = &card.text {
        s.push_str(&format!("<p>{}</p>", escape(text)));
    }
    s
}

fn more(card: &Card) -> String {
    if card.more.trim().is_empty() {
        return String::new();
    }
    format!(
        "<details><summary>More about this item</summary><div class=\"more\">{}</div></details>",
        escape(&card.more)
    )
}

/// The item open for voting: each point of the scale a large button.
fn ballot(room: &Room, k: usize, i: usize, action: &str) -> String {
    let card = &room.cards[i];
    let mine = room.vote_of(k, i);
    let mut b = item_head(card);
    b.push_str(&more(card));
    b.push_str(&match mine {
        Some(r) => format!(
            "<p class=\"status\" role=\"status\">Your vote: {}. You can change it until the votes are revealed.</p>",
            escape(&card.label_of(r))
        ),
        None => "<p class=\"status\" role=\"status\">Voting is open. Nobody sees your vote before the reveal.</p>".to_string(),
    });
    b.push_str(&format!(
        "<form method=\"post\" action=\"{}\"><input type=\"hidden\" name=\"item\" value=\"{}\"><fieldset><legend>Your rating</legend><ul class=\"choices\">",
        escape(action),
        escape(&card.id)
    ));
    for c in &card.choices {
        let current = mine == Some(c.rating);
        let descriptor = if c.descriptor.is_empty() {
            String::new()
        } else {
            format!("<span>{}</span>", escape(&c.descriptor))
        };
        b.push_str(&format!(
            "<li><button class=\"choice\" type=\"submit\" name=\"rating\" value=\"{}\" aria-current=\"{current}\"><strong>{} · {}{}</strong>{descriptor}</button></li>",
            form_value(c.rating),
            escape(&c.key),
            escape(&c.label),
            if current { " (your vote)" } else { "" }
        ));
    }
    b.push_str("</ul></fieldset></form>");
    b
}

/// The projector's page: the item in large type, the scale, the count while voting is
/// open, the histogram and the agreed rating after the reveal.
pub fn presenter(room: &Room, qr: &str) -> String {
    let mut b = String::new();
    match room.phase() {
        Phase::Lobby => {
            b.push_str(&format!(
                "<h1>{}</h1><p>Join on your phone: scan the code or open</p><p class=\"url\"><strong>{}</strong></p>{qr}<p class=\"count\" role=\"status\">{}</p>",
                escape(&room.title),
                escape(&room.join_url),
                joined(room.tally(0).joined)
            ));
        }
        Phase::Showing(i) | Phase::Open(i) | Phase::Revealed(i) => {
            b.push_str(&presented_item(room, i));
        }
        Phase::Ended => b.push_str("<h1>The workshop has ended</h1><p>Thank you all.</p>"),
    }
    b
}

fn joined(n: usize) -> String {
    match n {
        1 => "1 person has joined".into(),
        n => format!("{n} people have joined"),
    }
}

fn presented_item(room: &Room, i: usize) -> String {
    let card = &room.cards[i];
    let tally = room.tally(i);
    let mut b = item_head(card);
    if tally.revealed {
        b.push_str(&histogram(room, i));
    } else {
        b.push_str("<ul class=\"scale\">");
        for c in &card.choices {
            let d = if c.descriptor.is_empty() {
                String::new()
            } else {
                format!(" — {}", escape(&c.descriptor))
            };
            b.push_str(&format!(
                "<li><strong>{} · {}</strong>{d}</li>",
                escape(&c.key),
                escape(&c.label)
            ));
        }
        b.push_str("</ul>");
        let status = if tally.open {
            format!("{} of {} have voted", tally.voted, tally.of)
        } else {
            format!("Voting not open yet · {}", joined(tally.joined))
        };
        b.push_str(&format!("<p class=\"count\" role=\"status\">{status}</p>"));
    }
    if let Some(r) = room.agreed(i) {
        b.push_str(&format!(
            "<p class=\"count\">Agreed: {}</p>",
            escape(&card.label_of(r))
        ));
    }
    b
}

/// The votes at each point, as bars with their counts (no names), the disagreement
/// flag and each group's mean.
fn histogram(room: &Room, i: usize) -> String {
    let card = &room.cards[i];
    let counts = room.histogram(i);
    let most = counts.iter().copied().max().unwrap_or(0).max(1);
    let total: usize = counts.iter().sum();
    let mut b = format!("<h2>The room's votes ({total})</h2><ul class=\"bars\">");
    for (c, n) in card.choices.iter().zip(&counts) {
        let width = n * 30 / most;
        let votes = if *n == 1 { "vote" } else { "votes" };
        b.push_str(&format!(
            "<li><strong>{} · {}</strong><br><span class=\"bar\" style=\"width:{width}rem\"></span>{n} {votes}</li>",
            escape(&c.key),
            escape(&c.label)
        ));
    }
    b.push_str("</ul>");
    let given: Vec<i32> = card
        .choices
        .iter()
        .zip(&counts)
        .filter(|(_, n)| **n > 0)
        .filter_map(|(c, _)| match c.rating {
            Rating::Value(v) => Some(v),
            Rating::NotApplicable => None,
        })
        .collect();
    if let (Some(lo), Some(hi)) = (given.iter().min(), given.iter().max())
        && hi - lo >= 2
    {
        b.push_str(&format!(
            "<p class=\"status\">⚑ Disagreement: the votes span {} points. Discuss before agreeing.</p>",
            hi - lo
        ));
    }
    // On the projector a group's mean is shown only from the suppression rule's
    // minimum of votes: a group of two would show the room how each of them voted.
    let minimum = crate::score::suppress::NHS_MINIMUM as usize;
    let means: Vec<(String, Option<f64>, usize)> = room.tag_means(i);
    let shown: Vec<String> = means
        .iter()
        .filter(|(_, _, n)| *n >= minimum)
        .filter_map(|(tag, mean, n)| mean.map(|m| format!("{} {m:.1} (n={n})", escape(tag))))
        .collect();
    if !shown.is_empty() {
        b.push_str(&format!("<p>Mean by group: {}</p>", shown.join(" · ")));
    }
    if means
        .iter()
        .any(|(_, mean, n)| mean.is_some() && *n < minimum)
    {
        b.push_str(&format!(
            "<p>A group's mean is shown here from {minimum} votes in it, so that no one's vote can be told.</p>"
        ));
    }
    b
}

/// A page that only says something (not found, refused, ended).
pub fn message(heading: &str, text: &str) -> String {
    format!("<h1>{}</h1><p>{}</p>", escape(heading), escape(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::room::sample;

    #[test]
    fn the_projector_shows_counts_never_names_and_small_groups_no_mean() {
        let mut r = sample(&["patient leader", "staff"], 60);
        let mut people = Vec::new();
        for k in 0..13 {
            let tag = if k < 11 { "staff" } else { "patient leader" };
            people.push(
                r.join(&format!("<i>P{k}</i>"), tag, format!("c{k}"))
                    .unwrap(),
            );
        }
        r.open(0);
        let id = r.cards[0].id.clone();
        let open = presenter(&r, "");
        assert!(open.contains("0 of 13 have voted"), "{open}");
        for k in &people {
            r.vote(*k, &id, "2").unwrap();
        }
        assert!(presenter(&r, "").contains("13 of 13 have voted"));
        r.reveal(0);
        let shown = presenter(&r, "");
        assert!(!shown.contains("P1"), "no name: {shown}");
        assert!(shown.contains("13 votes"), "{shown}");
        assert!(shown.contains("staff 2.0 (n=11)"), "{shown}");
        assert!(
            !shown.contains("patient leader 2.0"),
            "a group of 2 has no mean shown"
        );
        assert!(shown.contains("shown here from 11 votes"));
    }

    #[test]
    fn a_ballot_marks_only_the_participants_own_vote() {
        let mut r = sample(&[], 60);
        let a = r.join("A", "", "c1".into()).unwrap();
        let b = r.join("B", "", "c2".into()).unwrap();
        r.open(0);
        let id = r.cards[0].id.clone();
        r.vote(a, &id, "3").unwrap();
        let actions = Actions {
            vote: "/v",
            name: "/n",
            leave: "/l",
        };
        let mine = participant(&r, a, &actions, None);
        assert!(mine.contains("Your vote: 3 · Established"), "{mine}");
        assert_eq!(mine.matches("aria-current=\"true\"").count(), 1);
        let theirs = participant(&r, b, &actions, None);
        assert!(!theirs.contains("Your vote") && !theirs.contains("aria-current=\"true\""));
        assert!(!theirs.contains("have voted"), "no count on a phone");
    }
}
