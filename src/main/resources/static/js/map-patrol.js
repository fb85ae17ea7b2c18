// Supervision map, second part: filters for the case points (area, unit, category, channel, reporting period —
// checked by the server, its message shown under the filters) and the inspectors' latest positions with today's
// tracks (centre roles only; others simply do not get the layer).
(function () {
  var map = window.wanmiMap, T = window.wanmiMapText;
  if (!map) { return; }
  var form = document.getElementById('map-filters');
  var err = document.getElementById('mf-error');
  window.wanmiMapFilter = function () {
    var q = new URLSearchParams();
    form.querySelectorAll('input, select').forEach(function (i) { if (i.name && i.value) { q.set(i.name, i.value.trim()); } });
    var s = q.toString();
    return s ? '?' + s : '';
  };
  function apply() {
    err.textContent = '';
    wanmi.json('/api/v1/cases/map.geojson' + window.wanmiMapFilter()).then(function (fc) {
      document.getElementById('mf-count').textContent = fc.features.length;
      window.wanmiLoadCases();
    }).catch(function (e) { err.textContent = e.message; });
  }
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  wanmi.json('/api/v1/organisations?flat=true').then(function (units) {
    var sel = document.getElementById('mf-unit');
    units.forEach(function (u) { var o = document.createElement('option'); o.value = u.id; o.textContent = u.name; sel.appendChild(o); });
  }).catch(function () { });
  wanmi.json('/api/v1/cases/map.geojson').then(function (fc) { document.getElementById('mf-count').textContent = fc.features.length; }).catch(function () { });

  var people = L.layerGroup().addTo(map);
  var tracks = L.layerGroup().addTo(map);
  var colours = ['#6a1b9a', '#00838f', '#ef6c00', '#1565c0', '#ad1457', '#2e7d32'];
  var list = document.getElementById('patrol-list');
  function loadPatrol() {
    wanmi.json('/api/v1/patrol/positions?withinMinutes=1440').then(function (ps) {
      people.clearLayers(); tracks.clearLayers(); list.innerHTML = '';
      ps.forEach(function (p, i) {
        var colour = colours[i % colours.length];
        L.marker([p.lat, p.lon], { icon: L.divIcon({ className: 'inspector-icon', html: '<span style="background:' + colour + '">' + (p.displayName || p.username).slice(0, 1) + '</span>', iconSize: [22, 22] }) })
          .bindTooltip(p.displayName + ' · ' + Math.round(p.ageSeconds / 60) + ' min').addTo(people);
        var li = document.createElement('li'); li.className = 'patrol-row';
        li.innerHTML = '<span style="color:' + colour + '">●</span> ';
        li.appendChild(document.createTextNode(p.displayName + ' (' + p.username + ') ' + (p.gridCode || '')));
        list.appendChild(li);
        wanmi.json('/api/v1/patrol/tracks/' + encodeURIComponent(p.username)).then(function (pts) {
          if (pts.length > 1) { L.polyline(pts.map(function (t) { return [t.lat, t.lon]; }), { color: colour, weight: 3, opacity: 0.7 }).addTo(tracks); }
        }).catch(function () { });
      });
      document.body.dataset.inspectorsShown = String(ps.length);
    }).catch(function () { document.body.dataset.inspectorsShown = '-'; });
  }
  L.control.layers(null, (function () { var o = {}; o[T.inspectors] = people; o[T.tracks] = tracks; return o; })(), { collapsed: true, position: 'bottomleft' }).addTo(map);
  loadPatrol();
  setInterval(loadPatrol, 60000);
})();
