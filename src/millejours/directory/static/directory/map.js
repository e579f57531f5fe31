// Mille Jours — directory map (progressive enhancement; the list works without it).
(function () {
  "use strict";

  function setupGeolocation() {
    var button = document.querySelector("[data-geolocate]");
    var form = document.getElementById("directory-search");
    if (!button || !form || !("geolocation" in navigator)) return;
    var status = document.getElementById("geo-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      if (status) status.textContent = status.dataset.searching || "Recherche de votre position…";
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          form.querySelector("[name=lat]").value = pos.coords.latitude.toFixed(5);
          form.querySelector("[name=lon]").value = pos.coords.longitude.toFixed(5);
          form.querySelector("[name=q]").value = "";
          form.submit();
        },
        function () {
          if (status) status.textContent = status.dataset.unavailable || "Position indisponible : indiquez une commune ou un code postal.";
        },
        { timeout: 10000 }
      );
    });
    // Typing a place replaces a previous "around me" position.
    form.querySelector("[name=q]").addEventListener("input", function () {
      form.querySelector("[name=lat]").value = "";
      form.querySelector("[name=lon]").value = "";
    });
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  // The outline of a set of points (convex hull, monotone chain): the territory's shape.
  function hull(points) {
    var pts = points.slice().sort(function (a, b) { return a[1] - b[1] || a[0] - b[0]; });
    if (pts.length < 3) return pts;
    function cross(o, a, b) { return (a[1] - o[1]) * (b[0] - o[0]) - (a[0] - o[0]) * (b[1] - o[1]); }
    var lower = [], upper = [];
    pts.forEach(function (p) {
      while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
      lower.push(p);
    });
    pts.slice().reverse().forEach(function (p) {
      while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
      upper.push(p);
    });
    return lower.slice(0, -1).concat(upper.slice(0, -1));
  }

  // Without a tile server: the territory's outline and its communes on a plain background.
  function drawTerritory(map) {
    var source = document.getElementById("territory-communes");
    var communes = source ? JSON.parse(source.textContent) : [];
    if (!communes.length) return;
    var points = communes.map(function (c) { return [c.lat, c.lon]; });
    if (points.length >= 3) {
      L.polygon(hull(points), { color: "#1d5c63", weight: 2, fillColor: "#ffffff", fillOpacity: 0.8,
                                interactive: false }).addTo(map);
    }
    var named = communes.length <= 40;  // a small territory: its communes' names on the map
    communes.forEach(function (c) {
      L.circleMarker([c.lat, c.lon], { radius: 3, color: "#555f6b", weight: 1, fillOpacity: 0.6 })
        .addTo(map).bindTooltip(c.name, named ? { permanent: true, direction: "bottom", className: "commune-label" }
                                                 : { direction: "top" });
    });
  }

  function setupMap() {
    var el = document.getElementById("map");
    if (!el || typeof L === "undefined") return;
    el.classList.add("is-ready");
    var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
    var radius = parseFloat(el.dataset.radiusKm) || 10;
    var map = L.map(el).setView([lat, lon], radius >= 20 ? 10 : 12);
    if (el.dataset.tilesUrl) {
      L.tileLayer(el.dataset.tilesUrl, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
    } else {
      el.classList.add("no-tiles");
      drawTerritory(map);
    }
    L.circleMarker([lat, lon], { radius: 6, color: "#b5446e" }).addTo(map).bindTooltip(el.dataset.centreLabel || "Centre de la recherche");
    fetch(el.dataset.markersUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var bounds = [[lat, lon]];
        (data.results || []).forEach(function (item) {
          if (item.latitude == null || item.longitude == null) return;
          var marker = L.marker([item.latitude, item.longitude], { title: item.name, alt: item.name });
          marker.bindPopup(
            '<a href="' + escapeHtml(item.url) + '">' + escapeHtml(item.name) + "</a><br>" +
            escapeHtml(item.structure) + "<br>à " + item.distance_km.toFixed(1).replace(".", ",") + " km"
          );
          marker.addTo(map);
          bounds.push([item.latitude, item.longitude]);
        });
        if (bounds.length > 1) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 14 });
        el.dataset.markers = String((data.results || []).length);
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupGeolocation();
    setupMap();
  });
})();
