//! The demo's words: names, relations, goals in young people's own words, steps, views and
//! statements — in Danish, and in English for the young people who prefer it. Invented, but
//! written the way young people and social workers talk, so the demo reads like real work.

use tandem_domain::course::kinds::{LifeArea, Sector, StatementTopic};

/// First names of young people.
pub const FIRST_NAMES: &[&str] = &[
    "Mia",
    "Emma",
    "Ida",
    "Freja",
    "Sofie",
    "Laura",
    "Noah",
    "William",
    "Oscar",
    "Lucas",
    "Victor",
    "Malthe",
    "Alfred",
    "Carl",
    "Aya",
    "Yusuf",
    "Sara",
    "Mohammed",
    "Ali",
    "Nora",
    "Ella",
    "Liva",
    "Asta",
    "Magnus",
    "Elias",
    "Frederik",
    "Isabella",
    "Clara",
    "Anton",
    "Mathias",
    "Amalie",
    "Josefine",
    "Sebastian",
    "Kasper",
    "Zainab",
    "Leon",
    "Mikkel",
    "Selma",
];

/// Family names.
pub const LAST_NAMES: &[&str] = &[
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Ahmed",
    "Hussein",
    "Yilmaz",
    "Kowalski",
    "Berg",
    "Holm",
    "Dam",
    "Lund",
    "Winther",
];

/// Network relations: sector, relation in Danish, relation in English, a name.
pub const RELATIONS: &[(Sector, &str, &str, &str)] = &[
    (Sector::Family, "mor", "mother", "Hanne"),
    (Sector::Family, "far", "father", "Jesper"),
    (Sector::Family, "mormor", "grandmother", "Inge"),
    (Sector::Family, "morfar", "grandfather", "Poul"),
    (Sector::Family, "storebror", "big brother", "Mads"),
    (Sector::Family, "moster", "aunt", "Lone"),
    (Sector::Family, "papfar", "stepfather", "Kim"),
    (Sector::Friends, "bedste ven", "best friend", "Jonas"),
    (Sector::Friends, "veninde", "friend", "Cecilie"),
    (Sector::Friends, "kæreste", "girlfriend", "Alberte"),
    (
        Sector::SchoolWork,
        "klasselærer",
        "class teacher",
        "Karin Mortensen",
    ),
    (
        Sector::SchoolWork,
        "UU-vejleder",
        "careers adviser",
        "Bo Vestergaard",
    ),
    (
        Sector::SchoolWork,
        "mester på værkstedet",
        "workshop supervisor",
        "Henrik Friis",
    ),
    (
        Sector::Leisure,
        "fodboldtræner",
        "football coach",
        "Søren Bach",
    ),
    (
        Sector::Leisure,
        "klubmedarbejder",
        "youth club worker",
        "Amina",
    ),
    (Sector::Leisure, "spejderleder", "scout leader", "Gitte"),
    (
        Sector::Professional,
        "psykolog",
        "psychologist",
        "PPR, Louise",
    ),
    (
        Sector::Professional,
        "kontaktperson",
        "contact person",
        "Thomas Krogh",
    ),
    (
        Sector::Professional,
        "SSP-medarbejder",
        "SSP worker",
        "Nadia",
    ),
    (Sector::Professional, "egen læge", "GP", "Lægehuset Nord"),
];

/// A goal as a young person might say it, with own-words anchors for 0 and 10.
pub struct GoalText {
    /// Life area.
    pub area: LifeArea,
    /// Danish: goal, 0, 10.
    pub da: (&'static str, &'static str, &'static str),
    /// English: goal, 0, 10.
    pub en: (&'static str, &'static str, &'static str),
}

/// Goals in young people's own words.
pub const GOALS: &[GoalText] = &[
    GoalText {
        area: LifeArea::School,
        da: (
            "Jeg vil gerne komme i skole hver dag",
            "Jeg kommer næsten aldrig",
            "Jeg er der hver dag",
        ),
        en: (
            "I want to go to school every day",
            "I hardly ever go",
            "I'm there every day",
        ),
    },
    GoalText {
        area: LifeArea::Friends,
        da: (
            "Jeg vil have en ven, jeg kan snakke med",
            "Jeg er helt alene",
            "Jeg har en rigtig ven",
        ),
        en: (
            "I want a friend I can talk to",
            "I'm all alone",
            "I have a real friend",
        ),
    },
    GoalText {
        area: LifeArea::Family,
        da: (
            "Jeg vil ikke råbe af min mor, når vi bliver uenige",
            "Vi råber hver dag",
            "Vi kan snakke om det",
        ),
        en: (
            "I don't want to shout at my mum when we disagree",
            "We shout every day",
            "We can talk about it",
        ),
    },
    GoalText {
        area: LifeArea::Health,
        da: (
            "Jeg vil sove om natten i stedet for at sidde med telefonen",
            "Jeg sover næsten ikke",
            "Jeg sover hele natten",
        ),
        en: (
            "I want to sleep at night instead of being on my phone",
            "I hardly sleep",
            "I sleep all night",
        ),
    },
    GoalText {
        area: LifeArea::Leisure,
        da: (
            "Jeg vil starte til fodbold igen",
            "Jeg laver ingenting",
            "Jeg træner to gange om ugen",
        ),
        en: (
            "I want to start playing football again",
            "I do nothing",
            "I train twice a week",
        ),
    },
    GoalText {
        area: LifeArea::Housing,
        da: (
            "Jeg vil have et sted, hvor der er ro",
            "Der er aldrig ro",
            "Jeg har mit eget rum",
        ),
        en: (
            "I want a place where it's quiet",
            "It's never quiet",
            "I have my own room",
        ),
    },
    GoalText {
        area: LifeArea::Work,
        da: (
            "Jeg vil finde et fritidsjob",
            "Jeg har ikke søgt noget",
            "Jeg har et job",
        ),
        en: (
            "I want to find a part-time job",
            "I haven't applied anywhere",
            "I've got a job",
        ),
    },
    GoalText {
        area: LifeArea::Safety,
        da: (
            "Jeg vil føle mig tryg derhjemme",
            "Jeg er bange derhjemme",
            "Jeg er helt tryg",
        ),
        en: (
            "I want to feel safe at home",
            "I'm scared at home",
            "I feel completely safe",
        ),
    },
    GoalText {
        area: LifeArea::School,
        da: (
            "Jeg vil bestå 9. klasse",
            "Jeg dumper",
            "Jeg består med gode karakterer",
        ),
        en: (
            "I want to pass year 9",
            "I'm failing",
            "I pass with good marks",
        ),
    },
    GoalText {
        area: LifeArea::Family,
        da: (
            "Jeg vil se min far hver anden weekend",
            "Jeg ser ham aldrig",
            "Vi ses fast",
        ),
        en: (
            "I want to see my dad every other weekend",
            "I never see him",
            "We see each other regularly",
        ),
    },
    GoalText {
        area: LifeArea::Health,
        da: (
            "Jeg vil stoppe med at ryge hash",
            "Jeg ryger hver dag",
            "Jeg er helt stoppet",
        ),
        en: (
            "I want to stop smoking weed",
            "I smoke every day",
            "I've stopped completely",
        ),
    },
    GoalText {
        area: LifeArea::Safety,
        da: (
            "Jeg vil ud af den gruppe, der laver ballade",
            "Jeg er med hver aften",
            "Jeg er helt ude",
        ),
        en: (
            "I want to get out of the group that causes trouble",
            "I'm with them every night",
            "I'm completely out",
        ),
    },
    GoalText {
        area: LifeArea::Housing,
        da: (
            "Jeg vil kunne lave mad selv, når jeg flytter",
            "Jeg kan ingenting",
            "Jeg kan lave aftensmad",
        ),
        en: (
            "I want to be able to cook when I move out",
            "I can't do anything",
            "I can make dinner",
        ),
    },
    GoalText {
        area: LifeArea::Work,
        da: (
            "Jeg vil have styr på mine penge",
            "Pengene er væk den første uge",
            "Jeg har penge hele måneden",
        ),
        en: (
            "I want to manage my money",
            "The money's gone in the first week",
            "I have money all month",
        ),
    },
    GoalText {
        area: LifeArea::Other,
        da: (
            "Jeg vil kunne tage bussen alene",
            "Jeg tør ikke",
            "Jeg tager den selv hver dag",
        ),
        en: (
            "I want to take the bus on my own",
            "I don't dare",
            "I take it on my own every day",
        ),
    },
];

/// Steps: Danish and English.
pub const STEPS: &[(&str, &str)] = &[
    (
        "Stå op kl. 7 med vækkeur",
        "Get up at 7 with an alarm clock",
    ),
    (
        "Ringe til klubben og høre om pladser",
        "Call the club and ask about places",
    ),
    (
        "Følge til bussen mandag morgen",
        "Walk to the bus on Monday morning",
    ),
    (
        "Aftale møde med skolen",
        "Arrange a meeting with the school",
    ),
    ("Søge om fritidspas", "Apply for a leisure pass"),
    ("Tale med lægen om søvn", "Talk to the GP about sleep"),
    ("Lave en madplan sammen", "Make a meal plan together"),
    (
        "Finde tre steder at søge job",
        "Find three places to apply for a job",
    ),
    (
        "Ringe om morgenen, hvis jeg ikke er i skole",
        "Call in the morning if I'm not at school",
    ),
    (
        "Lægge telefonen i køkkenet kl. 22",
        "Leave the phone in the kitchen at 10 pm",
    ),
    (
        "Skrive ned, hvad der gjorde mig vred",
        "Write down what made me angry",
    ),
    ("Invitere Jonas med til træning", "Invite Jonas to training"),
];

/// Views in the young person's own words at a meeting.
pub const VIEWS: &[(&str, &str)] = &[
    (
        "Jeg synes, det går bedre i skolen nu",
        "I think school is going better now",
    ),
    (
        "Det er svært, når mor og far skændes",
        "It's hard when mum and dad argue",
    ),
    (
        "Jeg vil gerne have, at mormor er med næste gang",
        "I'd like my gran to come next time",
    ),
    (
        "Jeg gider ikke så mange møder",
        "I don't want so many meetings",
    ),
    (
        "Det hjalp, at Jonas ringede om morgenen",
        "It helped that Jonas called in the morning",
    ),
    (
        "Jeg vil selv bestemme, hvem der kommer til mødet",
        "I want to decide who comes to the meeting",
    ),
    (
        "Det er rart, at nogen lytter",
        "It's nice that someone listens",
    ),
    (
        "Jeg er træt af, at alle snakker om mig",
        "I'm tired of everyone talking about me",
    ),
];

/// Statements between meetings: topic, Danish, English.
pub const STATEMENTS: &[(StatementTopic, &str, &str)] = &[
    (
        StatementTopic::PrepareMeeting,
        "Kan vi tale om mine lommepenge næste gang?",
        "Can we talk about my pocket money next time?",
    ),
    (
        StatementTopic::GoodNews,
        "Jeg fik 7 i dansk!",
        "I got a good mark in Danish!",
    ),
    (
        StatementTopic::GoodNews,
        "Jeg var til træning to gange i denne uge",
        "I went to training twice this week",
    ),
    (
        StatementTopic::Problem,
        "Bussen kom ikke, så jeg kom for sent igen",
        "The bus didn't come so I was late again",
    ),
    (
        StatementTopic::Problem,
        "Jeg har mistet mit buskort",
        "I've lost my bus card",
    ),
    (
        StatementTopic::Worry,
        "Der var meget larm derhjemme i nat, og jeg kunne ikke sove",
        "It was very loud at home last night and I couldn't sleep",
    ),
    (
        StatementTopic::Worry,
        "Jeg tør ikke gå hjem i dag",
        "I don't dare go home today",
    ),
];

/// Cost measures: Danish, English, provider, monthly kroner range. Each range is an hourly
/// price from a published price list times the hours such a measure usually has (a month is
/// 4,33 weeks):
/// - contact person: 543 kr. an hour (CESA, price list "Kontaktpersonordning"), 3–6 hours a
///   week;
/// - family therapy: a consultant hour at 697–802 kr. (CESA "Konsulentopgaver"; Familieplejen
///   Storstrøm, takster 2021), 3–5 hours a week;
/// - school mentor: 328 kr. an hour for one-to-one support (Nordfyns Ungdomscenter, priser
///   2019), 2–4 hours a week;
/// - leisure pass: a club's fee, which municipalities' passes cover up to 1.500–2.000 kr. a year
///   (Dragør and Rødovre Kommune's pages on "Fritidspas").
pub const MEASURES: &[(&str, &str, &str, (i32, i32))] = &[
    (
        "Kontaktperson",
        "Contact person",
        "Kommunens kontaktpersonkorps",
        (7_000, 14_000),
    ),
    (
        "Familiebehandling",
        "Family therapy",
        "Familiehuset",
        (9_000, 17_500),
    ),
    ("Fritidspas", "Leisure pass", "Fritid for alle", (100, 200)),
    (
        "Mentor i skolen",
        "School mentor",
        "Ungdomsskolen",
        (2_800, 5_700),
    ),
];

/// A placement's cost in foster care, per month: around the sector's average — 470.000 kr. a
/// year in 2019 (Social- og Indenrigsministeriets Benchmarkingenhed, as reported by
/// nb-okonomi.dk, 7 October 2020) and 51.000 kr. a month in 2024 (TV 2 Fyn, April 2024).
pub const PLACEMENT: (&str, &str, &str, (i32, i32)) = (
    "Anbringelse i plejefamilie",
    "Foster care",
    "Plejefamilie",
    (38_000, 60_000),
);
