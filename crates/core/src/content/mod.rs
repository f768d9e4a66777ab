//! The programme as data: `content/programme.toml` and one Markdown file per module and
//! language (format in DEVELOPERS.md). Parsing checks everything a content editor can get
//! wrong and reports all of it at once, each error with the file and line to fix.

/// Editorial checks (reading time, readability, stable ids): run by the tests, not the app.
#[cfg(test)]
pub mod checks;
mod markdown;
pub mod plans;
mod question;
mod raw;
#[cfg(test)]
pub(crate) mod tests;

pub use plans::{Plan, PlanKind, PlanPart, PlanRole};
pub use question::{
    is_not_yet_option, AnswerKind, AnswerProblem, ChoiceOption, Condition, Question, QuestionInput,
    Task, MAX_TEXT_CHARS,
};

use crate::answer::TaskKind;
use crate::ids::ModuleId;
use crate::profile::{AgeBand, Language, Role};
use std::collections::BTreeMap;
use std::fmt;

include!(concat!(env!("OUT_DIR"), "/bundled_content.rs"));

/// One thing wrong in the content, where to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub file: String,
    /// 1-based line in `file`.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Everything wrong in the content, sorted by file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ContentErrors(pub Vec<ContentError>);

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(f, "{n} content error{}", if n == 1 { "" } else { "s" })?;
        for e in &self.0 {
            write!(f, "\n{e}")?;
        }
        Ok(())
    }
}

/// One value per language; every language is always present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerLanguage<T> {
    pub nl: T,
    pub en: T,
}

impl<T> PerLanguage<T> {
    pub fn get(&self, language: Language) -> &T {
        match language {
            Language::Nl => &self.nl,
            Language::En => &self.en,
        }
    }
}

/// The whole programme: the modules in their fixed order and the contacts with the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programme {
    pub modules: Vec<Module>,
    pub contact_points: Vec<ContactPoint>,
    /// Do-task answers shown as plans under "My plans" (`[[plans]]` in programme.toml).
    pub plans: Vec<plans::Plan>,
}

/// A planned contact with the prevention worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactPoint {
    pub number: u8,
    /// The contact is due once this module is done; 0 means before module 1.
    pub after_module: u16,
    pub title: PerLanguage<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    pub id: ModuleId,
    /// 1-based position in the programme.
    pub number: u16,
    pub minutes: u16,
    /// An extra module outside the fixed order (`optional = true`): the return check. It has
    /// no home assignment, opens by its own rule and never counts for "finished".
    pub optional: bool,
    /// The text as written, which is what the parent with the problems reads. Pages hold
    /// their own role blocks; the front matter's words are here as the parent reads them.
    pub texts: PerLanguage<ModuleText>,
    /// The same with the partner's words (`partner = ...` in the front matter) in place of
    /// the parent's: title, summary, task titles and intros, question labels and options.
    pub partner_texts: PerLanguage<ModuleText>,
}

impl Module {
    /// The text as written (the parent's words). Questions, options and pages are the same
    /// for every reader; what a reader sees comes from [`Module::text_for`].
    pub fn text(&self, language: Language) -> &ModuleText {
        self.texts.get(language)
    }

    /// The text as this reader reads it.
    pub fn text_for(&self, language: Language, role: Role) -> &ModuleText {
        match role {
            Role::Parent => self.texts.get(language),
            Role::Partner => self.partner_texts.get(language),
        }
    }

    /// Pages in the content file, before age-band filtering (the same in every language).
    pub fn page_count(&self) -> u16 {
        u16::try_from(self.texts.nl.pages.len()).unwrap_or(u16::MAX)
    }
}

/// A module's text in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleText {
    pub title: String,
    pub summary: String,
    pub pages: Vec<Page>,
    pub do_task: Task,
    pub home_assignment: Task,
}

impl ModuleText {
    pub fn task(&self, kind: TaskKind) -> &Task {
        match kind {
            TaskKind::DoTask => &self.do_task,
            TaskKind::HomeAssignment => &self.home_assignment,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Page {
    /// The page's HTML for a parent whose children are in `bands`, reading as `role`, or
    /// `None` when nothing on the page is meant for them.
    pub fn html_for(&self, bands: &[AgeBand], role: Role) -> Option<String> {
        let html: String = self
            .blocks
            .iter()
            .filter(|b| b.is_for(bands, role))
            .map(Block::tagged_html)
            .collect();
        (!html.is_empty()).then_some(html)
    }

    /// True when something on the page is meant for this reader.
    pub fn is_for(&self, bands: &[AgeBand], role: Role) -> bool {
        self.blocks.iter().any(|b| b.is_for(bands, role))
    }
}

/// A run of text on a page: for everyone, for some age bands only, or for one role only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// `None`: for every age.
    pub bands: Option<Vec<AgeBand>>,
    /// `None`: for the parent and the partner alike.
    pub role: Option<Role>,
    pub html: String,
}

impl Block {
    /// The block's HTML; an age block is wrapped in a `div.age-block` whose `data-age-bands`
    /// names its bands ("4-12 12-18"), a role block in a `div.role-block` with `data-role`, so
    /// a screen reader's outline and the end-to-end tests can tell which text was tailored.
    pub fn tagged_html(&self) -> std::borrow::Cow<'_, str> {
        match (&self.bands, self.role) {
            (Some(bands), _) => {
                let labels: Vec<&str> = bands.iter().map(|b| b.label()).collect();
                format!(
                    "<div class=\"age-block\" data-age-bands=\"{}\">\n{}</div>\n",
                    labels.join(" "),
                    self.html
                )
                .into()
            }
            (None, Some(role)) => format!(
                "<div class=\"role-block\" data-role=\"{}\">\n{}</div>\n",
                role.label(),
                self.html
            )
            .into(),
            (None, None) => self.html.as_str().into(),
        }
    }

    pub fn is_for(&self, bands: &[AgeBand], role: Role) -> bool {
        let age = match &self.bands {
            None => true,
            Some(own) => own.iter().any(|b| bands.contains(b)),
        };
        age && self.role.is_none_or(|own| own == role)
    }
}

impl Programme {
    /// The content compiled into the binary from `content/`.
    pub fn bundled() -> Result<Programme, ContentErrors> {
        Programme::parse(BUNDLED)
    }

    /// Parses content files given as (path, text). `programme.toml` is found by name, module
    /// files under a `modules/` folder; paths are used as given in errors.
    pub fn parse(files: &[(&str, &str)]) -> Result<Programme, ContentErrors> {
        let mut errors = Errors::default();
        let programme_files: Vec<&(&str, &str)> = files
            .iter()
            .filter(|(path, _)| file_name(path) == "programme.toml")
            .collect();
        let (programme_path, programme_text) = match programme_files.as_slice() {
            [one] => **one,
            [] => {
                errors.at("programme.toml", 1, "programme.toml is missing");
                return Err(errors.finish());
            }
            [_, second, ..] => {
                errors.at(second.0, 1, "there is more than one programme.toml");
                return Err(errors.finish());
            }
        };
        let listed = raw::programme(programme_path, programme_text, &mut errors);

        let modules_dir = match programme_path.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/modules/"),
            None => "modules/".to_owned(),
        };
        let mut parsed: BTreeMap<(String, &'static str), raw::ModuleFile> = BTreeMap::new();
        for &(path, text) in files {
            if path == programme_path {
                continue;
            }
            let Some((id, language)) = module_file_name(path, &mut errors) else {
                continue;
            };
            let entry = listed
                .as_ref()
                .map(|l| l.modules.iter().find(|m| m.id.as_str() == id));
            if matches!(entry, Some(None)) {
                errors.at(
                    path,
                    1,
                    format!("file for unknown module {id:?} (not in programme.toml)"),
                );
                continue;
            }
            let optional = entry.flatten().is_some_and(|m| m.optional);
            if let Some(file) = raw::module_file(path, text, &id, optional, &mut errors) {
                parsed.insert((id, language.code()), file);
            }
        }

        let Some(listed) = listed else {
            return Err(errors.finish());
        };
        raw::check_unique_questions(&listed, &parsed, &mut errors);
        let mut modules = Vec::new();
        for (index, entry) in listed.modules.iter().enumerate() {
            let mut texts = BTreeMap::new();
            for language in Language::ALL {
                let key = (entry.id.as_str().to_owned(), language.code());
                match parsed.remove(&key) {
                    Some(file) => {
                        texts.insert(language.code(), file);
                    }
                    // The file exists but could not be read: its own errors say why.
                    None if files
                        .iter()
                        .any(|(p, _)| module_file_key(p).as_ref() == Some(&key)) => {}
                    None => errors.at(
                        programme_path,
                        entry.line,
                        format!(
                            "module {} has no {} file (expected {modules_dir}{}.{}.md)",
                            entry.id,
                            language_name(language),
                            entry.id,
                            language.code()
                        ),
                    ),
                }
            }
            if let (Some(nl), Some(en)) = (texts.remove("nl"), texts.remove("en")) {
                raw::check_parity(&nl, &en, &mut errors);
                modules.push(Module {
                    id: entry.id.clone(),
                    number: u16::try_from(index + 1).unwrap_or(u16::MAX),
                    minutes: entry.minutes,
                    optional: entry.optional,
                    texts: PerLanguage {
                        nl: nl.text,
                        en: en.text,
                    },
                    partner_texts: PerLanguage {
                        nl: nl.partner_text,
                        en: en.partner_text,
                    },
                });
            }
        }

        let plans = plans::resolve(
            programme_path,
            programme_text,
            listed.plans,
            &modules,
            &mut errors,
        );
        if errors.0.is_empty() {
            Ok(Programme {
                modules,
                contact_points: listed.contact_points,
                plans,
            })
        } else {
            Err(errors.finish())
        }
    }
}

fn language_name(language: Language) -> &'static str {
    match language {
        Language::Nl => "Dutch",
        Language::En => "English",
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// (module id, language code) when `path` is named like a module file.
fn module_file_key(path: &str) -> Option<(String, &'static str)> {
    let stem = file_name(path).strip_suffix(".md")?;
    let (id, code) = stem.rsplit_once('.')?;
    Some((id.to_owned(), Language::from_code(code)?.code()))
}

fn module_file_name(path: &str, errors: &mut Errors) -> Option<(String, Language)> {
    let mut parts = path.rsplit('/');
    let name = parts.next().unwrap_or(path);
    if parts.next() != Some("modules") || !name.ends_with(".md") {
        errors.at(
            path,
            1,
            "unexpected file: content is programme.toml and modules/<id>.<language>.md",
        );
        return None;
    }
    let stem = &name[..name.len() - 3];
    let Some((id, code)) = stem.rsplit_once('.') else {
        errors.at(
            path,
            1,
            "a module file is named <id>.<language>.md, e.g. good-enough.nl.md",
        );
        return None;
    };
    let Some(language) = Language::from_code(code) else {
        errors.at(path, 1, format!("unknown language {code:?} (use nl or en)"));
        return None;
    };
    Some((id.to_owned(), language))
}

/// Collects errors; the parse goes on after one so an editor sees all of them.
#[derive(Debug, Default)]
pub(crate) struct Errors(Vec<ContentError>);

impl Errors {
    pub(crate) fn at(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.0.push(ContentError {
            file: file.to_owned(),
            line,
            message: message.into(),
        });
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    fn finish(mut self) -> ContentErrors {
        self.0
            .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        ContentErrors(self.0)
    }
}

/// 1-based line of a byte offset in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
