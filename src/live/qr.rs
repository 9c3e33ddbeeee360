//! The join link as a QR code: drawn in the terminal with half-block characters (two
//! rows of modules a line, so it fits under the link), and as an SVG for the presenter
//! view, drawn here as one path so the page needs no image file.

use qrcode::{Color, EcLevel, QrCode};

fn code(url: &str) -> Option<QrCode> {
    QrCode::with_error_correction_level(url.as_bytes(), EcLevel::L).ok()
}

/// The QR code of `url` for a terminal (dark modules drawn light on a dark screen would
/// not scan, so the code is drawn as dark on light: spaces are the dark modules).
pub fn terminal(url: &str) -> String {
    let Some(code) = code(url) else {
        return String::new();
    };
    code.render::<qrcode::render::unicode::Dense1x2>()
        .dark_color(qrcode::render::unicode::Dense1x2::Light)
        .light_color(qrcode::render::unicode::Dense1x2::Dark)
        .quiet_zone(true)
        .build()
}

/// The QR code of `url` as an inline SVG, `label` as its accessible name.
pub fn svg(url: &str, label: &str) -> String {
    let Some(code) = code(url) else {
        return String::new();
    };
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    for (n, c) in colors.iter().enumerate() {
        if *c == Color::Dark {
            let (x, y) = (n % width + 4, n / width + 4);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    let size = width + 8;
    format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{}\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>",
        crate::render::markup::escape(label)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_drawn_both_ways() {
        let url = "http://192.168.1.20:40123/j/0123456789abcdef0123456789abcdef";
        let text = terminal(url);
        assert!(text.lines().count() > 10, "{text}");
        let first = text.lines().next().unwrap().chars().count();
        assert!(text.lines().all(|l| l.chars().count() == first));
        let svg = svg(url, "QR code of the join link");
        assert!(svg.starts_with("<svg") && svg.contains("aria-label=\"QR code of the join link\""));
    }
}
