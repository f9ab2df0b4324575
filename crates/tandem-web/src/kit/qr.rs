//! A link as a QR code, to be scanned off the screen in a meeting (invitations, campaign links).

/// The link as a QR code: an SVG path of the dark modules and the symbol's size in modules
/// (drawn with a four-module quiet zone by the template), so it can be scanned off the screen in
/// a meeting.
pub fn qr(link: &str) -> Option<(String, usize)> {
    let code = qrcode::QrCode::new(link.as_bytes()).ok()?;
    let width = code.width();
    let mut path = String::new();
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark {
            path.push_str(&format!("M{} {}h1v1h-1z", i % width, i / width));
        }
    }
    Some((path, width))
}
