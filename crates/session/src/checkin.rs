//! The three check-ins with the prevention worker, on the device: which contact point is due,
//! the draft the parent writes (autosaved like every form), the preview of exactly what the
//! worker will read, and sending: sealing on the device and queueing in the outbox. Delivery
//! and replies are [`crate::sync`]'s.

use crate::{Result, Session, SessionError};
use chrono::{DateTime, NaiveDate, Utc};
use houvast_core::content::QuestionInput;
use houvast_core::{
    AnswerValue, ForParent, Language, ModuleId, Profile, QuestionId, Reached, TaskKind,
};
use houvast_protocol::wire::{ContactPointState, ContactPointStatus};
use houvast_protocol::{
    seal_checkin, CheckIn, CheckInPlace, ContactPoint, KeyPair, PreferredContact, Progress, Reply,
    Score, SelfRatings, SharedItem, WayOfContact, CHECKIN_FORMAT, MAX_ANSWER_CHARS,
    MAX_CONTACT_TIMES_CHARS, MAX_QUESTION_CHARS, MAX_REFLECTION_EVENINGS, MAX_SHARED_ITEMS,
    MAX_TALK_ABOUT_CHARS,
};
use houvast_store::{Delivery, OutboxItem, PairingRecord, SentCheckIn};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// What the parent has filled in so far. Everything is optional while they write; the preview
/// says what is still missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CheckInDraft {
    /// "How is parenting going?" 1-10.
    pub parenting: Option<u8>,
    /// "How are you feeling?" 1-10.
    pub feeling: Option<u8>,
    /// "How confident are you as a parent?" 1-10.
    pub confidence: Option<u8>,
    /// The grade for the programme, asked at the last contact.
    pub programme_grade: Option<u8>,
    pub talk_about: String,
    pub ways: Vec<WayOfContact>,
    pub times: String,
    /// The parent's own answers and reflections they chose to share, one by one.
    pub shared: Vec<ShareRef>,
    /// "Are you worried about your own or your children's safety?"
    pub worried_about_safety: Option<bool>,
}

/// One of the parent's own texts, by where it is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ShareRef {
    Answer {
        module_id: ModuleId,
        task: TaskKind,
        question_id: QuestionId,
    },
    Reflection {
        date: NaiveDate,
    },
}

/// A text the parent may share, shown as the worker would read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Shareable {
    pub reference: ShareRef,
    /// Where it comes from: the module's title, or the evening's date.
    pub context: String,
    pub question: String,
    pub answer: String,
}

/// Where one contact point stands, as far as this device knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ContactState {
    /// Its module is not done yet.
    NotYet,
    /// Reached, and not sent yet; `None` when the parent has not paired (nobody to send to).
    Due { since: Option<NaiveDate> },
    /// Sealed and in the outbox; the app keeps trying.
    Waiting {
        sent_at: DateTime<Utc>,
        attempts: u32,
        last_error: Option<String>,
    },
    /// The server refused it for good (for example because the pairing was undone there).
    Refused {
        sent_at: DateTime<Utc>,
        reason: String,
    },
    /// The server has it.
    Delivered {
        sent_at: DateTime<Utc>,
        delivered_at: DateTime<Utc>,
    },
    /// The worker opened it.
    Read {
        sent_at: DateTime<Utc>,
        read_at: DateTime<Utc>,
    },
    /// The worker answered; the replies are beside it.
    Replied { sent_at: DateTime<Utc> },
    /// The worker marked the contact as done.
    Done {
        sent_at: Option<DateTime<Utc>>,
        done_at: DateTime<Utc>,
    },
}

/// A reply that passed every check on this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReplyView {
    pub sent_at: DateTime<Utc>,
    pub reply: Reply,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ContactPointView {
    pub number: u8,
    pub title: String,
    /// 0: before module 1.
    pub after_module: u16,
    pub state: ContactState,
    pub replies: Vec<ReplyView>,
}

/// The contacts with the worker, for the home screen and the contacts screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ContactsView {
    pub pairing: Option<crate::PairingView>,
    pub points: Vec<ContactPointView>,
    /// The contact point to write a check-in for now (paired, reached, not sent).
    pub due: Option<u8>,
}

/// The check-in screen of one contact point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CheckInScreen {
    pub number: u8,
    pub title: String,
    /// The programme grade is asked at the last contact.
    pub grade_asked: bool,
    pub draft: CheckInDraft,
    /// Filled in by the app: numbers only.
    pub progress: Progress,
    pub shareable: Vec<Shareable>,
    /// What was sent, once sent: the parent's own copy.
    pub sent: Option<CheckIn>,
    pub state: ContactState,
    pub replies: Vec<ReplyView>,
}

/// Labels of a shared reflection, in the parent's language.
fn reflection_labels(language: Language) -> [&'static str; 4] {
    match language {
        Language::Nl => [
            "Avond van",
            "Wat ging er vandaag goed in het opvoeden?",
            "Hoe merkte ik het aan mezelf?",
            "Hoe merkte ik het aan mijn kind?",
        ],
        Language::En => [
            "Evening of",
            "What went well in parenting today?",
            "How did I notice it in myself?",
            "How did I notice it in my child?",
        ],
    }
}

/// Cuts a text to `max` characters, ending in "…" when cut, so it fits the check-in and the
/// preview shows the cut.
fn fit(text: &str, max: usize) -> String {
    let clean: String = text
        .chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim();
    if clean.chars().count() <= max {
        return clean.to_string();
    }
    let mut cut: String = clean.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

fn answer_text(input: &QuestionInput, value: &AnswerValue) -> String {
    match (input, value) {
        (_, AnswerValue::Text { text }) => text.clone(),
        (QuestionInput::Choice { options, .. }, AnswerValue::Choice { selected }) => options
            .iter()
            .filter(|o| selected.contains(&o.id))
            .map(|o| o.label.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        (_, AnswerValue::Choice { selected }) => selected
            .iter()
            .map(|o| o.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        (_, AnswerValue::Scale { value }) => value.to_string(),
    }
}

pub(crate) fn contact_point(number: u8) -> Result<ContactPoint> {
    Ok(ContactPoint::new(i64::from(number))?)
}

fn invalid(field: &str, rule: &str) -> SessionError {
    SessionError::CheckInInvalid {
        field: field.into(),
        rule: rule.into(),
    }
}

fn score(value: Option<u8>, field: &str, missing: &mut Vec<String>) -> Result<Option<Score>> {
    match value {
        None => {
            missing.push(field.into());
            Ok(None)
        }
        Some(v) => Score::new(v)
            .map(Some)
            .map_err(|_| invalid(field, "a whole number from 1 to 10")),
    }
}

impl CheckInDraft {
    /// The limits a draft must keep while it is written (what is missing is fine).
    fn check_limits(&self) -> Result<()> {
        for (value, field) in [
            (self.parenting, "ratings.parenting"),
            (self.feeling, "ratings.feeling"),
            (self.confidence, "ratings.confidence"),
            (self.programme_grade, "programme_grade"),
        ] {
            if value.is_some_and(|v| !(1..=10).contains(&v)) {
                return Err(invalid(field, "a whole number from 1 to 10"));
            }
        }
        if self.talk_about.chars().count() > MAX_TALK_ABOUT_CHARS {
            return Err(invalid("talk_about", "the text is too long"));
        }
        if self.times.chars().count() > MAX_CONTACT_TIMES_CHARS {
            return Err(invalid("preferred_contact.times", "the text is too long"));
        }
        if self.shared.len() > MAX_SHARED_ITEMS {
            return Err(invalid("shared", "at most 10 shared items"));
        }
        for (i, way) in self.ways.iter().enumerate() {
            if self.ways[..i].contains(way) {
                return Err(invalid("preferred_contact.ways", "each way at most once"));
            }
        }
        for (i, item) in self.shared.iter().enumerate() {
            if self.shared[..i].contains(item) {
                return Err(invalid("shared", "each text at most once"));
            }
        }
        Ok(())
    }
}

impl Session<'_> {
    /// The three contact points and the pairing, for the home and contacts screens.
    pub fn contacts(&self) -> Result<ContactsView> {
        self.with_programme(|profile, parent| {
            let pairing = self.store.pairing()?;
            let mut points = Vec::new();
            let mut due = None;
            for point in parent.contact_points() {
                let cp = contact_point(point.number)?;
                let state = self.contact_state(parent, pairing.as_ref(), point, cp)?;
                if due.is_none() && pairing.is_some() && matches!(state, ContactState::Due { .. }) {
                    due = Some(point.number);
                }
                points.push(ContactPointView {
                    number: point.number,
                    title: point.title.get(profile.language).clone(),
                    after_module: point.after_module,
                    state,
                    replies: self.replies_for(cp)?,
                });
            }
            Ok(ContactsView {
                pairing: pairing.as_ref().map(|p| self.pairing_view(p)).transpose()?,
                points,
                due,
            })
        })
    }

    /// The day the due check-in became due, for the check-in reminder: only when paired.
    pub(crate) fn check_in_due_since(&self, parent: &ForParent<'_>) -> Result<Option<NaiveDate>> {
        let Some(pairing) = self.store.pairing()? else {
            return Ok(None);
        };
        for point in parent.contact_points() {
            let cp = contact_point(point.number)?;
            if let ContactState::Due { since } =
                self.contact_state(parent, Some(&pairing), point, cp)?
            {
                return Ok(since);
            }
        }
        Ok(None)
    }

    fn contact_state(
        &self,
        parent: &ForParent<'_>,
        pairing: Option<&PairingRecord>,
        point: &houvast_core::content::ContactPoint,
        cp: ContactPoint,
    ) -> Result<ContactState> {
        let server = pairing.and_then(|p| p.contact_points.iter().find(|s| s.number == cp));
        let sent: Option<SentCheckIn<CheckIn>> = self.store.sent_checkin(cp)?;
        if let Some(done_at) = server.and_then(|s| s.done_at) {
            return Ok(ContactState::Done {
                sent_at: sent.map(|s| s.sent_at),
                done_at,
            });
        }
        let Some(sent) = sent else {
            let paired_on = pairing.map(|p| self.clock.local_date(p.paired_at));
            return Ok(match parent.contact_point_reached(point) {
                Reached::NotYet => ContactState::NotYet,
                Reached::FromStart => ContactState::Due { since: paired_on },
                Reached::On(day) => ContactState::Due {
                    since: paired_on.map(|p| p.max(day)),
                },
            });
        };
        Ok(match sent.delivery {
            Delivery::Waiting {
                attempts,
                last_error,
                ..
            } => ContactState::Waiting {
                sent_at: sent.sent_at,
                attempts,
                last_error,
            },
            Delivery::Refused { reason } => ContactState::Refused {
                sent_at: sent.sent_at,
                reason,
            },
            Delivery::Delivered { at } => server_state(server, sent.sent_at, at),
        })
    }

    fn replies_for(&self, cp: ContactPoint) -> Result<Vec<ReplyView>> {
        Ok(self
            .store
            .replies()?
            .into_iter()
            .filter(|r| r.contact_point == cp)
            .map(|r| ReplyView {
                sent_at: r.sent_at,
                reply: r.reply,
            })
            .collect())
    }

    /// The check-in screen of contact point `number`: the draft, the numbers the app fills in,
    /// the texts the parent may share, and what was sent.
    pub fn checkin(&self, number: u8) -> Result<CheckInScreen> {
        let cp = contact_point(number)?;
        self.with_programme(|profile, parent| {
            let pairing = self.store.pairing()?.ok_or(SessionError::NotPaired)?;
            let point = parent
                .contact_points()
                .iter()
                .find(|p| p.number == number)
                .ok_or(SessionError::ContactPointNotReached(number))?;
            let state = self.contact_state(parent, Some(&pairing), point, cp)?;
            if state == ContactState::NotYet {
                return Err(SessionError::ContactPointNotReached(number));
            }
            let sent: Option<SentCheckIn<CheckIn>> = self.store.sent_checkin(cp)?;
            Ok(CheckInScreen {
                number,
                title: point.title.get(profile.language).clone(),
                grade_asked: is_last(parent, number),
                draft: self.store.checkin_draft(cp)?.unwrap_or_default(),
                progress: self.progress_numbers(parent, cp)?,
                shareable: self.shareable(profile, cp)?,
                sent: sent.map(|s| s.checkin),
                state,
                replies: self.replies_for(cp)?,
            })
        })
    }

    /// Saves the draft as the parent types; only the limits are checked here.
    pub fn save_checkin_draft(&self, number: u8, draft: &CheckInDraft) -> Result<DateTime<Utc>> {
        let cp = contact_point(number)?;
        draft.check_limits()?;
        if self.store.sent_checkin::<CheckIn>(cp)?.is_some() {
            return Err(SessionError::CheckInAlreadySent);
        }
        self.store.save_checkin_draft(cp, draft, self.clock.now)?;
        Ok(self.clock.now)
    }

    /// The check-in exactly as the worker will read it; fails with what is still missing.
    pub fn preview_checkin(&self, number: u8) -> Result<CheckIn> {
        let cp = contact_point(number)?;
        self.with_programme(|profile, parent| self.build_checkin(profile, parent, cp))
    }

    /// Sends the previewed check-in: built again from the draft, it must be the one the parent
    /// saw; then it is sealed on the device to the pinned keys and queued in the outbox, in one
    /// transaction. The courier delivers it.
    pub fn send_checkin(&self, number: u8, previewed: &CheckIn) -> Result<ContactsView> {
        let cp = contact_point(number)?;
        self.with_programme(|profile, parent| {
            let mut checkin = self.build_checkin(profile, parent, cp)?;
            checkin.written_at = previewed.written_at;
            if &checkin != previewed {
                return Err(SessionError::CheckInChanged);
            }
            if let Some(crate::SyncProblem::KeyChanged { .. }) = self.store.sync_problem()? {
                return Err(SessionError::Protocol(
                    houvast_protocol::ProtocolError::KeyChanged {
                        parent: false,
                        worker: true,
                        recovery: false,
                    },
                ));
            }
            let pairing = self.store.pairing()?.ok_or(SessionError::NotPaired)?;
            let device = KeyPair::from_secret_bytes(*pairing.device_secret);
            let place = CheckInPlace {
                client_id: pairing.client_id,
                checkin_id: Uuid::new_v4(),
                contact_point: cp,
            };
            let sealed = seal_checkin(&device, pairing.pinned.keys(), &place, &checkin)?;
            self.store.queue_checkin(
                &checkin,
                &OutboxItem {
                    checkin_id: place.checkin_id,
                    contact_point: cp,
                    sealed_for_worker: sealed.for_worker,
                    sealed_for_recovery: sealed.for_recovery,
                    queued_at: self.clock.now,
                    attempts: 0,
                    next_attempt_at: self.clock.now,
                },
            )?;
            Ok(())
        })?;
        self.contacts()
    }

    fn build_checkin(
        &self,
        profile: &Profile,
        parent: &ForParent<'_>,
        cp: ContactPoint,
    ) -> Result<CheckIn> {
        let pairing = self.store.pairing()?.ok_or(SessionError::NotPaired)?;
        if self.store.sent_checkin::<CheckIn>(cp)?.is_some() {
            return Err(SessionError::CheckInAlreadySent);
        }
        let point = parent
            .contact_points()
            .iter()
            .find(|p| p.number == cp.number())
            .ok_or(SessionError::ContactPointNotReached(cp.number()))?;
        if self.contact_state(parent, Some(&pairing), point, cp)? == ContactState::NotYet {
            return Err(SessionError::ContactPointNotReached(cp.number()));
        }
        let draft: CheckInDraft = self.store.checkin_draft(cp)?.unwrap_or_default();
        draft.check_limits()?;
        let mut missing = Vec::new();
        let parenting = score(draft.parenting, "ratings.parenting", &mut missing)?;
        let feeling = score(draft.feeling, "ratings.feeling", &mut missing)?;
        let confidence = score(draft.confidence, "ratings.confidence", &mut missing)?;
        let programme_grade = if is_last(parent, cp.number()) {
            score(draft.programme_grade, "programme_grade", &mut missing)?
        } else {
            None
        };
        if draft.worried_about_safety.is_none() {
            missing.push("worried_about_safety".into());
        }
        let (Some(parenting), Some(feeling), Some(confidence), true) =
            (parenting, feeling, confidence, missing.is_empty())
        else {
            return Err(SessionError::CheckInIncomplete { fields: missing });
        };
        let shareable = self.shareable(profile, cp)?;
        let shared = draft
            .shared
            .iter()
            .filter_map(|r| shareable.iter().find(|s| &s.reference == r))
            .map(|s| SharedItem {
                question: s.question.clone(),
                answer: s.answer.clone(),
            })
            .collect();
        let checkin = CheckIn {
            format: CHECKIN_FORMAT,
            written_at: self.clock.now,
            ratings: SelfRatings {
                parenting,
                feeling,
                confidence,
            },
            programme_grade,
            progress: self.progress_numbers(parent, cp)?,
            talk_about: draft.talk_about.trim().to_string(),
            preferred_contact: PreferredContact {
                ways: draft.ways.clone(),
                times: draft.times.trim().to_string(),
            },
            shared,
            worried_about_safety: draft.worried_about_safety == Some(true),
        };
        checkin.validate(cp)?;
        Ok(checkin)
    }

    /// Modules, do-tasks and home assignments done, and the evenings with a reflection since
    /// the previous check-in was sent (since the start for the first).
    fn progress_numbers(&self, parent: &ForParent<'_>, cp: ContactPoint) -> Result<Progress> {
        let counts = parent.counts();
        let today = self.clock.today();
        let mut from = NaiveDate::MIN;
        for earlier in ContactPoint::all().into_iter().filter(|c| *c < cp) {
            if let Some(sent) = self.store.sent_checkin::<CheckIn>(earlier)? {
                from = from.max(
                    self.clock
                        .local_date(sent.sent_at)
                        .succ_opt()
                        .unwrap_or(today),
                );
            }
        }
        let evenings = if from > today {
            0
        } else {
            self.store.reflection_dates(from, today)?.len()
        };
        Ok(Progress {
            modules_done: counts.modules_done,
            do_tasks_done: counts.do_tasks_done,
            home_assignments_done: counts.home_assignments_done,
            reflection_evenings: u16::try_from(evenings)
                .unwrap_or(u16::MAX)
                .min(MAX_REFLECTION_EVENINGS),
        })
    }

    /// Every answer the parent wrote and their reflections since the previous check-in, as the
    /// worker would read them if shared.
    fn shareable(&self, profile: &Profile, cp: ContactPoint) -> Result<Vec<Shareable>> {
        let language = profile.language;
        let mut out = Vec::new();
        for module in &self.programme.modules {
            let text = module.text_for(language, profile.role);
            for kind in [TaskKind::DoTask, TaskKind::HomeAssignment] {
                let task = text.task(kind);
                let answers = self.store.answers(&module.id, kind)?;
                for question in &task.questions {
                    let Some(value) = answers.get(&question.id).filter(|v| !v.is_empty()) else {
                        continue;
                    };
                    out.push(Shareable {
                        reference: ShareRef::Answer {
                            module_id: module.id.clone(),
                            task: kind,
                            question_id: question.id.clone(),
                        },
                        context: format!("{} · {}", text.title, task.title),
                        question: fit(&question.label, MAX_QUESTION_CHARS),
                        answer: fit(&answer_text(&question.input, value), MAX_ANSWER_CHARS),
                    });
                }
            }
        }
        let [evening, went_well, myself, child] = reflection_labels(language);
        let today = self.clock.today();
        let mut from = today - chrono::Days::new(90);
        for earlier in ContactPoint::all().into_iter().filter(|c| *c < cp) {
            if let Some(sent) = self.store.sent_checkin::<CheckIn>(earlier)? {
                from = from.max(self.clock.local_date(sent.sent_at));
            }
        }
        for date in self.store.reflection_dates(from, today)?.into_iter().rev() {
            let Some(entry) = self.store.reflection(date)? else {
                continue;
            };
            let a = &entry.answers;
            let parts: Vec<String> = [
                (went_well, &a.went_well),
                (myself, &a.noticed_in_myself),
                (child, &a.noticed_in_child),
            ]
            .iter()
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(label, text)| format!("{label}\n{}", text.trim()))
            .collect();
            let day = date.format("%Y-%m-%d").to_string();
            out.push(Shareable {
                reference: ShareRef::Reflection { date },
                context: format!("{evening} {day}"),
                question: fit(&format!("{evening} {day}"), MAX_QUESTION_CHARS),
                answer: fit(&parts.join("\n\n"), MAX_ANSWER_CHARS),
            });
        }
        Ok(out)
    }
}

/// Whether `number` is the programme's last contact point (where the grade is asked).
fn is_last(parent: &ForParent<'_>, number: u8) -> bool {
    parent
        .contact_points()
        .iter()
        .map(|p| p.number)
        .max()
        .is_some_and(|last| last == number)
}

/// A delivered check-in's state from what the server last said about its contact point.
fn server_state(
    server: Option<&ContactPointStatus>,
    sent_at: DateTime<Utc>,
    delivered_at: DateTime<Utc>,
) -> ContactState {
    match server {
        Some(s) if s.state == ContactPointState::Replied => ContactState::Replied { sent_at },
        Some(s) => match s.read_at {
            Some(read_at) => ContactState::Read { sent_at, read_at },
            None => ContactState::Delivered {
                sent_at,
                delivered_at,
            },
        },
        None => ContactState::Delivered {
            sent_at,
            delivered_at,
        },
    }
}
