//! Recording a meeting: the form (kind, date, the young person's part, the network's
//! attendance, the step agreed), its parsing into a [`RecordMeeting`] with a translated error
//! per field, and the handlers.

use std::collections::HashMap;

use askama::Template;
use axum::response::Response;
use tandem_app::courses::CourseRecord;
use tandem_app::meetings::{self, AgreedStep, Attendance, RecordMeeting};
use tandem_app::network::{self, MemberRecord};
use tandem_domain::PlainText;
use tandem_domain::course::kinds::{Chair, Channel, MeetingKind};
use tandem_domain::course::work::{MAX_MEETING_TEXT_CHARS, MAX_STEP_CHARS, MeetingDetails};
use time::Date;

use super::super::shared::{CourseHeader, load, word};
use super::super::steps::{owner_choices, parse_owner};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{
    Choice, Form, FormErrors, add_problem, choose_message, keyword_choices, optional_date,
    required_date,
};
use crate::i18n::Translator;
use crate::kit::see_other;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

/// One network member's attendance field.
struct AttendanceField {
    field: String,
    name: String,
    choices: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "courses/meeting_new.html")]
struct NewMeetingPage {
    chrome: Chrome,
    header: CourseHeader,
    kinds: Vec<Choice>,
    young_channels: Vec<Choice>,
    chairs: Vec<Choice>,
    attendance: Vec<AttendanceField>,
    owners: Vec<Choice>,
    fields: HashMap<String, String>,
    errors: FormErrors,
}

impl NewMeetingPage {
    fn value(&self, key: &str) -> String {
        self.fields.get(key).cloned().unwrap_or_default()
    }

    fn ticked(&self, key: &str) -> bool {
        self.fields.contains_key(key)
    }

    fn new(
        chrome: Chrome,
        (header, course): (CourseHeader, &CourseRecord),
        members: &[MemberRecord],
        fields: HashMap<String, String>,
        errors: FormErrors,
    ) -> Self {
        let tr = &chrome.tr;
        let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
        Self {
            kinds: keyword_choices(
                tr,
                "kw-meeting",
                MeetingKind::ALL.iter().map(|k| k.as_str()),
                &get("kind"),
            ),
            young_channels: keyword_choices(
                tr,
                "kw-channel",
                Channel::ALL.iter().map(|c| c.as_str()),
                &get("young_person_channel"),
            ),
            chairs: chair_choices(tr, &get("chair")),
            attendance: members
                .iter()
                .filter(|m| m.active_to.is_none())
                .map(|m| {
                    let field = format!("attend_{}", m.id);
                    AttendanceField {
                        choices: attendance_choices(tr, &get(&field)),
                        name: format!(
                            "{} ({})",
                            m.details.name.as_str(),
                            m.details.relation.as_str()
                        ),
                        field,
                    }
                })
                .collect(),
            owners: owner_choices(tr, course, members, &get("new_step_owner")),
            fields,
            errors,
            header,
            chrome,
        }
    }
}

/// Attendance choices: not invited, absent, or present by one of the channels.
fn attendance_choices(tr: &Translator, current: &str) -> Vec<Choice> {
    let mut options = vec![
        (String::new(), tr.t("attendance-not-invited")),
        ("absent".to_owned(), tr.t("attendance-absent")),
    ];
    options.extend(
        Channel::ALL
            .iter()
            .map(|c| (c.as_str().to_owned(), word(tr, "kw-channel", c.as_str()))),
    );
    Choice::list(options, current)
}

/// Who chaired: not said (a planned meeting), or one of [`Chair::ALL`].
fn chair_choices(tr: &Translator, current: &str) -> Vec<Choice> {
    let mut choices = vec![Choice {
        value: String::new(),
        label: tr.t("meeting-chair-unknown"),
        selected: current.is_empty(),
    }];
    choices.extend(keyword_choices(
        tr,
        "kw-chair",
        Chair::ALL.iter().map(|c| c.as_str()),
        current,
    ));
    choices
}

/// The new-meeting form with `fields` as typed (and its errors, if refused).
async fn new_meeting_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    fields: HashMap<String, String>,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let (header, course) = load(state, ctx, &chrome.tr, "/meetings")?;
    let actor = ctx.actor(state.now());
    let members = network::list(state.app(), &actor, ctx.course_ref()?, "new meeting").await?;
    let status = errors.status();
    let page = NewMeetingPage::new(chrome, (header, &course), &members, fields, errors);
    render(status, &page)
}

/// A new meeting's form: a network meeting held today with the young person present.
fn fresh_fields(today: Date) -> HashMap<String, String> {
    HashMap::from([
        ("kind".to_owned(), "network_meeting".to_owned()),
        ("held_on".to_owned(), today.to_string()),
        ("held".to_owned(), "on".to_owned()),
        ("young_person_present".to_owned(), "on".to_owned()),
        ("young_person_channel".to_owned(), "in_person".to_owned()),
        ("chair".to_owned(), "processor".to_owned()),
    ])
}

pub(crate) async fn new_meeting_form(
    Page { state, chrome, ctx }: Page,
) -> Result<Response, AppError> {
    let fields = fresh_fields(state.today());
    new_meeting_page(&state, chrome, &ctx, fields, FormErrors::new()).await
}

fn optional_text(
    tr: &Translator,
    errors: &mut FormErrors,
    field: &'static str,
    value: &str,
) -> Option<PlainText> {
    if value.trim().is_empty() {
        return None;
    }
    crate::forms::optional_text(errors, tr, (field, value), MAX_MEETING_TEXT_CHARS)
}

/// The form's fields by name.
struct Fields<'a>(&'a HashMap<String, String>);

impl Fields<'_> {
    fn get(&self, key: &str) -> &str {
        self.0.get(key).map_or("", String::as_str)
    }

    fn on(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }
}

/// The current network's attendance as chosen on the form.
fn attendance(
    tr: &Translator,
    errors: &mut FormErrors,
    fields: &Fields<'_>,
    members: &[MemberRecord],
) -> Vec<Attendance> {
    let mut attendance = Vec::new();
    for member in members.iter().filter(|m| m.active_to.is_none()) {
        match fields.get(&format!("attend_{}", member.id)) {
            "" => {}
            "absent" => attendance.push(Attendance {
                member: member.id,
                attended: false,
                channel: None,
            }),
            word => match Channel::parse(word) {
                Ok(channel) => attendance.push(Attendance {
                    member: member.id,
                    attended: true,
                    channel: Some(channel),
                }),
                Err(_) => errors.add("attendance", tr.t("course-error-choose")),
            },
        }
    }
    attendance
}

/// The step agreed at the meeting, when the form names one.
fn agreed_step(
    tr: &Translator,
    errors: &mut FormErrors,
    fields: &Fields<'_>,
    (course, members): (&CourseRecord, &[MemberRecord]),
) -> Option<AgreedStep> {
    let step_text = fields.get("new_step_description");
    if step_text.trim().is_empty() && fields.get("new_step_owner").is_empty() {
        return None;
    }
    let description = crate::forms::required_text(
        errors,
        tr,
        ("new_step_description", step_text),
        MAX_STEP_CHARS,
        "step-error-description",
    );
    let owner = parse_owner(fields.get("new_step_owner"), course, members);
    if owner.is_none() {
        errors.add("new_step_owner", tr.t("course-error-owner-required"));
    }
    let due = optional_date(tr, errors, "new_step_due", fields.get("new_step_due"));
    description
        .zip(owner)
        .map(|(description, owner)| AgreedStep {
            description,
            owner,
            due_date: due,
        })
}

/// Parses the meeting form against the course and its network, on `today`.
fn parse_meeting(
    tr: &Translator,
    fields: &HashMap<String, String>,
    (course, members): (&CourseRecord, &[MemberRecord]),
    today: Date,
) -> Result<RecordMeeting, FormErrors> {
    let fields = Fields(fields);
    let mut errors = FormErrors::new();
    let kind = MeetingKind::parse(fields.get("kind"))
        .map_err(|_| errors.add("kind", choose_message(tr, "meeting-kind")))
        .ok();
    let held_on = required_date(tr, &mut errors, "held_on", fields.get("held_on"));
    let next_meeting = optional_date(tr, &mut errors, "next_meeting", fields.get("next_meeting"));
    let chair = match fields.get("chair") {
        "" => None,
        word => Chair::parse(word)
            .map_err(|_| errors.add("chair", choose_message(tr, "meeting-chair")))
            .ok(),
    };
    let young_channel = if fields.on("young_person_present") {
        let channel = Channel::parse(fields.get("young_person_channel")).ok();
        if channel.is_none() {
            errors.add(
                "young_person_channel",
                choose_message(tr, "meeting-channel"),
            );
        }
        channel
    } else {
        None
    };
    let text = |errors: &mut FormErrors, field| optional_text(tr, errors, field, fields.get(field));
    let views = text(&mut errors, "views_own_words");
    let outcomes = text(&mut errors, "outcomes");
    let minutes = text(&mut errors, "minutes");
    let attendance = attendance(tr, &mut errors, &fields, members);
    let step = agreed_step(tr, &mut errors, &fields, (course, members));
    let (Some(kind), Some(held_on), true) = (kind, held_on, errors.is_empty()) else {
        return Err(errors);
    };
    let details = MeetingDetails {
        kind,
        held_on,
        held: fields.on("held"),
        young_person_present: fields.on("young_person_present"),
        views_own_words: views,
        chair,
        private_family_time: fields.on("private_family_time"),
        support_person_present: fields.on("support_person_present"),
        outcomes,
        minutes,
        minutes_shared: fields.on("minutes_shared"),
        next_meeting,
    };
    for problem in details.problems(today, course.details.awareness_date) {
        add_problem(tr, &mut errors, problem);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(RecordMeeting {
        details,
        young_person_channel: young_channel,
        attendance,
        step,
        snapshot: fields.on("snapshot"),
    })
}

pub(crate) async fn create_meeting(
    Page { state, chrome, ctx }: Page,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let course = ctx.course_ref()?;
    let members = network::members_of(state.app(), course).await?;
    let entry = ctx.course_record()?;
    let command = match parse_meeting(&chrome.tr, &fields, (&entry, &members), state.today()) {
        Ok(command) => command,
        Err(errors) => return new_meeting_page(&state, chrome, &ctx, fields, errors).await,
    };
    let meeting = meetings::record(state.app(), &ctx.actor(state.now()), course, &command).await?;
    see_other(&format!("/courses/{}/meetings/{meeting}", course.id))
}
