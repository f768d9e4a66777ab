//! Parsing tests on small inline fixtures, one per content error, each asserting file and line.
//! The fixture is also the programme the rule tests in `programme::tests` run on.

use super::*;
use crate::profile::{AgeBand, Role};

const PROGRAMME_HEAD: &str = "format = 1\n";

/// Line numbers in the module template below, used by the assertions.
const TEMPLATE: &str = r#"+++
module = "MOD"
title = "Module MOD"
summary = "Samenvatting."

[do_task]
title = "Doe"
minutes = 10
intro = "Doe dit."

[[do_task.questions]]
id = "MOD.do.text"
type = "text"
label = "Wat?"

[[do_task.questions]]
id = "MOD.do.choice"
type = "choice"
multiple = true
label = "Kies"
options = [ { id = "a", label = "A" }, { id = "b", label = "B" } ]

[[do_task.questions]]
id = "MOD.do.scale"
type = "scale"
min = 1
max = 10
min_label = "laag"
max_label = "hoog"
label = "Hoe?"
required = false

[home_assignment]
title = "Thuis"
minutes = 20

[[home_assignment.questions]]
id = "MOD.home.how"
type = "text"
label = "Hoe ging het?"
+++

# Pagina een

Tekst voor **iedereen**.

::: age 0-1 1-4
Voor kleine kinderen.
:::

::: age 4-7 8-12 12-18
Voor grotere kinderen.
:::

# Pagina twee

::: age 12-18
Alleen voor tieners.
:::

# Pagina drie

Slot.
"#;

/// Content files for a programme of the given modules, valid as they are.
pub(crate) fn fixture_files(ids: &[&str]) -> Vec<(String, String)> {
    let mut programme = PROGRAMME_HEAD.to_owned();
    for id in ids {
        programme.push_str(&format!("\n[[modules]]\nid = \"{id}\"\nminutes = 30\n"));
    }
    programme.push_str(
        "\n[[contact_points]]\nnumber = 1\nafter_module = 0\ntitle = { nl = \"Kennismaken\", en = \"Getting to know each other\" }\n",
    );
    let mut files = vec![("content/programme.toml".to_owned(), programme)];
    for id in ids {
        for lang in ["nl", "en"] {
            files.push((
                format!("content/modules/{id}.{lang}.md"),
                TEMPLATE.replace("MOD", id),
            ));
        }
    }
    files
}

pub(crate) fn parse_files(files: &[(String, String)]) -> Result<Programme, ContentErrors> {
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    Programme::parse(&refs)
}

/// Content files for the given modules plus an optional module `extra` after them (no home
/// assignment), valid as they are.
pub(crate) fn fixture_files_with_extra(ids: &[&str]) -> Vec<(String, String)> {
    let mut files = fixture_files(ids);
    files[0]
        .1
        .push_str("\n[[modules]]\nid = \"extra\"\nminutes = 30\noptional = true\n");
    let home = TEMPLATE
        .find("[home_assignment]")
        .expect("home in template");
    let end = TEMPLATE[home..].find("+++").expect("end of front matter") + home;
    let text = format!("{}{}", &TEMPLATE[..home], &TEMPLATE[end..]).replace("MOD", "extra");
    for lang in ["nl", "en"] {
        files.push((format!("content/modules/extra.{lang}.md"), text.clone()));
    }
    files
}

pub(crate) fn fixture_with_extra(ids: &[&str]) -> Programme {
    match parse_files(&fixture_files_with_extra(ids)) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn an_optional_module_has_no_home_assignment() {
    let p = fixture_with_extra(&["one"]);
    let extra = &p.modules[1];
    assert!(extra.optional && !p.modules[0].optional);
    assert!(extra.texts.nl.home_assignment.questions.is_empty());

    let mut files = fixture_files_with_extra(&["one"]);
    let nl = files
        .iter_mut()
        .find(|(path, _)| path == "content/modules/extra.nl.md")
        .expect("extra.nl.md");
    nl.1 = nl.1.replacen(
        "+++\n\n#",
        "[home_assignment]\ntitle = \"T\"\nminutes = 5\n\n[[home_assignment.questions]]\nid = \"extra.home.x\"\ntype = \"text\"\nlabel = \"X\"\n+++\n\n#",
        1,
    );
    let errors = parse_files(&files).expect_err("a home assignment in an optional module");
    assert!(
        errors
            .0
            .iter()
            .any(|e| e.file == "content/modules/extra.nl.md"
                && e.message
                    .contains("an optional module has no [home_assignment]")),
        "{errors}"
    );
}

#[test]
fn optional_modules_come_last() {
    let mut files = fixture_files_with_extra(&["one"]);
    files[0]
        .1
        .push_str("\n[[modules]]\nid = \"two\"\nminutes = 30\n");
    for lang in ["nl", "en"] {
        files.push((
            format!("content/modules/two.{lang}.md"),
            TEMPLATE.replace("MOD", "two"),
        ));
    }
    let errors = parse_files(&files).expect_err("a module after an optional one");
    assert!(
        errors
            .0
            .iter()
            .any(|e| e.message.contains("optional modules come last")),
        "{errors}"
    );
}

pub(crate) fn fixture(ids: &[&str]) -> Programme {
    match parse_files(&fixture_files(ids)) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    }
}

/// The errors after `edit` changes the text of `file` in a two-module fixture.
fn errors_after(file: &str, edit: impl Fn(&str) -> String) -> Vec<ContentError> {
    let mut files = fixture_files(&["one", "two"]);
    let entry = files
        .iter_mut()
        .find(|(p, _)| p == file)
        .expect("file in fixture");
    entry.1 = edit(&entry.1);
    match parse_files(&files) {
        Ok(_) => panic!("expected errors after editing {file}"),
        Err(e) => e.0,
    }
}

fn replace(from: &'static str, to: &'static str) -> impl Fn(&str) -> String {
    move |text: &str| {
        assert!(text.contains(from), "fixture has no {from:?}");
        text.replacen(from, to, 1)
    }
}

#[track_caller]
fn assert_has(errors: &[ContentError], file: &str, line: usize, needle: &str) {
    let found = errors
        .iter()
        .any(|e| e.file == file && e.line == line && e.message.contains(needle));
    let listed: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        found,
        "no error {file}:{line}: ..{needle}.. in:\n{}",
        listed.join("\n")
    );
}

const ONE_NL: &str = "content/modules/one.nl.md";
const ONE_EN: &str = "content/modules/one.en.md";
const TWO_NL: &str = "content/modules/two.nl.md";
const PROGRAMME: &str = "content/programme.toml";

#[test]
fn the_fixture_parses_into_typed_content() {
    let p = fixture(&["one", "two"]);
    assert_eq!(p.modules.len(), 2);
    let m = &p.modules[1];
    assert_eq!((m.id.as_str(), m.number, m.minutes), ("two", 2, 30));
    assert_eq!(m.page_count(), 3);
    let text = m.text(Language::En);
    assert_eq!(text.title, "Module two");
    assert_eq!(text.do_task.questions.len(), 3);
    assert_eq!(text.do_task.intro_html, "<p>Doe dit.</p>\n");
    assert!(!text.do_task.questions[2].required);
    let page = &text.pages[0];
    assert_eq!(page.title, "Pagina een");
    assert_eq!(page.blocks.len(), 3);
    assert_eq!(
        page.blocks[0].html,
        "<p>Tekst voor <strong>iedereen</strong>.</p>\n"
    );
    assert_eq!(
        page.blocks[1].bands,
        Some(vec![AgeBand::Baby, AgeBand::Toddler])
    );
    assert_eq!(
        page.blocks[2].bands,
        Some(vec![
            AgeBand::YoungChild,
            AgeBand::OlderChild,
            AgeBand::Teen
        ])
    );
    assert_eq!(
        text.pages[1].html_for(&[AgeBand::Toddler], Role::Parent),
        None
    );
    assert_eq!(
        text.pages[1]
            .html_for(&[AgeBand::Toddler, AgeBand::Teen], Role::Parent)
            .as_deref(),
        Some("<div class=\"age-block\" data-age-bands=\"12-18\">\n<p>Alleen voor tieners.</p>\n</div>\n")
    );
    assert_eq!(p.contact_points.len(), 1);
    assert_eq!(
        p.contact_points[0].title.get(Language::En),
        "Getting to know each other"
    );
}

#[test]
fn errors_display_as_file_line_message() {
    let e = ContentError {
        file: "content/a.md".into(),
        line: 7,
        message: "boom".into(),
    };
    assert_eq!(e.to_string(), "content/a.md:7: boom");
    let all = ContentErrors(vec![e.clone(), e]);
    assert_eq!(
        all.to_string(),
        "2 content errors\ncontent/a.md:7: boom\ncontent/a.md:7: boom"
    );
}

#[test]
fn a_missing_translation_points_at_the_module_in_programme_toml() {
    let mut files = fixture_files(&["one", "two"]);
    files.retain(|(p, _)| p != "content/modules/two.en.md");
    let errors = parse_files(&files).unwrap_err().0;
    // programme.toml: line 8 is `id = "two"`.
    assert_has(
        &errors,
        PROGRAMME,
        8,
        "module two has no English file (expected content/modules/two.en.md)",
    );
    assert_eq!(errors.len(), 1);
}

#[test]
fn a_missing_programme_file_is_reported() {
    let mut files = fixture_files(&["one"]);
    files.retain(|(p, _)| p != PROGRAMME);
    let errors = parse_files(&files).unwrap_err().0;
    assert_has(&errors, "programme.toml", 1, "missing");
}

#[test]
fn a_file_for_an_unknown_module_is_reported() {
    let mut files = fixture_files(&["one"]);
    files.push((
        "content/modules/three.nl.md".into(),
        TEMPLATE.replace("MOD", "three"),
    ));
    files.push((
        "content/modules/one.de.md".into(),
        TEMPLATE.replace("MOD", "one"),
    ));
    files.push(("content/notes.md".into(), "hello".into()));
    let errors = parse_files(&files).unwrap_err().0;
    assert_has(
        &errors,
        "content/modules/three.nl.md",
        1,
        "unknown module \"three\"",
    );
    assert_has(
        &errors,
        "content/modules/one.de.md",
        1,
        "unknown language \"de\"",
    );
    assert_has(&errors, "content/notes.md", 1, "unexpected file");
}

#[test]
fn programme_toml_errors_have_lines() {
    let errors = errors_after(
        PROGRAMME,
        replace("minutes = 30", "minutes = 30\ncolour = 1"),
    );
    assert_has(&errors, PROGRAMME, 6, "colour");
    let errors = errors_after(PROGRAMME, replace("id = \"two\"", "id = \"one\""));
    assert_has(&errors, PROGRAMME, 8, "listed twice");
    let errors = errors_after(PROGRAMME, replace("after_module = 0", "after_module = 3"));
    assert_has(&errors, PROGRAMME, 13, "the programme has 2 modules");
    let errors = errors_after(PROGRAMME, replace("format = 1", "format = 2"));
    assert_has(&errors, PROGRAMME, 1, "unknown format");
}

#[test]
fn front_matter_module_must_match_the_file_name() {
    let errors = errors_after(ONE_EN, replace("module = \"one\"", "module = \"two\""));
    assert_has(
        &errors,
        ONE_EN,
        2,
        "module = \"two\", but the file name says \"one\"",
    );
}

#[test]
fn unknown_front_matter_fields_are_errors_at_their_real_line() {
    let errors = errors_after(
        ONE_NL,
        replace(
            "summary = \"Samenvatting.\"\n",
            "summary = \"Samenvatting.\"\ncolour = \"red\"\n",
        ),
    );
    assert_has(&errors, ONE_NL, 5, "unknown field `colour`");
    let errors = errors_after(
        ONE_NL,
        replace("label = \"Wat?\"", "label = \"Wat?\"\nhint = \"x\""),
    );
    assert_has(&errors, ONE_NL, 15, "unknown field `hint`");
    let errors = errors_after(ONE_NL, replace("minutes = 10", "minutes = ten"));
    assert_has(&errors, ONE_NL, 8, "");
}

#[test]
fn every_module_needs_both_tasks_with_questions() {
    let errors = errors_after(ONE_NL, |t| {
        let start = t.find("[home_assignment]").expect("home");
        let end = t.find("+++\n\n#").expect("end");
        format!("{}{}", &t[..start], &t[end..])
    });
    assert_has(&errors, ONE_NL, 1, "no [home_assignment]");
    let errors = errors_after(ONE_NL, |t| {
        let start = t.find("[[home_assignment.questions]]").expect("q");
        let end = t.find("+++\n\n#").expect("end");
        format!("{}{}", &t[..start], &t[end..])
    });
    assert_has(&errors, ONE_NL, 33, "[home_assignment] has no questions");
}

#[test]
fn question_ids_are_unique_in_the_whole_programme() {
    let errors = errors_after(TWO_NL, replace("two.do.text", "one.do.text"));
    assert_has(
        &errors,
        TWO_NL,
        12,
        "question id one.do.text is already used at content/modules/one.nl.md:12",
    );
    let errors = errors_after(ONE_NL, replace("one.do.choice", "one.do.text"));
    assert_has(
        &errors,
        ONE_NL,
        17,
        "already used at content/modules/one.nl.md:12",
    );
}

#[test]
fn choice_and_scale_questions_are_checked() {
    let errors = errors_after(
        ONE_NL,
        replace(
            "options = [ { id = \"a\", label = \"A\" }, { id = \"b\", label = \"B\" } ]",
            "options = []",
        ),
    );
    assert_has(&errors, ONE_NL, 17, "a choice question needs options");
    let errors = errors_after(
        ONE_NL,
        replace(
            "{ id = \"b\", label = \"B\" }",
            "{ id = \"a\", label = \"B\" }",
        ),
    );
    assert_has(&errors, ONE_NL, 21, "option id \"a\" is used twice");
    let errors = errors_after(ONE_NL, replace("min = 1\n", "min = 10\n"));
    assert_has(
        &errors,
        ONE_NL,
        26,
        "scale min (10) must be less than max (10)",
    );
    let errors = errors_after(ONE_NL, replace("type = \"text\"", "type = \"essay\""));
    assert_has(&errors, ONE_NL, 13, "unknown question type \"essay\"");
    let errors = errors_after(
        ONE_NL,
        replace("type = \"text\"", "type = \"text\"\nmin = 1"),
    );
    assert_has(&errors, ONE_NL, 12, "min is only for scale questions");
}

#[test]
fn conditions_look_back_at_a_choice_question_and_its_options() {
    let scale_with = |extra: &'static str| {
        move |text: &str| {
            text.replacen(
                "label = \"Hoe?\"\nrequired = false\n",
                &format!("label = \"Hoe?\"\n{extra}\n"),
                1,
            )
        }
    };
    let errors = errors_after(
        ONE_NL,
        scale_with("hidden_when = { question = \"one.do.choice\", any_of = [\"c\"] }"),
    );
    assert_has(
        &errors,
        ONE_NL,
        24,
        "hidden_when: one.do.choice has no option c",
    );
    let errors = errors_after(
        ONE_NL,
        scale_with("required_when = { question = \"one.do.text\", any_of = [\"a\"] }"),
    );
    assert_has(
        &errors,
        ONE_NL,
        24,
        "required_when names one.do.text, which is not a choice question",
    );
    let errors = errors_after(
        ONE_NL,
        scale_with("hidden_when = { question = \"one.home.how\", any_of = [\"a\"] }"),
    );
    assert_has(&errors, ONE_NL, 24, "not a question earlier in this task");
    let errors = errors_after(
        ONE_NL,
        scale_with(
            "required = true\nrequired_when = { question = \"one.do.choice\", any_of = [\"a\"] }",
        ),
    );
    assert_has(&errors, ONE_NL, 24, "remove required");
    let errors = errors_after(
        ONE_NL,
        scale_with("hidden_when = { question = \"one.do.choice\", any_of = [] }"),
    );
    assert_has(&errors, ONE_NL, 31, "at least one option");
}

#[test]
fn conditions_must_be_the_same_in_every_language() {
    let errors = errors_after(
        "content/modules/one.en.md",
        replace(
            "label = \"Hoe?\"\nrequired = false\n",
            "label = \"Hoe?\"\nrequired = false\nhidden_when = { question = \"one.do.choice\", any_of = [\"a\"] }\n",
        ),
    );
    assert_has(
        &errors,
        "content/modules/one.en.md",
        24,
        "but in the Dutch file",
    );
}

#[test]
fn role_blocks_are_shown_to_their_reader_only() {
    let mut files = fixture_files(&["one"]);
    for (path, text) in &mut files {
        if path.contains("one.") {
            *text = text.replace(
                "Slot.",
                "Slot.\n\n::: role partner\nVoor de partner.\n:::\n\n::: role parent\nVoor de ouder.\n:::",
            );
        }
    }
    let p = parse_files(&files).expect("role blocks parse");
    let page = &p.modules[0].texts.nl.pages[2];
    let partner = page
        .html_for(&[AgeBand::YoungChild], Role::Partner)
        .expect("page");
    assert!(partner
        .contains("<div class=\"role-block\" data-role=\"partner\">\n<p>Voor de partner.</p>"));
    assert!(!partner.contains("Voor de ouder."));
    let parent = page
        .html_for(&[AgeBand::YoungChild], Role::Parent)
        .expect("page");
    assert!(parent.contains("Voor de ouder.") && !parent.contains("Voor de partner."));
    assert!(parent.contains("Slot."), "text for everyone stays");

    let errors = errors_after(ONE_NL, replace("Slot.", "Slot.\n\n::: role ouder\nX\n:::"));
    assert_has(
        &errors,
        ONE_NL,
        65,
        "::: role names one reader: parent or partner",
    );
    let errors = errors_after(
        ONE_EN,
        replace("Slot.", "Slot.\n\n::: role partner\nX\n:::"),
    );
    assert_has(
        &errors,
        ONE_EN,
        61,
        "has blocks [role partner], but in the Dutch file",
    );
}

#[test]
fn age_blocks_must_be_closed_and_known() {
    let errors = errors_after(
        ONE_NL,
        replace("Alleen voor tieners.\n:::\n", "Alleen voor tieners.\n"),
    );
    assert_has(&errors, ONE_NL, 57, "not closed");
    let errors = errors_after(ONE_NL, replace("::: age 12-18", "::: note"));
    assert_has(&errors, ONE_NL, 57, "unknown block ::: note");
    let errors = errors_after(ONE_NL, replace("::: age 12-18", "::: age 4-12"));
    assert_has(&errors, ONE_NL, 57, "unknown age band \"4-12\"");
    let errors = errors_after(ONE_NL, replace("::: age 12-18", "::: age"));
    assert_has(&errors, ONE_NL, 57, "needs at least one band");
    let errors = errors_after(ONE_NL, replace("Slot.\n", "Slot.\n:::\n"));
    assert_has(&errors, ONE_NL, 64, "not opened");
}

#[test]
fn raw_html_images_and_links_are_refused() {
    let errors = errors_after(ONE_NL, replace("Slot.", "Slot <b>vet</b>."));
    assert_has(&errors, ONE_NL, 63, "raw HTML");
    let errors = errors_after(ONE_NL, replace("Slot.", "Slot.\n\n<div>\nblok\n</div>"));
    assert_has(&errors, ONE_NL, 65, "raw HTML");
    let errors = errors_after(ONE_NL, replace("Slot.", "![foto](foto.png)"));
    assert_has(&errors, ONE_NL, 63, "images are not allowed");
    let errors = errors_after(ONE_NL, replace("Slot.", "Zie [113](https://113.nl)."));
    assert_has(&errors, ONE_NL, 63, "links are not allowed");
    let errors = errors_after(ONE_NL, replace("Slot.", "Zie <https://113.nl>."));
    assert_has(&errors, ONE_NL, 63, "links are not allowed");
    let errors = errors_after(
        ONE_NL,
        replace("Voor kleine kinderen.", "Voor [kleine](x) kinderen."),
    );
    assert_has(&errors, ONE_NL, 48, "links are not allowed");
    let errors = errors_after(
        ONE_NL,
        replace(
            "intro = \"Doe dit.\"",
            "intro = \"\"\"\nDoe\n[dit](x).\"\"\"",
        ),
    );
    assert_has(&errors, ONE_NL, 11, "links are not allowed");
}

#[test]
fn raw_html_is_escaped_when_rendered() {
    let html = markdown::to_html(
        "Hoi <script>alert(1)</script> [a](https://x) ![b](y.png)\n\n<div>\nx\n</div>\n",
    );
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<div>"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(!html.contains("href") && !html.contains("<img"), "{html}");
}

#[test]
fn pages_need_text_and_a_heading() {
    let errors = errors_after(
        ONE_NL,
        replace("# Pagina drie\n\nSlot.\n", "# Pagina drie\n\n"),
    );
    assert_has(&errors, ONE_NL, 61, "this page has no text");
    let errors = errors_after(
        ONE_NL,
        replace("+++\n\n# Pagina een", "+++\nInleiding.\n# Pagina een"),
    );
    assert_has(&errors, ONE_NL, 42, "text before the first page heading");
    let errors = errors_after(ONE_NL, replace("Slot.", "Slot\n===="));
    assert_has(&errors, ONE_NL, 63, "level-1 heading");
    let errors = errors_after(ONE_NL, replace("Alleen voor tieners.\n", ""));
    assert_has(&errors, ONE_NL, 57, "this age block is empty");
}

#[test]
fn translations_have_the_same_pages_blocks_and_questions() {
    let errors = errors_after(ONE_EN, replace("# Pagina drie\n\nSlot.\n", ""));
    assert_has(
        &errors,
        ONE_EN,
        42,
        "2 pages, but the Dutch file content/modules/one.nl.md has 3",
    );
    let errors = errors_after(ONE_EN, replace("::: age 12-18", "::: age 8-12"));
    assert_has(
        &errors,
        ONE_EN,
        55,
        "page 2 has blocks [age 8-12], but in the Dutch file (line 55) [age 12-18]",
    );
    let errors = errors_after(
        ONE_EN,
        replace(
            "type = \"text\"",
            "type = \"scale\"\nmin = 1\nmax = 5\nmin_label = \"a\"\nmax_label = \"b\"",
        ),
    );
    assert_has(
        &errors,
        ONE_EN,
        12,
        "question is one.do.text (scale 1-5, required)",
    );
    let errors = errors_after(
        ONE_EN,
        replace(
            "{ id = \"b\", label = \"B\" }",
            "{ id = \"c\", label = \"B\" }",
        ),
    );
    assert_has(&errors, ONE_EN, 17, "options a, c");
    let errors = errors_after(ONE_EN, replace("required = false", "required = true"));
    assert_has(&errors, ONE_EN, 24, "required");
    let errors = errors_after(ONE_EN, |t| {
        let start = t.find("[[home_assignment.questions]]").expect("q");
        let end = t.find("+++\n\n#").expect("end");
        format!("{}[[home_assignment.questions]]\nid = \"one.home.other\"\ntype = \"text\"\nlabel = \"x\"\n{}", &t[..start], &t[end..])
    });
    assert_has(&errors, ONE_EN, 38, "question is one.home.other");
}

#[test]
fn all_errors_are_collected_not_just_the_first() {
    let errors = errors_after(ONE_NL, |t| {
        t.replace("Slot.", "[a](b) <i>x</i>")
            .replace("min = 1\n", "min = 11\n")
    });
    assert!(errors.len() >= 3, "{errors:?}");
    assert!(errors
        .windows(2)
        .all(|w| (&w[0].file, w[0].line) <= (&w[1].file, w[1].line)));
}

#[test]
fn bundled_content_is_valid() {
    match Programme::bundled() {
        Ok(p) => {
            let ids: Vec<&str> = p.modules.iter().map(|m| m.id.as_str()).collect();
            assert_eq!(
                ids,
                [
                    "good-enough",
                    "talking",
                    "development",
                    "limits",
                    "network",
                    "return"
                ]
            );
            let optional: Vec<bool> = p.modules.iter().map(|m| m.optional).collect();
            assert_eq!(optional, [false, false, false, false, false, true]);
            let after: Vec<u16> = p.contact_points.iter().map(|c| c.after_module).collect();
            assert_eq!(after, [0, 3, 5]);
        }
        Err(errors) => {
            for e in &errors.0 {
                eprintln!("{e}");
            }
            panic!("{errors}");
        }
    }
}

/// A page of a bundled module by its Dutch title.
fn bundled_page(module: &str, title: &str) -> Page {
    let p = Programme::bundled().expect("bundled content");
    let module = p
        .modules
        .iter()
        .find(|m| m.id.as_str() == module)
        .expect("module");
    module
        .texts
        .nl
        .pages
        .iter()
        .find(|page| page.title == title)
        .expect("page")
        .clone()
}

#[test]
fn babies_have_text_of_their_own_and_4_to_12_is_split_where_it_differs() {
    let page = bundled_page("development", "Wat past bij de leeftijd van je kind");
    let baby = page.html_for(&[AgeBand::Baby], Role::Parent).expect("page");
    assert!(baby.contains("Schud nooit een baby"), "{baby}");
    assert!(baby.contains("op de rug"));
    assert!(
        !baby.contains("lopen, praten"),
        "no toddler text for a baby"
    );
    let toddler = page
        .html_for(&[AgeBand::Toddler], Role::Parent)
        .expect("page");
    assert!(toddler.contains("lopen, praten") && !toddler.contains("Schud nooit"));

    let page = bundled_page("talking", "Vragen die kinderen stellen");
    let four = page
        .html_for(&[AgeBand::YoungChild], Role::Parent)
        .expect("page");
    let eleven = page
        .html_for(&[AgeBand::OlderChild], Role::Parent)
        .expect("page");
    assert!(four.contains("Ga je weg?") && !four.contains("Krijg ik het ook?"));
    assert!(eleven.contains("Krijg ik het ook?") && !eleven.contains("Ga je weg?"));
}

#[test]
fn the_partner_reads_a_version_of_their_own_and_a_page_only_for_them() {
    let page = bundled_page("good-enough", "Als het niet goed gaat");
    let partner = page
        .html_for(&[AgeBand::YoungChild], Role::Partner)
        .expect("page");
    let parent = page
        .html_for(&[AgeBand::YoungChild], Role::Parent)
        .expect("page");
    assert!(partner.contains("Je partner heeft psychische problemen"));
    assert!(!partner.contains("Je bent snel moe"));
    assert!(parent.contains("Je bent snel moe") && !parent.contains("Je partner heeft"));
    let only = bundled_page("good-enough", "Voor de partner");
    assert!(only
        .html_for(&[AgeBand::YoungChild], Role::Parent)
        .is_none());
    let text = only
        .html_for(&[AgeBand::YoungChild], Role::Partner)
        .expect("the partner's page");
    for part in [
        "Je partner steunen",
        "De stabiele ouder zijn",
        "Ook voor jezelf zorgen",
    ] {
        assert!(text.contains(part), "{part}");
    }
}

/// The fixture with the partner's own words on the module, the do-task and each kind of
/// question, in both languages.
pub(crate) fn partner_files() -> Vec<(String, String)> {
    let mut files = fixture_files(&["one"]);
    for (path, text) in &mut files {
        if path.contains("one.") {
            *text = partner_words(text);
        }
    }
    files
}

fn partner_words(text: &str) -> String {
    text.replace(
        "summary = \"Samenvatting.\"\n",
        "summary = \"Samenvatting.\"\npartner = { summary = \"Samenvatting voor de partner.\" }\n",
    )
    .replace(
        "intro = \"Doe dit.\"\n",
        "intro = \"Doe dit.\"\npartner = { intro = \"Doe dit als partner.\" }\n",
    )
    .replace(
        "label = \"Wat?\"\n",
        "label = \"Wat?\"\npartner = { label = \"Wat, als partner?\", help = \"Over je partner.\" }\n",
    )
    .replace(
        "{ id = \"b\", label = \"B\" } ]\n",
        "{ id = \"b\", label = \"B\" } ]\npartner = { options = [ { id = \"b\", label = \"B van de partner\" } ] }\n",
    )
    .replace(
        "min_label = \"laag\"\n",
        "min_label = \"laag\"\npartner = { min_label = \"heel laag\" }\n",
    )
}

#[test]
fn the_partner_reads_their_own_words_in_the_front_matter() {
    let p = parse_files(&partner_files()).expect("partner words parse");
    let module = &p.modules[0];
    let parent = module.text_for(Language::Nl, Role::Parent);
    let partner = module.text_for(Language::Nl, Role::Partner);
    assert_eq!(parent, module.text(Language::Nl), "the text as written");
    assert_eq!(
        (parent.summary.as_str(), partner.summary.as_str()),
        ("Samenvatting.", "Samenvatting voor de partner.")
    );
    assert_eq!(partner.title, parent.title, "a word not given stays");
    assert_eq!(partner.do_task.intro_html, "<p>Doe dit als partner.</p>\n");
    assert_eq!(parent.do_task.intro_html, "<p>Doe dit.</p>\n");
    let (q, own) = (&parent.do_task.questions, &partner.do_task.questions);
    assert_eq!((q[0].label.as_str(), q[0].help.as_deref()), ("Wat?", None));
    assert_eq!(
        (own[0].label.as_str(), own[0].help.as_deref()),
        ("Wat, als partner?", Some("Over je partner."))
    );
    let labels = |q: &Question| match &q.input {
        QuestionInput::Choice { options, .. } => options
            .iter()
            .map(|o| format!("{}={}", o.id, o.label))
            .collect::<Vec<_>>(),
        QuestionInput::Scale {
            min_label,
            max_label,
            ..
        } => vec![min_label.clone(), max_label.clone()],
        QuestionInput::Text { .. } => Vec::new(),
    };
    assert_eq!(labels(&q[1]), ["a=A", "b=B"]);
    assert_eq!(labels(&own[1]), ["a=A", "b=B van de partner"]);
    assert_eq!(labels(&own[2]), ["heel laag", "hoog"]);
    // Only words differ: ids, kinds, options and conditions are the parent's.
    for (a, b) in q.iter().zip(own) {
        assert_eq!(
            (&a.id, a.input.kind(), a.required),
            (&b.id, b.input.kind(), b.required)
        );
    }
    assert_eq!(
        partner.home_assignment, parent.home_assignment,
        "no partner words there"
    );
}

#[test]
fn the_partners_words_are_checked_and_the_same_in_every_language() {
    let edited = |file: &str, edit: &dyn Fn(&str) -> String| {
        let mut files = partner_files();
        let entry = files
            .iter_mut()
            .find(|(p, _)| p == file)
            .expect("file in fixture");
        entry.1 = edit(&entry.1);
        parse_files(&files).expect_err("errors expected").0
    };
    // English lacks the partner's words for the first question (the Dutch has them at line 17).
    let errors = edited(ONE_EN, &|t| {
        t.replace(
            "partner = { label = \"Wat, als partner?\", help = \"Over je partner.\" }\n",
            "",
        )
    });
    assert_has(
        &errors,
        ONE_EN,
        14,
        "the Dutch file gives the partner their own one.do.text label (line 17)",
    );
    // English gives an intro the Dutch file does not have.
    let errors = edited(ONE_EN, &|t| {
        t.replace(
            "title = \"Thuis\"\n",
            "title = \"Thuis\"\npartner = { intro = \"Thuis, partner.\" }\n",
        )
    });
    assert_has(
        &errors,
        ONE_EN,
        40,
        "the partner's home_assignment intro is not in the Dutch file",
    );
    let errors = edited(ONE_NL, &|t| {
        t.replace(
            "{ id = \"b\", label = \"B van",
            "{ id = \"c\", label = \"B van",
        )
    });
    assert_has(
        &errors,
        ONE_NL,
        25,
        "the partner's option \"c\" is not an option of one.do.choice",
    );
    let errors = edited(ONE_NL, &|t| {
        t.replace("help = \"Over je partner.\"", "min_label = \"x\"")
    });
    assert_has(&errors, ONE_NL, 17, "only for scale questions");
    let errors = edited(ONE_NL, &|t| {
        t.replace("partner = { min_label = \"heel laag\" }", "partner = {}")
    });
    assert_has(&errors, ONE_NL, 33, "partner names no words");
    let errors = edited(ONE_NL, &|t| {
        t.replace(
            "partner = { summary = \"Samenvatting voor de partner.\" }",
            "partner = { summary = \" \" }",
        )
    });
    assert_has(&errors, ONE_NL, 5, "the partner's summary is empty");
    let errors = edited(ONE_NL, &|t| {
        t.replace("partner = { summary", "partner = { age")
    });
    assert_has(&errors, ONE_NL, 5, "unknown field `age`");
}
