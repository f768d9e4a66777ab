//! Fills a data directory with a parent halfway through the programme: onboarded, the first
//! two modules read and their do-tasks and home assignments done, half of the third module's
//! pages read, and a reflection every evening of the past year. The key goes into the real
//! keychain under the app's own service name, as the app would make it, so the app opens the
//! directory like any other (`HOUVAST_DATA_DIR`).
//!
//! `make bench` measures the app's start-up with this parent (bench/startup.py):
//!
//!     cargo run -p houvast-session --example seed_parent -- /path/to/data-dir

use chrono::Duration;
use houvast_core::reflection::ReflectionAnswers;
use houvast_core::{
    AnswerValue, Language, ModuleId, ProfileInput, Programme, QuestionInput, TaskKind,
};
use houvast_session::{system_clock, Session};
use houvast_store::{Keychain, Store};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: seed_parent DATA_DIR");
        return ExitCode::from(2);
    };
    match seed(&dir) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("seed_parent: {e}");
            ExitCode::FAILURE
        }
    }
}

fn seed(dir: &std::path::Path) -> Result<String, Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    let programme = Programme::bundled()?;
    let keychain = Keychain::for_data_dir(dir)?;
    let store = Store::open_in(dir, &keychain)?;
    let clock = system_clock();
    let session = Session::new(&programme, &store, clock);
    if session.status()?.profile.is_none() {
        session.onboard(ProfileInput {
            language: Language::Nl,
            pseudonym: "Sam".into(),
            children_ages: vec![4, 9],
            role: Default::default(),
        })?;
    }
    let text = "Vandaag ging het goed met voorlezen en daarna samen opruimen. ".repeat(4);
    let mut answers = 0;
    for (n, module) in programme.modules.iter().take(3).enumerate() {
        let view = session.open_module(&module.id)?;
        let pages = if n < 2 {
            view.pages.len()
        } else {
            view.pages.len() / 2
        };
        for page in view.pages.iter().take(pages) {
            session.mark_page_read(&module.id, page.index)?;
        }
        if n == 2 {
            break;
        }
        for task in [TaskKind::DoTask, TaskKind::HomeAssignment] {
            answers += answer_all(&session, &module.id, task, &text)?;
            session.complete_task(&module.id, task)?;
        }
    }
    let evening = "We hebben gelachen om de kat die in de wasmand sprong. ".repeat(3);
    let today = session.reflection_today();
    for day in 1..=365 {
        store.save_reflection(
            today - Duration::days(day),
            &ReflectionAnswers {
                went_well: evening.clone(),
                noticed_in_myself: evening.clone(),
                noticed_in_child: evening.clone(),
            },
            clock.now - Duration::days(day),
        )?;
    }
    Ok(format!(
        "seeded {}: 2 modules done ({answers} answers), module 3 half read, 365 reflections",
        dir.display()
    ))
}

/// Answers every question of a module's task with text, a first option or a scale's low end.
fn answer_all(
    session: &Session<'_>,
    module: &ModuleId,
    task: TaskKind,
    text: &str,
) -> Result<usize, Box<dyn std::error::Error>> {
    let view = session.open_module(module)?;
    let questions = match task {
        TaskKind::DoTask => &view.do_task.task.questions,
        TaskKind::HomeAssignment => &view.home_assignment.task.questions,
    };
    for q in questions {
        let value = match &q.input {
            QuestionInput::Text { .. } => AnswerValue::Text { text: text.into() },
            QuestionInput::Choice { options, .. } => AnswerValue::Choice {
                selected: vec![options[0].id.clone()],
            },
            QuestionInput::Scale { min, .. } => AnswerValue::Scale { value: *min },
        };
        session.save_answer(module, task, &q.id, &value)?;
    }
    Ok(questions.len())
}
