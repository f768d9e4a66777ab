//! A page as sentences. The window sends the text of each block it shows (a heading, a
//! paragraph, a list item, a question's label), in reading order; each block becomes one or
//! more sentences. A sentence keeps where it is in its block, in UTF-16 code units (what a
//! DOM `Range` counts), so the window can highlight exactly the words being read.
//!
//! The rule, in Dutch and English: a sentence ends at `.`, `!`, `?` or `…` (with the quotes
//! and brackets that close it) followed by a space, unless
//! - the next word starts with a small letter (`Ja... en toen?`),
//! - the period belongs to an abbreviation (`bijv.`, `o.a.`, `d.w.z.`, `e.g.`, `Dr.`) or to
//!   an initial (`J. de Vries`); `enz.` and `etc.` end a sentence when a capital follows,
//! - the period is the number of a list item at the start of a block (`1. Bel 113`).
//!
//! A period inside a word or number (`113.nl`, `3.5`, `1.000`) is never an end. A block
//! without an end mark (a heading, a list item) is one sentence. Pieces with no letter or
//! digit in them (a dash, a bullet) are not read.

use serde::Serialize;
use ts_rs::TS;

/// One sentence to read, and where the window finds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Sentence {
    /// Which of the blocks the window sent (0-based).
    pub block: u32,
    /// Start and end in the block's text, in UTF-16 code units, without surrounding spaces.
    pub start: u32,
    pub end: u32,
    /// What is spoken: the sentence with its white space collapsed to single spaces.
    pub text: String,
}

/// Abbreviations whose period never ends a sentence (compared without case).
const ABBREVIATIONS: &[&str] = &[
    // Dutch
    "bijv.", "bv.", "b.v.", "o.a.", "d.w.z.", "m.a.w.", "z.o.z.", "ca.", "evt.", "incl.", "excl.",
    "max.", "min.", "nr.", "blz.", "pag.", "dhr.", "mevr.", "mw.", "dr.", "drs.", "ir.", "prof.",
    "mr.", "jl.", "i.p.v.", "t.o.v.", "m.b.t.", "n.a.v.", "zgn.", "resp.", "vgl.", "tel.",
    "o.b.v.", "z.s.m.", "a.u.b.", "s.v.p.", "i.v.m.", "m.n.", "t/m", "vnl.", "ong.", "jr.", "sr.",
    // English
    "e.g.", "i.e.", "mr.", "mrs.", "ms.", "st.", "vs.", "no.", "approx.", "tel.", "a.m.", "p.m.",
    "fig.", "cf.",
];

/// Abbreviations that can also close a sentence: they end one when a capital follows.
const CLOSING_ABBREVIATIONS: &[&str] = &["enz.", "etc.", "a.s."];

const TERMINATORS: &[char] = &['.', '!', '?', '…'];
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']'];

/// Splits every block into sentences, in reading order.
pub fn split_blocks<S: AsRef<str>>(blocks: &[S]) -> Vec<Sentence> {
    blocks
        .iter()
        .enumerate()
        .flat_map(|(i, b)| split_block(u32::try_from(i).unwrap_or(u32::MAX), b.as_ref()))
        .collect()
}

/// One block's sentences.
fn split_block(block: u32, text: &str) -> Vec<Sentence> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        if !TERMINATORS.contains(&chars[i]) {
            i += 1;
            continue;
        }
        let mark = i;
        let mut end = i + 1;
        while end < chars.len()
            && (TERMINATORS.contains(&chars[end]) || CLOSERS.contains(&chars[end]))
        {
            end += 1;
        }
        i = end;
        if end < chars.len() && !chars[end].is_whitespace() {
            continue; // 113.nl, 3.5, "Ja."Nee
        }
        let next = chars[end..].iter().find(|c| !c.is_whitespace()).copied();
        if ends_sentence(&chars[start..end], mark - start, start == 0, next) {
            push(&mut out, block, &chars, start, end);
            start = end;
        }
    }
    push(&mut out, block, &chars, start, chars.len());
    out
}

/// Whether the end mark at `mark` (an index into `piece`, the text since the last sentence)
/// closes a sentence, given the first character after the spaces that follow.
fn ends_sentence(piece: &[char], mark: usize, at_block_start: bool, next: Option<char>) -> bool {
    let Some(next) = next else {
        return true;
    };
    if next.is_lowercase() {
        return false;
    }
    if piece[mark] != '.' || piece[mark + 1..].iter().any(|c| TERMINATORS.contains(c)) {
        return true; // "!", "?", "…", or "..." and the like
    }
    // The word the period belongs to, from the last space up to and including the period.
    let word_start = piece[..mark]
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |p| p + 1);
    let word: String = piece[word_start..=mark]
        .iter()
        .skip_while(|c| matches!(c, '(' | '"' | '\'' | '“' | '‘' | '«'))
        .flat_map(|c| c.to_lowercase())
        .collect();
    if ABBREVIATIONS.contains(&word.as_str()) {
        return false;
    }
    if CLOSING_ABBREVIATIONS.contains(&word.as_str()) {
        return next.is_uppercase();
    }
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    // An initial ("J. de Vries") or a dotted abbreviation not in the list ("z.g.a.n.").
    if word.len() > 1 && letters.iter().all(|c| c.is_alphabetic()) {
        let dots = word.chars().filter(|c| *c == '.').count();
        if letters.len() == 1 || dots == letters.len() {
            return false;
        }
    }
    // "1. Bel 113" at the start of a block: the number of a list item, not a sentence.
    let only_digits = !letters.is_empty() && letters.iter().all(char::is_ascii_digit);
    if only_digits && at_block_start && piece[..word_start].iter().all(|c| c.is_whitespace()) {
        return false;
    }
    true
}

/// Adds `chars[from..to]` as a sentence when it holds something to read.
fn push(out: &mut Vec<Sentence>, block: u32, chars: &[char], from: usize, to: usize) {
    let piece = &chars[from..to];
    if !piece.iter().any(|c| c.is_alphanumeric()) {
        return;
    }
    let lead = piece.iter().take_while(|c| c.is_whitespace()).count();
    let trail = piece.iter().rev().take_while(|c| c.is_whitespace()).count();
    let (from, to) = (from + lead, to - trail);
    let text = chars[from..to]
        .iter()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    out.push(Sentence {
        block,
        start: utf16_len(&chars[..from]),
        end: utf16_len(&chars[..to]),
        text,
    });
}

fn utf16_len(chars: &[char]) -> u32 {
    let n: usize = chars.iter().map(|c| c.len_utf16()).sum();
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[&str]) -> Vec<String> {
        split_blocks(blocks).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn dutch_sentences_split_at_their_end_marks() {
        assert_eq!(
            texts(&["Je bent niet alleen. Veel ouders voelen dit ook! Wat helpt jou?"]),
            [
                "Je bent niet alleen.",
                "Veel ouders voelen dit ook!",
                "Wat helpt jou?"
            ]
        );
    }

    #[test]
    fn dutch_abbreviations_do_not_end_a_sentence() {
        assert_eq!(
            texts(&[
                "Doe iets kleins, bijv. een wandeling. Praat o.a. met je huisarts. Dat is d.w.z. rust. Bel Dr. Jansen."
            ]),
            [
                "Doe iets kleins, bijv. een wandeling.",
                "Praat o.a. met je huisarts.",
                "Dat is d.w.z. rust.",
                "Bel Dr. Jansen."
            ]
        );
        // "enz." closes a sentence only when a capital follows.
        assert_eq!(
            texts(&["Speelgoed, boeken enz. liggen klaar. Kleren, eten enz. Daarna slapen."]),
            [
                "Speelgoed, boeken enz. liggen klaar.",
                "Kleren, eten enz.",
                "Daarna slapen."
            ]
        );
    }

    #[test]
    fn english_abbreviations_and_initials_do_not_end_a_sentence() {
        assert_eq!(
            texts(&["Take a break, e.g. a short walk. Ask Mr. J. Smith, i.e. your GP. Then rest."]),
            [
                "Take a break, e.g. a short walk.",
                "Ask Mr. J. Smith, i.e. your GP.",
                "Then rest."
            ]
        );
    }

    #[test]
    fn numbers_and_web_addresses_stay_whole() {
        assert_eq!(
            texts(&["Bel 113 of 0800-0113. Chat via 113.nl. Het duurt 2.5 minuut of 1.000 seconden. Klaar."]),
            [
                "Bel 113 of 0800-0113.",
                "Chat via 113.nl.",
                "Het duurt 2.5 minuut of 1.000 seconden.",
                "Klaar."
            ]
        );
        // A number ending a sentence still ends it.
        assert_eq!(
            texts(&["Dat is stap 3. Daarna stap 4."]),
            ["Dat is stap 3.", "Daarna stap 4."]
        );
    }

    #[test]
    fn list_items_and_headings_without_end_marks_are_one_sentence_each() {
        let blocks = [
            "Wat je kunt doen",
            "1. Bel 113 als het niet gaat",
            "een wandeling maken",
            "Rust",
        ];
        assert_eq!(texts(&blocks), blocks);
        let s = split_blocks(&blocks);
        assert_eq!(s.iter().map(|s| s.block).collect::<Vec<_>>(), [0, 1, 2, 3]);
    }

    #[test]
    fn a_lowercase_word_after_an_ellipsis_continues_the_sentence() {
        assert_eq!(
            texts(&["Ja... en toen? Toen ging het beter… Echt waar."]),
            ["Ja... en toen?", "Toen ging het beter…", "Echt waar."]
        );
    }

    #[test]
    fn quotes_and_brackets_stay_with_their_sentence() {
        assert_eq!(
            texts(&["Je kind vraagt: \"Ben je ziek?\" Zeg dan eerlijk ja. (Dat mag.) Daarna praat je verder."]),
            ["Je kind vraagt: \"Ben je ziek?\"", "Zeg dan eerlijk ja.", "(Dat mag.)", "Daarna praat je verder."]
        );
    }

    #[test]
    fn offsets_point_at_the_sentence_in_utf16_code_units() {
        // "’" and "é" are one UTF-16 unit, "🙂" is two: the offsets count what JavaScript counts.
        let block = "  Eén ’moment’ 🙂 voor jou.\n  Daarna   verder. ";
        let s = split_blocks(&[block]);
        assert_eq!(s.len(), 2);
        let units: Vec<u16> = block.encode_utf16().collect();
        let slice =
            |s: &Sentence| String::from_utf16_lossy(&units[s.start as usize..s.end as usize]);
        assert_eq!(slice(&s[0]), "Eén ’moment’ 🙂 voor jou.");
        assert_eq!(slice(&s[1]), "Daarna   verder.");
        assert_eq!(
            s[1].text, "Daarna verder.",
            "white space is collapsed in what is spoken"
        );
    }

    #[test]
    fn pieces_without_words_are_not_read() {
        assert_eq!(texts(&["—", "  ", "•", "...", "Ok."]), ["Ok."]);
        assert!(split_blocks::<&str>(&[]).is_empty());
    }

    #[test]
    fn a_sentence_never_starts_or_ends_inside_another() {
        // Every sentence lies inside its block, in order, without overlap, on any input.
        let samples = [
            "a. b. c. D. E! f? G… h.i. J.",
            "...!!! ??? . . . A",
            "1. 2. 3. Vier. 5.",
            "„Ja”, zei ze. ‘Nee.’ (Echt?) [Ok.]",
            "x",
        ];
        for sample in samples {
            let units = sample.encode_utf16().count() as u32;
            let mut last = 0;
            for s in split_blocks(&[sample]) {
                assert!(
                    s.start >= last && s.start < s.end && s.end <= units,
                    "{sample:?}: {s:?}"
                );
                last = s.end;
            }
        }
    }
}
