//! The export as data: version 1 of the `houvast-export` format, the JSON a parent can take to
//! another app and the source of the printable HTML. These types are the format's contract,
//! kept apart from the app's own types on purpose: renaming something inside the app must not
//! silently change a file a parent already has. `docs/export.schema.json` is generated from
//! them (see the test in `export/mod.rs`); a change that breaks a reader raises
//! [`EXPORT_VERSION`].

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use houvast_core::content::{PlanKind, PlanRole};
use houvast_core::{Language, Role, TaskKind};
use houvast_protocol::WayOfContact;
use serde::Serialize;

/// The value of `format` in every export.
pub const EXPORT_FORMAT: &str = "houvast-export";
/// The version of the format written now.
pub const EXPORT_VERSION: u32 = 1;

/// Everything a parent wrote in Houvast, as one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(
    test,
    schemars(
        title = "Houvast export",
        description = "Everything a parent wrote in Houvast: profile, answers, plans, reflections, check-ins and replies. Fields may be added within a version; a reader ignores fields it does not know. A change that removes or changes a field raises `version`."
    )
)]
pub struct ExportDocument {
    /// Always `houvast-export`.
    pub format: FormatName,
    /// The version of this format (1).
    #[cfg_attr(test, schemars(extend("const" = 1)))]
    pub version: u32,
    /// When the file was made (UTC).
    pub created_at: DateTime<Utc>,
    /// The parent's time zone when the file was made (IANA name, e.g. `Europe/Amsterdam`).
    /// Calendar dates below (a reflection's `date`) are days in the parent's own calendar.
    pub time_zone: String,
    /// The language of every text from the programme in this file (question texts, titles).
    pub language: ExportLanguage,
    pub profile: ExportProfile,
    /// The modules the parent started or wrote in, in programme order.
    pub modules: Vec<ExportModule>,
    /// The plans the parent made (made of do-task answers; also under `modules`).
    pub plans: Vec<ExportPlan>,
    /// The daily reflections, oldest first.
    pub reflections: Vec<ExportReflection>,
    /// The check-ins as sent to the prevention worker, with the worker's replies, by contact
    /// point.
    pub check_ins: Vec<ExportContact>,
}

/// The constant that says what kind of file this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub enum FormatName {
    #[serde(rename = "houvast-export")]
    HouvastExport,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExportLanguage {
    /// Dutch.
    Nl,
    /// English.
    En,
}

/// Who the parent is in the app. No real name: the name is the one they chose for the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct ExportProfile {
    /// The name the parent chose to use in the app.
    pub pseudonym: String,
    pub role: ExportRole,
    /// Each child's age in years on the day the file was made.
    pub children_ages: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExportRole {
    /// The parent who lives with a mental illness or an addiction.
    Parent,
    /// The partner of that parent.
    Partner,
}

/// One module of the programme and what the parent wrote in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct ExportModule {
    /// The module's stable id (`good-enough`, `talking`, ...).
    pub id: String,
    /// Its place in the programme, from 1.
    pub number: u16,
    pub title: String,
    /// The optional return check, outside the five modules.
    pub optional: bool,
    pub started_at: Option<DateTime<Utc>>,
    /// When the module was first done.
    pub completed_at: Option<DateTime<Utc>>,
    /// The do-task and the home assignment, when started or done.
    pub tasks: Vec<ExportTask>,
}

/// A do-task or a home assignment with the parent's answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct ExportTask {
    pub kind: ExportTaskKind,
    pub title: String,
    pub done_at: Option<DateTime<Utc>>,
    /// In the order the questions are asked; questions without an answer are left out.
    pub answers: Vec<ExportAnswer>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExportTaskKind {
    /// The exercise done inside the module (doe-opdracht).
    DoTask,
    /// The exercise practised in the week after (thuisopdracht).
    HomeAssignment,
}

/// One question with the parent's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct ExportAnswer {
    /// The question's stable id (`good-enough.do.moments`).
    pub question_id: String,
    /// The question as the parent read it.
    pub question: String,
    pub answer: ExportAnswerValue,
}

/// An answer, by the kind of question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExportAnswerValue {
    /// A text the parent wrote.
    Text { text: String },
    /// The options the parent chose.
    Choice { chosen: Vec<ExportOption> },
    /// A number on a scale from `min` to `max`.
    Scale {
        value: u8,
        min: u8,
        max: u8,
        min_label: String,
        max_label: String,
    },
}

/// A chosen option: its stable id and the text the parent saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct ExportOption {
    pub id: String,
    pub label: String,
}

/// A plan the parent made: the step plan, the network map or the care plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct ExportPlan {
    /// The plan's stable id (`step-plan`, ...).
    pub id: String,
    pub kind: ExportPlanKind,
    pub title: String,
    /// The module whose do-task holds the plan.
    pub module_id: String,
    /// The parts with an answer, in the plan's order.
    pub parts: Vec<ExportPlanPart>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExportPlanKind {
    /// Steps for a difficult moment.
    StepPlan,
    /// Who supports the parent and the child, by closeness.
    NetworkMap,
    /// Who looks after the child when the parent cannot for a while.
    CarePlan,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct ExportPlanPart {
    pub role: ExportPlanRole,
    pub heading: String,
    /// The answer as lines: each line of a text, each chosen option, or the number.
    pub lines: Vec<String>,
}

/// The part a question plays in its plan (DEVELOPERS.md, "Plans").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExportPlanRole {
    Situation,
    Step,
    StepMore,
    Close,
    Further,
    Professionals,
    ChildTrusted,
    ChildTrustedKnows,
    Wish,
    TakesOver,
    Arrangement,
}

/// One evening's reflection ("what went well today").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct ExportReflection {
    /// The day in the parent's calendar (`YYYY-MM-DD`).
    pub date: NaiveDate,
    /// What went well in parenting today?
    pub went_well: String,
    /// How did you notice in yourself that what you said or did had a positive effect?
    pub noticed_in_myself: String,
    /// How did you notice it in your child?
    pub noticed_in_child: String,
    pub updated_at: DateTime<Utc>,
}

/// One contact point with the prevention worker: the check-in as sent, and the replies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct ExportContact {
    /// 1, 2 or 3.
    pub contact_point: u8,
    pub title: String,
    /// The check-in exactly as it was sent; absent when only replies are kept.
    pub sent: Option<ExportCheckIn>,
    /// The worker's replies, oldest first.
    pub replies: Vec<ExportReply>,
}

/// A check-in as the parent sent it (their own copy).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct ExportCheckIn {
    pub written_at: DateTime<Utc>,
    pub sent_at: DateTime<Utc>,
    /// "How is parenting going?" 1-10.
    pub parenting: u8,
    /// "How are you feeling?" 1-10.
    pub feeling: u8,
    /// "How confident are you as a parent?" 1-10.
    pub confidence: u8,
    /// The grade for the programme (1-10), asked at the last contact.
    pub programme_grade: Option<u8>,
    pub modules_done: u8,
    pub do_tasks_done: u8,
    pub home_assignments_done: u8,
    /// Evenings with a reflection since the check-in before.
    pub reflection_evenings: u16,
    /// What the parent wanted to talk about.
    pub talk_about: String,
    /// The ways of contact the parent preferred (none: no preference).
    pub preferred_ways: Vec<ExportWayOfContact>,
    /// When suits the parent, in their words.
    pub preferred_times: String,
    /// The answers and reflections the parent chose to share.
    pub shared: Vec<ExportShared>,
    /// "Are you worried about your own or your children's safety?"
    pub worried_about_safety: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct ExportShared {
    pub question: String,
    pub answer: String,
}

/// A reply from the prevention worker, as verified on the device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct ExportReply {
    pub sent_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
    /// The moment the worker proposed, with the worker's UTC offset.
    pub proposed_time: Option<DateTime<FixedOffset>>,
    pub way_of_contact: ExportWayOfContact,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExportWayOfContact {
    Phone,
    Video,
    HomeVisit,
    AtTheOffice,
    Chat,
}

impl From<Language> for ExportLanguage {
    fn from(l: Language) -> Self {
        match l {
            Language::Nl => ExportLanguage::Nl,
            Language::En => ExportLanguage::En,
        }
    }
}

impl From<Role> for ExportRole {
    fn from(r: Role) -> Self {
        match r {
            Role::Parent => ExportRole::Parent,
            Role::Partner => ExportRole::Partner,
        }
    }
}

impl From<TaskKind> for ExportTaskKind {
    fn from(k: TaskKind) -> Self {
        match k {
            TaskKind::DoTask => ExportTaskKind::DoTask,
            TaskKind::HomeAssignment => ExportTaskKind::HomeAssignment,
        }
    }
}

impl From<PlanKind> for ExportPlanKind {
    fn from(k: PlanKind) -> Self {
        match k {
            PlanKind::StepPlan => ExportPlanKind::StepPlan,
            PlanKind::NetworkMap => ExportPlanKind::NetworkMap,
            PlanKind::CarePlan => ExportPlanKind::CarePlan,
        }
    }
}

impl From<PlanRole> for ExportPlanRole {
    fn from(r: PlanRole) -> Self {
        match r {
            PlanRole::Situation => ExportPlanRole::Situation,
            PlanRole::Step => ExportPlanRole::Step,
            PlanRole::StepMore => ExportPlanRole::StepMore,
            PlanRole::Close => ExportPlanRole::Close,
            PlanRole::Further => ExportPlanRole::Further,
            PlanRole::Professionals => ExportPlanRole::Professionals,
            PlanRole::ChildTrusted => ExportPlanRole::ChildTrusted,
            PlanRole::ChildTrustedKnows => ExportPlanRole::ChildTrustedKnows,
            PlanRole::Wish => ExportPlanRole::Wish,
            PlanRole::TakesOver => ExportPlanRole::TakesOver,
            PlanRole::Arrangement => ExportPlanRole::Arrangement,
        }
    }
}

impl From<WayOfContact> for ExportWayOfContact {
    fn from(w: WayOfContact) -> Self {
        match w {
            WayOfContact::Phone => ExportWayOfContact::Phone,
            WayOfContact::Video => ExportWayOfContact::Video,
            WayOfContact::HomeVisit => ExportWayOfContact::HomeVisit,
            WayOfContact::AtTheOffice => ExportWayOfContact::AtTheOffice,
            WayOfContact::Chat => ExportWayOfContact::Chat,
        }
    }
}
