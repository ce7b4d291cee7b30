//! The voice track of a rendered video and its timing: the WAV samples espeak-ng writes, silences
//! between sentences and slides, the WAV file ffmpeg reads, lengths in milliseconds and the
//! WebVTT timestamps of the captions.

use anyhow::bail;

const SAMPLE_RATE: u32 = 22_050;
/// Silence after each sentence and after each slide (ms).
pub(super) const SENTENCE_PAUSE_MS: u32 = 350;
pub(super) const SLIDE_PAUSE_MS: u32 = 900;

/// The 16-bit mono samples of a WAV file written by espeak-ng.
pub(super) fn wav_samples(bytes: &[u8]) -> anyhow::Result<&[u8]> {
    if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        bail!("espeak-ng did not write a WAV file");
    }
    let mut at = 12;
    while at + 8 <= bytes.len() {
        let id = &bytes[at..at + 4];
        let len = u32::from_le_bytes(bytes[at + 4..at + 8].try_into()?) as usize;
        let body = at + 8;
        if id == b"data" {
            let end = body.saturating_add(len).min(bytes.len());
            return Ok(&bytes[body..end & !1]);
        }
        at = body + len + (len & 1);
    }
    bail!("the WAV file has no data")
}

pub(super) fn silence(ms: u32) -> Vec<u8> {
    vec![0; (SAMPLE_RATE * ms / 1000) as usize * 2]
}

pub(super) fn wav_file(pcm: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(pcm.len() + 44);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + pcm.len() as u32).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&SAMPLE_RATE.to_le_bytes());
    out.extend_from_slice(&(SAMPLE_RATE * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&(pcm.len() as u32).to_le_bytes());
    out.extend_from_slice(pcm);
    out
}

pub(super) fn ms_of(pcm_len: usize) -> i64 {
    (pcm_len as i64 / 2) * 1000 / SAMPLE_RATE as i64
}

/// A WebVTT timestamp.
pub(super) fn vtt_time(ms: i64) -> String {
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::encode::wrap;

    #[test]
    fn captions_and_audio_are_timed_exactly() {
        assert_eq!(vtt_time(3_723_456), "01:02:03.456");
        let pcm = vec![0u8; SAMPLE_RATE as usize * 2];
        assert_eq!(ms_of(pcm.len()), 1000);
        let wav = wav_file(&pcm);
        assert_eq!(wav_samples(&wav).unwrap().len(), pcm.len());
        assert!(wav_samples(b"not a wav").is_err());
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
    }
}
