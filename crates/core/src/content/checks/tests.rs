//! The checks on small fixtures (each finding with its file and line), then on the bundled
//! content, and the report the closing note of a content change quotes.

use super::*;
use crate::content::tests::parse_files;
use crate::content::BUNDLED;

const LISTED: &str = include_str!("../../../../../content/question-ids.txt");

/// One-word sentences that make the fixture's first page long enough for a sitting of 31
/// minutes (3,200 words at 120 a minute, plus the do-task's 4), on one line so the lines of
/// the fixture stay the same.
fn padding(times: usize) -> String {
    "Kort. ".repeat(3200 * times)
}

/// The fixture with English text in its English files (it is Dutch in both), a first page long
/// enough for a sitting, and the minutes it takes.
fn fixture_files(ids: &[&str]) -> Vec<(String, String)> {
    let mut files = crate::content::tests::fixture_files(ids);
    for (path, text) in &mut files {
        *text = text
            .replace("minutes = 30", "minutes = 31")
            .replace("minutes = 10", "minutes = 4")
            .replace(
                "Tekst voor **iedereen**.",
                &format!("Tekst voor **iedereen**. {}", padding(1)),
            );
        if path.ends_with(".en.md") {
            for (nl, en) in [
                ("# Pagina een", "# Page one"),
                ("# Pagina twee", "# Page two"),
                ("# Pagina drie", "# Page three"),
                ("Tekst voor **iedereen**.", "Text for **all**."),
                ("Voor kleine kinderen.", "For small children."),
                ("Voor grotere kinderen.", "For older children."),
                ("Alleen voor tieners.", "Only for teens."),
                ("Slot.", "The end."),
            ] {
                *text = text.replace(nl, en);
            }
        }
    }
    files
}

fn as_refs(files: &[(String, String)]) -> Vec<(&str, &str)> {
    files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect()
}

/// The fixture's question ids, as the checked-in list would hold them.
fn fixture_ids(ids: &[&str]) -> String {
    ids.iter()
        .flat_map(|m| {
            ["do.text", "do.choice", "do.scale", "home.how"].map(|q| format!("{m}.{q}\n"))
        })
        .collect()
}

#[test]
fn readability_counts_words_sentences_and_long_words() {
    let r = Readability::of_html(
        "<p>Je hoeft het niet perfect te doen. Praat met je preventiewerker!</p>\n<ul>\n<li>een lijstje</li>\n</ul>",
        Language::Nl,
    );
    assert_eq!((r.words, r.sentences, r.long_words), (13, 3, 1));
    assert!((r.sentence_words() - 13.0 / 3.0).abs() < 1e-9);

    let en = Readability::of_text("Everything you write stays on this device.", Language::En);
    assert_eq!(
        (en.words, en.sentences, en.long_words),
        (7, 1, 1),
        "only 'everything' is long"
    );
}

#[test]
fn english_syllables_are_counted_by_vowel_groups() {
    for (word, n) in [
        ("child", 1),
        ("make", 1),
        ("little", 2),
        ("talked", 1),
        ("wanted", 2),
        ("parenting", 3),
        ("family", 3),
        ("professionals", 4),
    ] {
        assert_eq!(syllables(word), n, "{word}");
    }
}

#[test]
fn a_removed_or_renamed_question_id_fails_and_says_a_migration_is_needed() {
    let files = fixture_files(&["one"]);
    let programme = parse_files(&files).expect("fixture parses");
    let listed = format!("# ids\n{}one.do.old\n", fixture_ids(&["one"]));
    let errors = check(&programme, &as_refs(&files), &listed);
    let found = errors
        .iter()
        .find(|e| e.message.contains("one.do.old"))
        .expect("the removed id is reported");
    assert_eq!((found.file.as_str(), found.line), (QUESTION_IDS_FILE, 6));
    assert!(found.message.contains("store migration"), "{found}");
}

#[test]
fn a_new_question_id_must_be_added_to_the_list() {
    let files = fixture_files(&["one"]);
    let programme = parse_files(&files).expect("fixture parses");
    let listed = fixture_ids(&["one"]).replace("one.do.choice\n", "");
    let errors = check(&programme, &as_refs(&files), &listed);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].file, "content/modules/one.nl.md");
    assert_eq!(errors[0].line, 17, "the line of id = \"one.do.choice\"");
    assert!(errors[0]
        .message
        .contains("add it to content/question-ids.txt"));
}

#[test]
fn a_module_outside_its_minutes_is_reported_at_its_line_in_programme_toml() {
    let mut files = fixture_files(&["one", "two"]);
    for (path, text) in &mut files {
        if path.ends_with("two.nl.md") {
            *text = text.replace("Kort. ", "Kort. Kort. ");
        }
    }
    let programme = parse_files(&files).expect("fixture parses");
    let errors = check(&programme, &as_refs(&files), &fixture_ids(&["one", "two"]));
    let estimate = errors
        .iter()
        .find(|e| e.message.contains("takes an estimated"))
        .expect("the long module is reported");
    assert!(estimate.file.ends_with("programme.toml"));
    assert_eq!(estimate.line, 8, "the line of two's id");
    assert!(estimate.message.contains("module two (nl)"), "{estimate}");
    assert!(
        estimate.message.contains("120 words a minute"),
        "{estimate}"
    );
    assert!(
        estimate.message.contains("takes an estimated 58 minutes"),
        "the home assignment is not counted: {estimate}"
    );
}

#[test]
fn a_do_task_that_declares_other_minutes_than_it_takes_is_reported() {
    let mut files = fixture_files(&["one"]);
    for (path, text) in &mut files {
        if path.ends_with("one.en.md") {
            *text = text.replacen("minutes = 4", "minutes = 10", 1);
        }
    }
    let programme = parse_files(&files).expect("fixture parses");
    let errors = check(&programme, &as_refs(&files), &fixture_ids(&["one"]));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        (errors[0].file.as_str(), errors[0].line),
        ("content/modules/one.en.md", 6),
        "the line of [do_task]"
    );
    assert!(
        errors[0].message.contains("minutes = 10")
            && errors[0].message.contains("takes an estimated 4"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_page_of_long_sentences_or_long_words_is_reported_at_its_heading() {
    let mut files = fixture_files(&["one"]);
    let long = "Dit is een lange zin met heel veel woorden die maar doorgaat en doorgaat, \
                zonder dat er ooit een punt komt, want de schrijver wil alles in een keer zeggen.";
    let words = "Ervaringsdeskundigheid en verantwoordelijkheidsgevoel.";
    for (path, text) in &mut files {
        if path.ends_with("one.nl.md") {
            *text = text
                .replace("Slot.", long)
                .replace("Alleen voor tieners.", words);
        }
    }
    let programme = parse_files(&files).expect("fixture parses");
    let errors = check(&programme, &as_refs(&files), &fixture_ids(&["one"]));
    let page = |needle: &str| {
        errors
            .iter()
            .find(|e| e.message.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in {errors:?}"))
    };
    let sentences = page("words a sentence");
    assert_eq!(
        (sentences.file.as_str(), sentences.line),
        ("content/modules/one.nl.md", 61)
    );
    let long_words = page("long words");
    assert_eq!(long_words.line, 55);
    assert!(long_words.message.contains("Pagina twee"), "{long_words}");
}

#[test]
fn the_fixture_passes_every_check() {
    let files = fixture_files(&["one", "two"]);
    let programme = parse_files(&files).expect("fixture parses");
    let errors = check(&programme, &as_refs(&files), &fixture_ids(&["one", "two"]));
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn bundled_content_passes_the_checks() {
    let programme = Programme::bundled().expect("bundled content parses");
    let errors = check(&programme, BUNDLED, LISTED);
    for e in &errors {
        eprintln!("{e}");
    }
    assert!(
        errors.is_empty(),
        "{} content check findings (above)",
        errors.len()
    );
}

/// `cargo test -p houvast-core content_report -- --nocapture` prints the figures.
#[test]
fn content_report() {
    let programme = Programme::bundled().expect("bundled content parses");
    let report = report(&programme);
    println!("{report}");
    assert_eq!(
        report.lines().filter(|l| l.contains(" nl ")).count(),
        programme.modules.len()
    );
}

/// The fixture's module `one` with a "not yet" option in its do-task's choice question, and
/// `scale` (the question after it) required; `scale_extra` is added to the scale question.
fn not_yet_fixture(scale_extra: &str) -> Vec<(String, String)> {
    let mut files = fixture_files(&["one"]);
    for (path, text) in &mut files {
        if path.contains("one.") {
            *text = text
                .replace(
                    r#"{ id = "b", label = "B" }"#,
                    r#"{ id = "not-yet", label = "Nog niet" }"#,
                )
                .replace(
                    "label = \"Hoe?\"\nrequired = false\n",
                    &format!("label = \"Hoe?\"\n{scale_extra}"),
                );
        }
    }
    files
}

#[test]
fn a_required_question_after_a_not_yet_option_without_a_way_out_fails() {
    let files = not_yet_fixture("");
    let programme = parse_files(&files).expect("fixture parses");
    let errors = check(&programme, &as_refs(&files), &fixture_ids(&["one"]));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        (errors[0].file.as_str(), errors[0].line),
        ("content/modules/one.nl.md", 24),
        "the line of id = \"one.do.scale\""
    );
    assert!(
        errors[0]
            .message
            .contains("one.do.scale is still required after one.do.choice = \"Nog niet\""),
        "{}",
        errors[0]
    );
}

#[test]
fn hidden_when_required_when_or_also_after_not_yet_is_a_way_out() {
    for extra in [
        "hidden_when = { question = \"one.do.choice\", any_of = [\"not-yet\"] }\n",
        "required_when = { question = \"one.do.choice\", any_of = [\"a\"] }\n",
        "also_after_not_yet = true\n",
    ] {
        let files = not_yet_fixture(extra);
        let programme = parse_files(&files).expect("fixture parses");
        let errors = check(&programme, &as_refs(&files), &fixture_ids(&["one"]));
        assert!(errors.is_empty(), "{extra}: {errors:?}");
    }
}

#[test]
fn also_after_not_yet_without_a_not_yet_option_before_it_is_reported() {
    let mut files = fixture_files(&["one"]);
    for (path, text) in &mut files {
        if path.contains("one.") {
            *text = text.replace(
                "label = \"Hoe?\"\nrequired = false\n",
                "label = \"Hoe?\"\nalso_after_not_yet = true\n",
            );
        }
    }
    let programme = parse_files(&files).expect("fixture parses");
    let errors = check(&programme, &as_refs(&files), &fixture_ids(&["one"]));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains("remove the mark"),
        "{}",
        errors[0]
    );
}

/// Passages that hurt or confused a tired parent (issue 13) were rewritten; they stay out.
#[test]
fn the_passages_that_hurt_or_confuse_stay_out() {
    let banned = [
        "Niemand leest mee.\n\nLet op: niemand kijkt",
        "kijkt dag en nacht",
        "watches along",
        "in je hoofd of in je gevoel",
        "ziek in je hoofd",
        "Ook niet in leuke dingen met jou",
        "Not even fun things with you",
        "schrikken daarvan",
        "dat het gewild is",
        "feel wanted",
        "having a drink together",
        "samen iets drinken",
        "Put a toy that is being thrown",
        "30 tot 45 minuten",
        "30 to 45 minutes",
    ];
    for (path, text) in BUNDLED {
        for phrase in banned {
            assert!(!text.contains(phrase), "{path} still says {phrase:?}");
        }
    }
}

#[test]
fn a_module_under_30_minutes_is_reported_with_its_figures() {
    let mut files = fixture_files(&["one", "two"]);
    for (path, text) in &mut files {
        if path.contains("two.") {
            // Half the padding: about 17 minutes of reading and the do-task's 4.
            *text = text.replacen(&"Kort. ".repeat(1600), "", 1);
        }
    }
    let programme = parse_files(&files).expect("fixture parses");
    let errors = check(&programme, &as_refs(&files), &fixture_ids(&["one", "two"]));
    let short: Vec<&ContentError> = errors
        .iter()
        .filter(|e| e.message.contains("takes an estimated 18 minutes"))
        .collect();
    assert_eq!(short.len(), 2, "nl and en: {errors:#?}");
    for e in short {
        assert_eq!((e.file.as_str(), e.line), ("content/programme.toml", 8));
        assert!(
            e.message.contains("(13.5 + 0.1) + answering 4.0")
                && e.message.contains("30 to 45 minutes"),
            "{e}"
        );
    }
}

/// The fixture's module `one` with `edit` applied to both languages.
fn edited_one(edit: impl Fn(&str) -> String) -> Vec<ContentError> {
    let mut files = fixture_files(&["one"]);
    for (path, text) in &mut files {
        if path.contains("one.") {
            *text = edit(text);
        }
    }
    let programme = parse_files(&files).expect("fixture parses");
    check(&programme, &as_refs(&files), &fixture_ids(&["one"]))
}

#[test]
fn words_for_the_ill_parent_that_a_partner_would_read_are_reported() {
    // On a page, for everyone: reported at the page's heading (the English fixture says
    // "The end." there, so only the Dutch file has the words).
    let errors = edited_one(|t| t.replace("Slot.", "Praat over je ziekte."));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        (errors[0].file.as_str(), errors[0].line),
        ("content/modules/one.nl.md", 61),
        "the line of # Pagina drie"
    );
    assert!(
        errors[0]
            .message
            .contains("the partner reads \"je ziekte\""),
        "{}",
        errors[0]
    );
    // In a question label: reported at the question, per language by that language's list.
    let errors = edited_one(|t| {
        t.replace(
            "label = \"Wat?\"",
            "label = \"Wat zeg je over jouw verslaving?\"",
        )
        .replace("\"Hoe?\"", "\"What about your addiction?\"")
    });
    let at: Vec<(&str, usize)> = errors.iter().map(|e| (e.file.as_str(), e.line)).collect();
    assert_eq!(
        at,
        [
            ("content/modules/one.en.md", 24),
            ("content/modules/one.nl.md", 12)
        ],
        "the lines of one.do.scale and one.do.text: {errors:?}"
    );

    // Only for the parent, or with the partner's own words: nothing to report.
    // (The padding "Kort. " is in both languages; a role block must be in both.)
    for edit in [
        ("Kort. ", "Kort.\n\n::: role parent\nPraat over je ziekte.\n:::\n\n"),
        (
            "label = \"Wat?\"",
            "label = \"Wat zeg je over jouw verslaving?\"\npartner = { label = \"Wat zeg je over de verslaving van je partner?\" }",
        ),
        // Whole words only: "met jou aan de handen" is not "met jou aan de hand".
        ("Kort. ", "Kort. Wat ging er met jou aan de handen mis? "),
    ] {
        let errors = edited_one(|t| t.replacen(edit.0, edit.1, 1));
        assert!(errors.is_empty(), "{edit:?}: {errors:?}");
    }
}
