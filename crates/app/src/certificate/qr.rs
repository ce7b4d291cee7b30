//! The QR code of a certificate's signed text, as SVG (pages, PDF) and PNG (phones). The text is
//! base45, which QR codes hold in their compact alphanumeric mode.

use qrcode::{Color, EcLevel, QrCode};

/// The code's modules (true = dark), row by row, and its width.
pub fn modules(text: &str) -> anyhow::Result<(usize, Vec<bool>)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)?;
    let width = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok((width, dark))
}

/// An SVG drawing with the quiet zone of four modules.
pub fn svg(text: &str) -> anyhow::Result<String> {
    let (w, dark) = modules(text)?;
    let size = w + 8;
    let mut path = String::new();
    for (i, d) in dark.iter().enumerate() {
        if *d {
            path.push_str(&format!("M{} {}h1v1h-1z", i % w + 4, i / w + 4));
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

/// A greyscale PNG, `scale` pixels a module, with the quiet zone.
pub fn png(text: &str, scale: usize) -> anyhow::Result<Vec<u8>> {
    let (w, dark) = modules(text)?;
    let side = (w + 8) * scale;
    let mut pixels = vec![255u8; side * side];
    for (i, d) in dark.iter().enumerate() {
        if !*d {
            continue;
        }
        let (x0, y0) = ((i % w + 4) * scale, (i / w + 4) * scale);
        for y in y0..y0 + scale {
            pixels[y * side + x0..y * side + x0 + scale].fill(0);
        }
    }
    let mut out = vec![];
    {
        let mut enc = png::Encoder::new(&mut out, side as u32, side as u32);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header()?;
        writer.write_image_data(&pixels)?;
    }
    Ok(out)
}
