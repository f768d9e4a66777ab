//! A module's body: pages split at `# ` headings, `::: age` and `::: role` blocks, Markdown
//! rendered to HTML.
//! The app loads no remote content and shows no markup written by hand, so raw HTML, images
//! and links are refused here and, as a second defence, never rendered as such.

use super::{Block, Errors, Page};
use crate::profile::{AgeBand, Role};
use pulldown_cmark::{html, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A parsed page and the lines the parity check points at.
pub(crate) struct ParsedPage {
    pub page: Page,
    pub shape: PageShape,
}

pub(crate) struct PageShape {
    /// Line of the page's `# ` heading.
    pub line: usize,
    /// The tailored blocks in order: what they are for ("age 4-7 8-12", "role partner") and
    /// their opening line.
    pub tailored: Vec<(String, usize)>,
}

/// Text collected for one block, before rendering.
struct Pending {
    bands: Option<Vec<AgeBand>>,
    role: Option<Role>,
    line: usize,
    text: String,
}

impl Pending {
    fn tailored(&self) -> bool {
        self.bands.is_some() || self.role.is_some()
    }

    /// What the block is for, as the parity check compares it.
    fn key(&self) -> Option<String> {
        if let Some(bands) = &self.bands {
            let labels: Vec<&str> = bands.iter().map(|b| b.label()).collect();
            return Some(format!("age {}", labels.join(" ")));
        }
        self.role.map(|r| format!("role {}", r.label()))
    }
}

struct PageBuilder {
    title: String,
    line: usize,
    blocks: Vec<Pending>,
}

pub(crate) fn pages(
    path: &str,
    body: &str,
    first_line: usize,
    errors: &mut Errors,
) -> Vec<ParsedPage> {
    let mut pages: Vec<PageBuilder> = Vec::new();
    let mut common: Option<Pending> = None;
    let mut open: Option<Pending> = None;
    let mut stray_text_reported = false;

    for (index, raw_line) in body.split('\n').enumerate() {
        let line_no = first_line + index;
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        let trimmed = line.trim();

        if let Some(rest) = trimmed.strip_prefix(":::") {
            let rest = rest.trim();
            if rest.is_empty() {
                match open.take() {
                    Some(block) => push_block(&mut pages, block),
                    None => errors.at(path, line_no, "::: closes a block that was not opened"),
                }
                continue;
            }
            if let Some(outer) = &open {
                errors.at(
                    path,
                    line_no,
                    format!(
                        "a block cannot open inside another (close the one at line {} first)",
                        outer.line
                    ),
                );
                continue;
            }
            if pages.is_empty() {
                errors.at(
                    path,
                    line_no,
                    "a block before the first page heading (# Title)",
                );
                continue;
            }
            let mut words = rest.split_whitespace();
            let kind = words.next().unwrap_or_default();
            if kind == "role" {
                let labels: Vec<&str> = words.collect();
                let role = match labels.as_slice() {
                    [one] => Role::from_label(one),
                    _ => None,
                };
                if role.is_none() {
                    errors.at(
                        path,
                        line_no,
                        "::: role names one reader: parent or partner",
                    );
                }
                if let Some(block) = common.take() {
                    push_block(&mut pages, block);
                }
                open = Some(Pending {
                    bands: None,
                    role: Some(role.unwrap_or_default()),
                    line: line_no,
                    text: String::new(),
                });
                continue;
            }
            if kind != "age" {
                errors.at(
                    path,
                    line_no,
                    format!("unknown block ::: {kind} (use ::: age or ::: role)"),
                );
                // Keep the block open so its closing ::: is not reported as well.
                open = Some(Pending {
                    bands: Some(Vec::new()),
                    role: None,
                    line: line_no,
                    text: String::new(),
                });
                continue;
            }
            let mut bands = Vec::new();
            for label in words {
                match AgeBand::from_label(label) {
                    Some(band) if bands.contains(&band) => {
                        errors.at(path, line_no, format!("age band {label} is named twice"));
                    }
                    Some(band) => bands.push(band),
                    None => errors.at(
                        path,
                        line_no,
                        format!("unknown age band {label:?} (use 0-1, 1-4, 4-7, 8-12 or 12-18)"),
                    ),
                }
            }
            if bands.is_empty() {
                errors.at(
                    path,
                    line_no,
                    "::: age needs at least one band: 0-1, 1-4, 4-7, 8-12 or 12-18",
                );
            }
            if let Some(block) = common.take() {
                push_block(&mut pages, block);
            }
            open = Some(Pending {
                bands: Some(bands),
                role: None,
                line: line_no,
                text: String::new(),
            });
            continue;
        }

        if let Some(title) = line.strip_prefix("# ").or((line == "#").then_some("")) {
            if let Some(block) = open.take() {
                errors.at(
                    path,
                    block.line,
                    "this ::: block is not closed (add a line :::)",
                );
            }
            if let Some(block) = common.take() {
                push_block(&mut pages, block);
            }
            if title.trim().is_empty() {
                errors.at(path, line_no, "a page heading needs a title");
            }
            pages.push(PageBuilder {
                title: title.trim().to_owned(),
                line: line_no,
                blocks: Vec::new(),
            });
            continue;
        }

        let target = match (&mut open, pages.is_empty()) {
            (Some(block), _) => block,
            (None, false) => common.get_or_insert_with(|| Pending {
                bands: None,
                role: None,
                line: line_no,
                text: String::new(),
            }),
            (None, true) => {
                if !trimmed.is_empty() && !stray_text_reported {
                    errors.at(
                        path,
                        line_no,
                        "text before the first page heading (# Title)",
                    );
                    stray_text_reported = true;
                }
                continue;
            }
        };
        target.text.push_str(line);
        target.text.push('\n');
    }
    if let Some(block) = open.take() {
        errors.at(
            path,
            block.line,
            "this ::: age block is not closed (add a line :::)",
        );
    }
    if let Some(block) = common.take() {
        push_block(&mut pages, block);
    }
    if pages.is_empty() {
        errors.at(
            path,
            first_line,
            "the module has no pages (start one with # Title)",
        );
    }

    pages
        .into_iter()
        .map(|builder| {
            let mut blocks = Vec::new();
            let mut tailored = Vec::new();
            for pending in builder.blocks {
                let blank = pending.text.trim().is_empty();
                if let Some(key) = pending.key() {
                    tailored.push((key, pending.line));
                    if blank {
                        let what = if pending.bands.is_some() {
                            "age"
                        } else {
                            "role"
                        };
                        errors.at(path, pending.line, format!("this {what} block is empty"));
                    }
                }
                if blank {
                    continue;
                }
                // Text of a tailored block starts on the line after `::: age` or `::: role`.
                let text_line = pending.line + usize::from(pending.tailored());
                let html = render(path, &pending.text, text_line, errors);
                blocks.push(Block {
                    bands: pending.bands,
                    role: pending.role,
                    html,
                });
            }
            if blocks.is_empty() {
                errors.at(path, builder.line, "this page has no text");
            }
            ParsedPage {
                page: Page {
                    title: builder.title,
                    blocks,
                },
                shape: PageShape {
                    line: builder.line,
                    tailored,
                },
            }
        })
        .collect()
}

fn push_block(pages: &mut [PageBuilder], block: Pending) {
    if !block.tailored() && block.text.trim().is_empty() {
        return;
    }
    if let Some(page) = pages.last_mut() {
        page.blocks.push(block);
    }
}

/// Checks Markdown whose first line is `first_line` in `path` and renders it to HTML.
pub(crate) fn render(path: &str, text: &str, first_line: usize, errors: &mut Errors) -> String {
    let line_at = |offset: usize| first_line + super::line_of(text, offset) - 1;
    let mut reported_html_line = 0;
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        let problem = match &event {
            Event::Html(_) | Event::InlineHtml(_) => {
                let line = line_at(range.start);
                if line == reported_html_line {
                    None
                } else {
                    reported_html_line = line;
                    Some("raw HTML is not allowed (write Markdown)")
                }
            }
            Event::Start(Tag::Image { .. }) => Some("images are not allowed (the app loads no remote content)"),
            Event::Start(Tag::Link { .. }) => Some("links are not allowed in content (the app loads no remote content)"),
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) => {
                Some("a level-1 heading starts a new page: use # Title at the start of a line, or ## for a subheading")
            }
            _ => None,
        };
        if let Some(message) = problem {
            errors.at(path, line_at(range.start), message);
        }
    }
    to_html(text)
}

/// Renders Markdown, showing raw HTML as text and links and images as their text only.
pub(crate) fn to_html(text: &str) -> String {
    let events = Parser::new_ext(text, Options::empty()).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::HtmlBlock | Tag::Link { .. } | Tag::Image { .. }) => None,
        Event::End(TagEnd::HtmlBlock | TagEnd::Link | TagEnd::Image) => None,
        other => Some(other),
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}
