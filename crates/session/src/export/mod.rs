//! Export: everything the parent wrote, to take with them. One [`ExportDocument`] is gathered
//! from the store (profile, answers with their questions, plans, every reflection, the
//! check-ins as sent and the worker's replies) and written as a page to read and print (HTML)
//! or as JSON for another program (`docs/export.schema.json`). The file goes only where the
//! parent chose; it is not encrypted, and the app says so.

mod document;
mod html;
mod words;

pub use document::*;

use crate::{Result, Session, SessionError};
use chrono::NaiveDate;
use houvast_core::content::{Question, QuestionInput};
use houvast_core::{AnswerValue, Answers, PlanState, Profile, TaskKind};
use houvast_protocol::{CheckIn, ContactPoint};
use houvast_store::SentCheckIn;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;
use ts_rs::TS;

/// How the parent wants their data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// A page to read and print.
    Html,
    /// For a computer or another app.
    Json,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Html => "html",
            ExportFormat::Json => "json",
        }
    }
}

/// Where the export went, for the app to say so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportSaved {
    /// The whole path of the file, as the system shows it.
    pub path: String,
    pub format: ExportFormat,
    /// The file's size; far below 2^53, so a plain number in TypeScript.
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What the system's save dialog offers, in the parent's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveDialog {
    pub title: String,
    pub file_name: String,
    pub filter_name: String,
    pub extension: &'static str,
}

impl Session<'_> {
    /// Everything the parent wrote, as one document in their language.
    pub fn export_document(&self) -> Result<ExportDocument> {
        let profile = self.onboarded()?;
        let today = self.clock.today();
        Ok(ExportDocument {
            format: FormatName::HouvastExport,
            version: EXPORT_VERSION,
            created_at: self.clock.now,
            time_zone: self.clock.tz.name().to_owned(),
            language: profile.language.into(),
            profile: ExportProfile {
                pseudonym: profile.pseudonym.as_str().to_owned(),
                role: profile.role.into(),
                children_ages: profile.children.iter().map(|c| c.age_on(today)).collect(),
            },
            modules: self.export_modules(&profile)?,
            plans: self.export_plans()?,
            reflections: self.export_reflections()?,
            check_ins: self.export_check_ins(&profile)?,
        })
    }

    /// The export as the text of a file.
    pub fn export(&self, format: ExportFormat) -> Result<String> {
        let document = self.export_document()?;
        Ok(match format {
            ExportFormat::Html => {
                let language = self.onboarded()?.language;
                html::render(&document, words::words(language), self.clock.tz)
            }
            ExportFormat::Json => {
                let mut json = serde_json::to_string_pretty(&document).map_err(|e| {
                    SessionError::ExportFailed {
                        cause: e.to_string(),
                    }
                })?;
                json.push('\n');
                json
            }
        })
    }

    /// The title, suggested file name and file type for the save dialog.
    pub fn export_dialog(&self, format: ExportFormat) -> Result<SaveDialog> {
        let w = words::words(self.onboarded()?.language);
        Ok(SaveDialog {
            title: w.dialog_title.to_owned(),
            file_name: format!(
                "houvast-{}.{}",
                self.clock.today().format("%Y-%m-%d"),
                format.extension()
            ),
            filter_name: match format {
                ExportFormat::Html => w.html_filter,
                ExportFormat::Json => w.json_filter,
            }
            .to_owned(),
            extension: format.extension(),
        })
    }

    /// Writes the export to `path`, which the parent chose. Nothing else is written: the
    /// text goes to a temporary file in the same folder that replaces `path` in one step, so a
    /// failure leaves whatever was at `path` before, and no half-written file.
    pub fn export_to(&self, path: &Path, format: ExportFormat) -> Result<ExportSaved> {
        let text = self.export(format)?;
        let failed = |cause: std::io::Error| SessionError::ExportFailed {
            cause: format!("{}: {cause}", path.display()),
        };
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        if path.is_dir() {
            return Err(failed(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "this is a folder, not a file",
            )));
        }
        let mut file = tempfile::Builder::new()
            .prefix(".houvast-export-")
            .suffix(".part")
            .tempfile_in(dir)
            .map_err(failed)?;
        file.write_all(text.as_bytes()).map_err(failed)?;
        file.as_file().sync_all().map_err(failed)?;
        file.persist(path).map_err(|e| failed(e.error))?;
        Ok(ExportSaved {
            path: path.display().to_string(),
            format,
            bytes: text.len() as u64,
        })
    }

    fn export_modules(&self, profile: &Profile) -> Result<Vec<ExportModule>> {
        let progress = self.store.all_progress()?;
        let mut out = Vec::new();
        for module in &self.programme.modules {
            let text = module.text(profile.language);
            let done = progress.iter().find(|p| p.module_id == module.id);
            let mut tasks = Vec::new();
            for kind in [TaskKind::DoTask, TaskKind::HomeAssignment] {
                let task = text.task(kind);
                let done_at = done.and_then(|p| match kind {
                    TaskKind::DoTask => p.do_task_done_at,
                    TaskKind::HomeAssignment => p.home_assignment_done_at,
                });
                let answers =
                    export_answers(&task.questions, self.store.answers(&module.id, kind)?);
                if !answers.is_empty() || done_at.is_some() {
                    tasks.push(ExportTask {
                        kind: kind.into(),
                        title: task.title.clone(),
                        done_at,
                        answers,
                    });
                }
            }
            let started_at = done.and_then(|p| p.started_at);
            if tasks.is_empty() && started_at.is_none() {
                continue;
            }
            out.push(ExportModule {
                id: module.id.as_str().to_owned(),
                number: module.number,
                title: text.title.clone(),
                optional: module.optional,
                started_at,
                completed_at: done.and_then(|p| p.completed_at),
                tasks,
            });
        }
        Ok(out)
    }

    fn export_plans(&self) -> Result<Vec<ExportPlan>> {
        Ok(self
            .my_plans()?
            .into_iter()
            .filter(|plan| plan.state == PlanState::Made)
            .map(|plan| ExportPlan {
                id: plan.id.as_str().to_owned(),
                kind: plan.kind.into(),
                title: plan.title,
                module_id: plan.module_id.as_str().to_owned(),
                parts: plan
                    .parts
                    .into_iter()
                    .filter(|part| !part.lines.is_empty())
                    .map(|part| ExportPlanPart {
                        role: part.role.into(),
                        heading: part.heading,
                        lines: part.lines,
                    })
                    .collect(),
            })
            .collect())
    }

    fn export_reflections(&self) -> Result<Vec<ExportReflection>> {
        // Every day ever written: dates are kept as `YYYY-MM-DD`, so these bounds hold them all.
        let (from, to) = (
            NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(NaiveDate::MIN),
            NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX),
        );
        let mut out = Vec::new();
        for date in self.store.reflection_dates(from, to)? {
            if let Some(entry) = self.store.reflection(date)? {
                out.push(ExportReflection {
                    date,
                    went_well: entry.answers.went_well,
                    noticed_in_myself: entry.answers.noticed_in_myself,
                    noticed_in_child: entry.answers.noticed_in_child,
                    updated_at: entry.updated_at,
                });
            }
        }
        Ok(out)
    }

    fn export_check_ins(&self, profile: &Profile) -> Result<Vec<ExportContact>> {
        let replies = self.store.replies()?;
        let mut out = Vec::new();
        for cp in ContactPoint::all() {
            let sent: Option<SentCheckIn<CheckIn>> = self.store.sent_checkin(cp)?;
            let replies: Vec<ExportReply> = replies
                .iter()
                .filter(|r| r.contact_point == cp)
                .map(|r| ExportReply {
                    sent_at: r.sent_at,
                    received_at: r.received_at,
                    proposed_time: r.reply.proposed_time,
                    way_of_contact: r.reply.way_of_contact.into(),
                    message: r.reply.message.clone(),
                })
                .collect();
            if sent.is_none() && replies.is_empty() {
                continue;
            }
            let title = self
                .programme
                .contact_points
                .iter()
                .find(|p| p.number == cp.number())
                .map(|p| p.title.get(profile.language).clone())
                .unwrap_or_default();
            out.push(ExportContact {
                contact_point: cp.number(),
                title,
                sent: sent.map(|s| export_check_in(s.checkin, s.sent_at)),
                replies,
            });
        }
        Ok(out)
    }
}

/// The answered questions in the order they are asked, each with its text; an answer whose
/// question is no longer in the programme is kept too, under its id.
fn export_answers(questions: &[Question], mut answers: Answers) -> Vec<ExportAnswer> {
    let mut out = Vec::new();
    for question in questions {
        let Some(value) = answers.remove(&question.id) else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        out.push(ExportAnswer {
            question_id: question.id.as_str().to_owned(),
            question: question.label.clone(),
            answer: export_value(Some(&question.input), value),
        });
    }
    for (id, value) in answers.into_iter().filter(|(_, v)| !v.is_empty()) {
        out.push(ExportAnswer {
            question_id: id.as_str().to_owned(),
            question: id.as_str().to_owned(),
            answer: export_value(None, value),
        });
    }
    out
}

fn export_value(input: Option<&QuestionInput>, value: AnswerValue) -> ExportAnswerValue {
    match (value, input) {
        (AnswerValue::Text { text }, _) => ExportAnswerValue::Text { text },
        (AnswerValue::Choice { selected }, input) => {
            let options = match input {
                Some(QuestionInput::Choice { options, .. }) => options.as_slice(),
                _ => &[],
            };
            ExportAnswerValue::Choice {
                chosen: selected
                    .iter()
                    .map(|id| ExportOption {
                        id: id.as_str().to_owned(),
                        label: options
                            .iter()
                            .find(|o| &o.id == id)
                            .map_or_else(|| id.as_str().to_owned(), |o| o.label.clone()),
                    })
                    .collect(),
            }
        }
        (
            AnswerValue::Scale { value },
            Some(QuestionInput::Scale {
                min,
                max,
                min_label,
                max_label,
            }),
        ) => ExportAnswerValue::Scale {
            value,
            min: *min,
            max: *max,
            min_label: min_label.clone(),
            max_label: max_label.clone(),
        },
        // The scale's question is gone: the number is all there is to keep.
        (AnswerValue::Scale { value }, _) => ExportAnswerValue::Text {
            text: value.to_string(),
        },
    }
}

fn export_check_in(c: CheckIn, sent_at: chrono::DateTime<chrono::Utc>) -> ExportCheckIn {
    ExportCheckIn {
        written_at: c.written_at,
        sent_at,
        parenting: c.ratings.parenting.value(),
        feeling: c.ratings.feeling.value(),
        confidence: c.ratings.confidence.value(),
        programme_grade: c.programme_grade.map(|g| g.value()),
        modules_done: c.progress.modules_done,
        do_tasks_done: c.progress.do_tasks_done,
        home_assignments_done: c.progress.home_assignments_done,
        reflection_evenings: c.progress.reflection_evenings,
        talk_about: c.talk_about,
        preferred_ways: c
            .preferred_contact
            .ways
            .into_iter()
            .map(Into::into)
            .collect(),
        preferred_times: c.preferred_contact.times,
        shared: c
            .shared
            .into_iter()
            .map(|s| ExportShared {
                question: s.question,
                answer: s.answer,
            })
            .collect(),
        worried_about_safety: c.worried_about_safety,
    }
}

#[cfg(test)]
mod tests {
    use super::ExportDocument;
    use std::path::PathBuf;

    /// `docs/export.schema.json` is what readers of an export rely on: it must say exactly
    /// what the types above write. `UPDATE_EXPORT_SCHEMA=1 cargo test -p houvast-session
    /// export_schema` rewrites it.
    #[test]
    fn export_schema_matches_the_checked_in_file() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/export.schema.json");
        let schema = serde_json::to_value(schemars::schema_for!(ExportDocument)).expect("schema");
        if std::env::var_os("UPDATE_EXPORT_SCHEMA").is_some() {
            let mut text = serde_json::to_string_pretty(&schema).expect("json");
            text.push('\n');
            std::fs::write(&path, text).expect("write docs/export.schema.json");
            return;
        }
        let checked_in: serde_json::Value = std::fs::read_to_string(&path)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        assert!(
            checked_in == schema,
            "docs/export.schema.json is out of date with the export's types: run \
             `UPDATE_EXPORT_SCHEMA=1 cargo test -p houvast-session export_schema` and commit \
             the result (a change that breaks readers also raises EXPORT_VERSION)"
        );
    }
}
