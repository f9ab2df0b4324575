//! The demo a municipality believes (issue 24): its three teams differ where a manager looks.
//! On each team's profile card, Nord's stories are segmented (rules and co-production told
//! apart), Syd's are dominated by efficiency and in transition towards it, Vest's dominated by
//! co-production and in transition towards it; Syd's three columns flag a tension; and on the
//! weekly pulse, not every member tells a story every week, while every week with stories has a
//! teller. A team manager follows the probe on young people chairing their meetings from the
//! board to its run chart, which shifts after the start, and Vest's probe to the region it
//! marked "more like these", whose share of stories rises (issue 22).

mod common;

use common::seeded_demo_of;

/// The team pages the head of department's home links to, with the team's name.
fn team_boards(home: &str) -> Vec<String> {
    let mut boards: Vec<String> = home
        .split("href=\"/teams/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|path| path.ends_with("/practices"))
        .map(|path| format!("/teams/{path}"))
        .collect();
    boards.sort();
    boards.dedup();
    boards
}

/// The board's link to the probe on young people chairing their meetings.
fn chairing_probe(board: &str) -> Option<String> {
    board
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"'))
        .find(|(href, after)| {
            href.contains("/probes/") && after.starts_with(">Den unge leder sit eget netværksmøde")
        })
        .map(|(href, _)| href.to_owned())
}

/// The pulse table's rows: (stories, tellers).
fn pulse_rows(page: &str) -> Vec<(u32, u32)> {
    let body = page
        .split("<tbody>")
        .nth(1)
        .and_then(|b| b.split("</tbody>").next())
        .expect("the pulse table");
    body.split("<tr><td>")
        .skip(1)
        .map(|row| {
            let cells: Vec<&str> = row.split("</td><td>").collect();
            let number = |i: usize| cells[i].trim().parse::<u32>().expect("a count");
            (number(1), number(2))
        })
        .collect()
}

#[tokio::test]
async fn the_three_teams_differ_on_their_cards_and_their_pulse_is_not_always_full() {
    let app = common::spawn_app().await;
    // The demo as `serve --demo` makes it: every team's columns show (groups under 5 young
    // people never do).
    seeded_demo_of(&app, 150).await;
    let head = app.signed_in_demo("leder@demo.tandem.test").await;
    let boards = team_boards(&app.page_text(&head, "/home").await);
    assert_eq!(boards.len(), 3, "{boards:?}");
    let mut seen = Vec::new();
    for board in &boards {
        let page = app.page_text(&head, board).await;
        let team = ["Ungeteam Nord", "Ungeteam Syd", "Ungeteam Vest"]
            .into_iter()
            .find(|name| page.contains(name))
            .expect("the team's name");
        let card = page.split("id=\"card-heading\"").nth(1).expect("the card");
        let (pattern, moving) = match team {
            "Ungeteam Nord" => ("Mønster: opdelt", None),
            "Ungeteam Syd" => (
                "én logik dominerer — at få det gjort (effektivitet)",
                Some("mest mod at få det gjort (effektivitet)"),
            ),
            _ => (
                "én logik dominerer — at nå det sammen (samskabelse)",
                Some("mest mod at nå det sammen (samskabelse)"),
            ),
        };
        assert!(card.contains(pattern), "{team}: {pattern}");
        assert!(
            card.contains("; kolleger 0,") && card.contains(" og den unge med netværket 0,"),
            "{team}: sensegiving names colleagues and the family apart"
        );
        match moving {
            Some(towards) => assert!(card.contains(towards), "{team} is moving {towards}"),
            None => assert!(!card.contains("I bevægelse"), "{team} stays where it is"),
        }

        let columns = app
            .page_text(&head, &board.replace("/practices", "/indicators"))
            .await;
        if team == "Ungeteam Syd" {
            assert!(
                columns.contains("Risiko for for tidlig afslutning"),
                "Syd's columns flag the tension the tour names"
            );
        }
        let pulse = app
            .page_text(&head, &board.replace("/practices", "/pulse"))
            .await;
        let rows = pulse_rows(&pulse);
        let members = match team {
            "Ungeteam Nord" => 5,
            _ => 4,
        };
        assert!(
            rows.iter()
                .all(|(stories, tellers)| (*stories == 0) == (*tellers == 0)),
            "{team}: a week with stories has a teller: {rows:?}"
        );
        assert!(
            rows.iter().any(|(_, tellers)| *tellers < members),
            "{team}: not everyone tells every week: {rows:?}"
        );
        assert!(
            rows.iter().filter(|(stories, _)| *stories > 0).count() >= rows.len() - 1,
            "{team}: the team's own staff campaign is its pulse: {rows:?}"
        );
        seen.push(team);
    }
    seen.sort_unstable();
    assert_eq!(seen, ["Ungeteam Nord", "Ungeteam Syd", "Ungeteam Vest"]);

    // Issue 22: the team manager reaches from the practices board to the probe on young
    // people chairing their meetings, whose page draws the measure's run chart with its
    // baseline median and the shift after the start; the head's home says so in a line.
    let manager = app.signed_in_demo("teamleder@demo.tandem.test").await;
    let board = team_boards(&app.page_text(&manager, "/home").await)
        .into_iter()
        .next()
        .expect("the manager's board");
    let board_page = app.page_text(&manager, &board).await;
    let probe = chairing_probe(&board_page).expect("the board links the chairing probe");
    let page = app.page_text(&manager, &probe).await;
    assert!(page.contains("Successignal: Møder ledt af den unge"));
    assert!(page.contains("Fejlsignal: Sessionsfeedback"));
    let chart = page
        .split_once("Successignal: Møder ledt af den unge")
        .and_then(|(_, rest)| rest.split("</section>").next())
        .expect("the success chart");
    assert!(
        chart.contains("<svg") && chart.contains("stroke-dasharray"),
        "a run chart with its median"
    );
    assert!(chart.contains("Medianen før start er"), "{chart}");
    assert!(
        chart.contains("Skift:"),
        "the chairing rose after the start: {chart}"
    );
    assert!(chart.contains("Målet har flyttet sig i den gode retning."));
    let weekly = app
        .page_text(&manager, &format!("{probe}?period=week"))
        .await;
    assert!(weekly.contains("uge "), "the same chart by week");
    let cockpit = app.page_text(&head, "/home").await;
    assert!(cockpit.contains("Prøvehandlinger målt i forløbene"));
    assert!(cockpit.contains("Møder ledt af den unge: flyttet i den gode retning"));

    // "More like these": Vest marked its co-production corner eight months ago, and its chairing
    // probe takes the mark as its intent; the share of stories there rises from nothing.
    let vest = app.signed_in_demo("teamleder3@demo.tandem.test").await;
    let board = team_boards(&app.page_text(&vest, "/home").await)
        .into_iter()
        .next()
        .expect("Vest's board");
    let board_page = app.page_text(&vest, &board).await;
    let probe = chairing_probe(&board_page).expect("Vest's chairing probe");
    let page = app.page_text(&vest, &probe).await;
    let intent = page.split("id=\"intent\"").nth(1).expect("the intent");
    assert!(intent.contains("Flere fortællinger som disse: Mest «At nå frem sammen"));
    let shares = month_shares(intent);
    assert!(shares.len() >= 12, "a year of months: {shares:?}");
    assert!(shares[..3].iter().all(|s| *s < 10), "{shares:?}");
    assert!(
        shares.iter().rev().skip(1).take(3).all(|s| *s >= 50),
        "{shares:?}"
    );

    // Management as management: Nord's manager intends co-production, decides by the rules, and
    // staff tell of a management holding to the rules; the board links the quarter's view.
    let nord = team_boards(&app.page_text(&manager, "/home").await)
        .into_iter()
        .next()
        .expect("Nord's board");
    let board_page = app.page_text(&manager, &nord).await;
    assert!(board_page.contains(&nord.replace("/practices", "/management")));
    // The quarter holding the day 45 days ago: a full month and a half of stories and decisions
    // whatever day the test runs.
    let q =
        tandem_domain::practice::journal::Quarter::of(app.state.today() - time::Duration::days(45));
    let quarter = app
        .page_text(
            &manager,
            &format!("{}?quarter={q}", nord.replace("/practices", "/management")),
        )
        .await;
    let row = |label: &str| common::mix_row(&quarter, label);
    assert!(
        row("Det, lederen tilsigter").contains("mest samskabelse"),
        "{quarter}"
    );
    assert!(
        row("Lederens beslutninger").contains("regelstyring"),
        "{quarter}"
    );
    assert!(
        row("Medarbejdernes fortællinger om ledelsen").contains("domineret af regelstyring"),
        "{quarter}"
    );
}

/// The shares (whole per cent) of a marked region's table, oldest month first; hidden months
/// are left out.
fn month_shares(section: &str) -> Vec<u32> {
    let body = section
        .split("<tbody>")
        .nth(1)
        .and_then(|b| b.split("</tbody>").next())
        .expect("the share table");
    body.split("</tr>")
        .filter_map(|row| {
            let cells: Vec<&str> = row
                .split("<td>")
                .skip(1)
                .map(|c| c.split("</td>").next().unwrap_or_default())
                .collect();
            cells
                .get(2)?
                .split('\u{a0}')
                .next()?
                .split(' ')
                .next()?
                .parse()
                .ok()
        })
        .collect()
}
