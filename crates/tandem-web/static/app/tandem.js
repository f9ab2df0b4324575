// Starts the design system's components (mobile menu, dropdowns, tooltips…).
// Loaded as an external file: the Content-Security-Policy forbids inline scripts.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS) {
    window.DKFDS.init();
  }
});

// A page that comes back with a confirmation or an error summary at its top moves focus there
// (the design system's pattern): the eye and the screen reader start where the news is.
document.addEventListener("DOMContentLoaded", function () {
  var news = document.querySelector("[data-focus]");
  if (news) { news.focus(); }
});

// Story forms. A triad is three number fields that work on their own; here a triangle is added
// in front of them, with its three corners named inside it, operable by pointer, touch and
// keyboard (arrow keys move the point, Home puts it in the centre, Delete clears the answer),
// and it writes the three weights as percentages into the fields. A slider shows its value and,
// once moved, unticks its "not applicable" box.
document.addEventListener("DOMContentLoaded", function () {
  var SVG = "http://www.w3.org/2000/svg";
  var W = 300, H = 262;
  var A = { x: 150, y: 58 }, B = { x: 46, y: 204 }, C = { x: 254, y: 204 };

  function weightsAt(p) {
    var d = (B.y - C.y) * (A.x - C.x) + (C.x - B.x) * (A.y - C.y);
    var a = ((B.y - C.y) * (p.x - C.x) + (C.x - B.x) * (p.y - C.y)) / d;
    var b = ((C.y - A.y) * (p.x - C.x) + (A.x - C.x) * (p.y - C.y)) / d;
    var w = [Math.max(a, 0), Math.max(b, 0), Math.max(1 - a - b, 0)];
    var sum = w[0] + w[1] + w[2];
    return w.map(function (v) { return v / sum; });
  }

  function pointOf(w) {
    return { x: w[0] * A.x + w[1] * B.x + w[2] * C.x, y: w[0] * A.y + w[1] * B.y + w[2] * C.y };
  }

  // A corner's name as lines of at most 18 characters: the part before a dash ("At nå frem
  // sammen — relationer, …" shows "At nå frem sammen"); the field below keeps the whole label.
  function lines(label) {
    var words = label.split(" — ")[0].trim().split(/\s+/), out = [], line = "";
    words.forEach(function (word) {
      if (line && (line + " " + word).length > 18) { out.push(line); line = word; } else { line = line ? line + " " + word : word; }
    });
    if (line) { out.push(line); }
    return out.slice(0, 3);
  }

  function corner(svg, label, x, y, anchor, upwards) {
    var text = document.createElementNS(SVG, "text");
    text.setAttribute("class", "tandem-triad-corner");
    text.setAttribute("text-anchor", anchor);
    var parts = lines(label);
    var first = upwards ? y - (parts.length - 1) * 15 : y;
    parts.forEach(function (part, i) {
      var span = document.createElementNS(SVG, "tspan");
      span.setAttribute("x", x);
      span.setAttribute("y", first + i * 15);
      span.textContent = part;
      text.appendChild(span);
    });
    svg.appendChild(text);
  }

  document.querySelectorAll("fieldset[data-triad]").forEach(function (set) {
    var inputs = set.querySelectorAll("input[data-corner]");
    if (inputs.length !== 3) { return; }
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("class", "tandem-triad-svg");
    svg.setAttribute("tabindex", "0");
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", set.getAttribute("data-label") || "");
    svg.setAttribute("aria-describedby", set.getAttribute("data-hint") || "");
    var tri = document.createElementNS(SVG, "polygon");
    tri.setAttribute("points", [A, B, C].map(function (p) { return p.x + "," + p.y; }).join(" "));
    tri.setAttribute("class", "tandem-triad-area");
    svg.appendChild(tri);
    var names = Array.prototype.map.call(inputs, function (input) {
      var label = set.querySelector("label[for='" + input.id.replace(/'/g, "\\'") + "']");
      return label ? label.textContent : "";
    });
    corner(svg, names[0], A.x, A.y - 10, "middle", true);
    corner(svg, names[1], 2, B.y + 22, "start", false);
    corner(svg, names[2], W - 2, C.y + 22, "end", false);
    var dot = document.createElementNS(SVG, "circle");
    dot.setAttribute("r", "8");
    dot.setAttribute("class", "tandem-triad-dot");
    svg.appendChild(dot);
    set.insertBefore(svg, set.querySelector(".tandem-triad-fields"));

    var point = null;
    function show() {
      dot.style.display = point ? "" : "none";
      if (point) { dot.setAttribute("cx", point.x); dot.setAttribute("cy", point.y); }
    }
    function fromFields() {
      var w = Array.prototype.map.call(inputs, function (i) { return parseFloat(i.value.replace(",", ".")); });
      var sum = w[0] + w[1] + w[2];
      point = w.every(function (v) { return v >= 0; }) && sum > 0 ? pointOf(w.map(function (v) { return v / sum; })) : null;
      show();
    }
    function place(p) {
      var w = weightsAt(p);
      point = pointOf(w);
      var pct = w.map(function (v) { return Math.round(v * 100); });
      pct[2] = 100 - pct[0] - pct[1];
      inputs.forEach(function (input, i) { input.value = String(Math.max(pct[i], 0)); });
      show();
    }
    function at(event) {
      var box = svg.getBoundingClientRect();
      return { x: (event.clientX - box.left) * W / box.width, y: (event.clientY - box.top) * H / box.height };
    }
    svg.addEventListener("pointerdown", function (event) {
      svg.setPointerCapture(event.pointerId);
      place(at(event));
      svg.focus();
    });
    svg.addEventListener("pointermove", function (event) {
      if (svg.hasPointerCapture(event.pointerId)) { place(at(event)); }
    });
    svg.addEventListener("keydown", function (event) {
      var p = point || pointOf([1 / 3, 1 / 3, 1 / 3]);
      var step = 4;
      var moves = { ArrowUp: [0, -step], ArrowDown: [0, step], ArrowLeft: [-step, 0], ArrowRight: [step, 0] };
      if (moves[event.key]) {
        place({ x: p.x + moves[event.key][0], y: p.y + moves[event.key][1] });
      } else if (event.key === "Home") {
        place(pointOf([1 / 3, 1 / 3, 1 / 3]));
      } else if (event.key === "Delete" || event.key === "Backspace") {
        inputs.forEach(function (input) { input.value = ""; });
        point = null;
        show();
      } else {
        return;
      }
      event.preventDefault();
    });
    inputs.forEach(function (input) { input.addEventListener("input", fromFields); });
    fromFields();
  });

  document.querySelectorAll("input[type=range][data-na]").forEach(function (range) {
    var out = document.getElementById(range.id + "-out");
    var na = document.getElementById(range.getAttribute("data-na"));
    range.addEventListener("input", function () {
      if (out) { out.textContent = range.value; }
      if (na) { na.checked = false; }
    });
  });
});
