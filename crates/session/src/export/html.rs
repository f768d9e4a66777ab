//! The export as one HTML page to read and print: self-contained (no scripts, no fonts or
//! images from elsewhere, a Content-Security-Policy that allows only the inline style), A4
//! pages with each section starting on a new page. Everything the parent or the worker wrote
//! is escaped; only the fixed words of [`super::words`] and the markup here are not.

use super::document::{
    ExportAnswerValue, ExportCheckIn, ExportContact, ExportDocument, ExportReply,
};
use super::words::Words;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::fmt::Write;

const STYLE: &str = r#"
@page { size: A4; margin: 20mm 18mm 22mm; }
html { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif;
  font-size: 12pt; line-height: 1.55; color: #1d1d1d; background: #fff; }
body { max-width: 44rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; line-height: 1.2; }
h2 { font-size: 1.45rem; margin: 0 0 .5rem; line-height: 1.25; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .35rem; line-height: 1.3; }
h4 { font-size: 1rem; margin: 1rem 0 .25rem; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
.made { margin: 0 0 1rem; color: #444; }
.notice { border: 2px solid #8a5a00; border-radius: 6px; background: #fff7e6; padding: .75rem 1rem;
  margin: 0 0 1.5rem; }
section { margin-top: 2.5rem; }
section + section { break-before: page; page-break-before: always; }
.intro { color: #444; }
dl { margin: .25rem 0 0; }
dt { font-weight: bold; margin-top: .75rem; }
dd { margin: .15rem 0 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.item { break-inside: avoid; page-break-inside: avoid; }
ul { margin: .25rem 0 0; padding-left: 1.25rem; }
.none { font-style: italic; color: #444; }
.reply { border-left: 4px solid #2f6f5e; padding-left: .9rem; margin-top: 1rem; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  .notice { background: none; }
  section { margin-top: 0; }
}
"#;

/// Escapes text for HTML (element content and quoted attribute values alike).
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

pub(crate) fn render(doc: &ExportDocument, w: &Words, tz: Tz) -> String {
    let mut html = String::with_capacity(16 * 1024);
    let title = esc(w.title);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n\
         <h1>{title}</h1>\n<p class=\"made\">{made} {date}</p>\n\
         <p class=\"notice\" role=\"note\">{notice}</p>\n</header>\n",
        lang = w.lang,
        made = esc(w.made_on),
        date = esc(&w.long_date(local(doc.created_at, tz).date_naive())),
        notice = esc(w.not_encrypted),
    );
    about(&mut html, doc, w);
    modules(&mut html, doc, w, tz);
    plans(&mut html, doc, w);
    reflections(&mut html, doc, w);
    check_ins(&mut html, doc, w, tz);
    html.push_str("</body>\n</html>\n");
    html
}

fn local(at: DateTime<Utc>, tz: Tz) -> DateTime<Tz> {
    at.with_timezone(&tz)
}

fn section_start(html: &mut String, id: &str, title: &str, intro: Option<&str>) {
    let _ = write!(html, "<section id=\"{id}\">\n<h2>{}</h2>\n", esc(title));
    if let Some(intro) = intro {
        let _ = writeln!(html, "<p class=\"intro\">{}</p>", esc(intro));
    }
}

fn none(html: &mut String, text: &str) {
    let _ = writeln!(html, "<p class=\"none\">{}</p>", esc(text));
}

/// A question and its answer as a `dt`/`dd` pair; the answer keeps its line breaks.
fn pair(html: &mut String, question: &str, answer: &str) {
    let _ = writeln!(
        html,
        "<dt>{}</dt>\n<dd class=\"text\">{}</dd>",
        esc(question),
        esc(answer)
    );
}

fn about(html: &mut String, doc: &ExportDocument, w: &Words) {
    section_start(html, "about", w.about_title, None);
    html.push_str("<dl>\n");
    pair(html, w.name, &doc.profile.pseudonym);
    pair(html, w.role, w.role_name(doc.profile.role));
    if !doc.profile.children_ages.is_empty() {
        pair(html, w.children, &w.ages(&doc.profile.children_ages));
    }
    html.push_str("</dl>\n</section>\n");
}

fn modules(html: &mut String, doc: &ExportDocument, w: &Words, tz: Tz) {
    section_start(html, "modules", w.modules_title, Some(w.modules_intro));
    let mut any = false;
    for module in &doc.modules {
        if module.tasks.iter().all(|t| t.answers.is_empty()) {
            continue;
        }
        any = true;
        let _ = writeln!(
            html,
            "<h3>{} {} · {}</h3>",
            esc(w.module),
            module.number,
            esc(&module.title)
        );
        for task in module.tasks.iter().filter(|t| !t.answers.is_empty()) {
            let _ = writeln!(html, "<div class=\"item\">\n<h4>{}</h4>", esc(&task.title));
            if let Some(done) = task.done_at {
                let _ = writeln!(
                    html,
                    "<p class=\"intro\">{} {}</p>",
                    esc(w.done_on),
                    esc(&w.long_date(local(done, tz).date_naive()))
                );
            }
            html.push_str("<dl>\n");
            for answer in &task.answers {
                pair(html, &answer.question, &answer_text(&answer.answer));
            }
            html.push_str("</dl>\n</div>\n");
        }
    }
    if !any {
        none(html, w.no_answers);
    }
    html.push_str("</section>\n");
}

fn answer_text(value: &ExportAnswerValue) -> String {
    match value {
        ExportAnswerValue::Text { text } => text.trim().to_owned(),
        ExportAnswerValue::Choice { chosen } => chosen
            .iter()
            .map(|o| o.label.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        ExportAnswerValue::Scale {
            value,
            min,
            max,
            min_label,
            max_label,
        } => format!("{value}  ({min} = {min_label}, {max} = {max_label})"),
    }
}

fn plans(html: &mut String, doc: &ExportDocument, w: &Words) {
    section_start(html, "plans", w.plans_title, Some(w.plans_intro));
    if doc.plans.is_empty() {
        none(html, w.no_plans);
    }
    for plan in &doc.plans {
        let _ = writeln!(html, "<h3>{}</h3>", esc(&plan.title));
        for part in &plan.parts {
            let _ = writeln!(
                html,
                "<div class=\"item\">\n<h4>{}</h4>\n<ul>",
                esc(&part.heading)
            );
            for line in &part.lines {
                let _ = writeln!(html, "<li class=\"text\">{}</li>", esc(line));
            }
            html.push_str("</ul>\n</div>\n");
        }
    }
    html.push_str("</section>\n");
}

fn reflections(html: &mut String, doc: &ExportDocument, w: &Words) {
    section_start(html, "reflections", w.reflections_title, None);
    if doc.reflections.is_empty() {
        none(html, w.no_reflections);
    }
    for day in &doc.reflections {
        let _ = writeln!(
            html,
            "<div class=\"item\">\n<h3>{}</h3>\n<dl>",
            esc(&w.long_date(day.date))
        );
        for (question, answer) in [
            (w.went_well, &day.went_well),
            (w.noticed_in_myself, &day.noticed_in_myself),
            (w.noticed_in_child, &day.noticed_in_child),
        ] {
            if !answer.trim().is_empty() {
                pair(html, question, answer.trim());
            }
        }
        html.push_str("</dl>\n</div>\n");
    }
    html.push_str("</section>\n");
}

fn check_ins(html: &mut String, doc: &ExportDocument, w: &Words, tz: Tz) {
    section_start(
        html,
        "check-ins",
        w.check_ins_title,
        Some(w.check_ins_intro),
    );
    if doc.check_ins.is_empty() {
        none(html, w.no_check_ins);
    }
    for contact in &doc.check_ins {
        check_in(html, contact, w, tz);
    }
    html.push_str("</section>\n");
}

fn check_in(html: &mut String, contact: &ExportContact, w: &Words, tz: Tz) {
    let _ = writeln!(
        html,
        "<h3>{} {} · {}</h3>",
        esc(w.contact_point),
        contact.contact_point,
        esc(&contact.title)
    );
    match &contact.sent {
        Some(sent) => sent_check_in(html, sent, w, tz),
        None => none(html, w.not_sent),
    }
    for reply in &contact.replies {
        reply_card(html, reply, w, tz);
    }
}

fn sent_check_in(html: &mut String, c: &ExportCheckIn, w: &Words, tz: Tz) {
    let _ = writeln!(
        html,
        "<p class=\"intro\">{} {}</p>\n<dl>",
        esc(w.sent_on),
        esc(&w.moment(local(c.sent_at, tz)))
    );
    let score = |n: u8| format!("{n} {}", w.out_of_ten);
    pair(html, w.parenting, &score(c.parenting));
    pair(html, w.feeling, &score(c.feeling));
    pair(html, w.confidence, &score(c.confidence));
    if let Some(grade) = c.programme_grade {
        pair(html, w.grade, &score(grade));
    }
    pair(
        html,
        w.progress,
        &format!(
            "{}: {}\n{}: {}\n{}: {}\n{}: {}",
            w.modules_done,
            c.modules_done,
            w.do_tasks_done,
            c.do_tasks_done,
            w.home_assignments_done,
            c.home_assignments_done,
            w.evenings,
            c.reflection_evenings
        ),
    );
    let or_empty = |text: &str, empty: &str| {
        if text.trim().is_empty() {
            empty.to_owned()
        } else {
            text.trim().to_owned()
        }
    };
    pair(
        html,
        w.talk_about,
        &or_empty(&c.talk_about, w.nothing_filled_in),
    );
    let ways: Vec<&str> = c.preferred_ways.iter().map(|&x| w.way(x)).collect();
    pair(html, w.ways, &or_empty(&ways.join(", "), w.no_preference));
    pair(
        html,
        w.times,
        &or_empty(&c.preferred_times, w.nothing_filled_in),
    );
    pair(
        html,
        w.safety,
        if c.worried_about_safety { w.yes } else { w.no },
    );
    let _ = writeln!(html, "<dt>{}</dt>\n<dd>", esc(w.shared));
    if c.shared.is_empty() {
        let _ = write!(html, "{}", esc(w.shared_none));
    } else {
        html.push_str("<dl>\n");
        for item in &c.shared {
            pair(html, &item.question, &item.answer);
        }
        html.push_str("</dl>\n");
    }
    html.push_str("</dd>\n</dl>\n");
}

fn reply_card(html: &mut String, r: &ExportReply, w: &Words, tz: Tz) {
    let _ = writeln!(
        html,
        "<div class=\"reply item\">\n<h4>{}</h4>\n<p class=\"intro\">{} {}</p>\n<dl>",
        esc(w.reply_title),
        esc(w.reply_sent_on),
        esc(&w.moment(local(r.sent_at, tz)))
    );
    let time = match r.proposed_time {
        Some(at) => w.moment(at.with_timezone(&tz)),
        None => w.reply_no_time.to_owned(),
    };
    pair(html, w.reply_time, &time);
    pair(html, w.reply_way, w.way(r.way_of_contact));
    pair(html, w.reply_message, r.message.trim());
    html.push_str("</dl>\n</div>\n");
}
