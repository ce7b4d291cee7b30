//! The certificate as an A4 PDF (krilla): the title and labels in English and Urdu, the name,
//! the masked CNIC, the number, the dates, the QR code (drawn as vectors) and the verification
//! address. krilla shapes one run in one font and direction per call and does no bidi, so each
//! line is split into bidi runs (`unicode-bidi`), each run is drawn in its direction and font
//! (Urdu in Noto Nastaliq Urdu; digits and Latin in Noto Sans) and measured with rustybuzz to
//! centre the line.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use unicode_bidi::BidiInfo;

static NASTALIQ: &[u8] = include_bytes!("../../../../fonts/NotoNastaliqUrdu-Regular.ttf");
static SANS: &[u8] = include_bytes!("../../../../fonts/NotoSans-Regular.ttf");

const A4: (f32, f32) = (595.0, 842.0);
const GREEN: (u8, u8, u8) = (0x0B, 0x5D, 0x3B);

/// What the PDF shows: every text already in its language (labels come in pairs).
pub struct Sheet {
    pub title_en: String,
    pub title_ur: String,
    pub certifies_en: String,
    pub certifies_ur: String,
    pub name: String,
    /// The name in Urdu script, printed under the name when given.
    pub name_ur: Option<String>,
    pub lines: Vec<(String, String, String)>,
    pub qr_modules: (usize, Vec<bool>),
    pub verify_en: String,
    pub verify_ur: String,
    pub link: String,
}

struct Fonts {
    urdu: Font,
    latin: Font,
}

fn is_rtl_char(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Fluent wraps arguments in isolation marks; a PDF must not draw them.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{2066}'..='\u{2069}'))
        .collect()
}

/// The width of `text` in `font` at `size`, as rustybuzz shapes it.
fn width(font_data: &[u8], text: &str, size: f32, rtl: bool) -> f32 {
    let Some(face) = rustybuzz::Face::from_slice(font_data, 0) else {
        return 0.0;
    };
    let mut buf = rustybuzz::UnicodeBuffer::new();
    buf.push_str(text);
    buf.guess_segment_properties();
    buf.set_direction(if rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    let out = rustybuzz::shape(&face, &[], buf);
    let adv: i32 = out.glyph_positions().iter().map(|p| p.x_advance).sum();
    adv as f32 * size / face.units_per_em() as f32
}

/// The runs of a line in visual order: (text, right-to-left).
fn runs(text: &str) -> Vec<(String, bool)> {
    let info = BidiInfo::new(text, None);
    let Some(para) = info.paragraphs.first() else {
        return vec![];
    };
    let (levels, ranges) = info.visual_runs(para, para.range.clone());
    ranges
        .into_iter()
        .map(|r| {
            let rtl = levels[r.start].is_rtl();
            (text[r].to_owned(), rtl)
        })
        .filter(|(t, _)| !t.is_empty())
        .collect()
}

impl Fonts {
    fn pick(&self, text: &str, rtl: bool) -> (&Font, &'static [u8], f32) {
        if rtl || text.chars().any(is_rtl_char) {
            // Nastaliq is drawn larger to read like Latin text of the same size.
            (&self.urdu, NASTALIQ, 1.15)
        } else {
            (&self.latin, SANS, 1.0)
        }
    }

    fn line_width(&self, text: &str, size: f32) -> f32 {
        runs(text)
            .iter()
            .map(|(t, rtl)| {
                let (_, data, scale) = self.pick(t, *rtl);
                width(data, t, size * scale, *rtl)
            })
            .sum()
    }

    /// Draws a line centred on `cx` with its baseline at `y`.
    fn centred(&self, s: &mut Surface, text: &str, size: f32, cx: f32, y: f32) {
        let text = clean(text);
        let x = cx - self.line_width(&text, size) / 2.0;
        self.draw(s, &text, size, x, y);
    }

    /// Draws a line ending at `right`.
    fn right(&self, s: &mut Surface, text: &str, size: f32, right: f32, y: f32) {
        let text = clean(text);
        let x = right - self.line_width(&text, size);
        self.draw(s, &text, size, x, y);
    }

    /// Breaks `text` into lines no wider than `max` (between words, in reading order).
    fn wrap(&self, text: &str, size: f32, max: f32) -> Vec<String> {
        let mut lines: Vec<String> = vec![];
        for word in clean(text).split_whitespace() {
            match lines.last_mut() {
                Some(l) if self.line_width(&format!("{l} {word}"), size) <= max => {
                    l.push(' ');
                    l.push_str(word);
                }
                _ => lines.push(word.to_owned()),
            }
        }
        lines
    }

    /// Draws a line starting at `x` (runs in visual order).
    fn draw(&self, s: &mut Surface, text: &str, size: f32, mut x: f32, y: f32) {
        for (t, rtl) in runs(text) {
            let (font, data, scale) = self.pick(&t, rtl);
            s.draw_text(
                Point::from_xy(x, y),
                font.clone(),
                size * scale,
                &t,
                false,
                if rtl {
                    TextDirection::RightToLeft
                } else {
                    TextDirection::LeftToRight
                },
            );
            x += width(data, &t, size * scale, rtl);
        }
    }
}

fn fill(s: &mut Surface, (r, g, b): (u8, u8, u8)) {
    s.set_fill(Some(Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }));
}

fn rect(s: &mut Surface, x: f32, y: f32, w: f32, h: f32) {
    let mut pb = PathBuilder::new();
    if let Some(r) = Rect::from_xywh(x, y, w, h) {
        pb.push_rect(r);
    }
    if let Some(p) = pb.finish() {
        s.draw_path(&p);
    }
}

/// The PDF bytes.
pub fn render(sheet: &Sheet) -> anyhow::Result<Vec<u8>> {
    let fonts = Fonts {
        urdu: Font::new(NASTALIQ.into(), 0).ok_or_else(|| anyhow::anyhow!("Nastaliq font"))?,
        latin: Font::new(SANS.into(), 0).ok_or_else(|| anyhow::anyhow!("Noto Sans font"))?,
    };
    let (w, h) = A4;
    let cx = w / 2.0;
    let mut doc = Document::new();
    let mut page = doc
        .start_page_with(PageSettings::from_wh(w, h).ok_or_else(|| anyhow::anyhow!("page size"))?);
    let mut s = page.surface();
    // A green frame and header band.
    fill(&mut s, GREEN);
    rect(&mut s, 20.0, 20.0, w - 40.0, h - 40.0);
    fill(&mut s, (255, 255, 255));
    rect(&mut s, 28.0, 28.0, w - 56.0, h - 56.0);
    fill(&mut s, GREEN);
    rect(&mut s, 28.0, 28.0, w - 56.0, 120.0);
    fill(&mut s, (255, 255, 255));
    fonts.centred(&mut s, &sheet.title_en, 20.0, cx, 75.0);
    fonts.centred(&mut s, &sheet.title_ur, 20.0, cx, 125.0);
    fill(&mut s, (0x33, 0x33, 0x33));
    let mut y = 185.0;
    for l in fonts.wrap(&sheet.certifies_en, 12.0, w - 120.0) {
        fonts.centred(&mut s, &l, 12.0, cx, y);
        y += 17.0;
    }
    y += 12.0;
    for l in fonts.wrap(&sheet.certifies_ur, 12.0, w - 120.0) {
        fonts.centred(&mut s, &l, 12.0, cx, y);
        y += 30.0;
    }
    fill(&mut s, GREEN);
    fonts.centred(&mut s, &sheet.name, 28.0, cx, y + 30.0);
    let y = match &sheet.name_ur {
        Some(ur) => {
            fonts.centred(&mut s, ur, 24.0, cx, y + 78.0);
            y + 48.0
        }
        None => y,
    };
    fill(&mut s, (0x22, 0x22, 0x22));
    let mut y = y + 80.0;
    // English label on the left, the value in the middle, the Urdu label on the right.
    for (en, ur, value) in &sheet.lines {
        fonts.draw(&mut s, &clean(en), 11.0, 60.0, y);
        fonts.centred(&mut s, value, 13.0, cx, y);
        fonts.right(&mut s, ur, 11.0, w - 60.0, y);
        y += 30.0;
    }
    // The QR code, about 150 pt square with its quiet zone, as filled squares. Each module is a
    // whole number of pixels on the phone's PNG (PNG_SCALE pixels a point) and starts on a pixel
    // edge: no module is smeared across two pixels, so the code stays sharp.
    let (n, dark) = &sheet.qr_modules;
    let span = *n as f32 + 8.0;
    // Whole points (PNG_SCALE pixels) a module, starting on whole points: the picture shown at
    // half size still has whole pixels a module.
    let module = (150.0 / span).floor().max(1.0);
    let side = module * span;
    let on_pixel = |v: f32| v.round();
    let (qx, qy) = (on_pixel(cx - side / 2.0), on_pixel(y + 5.0));
    fill(&mut s, (0, 0, 0));
    let mut pb = PathBuilder::new();
    for (i, d) in dark.iter().enumerate() {
        if *d {
            let (col, row) = ((i % n) as f32 + 4.0, (i / n) as f32 + 4.0);
            if let Some(r) = Rect::from_xywh(qx + col * module, qy + row * module, module, module) {
                pb.push_rect(r);
            }
        }
    }
    if let Some(p) = pb.finish() {
        s.draw_path(&p);
    }
    let y = qy + side + 22.0;
    fill(&mut s, (0x33, 0x33, 0x33));
    fonts.centred(&mut s, &sheet.verify_en, 11.0, cx, y);
    fonts.centred(&mut s, &sheet.verify_ur, 11.0, cx, y + 30.0);
    fill(&mut s, GREEN);
    fonts.centred(&mut s, &sheet.link, 10.0, cx, y + 56.0);
    s.finish();
    page.finish();
    doc.finish()
        .map_err(|e| anyhow::anyhow!("writing the PDF: {e:?}"))
}

/// Pixels a point on the certificate's PNG (an A4 sheet 1190 pixels wide).
pub const PNG_SCALE: f32 = 2.0;

/// The first page of a PDF as a PNG (the certificate for phones: the same sheet, rasterised by
/// hayro), `scale` pixels per point.
pub fn to_png(pdf: Vec<u8>, scale: f32) -> anyhow::Result<Vec<u8>> {
    let doc = hayro::hayro_syntax::Pdf::new(std::sync::Arc::new(pdf))
        .map_err(|e| anyhow::anyhow!("reading the PDF: {e:?}"))?;
    let page = hayro::render_pdf(
        &doc,
        scale,
        Default::default(),
        &Default::default(),
        Some(0..=0),
    )
    .and_then(|p| p.into_iter().next())
    .ok_or_else(|| anyhow::anyhow!("the PDF has no page to draw"))?;
    let (w, h) = (page.width() as u32, page.height() as u32);
    let rgba = page.take_rgba8(hayro::vello_cpu::peniko::ImageAlphaType::Alpha);
    let mut out = vec![];
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        enc.write_header()?.write_image_data(&rgba)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_lines_split_into_runs_in_visual_order() {
        let r = runs("Number PSS-7KQ4-M2XD-9 نمبر");
        assert_eq!(r.len(), 2, "{r:?}");
        assert!(!r[0].1 && r[1].1);
        let r = runs("سرٹیفکیٹ نمبر 2029");
        assert!(r.iter().any(|(t, rtl)| t.contains("2029") && !rtl), "{r:?}");
        assert_eq!(clean("\u{2068}name\u{2069}"), "name");
    }
}
