// Workbenches: the live stream of case changes refreshes the lists (htmx "wanmi:changed"), the review queue's
// count, and for the intake operator the inspectors on duty on a small map.
(function () {
  var page = document.getElementById('workbench-page');
  if (!page) { return; }
  var pending = null;
  function changed() {
    if (pending) { return; }
    pending = setTimeout(function () { pending = null; document.body.dispatchEvent(new CustomEvent('wanmi:changed')); }, 300);
  }
  if (window.EventSource) {
    var es = new EventSource('/api/v1/cases/stream');
    es.addEventListener('case', changed);
  }
  var count = document.getElementById('review-count');
  function reviews() {
    if (!count) { return; }
    wanmi.json('/api/v1/intake/reviews?limit=200').then(function (list) { count.textContent = list.length; }).catch(function () { count.textContent = '–'; });
  }
  reviews();
  setInterval(reviews, 30000);
  var mapEl = document.getElementById('inspector-map');
  var map = null, layer = null, caseMarker = null, positions = [];
  if (mapEl && window.L) {
    map = L.map(mapEl, { attributionControl: false, preferCanvas: true }).setView([21.96, 108.62], 12);
    mapEl.style.background = '#f4f1ea';
    layer = L.layerGroup().addTo(map);
  }
  var list = document.getElementById('inspector-list');
  function showPositions(ps) {
    positions = ps;
    if (layer) { layer.clearLayers(); }
    if (list) { list.innerHTML = ''; }
    var pts = [];
    ps.forEach(function (p) {
      var ll = [p.lat, p.lon]; pts.push(ll);
      if (layer) {
        L.circleMarker(ll, { radius: 6, color: '#0b5394', fillOpacity: 0.9 }).bindTooltip(p.displayName + ' · ' + Math.round(p.ageSeconds / 60) + ' min')
          .on('click', function () { choose(p.username); }).addTo(layer);
      }
      if (list) {
        var li = document.createElement('li');
        li.textContent = p.displayName + ' (' + p.username + ') · ' + (p.gridCode || '') + ' · ' + Math.round(p.ageSeconds / 60) + ' min';
        list.appendChild(li);
      }
    });
    if (map && pts.length) { map.fitBounds(pts, { maxZoom: 15, padding: [20, 20] }); }
    if (list && !ps.length) { var li = document.createElement('li'); li.className = 'text-muted'; li.textContent = '—'; list.appendChild(li); }
  }
  function loadPositions() {
    return wanmi.json('/api/v1/patrol/positions').then(function (ps) { showPositions(ps); return ps; }).catch(function () { return []; });
  }
  if (mapEl) { loadPositions(); }

  // 派发核实/核查 from the workbench: a case waiting for a task, the inspectors on duty nearest to it first (the first
  // one chosen); Tab to the list, ↑/↓ another, Enter sends. The operation is offered only if the server lists it for this user.
  var chooser = document.getElementById('task-chooser');
  if (!chooser) { return; }
  var form = document.getElementById('tc-form'), sel = document.getElementById('tc-case'), box = document.getElementById('tc-inspectors');
  var send = document.getElementById('tc-send'), hint = document.getElementById('tc-hint'), error = document.getElementById('tc-error');
  var current = null, op = null;
  function fillCases() {
    var groups = [['tc-check', '/api/v1/cases?state=HANDLED&sort=createdAt,asc&size=20'], ['tc-verify', '/api/v1/cases?state=REPORTED&sort=createdAt,desc&size=20']];
    groups.forEach(function (g) {
      var group = document.getElementById(g[0]);
      wanmi.json(g[1]).then(function (page) {
        var keep = sel.value;
        group.innerHTML = '';
        page.items.forEach(function (c) {
          var o = document.createElement('option');
          o.value = c.id;
          o.textContent = c.caseNo + ' · ' + (c.description || '').slice(0, 24);
          group.appendChild(o);
        });
        sel.value = keep;
      }).catch(function () { });
    });
  }
  fillCases();
  document.body.addEventListener('wanmi:changed', fillCases);
  function choose(username) {
    var r = box.querySelector('input[value="' + username + '"]');
    if (r) { r.checked = true; r.focus(); }
  }
  function distance(p, c) {
    var dx = (p.lon - c.lon) * 111320 * Math.cos(c.lat * Math.PI / 180), dy = (p.lat - c.lat) * 110540;
    return Math.round(Math.sqrt(dx * dx + dy * dy));
  }
  function render(c, ps) {
    box.innerHTML = '';
    var sorted = ps.map(function (p) { return { p: p, d: distance(p, c) }; }).sort(function (a, b) { return a.d - b.d; });
    sorted.forEach(function (x, i) {
      var id = 'tc-i-' + x.p.username;
      var div = document.createElement('div');
      div.className = 'form-check';
      div.innerHTML = '<input class="form-check-input" type="radio" name="tc-assignee"><label class="form-check-label"></label>';
      var input = div.querySelector('input'), label = div.querySelector('label');
      input.id = id; input.value = x.p.username; input.checked = i === 0; input.dataset.distance = x.d;
      label.htmlFor = id;
      label.textContent = x.p.displayName + ' (' + x.p.username + ') · ' + x.d + ' m · ' + chooser.dataset.onDuty;
      box.appendChild(div);
    });
    if (!sorted.length) { box.textContent = chooser.dataset.none; }
    else { hint.textContent = chooser.dataset.nearest + ' ' + sorted[0].p.displayName + ' · ' + sorted[0].d + ' m'; }
    if (map) {
      if (caseMarker) { map.removeLayer(caseMarker); }
      caseMarker = L.marker([c.lat, c.lon]).bindTooltip(c.caseNo).addTo(map);
      var pts = [[c.lat, c.lon]].concat(sorted.slice(0, 3).map(function (x) { return [x.p.lat, x.p.lon]; }));
      map.fitBounds(pts, { maxZoom: 16, padding: [20, 20] });
    }
  }
  sel.addEventListener('change', function () {
    current = null; op = null; send.disabled = true; error.textContent = ''; hint.textContent = ''; box.innerHTML = '';
    chooser.removeAttribute('data-ready');
    if (!sel.value) { return; }
    var id = sel.value;
    Promise.all([wanmi.json('/api/v1/cases/' + id), loadPositions()]).then(function (r) {
      if (sel.value !== id) { return; }
      var c = r[0];
      current = c;
      var ops = c.allowedOperations || [];
      op = ops.indexOf('send-check') >= 0 ? 'send-check' : ops.indexOf('send-verification') >= 0 ? 'send-verification' : null;
      render(c, r[1]);
      if (op) {
        send.disabled = false;
        send.textContent = op === 'send-check' ? chooser.dataset.sendCheck : chooser.dataset.sendVerification;
      } else {
        hint.textContent = chooser.dataset.notAllowed;
      }
      chooser.setAttribute('data-ready', op || 'none');
    }).catch(function (e) { error.textContent = e.message; });
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (!current || !op) { return; }
    var chosen = box.querySelector('input:checked');
    var body = chosen ? { assignee: chosen.value } : {};
    send.disabled = true;
    error.textContent = '';
    wanmi.json('/api/v1/cases/' + current.id + '/operations/' + op, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    }).then(function (c) {
      hint.textContent = chooser.dataset.sent + ' ' + c.caseNo + ' → ' + (chosen ? chosen.value : '');
      chooser.setAttribute('data-sent-case', c.caseNo);
      current = null; op = null; box.innerHTML = '';
      sel.value = '';
      fillCases();
      document.body.dispatchEvent(new CustomEvent('wanmi:changed'));
    }).catch(function (err) {
      error.textContent = err.message;
      send.disabled = false;
    });
  });
})();
