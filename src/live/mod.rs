//! The live workshop (`plead assess --live`): participants rate on their own phones
//! while the facilitator keeps control in the terminal and the projector shows the
//! room's view. The workshop's state is a pure `room::Room`; `hub` shares it between the
//! terminal and the HTTP `server`, and writes it into the workshop's draft, where votes
//! are raters' ratings like any other.

pub mod card;
pub mod hub;
pub mod limiter;
pub mod listen;
pub mod pages;
pub mod qr;
pub mod record;
pub mod room;
pub mod server;
pub mod token;
