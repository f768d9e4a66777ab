//! Checks on what the programme's text asks of a parent, beyond its format: how long a module
//! takes, how easy each page is to read, and that question ids stay stable. Like the format
//! checks, every finding names a file and a line.
//!
//! The figures are simple on purpose, so a content editor can redo them by hand:
//! - **Time of a sitting**: the words a parent reads on the pages and in the do-task (its
//!   intro, labels, help and options, in the reader's own words) for the reader with the
//!   longest sitting (age band and role), at
//!   [`WORDS_PER_MINUTE`], plus the time to answer each do-task question
//!   ([`answer_minutes`]). That is what the app shows. The home assignment is done in daily
//!   life in the week after; its declared minutes are shown separately and not counted here.
//! - **Readability**: average words per sentence, and the share of long words: for Dutch words
//!   of [`NL_LONG_WORD_LETTERS`] letters or more (compounds), for English words of
//!   [`EN_LONG_WORD_SYLLABLES`] syllables or more.

use super::{is_not_yet_option, ContentError, Module, Programme, QuestionInput};
use crate::answer::AnswerValue;
use crate::ids::QuestionId;
use crate::profile::{AgeBand, Language, Role};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::RangeInclusive;

/// Reading pace of a B1 reader (an adult reading their second language, tired, or with little
/// schooling): about 120 words a minute, half the 200-250 of a practised reader.
pub const WORDS_PER_MINUTE: u32 = 120;
/// What a module's sitting (the pages and the do-task) may take, in minutes: the 30-45 of the
/// programme's source (seed 004), measured rather than promised. Under 30 a module lacks
/// substance: add what a parent needs (issue 13), not words.
pub const SITTING_MINUTES: RangeInclusive<u32> = 30..=45;
/// An optional module (the return check, no home assignment) is a short look back: 10 to 20.
pub const OPTIONAL_SITTING_MINUTES: RangeInclusive<u32> = 10..=20;
/// The minutes a module shows (`programme.toml`) and a do-task declares stay this close to the
/// measured ones.
pub const SHOWN_MINUTES_SLACK: u32 = 2;

/// The time range a module's sitting must land in.
pub fn minutes_range(module: &Module) -> RangeInclusive<u32> {
    if module.optional {
        OPTIONAL_SITTING_MINUTES
    } else {
        SITTING_MINUTES
    }
}

/// Minutes to answer a question, beyond reading it: writing a few lines takes longest.
pub fn answer_minutes(input: &QuestionInput) -> f64 {
    match input {
        QuestionInput::Text {
            multiline: true, ..
        } => 3.0,
        QuestionInput::Text {
            multiline: false, ..
        } => 1.0,
        QuestionInput::Choice { .. } => 0.5,
        QuestionInput::Scale { .. } => 0.5,
    }
}

/// Average words per sentence on one page, at most. B1 guidance is "mostly under 15 words";
/// ordinary adult prose averages 15 to 20.
pub const MAX_SENTENCE_WORDS: f64 = 12.0;
/// A Dutch word this long or longer counts as long (a compound like "preventiewerker").
pub const NL_LONG_WORD_LETTERS: usize = 13;
/// An English word with this many syllables or more counts as long.
pub const EN_LONG_WORD_SYLLABLES: usize = 3;
/// Share of long words on one page, at most, per language. Everyday newspaper text is well
/// above both (Dutch compounds of 13+ letters about 5-8 %, English words of 3+ syllables about
/// 15-20 %); the modules stay around 1 % and 7 %.
pub const MAX_LONG_WORD_SHARE_NL: f64 = 0.04;
pub const MAX_LONG_WORD_SHARE_EN: f64 = 0.12;
/// Words that speak to the reader as the one with the illness or addiction. A partner must
/// never read them: on a page they stand only in a `::: role parent` block, and in the front
/// matter only where the partner has words of their own (`partner = ...`). Lower case; a
/// match is a plain substring of the lower-cased text.
pub const ILL_PARENT_PHRASES_NL: &[&str] = &[
    "je ziekte",
    "jouw ziekte",
    "je verslaving",
    "jouw verslaving",
    "mijn ziekte",
    "mijn verslaving",
    "je eigen problemen",
    "je psychische problemen",
    "heb je een verslaving",
    "heb je psychische problemen",
    "je wordt opgenomen",
    "als je opgenomen",
    "je hebt gedronken",
    "hebt gedronken of gebruikt",
    "als je drinkt",
    "drink of gebruik je",
    "als je onder invloed",
    "ben je onder invloed",
    "je behandelaar",
    "dat je ziek bent",
    "als je ziek bent",
    "als je zelf ziek bent",
    "met jou aan de hand",
];
pub const ILL_PARENT_PHRASES_EN: &[&str] = &[
    "your illness",
    "your addiction",
    "my illness",
    "my addiction",
    "your own problems",
    "your problems",
    "your mental health problems",
    "do you have an addiction",
    "you are admitted",
    "you have been drinking",
    "you have had a drink",
    "if you drink",
    "when you drink",
    "do you drink or use",
    "you are under the influence",
    "are you under the influence",
    "your therapist",
    "that you are ill",
    "if you are ill",
    "going on with you",
];
/// The checked-in list of every question id ever published.
pub const QUESTION_IDS_FILE: &str = "content/question-ids.txt";

/// Word and sentence counts of a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Readability {
    pub words: u32,
    pub sentences: u32,
    pub long_words: u32,
}

impl Readability {
    /// Measures rendered content HTML (tags dropped; paragraphs, list items and headings end
    /// a sentence).
    pub fn of_html(html: &str, language: Language) -> Self {
        Self::of_text(&plain_text(html), language)
    }

    pub fn of_text(text: &str, language: Language) -> Self {
        let mut out = Readability::default();
        for paragraph in text.split("\n\n") {
            let mut in_sentence = false;
            for token in paragraph.split_whitespace() {
                let word = token.trim_matches(|c: char| !c.is_alphanumeric());
                if word.chars().any(char::is_alphanumeric) {
                    out.words += 1;
                    in_sentence = true;
                    if is_long(word, language) {
                        out.long_words += 1;
                    }
                }
                let end = token.trim_end_matches(['"', '\'', ')', '’', '”']);
                if in_sentence && end.ends_with(['.', '!', '?']) {
                    out.sentences += 1;
                    in_sentence = false;
                }
            }
            if in_sentence {
                out.sentences += 1;
            }
        }
        out
    }

    pub fn add(&mut self, other: Readability) {
        self.words += other.words;
        self.sentences += other.sentences;
        self.long_words += other.long_words;
    }

    pub fn sentence_words(&self) -> f64 {
        f64::from(self.words) / f64::from(self.sentences.max(1))
    }

    /// Long words as a share of all words, 0 to 1.
    pub fn long_word_share(&self) -> f64 {
        f64::from(self.long_words) / f64::from(self.words.max(1))
    }
}

fn is_long(word: &str, language: Language) -> bool {
    match language {
        Language::Nl => word.chars().filter(|c| c.is_alphabetic()).count() >= NL_LONG_WORD_LETTERS,
        Language::En => syllables(word) >= EN_LONG_WORD_SYLLABLES,
    }
}

/// English syllables by vowel groups, minus a silent final e and a silent -es/-ed.
pub fn syllables(word: &str) -> usize {
    let w: String = word
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    let mut groups = 0;
    let mut previous_vowel = false;
    for c in w.chars() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if vowel && !previous_vowel {
            groups += 1;
        }
        previous_vowel = vowel;
    }
    let silent_e = w.ends_with('e') && !w.ends_with("le") && !w.ends_with("ee");
    let silent_ending = (w.ends_with("es") || w.ends_with("ed"))
        && ![
            "ted", "ded", "ses", "zes", "ces", "ges", "xes", "shes", "ches",
        ]
        .iter()
        .any(|s| w.ends_with(s));
    if groups > 1 && (silent_e || silent_ending) {
        groups -= 1;
    }
    groups.max(1)
}

/// The text of content HTML: tags dropped, block ends as paragraph breaks, entities decoded.
fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start + 1..start + end];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default();
        if matches!(
            name,
            "p" | "li" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "blockquote" | "div" | "br"
        ) {
            out.push_str("\n\n");
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// How long one module takes in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleEstimate {
    /// Words on the pages for the age band and role with the most text (headings included).
    pub reading_words: u32,
    pub band: AgeBand,
    pub role: Role,
    /// Words of the do-task: intro, question labels, help and options.
    pub task_words: u32,
    /// Minutes to answer the do-task's questions ([`answer_minutes`]).
    pub answer_minutes: f64,
    /// The home assignment's declared minutes, in the week after (not part of the sitting).
    pub home_minutes: u32,
}

impl ModuleEstimate {
    /// The longest sitting of any reader: every age band and role, each with its own pages and
    /// the do-task in its own words.
    pub fn of(module: &Module, language: Language) -> Self {
        AgeBand::ALL
            .into_iter()
            .flat_map(|band| Role::ALL.map(|role| Self::for_reader(module, language, band, role)))
            .max_by(|a, b| a.minutes().total_cmp(&b.minutes()))
            .unwrap_or_else(|| {
                Self::for_reader(module, language, AgeBand::YoungChild, Role::Parent)
            })
    }

    /// The shortest sitting of any reader (the report shows it beside the longest).
    pub fn shortest(module: &Module, language: Language) -> Self {
        AgeBand::ALL
            .into_iter()
            .flat_map(|band| Role::ALL.map(|role| Self::for_reader(module, language, band, role)))
            .min_by(|a, b| a.minutes().total_cmp(&b.minutes()))
            .unwrap_or_else(|| {
                Self::for_reader(module, language, AgeBand::YoungChild, Role::Parent)
            })
    }

    /// The sitting of a reader in `role` with a child in `band`.
    pub fn for_reader(module: &Module, language: Language, band: AgeBand, role: Role) -> Self {
        let text = module.text_for(language, role);
        let reading_words = text
            .pages
            .iter()
            .filter(|p| p.is_for(&[band], role))
            .map(|p| {
                let mut r = Readability::of_text(&p.title, language);
                for block in p.blocks.iter().filter(|b| b.is_for(&[band], role)) {
                    r.add(Readability::of_html(&block.html, language));
                }
                r.words
            })
            .sum();
        let task = &text.do_task;
        let mut task_words = Readability::of_html(&task.intro_html, language).words;
        let mut answer = 0.0;
        for q in &task.questions {
            let mut parts = vec![q.label.as_str()];
            parts.extend(q.help.as_deref());
            match &q.input {
                QuestionInput::Choice { options, .. } => {
                    parts.extend(options.iter().map(|o| o.label.as_str()));
                }
                QuestionInput::Scale {
                    min_label,
                    max_label,
                    ..
                } => parts.extend([min_label.as_str(), max_label.as_str()]),
                QuestionInput::Text { .. } => {}
            }
            task_words += Readability::of_text(&parts.join("\n\n"), language).words;
            answer += answer_minutes(&q.input);
        }
        ModuleEstimate {
            reading_words,
            band,
            role,
            task_words,
            answer_minutes: answer,
            home_minutes: u32::from(text.home_assignment.minutes),
        }
    }

    pub fn reading_minutes(&self) -> f64 {
        f64::from(self.reading_words) / f64::from(WORDS_PER_MINUTE)
    }

    /// The do-task: reading it and answering its questions.
    pub fn do_task_minutes(&self) -> f64 {
        f64::from(self.task_words) / f64::from(WORDS_PER_MINUTE) + self.answer_minutes
    }

    /// A sitting: the pages and the do-task. The home assignment is not in it.
    pub fn minutes(&self) -> f64 {
        self.reading_minutes() + self.do_task_minutes()
    }

    /// The sitting in whole minutes, rounded to the nearest minute.
    pub fn whole_minutes(&self) -> u32 {
        round(self.minutes())
    }

    pub fn whole_do_task_minutes(&self) -> u32 {
        round(self.do_task_minutes())
    }
}

fn round(minutes: f64) -> u32 {
    // Minutes of a module are far below u32::MAX and never negative; the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let m = minutes.round() as u32;
    m
}

/// Readability of every page of a module in one language, in content order.
pub fn page_readability(module: &Module, language: Language) -> Vec<(String, Readability)> {
    module
        .text(language)
        .pages
        .iter()
        .map(|p| {
            let mut r = Readability::of_text(&p.title, language);
            for block in &p.blocks {
                r.add(Readability::of_html(&block.html, language));
            }
            (p.title.clone(), r)
        })
        .collect()
}

/// Every finding of the checks in this file, sorted by file and line. `files` are the content
/// files the programme was parsed from (for lines); `question_ids` is the checked-in list.
pub fn check(
    programme: &Programme,
    files: &[(&str, &str)],
    question_ids: &str,
) -> Vec<ContentError> {
    let mut errors = Vec::new();
    check_minutes(programme, files, &mut errors);
    check_readability(programme, files, &mut errors);
    check_question_ids(programme, files, question_ids, &mut errors);
    check_no_links(programme, files, &mut errors);
    check_ways_out(programme, files, &mut errors);
    check_partner_words(programme, files, &mut errors);
    errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    errors
}

fn error(errors: &mut Vec<ContentError>, file: &str, line: usize, message: String) {
    errors.push(ContentError {
        file: file.to_owned(),
        line,
        message,
    });
}

fn module_path<'a>(files: &[(&'a str, &str)], module: &Module, language: Language) -> &'a str {
    let suffix = format!("modules/{}.{}.md", module.id, language.code());
    files
        .iter()
        .map(|(p, _)| *p)
        .find(|p| p.ends_with(&suffix))
        .unwrap_or("content/modules")
}

fn programme_path<'a>(files: &[(&'a str, &str)]) -> &'a str {
    files
        .iter()
        .map(|(p, _)| *p)
        .find(|p| p.ends_with("programme.toml"))
        .unwrap_or("content/programme.toml")
}

/// 1-based line of the first line in `path` for which `wanted` holds, or 1.
fn line_where(files: &[(&str, &str)], path: &str, wanted: impl Fn(&str) -> bool) -> usize {
    files
        .iter()
        .find(|(p, _)| *p == path)
        .and_then(|(_, text)| text.lines().position(|l| wanted(l.trim())))
        .map_or(1, |i| i + 1)
}

fn id_line(files: &[(&str, &str)], path: &str, id: &str) -> usize {
    let quoted = format!("\"{id}\"");
    line_where(files, path, |l| {
        l.starts_with("id") && l.split_once('=').is_some_and(|(_, v)| v.trim() == quoted)
    })
}

fn check_minutes(programme: &Programme, files: &[(&str, &str)], errors: &mut Vec<ContentError>) {
    let path = programme_path(files);
    for module in &programme.modules {
        let line = id_line(files, path, module.id.as_str());
        for language in Language::ALL {
            let e = ModuleEstimate::of(module, language);
            let minutes = e.whole_minutes();
            let why = format!(
                "pages {} words and do-task {} words at {WORDS_PER_MINUTE} words a minute ({:.1} + {:.1}) + answering {:.1}",
                e.reading_words,
                e.task_words,
                e.reading_minutes(),
                f64::from(e.task_words) / f64::from(WORDS_PER_MINUTE),
                e.answer_minutes,
            );
            let range = minutes_range(module);
            if !range.contains(&minutes) {
                error(
                    errors,
                    path,
                    line,
                    format!(
                        "module {} ({}) takes an estimated {minutes} minutes ({why}); {} takes {} to {} minutes",
                        module.id,
                        language.code(),
                        if module.optional { "an optional module" } else { "a module" },
                        range.start(),
                        range.end()
                    ),
                );
            }
            let shown = u32::from(module.minutes);
            if shown.abs_diff(minutes) > SHOWN_MINUTES_SLACK {
                error(
                    errors,
                    path,
                    line,
                    format!(
                        "module {} shows minutes = {shown}, but the {} text takes an estimated {minutes} ({why}); keep them within {SHOWN_MINUTES_SLACK}",
                        module.id,
                        language.code()
                    ),
                );
            }
            let declared = u32::from(module.text(language).do_task.minutes);
            let measured = e.whole_do_task_minutes();
            if declared.abs_diff(measured) > SHOWN_MINUTES_SLACK {
                let module_file = module_path(files, module, language);
                error(
                    errors,
                    module_file,
                    line_where(files, module_file, |l| l == "[do_task]"),
                    format!(
                        "the do-task says minutes = {declared}, but reading it and answering its questions takes an estimated {measured}; keep them within {SHOWN_MINUTES_SLACK}"
                    ),
                );
            }
        }
    }
}

fn max_long_share(language: Language) -> f64 {
    match language {
        Language::Nl => MAX_LONG_WORD_SHARE_NL,
        Language::En => MAX_LONG_WORD_SHARE_EN,
    }
}

fn check_readability(
    programme: &Programme,
    files: &[(&str, &str)],
    errors: &mut Vec<ContentError>,
) {
    for module in &programme.modules {
        for language in Language::ALL {
            let path = module_path(files, module, language);
            for (title, r) in page_readability(module, language) {
                let heading = format!("# {title}");
                let line = line_where(files, path, |l| l == heading);
                if r.sentence_words() > MAX_SENTENCE_WORDS {
                    error(
                        errors,
                        path,
                        line,
                        format!(
                            "page {title:?} averages {:.1} words a sentence (at most {MAX_SENTENCE_WORDS}): split long sentences",
                            r.sentence_words()
                        ),
                    );
                }
                let max = max_long_share(language);
                if r.long_word_share() > max {
                    error(
                        errors,
                        path,
                        line,
                        format!(
                            "page {title:?} has {:.1}% long words (at most {:.0}%): use shorter, everyday words",
                            r.long_word_share() * 100.0,
                            max * 100.0
                        ),
                    );
                }
            }
        }
    }
}

/// Stored answers are keyed by question id, so an id that was published must never change
/// without a store migration; `question-ids.txt` is the record of published ids.
fn check_question_ids(
    programme: &Programme,
    files: &[(&str, &str)],
    listed_text: &str,
    errors: &mut Vec<ContentError>,
) {
    let mut listed: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, raw) in listed_text.lines().enumerate() {
        let id = raw.trim();
        if id.is_empty() || id.starts_with('#') {
            continue;
        }
        if QuestionId::new(id).is_err() {
            error(
                errors,
                QUESTION_IDS_FILE,
                i + 1,
                format!("{id:?} is not a question id"),
            );
        } else if let Some(first) = listed.insert(id, i + 1) {
            error(
                errors,
                QUESTION_IDS_FILE,
                i + 1,
                format!("{id} is listed twice (first at line {first})"),
            );
        }
    }
    let mut in_content: BTreeMap<&str, &str> = BTreeMap::new();
    for module in &programme.modules {
        // The parity check keeps the question ids the same in every language.
        let path = module_path(files, module, Language::Nl);
        let text = module.text(Language::Nl);
        for q in text
            .do_task
            .questions
            .iter()
            .chain(&text.home_assignment.questions)
        {
            in_content.insert(q.id.as_str(), path);
            if !listed.contains_key(q.id.as_str()) {
                error(
                    errors,
                    path,
                    id_line(files, path, q.id.as_str()),
                    format!(
                        "question id {} is new: add it to {QUESTION_IDS_FILE} (ids are stable once published)",
                        q.id
                    ),
                );
            }
        }
    }
    for (id, line) in listed {
        if !in_content.contains_key(id) {
            error(
                errors,
                QUESTION_IDS_FILE,
                line,
                format!(
                    "question id {id} is no longer in the content: parents' stored answers use it. \
                     Renaming or removing an id needs a store migration that moves those answers; \
                     put the id back, or write the migration and then remove it here"
                ),
            );
        }
    }
}

/// Links are refused when content is parsed (the app loads nothing from elsewhere), so no link
/// can point nowhere; this keeps that promise visible should the parser ever allow one.
fn check_no_links(programme: &Programme, files: &[(&str, &str)], errors: &mut Vec<ContentError>) {
    for module in &programme.modules {
        for language in Language::ALL {
            let text = module.text(language);
            let htmls = text
                .pages
                .iter()
                .flat_map(|p| p.blocks.iter().map(|b| b.html.as_str()))
                .chain([
                    text.do_task.intro_html.as_str(),
                    text.home_assignment.intro_html.as_str(),
                ]);
            for html in htmls {
                if html.contains("<a ") || html.contains("<img") {
                    let path = module_path(files, module, language);
                    error(
                        errors,
                        path,
                        1,
                        "a link or image reached the rendered text: content has no links"
                            .to_owned(),
                    );
                }
            }
        }
    }
}

/// A parent who answers "not yet" (or "nobody yet") must be able to finish the task without
/// inventing answers: every later required question in the task is hidden or no longer
/// required after that answer, unless it is asked because of that answer (`required_when` on
/// it: "what got in the way?") or the content marks it `also_after_not_yet` (a question that
/// can be answered honestly either way, like a feeling on a scale).
fn check_ways_out(programme: &Programme, files: &[(&str, &str)], errors: &mut Vec<ContentError>) {
    for module in &programme.modules {
        // Questions and conditions are the same in every language (the parity check).
        let path = module_path(files, module, Language::Nl);
        let text = module.text(Language::Nl);
        for task in [&text.do_task, &text.home_assignment] {
            let mut after_not_yet = false;
            for (index, q) in task.questions.iter().enumerate() {
                for earlier in &task.questions[..index] {
                    let QuestionInput::Choice { options, .. } = &earlier.input else {
                        continue;
                    };
                    for option in options.iter().filter(|o| is_not_yet_option(&o.id)) {
                        after_not_yet = true;
                        let answers = BTreeMap::from([(
                            earlier.id.clone(),
                            AnswerValue::Choice {
                                selected: vec![option.id.clone()],
                            },
                        )]);
                        // A question asked because of "not yet" ("what got in the way?") is
                        // the way out itself.
                        let asks_why = q.required_when.as_ref().is_some_and(|c| {
                            c.question == earlier.id && c.any_of.contains(&option.id)
                        });
                        if q.is_required(&answers) && !q.also_after_not_yet && !asks_why {
                            error(
                                errors,
                                path,
                                id_line(files, path, q.id.as_str()),
                                format!(
                                    "{} is still required after {} = {:?} ({}): add hidden_when or required_when on that answer, or also_after_not_yet = true when it can be answered honestly anyway",
                                    q.id, earlier.id, option.label, option.id
                                ),
                            );
                        }
                    }
                }
                if q.also_after_not_yet && !after_not_yet {
                    error(
                        errors,
                        path,
                        id_line(files, path, q.id.as_str()),
                        format!(
                            "{} is marked also_after_not_yet, but no \"not yet\" option comes before it: remove the mark",
                            q.id
                        ),
                    );
                }
                after_not_yet = false;
            }
        }
    }
}

fn ill_parent_phrases(language: Language) -> &'static [&'static str] {
    match language {
        Language::Nl => ILL_PARENT_PHRASES_NL,
        Language::En => ILL_PARENT_PHRASES_EN,
    }
}

/// The ill-parent phrase in `text`, if any: as whole words, case and line breaks ignored
/// ("going on with you" is not in "going on with your partner").
fn ill_parent_phrase(text: &str, language: Language) -> Option<&'static str> {
    let text = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let letter_at = |i: usize| text[i..].chars().next().is_some_and(char::is_alphabetic);
    let letter_before = |i: usize| {
        text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
    };
    ill_parent_phrases(language).iter().copied().find(|phrase| {
        text.match_indices(phrase)
            .any(|(at, _)| !letter_before(at) && !letter_at(at + phrase.len()))
    })
}

/// Reads every module as a partner would (every age band) and reports text that speaks to them
/// as the one who is ill ([`ILL_PARENT_PHRASES_NL`], [`ILL_PARENT_PHRASES_EN`]).
fn check_partner_words(
    programme: &Programme,
    files: &[(&str, &str)],
    errors: &mut Vec<ContentError>,
) {
    for module in &programme.modules {
        for language in Language::ALL {
            let path = module_path(files, module, language);
            let text = module.text_for(language, Role::Partner);
            let mut found = |line: usize, what: &str, words: &str| {
                if let Some(phrase) = ill_parent_phrase(words, language) {
                    error(
                        errors,
                        path,
                        line,
                        format!(
                            "the partner reads {phrase:?} in {what}, as if they were the one who is ill: put it in a ::: role parent block with a ::: role partner version, or give the partner their own words (partner = ...)"
                        ),
                    );
                }
            };
            found(1, "the module's title", &text.title);
            found(1, "the module's summary", &text.summary);
            for page in &text.pages {
                let heading = format!("# {}", page.title);
                let line = line_where(files, path, |l| l == heading);
                found(line, &format!("page {:?}", page.title), &page.title);
                for block in page.blocks.iter().filter(|b| b.role != Some(Role::Parent)) {
                    found(
                        line,
                        &format!("page {:?}", page.title),
                        &plain_text(&block.html),
                    );
                }
            }
            for task in [&text.do_task, &text.home_assignment] {
                let header = format!("[{}]", task.kind.as_str());
                let task_line = line_where(files, path, |l| l == header);
                let name = task.kind.as_str();
                found(task_line, &format!("the {name}'s title"), &task.title);
                found(
                    task_line,
                    &format!("the {name}'s intro"),
                    &plain_text(&task.intro_html),
                );
                for q in &task.questions {
                    let mut words = vec![q.label.clone()];
                    words.extend(q.help.clone());
                    match &q.input {
                        QuestionInput::Choice { options, .. } => {
                            words.extend(options.iter().map(|o| o.label.clone()));
                        }
                        QuestionInput::Scale {
                            min_label,
                            max_label,
                            ..
                        } => words.extend([min_label.clone(), max_label.clone()]),
                        QuestionInput::Text { .. } => {}
                    }
                    found(
                        id_line(files, path, q.id.as_str()),
                        &format!("question {}", q.id),
                        &words.join("\n"),
                    );
                }
            }
        }
    }
}

/// The figures per module and language, for the closing note of a content change.
pub fn report(programme: &Programme) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Reading pace {WORDS_PER_MINUTE} words/minute (B1). A sitting = the pages + the do-task (its words + answering) of the reader (age band, role) with the longest sitting; allowed {}-{} min ({}-{} for an optional module). 'short' is the reader with the shortest sitting. The home assignment (declared) is in the week after, shown apart.",
        SITTING_MINUTES.start(),
        SITTING_MINUTES.end(),
        OPTIONAL_SITTING_MINUTES.start(),
        OPTIONAL_SITTING_MINUTES.end()
    );
    let _ = writeln!(
        out,
        "Readability per page: average words/sentence <= {MAX_SENTENCE_WORDS}; long words (nl: {NL_LONG_WORD_LETTERS}+ letters, en: {EN_LONG_WORD_SYLLABLES}+ syllables) <= {:.0}% nl, {:.0}% en.\n",
        MAX_LONG_WORD_SHARE_NL * 100.0,
        MAX_LONG_WORD_SHARE_EN * 100.0
    );
    let _ = writeln!(
        out,
        "{:<2} {:<12} {:<4} {:>6} {:>13} {:>5} {:>5} {:>6} {:>6} {:>5} {:>19} | {:>9} {:>9} | {:>9} {:>9}",
        "#",
        "module",
        "lang",
        "words",
        "band",
        "read",
        "task",
        "total",
        "shown",
        "home",
        "short",
        "wps mod",
        "long mod",
        "wps max",
        "long max"
    );
    for module in &programme.modules {
        for language in Language::ALL {
            let e = ModuleEstimate::of(module, language);
            let short = ModuleEstimate::shortest(module, language);
            let pages = page_readability(module, language);
            let mut all = Readability::default();
            for (_, r) in &pages {
                all.add(*r);
            }
            let worst_wps = pages
                .iter()
                .map(|(_, r)| r.sentence_words())
                .fold(0.0, f64::max);
            let worst_long = pages
                .iter()
                .map(|(_, r)| r.long_word_share())
                .fold(0.0, f64::max);
            let _ = writeln!(
                out,
                "{:<2} {:<12} {:<4} {:>6} {:>13} {:>5.1} {:>5.1} {:>6} {:>6} {:>5} {:>19} | {:>9.1} {:>8.1}% | {:>9.1} {:>8.1}%",
                module.number,
                module.id.as_str(),
                language.code(),
                e.reading_words,
                format!("{} {}", e.band.label(), e.role.label()),
                e.reading_minutes(),
                e.do_task_minutes(),
                e.whole_minutes(),
                module.minutes,
                e.home_minutes,
                format!(
                    "{} ({} {})",
                    short.whole_minutes(),
                    short.band.label(),
                    short.role.label()
                ),
                all.sentence_words(),
                all.long_word_share() * 100.0,
                worst_wps,
                worst_long * 100.0
            );
        }
    }
    out
}

#[cfg(test)]
mod tests;
