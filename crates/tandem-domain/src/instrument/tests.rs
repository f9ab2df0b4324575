use super::*;

fn feedback() -> Instrument {
    Instrument::session_feedback(AlertRule {
        total_below: 360,
        item_below: 90,
    })
}

#[test]
fn zero_to_ten_scales_accept_0_to_10_and_refuse_10_1_and_minus_0_1() {
    let scale = Instrument::goal_scale();
    assert_eq!(scale.parse_value("0"), Ok(0));
    assert_eq!(scale.parse_value("10"), Ok(100));
    assert_eq!(scale.parse_value("7,3"), Ok(73));
    assert_eq!(scale.parse_value("10.1"), Err(ValueError::OutOfRange));
    assert_eq!(scale.parse_value("-0.1"), Err(ValueError::NotANumber));
    for bad in ["", "x", "1e1", "7.25", "NaN", "<script>", "5 5"] {
        assert!(scale.parse_value(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn a_whole_number_instrument_refuses_decimals() {
    let mut whole = Instrument::safety_scale();
    whole.step = 10;
    assert_eq!(whole.parse_value("7"), Ok(70));
    assert_eq!(whole.parse_value("7.5"), Err(ValueError::OffStep));
}

#[test]
fn the_four_item_form_totals_0_to_40_and_alerts_below_36_or_below_9_on_an_item() {
    let form = feedback();
    assert_eq!(form.total_range(), (0, 400));
    assert!(!form.alerts(&[90, 90, 90, 90]), "36.0 does not alert");
    assert!(form.alerts(&[90, 90, 90, 89]), "35.9 alerts");
    assert!(form.alerts(&[100, 100, 100, 89]), "an item below 9 alerts");
    assert!(!form.alerts(&[100, 100, 100, 90]));
    assert!(!Instrument::goal_scale().alerts(&[0]), "no rule, no alert");
}

#[test]
fn star_like_instruments_need_five_to_ten_areas() {
    let mut star = Instrument::goal_scale();
    star.areas = true;
    for (n, ok) in [(4, false), (5, true), (10, true), (11, false)] {
        star.items = (0..n).map(|i| format!("area {i}")).collect();
        assert_eq!(star.validate().is_ok(), ok, "{n} areas");
    }
}

#[test]
fn norms_must_fit_the_range_and_not_overlap() {
    let mut form = feedback();
    form.norms = vec![Norm {
        age_from: 18,
        age_to: 120,
        cut_off: 250,
        reliable_change: 50,
    }];
    assert_eq!(form.validate(), Ok(()));
    assert_eq!(form.norm_for(30).map(|n| n.cut_off), Some(250));
    assert_eq!(form.norm_for(17), None);
    form.norms.push(Norm {
        age_from: 13,
        age_to: 18,
        cut_off: 280,
        reliable_change: 60,
    });
    assert_eq!(
        form.validate(),
        Err(DefinitionError::Norms),
        "overlap at 18"
    );
    form.norms.pop();
    form.norms[0].cut_off = 401;
    assert_eq!(form.validate(), Err(DefinitionError::Norms));
}

#[test]
fn adult_norms_classify_change_on_a_0_to_40_form() {
    // Cut-off 25 (≤ 25 clinical), reliable change 5: the specification's example, held as data.
    let norm = Norm {
        age_from: 18,
        age_to: 120,
        cut_off: 250,
        reliable_change: 50,
    };
    assert_eq!(classify(200, 260, norm), Classification::Recovered);
    assert_eq!(classify(150, 200, norm), Classification::Improved);
    assert_eq!(
        classify(200, 250, norm),
        Classification::Improved,
        "+5 is reliable, but 25 is still clinical"
    );
    assert_eq!(classify(200, 249, norm), Classification::NoReliableChange);
    assert_eq!(classify(300, 250, norm), Classification::Deteriorated);
    assert_eq!(classify(300, 251, norm), Classification::NoReliableChange);
}

#[test]
fn tenths_format_without_a_trailing_zero() {
    assert_eq!(format_tenths(359), "35.9");
    assert_eq!(format_tenths(360), "36");
    assert_eq!(format_tenths(5), "0.5");
}
