// Evaluation pages: the period picker shows the field of the chosen kind; the dashboard draws its charts (ECharts)
// and the heat view by grid (Leaflet) from /api/v1/evaluation/dashboard/...
(function () {
  function syncKind(form) {
    var kind = form.querySelector('[name=kind]');
    if (!kind) { return; }
    form.querySelectorAll('[data-kind]').forEach(function (el) {
      var on = el.dataset.kind === kind.value;
      el.classList.toggle('d-none', !on);
      el.querySelectorAll('input').forEach(function (i) { i.disabled = !on; });
    });
  }
  document.querySelectorAll('form').forEach(function (form) {
    var kind = form.querySelector('[name=kind]');
    if (kind) {
      syncKind(form);
      kind.addEventListener('change', function () { syncKind(form); });
    }
  });

  var dash = document.getElementById('dashboard');
  if (!dash || !window.echarts) { return; }
  var q = 'from=' + encodeURIComponent(dash.dataset.from) + '&to=' + encodeURIComponent(dash.dataset.to);
  var base = dash.dataset.api;
  var text = window.wanmiDashText || {};
  function chart(id) { return echarts.init(document.getElementById(id), null, { renderer: 'canvas' }); }
  function fail(id, e) { var el = document.getElementById(id); el.innerHTML = ''; el.textContent = e.message; el.classList.add('text-danger'); }
  var charts = [];

  wanmi.json(base + '/daily?' + q).then(function (d) {
    var c = chart('chart-daily'); charts.push(c);
    c.setOption({
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 10, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: d.days },
      yAxis: { type: 'value', minInterval: 1 },
      series: d.channels.map(function (s) { return { name: s.name, type: 'bar', stack: 'n', data: s.values }; })
    });
    document.getElementById('chart-daily').dataset.ready = 'true';
  }).catch(function (e) { fail('chart-daily', e); });

  wanmi.json(base + '/districts?' + q).then(function (d) {
    var c = chart('chart-districts'); charts.push(c);
    c.setOption({
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 10, top: 30, bottom: 40 },
      xAxis: { type: 'category', data: d.map(function (r) { return r.name; }), axisLabel: { interval: 0, rotate: d.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: text.closeRate, type: 'bar', data: d.map(function (r) { return r.closeRate; }) },
        { name: text.onTimeCloseRate, type: 'bar', data: d.map(function (r) { return r.onTimeCloseRate; }) }
      ]
    });
    document.getElementById('chart-districts').dataset.ready = 'true';
  }).catch(function (e) { fail('chart-districts', e); });

  wanmi.json(base + '/categories?' + q + '&limit=10').then(function (d) {
    var c = chart('chart-categories'); charts.push(c);
    var rows = d.slice().reverse();
    c.setOption({
      tooltip: { trigger: 'axis' }, grid: { left: 120, right: 20, top: 10, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map(function (r) { return r.name; }) },
      series: [{ name: text.cases, type: 'bar', data: rows.map(function (r) { return r.cases; }) }]
    });
    document.getElementById('chart-categories').dataset.ready = 'true';
  }).catch(function (e) { fail('chart-categories', e); });

  wanmi.json(base + '/flow?' + q).then(function (d) {
    var c = chart('chart-flow'); charts.push(c);
    c.setOption({
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 40, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: d.steps.map(function (s) { return s.name; }) },
      yAxis: [{ type: 'value', name: text.cases, minInterval: 1 }, { type: 'value', name: text.hours }],
      series: [
        { name: text.ended, type: 'bar', data: d.steps.map(function (s) { return s.ended; }) },
        { name: text.waiting, type: 'bar', data: d.steps.map(function (s) { return s.waiting; }) },
        { name: text.avgHours, type: 'line', yAxisIndex: 1, data: d.steps.map(function (s) { return s.avgHours; }) },
        { name: text.p90Hours, type: 'line', yAxisIndex: 1, data: d.steps.map(function (s) { return s.p90Hours; }) }
      ]
    });
    document.getElementById('chart-flow').dataset.ready = 'true';
    var body = document.querySelector('#longest tbody');
    body.innerHTML = '';
    d.longest.forEach(function (w) {
      var tr = document.createElement('tr');
      var a = document.createElement('a'); a.href = dash.dataset.caseBase + w.caseId; a.textContent = w.caseNo;
      var td0 = document.createElement('td'); td0.appendChild(a); tr.appendChild(td0);
      [w.stepName, w.hours.toFixed(1)].forEach(function (v) { var td = document.createElement('td'); td.textContent = v; tr.appendChild(td); });
      body.appendChild(tr);
    });
  }).catch(function (e) { fail('chart-flow', e); });

  var mapEl = document.getElementById('heat-map');
  if (mapEl && window.L) {
    var map = L.map('heat-map', { preferCanvas: true }).setView([+mapEl.dataset.lat || 30, +mapEl.dataset.lon || 120], 12);
    if (mapEl.dataset.tileUrl) { L.tileLayer(mapEl.dataset.tileUrl, { attribution: mapEl.dataset.tileAttribution || '', maxZoom: 19 }).addTo(map); }
    wanmi.json(base + '/grids?' + q).then(function (d) {
      var max = d.reduce(function (m, g) { return Math.max(m, g.cases); }, 1);
      var bounds = [];
      d.forEach(function (g) {
        var t = g.cases / max;
        var colour = 'hsl(' + Math.round(60 - 60 * t) + ',90%,45%)';
        L.circleMarker([g.lat, g.lon], { radius: 6 + 14 * Math.sqrt(t), color: colour, fillColor: colour, fillOpacity: 0.55, weight: 1 })
          .bindTooltip(g.grid + ': ' + g.cases + ' (' + text.open + ' ' + g.open + ')').addTo(map);
        bounds.push([g.lat, g.lon]);
      });
      if (bounds.length) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 16 }); }
      mapEl.dataset.ready = 'true';
      mapEl.dataset.grids = String(d.length);
    }).catch(function (e) { fail('heat-map', e); });
  }
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();
