// Responsibility list administration: filtered rules table, add/edit/delete, CSV import with row errors,
// spatial layers import, and a "test a point" form showing the ranked candidates.
(function () {
  var T = window.respText, api = '/api/v1/dispatch';
  var ruleForm = document.getElementById('rule-form'), filter = document.getElementById('rule-filter');
  var rulesById = {};

  function esc(s) { return s == null ? '' : String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
  function show(el, ok, text) { el.className = 'alert mt-2 alert-' + (ok ? 'success' : 'danger'); el.textContent = text; }
  function hide(el) { el.className = 'alert mt-2 d-none'; }
  function errorsTable(el, errors) {
    if (!errors || !errors.length) { el.innerHTML = ''; return; }
    el.innerHTML = '<table class="table table-sm table-bordered small mt-2"><thead><tr><th>' + T.row + '</th><th>' + T.field + '</th><th>' + T.message +
      '</th></tr></thead><tbody>' + errors.map(function (e) {
        return '<tr><td>' + esc(e.row != null ? e.row : (e.index != null ? e.index : '')) + (e.code ? ' <code>' + esc(e.code) + '</code>' : '') +
          '</td><td>' + esc(e.field) + '</td><td>' + esc(e.message) + '</td></tr>';
      }).join('') + '</tbody></table>';
  }
  function fail(msg, errs) { return function (e) { show(msg, false, e.message); errorsTable(errs, e.problem && e.problem.errors); }; }

  document.querySelectorAll('select.area-types').forEach(function (sel) {
    Object.keys(T.areaTypes).forEach(function (k) { sel.insertAdjacentHTML('beforeend', '<option value="' + k + '">' + esc(T.areaTypes[k]) + ' ' + k + '</option>'); });
  });
  ruleForm.areaType.value = 'DISTRICT';

  function loadUnits() {
    return wanmi.json('/api/v1/organisations?flat=true').then(function (units) {
      document.querySelectorAll('select.units').forEach(function (sel) {
        units.forEach(function (u) { sel.insertAdjacentHTML('beforeend', '<option value="' + esc(u.code) + '">' + esc(u.path.join(' / ')) + ' (' + esc(u.code) + ')</option>'); });
      });
    });
  }

  function loadRules() {
    var params = new URLSearchParams(new FormData(filter));
    return wanmi.json(api + '/rules?' + params).then(function (rules) {
      rulesById = {};
      document.querySelector('#rule-table tbody').innerHTML = rules.map(function (r) {
        rulesById[r.id] = r;
        return '<tr' + (r.unitActive ? '' : ' class="text-muted"') + '><td><code>' + esc(r.category) + '</code></td><td>' + esc(T.areaTypes[r.areaType]) + ' ' +
          esc(r.areaName) + (r.areaCode ? ' <code>' + esc(r.areaCode) + '</code>' : '') + '</td><td>' + esc(r.unitName) + ' <code>' + esc(r.unitCode) +
          '</code></td><td>' + r.priority + '</td><td>' + esc(r.note) + '</td><td class="text-nowrap"><button class="btn btn-link btn-sm p-0 me-2" data-edit="' + r.id + '">' +
          esc(T.edit) + '</button><button class="btn btn-link btn-sm p-0 text-danger" data-delete="' + r.id + '">' + esc(T.del) + '</button></td></tr>';
      }).join('');
    });
  }

  function loadLayers() {
    return wanmi.json(api + '/layers').then(function (layers) {
      document.querySelector('#layer-table tbody').innerHTML = layers.map(function (l) {
        return '<tr><td><code>' + esc(l.code) + '</code></td><td>' + esc(l.name) + '</td><td>' + esc(l.kind) + '</td><td>' + l.bufferM + '</td><td>' + l.rules + '</td></tr>';
      }).join('');
    });
  }

  function resetForm() {
    ruleForm.reset();
    ruleForm.id.value = '';
    ruleForm.areaType.value = 'DISTRICT';
    document.getElementById('rule-save').textContent = T.add;
    document.getElementById('rule-cancel').classList.add('d-none');
  }

  filter.addEventListener('submit', function (e) { e.preventDefault(); loadRules(); });
  document.getElementById('rule-cancel').addEventListener('click', resetForm);

  document.querySelector('#rule-table tbody').addEventListener('click', function (e) {
    var b = e.target.closest('button');
    if (!b) { return; }
    var msg = document.getElementById('rule-msg');
    if (b.dataset.edit) {
      var r = rulesById[b.dataset.edit];
      ruleForm.id.value = r.id;
      ruleForm.category.value = r.category;
      ruleForm.areaType.value = r.areaType;
      ruleForm.areaCode.value = r.areaCode || '';
      ruleForm.unitCode.value = r.unitCode;
      ruleForm.priority.value = r.priority;
      ruleForm.note.value = r.note || '';
      document.getElementById('rule-save').textContent = T.save;
      document.getElementById('rule-cancel').classList.remove('d-none');
    } else if (b.dataset.delete && confirm(T.confirmDelete)) {
      wanmi.json(api + '/rules/' + b.dataset.delete, { method: 'DELETE' }).then(function () { show(msg, true, T.saved); loadRules(); loadLayers(); })
        .catch(fail(msg, document.getElementById('rule-errors')));
    }
  });

  ruleForm.addEventListener('submit', function (e) {
    e.preventDefault();
    var msg = document.getElementById('rule-msg'), errs = document.getElementById('rule-errors');
    var body = { category: ruleForm.category.value, areaType: ruleForm.areaType.value, areaCode: ruleForm.areaCode.value,
      unitCode: ruleForm.unitCode.value, priority: ruleForm.priority.value === '' ? null : Number(ruleForm.priority.value), note: ruleForm.note.value };
    var id = ruleForm.id.value;
    wanmi.json(api + '/rules' + (id ? '/' + id : ''), { method: id ? 'PUT' : 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function () { show(msg, true, T.saved); errorsTable(errs, []); resetForm(); loadRules(); loadLayers(); })
      .catch(fail(msg, errs));
  });

  document.getElementById('rule-import').addEventListener('submit', function (e) {
    e.preventDefault();
    var msg = document.getElementById('rule-import-msg'), errs = document.getElementById('rule-import-errors');
    var data = new FormData(e.target), replace = data.get('replace') === 'true';
    data.delete('replace');
    wanmi.json(api + '/rules/import?replace=' + replace, { method: 'POST', body: data }).then(function (r) {
      show(msg, true, T.imported + ' ' + JSON.stringify(r)); errorsTable(errs, []); loadRules(); loadLayers();
    }).catch(fail(msg, errs));
  });

  document.getElementById('layer-import').addEventListener('submit', function (e) {
    e.preventDefault();
    var msg = document.getElementById('layer-import-msg'), errs = document.getElementById('layer-import-errors');
    wanmi.json(api + '/layers/import', { method: 'POST', body: new FormData(e.target) }).then(function (r) {
      show(msg, true, T.imported + ' ' + JSON.stringify(r)); errorsTable(errs, []); loadLayers();
    }).catch(fail(msg, errs));
  });

  document.getElementById('test-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var msg = document.getElementById('test-msg'), out = document.getElementById('test-result');
    hide(msg);
    out.innerHTML = '';
    wanmi.json(api + '/candidates?' + new URLSearchParams(new FormData(e.target))).then(function (r) {
      var l = r.location;
      var html = '<div class="mb-2">' + esc(T.location) + '：' + esc([l.districtName, l.streetName, l.communityName, l.gridName].filter(Boolean).join(' / ')) +
        ' <code>' + esc(l.gridCode) + '</code></div>';
      if (r.manualReview) {
        html += '<div class="alert alert-warning py-1">' + esc(T.manualReview) + '：' + r.reviewReasons.map(function (k) { return esc(T.reasons[k] || k); }).join('；') + '</div>';
      }
      if (!r.candidates.length) {
        html += '<p>' + esc(T.none) + '</p>';
      } else {
        html += '<table class="table table-sm small"><thead><tr><th>' + T.rank + '</th><th>' + T.unit + '</th><th>' + T.why + '</th><th>' + T.boundary +
          '</th></tr></thead><tbody>' + r.candidates.map(function (c) {
            return '<tr' + (c.nearBoundary ? ' class="table-warning"' : '') + '><td>' + c.rank + '</td><td>' + esc(c.unit.name) + '<br><code>' + esc(c.unit.code) +
              '</code></td><td>' + esc(c.why) + '<br><span class="text-muted">#' + c.rule.id + ' <code>' + esc(c.rule.category) + '</code></span></td><td>' +
              (c.boundaryDistanceM == null ? '—' : c.boundaryDistanceM + ' m') + '</td></tr>';
          }).join('') + '</tbody></table>';
      }
      out.innerHTML = html;
    }).catch(function (e) { show(msg, false, e.message); });
  });

  loadUnits().then(function () { return Promise.all([loadRules(), loadLayers()]); });
})();
