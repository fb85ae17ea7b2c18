// The case page: a live countdown to the handling deadline, the position with its grid, and one small form per
// operation the server allows, posted as JSON to the same API every client uses; problems are shown next to the form.
(function () {
  var page = document.getElementById('case-page');
  if (!page) { return; }
  var caseId = page.dataset.caseId;

  // countdown (wall clock to the due time; the working time left is shown beside it)
  var cd = document.getElementById('countdown');
  if (cd && cd.dataset.due) {
    var due = Date.parse(cd.dataset.due);
    var tick = function () {
      var s = Math.round((due - Date.now()) / 1000);
      var neg = s < 0; s = Math.abs(s);
      var h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
      var text = (neg ? '-' : '') + h + ':' + String(m).padStart(2, '0') + ':' + String(sec).padStart(2, '0');
      cd.textContent = neg ? cd.dataset.overdueText + ' ' + text : text;
      cd.classList.toggle('text-danger', neg);
    };
    tick();
    setInterval(tick, 1000);
  }

  // map: the case and its unit grid, from our own data (no tiles needed)
  var mapEl = document.getElementById('case-map');
  if (mapEl && window.L) {
    var lat = parseFloat(mapEl.dataset.lat), lon = parseFloat(mapEl.dataset.lon);
    var map = L.map(mapEl, { attributionControl: false }).setView([lat, lon], 17);
    var grid = JSON.parse(document.getElementById('case-grid').textContent || 'null');
    if (grid) {
      var layer = L.geoJSON(grid, { style: { color: '#0b5394', weight: 2, fillOpacity: 0.08 } }).addTo(map);
      map.fitBounds(layer.getBounds(), { maxZoom: 18 });
    }
    L.circleMarker([lat, lon], { radius: 7, color: '#c62828', fillColor: '#c62828', fillOpacity: 0.8 }).addTo(map);
    window.wanmiCaseMap = map;
  }

  // operations
  var form = document.getElementById('op-form');
  if (!form) { return; }
  var current = null;
  var error = document.getElementById('op-error');
  function show(op, label) {
    current = op;
    form.reset();
    error.classList.add('d-none');
    document.getElementById('op-title').textContent = label;
    form.querySelectorAll('.op-field').forEach(function (f) {
      var on = (' ' + f.dataset.for + ' ').indexOf(' ' + op + ' ') >= 0;
      f.classList.toggle('d-none', !on);
      f.querySelectorAll('input,select,textarea').forEach(function (i) { i.disabled = !on; });
    });
    form.classList.remove('d-none');
    if (op === 'send-verification' || op === 'send-check') { nearestInspectors(); }
    var first = form.querySelector('.op-field:not(.d-none) select, .op-field:not(.d-none) input, #f-comment');
    if (first) { first.focus(); }
  }
  document.querySelectorAll('.op-button').forEach(function (b) {
    b.addEventListener('click', function () { show(b.dataset.op, b.textContent); });
  });
  document.getElementById('op-cancel').addEventListener('click', function () { form.classList.add('d-none'); current = null; });
  document.querySelectorAll('.candidate').forEach(function (r) {
    r.addEventListener('change', function () { document.getElementById('f-unitId').value = r.value; });
  });
  var checked = document.querySelector('.candidate:checked');
  if (checked) { document.getElementById('f-unitId').value = checked.value; }

  // 立案: the handling deadline the chosen 立案条件 gives if the case were dispatched now (the clock starts at dispatch)
  var cond = document.getElementById('f-conditionId'), preview = document.getElementById('f-deadline-preview');
  if (cond && preview) {
    cond.addEventListener('change', function () {
      var o = cond.options[cond.selectedIndex];
      preview.textContent = '';
      if (!o || !o.dataset.limit) { return; }
      wanmi.json('/api/v1/calendar/deadline?limit=' + encodeURIComponent(o.dataset.limit)).then(function (d) {
        var due = new Date(d.due || d.dueAt || d.deadline);
        preview.textContent = preview.dataset.text + ' ' + (isNaN(due) ? (d.due || '') : due.toLocaleString('zh-CN', { hour12: false }));
      }).catch(function () { });
    });
  }
  // 派发核实/核查: inspectors on duty nearest to the case first, on the case's map; a click on one chooses him
  var inspectorLayer = null;
  function nearestInspectors() {
    var sel = document.getElementById('f-assignee'), hint = document.getElementById('f-assignee-hint');
    if (!sel || !mapEl) { return; }
    var lat = parseFloat(mapEl.dataset.lat), lon = parseFloat(mapEl.dataset.lon);
    wanmi.json('/api/v1/patrol/positions').then(function (ps) {
      var map = window.wanmiCaseMap;
      if (inspectorLayer) { inspectorLayer.clearLayers(); } else if (map) { inspectorLayer = L.layerGroup().addTo(map); }
      var dist = {};
      ps.forEach(function (p) {
        var dx = (p.lon - lon) * 111320 * Math.cos(lat * Math.PI / 180), dy = (p.lat - lat) * 110540;
        dist[p.username] = Math.round(Math.sqrt(dx * dx + dy * dy));
        if (inspectorLayer) {
          L.circleMarker([p.lat, p.lon], { radius: 7, color: '#0b5394', fillColor: '#6fa8dc', fillOpacity: 0.9 })
            .bindTooltip(p.displayName + ' · ' + dist[p.username] + ' m').on('click', function () { sel.value = p.username; }).addTo(inspectorLayer);
        }
      });
      var opts = Array.prototype.slice.call(sel.options).filter(function (o) { return o.value; });
      opts.sort(function (a, b) { return (a.value in dist ? dist[a.value] : 1e12) - (b.value in dist ? dist[b.value] : 1e12); });
      opts.forEach(function (o) {
        sel.appendChild(o);
        if (o.value in dist && o.textContent.indexOf(' m · ') < 0) { o.textContent += ' · ' + dist[o.value] + ' m · ' + hint.dataset.onDuty; }
      });
      if (opts.length && opts[0].value in dist) {
        sel.value = opts[0].value;
        hint.textContent = hint.dataset.nearest + ' ' + opts[0].textContent;
        if (map && inspectorLayer.getLayers().length) { map.fitBounds(L.featureGroup(inspectorLayer.getLayers().concat([L.marker([lat, lon])])).getBounds(), { maxZoom: 16, padding: [20, 20] }); }
      }
    }).catch(function () { /* not a centre role: the plain list stays */ });
  }

  function value(name) {
    var els = form.querySelectorAll('[name="' + name + '"]:not([disabled])');
    for (var i = 0; i < els.length; i++) {
      var e = els[i];
      if (e.type === 'radio') { if (e.checked) { return e.value; } continue; }
      if (e.type === 'checkbox') { return e.checked; }
      if (e.value !== '') { return e.value; }
    }
    return null;
  }
  function uploadPhotos() {
    var input = document.getElementById('f-photos');
    if (!input || input.disabled || !input.files.length) { return Promise.resolve([]); }
    var data = new FormData();
    Array.prototype.forEach.call(input.files, function (f) { data.append('file', f); });
    return wanmi.json('/api/v1/attachments', { method: 'POST', body: data })
      .then(function (list) { return list.map(function (a) { return a.id; }); });
  }
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (!current) { return; }
    var submit = document.getElementById('op-submit');
    submit.disabled = true;
    error.classList.add('d-none');
    uploadPhotos().then(function (photos) {
      var body = { comment: value('comment'), reasonCode: value('reasonCode'), assignee: value('assignee'),
        result: value('result'), photos: photos };
      var n;
      if ((n = value('conditionId'))) { body.conditionId = Number(n); }
      if ((n = value('unitId'))) { body.unitId = Number(n); }
      if ((n = value('passed')) !== null) { body.passed = n === 'true'; }
      if ((n = value('approved')) !== null) { body.approved = n === 'true'; }
      if ((n = value('satisfaction'))) { body.satisfaction = Number(n); }
      if ((n = value('masterId'))) { body.masterId = n; }
      if ((n = value('resumeAt'))) { body.resumeAt = new Date(n + 'T08:00:00+08:00').toISOString(); }
      if (current === 'file') { body.urgent = value('urgent') === true; }
      if ((n = value('category')) && n.indexOf(':') > 0) { body.categoryKind = n.split(':')[0]; body.categoryCode = n.split(':')[1]; }
      return wanmi.json('/api/v1/cases/' + caseId + '/operations/' + current, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    }).then(function () {
      // the case may have left the user's view (e.g. an inspector's task is done): back to the workbench then
      return fetch('/api/v1/cases/' + caseId, { headers: { 'Accept': 'application/json' } }).then(function (r) {
        if (r.ok) { window.location.reload(); } else { window.location.href = '/?done=' + encodeURIComponent(caseId); }
      });
    }).catch(function (e) {
      error.textContent = e.message;
      error.classList.remove('d-none');
      var field = e.problem && e.problem.errors && e.problem.errors[0] && e.problem.errors[0].field;
      submit.disabled = false;
    });
  });
})();
