// The graph page: fetch /api/relations with the page's filters and draw it with cytoscape.
// Actors are nodes, relations edges (colour = status, width = number of claims);
// clicking an edge opens its relation page. Text goes in with textContent only.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  var note = document.getElementById("graph-status");
  var colours = JSON.parse(box.dataset.colours);

  function row(r) {
    var tr = document.createElement("tr");
    var cells = [r.provider_name, r.recipient_name, r.item_label, r.status, String(r.n_claims), r.last_seen || ""];
    cells.forEach(function (text, i) {
      var td = document.createElement("td");
      if (i === 2) {
        var a = document.createElement("a");
        a.href = r.url;
        a.textContent = text;
        td.appendChild(a);
      } else {
        td.textContent = text;
      }
      if (i === 3) { td.className = "status-cell"; td.style.setProperty("--c", colours[r.status] || "#444"); }
      tr.appendChild(td);
    });
    return tr;
  }

  function draw(relations) {
    var nodes = {};
    var edges = [];
    relations.forEach(function (r) {
      nodes[r.provider] = r.provider_name;
      nodes[r.recipient] = r.recipient_name;
      edges.push({ data: {
        id: "r" + r.id, source: r.provider, target: r.recipient, url: r.url,
        label: r.item_label, status: r.status, colour: colours[r.status] || "#444",
        width: Math.min(2 + 1.5 * r.n_claims, 14)
      } });
    });
    var elements = Object.keys(nodes).map(function (id) {
      return { data: { id: id, label: nodes[id] } };
    }).concat(edges);
    var names = Object.keys(nodes).sort();
    elements.forEach(function (el) {
      var i = names.indexOf(el.data.id);
      if (i >= 0) {
        var angle = 2 * Math.PI * i / names.length;
        el.position = { x: 300 * Math.cos(angle), y: 300 * Math.sin(angle) };
      }
    });
    var cy = cytoscape({
      container: box,
      elements: elements,
      // cose from a circle, not from random positions: the same data draws the same picture.
      layout: { name: "cose", animate: false, randomize: false, padding: 30, componentSpacing: 80,
                nodeRepulsion: function () { return 400000; }, idealEdgeLength: function () { return 160; },
                edgeElasticity: function () { return 60; }, nodeOverlap: 20, numIter: 2000 },
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: {
          "label": "data(label)", "background-color": "#dfe6ee", "border-color": "#5a6b7d", "border-width": 1.5,
          "font-size": 17, "text-valign": "center", "text-halign": "center", "color": "#1c2733",
          "width": "label", "height": 34, "padding": "10px", "shape": "round-rectangle" } },
        { selector: "edge", style: {
          "curve-style": "bezier", "control-point-step-size": 60, "target-arrow-shape": "triangle", "line-color": "data(colour)",
          "target-arrow-color": "data(colour)", "width": "data(width)", "label": "data(label)",
          "font-size": 13, "color": "#333", "text-rotation": "autorotate",
          "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": "2px" } },
        { selector: "edge:selected, edge.hover", style: { "underlay-color": "#ffd54f", "underlay-opacity": 0.6, "underlay-padding": 4 } }
      ]
    });
    cy.on("tap", "edge", function (evt) { window.location.href = evt.target.data("url"); });
    cy.on("mouseover", "edge", function (evt) { evt.target.addClass("hover"); box.style.cursor = "pointer"; });
    cy.on("mouseout", "edge", function (evt) { evt.target.removeClass("hover"); box.style.cursor = ""; });
    window.ententeGraph = cy;  // for the browser tests and the curious
    box.dataset.ready = String(cy.nodes().length);
  }

  fetch(box.dataset.api, { headers: { "Accept": "application/json" } })
    .then(function (resp) {
      if (!resp.ok) { throw new Error("the server answered " + resp.status); }
      return resp.json();
    })
    .then(function (data) {
      note.textContent = data.count === 1 ? "1 relation" : data.count + " relations";
      var body = document.querySelector("#relation-table tbody");
      data.relations.forEach(function (r) { body.appendChild(row(r)); });
      draw(data.relations);
    })
    .catch(function (err) { note.textContent = "Could not load relations: " + err.message; });
})();
