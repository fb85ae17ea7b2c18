// The big screen: figures from GET /api/v1/cases/board, refreshed as soon as the live stream
// (GET /api/v1/cases/stream) reports a case change (and every 60 s as a safety net); open cases on the map;
// the department ranking from the evaluation module's API (this month).
(function () {
  var body = document.getElementById('big-screen');
  var T = window.wanmiBigText;
  function $(id) { return document.getElementById(id); }
  function clock() { $('big-clock').textContent = new Date().toLocaleTimeString('zh-CN', { hour12: false }); }
  clock(); setInterval(clock, 1000);
  function set(id, v) {
    var e = $(id);
    if (e.textContent !== String(v)) { e.textContent = v; e.classList.add('bump'); setTimeout(function () { e.classList.remove('bump'); }, 800); }
  }
  function late(min) { return min >= 120 ? Math.round(min / 60) + T.hours : min + T.minutes; }
  function esc(s) { var d = document.createElement('div'); d.textContent = s == null ? '' : s; return d.innerHTML; }
  function board() {
    return wanmi.json('/api/v1/cases/board').then(function (b) {
      set('kpi-reported', b.reported); set('kpi-filed', b.filed); set('kpi-dispatched', b.dispatched);
      set('kpi-closed', b.closed); set('kpi-overdue', b.overdue); set('kpi-open', b.open);
      var max = 1;
      document.querySelectorAll('#flow li').forEach(function (li) { max = Math.max(max, b.openByState[li.dataset.state] || 0); });
      document.querySelectorAll('#flow li').forEach(function (li) {
        var n = b.openByState[li.dataset.state] || 0;
        li.querySelector('.n').textContent = n;
        li.querySelector('.fill').style.width = (100 * n / max) + '%';
      });
      $('overdue-list').tBodies[0].innerHTML = b.overdueCases.length ? b.overdueCases.slice(0, 12).map(function (c) {
        return '<tr><td><a href="/cases/' + c.id + '">' + esc(c.caseNo) + '</a></td><td>' + esc(c.description || c.address) + '</td><td class="late">' + late(c.overdueMinutes) + '</td></tr>';
      }).join('') : '<tr><td>' + T.none + '</td></tr>';
      body.dataset.updated = b.at;
    });
  }
  function ranking() {
    var now = new Date();
    var period = now.getFullYear() + '-' + String(now.getMonth() + 1).padStart(2, '0');
    wanmi.json('/api/v1/evaluation/departments?period=' + period).then(function (r) {
      var rows = (r.rows || []).slice().sort(function (a, b) { return (a.rank || 999) - (b.rank || 999); }).slice(0, 10);
      $('ranking').tBodies[0].innerHTML = rows.length ? rows.map(function (x) {
        return '<tr><td>' + esc(x.rank) + '</td><td>' + esc(x.object.name) + '</td><td class="score">' + (x.composite == null ? '–' : x.composite.toFixed(1)) + '</td><td>' + esc(x.grade || '') + '</td></tr>';
      }).join('') : '<tr><td>' + T.none + '</td></tr>';
    }).catch(function () { $('ranking').tBodies[0].innerHTML = '<tr><td>' + T.none + '</td></tr>'; });
  }
  // map: districts and open cases
  var map = L.map('big-map', { attributionControl: false, zoomControl: false, preferCanvas: true })
    .setView([parseFloat(body.dataset.lat) || 21.96, parseFloat(body.dataset.lon) || 108.62], 11);
  var cases = L.layerGroup().addTo(map);
  wanmi.json('/api/v1/geo/divisions/district.geojson').then(function (fc) {
    var l = L.geoJSON(fc, { style: { color: '#4fc3f7', weight: 2, fillColor: '#1e88e5', fillOpacity: 0.08 }, interactive: false }).addTo(map);
    if (l.getBounds().isValid()) { map.fitBounds(l.getBounds(), { animate: false }); }
  }).catch(function () { });
  var colors = { GREEN: '#4caf50', YELLOW: '#ffca28', RED: '#f44336' };
  function points() {
    wanmi.json('/api/v1/cases/map.geojson').then(function (fc) {
      cases.clearLayers();
      (fc.features || []).forEach(function (f) {
        var c = f.geometry.coordinates;
        L.circleMarker([c[1], c[0]], { radius: 3, stroke: false, fillColor: colors[f.properties.light] || '#90caf9', fillOpacity: 0.85 }).addTo(cases);
      });
    }).catch(function () { });
  }
  var pending = null;
  function refresh() {
    if (pending) { return; }
    pending = setTimeout(function () { pending = null; board(); }, 150);
  }
  var mapPending = null;
  function refreshMap() { clearTimeout(mapPending); mapPending = setTimeout(points, 2000); }
  board(); ranking(); points();
  setInterval(board, 60000);
  setInterval(ranking, 300000);
  if (window.EventSource) {
    var es = new EventSource('/api/v1/cases/stream');
    es.addEventListener('ready', function () { $('big-live').classList.remove('off'); body.dataset.live = 'true'; });
    es.addEventListener('case', function () { refresh(); refreshMap(); });
    es.onerror = function () { $('big-live').classList.add('off'); body.dataset.live = 'false'; };
  }
})();
