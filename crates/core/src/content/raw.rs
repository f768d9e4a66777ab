//! The files as written (TOML with spans), checked and turned into typed content.

use super::markdown;
use super::{line_of, ContactPoint, Errors, ModuleText, Page, PerLanguage};
use super::{ChoiceOption, Condition, Question, QuestionInput, Task, MAX_TEXT_CHARS};
use crate::answer::TaskKind;
use crate::ids::{ModuleId, OptionId, QuestionId};
use crate::profile::Language;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgramme {
    format: Spanned<u32>,
    #[serde(default)]
    modules: Vec<RawModuleEntry>,
    #[serde(default)]
    contact_points: Vec<RawContactPoint>,
    #[serde(default)]
    plans: Vec<super::plans::RawPlan>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModuleEntry {
    id: Spanned<String>,
    minutes: Spanned<u16>,
    #[serde(default)]
    optional: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContactPoint {
    number: Spanned<u8>,
    after_module: Spanned<u16>,
    title: Spanned<RawTitles>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTitles {
    nl: String,
    en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    module: Spanned<String>,
    title: Spanned<String>,
    summary: Spanned<String>,
    #[serde(default)]
    partner: Option<Spanned<RawModulePartner>>,
    do_task: Option<RawTask>,
    home_assignment: Option<RawTask>,
}

/// `partner = { title = "...", summary = "..." }`: the module as the partner reads it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModulePartner {
    title: Option<String>,
    summary: Option<String>,
}

/// `[do_task.partner]`: the task's title and intro as the partner reads them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTaskPartner {
    title: Option<String>,
    intro: Option<Spanned<String>>,
}

/// `partner = { label = "...", ... }` on a question: its words as the partner reads them. Only
/// words: the answer (type, options, conditions) stays the same for every reader.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestionPartner {
    label: Option<String>,
    help: Option<String>,
    min_label: Option<String>,
    max_label: Option<String>,
    options: Option<Vec<RawOption>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTask {
    title: Spanned<String>,
    minutes: Spanned<u16>,
    #[serde(default)]
    intro: Option<Spanned<String>>,
    #[serde(default)]
    questions: Vec<RawQuestion>,
    #[serde(default)]
    partner: Option<Spanned<RawTaskPartner>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    #[serde(rename = "type")]
    kind: Spanned<String>,
    label: Spanned<String>,
    help: Option<String>,
    required: Option<bool>,
    multiline: Option<Spanned<bool>>,
    multiple: Option<Spanned<bool>>,
    options: Option<Spanned<Vec<RawOption>>>,
    min: Option<Spanned<u8>>,
    max: Option<Spanned<u8>>,
    min_label: Option<Spanned<String>>,
    max_label: Option<Spanned<String>>,
    required_when: Option<Spanned<RawCondition>>,
    hidden_when: Option<Spanned<RawCondition>>,
    also_after_not_yet: Option<bool>,
    partner: Option<Spanned<RawQuestionPartner>>,
}

/// `{ question = "<earlier choice question>", any_of = ["<option>", ...] }`
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    question: String,
    any_of: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    id: Spanned<String>,
    label: String,
}

/// The module list and contact points of `programme.toml`.
pub(crate) struct Listed {
    pub modules: Vec<ListedModule>,
    pub contact_points: Vec<ContactPoint>,
    /// Checked against the modules once those are parsed (`plans::resolve`).
    pub plans: Vec<super::plans::RawPlan>,
}

pub(crate) struct ListedModule {
    pub id: ModuleId,
    pub minutes: u16,
    /// An extra module outside the fixed order (the return check): no home assignment.
    pub optional: bool,
    pub line: usize,
}

/// Positions in the TOML text of one file: spans are relative to `base`.
struct Source<'a> {
    path: &'a str,
    text: &'a str,
    base: usize,
}

impl Source<'_> {
    fn line<T>(&self, spanned: &Spanned<T>) -> usize {
        line_of(self.text, self.base + spanned.span().start)
    }

    fn toml_error(&self, error: &toml::de::Error, errors: &mut Errors) {
        let line = error
            .span()
            .map_or(1, |s| line_of(self.text, self.base + s.start));
        errors.at(self.path, line, error.message().trim_end());
    }
}

pub(crate) fn programme(path: &str, text: &str, errors: &mut Errors) -> Option<Listed> {
    let src = Source {
        path,
        text,
        base: 0,
    };
    let raw: RawProgramme = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            src.toml_error(&e, errors);
            return None;
        }
    };
    if *raw.format.get_ref() != 1 {
        errors.at(
            path,
            src.line(&raw.format),
            "unknown format (this app reads format = 1)",
        );
    }
    if raw.modules.is_empty() {
        errors.at(path, 1, "the programme lists no modules ([[modules]])");
    }
    let mut modules: Vec<ListedModule> = Vec::new();
    for entry in raw.modules {
        let line = src.line(&entry.id);
        let id = match ModuleId::new(entry.id.into_inner()) {
            Ok(id) => id,
            Err(e) => {
                errors.at(path, line, e.to_string());
                continue;
            }
        };
        if modules.iter().any(|m| m.id == id) {
            errors.at(path, line, format!("module {id} is listed twice"));
            continue;
        }
        if *entry.minutes.get_ref() == 0 {
            errors.at(
                path,
                src.line(&entry.minutes),
                "minutes must be more than 0",
            );
        }
        if !entry.optional && modules.iter().any(|m| m.optional) {
            errors.at(
                path,
                line,
                format!("module {id} comes after an optional module; optional modules come last"),
            );
        }
        modules.push(ListedModule {
            id,
            minutes: entry.minutes.into_inner(),
            optional: entry.optional,
            line,
        });
    }

    let mut contact_points: Vec<ContactPoint> = Vec::new();
    for point in raw.contact_points {
        let line = src.line(&point.number);
        let number = point.number.into_inner();
        if number == 0 || contact_points.iter().any(|c| c.number == number) {
            errors.at(
                path,
                line,
                format!("contact point number {number} is 0 or used twice"),
            );
        }
        let after = *point.after_module.get_ref();
        if usize::from(after) > modules.len() {
            errors.at(
                path,
                src.line(&point.after_module),
                format!(
                    "after_module = {after}, but the programme has {} modules",
                    modules.len()
                ),
            );
        }
        let title_line = src.line(&point.title);
        let title = point.title.into_inner();
        if title.nl.trim().is_empty() || title.en.trim().is_empty() {
            errors.at(
                path,
                title_line,
                "a contact point needs a title in nl and en",
            );
        }
        contact_points.push(ContactPoint {
            number,
            after_module: after,
            title: PerLanguage {
                nl: title.nl,
                en: title.en,
            },
        });
    }
    contact_points.sort_by_key(|c| c.number);
    Some(Listed {
        modules,
        contact_points,
        plans: raw.plans,
    })
}

/// A module file, parsed, with the lines the cross-file checks point at.
pub(crate) struct ModuleFile {
    pub path: String,
    pub text: ModuleText,
    /// The same text with the partner's wording (`partner = ...`) in place.
    pub partner_text: ModuleText,
    pub body_line: usize,
    pub pages: Vec<markdown::PageShape>,
    pub tasks: [TaskShape; 2],
    /// What has a partner's wording ("summary", "do_task intro", "<question id> label") and
    /// its line, in file order: the parity check compares them between languages.
    pub partner_keys: Vec<(String, usize)>,
}

pub(crate) struct TaskShape {
    pub kind: TaskKind,
    pub line: usize,
    pub question_lines: Vec<usize>,
}

/// A task as the parent reads it, as the partner reads it, and its lines.
struct ParsedTask {
    task: Task,
    partner: Task,
    shape: TaskShape,
}

impl ModuleFile {
    fn task(&self, kind: TaskKind) -> &Task {
        self.text.task(kind)
    }
}

pub(crate) fn module_file(
    path: &str,
    text: &str,
    id: &str,
    optional: bool,
    errors: &mut Errors,
) -> Option<ModuleFile> {
    let before = errors.0.len();
    let parts = split_front_matter(path, text, errors)?;
    let src = Source {
        path,
        text,
        base: parts.front_matter_offset,
    };
    let pages = markdown::pages(path, parts.body, parts.body_line, errors);

    let fm: RawFrontMatter = match toml::from_str(parts.front_matter) {
        Ok(fm) => fm,
        Err(e) => {
            src.toml_error(&e, errors);
            return None;
        }
    };
    if fm.module.get_ref() != id {
        errors.at(
            path,
            src.line(&fm.module),
            format!(
                "module = {:?}, but the file name says {id:?}",
                fm.module.get_ref()
            ),
        );
    }
    not_blank(&src, &fm.title, "title", errors);
    not_blank(&src, &fm.summary, "summary", errors);
    let mut partner_keys = Vec::new();
    let (mut partner_title, mut partner_summary) = (None, None);
    if let Some(raw) = fm.partner {
        let line = src.line(&raw);
        let raw = raw.into_inner();
        for (key, value) in [("title", &raw.title), ("summary", &raw.summary)] {
            wording(&src, line, key, value.as_deref(), &mut partner_keys, errors);
        }
        if raw.title.is_none() && raw.summary.is_none() {
            errors.at(
                path,
                line,
                "partner names no words (title, summary): remove it",
            );
        }
        (partner_title, partner_summary) = (raw.title, raw.summary);
    }

    let mut tasks = Vec::new();
    for (kind, raw) in [
        (TaskKind::DoTask, fm.do_task),
        (TaskKind::HomeAssignment, fm.home_assignment),
    ] {
        let header = format!("[{}]", kind.as_str());
        let line = parts
            .front_matter
            .lines()
            .position(|l| l.trim() == header)
            .map_or(1, |i| i + line_of(text, parts.front_matter_offset));
        match (raw, optional && kind == TaskKind::HomeAssignment) {
            (None, false) => errors.at(
                path,
                1,
                format!("the module has no {header} (every module needs one)"),
            ),
            (Some(_), true) => errors.at(
                path,
                line,
                format!("an optional module has no {header} (remove it)"),
            ),
            (None, true) => tasks.push(no_task(kind)),
            (Some(raw), false) => {
                tasks.push(task(&src, kind, line, raw, &mut partner_keys, errors));
            }
        }
    }

    if errors.0.len() > before {
        return None;
    }
    let [do_task, home_assignment]: [ParsedTask; 2] = tasks.try_into().ok()?;
    let text = ModuleText {
        title: fm.title.into_inner(),
        summary: fm.summary.into_inner(),
        pages: pages.iter().map(|p| p.page.clone()).collect::<Vec<Page>>(),
        do_task: do_task.task,
        home_assignment: home_assignment.task,
    };
    let partner_text = ModuleText {
        title: partner_title.unwrap_or_else(|| text.title.clone()),
        summary: partner_summary.unwrap_or_else(|| text.summary.clone()),
        pages: text.pages.clone(),
        do_task: do_task.partner,
        home_assignment: home_assignment.partner,
    };
    Some(ModuleFile {
        path: path.to_owned(),
        body_line: parts.body_line,
        text,
        partner_text,
        pages: pages.into_iter().map(|p| p.shape).collect(),
        tasks: [do_task.shape, home_assignment.shape],
        partner_keys,
    })
}

fn not_blank(src: &Source<'_>, value: &Spanned<String>, what: &str, errors: &mut Errors) {
    if value.get_ref().trim().is_empty() {
        errors.at(src.path, src.line(value), format!("{what} is empty"));
    }
}

struct FrontMatterParts<'a> {
    front_matter: &'a str,
    front_matter_offset: usize,
    body: &'a str,
    body_line: usize,
}

fn split_front_matter<'a>(
    path: &str,
    text: &'a str,
    errors: &mut Errors,
) -> Option<FrontMatterParts<'a>> {
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').enumerate();
    let first = lines.next().map(|(_, l)| l.trim_end()).unwrap_or_default();
    if first != "+++" {
        errors.at(
            path,
            1,
            "a module file starts with a line +++ (the front matter)",
        );
        return None;
    }
    offset += text.split_inclusive('\n').next().map_or(0, str::len);
    let start = offset;
    for (index, line) in lines {
        if line.trim_end() == "+++" {
            return Some(FrontMatterParts {
                front_matter: &text[start..offset],
                front_matter_offset: start,
                body: &text[offset + line.len()..],
                body_line: index + 2,
            });
        }
        offset += line.len();
    }
    errors.at(path, 1, "the front matter is not closed with a line +++");
    None
}

/// The missing home assignment of an optional module: no questions, no minutes, never open.
fn no_task(kind: TaskKind) -> ParsedTask {
    let task = Task {
        kind,
        title: String::new(),
        intro_html: String::new(),
        minutes: 0,
        questions: Vec::new(),
    };
    let shape = TaskShape {
        kind,
        line: 1,
        question_lines: Vec::new(),
    };
    ParsedTask {
        partner: task.clone(),
        task,
        shape,
    }
}

/// Records one piece of the partner's wording: it must not be blank.
fn wording(
    src: &Source<'_>,
    line: usize,
    key: &str,
    value: Option<&str>,
    keys: &mut Vec<(String, usize)>,
    errors: &mut Errors,
) {
    let Some(value) = value else { return };
    if value.trim().is_empty() {
        errors.at(src.path, line, format!("the partner's {key} is empty"));
    }
    keys.push((key.to_owned(), line));
}

/// Renders a task intro (Markdown in a TOML string) with errors at its real lines.
fn render_intro(src: &Source<'_>, intro: &Spanned<String>, errors: &mut Errors) -> String {
    let literal = &src.text[src.base + intro.span().start..];
    // A multi-line string's first line break is not part of the value.
    let skip = usize::from(literal.starts_with("\"\"\"\n") || literal.starts_with("'''\n"));
    markdown::render(src.path, intro.get_ref(), src.line(intro) + skip, errors)
}

fn task(
    src: &Source<'_>,
    kind: TaskKind,
    line: usize,
    raw: RawTask,
    partner_keys: &mut Vec<(String, usize)>,
    errors: &mut Errors,
) -> ParsedTask {
    not_blank(src, &raw.title, "the task title", errors);
    if *raw.minutes.get_ref() == 0 {
        errors.at(
            src.path,
            src.line(&raw.minutes),
            "minutes must be more than 0",
        );
    }
    let intro_html = raw
        .intro
        .as_ref()
        .map_or_else(String::new, |intro| render_intro(src, intro, errors));
    let (mut partner_title, mut partner_intro) = (None, None);
    if let Some(partner) = raw.partner {
        let partner_line = src.line(&partner);
        let partner = partner.into_inner();
        let name = kind.as_str();
        let title = partner.title.as_deref();
        wording(
            src,
            partner_line,
            &format!("{name} title"),
            title,
            partner_keys,
            errors,
        );
        if let Some(intro) = &partner.intro {
            let key = format!("{name} intro");
            wording(
                src,
                src.line(intro),
                &key,
                Some(intro.get_ref()),
                partner_keys,
                errors,
            );
            partner_intro = Some(render_intro(src, intro, errors));
        }
        if partner.title.is_none() && partner.intro.is_none() {
            errors.at(
                src.path,
                partner_line,
                "partner names no words (title, intro): remove it",
            );
        }
        partner_title = partner.title;
    }
    if raw.questions.is_empty() {
        errors.at(
            src.path,
            line,
            format!("[{}] has no questions", kind.as_str()),
        );
    }
    let mut questions = Vec::new();
    let mut partner_questions = Vec::new();
    let mut question_lines = Vec::new();
    for mut raw_question in raw.questions {
        let line = src.line(&raw_question.id);
        let partner = raw_question.partner.take();
        if let Some(q) = question(src, raw_question, errors) {
            partner_questions.push(match partner {
                Some(partner) => partner_question(src, &q, partner, partner_keys, errors),
                None => q.clone(),
            });
            questions.push(q);
            question_lines.push(line);
        }
    }
    check_conditions(src, &questions, &question_lines, errors);
    let task = Task {
        kind,
        title: raw.title.into_inner(),
        intro_html,
        minutes: raw.minutes.into_inner(),
        questions,
    };
    let partner = Task {
        title: partner_title.unwrap_or_else(|| task.title.clone()),
        intro_html: partner_intro.unwrap_or_else(|| task.intro_html.clone()),
        questions: partner_questions,
        ..task.clone()
    };
    ParsedTask {
        task,
        partner,
        shape: TaskShape {
            kind,
            line,
            question_lines,
        },
    }
}

/// `q` with the partner's words in place, each checked against what the question has.
fn partner_question(
    src: &Source<'_>,
    q: &Question,
    raw: Spanned<RawQuestionPartner>,
    keys: &mut Vec<(String, usize)>,
    errors: &mut Errors,
) -> Question {
    let line = src.line(&raw);
    let raw = raw.into_inner();
    let mut out = q.clone();
    let id = &q.id;
    let mut said = false;
    for (field, value) in [("label", &raw.label), ("help", &raw.help)] {
        wording(
            src,
            line,
            &format!("{id} {field}"),
            value.as_deref(),
            keys,
            errors,
        );
        said |= value.is_some();
    }
    if let Some(label) = raw.label {
        out.label = label;
    }
    if let Some(help) = raw.help {
        out.help = Some(help);
    }
    match &mut out.input {
        QuestionInput::Scale {
            min_label,
            max_label,
            ..
        } => {
            for (field, value, target) in [
                ("min_label", raw.min_label, min_label),
                ("max_label", raw.max_label, max_label),
            ] {
                wording(
                    src,
                    line,
                    &format!("{id} {field}"),
                    value.as_deref(),
                    keys,
                    errors,
                );
                if let Some(value) = value {
                    *target = value;
                    said = true;
                }
            }
        }
        _ if raw.min_label.is_some() || raw.max_label.is_some() => errors.at(
            src.path,
            line,
            "the partner's min_label and max_label are only for scale questions",
        ),
        _ => {}
    }
    match (&mut out.input, raw.options) {
        (_, None) => {}
        (QuestionInput::Choice { options, .. }, Some(partner_options)) => {
            for option in partner_options {
                let option_line = src.line(&option.id);
                let option_id = option.id.into_inner();
                let key = format!("{id} option {option_id}");
                wording(src, option_line, &key, Some(&option.label), keys, errors);
                match options.iter_mut().find(|o| o.id.as_str() == option_id) {
                    Some(target) => {
                        target.label = option.label;
                        said = true;
                    }
                    None => errors.at(
                        src.path,
                        option_line,
                        format!("the partner's option {option_id:?} is not an option of {id}"),
                    ),
                }
            }
        }
        (_, Some(_)) => errors.at(
            src.path,
            line,
            "the partner's options are only for choice questions",
        ),
    }
    if !said {
        errors.at(src.path, line, "partner names no words: remove it");
    }
    out
}

fn question(src: &Source<'_>, raw: RawQuestion, errors: &mut Errors) -> Option<Question> {
    let line = src.line(&raw.id);
    let id = QuestionId::new(raw.id.into_inner())
        .map_err(|e| errors.at(src.path, line, e.to_string()))
        .ok();
    not_blank(src, &raw.label, "the question label", errors);
    let kind = raw.kind.get_ref().as_str();
    let mut misplaced = |field: &str, present: bool, for_kind: &str| {
        if present {
            errors.at(
                src.path,
                line,
                format!("{field} is only for {for_kind} questions"),
            );
        }
    };
    if kind != "text" {
        misplaced("multiline", raw.multiline.is_some(), "text");
    }
    if kind != "choice" {
        misplaced("multiple", raw.multiple.is_some(), "choice");
        misplaced("options", raw.options.is_some(), "choice");
    }
    if kind != "scale" {
        for (field, present) in [
            ("min", raw.min.is_some()),
            ("max", raw.max.is_some()),
            ("min_label", raw.min_label.is_some()),
            ("max_label", raw.max_label.is_some()),
        ] {
            misplaced(field, present, "scale");
        }
    }
    let input = match kind {
        "text" => Some(QuestionInput::Text {
            multiline: raw.multiline.is_none_or(Spanned::into_inner),
            max_chars: MAX_TEXT_CHARS,
        }),
        "choice" => choice(src, line, raw.multiple, raw.options, errors),
        "scale" => scale(
            src,
            line,
            raw.min,
            raw.max,
            raw.min_label,
            raw.max_label,
            errors,
        ),
        other => {
            errors.at(
                src.path,
                src.line(&raw.kind),
                format!("unknown question type {other:?} (use text, choice or scale)"),
            );
            None
        }
    };
    if raw.required.is_some() && raw.required_when.is_some() {
        errors.at(
            src.path,
            line,
            "required_when decides when the question is required: remove required",
        );
    }
    let required_when = condition(src, raw.required_when, errors);
    let hidden_when = condition(src, raw.hidden_when, errors);
    Some(Question {
        id: id?,
        label: raw.label.into_inner(),
        help: raw.help.filter(|h| !h.trim().is_empty()),
        required: required_when.is_none() && raw.required.unwrap_or(true),
        required_when,
        hidden_when,
        also_after_not_yet: raw.also_after_not_yet.unwrap_or(false),
        input: input?,
    })
}

fn condition(
    src: &Source<'_>,
    raw: Option<Spanned<RawCondition>>,
    errors: &mut Errors,
) -> Option<Condition> {
    let raw = raw?;
    let line = src.line(&raw);
    let raw = raw.into_inner();
    let question = QuestionId::new(raw.question)
        .map_err(|e| errors.at(src.path, line, e.to_string()))
        .ok()?;
    if raw.any_of.is_empty() {
        errors.at(
            src.path,
            line,
            "a condition needs at least one option in any_of",
        );
        return None;
    }
    let mut any_of = Vec::new();
    for option in raw.any_of {
        match OptionId::new(option.clone()) {
            Ok(id) => any_of.push(id),
            Err(_) => errors.at(
                src.path,
                line,
                format!("option id {option:?}: use a-z, 0-9 and '-'"),
            ),
        }
    }
    Some(Condition { question, any_of })
}

/// A condition looks back at a choice question earlier in the same task, and names options
/// that question has.
fn check_conditions(
    src: &Source<'_>,
    questions: &[Question],
    lines: &[usize],
    errors: &mut Errors,
) {
    for (index, (q, &line)) in questions.iter().zip(lines).enumerate() {
        for (field, condition) in [
            ("required_when", &q.required_when),
            ("hidden_when", &q.hidden_when),
        ] {
            let Some(condition) = condition else { continue };
            let Some(target) = questions[..index]
                .iter()
                .find(|e| e.id == condition.question)
            else {
                errors.at(
                    src.path,
                    line,
                    format!(
                        "{field} names {}, which is not a question earlier in this task",
                        condition.question
                    ),
                );
                continue;
            };
            let QuestionInput::Choice { options, .. } = &target.input else {
                errors.at(
                    src.path,
                    line,
                    format!(
                        "{field} names {}, which is not a choice question",
                        target.id
                    ),
                );
                continue;
            };
            for option in &condition.any_of {
                if !options.iter().any(|o| &o.id == option) {
                    errors.at(
                        src.path,
                        line,
                        format!("{field}: {} has no option {option}", target.id),
                    );
                }
            }
        }
    }
}

fn choice(
    src: &Source<'_>,
    line: usize,
    multiple: Option<Spanned<bool>>,
    options: Option<Spanned<Vec<RawOption>>>,
    errors: &mut Errors,
) -> Option<QuestionInput> {
    let Some(options) = options.filter(|o| !o.get_ref().is_empty()) else {
        errors.at(src.path, line, "a choice question needs options");
        return None;
    };
    let mut seen = BTreeSet::new();
    let mut ok = true;
    let mut out = Vec::new();
    for option in options.into_inner() {
        let option_line = src.line(&option.id);
        let id = option.id.into_inner();
        let Ok(option_id) = OptionId::new(id.clone()) else {
            errors.at(
                src.path,
                option_line,
                format!("option id {id:?}: use a-z, 0-9 and '-'"),
            );
            ok = false;
            continue;
        };
        if !seen.insert(id.clone()) {
            errors.at(
                src.path,
                option_line,
                format!("option id {id:?} is used twice"),
            );
            ok = false;
        }
        if option.label.trim().is_empty() {
            errors.at(src.path, option_line, format!("option {id:?} has no label"));
            ok = false;
        }
        out.push(ChoiceOption {
            id: option_id,
            label: option.label,
        });
    }
    ok.then_some(QuestionInput::Choice {
        multiple: multiple.is_some_and(Spanned::into_inner),
        options: out,
    })
}

fn scale(
    src: &Source<'_>,
    line: usize,
    min: Option<Spanned<u8>>,
    max: Option<Spanned<u8>>,
    min_label: Option<Spanned<String>>,
    max_label: Option<Spanned<String>>,
    errors: &mut Errors,
) -> Option<QuestionInput> {
    let (Some(min), Some(max), Some(min_label), Some(max_label)) = (min, max, min_label, max_label)
    else {
        errors.at(
            src.path,
            line,
            "a scale question needs min, max, min_label and max_label",
        );
        return None;
    };
    if min.get_ref() >= max.get_ref() {
        errors.at(
            src.path,
            src.line(&min),
            format!(
                "scale min ({}) must be less than max ({})",
                min.get_ref(),
                max.get_ref()
            ),
        );
        return None;
    }
    not_blank(src, &min_label, "min_label", errors);
    not_blank(src, &max_label, "max_label", errors);
    Some(QuestionInput::Scale {
        min: min.into_inner(),
        max: max.into_inner(),
        min_label: min_label.into_inner(),
        max_label: max_label.into_inner(),
    })
}

/// Question ids name stored answers, so each is used once in the whole programme (per
/// language; the parity check keeps the languages equal).
pub(crate) fn check_unique_questions(
    listed: &Listed,
    files: &BTreeMap<(String, &'static str), ModuleFile>,
    errors: &mut Errors,
) {
    for language in Language::ALL {
        let mut seen: BTreeMap<&QuestionId, (&str, usize)> = BTreeMap::new();
        for entry in &listed.modules {
            let Some(file) = files.get(&(entry.id.as_str().to_owned(), language.code())) else {
                continue;
            };
            for shape in &file.tasks {
                let questions = &file.task(shape.kind).questions;
                for (q, &line) in questions.iter().zip(&shape.question_lines) {
                    if let Some((first_file, first_line)) = seen.get(&q.id) {
                        errors.at(
                            &file.path,
                            line,
                            format!(
                                "question id {} is already used at {first_file}:{first_line}",
                                q.id
                            ),
                        );
                    } else {
                        seen.insert(&q.id, (&file.path, line));
                    }
                }
            }
        }
    }
}

/// A translation has the same pages, age blocks and questions as the Dutch file, so answers
/// and progress mean the same in every language. Differences are reported in the translation.
pub(crate) fn check_parity(nl: &ModuleFile, other: &ModuleFile, errors: &mut Errors) {
    let path = other.path.as_str();
    if nl.pages.len() != other.pages.len() {
        errors.at(
            path,
            other.body_line,
            format!(
                "{} pages, but the Dutch file {} has {}",
                other.pages.len(),
                nl.path,
                nl.pages.len()
            ),
        );
    }
    for (index, (a, b)) in nl.pages.iter().zip(&other.pages).enumerate() {
        let a_keys: Vec<&str> = a.tailored.iter().map(|(key, _)| key.as_str()).collect();
        let b_keys: Vec<&str> = b.tailored.iter().map(|(key, _)| key.as_str()).collect();
        if a_keys != b_keys {
            errors.at(
                path,
                b.line,
                format!(
                    "page {} has blocks {}, but in the Dutch file (line {}) {}",
                    index + 1,
                    describe_blocks(&b_keys),
                    a.line,
                    describe_blocks(&a_keys)
                ),
            );
        }
    }
    check_partner_parity(nl, other, errors);
    for (shape_nl, shape_other) in nl.tasks.iter().zip(&other.tasks) {
        let kind = shape_nl.kind;
        let a = &nl.task(kind).questions;
        let b = &other.task(kind).questions;
        if a.len() != b.len() {
            errors.at(
                path,
                shape_other.line,
                format!(
                    "[{}] has {} questions, but in the Dutch file {}",
                    kind.as_str(),
                    b.len(),
                    a.len()
                ),
            );
            continue;
        }
        for ((qa, qb), &line) in a.iter().zip(b).zip(&shape_other.question_lines) {
            let (sa, sb) = (shape_of(qa), shape_of(qb));
            if sa != sb {
                errors.at(
                    path,
                    line,
                    format!("question is {sb}, but in the Dutch file {sa}"),
                );
            }
        }
    }
}

/// Both languages give the partner their own words in the same places.
fn check_partner_parity(nl: &ModuleFile, other: &ModuleFile, errors: &mut Errors) {
    let has = |file: &ModuleFile, key: &str| file.partner_keys.iter().any(|(k, _)| k == key);
    for (key, nl_line) in &nl.partner_keys {
        if !has(other, key) {
            errors.at(
                &other.path,
                line_for_key(other, key),
                format!(
                    "the Dutch file gives the partner their own {key} (line {nl_line}); give it here too"
                ),
            );
        }
    }
    for (key, line) in &other.partner_keys {
        if !has(nl, key) {
            errors.at(
                &other.path,
                *line,
                format!("the partner's {key} is not in the Dutch file {}", nl.path),
            );
        }
    }
}

/// Where `key` (a partner wording key) belongs in `file`: its question, its task or line 1.
fn line_for_key(file: &ModuleFile, key: &str) -> usize {
    let first = key.split(' ').next().unwrap_or_default();
    for shape in &file.tasks {
        if first == shape.kind.as_str() {
            return shape.line;
        }
        let questions = &file.task(shape.kind).questions;
        if let Some(i) = questions.iter().position(|q| q.id.as_str() == first) {
            return shape.question_lines.get(i).copied().unwrap_or(shape.line);
        }
    }
    1
}

fn describe_blocks(blocks: &[&str]) -> String {
    if blocks.is_empty() {
        return "none".to_owned();
    }
    blocks
        .iter()
        .map(|key| format!("[{key}]"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What must be equal between languages: everything that decides what an answer can be.
fn shape_of(q: &Question) -> String {
    let input = match &q.input {
        QuestionInput::Text { .. } => "text".to_owned(),
        QuestionInput::Choice { multiple, options } => {
            let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
            format!("choice (multiple = {multiple}, options {})", ids.join(", "))
        }
        QuestionInput::Scale { min, max, .. } => format!("scale {min}-{max}"),
    };
    let required = if q.required { "required" } else { "optional" };
    let describe = |c: &Option<Condition>| {
        c.as_ref().map_or(String::new(), |c| {
            let ids: Vec<&str> = c.any_of.iter().map(|o| o.as_str()).collect();
            format!(" when {} is {}", c.question, ids.join("/"))
        })
    };
    let conditions = match (&q.required_when, &q.hidden_when) {
        (None, None) => String::new(),
        (r, h) => format!(", required{}, hidden{}", describe(r), describe(h)),
    };
    format!("{} ({input}, {required}{conditions})", q.id)
}
