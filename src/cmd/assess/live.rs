//! `plead assess --live`: binds the server (the address asked for, else this computer's
//! address on the local network; on resuming, the port it had, where it is still free),
//! makes or takes back the link's tokens, shows the join link, its QR code and the
//! presenter view's link, and stops the server when the workshop ends. The workshop
//! itself is the terminal's session, with the votes coming from the room.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};

use crate::assessment::Assessment;
use crate::cli::AssessArgs;
use crate::interact::draft::Draft;
use crate::interact::{Entry, Menu, Pick, Prompter, Screen};
use crate::live::card::Card;
use crate::live::hub::Hub;
use crate::live::listen;
use crate::live::record::LiveRecord;
use crate::live::room::{Limits, Room};
use crate::live::server::{self, Running, ServerLimits};
use crate::live::{qr, token};
use tokio::net::TcpSocket;

/// A live workshop being served.
pub struct LiveWorkshop {
    pub hub: Arc<Hub>,
    server: Running,
    join: String,
    presenter: String,
}

/// Starts serving the workshop of `draft`.
pub fn start(
    args: &AssessArgs,
    assessment: &Assessment,
    draft: &Draft,
    draft_path: &Path,
) -> anyhow::Result<LiveWorkshop> {
    if draft.live.is_none() && !draft.answers.raters.is_empty() {
        bail!(
            "this draft's raters were named in the terminal (--raters), so it cannot continue as a live workshop: run it again without --live"
        );
    }
    let record = match &draft.live {
        Some(r) => r.clone(),
        None => LiveRecord {
            token: token::fresh()?,
            presenter: token::fresh()?,
            port: 0,
            tags: tags(args.tags.as_deref())?,
            participants: Vec::new(),
            open: None,
        },
    };
    if !token::well_formed(&record.token) || !token::well_formed(&record.presenter) {
        bail!(
            "the draft's live workshop link is damaged (its tokens are not plead's): move the draft aside to start again"
        );
    }
    let (listeners, join_host) = bind(args.bind, record.port)?;
    let port = listeners[0].local_addr()?.port();
    let presenter_host = if listeners.len() > 1 || join_host.is_loopback() {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    } else {
        join_host
    };
    let join = format!(
        "http://{}/j/{}",
        SocketAddr::new(join_host, port),
        record.token
    );
    let presenter = format!(
        "http://{}/p/{}",
        SocketAddr::new(presenter_host, port),
        record.presenter
    );
    let limits = Limits {
        participants: usize::from(args.max_participants),
        ..Limits::default()
    };
    let start = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_millis() as u64);
    let mut room = Room::new(
        Card::all(assessment),
        draft.clone(),
        LiveRecord { port, ..record },
        limits,
        start,
    );
    room.title = format!(
        "{} — {}, {}",
        assessment.title, draft.organisation, draft.period
    );
    room.join_url = join.clone();
    let hub = Hub::new(room, draft_path.to_path_buf());
    // The link is in the draft before anyone can use it: a crash now resumes on it.
    hub.save(draft)?;
    let server = server::start(
        Arc::clone(&hub),
        listeners,
        ServerLimits::for_room(limits.participants),
    )?;
    Ok(LiveWorkshop {
        hub,
        server,
        join,
        presenter,
    })
}

/// The groups offered: `--tags`, each as a rater's tag may be written.
fn tags(list: Option<&str>) -> anyhow::Result<Vec<String>> {
    let mut tags: Vec<String> = Vec::new();
    for t in list.unwrap_or_default().split(',').map(str::trim) {
        if t.is_empty() {
            continue;
        }
        if t.contains(':') || t.chars().count() > 40 {
            bail!("--tags: \"{t}\" is not a group name: up to 40 characters, no ':'");
        }
        if !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            tags.push(t.to_string());
        }
    }
    Ok(tags)
}

/// The listeners to serve on, and the address participants join by. Without `--bind`,
/// this computer's address on the local network (and 127.0.0.1 beside it, for the
/// presenter view); `port` is tried first (the one a resumed workshop had).
fn bind(asked: Option<SocketAddr>, port: u16) -> anyhow::Result<(Vec<TcpSocket>, IpAddr)> {
    let ip = asked.map_or_else(lan_address, |a| a.ip());
    let wanted = asked.map_or(port, |a| if a.port() == 0 { port } else { a.port() });
    let first = match listen::socket(SocketAddr::new(ip, wanted)) {
        Ok(l) => l,
        Err(_) if wanted != 0 && asked.is_none_or(|a| a.port() == 0) => {
            listen::socket(SocketAddr::new(ip, 0))
                .with_context(|| format!("cannot serve the live workshop on {ip}"))?
        }
        Err(e) => {
            return Err(e).with_context(|| {
                format!(
                    "cannot serve the live workshop on {}: give another address with --bind ADDR:PORT",
                    SocketAddr::new(ip, wanted)
                )
            });
        }
    };
    let port = first.local_addr()?.port();
    let mut listeners = vec![first];
    let join_host = if ip.is_unspecified() {
        lan_address()
    } else {
        ip
    };
    if !ip.is_loopback() && !ip.is_unspecified() {
        // The presenter view on this computer, whatever the network does.
        if let Ok(l) = listen::socket(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port)) {
            listeners.push(l);
        }
    }
    Ok((listeners, join_host))
}

/// The address this computer has on the network its default route leads to (no packet
/// is sent: a UDP socket's local address once "connected"); 127.0.0.1 where there is none.
fn lan_address() -> IpAddr {
    UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| {
            s.connect("192.0.2.1:9")?;
            s.local_addr()
        })
        .map(|a| a.ip())
        .ok()
        .filter(|ip| !ip.is_unspecified())
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

/// The join link, its QR code and the presenter's link.
fn join_text(live: &LiveWorkshop) -> String {
    format!(
        "Join: {}\n{}\nPresenter view: {}",
        live.join,
        qr::terminal(&live.join),
        live.presenter
    )
}

/// How many have joined, as the room now stands.
fn joined_text(hub: &Hub) -> String {
    let joined = hub.read(|r| r.tally(0).joined);
    format!("{joined} joined so far. Anyone on this network with the link can join.")
}

/// Before the first item: the links on screen while people join, the count following
/// the room while the facilitator waits (as it does while an item is voted on).
pub fn lobby<P: Prompter>(prompter: &mut P, live: &LiveWorkshop) -> anyhow::Result<()> {
    let title = live.hub.read(|r| r.title.clone());
    loop {
        prompter.screen(&Screen {
            head: format!("Live workshop: {title}"),
            body: String::new(),
        });
        prompter.say(&join_text(live));
        prompter.say(&joined_text(&live.hub));
        let hub = Arc::clone(&live.hub);
        prompter.follow(Some(Arc::new(move || joined_text(&hub))));
        let menu = Menu::new(
            "Start when everyone has joined",
            vec![
                Entry::keyed('s', "Start the workshop", ""),
                Entry::keyed('u', "Update the count", ""),
            ],
            0,
        );
        let pick = prompter.choose(&menu);
        prompter.follow(None);
        if pick? == Pick::Entry(0) {
            return Ok(());
        }
    }
}

/// The workshop is over: every page says so, then the server stops.
pub fn end(live: LiveWorkshop) {
    live.hub.change(|r| r.end());
    // A moment for the pages waiting to show the end before the server goes.
    std::thread::sleep(Duration::from_millis(600));
    drop(live.server);
}
