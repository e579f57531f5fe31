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
      if (status) status.textContent = "Recherche de votre position…";
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          form.querySelector("[name=lat]").value = pos.coords.latitude.toFixed(5);
          form.querySelector("[name=lon]").value = pos.coords.longitude.toFixed(5);
          form.querySelector("[name=q]").value = "";
          form.submit();
        },
        function () {
          if (status) status.textContent = "Position indisponible : indiquez une commune ou un code postal.";
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

  function setupMap() {
    var el = document.getElementById("map");
    if (!el || typeof L === "undefined") return;
    el.classList.add("is-ready");
    var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
    var map = L.map(el).setView([lat, lon], 12);
    if (el.dataset.tilesUrl) {
      L.tileLayer(el.dataset.tilesUrl, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
    }
    L.circleMarker([lat, lon], { radius: 6, color: "#b5446e" }).addTo(map).bindTooltip("Centre de la recherche");
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
