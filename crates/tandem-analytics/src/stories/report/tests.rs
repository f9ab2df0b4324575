use super::super::csv::read;
use super::*;

fn sample() -> String {
    let mut csv = String::from("id,text,collected_on,team,T1.a,T1.b,T1.c,D1,M1,M2\n");
    for i in 0..60 {
        let team = if i % 2 == 0 { "Nord" } else { "Syd" };
        // Team Nord rates D1 high and leans to corner a; Syd low and to corner c.
        let d1 = if i % 2 == 0 { 70 + i % 20 } else { 20 + i % 20 };
        let (a, c) = if i % 2 == 0 { (70, 10) } else { (10, 70) };
        let m1 = if i % 3 == 0 { "ja" } else { "nej" };
        let m2 = if i % 4 == 0 { "x;y" } else { "y" };
        csv.push_str(&format!(
            "s{i},tekst,2026-01-01,{team},{a},20,{c},{d1},{m1},{m2}\n"
        ));
    }
    csv
}

#[test]
fn every_pair_is_tested_once_with_q_values_and_the_team_difference_is_found() {
    let stories = read(sample().as_bytes()).expect("valid");
    assert_eq!(stories.len, 60);
    let report = analyze(&stories, 5);
    assert_eq!(report["n_stories"], 60);
    let tests = report["tests"].as_array().expect("tests");
    let team_d1 = tests
        .iter()
        .find(|t| t["a"] == "D1" && t["b"] == "team")
        .expect("slider × metadata");
    assert_eq!(team_d1["kind"], "mann_whitney");
    assert!(team_d1["q"].as_f64().expect("q") < 0.01);
    assert_eq!(team_d1["label"], "strong evidence");
    assert!(
        tests
            .iter()
            .all(|t| t["p"].as_f64().is_some_and(f64::is_finite)),
        "no NaN"
    );
    let qs: Vec<f64> = tests.iter().map(|t| t["q"].as_f64().expect("q")).collect();
    assert!(qs.windows(2).all(|w| w[0] <= w[1]), "ranked by q");
    assert!(
        tests.iter().any(|t| t["a"] == "M1" && t["b"] == "M2=x"),
        "multiple choice one option at a time"
    );
    assert!(
        !tests.iter().any(|t| t["a"] == "M2=x" && t["b"] == "M2=y"),
        "never an option against its own question"
    );
    let triad = &report["triads"][0];
    assert_eq!(triad["id"], "T1");
    assert_eq!(triad["n"], 60);
    let zones = &triad["zones"];
    assert!(
        (zones["a"].as_f64().expect("a") - 0.5).abs() < 1e-12,
        "half the stories in corner a"
    );
}

#[test]
fn bad_rows_are_refused_with_their_line_numbers() {
    let header = "id,text,T1.a,T1.b,T1.c,D1,M1\n";
    let file = format!("{header}s1,x,-1,2,3,50,a\ns2,x,1,2,3,101,a\ns3,x,1,2\ns4,x,1,2,3,50,a\n");
    let errors = read(file.as_bytes()).expect_err("refused");
    let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![2, 3, 4]);
    assert!(errors[0].reason.contains("below 0"));
    assert!(errors[1].reason.contains("outside 0–100"));
    assert!(errors[2].reason.contains("columns"));
    let mut invalid = header.as_bytes().to_vec();
    invalid.extend_from_slice(b"s1,\xff\xfe,1,2,3,50,a\n");
    assert_eq!(read(&invalid).expect_err("refused")[0].line, 2);
    assert_eq!(
        read(b"").expect_err("refused")[0].reason,
        "the file is empty"
    );
    assert_eq!(
        read(header.as_bytes()).expect_err("refused")[0].reason,
        "the file has no stories"
    );
}

#[test]
fn small_groups_are_dropped_and_a_constant_column_is_not_computable() {
    let mut csv = String::from("id,text,team,D1,D2\n");
    for i in 0..12 {
        let team = if i < 10 { "Nord" } else { "Lille" };
        csv.push_str(&format!("s{i},x,{team},{},50\n", i * 5));
    }
    let report = analyze(&read(csv.as_bytes()).expect("valid"), 5);
    let tests = report["tests"].as_array().expect("tests");
    assert!(
        tests.is_empty(),
        "one group left after dropping Lille (2 < 5), and D2 is constant: {tests:?}"
    );
}

#[test]
fn parallel_runs_keep_the_order_of_the_jobs() {
    let jobs: Vec<usize> = (0..1001).collect();
    let doubled = in_parallel(&jobs, |j| j * 2);
    assert_eq!(doubled, (0..1001).map(|j| j * 2).collect::<Vec<_>>());
}

#[test]
fn ranks_from_one_sort_give_the_tests_their_own_groups_would() {
    use crate::stats::kruskal::kruskal_wallis;
    use crate::stats::mann_whitney::mann_whitney;
    use crate::stats::spearman::spearman;
    // Missing sliders, missing groups, a group too small to keep (z: 3 stories), many ties.
    let mut csv = String::from("id,text,collected_on,team,side,D1,D2\n");
    let teams = ["x", "y", "w"];
    let mut rows = Vec::new();
    for i in 0..83u32 {
        let team = if i < 3 { "z" } else { teams[(i % 3) as usize] };
        let team = if i % 11 == 0 { "" } else { team };
        let d1 = if i % 7 == 0 {
            None
        } else {
            Some(f64::from((i * 37) % 13))
        };
        let d2 = if i % 9 == 0 {
            None
        } else {
            Some(f64::from((i * 17) % 23))
        };
        let show = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        let side = if i % 2 == 0 { "a" } else { "b" };
        csv.push_str(&format!(
            "s{i},t,2026-01-01,{team},{side},{},{}\n",
            show(d1),
            show(d2)
        ));
        rows.push((team, d1, d2));
    }
    let stories = read(csv.as_bytes()).expect("valid");
    let report = analyze(&stories, 5);
    let tests = report["tests"].as_array().expect("tests");
    let find = |a: &str, b: &str| {
        tests
            .iter()
            .find(|t| t["a"] == a && t["b"] == b)
            .expect("test")
    };
    let group = |name: &str| -> Vec<f64> {
        rows.iter()
            .filter(|r| r.0 == name)
            .filter_map(|r| r.1)
            .collect()
    };
    let (x, y, w) = (group("x"), group("y"), group("w"));
    let expected = kruskal_wallis(&[&x, &y, &w]).expect("kruskal");
    let got = find("D1", "team");
    assert_eq!(
        got["kind"], "kruskal_wallis",
        "z (2 stories) is dropped, three groups stay"
    );
    assert_eq!(got["groups"], serde_json::json!(["x", "y", "w"]));
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1e-300);
    assert!(
        close(got["statistic"].as_f64().expect("H"), expected.h),
        "{got} vs {expected:?} sizes {} {} {}",
        x.len(),
        y.len(),
        w.len()
    );
    assert!(close(got["p"].as_f64().expect("p"), expected.p));
    let pairs: Vec<(f64, f64)> = rows.iter().filter_map(|r| Some((r.1?, r.2?))).collect();
    let (a, b): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
    let rho = spearman(&a, &b).expect("spearman");
    let got = find("D1", "D2");
    assert!(close(got["statistic"].as_f64().expect("rho"), rho.rho));
    assert!(close(got["p"].as_f64().expect("p"), rho.p));
    let side = |parity: u32| -> Vec<f64> {
        (0..83u32)
            .filter(|i| i % 2 == parity)
            .filter_map(|i| rows[i as usize].1)
            .collect()
    };
    let expected = mann_whitney(&side(0), &side(1)).expect("mann-whitney");
    let got = find("D1", "side");
    assert_eq!(got["kind"], "mann_whitney");
    assert!(close(got["statistic"].as_f64().expect("U"), expected.u));
    assert!(close(got["p"].as_f64().expect("p"), expected.p));
}

#[test]
fn sliders_with_many_distinct_values_are_ranked_from_their_sorted_order() {
    use crate::stats::kruskal::kruskal_wallis;
    use crate::stats::spearman::spearman;
    let mut csv = String::from("id,text,collected_on,team,D1,D2\n");
    let mut groups: [Vec<f64>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for i in 0..6000u32 {
        let g = (i % 3) as usize;
        // More distinct values than the level counting takes, with some ties and a shift.
        let v = f64::from((i * 7919) % 5003) / 50.03 * 0.999 + if g == 2 { 0.05 } else { 0.0 };
        let v = (v * 1000.0).round() / 1000.0;
        groups[g].push(v);
        let w = (f64::from((i * 104_729) % 4999) / 49.99 + v / 3.0).min(100.0);
        let w = (w * 1000.0).round() / 1000.0;
        xs.push(v);
        ys.push(w);
        csv.push_str(&format!(
            "s{i},t,2026-01-01,{},{v},{w}\n",
            ["a", "b", "c"][g]
        ));
    }
    let stories = read(csv.as_bytes()).expect("valid");
    let report = analyze(&stories, 5);
    let got = report["tests"]
        .as_array()
        .expect("tests")
        .iter()
        .find(|t| t["a"] == "D1" && t["b"] == "team")
        .expect("test")
        .clone();
    let expected = kruskal_wallis(&[&groups[0], &groups[1], &groups[2]]).expect("kruskal");
    let h = got["statistic"].as_f64().expect("H");
    assert!(
        (h - expected.h).abs() <= 1e-9 * expected.h.abs(),
        "{h} vs {}",
        expected.h
    );
    // Two such sliders are correlated from their sorted orders, not from a level table.
    let rho = report["tests"]
        .as_array()
        .expect("tests")
        .iter()
        .find(|t| t["a"] == "D1" && t["b"] == "D2")
        .expect("spearman")["statistic"]
        .as_f64()
        .expect("rho");
    let expected = spearman(&xs, &ys).expect("spearman").rho;
    assert!((rho - expected).abs() <= 1e-9, "{rho} vs {expected}");
}

/// Stories of `tellers` people; teller `t` is in team Nord when `t` is even, and one person,
/// "solo", alone gives the team "Vest" its five stories.
fn told_by(tellers: usize, each: usize, with_column: bool) -> String {
    let mut csv = String::from("id,text,collected_on,team,teller,D1,D2,M1\n");
    let mut row = |i: usize, team: &str, teller: &str| {
        let (d1, d2) = (20 + (i * 37) % 60, 10 + (i * 53) % 80);
        let m1 = ["ja", "nej"][(i / 3) % 2];
        let teller = if with_column { teller } else { "" };
        csv.push_str(&format!(
            "s{i},t,2026-01-01,{team},{teller},{d1},{d2},{m1}\n"
        ));
    };
    for t in 0..tellers {
        for k in 0..each {
            let team = if t % 2 == 0 { "Nord" } else { "Syd" };
            row(t * each + k, team, &format!("p{t}"));
        }
    }
    for k in 0..5 {
        row(tellers * each + k, "Vest", "solo");
    }
    csv
}

#[test]
fn each_test_says_how_many_people_told_its_stories_and_one_persons_group_is_dropped() {
    let stories = read(told_by(12, 6, true).as_bytes()).expect("valid");
    assert_eq!(stories.len, 77);
    let report = analyze(&stories, 5);
    assert_eq!(report["n_stories"], 77);
    assert_eq!(report["n_tellers"], 13, "twelve people and solo");
    let tests = report["tests"].as_array().expect("tests");
    assert!(
        tests
            .iter()
            .all(|t| t["a"] != "teller" && t["b"] != "teller"),
        "who told a story is never a variable"
    );
    let team_d1 = tests
        .iter()
        .find(|t| t["a"] == "D1" && t["b"] == "team")
        .expect("slider × team");
    assert_eq!(
        team_d1["groups"],
        serde_json::json!(["Nord", "Syd"]),
        "Vest is five stories but one person"
    );
    assert_eq!(team_d1["kind"], "mann_whitney");
    assert_eq!(
        (team_d1["n"].as_u64(), team_d1["n_tellers"].as_u64()),
        (Some(72), Some(12))
    );
    let d1_d2 = tests
        .iter()
        .find(|t| t["a"] == "D1" && t["b"] == "D2")
        .expect("slider × slider");
    assert_eq!(
        (d1_d2["n"].as_u64(), d1_d2["n_tellers"].as_u64()),
        (Some(77), Some(13))
    );
    let m1_team = tests
        .iter()
        .find(|t| t["a"] == "team" && t["b"] == "M1")
        .expect("team × choice");
    assert_eq!(m1_team["groups"], serde_json::json!(["Nord", "Syd"]));
    assert_eq!(m1_team["n_tellers"], 12, "Vest's column is dropped");

    // Without tellers, every story is its own teller and Vest's five stories are a group.
    let anonymous = read(told_by(12, 6, false).as_bytes()).expect("valid");
    let report = analyze(&anonymous, 5);
    assert_eq!(report["n_tellers"], 77);
    let team_d1 = report["tests"]
        .as_array()
        .expect("tests")
        .iter()
        .find(|t| t["a"] == "D1" && t["b"] == "team")
        .expect("slider × team");
    assert_eq!(team_d1["kind"], "kruskal_wallis");
    assert_eq!(team_d1["n_tellers"], team_d1["n"]);
}

#[test]
fn a_teller_key_holding_a_semicolon_is_one_key() {
    let csv = "id,text,collected_on,teller,D1\n1,t,2026-01-01,a;b,5\n2,t,2026-01-01,a;b,6\n3,t,2026-01-01,,7\n";
    let stories = read(csv.as_bytes()).expect("valid");
    assert_eq!(analyze(&stories, 5)["n_tellers"], 2);
}
