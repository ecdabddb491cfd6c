// The graph page: fetch /api/graph with the page's filters and draw it with cytoscape and fcose.
// Actors are nodes (size = degree), one edge per provider -> recipient (colour = best status,
// width = sources). Labels are kept at a readable size on screen and never overlap: where two
// would, the less connected actor's label is hidden until the view is zoomed in.
// Text goes in with textContent only.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  var note = document.getElementById("graph-status");
  var tip = document.getElementById("graph-tip");
  var detail = document.getElementById("edge-detail");
  var colours = JSON.parse(box.dataset.colours);
  var LABEL_PX = 14;  // on-screen size of a node label
  var HUB_LABELS = 12;  // this many of the most connected actors are labelled first, on top

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // A seeded Math.random while the layout runs: the same data draws the same picture.
  function seeded(seed) {
    return function () {
      seed |= 0; seed = seed + 0x6D2B79F5 | 0;
      var t = Math.imul(seed ^ seed >>> 15, 1 | seed);
      t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
      return ((t ^ t >>> 14) >>> 0) / 4294967296;
    };
  }

  function edgeSummary(e) {
    return e.source_name + " → " + e.target_name + ": " + plural(e.n_sources, "source") + ", " +
      plural(e.n_claims, "claim") + " in " + plural(e.n_articles, "article");
  }

  function breakdown(e, withLinks) {
    var list = el("ul", undefined, "breakdown");
    e.relations.forEach(function (r) {
      var li = el("li");
      var dot = el("span", r.status, "status");
      dot.style.setProperty("--c", colours[r.status] || "#444");
      var name = withLinks ? el("a", r.item) : el("strong", r.item);
      if (withLinks) { name.href = r.url; }
      li.appendChild(name);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(dot);
      li.appendChild(document.createTextNode(" · " + plural(r.n_claims, "claim") + ", " + plural(r.n_sources, "source")));
      list.appendChild(li);
    });
    return list;
  }

  function showTip(e, x, y) {
    tip.replaceChildren(el("p", edgeSummary(e), "tip-head"), breakdown(e, false));
    tip.hidden = false;
    var panel = box.getBoundingClientRect();
    tip.style.left = Math.min(x + 14, panel.width - tip.offsetWidth - 4) + "px";
    tip.style.top = (box.offsetTop + y + 14) + "px";
  }

  function showDetail(e) {
    var close = el("button", "×", "close");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", function () { detail.hidden = true; });
    detail.replaceChildren(close, el("h2", edgeSummary(e)), breakdown(e, true));
    detail.hidden = false;
  }

  // Labels: LABEL_PX on screen whatever the zoom-out, and none on top of another (most connected first).
  function placeLabels(cy) {
    var zoom = cy.zoom();
    var size = LABEL_PX / Math.min(zoom, 1);
    cy.batch(function () {
      cy.nodes().style({ "font-size": size, "text-margin-y": 3 / Math.min(zoom, 1) });
      cy.nodes().removeClass("nolabel");
    });
    function meets(a, b) { return a.x1 < b.x2 && a.x2 > b.x1 && a.y1 < b.y2 && a.y2 > b.y1; }
    var bodies = cy.nodes().map(function (n) {
      return { id: n.id(), box: n.renderedBoundingBox({ includeLabels: false, includeOverlays: false }) };
    });
    var placed = [];
    var order = cy.nodes().sort(function (a, b) {
      return b.data("degree") - a.data("degree") || (a.id() < b.id() ? -1 : 1);
    });
    cy.batch(function () {
      order.forEach(function (n, rank) {
        var bb = n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
        // the most connected actors are labelled over whatever they cross (drawn on top);
        // the others only where their label would cover no other actor
        var hit = placed.some(function (p) { return meets(bb, p); }) || (rank >= HUB_LABELS &&
          bodies.some(function (b) { return b.id !== n.id() && meets(bb, b.box); }));
        if (hit) { n.addClass("nolabel"); } else { placed.push(bb); }
        n.toggleClass("hub", rank < HUB_LABELS);
      });
    });
    box.dataset.labels = String(placed.length);
  }

  function focusUrl(actor) {
    var params = new URLSearchParams(window.location.search);
    params.set("focus", actor);
    return "/?" + params.toString();
  }

  function draw(data) {
    var elements = data.nodes.map(function (n) {
      return { data: { id: n.id, label: n.name, degree: n.degree, size: Math.min(16 + 9 * Math.sqrt(n.degree), 90) } };
    }).concat(data.edges.map(function (e) {
      return { data: {
        id: e.id, source: e.source, target: e.target, label: e.label, payload: e,
        colour: colours[e.status] || "#444", width: Math.min(1.5 + 2.2 * Math.sqrt(e.n_sources), 16)
      } };
    }));
    var random = Math.random;
    Math.random = seeded(12);
    var cy;
    try {
      cy = cytoscape({
        container: box,
        elements: elements,
        layout: window.ententeLayout || {
          name: "fcose", quality: "proof", randomize: true, animate: false, padding: 30,
          nodeSeparation: 150, idealEdgeLength: function () { return 200; }, edgeElasticity: function () { return 0.2; },
          nodeRepulsion: function () { return 60000; }, gravity: 0.05, gravityRange: 3.8, numIter: 3000,
          packComponents: true },
        wheelSensitivity: 0.3,
        minZoom: 0.05,
        style: [
          { selector: "node", style: {
            "label": "data(label)", "background-color": "#dfe6ee", "border-color": "#5a6b7d", "border-width": 1.5,
            "width": "data(size)", "height": "data(size)", "font-size": LABEL_PX,
            "text-valign": "bottom", "text-halign": "center", "color": "#1c2733",
            "text-background-color": "#fff", "text-background-opacity": 0.85, "text-background-padding": "1px",
            "min-zoomed-font-size": 0 } },
          { selector: "node.hub", style: { "z-index": 5 } },
          { selector: "node.nolabel", style: { "label": "" } },
          { selector: "node.nolabel.hover, node:selected", style: { "label": "data(label)", "z-index": 10 } },
          { selector: "edge", style: {
            "curve-style": "bezier", "control-point-step-size": 40, "target-arrow-shape": "triangle",
            "line-color": "data(colour)", "target-arrow-color": "data(colour)", "width": "data(width)",
            "arrow-scale": 0.9, "opacity": 0.85 } },
          { selector: "edge.hover, edge:selected", style: {
            "label": "data(label)", "font-size": 13, "color": "#333", "text-rotation": "autorotate",
            "text-background-color": "#fff", "text-background-opacity": 0.9, "text-background-padding": "2px",
            "underlay-color": "#ffd54f", "underlay-opacity": 0.6, "underlay-padding": 4, "z-index": 9 } }
        ]
      });
    } finally {
      Math.random = random;
    }
    placeLabels(cy);
    var timer = null;
    cy.on("zoom", function () { clearTimeout(timer); timer = setTimeout(function () { placeLabels(cy); }, 120); });
    cy.on("tap", "edge", function (evt) {
      var e = evt.target.data("payload");
      if (e.relations.length === 1) { window.location.href = e.relations[0].url; } else { showDetail(e); }
    });
    cy.on("tap", "node", function (evt) { window.location.href = focusUrl(evt.target.id()); });
    cy.on("mouseover", "edge", function (evt) {
      evt.target.addClass("hover"); box.style.cursor = "pointer";
      var p = evt.renderedPosition;
      showTip(evt.target.data("payload"), p.x, p.y);
    });
    cy.on("mouseout", "edge", function (evt) { evt.target.removeClass("hover"); box.style.cursor = ""; tip.hidden = true; });
    cy.on("mouseover", "node", function (evt) { evt.target.addClass("hover"); box.style.cursor = "pointer"; });
    cy.on("mouseout", "node", function (evt) { evt.target.removeClass("hover"); box.style.cursor = ""; });
    window.ententeGraph = cy;  // for the browser tests and the curious
    box.dataset.ready = String(cy.nodes().length);
  }

  fetch(box.dataset.api, { headers: { "Accept": "application/json" } })
    .then(function (resp) {
      if (!resp.ok) { throw new Error("the server answered " + resp.status); }
      return resp.json();
    })
    .then(function (data) {
      if (!data.nodes.length) { box.dataset.ready = "0"; return; }
      draw(data);
    })
    .catch(function (err) { note.textContent = "Could not draw the graph: " + err.message; });
})();
