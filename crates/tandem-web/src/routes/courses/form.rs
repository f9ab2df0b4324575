//! The course form, shared by "new course" and "edit course": the raw form, its parsing into
//! [`CourseDetails`] with a translated error per field, and the page that shows it.

use askama::Template;
use serde::Deserialize;
use tandem_app::courses::{CourseRecord, CourseSettings};
use tandem_domain::PlainText;
use tandem_domain::course::details::{CourseDetails, MAX_NAME_CHARS};
use tandem_domain::course::kinds::{
    AssessmentKind, ClosureReason, CourseStatus, PlanKind, PreferredLanguage,
};
use time::Date;

use super::shared::input_date;
use crate::forms::{
    Choice, FormErrors, add_problem, keyword_choices, optional_date, required_date,
};
use crate::i18n::Translator;
use crate::page::Chrome;

/// The course form as submitted: every field as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CourseForm {
    pub young_person_name: String,
    pub birth_date: String,
    pub preferred_language: String,
    pub accessibility_needs: String,
    pub legal_basis: String,
    pub status: String,
    pub external_reference: String,
    pub awareness_date: String,
    pub assessment_kind: String,
    pub assessment_completed: String,
    pub decision_date: String,
    pub placement: Option<String>,
    pub placement_without_consent: Option<String>,
    pub plan_kind: String,
    pub plan_completed: String,
    pub intervention_start: String,
    pub follow_up_interval_days: String,
    pub follow_up_reason: String,
    pub closure_date: String,
    pub closure_reason: String,
    /// Staff-internal note (not part of the details: never shown to citizens, R4).
    pub internal_note: String,
}

impl CourseForm {
    /// The form filled from a stored course with its internal note (for editing).
    #[must_use]
    pub fn from_course(course: &CourseRecord) -> Self {
        Self {
            internal_note: course.internal_note.clone().unwrap_or_default(),
            ..Self::from_details(&course.details)
        }
    }

    /// The form filled from a stored course's details.
    #[must_use]
    pub fn from_details(d: &CourseDetails) -> Self {
        let text = |t: &Option<PlainText>| {
            t.as_ref()
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default()
        };
        let on = |b: bool| b.then(|| "on".to_owned());
        Self {
            young_person_name: d.young_person_name.as_str().to_owned(),
            birth_date: d.birth_date.to_string(),
            preferred_language: d.preferred_language.as_str().to_owned(),
            accessibility_needs: text(&d.accessibility_needs),
            legal_basis: d.legal_basis.clone(),
            status: d.status.as_str().to_owned(),
            external_reference: text(&d.external_reference),
            awareness_date: d.awareness_date.to_string(),
            assessment_kind: d.assessment_kind.as_str().to_owned(),
            assessment_completed: input_date(d.assessment_completed),
            decision_date: input_date(d.decision_date),
            placement: on(d.placement),
            placement_without_consent: on(d.placement_without_consent),
            plan_kind: d.plan_kind.as_str().to_owned(),
            plan_completed: input_date(d.plan_completed),
            intervention_start: input_date(d.intervention_start),
            follow_up_interval_days: d
                .follow_up_interval_days
                .map(|v| v.to_string())
                .unwrap_or_default(),
            follow_up_reason: text(&d.follow_up_reason),
            closure_date: input_date(d.closure_date),
            closure_reason: d
                .closure_reason
                .map(|r| r.as_str().to_owned())
                .unwrap_or_default(),
            internal_note: String::new(),
        }
    }

    /// A blank form with the usual defaults.
    #[must_use]
    pub fn blank() -> Self {
        Self {
            preferred_language: "da".into(),
            status: "referred".into(),
            assessment_kind: "child_assessment".into(),
            plan_kind: "none".into(),
            ..Self::default()
        }
    }

    /// The internal note to store, if any was written.
    #[must_use]
    pub fn note(&self) -> Option<&str> {
        Some(self.internal_note.trim()).filter(|n| !n.is_empty())
    }

    /// Parses the form; every broken rule becomes a translated error beside its field.
    ///
    /// # Errors
    /// The form's errors, when any rule is broken.
    pub fn parse(
        &self,
        tr: &Translator,
        settings: &CourseSettings,
        today: Date,
    ) -> Result<CourseDetails, FormErrors> {
        let mut errors = FormErrors::new();
        let mut date = |field: &'static str, value: &str, required: bool| -> Option<Date> {
            if required {
                required_date(tr, &mut errors, field, value)
            } else {
                optional_date(tr, &mut errors, field, value)
            }
        };
        let birth_date = date("birth_date", &self.birth_date, true);
        let awareness_date = date("awareness_date", &self.awareness_date, true);
        let assessment_completed = date("assessment_completed", &self.assessment_completed, false);
        let decision_date = date("decision_date", &self.decision_date, false);
        let plan_completed = date("plan_completed", &self.plan_completed, false);
        let intervention_start = date("intervention_start", &self.intervention_start, false);
        let closure_date = date("closure_date", &self.closure_date, false);
        let name = crate::forms::required_line(
            &mut errors,
            tr,
            ("young_person_name", &self.young_person_name),
            MAX_NAME_CHARS,
            "course-error-name",
        );
        let optional = |value: &str, max| PlainText::parse(value, max).ok();
        let long_text = |field: &'static str, value: &str, max: usize, errors: &mut FormErrors| {
            if value.chars().count() > max
                || value
                    .chars()
                    .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            {
                errors.add(field, tr.t("course-error-text"));
            }
        };
        long_text(
            "accessibility_needs",
            &self.accessibility_needs,
            500,
            &mut errors,
        );
        long_text(
            "external_reference",
            &self.external_reference,
            100,
            &mut errors,
        );
        long_text("follow_up_reason", &self.follow_up_reason, 500, &mut errors);
        long_text("internal_note", &self.internal_note, 4000, &mut errors);
        if !settings.legal_bases.contains(&self.legal_basis) {
            errors.add("legal_basis", tr.t("course-error-choose"));
        }
        let mut pick = |field: &'static str, ok: bool| {
            if !ok {
                errors.add(field, tr.t("course-error-choose"));
            }
        };
        let status = CourseStatus::parse(&self.status).ok();
        pick("status", status.is_some());
        let language = PreferredLanguage::parse(&self.preferred_language).ok();
        pick("preferred_language", language.is_some());
        let assessment_kind = AssessmentKind::parse(&self.assessment_kind).ok();
        pick("assessment_kind", assessment_kind.is_some());
        let plan_kind = PlanKind::parse(&self.plan_kind).ok();
        pick("plan_kind", plan_kind.is_some());
        let closure_reason = if self.closure_reason.is_empty() {
            Some(None)
        } else {
            ClosureReason::parse(&self.closure_reason).ok().map(Some)
        };
        pick("closure_reason", closure_reason.is_some());
        let interval = if self.follow_up_interval_days.trim().is_empty() {
            Some(None)
        } else {
            self.follow_up_interval_days
                .trim()
                .parse::<u32>()
                .ok()
                .map(Some)
        };
        if interval.is_none() {
            errors.add(
                "follow_up_interval_days",
                tr.t("course-error-interval-range"),
            );
        }
        let (
            Some(young_person_name),
            Some(birth_date),
            Some(awareness_date),
            Some(status),
            Some(preferred_language),
            Some(assessment_kind),
            Some(plan_kind),
            Some(closure_reason),
            Some(follow_up_interval_days),
            true,
        ) = (
            name,
            birth_date,
            awareness_date,
            status,
            language,
            assessment_kind,
            plan_kind,
            closure_reason,
            interval,
            errors.is_empty(),
        )
        else {
            return Err(errors);
        };
        let details = CourseDetails {
            young_person_name,
            birth_date,
            preferred_language,
            accessibility_needs: optional(&self.accessibility_needs, 500),
            legal_basis: self.legal_basis.clone(),
            status,
            awareness_date,
            assessment_kind,
            assessment_completed,
            decision_date,
            placement: self.placement.is_some(),
            placement_without_consent: self.placement_without_consent.is_some(),
            plan_kind,
            plan_completed,
            intervention_start,
            follow_up_interval_days,
            follow_up_reason: optional(&self.follow_up_reason, 500),
            closure_date,
            closure_reason,
            external_reference: optional(&self.external_reference, 100),
        };
        for problem in details.problems(today) {
            add_problem(tr, &mut errors, problem);
        }
        if errors.is_empty() {
            Ok(details)
        } else {
            Err(errors)
        }
    }
}

/// The course form page (new or edit).
#[derive(Template)]
#[template(path = "courses/form.html")]
pub struct CourseFormPage {
    pub chrome: Chrome,
    /// Page heading.
    pub heading: String,
    /// Where the form posts.
    pub action: String,
    /// Where "cancel" leads.
    pub back: String,
    pub form: CourseForm,
    pub errors: FormErrors,
    pub languages: Vec<Choice>,
    pub legal_bases: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub assessment_kinds: Vec<Choice>,
    pub plan_kinds: Vec<Choice>,
    pub closure_reasons: Vec<Choice>,
}

impl CourseFormPage {
    /// The page for `form`.
    #[must_use]
    pub fn new(
        chrome: Chrome,
        heading: String,
        action: String,
        back: String,
        form: CourseForm,
        errors: FormErrors,
        settings: &CourseSettings,
    ) -> Self {
        let tr = &chrome.tr;
        let words = |all: &[&'static str]| all.to_vec();
        let mut closure_reasons = vec![Choice {
            value: String::new(),
            label: tr.t("course-closure-none"),
            selected: form.closure_reason.is_empty(),
        }];
        closure_reasons.extend(keyword_choices(
            tr,
            "kw-closure",
            ClosureReason::ALL.iter().map(|r| r.as_str()),
            &form.closure_reason,
        ));
        Self {
            languages: keyword_choices(
                tr,
                "kw-language",
                words(
                    &PreferredLanguage::ALL
                        .iter()
                        .map(|l| l.as_str())
                        .collect::<Vec<_>>(),
                ),
                &form.preferred_language,
            ),
            legal_bases: Choice::list(
                settings.legal_bases.iter().map(|b| (b.clone(), b.clone())),
                &form.legal_basis,
            ),
            statuses: keyword_choices(
                tr,
                "kw-status",
                CourseStatus::ALL.iter().map(|s| s.as_str()),
                &form.status,
            ),
            assessment_kinds: keyword_choices(
                tr,
                "kw-assessment",
                AssessmentKind::ALL.iter().map(|s| s.as_str()),
                &form.assessment_kind,
            ),
            plan_kinds: keyword_choices(
                tr,
                "kw-plan",
                PlanKind::ALL.iter().map(|s| s.as_str()),
                &form.plan_kind,
            ),
            closure_reasons,
            chrome,
            heading,
            action,
            back,
            form,
            errors,
        }
    }
}
