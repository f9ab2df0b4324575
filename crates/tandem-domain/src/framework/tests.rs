//! Tests of framework parsing and validation, and of the shipped default framework.

use super::*;

#[test]
fn the_default_framework_matches_the_specification() {
    let f = Framework::default_framework();
    assert_eq!((f.id(), f.version()), ("tandem-default", 3));
    let ids: Vec<&str> = f.questions().iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "T1", "T2", "T3", "T4", "D1", "D2", "D3", "D4", "D5", "M1", "M2", "M3", "M4"
        ]
    );
    let reduced: Vec<&str> = f.reduced_questions().map(|q| q.id.as_str()).collect();
    assert_eq!(
        reduced,
        ["T1", "D2", "D3", "M3"],
        "the short set for young people and networks"
    );
    let m3 = &f.questions()[11];
    assert_eq!(
        (m3.kind, m3.max, m3.options.len()),
        (QuestionKind::Multiple, Some(2), 8)
    );
    assert!(f.questions()[8].optional, "D5 is optional");
    let t4 = &f.questions()[3];
    assert!(t4.optional, "management is not in every story");
    assert_eq!(t4.codes, t1_codes(&f), "T4's corners are T1's logics");
    assert_eq!(f.prompts().len(), 3);
    let t1 = &f.questions()[0];
    assert_eq!(t1.codes, ["TPA", "NPM", "NPG"]);
    assert_eq!(
        t1.coded_label(2, &t1.labels[2].en),
        "Getting there together — relationships, dialogue, shared solutions (NPG)"
    );
}

fn t1_codes(f: &Framework) -> Vec<String> {
    f.questions()[0].codes.clone()
}

/// Tellers never see a theory's code: it primes the answer (issue 20). Young people and their
/// networks are asked the short set in their own words.
#[test]
fn no_teller_sees_a_theory_code_and_young_people_get_plain_words() {
    let f = Framework::default_framework();
    let shown = |q: &Question| {
        let mut texts = vec![q.stem.da.clone(), q.stem.en.clone()];
        texts.extend(q.labels.iter().flat_map(|l| [l.da.clone(), l.en.clone()]));
        texts.extend(q.options.iter().flat_map(|o| [o.da.clone(), o.en.clone()]));
        texts
    };
    let young = f.questions_for_young_people();
    for text in f.questions().iter().chain(&young).flat_map(shown) {
        for code in ["TPA", "NPM", "NPG"] {
            assert!(!text.contains(code), "{code} shown to a teller in {text:?}");
        }
    }
    let ids: Vec<&str> = young.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["T1", "D2", "D3", "M3"], "the same signifiers");
    assert_eq!(young[1].stem.da, "Hvem bestemte?");
    assert_eq!(young[0].labels[2].da, "at finde en vej sammen med mig");
    assert_eq!(young[3].options[5].id, "worried", "answers keep their ids");
    assert!(
        young.iter().all(|q| q.plain.is_some()),
        "every short-set question has plain words"
    );
}

#[test]
fn codes_and_plain_wordings_that_do_not_fit_are_refused() {
    assert_eq!(
        with(|t| t.replacen(
            "codes = [\"TPA\", \"NPM\", \"NPG\"]",
            "codes = [\"TPA\", \"NPM\"]",
            1
        ))
        .err(),
        Some(FrameworkError::InvalidCodes("T1".into()))
    );
    assert_eq!(
        with(|t| t.replacen("\"NPG\"]", "\"npg\"]", 1)).err(),
        Some(FrameworkError::InvalidCodes("T1".into()))
    );
    assert_eq!(
        with(|t| t.replacen(
            "{ id = \"hopeful\", da = \"glad",
            "{ id = \"happy\", da = \"glad",
            1
        ))
        .err(),
        Some(FrameworkError::InvalidWording("M3".into()))
    );
    assert_eq!(
        with(|t| t.replacen(
            "  { da = \"let at forstå\", en = \"easy to understand\" },\n",
            "",
            1
        ))
        .err(),
        Some(FrameworkError::InvalidWording("D3".into()))
    );
}

#[test]
fn export_and_import_round_trip() {
    let f = Framework::default_framework();
    let text = f.to_toml().expect("export");
    assert_eq!(Framework::parse_toml(&text), Ok(f.clone()));
    assert_eq!(f.next_version().version(), 4);
}

fn with(edit: impl Fn(&str) -> String) -> Result<Framework, FrameworkError> {
    Framework::parse_toml(&edit(DEFAULT))
}

#[test]
fn broken_frameworks_are_refused_with_the_question_named() {
    assert_eq!(
        with(|t| t.replacen("id = \"D1\"", "id = \"T1\"", 1)).err(),
        Some(FrameworkError::DuplicateId("T1".into()))
    );
    assert_eq!(
        with(|t| t.replacen("id = \"T2\"", "id = \"T 2\"", 1)).err(),
        Some(FrameworkError::InvalidId("T 2".into()))
    );
    assert_eq!(
        with(|t| t.replacen("max = 2", "max = 9", 1)).err(),
        Some(FrameworkError::InvalidMax("M3".into()))
    );
    assert_eq!(
        with(|t| t.replacen("id = \"hopeful\"", "id = \"proud\"", 1)).err(),
        Some(FrameworkError::DuplicateId("M3.proud".into()))
    );
    assert_eq!(
        with(|t| t.replacen("en = \"confusing\"", "en = \" \"", 1)).err(),
        Some(FrameworkError::MissingTranslation("D3".into()))
    );
    assert!(matches!(
        Framework::parse_toml("id = \"x\"\nversion = \"one\""),
        Err(FrameworkError::Syntax(_))
    ));
}

#[test]
fn a_triad_needs_three_corners_and_a_dyad_two_poles() {
    let two_corners = "id = \"f\"\nversion = 1\nname = { da = \"a\", en = \"b\" }\n[[questions]]\nid = \"T1\"\nkind = \"triad\"\nstem = { da = \"s\", en = \"s\" }\nlabels = [{ da = \"a\", en = \"a\" }, { da = \"b\", en = \"b\" }]\n";
    assert_eq!(
        Framework::parse_toml(two_corners).err(),
        Some(FrameworkError::WrongLabelCount {
            question: "T1".into(),
            expected: 3
        })
    );
    let one_option = "id = \"f\"\nversion = 1\nname = { da = \"a\", en = \"b\" }\n[[questions]]\nid = \"M1\"\nkind = \"single\"\nstem = { da = \"s\", en = \"s\" }\noptions = [{ id = \"x\", da = \"x\", en = \"x\" }]\n";
    assert_eq!(
        Framework::parse_toml(one_option).err(),
        Some(FrameworkError::TooFewOptions("M1".into()))
    );
    let empty = "id = \"f\"\nversion = 1\nname = { da = \"a\", en = \"b\" }\nquestions = []\n";
    assert_eq!(
        Framework::parse_toml(empty).err(),
        Some(FrameworkError::NoQuestions)
    );
}
