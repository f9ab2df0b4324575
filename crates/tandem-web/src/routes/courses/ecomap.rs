//! The eco-map drawing: the young person at the centre, one sector per part of life, a line per
//! relation whose style shows its strength, a mark across stressful relations, and arrows for
//! which way support flows. Only coordinates are computed here; the SVG is in the template, and
//! the page carries an equivalent table for everyone who does not see the drawing.

use std::f64::consts::PI;

use tandem_app::network::MemberRecord;
use tandem_domain::course::kinds::{Direction, Sector, Strength};

use crate::i18n::Translator;

/// The drawing's size (a square viewBox).
pub const SIZE: f64 = 760.0;
/// Room left and right of the square for the names of the sectors at its sides, which are
/// centred near its edges ("Fagpersoner" ran 10 units past it).
pub const PAD: f64 = 70.0;
const CENTRE: f64 = SIZE / 2.0;
const RING: f64 = 240.0;
/// Radius of a relation's circle (the template draws it with the same number).
const NODE: f64 = 42.0;
/// Radius of the young person's circle.
const HUB: f64 = 54.0;

/// One relation as drawn.
#[derive(Debug, Clone)]
pub struct Node {
    /// Node centre.
    pub x: String,
    /// Node centre.
    pub y: String,
    /// Short label inside the node.
    pub label: String,
    /// Line from the hub's edge to the node's edge.
    pub line: [String; 4],
    /// Stroke width by strength.
    pub width: &'static str,
    /// Dashes for tenuous relations ("" for solid).
    pub dash: &'static str,
    /// Arrow at the young person (support towards them).
    pub arrow_in: bool,
    /// Arrow at the member (support from the young person).
    pub arrow_out: bool,
    /// Two short strokes across the middle of a stressful relation.
    pub stress: Option<[String; 8]>,
}

/// A sector's label.
#[derive(Debug, Clone)]
pub struct SectorLabel {
    /// Position.
    pub x: String,
    /// Position.
    pub y: String,
    /// Text.
    pub text: String,
}

/// The whole drawing.
#[derive(Debug, Clone)]
pub struct EcoMap {
    /// The relations.
    pub nodes: Vec<Node>,
    /// The sector labels.
    pub sectors: Vec<SectorLabel>,
    /// The young person's first name, at the centre.
    pub centre_label: String,
}

fn f(v: f64) -> String {
    format!("{v:.1}")
}

fn short(name: &str) -> String {
    let first: String = name.chars().take(10).collect();
    if name.chars().count() > 10 {
        format!("{first}…")
    } else {
        first
    }
}

fn sector_index(sector: Sector) -> usize {
    Sector::ALL.iter().position(|s| *s == sector).unwrap_or(0)
}

/// Lays out the current relations around the young person.
#[must_use]
pub fn layout(tr: &Translator, young_person: &str, members: &[&MemberRecord]) -> EcoMap {
    let span = 2.0 * PI / 5.0;
    let start = |i: usize| -PI / 2.0 - span / 2.0 + span * i as f64;
    let mut nodes = Vec::new();
    for (index, sector) in Sector::ALL.iter().enumerate() {
        let here: Vec<&&MemberRecord> = members
            .iter()
            .filter(|m| sector_index(m.details.sector) == sector_index(*sector))
            .collect();
        let count = here.len();
        for (i, member) in here.into_iter().enumerate() {
            let angle = start(index) + span * (i as f64 + 1.0) / (count as f64 + 1.0);
            // Alternate radii when a sector is crowded, so nodes do not overlap.
            let ring = if count > 3 && i % 2 == 1 {
                RING - 85.0
            } else {
                RING
            };
            let (c, s) = (angle.cos(), angle.sin());
            let (x, y) = (CENTRE + ring * c, CENTRE + ring * s);
            let line = [
                f(CENTRE + HUB * c),
                f(CENTRE + HUB * s),
                f(x - NODE * c),
                f(y - NODE * s),
            ];
            let d = &member.details;
            let (mx, my) = (
                CENTRE + (ring / 2.0 + 10.0) * c,
                CENTRE + (ring / 2.0 + 10.0) * s,
            );
            let (px, py) = (-s * 12.0, c * 12.0);
            let (ax, ay) = (c * 5.0, s * 5.0);
            let stress = d.stressful.then(|| {
                [
                    f(mx - ax + px),
                    f(my - ay + py),
                    f(mx - ax - px),
                    f(my - ay - py),
                    f(mx + ax + px),
                    f(my + ay + py),
                    f(mx + ax - px),
                    f(my + ay - py),
                ]
            });
            nodes.push(Node {
                x: f(x),
                y: f(y),
                label: short(d.name.as_str()),
                line,
                width: match d.strength {
                    Strength::Strong => "6",
                    Strength::Moderate => "3",
                    Strength::Tenuous => "2",
                },
                dash: if d.strength == Strength::Tenuous {
                    "8 6"
                } else {
                    ""
                },
                arrow_in: matches!(d.direction, Direction::ToYoungPerson | Direction::Mutual),
                arrow_out: matches!(d.direction, Direction::FromYoungPerson | Direction::Mutual),
                stress,
            });
        }
    }
    let sectors = Sector::ALL
        .iter()
        .enumerate()
        .map(|(i, sector)| {
            let angle = start(i) + span / 2.0;
            SectorLabel {
                x: f(CENTRE + 335.0 * angle.cos()),
                y: f(CENTRE + 335.0 * angle.sin() + 6.0),
                text: tr.t(&format!("kw-sector-{}", sector.as_str())),
            }
        })
        .collect();
    EcoMap {
        nodes,
        sectors,
        centre_label: short(
            young_person
                .split_whitespace()
                .next()
                .unwrap_or(young_person),
        ),
    }
}
