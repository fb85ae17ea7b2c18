// The console map: our own division layers (works offline), click → grid, components, responsible units.
(function () {
  var el = document.getElementById('map');
  var T = window.wanmiMapText;
  var lon = parseFloat(el.dataset.lon) || 108.62, lat = parseFloat(el.dataset.lat) || 21.96;
  // Tiles in GCJ-02 (e.g. most Chinese commercial maps): the server shifts our layers, clicks are shifted back.
  var gcj = (el.dataset.tileCrs || '').toLowerCase() === 'gcj02';
  var crsParam = gcj ? 'crs=gcj02' : '';
  function withCrs(url) { return crsParam ? url + (url.indexOf('?') >= 0 ? '&' : '?') + crsParam : url; }
  function toWgs84(latlng) {
    if (!gcj) { return Promise.resolve(latlng); }
    return wanmi.json('/api/v1/geo/transform?from=gcj02&to=wgs84&lon=' + latlng.lng + '&lat=' + latlng.lat)
      .then(function (t) { return L.latLng(t.lat, t.lon); });
  }
  function toDisplay(lat, lon) {
    if (!gcj) { return Promise.resolve(L.latLng(lat, lon)); }
    return wanmi.json('/api/v1/geo/transform?from=wgs84&to=gcj02&lon=' + lon + '&lat=' + lat)
      .then(function (t) { return L.latLng(t.lat, t.lon); });
  }
  var map = L.map('map', { preferCanvas: true, zoomControl: true, maxZoom: 19 }).setView([lat, lon], 14);
  window.wanmiMap = map;
  if (el.dataset.tileUrl) {
    L.tileLayer(el.dataset.tileUrl, { attribution: el.dataset.tileAttribution || '', maxZoom: 19 }).addTo(map);
  } else {
    el.style.background = '#f4f1ea';
  }
  var styles = {
    district: { color: '#0b5394', weight: 3, fill: false },
    street: { color: '#3d85c6', weight: 2, fill: false, dashArray: '6 4' },
    community: { color: '#6fa8dc', weight: 1.2, fillColor: '#cfe2f3', fillOpacity: 0.15 },
    grid: { color: '#999', weight: 0.6, fillOpacity: 0.02 }
  };
  function label(f, layer) {
    layer.bindTooltip(f.properties.name + ' ' + f.properties.code, { sticky: true, direction: 'top' });
  }
  function permanentLabel(cls) {
    return function (f, layer) {
      layer.bindTooltip(f.properties.name, { permanent: true, direction: 'center', className: 'map-label ' + cls });
    };
  }
  function load(level, style, opts) {
    var layer = L.geoJSON(null, { style: style, onEachFeature: (opts && opts.labels) || label, interactive: !!(opts && opts.interactive) });
    return wanmi.json(withCrs('/api/v1/geo/divisions/' + level + '.geojson'))
      .then(function (fc) { layer.addData(fc); return layer; });
  }
  var layers = {};
  var control = L.control.layers(null, {}, { collapsed: false, position: 'bottomleft' }).addTo(map);
  Promise.all([load('community', styles.community), load('street', styles.street, { labels: permanentLabel('street') }),
      load('district', styles.district, { labels: permanentLabel('district') })])
    .then(function (ls) {
      layers.community = ls[0].addTo(map); layers.street = ls[1].addTo(map); layers.district = ls[2].addTo(map);
      control.addOverlay(layers.district, T.districts);
      control.addOverlay(layers.street, T.streets);
      control.addOverlay(layers.community, T.communities);
      var b = layers.district.getBounds();
      if (b.isValid()) { map.fitBounds(b, { animate: false }); }
      document.body.dataset.mapReady = 'true';
    }).catch(showError);
  // grids: loaded for the visible box once zoomed in, so a 20,000-grid city stays smooth
  var grids = L.geoJSON(null, { style: styles.grid, onEachFeature: label, interactive: false }).addTo(map);
  control.addOverlay(grids, T.grids);
  var gridTimer;
  function refreshGrids() {
    clearTimeout(gridTimer);
    gridTimer = setTimeout(function () {
      if (map.getZoom() < 15) { grids.clearLayers(); document.body.dataset.gridsShown = '0'; return; }
      var b = map.getBounds().pad(0.2);
      var bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(6); }).join(',');
      wanmi.json(withCrs('/api/v1/geo/divisions/grid.geojson?bbox=' + bbox)).then(function (fc) {
        grids.clearLayers(); grids.addData(fc); document.body.dataset.gridsShown = String(fc.features.length);
        ['community', 'street', 'district'].forEach(function (k) { if (layers[k]) { layers[k].bringToFront(); } });
      }).catch(showError);
    }, 200);
  }
  map.on('moveend', refreshGrids);

  // open cases, clustered, coloured by the light of their current step; click → the case page
  var lightColours = { RED: '#c62828', YELLOW: '#f9a825', GREEN: '#2e7d32' };
  var cases = L.markerClusterGroup ? L.markerClusterGroup({ chunkedLoading: true, maxClusterRadius: 50 }) : L.layerGroup();
  control.addOverlay(cases, T.cases);
  cases.addTo(map);
  function loadCases() {
    wanmi.json(withCrs('/api/v1/cases/map.geojson' + (window.wanmiMapFilter ? window.wanmiMapFilter() : ''))).then(function (fc) {
      var markers = fc.features.map(function (f) {
        var p = f.properties, c = f.geometry.coordinates;
        var m = L.circleMarker([c[1], c[0]], { radius: p.urgent ? 8 : 6, weight: 1, color: '#fff',
          fillColor: lightColours[p.light] || '#607d8b', fillOpacity: 0.9 });
        m.bindTooltip(p.caseNo, { direction: 'top' });
        m.on('click', function () { window.location.href = '/cases/' + p.id; });
        return m;
      });
      cases.clearLayers();
      if (cases.addLayers) { cases.addLayers(markers); } else { markers.forEach(function (m) { cases.addLayer(m); }); }
      document.body.dataset.casesShown = String(markers.length);
    }).catch(showError);
  }
  window.wanmiLoadCases = loadCases;
  loadCases();
  setInterval(loadCases, 60000);

  var marker = null, highlight = null, current = null;
  var componentMarkers = L.layerGroup().addTo(map);
  function text(id, v) { document.getElementById(id).textContent = v == null ? '—' : v; }
  function showError(e) {
    var box = document.getElementById('map-error');
    box.textContent = e.message || String(e);
    box.classList.remove('d-none');
  }
  function pick(shown) {
    if (marker) { marker.setLatLng(shown); } else { marker = L.circleMarker(shown, { radius: 7, color: '#cc0000', fillOpacity: 0.8 }).addTo(map); }
    toWgs84(shown).then(query).catch(showError);
  }
  function query(latlng) {
    current = latlng;
    document.getElementById('map-error').classList.add('d-none');
    var q = 'lon=' + latlng.lng.toFixed(7) + '&lat=' + latlng.lat.toFixed(7);
    text('loc-coords', latlng.lng.toFixed(6) + ', ' + latlng.lat.toFixed(6));
    document.getElementById('map-location').classList.remove('d-none');
    document.getElementById('map-hint').classList.add('d-none');
    wanmi.json('/api/v1/geo/locate?' + q).then(function (loc) {
      text('loc-grid', loc.gridName + ' ' + loc.gridCode);
      text('loc-community', loc.communityName + ' ' + loc.communityCode);
      text('loc-street', loc.streetName + ' ' + loc.streetCode);
      text('loc-district', loc.districtName + ' ' + loc.districtCode);
      wanmi.json(withCrs('/api/v1/geo/divisions/' + loc.gridCode)).then(function (d) {
        if (highlight) { map.removeLayer(highlight); }
        highlight = L.geoJSON(d.geometry, { style: { color: '#cc0000', weight: 2, fillOpacity: 0.1 }, interactive: false }).addTo(map);
      });
    }).catch(function (e) {
      ['loc-grid', 'loc-community', 'loc-street', 'loc-district'].forEach(function (id) { text(id, null); });
      text('loc-grid', e.status === 404 ? T.outside : e.message);
      if (highlight) { map.removeLayer(highlight); highlight = null; }
    });
    wanmi.json('/api/v1/geo/reverse?' + q).then(function (r) { text('loc-address', r.description); })
      .catch(function () { text('loc-address', null); });
    var ul = document.getElementById('loc-components');
    ul.innerHTML = '';
    wanmi.json('/api/v1/components/nearest?' + q + '&limit=5').then(function (list) {
      var items = Array.isArray(list) ? list : (list.items || list.content || []);
      if (!items.length) { ul.innerHTML = '<li>' + T.none + '</li>'; return; }
      componentMarkers.clearLayers();
      items.forEach(function (hit) {
        var c = hit.component || hit;
        var li = document.createElement('li');
        var dist = hit.distanceMeters != null ? ' · ' + Math.round(hit.distanceMeters) + T.meters : '';
        li.textContent = (c.categoryName || c.name || '') + ' ' + (c.id || '') + ' ' + (c.statusLabel || '') + dist;
        ul.appendChild(li);
        toDisplay(c.lat, c.lon).then(function (ll) {
          L.circleMarker(ll, { radius: 5, color: '#38761d', fillOpacity: 0.9, weight: 1 })
            .bindTooltip((c.categoryName || '') + ' ' + c.id).addTo(componentMarkers);
        });
      });
    }).catch(function () { ul.innerHTML = '<li class="text-muted">' + T.unavailable + '</li>'; });
    candidates();
  }
  function candidates() {
    var ol = document.getElementById('loc-candidates');
    ol.innerHTML = '';
    var cat = document.getElementById('loc-category').value;
    if (!cat || !current) { return; }
    var q = 'lon=' + current.lng.toFixed(7) + '&lat=' + current.lat.toFixed(7) + '&category=' + encodeURIComponent(cat);
    wanmi.json('/api/v1/dispatch/candidates?' + q).then(function (r) {
      var items = Array.isArray(r) ? r : (r.candidates || []);
      if (!items.length) { ol.innerHTML = '<li>' + T.none + '</li>'; return; }
      items.forEach(function (c) {
        var li = document.createElement('li');
        var unit = c.unitName || (c.unit && c.unit.name) || c.name || '';
        var why = c.why || (c.rule && (c.rule.areaName || c.rule.areaCode)) || '';
        li.textContent = unit + (why ? '（' + why + '）' : '') + (c.nearBoundary ? ' ⚠ ' + T.nearBoundary : '');
        ol.appendChild(li);
      });
    }).catch(function (e) { ol.innerHTML = '<li class="text-muted">' + (e.message || T.unavailable) + '</li>'; });
  }
  map.on('click', function (e) { pick(e.latlng); });
  document.getElementById('loc-category').addEventListener('change', candidates);
  wanmi.json('/api/v1/catalog/categories').then(function (list) {
    var items = Array.isArray(list) ? list : (list.items || list.content || []);
    var sel = document.getElementById('loc-category');
    items.forEach(function (c) {
      var o = document.createElement('option');
      o.value = (c.kind || 'MATTER') + ':' + c.code;
      o.textContent = c.code + ' ' + c.name + (c.kind === 'COMPONENT' ? '（部件）' : '');
      sel.appendChild(o);
    });
  }).catch(function () { /* catalog not available yet */ });

  // address search (gazetteer): Enter or the button
  function search() {
    var q = document.getElementById('map-search').value.trim();
    var box = document.getElementById('map-search-results');
    box.innerHTML = '';
    if (!q) { return; }
    wanmi.json('/api/v1/geo/address/search?limit=8&q=' + encodeURIComponent(q)).then(function (r) {
      var hits = Array.isArray(r) ? r : (r.hits || r.items || []);
      if (!hits.length) { box.innerHTML = '<div class="list-group-item">' + T.none + '</div>'; return; }
      hits.forEach(function (h) {
        var a = document.createElement('button');
        a.type = 'button';
        a.className = 'list-group-item list-group-item-action py-1';
        a.textContent = h.name + (h.type ? ' · ' + h.type : '');
        a.addEventListener('click', function () {
          toDisplay(h.lat, h.lon).then(function (ll) {
            map.setView(ll, Math.max(map.getZoom(), 17));
            pick(ll);
            box.innerHTML = '';
          });
        });
        box.appendChild(a);
      });
    }).catch(function (e) { box.innerHTML = '<div class="list-group-item text-muted">' + (e.message || T.unavailable) + '</div>'; });
  }
  document.getElementById('map-search-go').addEventListener('click', search);
  document.getElementById('map-search').addEventListener('keydown', function (e) { if (e.key === 'Enter') { search(); } });
})();
