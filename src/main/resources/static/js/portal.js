// The public report form: pick a point on our own division layers (works offline; tiles only when configured),
// find the jurisdiction and grid of the point, filter the category list, keep a double click from sending twice.
(function () {
  var T = window.portalText;
  var el = document.getElementById('portal-map');
  var lonInput = document.getElementById('portal-lon'), latInput = document.getElementById('portal-lat');
  var picked = document.getElementById('portal-picked');
  var form = document.getElementById('portal-report');
  var jurisdictionSelect = document.getElementById('portal-jurisdiction');
  var jurisdiction = el.dataset.jurisdiction;

  // ---- category search: hide options that do not match (the select still works without script)
  var search = document.getElementById('portal-category-search');
  var select = document.getElementById('portal-category');
  function filter() {
    var q = search.value.trim().toLowerCase();
    Array.prototype.forEach.call(select.options, function (o) {
      if (!o.value) { o.hidden = false; return; }
      var text = (o.dataset.search || o.textContent).toLowerCase();
      o.hidden = q !== '' && text.indexOf(q) < 0;
    });
  }
  search.addEventListener('input', filter);
  function loadCategories(code) {
    return fetch('/public/api/categories?j=' + encodeURIComponent(code), { headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (list) {
        while (select.options.length > 1) { select.remove(1); }
        list.forEach(function (c) {
          var o = new Option(c.name + ' · ' + c.group, c.value);
          o.dataset.search = c.name + ' ' + c.group + ' ' + c.keywords;
          select.add(o);
        });
        filter();
      });
  }

  // ---- the map
  var lon = parseFloat(el.dataset.lon) || 108.62, lat = parseFloat(el.dataset.lat) || 21.96;
  var map = L.map(el, { zoomControl: true, maxZoom: 19 }).setView([lat, lon], 13);
  window.portalMap = map;
  if (el.dataset.tileUrl) {
    L.tileLayer(el.dataset.tileUrl, { attribution: el.dataset.tileAttribution || '', maxZoom: 19 }).addTo(map);
  }
  var layers = L.layerGroup().addTo(map);
  function loadLayers(code, fit) {
    layers.clearLayers();
    var street = fetch('/public/api/geo/' + code + '/street.geojson').then(function (r) { return r.json(); });
    var district = fetch('/public/api/geo/' + code + '/district.geojson').then(function (r) { return r.json(); });
    return Promise.all([street, district]).then(function (fcs) {
      L.geoJSON(fcs[0], { style: { color: '#3d85c6', weight: 1.5, fillColor: '#cfe2f3', fillOpacity: 0.15 }, interactive: false }).addTo(layers);
      var d = L.geoJSON(fcs[1], { style: { color: '#0b5394', weight: 3, fill: false }, interactive: false,
        onEachFeature: function (f, l) { l.bindTooltip(f.properties.name, { permanent: true, direction: 'center', className: 'portal-label' }); } })
        .addTo(layers);
      if (fit && d.getBounds().isValid()) { map.fitBounds(d.getBounds(), { animate: false }); }
      document.body.dataset.mapReady = 'true';
    });
  }
  var marker = null;
  function pick(latlng) {
    if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng).addTo(map); }
    lonInput.value = latlng.lng.toFixed(7);
    latInput.value = latlng.lat.toFixed(7);
    picked.classList.remove('text-danger');
    picked.textContent = T.picked.replace('{0}', latlng.lng.toFixed(5) + ', ' + latlng.lat.toFixed(5));
    fetch('/public/api/locate?lon=' + latlng.lng + '&lat=' + latlng.lat, { headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (res) {
        if (!res.inside) {
          picked.classList.add('text-danger');
          picked.textContent = T.outside;
          document.body.dataset.picked = 'outside';
          return;
        }
        var l = res.location;
        picked.textContent = T.picked.replace('{0}', [l.districtName, l.streetName, l.communityName].filter(Boolean).join(' '));
        if (l.jurisdiction !== jurisdiction) {
          // the point is in another jurisdiction on this platform: follow it (its categories differ)
          jurisdiction = l.jurisdiction;
          if (jurisdictionSelect) { jurisdictionSelect.value = jurisdiction; }
          loadCategories(jurisdiction);
          loadLayers(jurisdiction, false);
        }
        document.body.dataset.picked = 'inside';
      });
  }
  map.on('click', function (e) { pick(e.latlng); });
  if (lonInput.value && latInput.value) {
    var start = L.latLng(parseFloat(latInput.value), parseFloat(lonInput.value));
    loadLayers(jurisdiction, false).then(function () { map.setView(start, 16); pick(start); });
  } else {
    loadLayers(jurisdiction, true);
  }
  if (jurisdictionSelect) {
    jurisdictionSelect.addEventListener('change', function () {
      jurisdiction = jurisdictionSelect.value;
      loadCategories(jurisdiction);
      loadLayers(jurisdiction, true);
    });
  }
  document.getElementById('portal-locate').addEventListener('click', function () {
    if (!navigator.geolocation) { return; }
    navigator.geolocation.getCurrentPosition(function (p) {
      var ll = L.latLng(p.coords.latitude, p.coords.longitude);
      map.setView(ll, 17);
      pick(ll);
    });
  });

  // ---- one submit per click (the server also makes one case per form token)
  form.addEventListener('submit', function () {
    var b = document.getElementById('portal-submit');
    setTimeout(function () { b.disabled = true; }, 0);
  });
})();
