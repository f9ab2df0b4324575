use time::macros::date;

use super::tandem::{ExportRow, write};
use super::*;

fn framework() -> Framework {
    Framework::default_framework()
}

fn choices(ids: &[&str]) -> Answer {
    Answer::Choices(ids.iter().map(|s| (*s).to_owned()).collect())
}

fn sample_answers() -> Vec<Answers> {
    vec![
        vec![
            ("T1".to_owned(), Answer::Triad([0.1, 0.2, 0.7])),
            (
                "T2".to_owned(),
                Answer::Triad([1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0]),
            ),
            ("D1".to_owned(), Answer::Position(12.5)),
            ("M1".to_owned(), choices(&["co_design"])),
            (
                "M2".to_owned(),
                choices(&["young_person", "school", "manager"]),
            ),
            ("M3".to_owned(), choices(&["proud", "worried"])),
        ],
        vec![
            ("D3".to_owned(), Answer::Position(0.0)),
            ("M4".to_owned(), choices(&["often"])),
        ],
        Vec::new(),
    ]
}

#[test]
fn tandem_csv_written_and_read_back_gives_identical_answers() {
    let framework = framework();
    let answers = sample_answers();
    for language in ["da", "en"] {
        let rows: Vec<ExportRow<'_>> = answers
            .iter()
            .enumerate()
            .map(|(i, a)| ExportRow {
                key: "k",
                text: if i == 0 {
                    "Line one,\n\"quoted\" line two"
                } else {
                    "Kort."
                },
                collected_on: date!(2026 - 03 - 04),
                teller_kind: if i == 0 {
                    Teller::YoungPerson
                } else {
                    Teller::Staff
                },
                teller: if i == 0 { "" } else { "p1" },
                answers: a,
            })
            .collect();
        let mut bytes = Vec::new();
        write(&framework, rows, language, &mut bytes).expect("write");
        let parsed = read(Format::Tandem, &framework, &bytes).expect("read");
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let back: Vec<Answers> = parsed.stories.iter().map(|s| s.answers.clone()).collect();
        assert_eq!(back, answers, "language {language}");
        assert_eq!(
            parsed.stories[0].text.as_str(),
            "Line one,\n\"quoted\" line two"
        );
        assert_eq!(parsed.stories[0].collected_on, Some(date!(2026 - 03 - 04)));
        assert_eq!(parsed.stories[0].line, 2);
        let tellers: Vec<(Option<Teller>, Option<&str>)> = (parsed.stories.iter())
            .map(|s| (s.teller_kind, s.teller_key.as_deref()))
            .collect();
        assert_eq!(tellers[0], (Some(Teller::YoungPerson), None), "no key");
        assert_eq!(tellers[1], (Some(Teller::Staff), Some("p1")));
        assert!(parsed.ignored_columns.is_empty());
    }
}

#[test]
fn a_narrafirma_export_imports_with_every_answer_mapped() {
    let bytes = include_bytes!("fixtures/narrafirma_export.csv");
    let parsed = read(Format::NarraFirma, &framework(), bytes).expect("read");
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(parsed.stories.len(), 3);
    let first = &parsed.stories[0];
    assert_eq!(
        first.title.as_ref().map(PlainText::as_str),
        Some("The family plan")
    );
    assert_eq!(first.line, 3, "two header rows come first");
    assert_eq!(
        first.answers,
        vec![
            ("D1".to_owned(), Answer::Position(35.0)),
            ("D2".to_owned(), Answer::Position(62.0)),
            ("D3".to_owned(), Answer::Position(80.0)),
            ("D4".to_owned(), Answer::Position(20.0)),
            ("M1".to_owned(), choices(&["co_design"])),
            ("M2".to_owned(), choices(&["young_person", "family"])),
            ("M3".to_owned(), choices(&["proud", "hopeful"])),
            ("M4".to_owned(), choices(&["now_and_then"])),
        ]
    );
    assert_eq!(
        first.annotations,
        vec![("Theme".to_owned(), "ownership".to_owned())]
    );
    assert_eq!(
        parsed.stories[1].text.as_str(),
        "We waited three weeks for a signature; \"the system\" said no."
    );
    let third = &parsed.stories[2];
    assert_eq!(third.title, None);
    assert_eq!(
        third.answers,
        vec![
            ("D2".to_owned(), Answer::Position(48.0)),
            ("M1".to_owned(), choices(&["co_delivery"])),
            ("M2".to_owned(), choices(&["school", "job_centre", "ngo"])),
            ("M4".to_owned(), choices(&["rarely"])),
        ]
    );
}

#[test]
fn a_sensemaker_wide_file_maps_percentages_and_option_columns() {
    let csv = "FragmentID,Fragment,EntryDate,T1_Top,T1_Left,T1_Right,D2,M1,M3_proud,M3_worried\n\
               f1,Det gik godt.,2026-02-03 10:15:00,20,30,50,40,doing it (co-delivery),1,0\n\
               f2,Det gik skidt.,2026-02-04T08:00:00Z,,,,,,0,1\n";
    let parsed = read(Format::SenseMaker, &framework(), csv.as_bytes()).expect("read");
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(
        parsed.stories[0].answers,
        vec![
            ("T1".to_owned(), Answer::Triad([0.2, 0.3, 0.5])),
            ("D2".to_owned(), Answer::Position(40.0)),
            ("M1".to_owned(), choices(&["co_delivery"])),
            ("M3".to_owned(), choices(&["proud"])),
        ]
    );
    assert_eq!(
        parsed.stories[1].answers,
        vec![("M3".to_owned(), choices(&["worried"]))]
    );
    assert_eq!(parsed.stories[1].collected_on, Some(date!(2026 - 02 - 04)));
}

#[test]
fn every_bad_row_is_reported_with_its_line_and_the_good_rows_are_kept_apart() {
    let mut csv = b"id,text,collected_on,T1.a,T1.b,T1.c,D1,M1\n".to_vec();
    csv.extend_from_slice(b"1,fine,2026-01-01,1,1,1,50,rarely\n"); // line 2 (M1 is not M4: unknown)
    csv.extend_from_slice(b"2,negative weight,2026-01-01,-1,1,1,50,\n"); // line 3
    csv.extend_from_slice(b"3,slider too far,2026-01-01,,,,101,\n"); // line 4
    csv.extend_from_slice(b"4,too few,2026-01-01\n"); // line 5
    csv.extend_from_slice(b"5,bad \xff bytes,2026-01-01,,,,,\n"); // line 6
    csv.extend_from_slice(b"6,bad date,2026-13-01,,,,,\n"); // line 7
    csv.extend_from_slice(b"7,good,2026-01-02,,,,0,not sure\n"); // line 8
    csv.extend_from_slice(b"8,\"multi\nline\",2026-01-02,,,,0,\n"); // lines 9-10
    csv.extend_from_slice(b"9,,2026-01-02,,,,0,\n"); // line 11: empty text
    let parsed = read(Format::Tandem, &framework(), &csv).expect("read");
    let lines: Vec<(u64, &str)> = parsed.errors.iter().map(|e| (e.line, e.key)).collect();
    assert_eq!(
        lines,
        vec![
            (2, "answer"),
            (3, "answer"),
            (4, "answer"),
            (5, "column-count"),
            (6, "not-utf8"),
            (7, "date"),
            (11, "text"),
        ]
    );
    assert!(parsed.errors[0].detail.contains("M1") && parsed.errors[0].detail.contains("rarely"));
    assert_eq!(parsed.stories.len(), 2);
}

#[test]
fn files_that_cannot_be_read_are_refused_as_a_whole() {
    let f = framework();
    assert_eq!(read(Format::Tandem, &f, b""), Err(FileError::Empty));
    assert_eq!(read(Format::Tandem, &f, b"\n\n"), Err(FileError::Empty));
    let big = vec![b'a'; 50 * 1000 * 1000];
    assert_eq!(read(Format::Tandem, &f, &big), Err(FileError::TooLarge));
    assert_eq!(
        read(Format::Tandem, &f, b"id,collected_on\n1,2026-01-01\n"),
        Err(FileError::MissingColumn("text"))
    );
    assert_eq!(
        read(Format::Tandem, &f, b"id,text\n1,x\n"),
        Err(FileError::MissingColumn("collected_on"))
    );
    assert!(matches!(
        read(Format::Tandem, &f, b"id,te\xffxt,collected_on\n"),
        Err(FileError::Header(_))
    ));
}

proptest::proptest! {
    #[test]
    fn any_bytes_are_read_or_refused_without_panicking(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        for format in Format::ALL {
            let _ = read(*format, &framework(), &bytes);
        }
        let mut with_header = b"id,text,collected_on,T1.a,T1.b,T1.c,D1,M2\n".to_vec();
        with_header.extend_from_slice(&bytes);
        let _ = read(Format::Tandem, &framework(), &with_header);
    }
}

#[test]
fn a_quote_that_is_never_closed_is_reported_at_its_line_not_merged_into_one_story() {
    let mut csv = b"id,text,collected_on,T1.a,T1.b,T1.c,D1,M1\n".to_vec();
    csv.extend_from_slice(b"1,fine,2026-01-01,,,,50,\n"); // line 2
    csv.extend_from_slice(b"2,\"She said no,2026-01-01,,,,50,\n"); // line 3: opens, never closes
    csv.extend_from_slice(b"3,swallowed,2026-01-02,,,,40,\n"); // line 4
    csv.extend_from_slice(b"4,swallowed too,2026-01-02,,,,40,\n"); // line 5
    let parsed = read(Format::Tandem, &framework(), &csv).expect("read");
    let lines: Vec<(u64, &str)> = parsed.errors.iter().map(|e| (e.line, e.key)).collect();
    assert_eq!(lines, vec![(3, "unclosed-quote")]);
    assert_eq!(parsed.stories.len(), 1);

    // The same in the last column, where the merged row would have had the right width.
    let mut csv = b"id,text,collected_on,D1,M1\n".to_vec();
    csv.extend_from_slice(b"1,fine,2026-01-01,50,\n"); // line 2
    csv.extend_from_slice(b"2,also fine,2026-01-01,50,\"\n"); // line 3
    csv.extend_from_slice(b"3,swallowed,2026-01-02,40,\n"); // line 4
    let parsed = read(Format::Tandem, &framework(), &csv).expect("read");
    let lines: Vec<(u64, &str)> = parsed.errors.iter().map(|e| (e.line, e.key)).collect();
    assert_eq!(lines, vec![(3, "unclosed-quote")]);
    assert_eq!(parsed.stories.len(), 1);

    // Closed quotes, doubled quotes and quotes inside unquoted text are fine.
    let mut csv = b"id,text,collected_on,D1,M1\n".to_vec();
    csv.extend_from_slice(b"1,\"two\nlines, \"\"quoted\"\"\",2026-01-01,50,\n");
    csv.extend_from_slice(b"2,she said \"hi,2026-01-01,50,\n");
    let parsed = read(Format::Tandem, &framework(), &csv).expect("read");
    assert_eq!(parsed.errors, vec![]);
    assert_eq!(parsed.stories.len(), 2);
}

#[test]
fn texts_that_look_like_formulas_are_exported_inert_and_read_back_as_written() {
    let f = framework();
    let answers: crate::story::Answers = Vec::new();
    let texts = ["=HYPERLINK(\"http://evil\")", "'quoted", "-1 dag", "plain"];
    let rows = texts.map(|text| ExportRow {
        key: "k",
        text,
        collected_on: date!(2026 - 01 - 01),
        teller_kind: Teller::Imported,
        teller: "",
        answers: &answers,
    });
    let mut bytes = Vec::new();
    write(&f, rows, "da", &mut bytes).expect("write");
    let file = String::from_utf8(bytes.clone()).expect("utf-8");
    assert!(file.contains("'=HYPERLINK") && file.contains("''quoted") && file.contains("'-1 dag"));
    assert!(
        !file
            .lines()
            .any(|l| l.starts_with("k,=") || l.starts_with("k,-"))
    );
    let parsed = read(Format::Tandem, &f, &bytes).expect("read");
    let read_back: Vec<&str> = parsed.stories.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(read_back, texts);
}

#[test]
fn columns_outside_the_framework_are_left_out_with_a_notice_and_tellers_are_read() {
    let f = framework();
    let csv = b"id,text,collected_on,team,teller_kind,teller,<script>,D1\n\
        1,first,2026-01-01,Nord,staff,p7,x,40\n\
        2,second,2026-01-02,Syd,,,y,\n";
    let parsed = read(Format::Tandem, &f, csv).expect("read");
    assert_eq!(
        parsed.ignored_columns,
        vec!["team".to_owned(), "<script>".to_owned()]
    );
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let first = &parsed.stories[0];
    assert_eq!(
        (first.teller_kind, first.teller_key.as_deref()),
        (Some(crate::story::Teller::Staff), Some("p7"))
    );
    assert_eq!(
        first.answers,
        vec![("D1".to_owned(), Answer::Position(40.0))]
    );
    let second = &parsed.stories[1];
    assert_eq!(
        (second.teller_kind, second.teller_key.as_deref()),
        (None, None)
    );
    // A kind that is none, or a key that is not one line of text, is the row's error.
    let bad = b"id,text,collected_on,teller_kind,teller\n1,a,2026-01-01,boss,\n2,b,2026-01-01,,\"p\x01\"\n";
    let parsed = read(Format::Tandem, &f, bad).expect("read");
    let keys: Vec<(u64, &str)> = parsed.errors.iter().map(|e| (e.line, e.key)).collect();
    assert_eq!(keys, vec![(2, "teller-kind"), (3, "teller")]);
}
