// Organisation tree administration: tree view, edit form, move, (de)activate, CSV import with per-row errors.
(function () {
  var T = window.orgText, api = '/api/v1/organisations';
  var tree = document.getElementById('org-tree'), form = document.getElementById('org-form');
  var kindSel = document.getElementById('org-kind'), parentSel = document.getElementById('org-parent');
  var inactive = document.getElementById('org-inactive'), toggle = document.getElementById('org-toggle');
  var units = [], selected = null;

  function esc(s) { return s == null ? '' : String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
  function show(el, ok, text) { el.className = 'alert mt-2 alert-' + (ok ? 'success' : 'danger'); el.textContent = text; }
  function errorsTable(el, errors) {
    if (!errors || !errors.length) { el.innerHTML = ''; return; }
    el.innerHTML = '<table class="table table-sm table-bordered small mt-2"><thead><tr><th>' + T.row + '</th><th>' + T.code + '</th><th>' + T.field +
      '</th><th>' + T.message + '</th></tr></thead><tbody>' + errors.map(function (e) {
        return '<tr><td>' + esc(e.row != null ? e.row : '') + '</td><td>' + esc(e.code) + '</td><td>' + esc(e.field) + '</td><td>' + esc(e.message) + '</td></tr>';
      }).join('') + '</tbody></table>';
  }

  function render(nodes) {
    function li(n) {
      return '<li><a href="#" data-id="' + n.id + '" class="' + (n.active ? '' : 'text-muted text-decoration-line-through') +
        (selected && selected.id === n.id ? ' fw-bold' : '') + '">' + esc(n.name) + '</a> <span class="badge text-bg-light">' + esc(n.kindName) +
        '</span> <code class="small">' + esc(n.code) + '</code>' + (n.active ? '' : ' <span class="badge text-bg-secondary">' + T.inactive + '</span>') +
        (n.children.length ? '<ul>' + n.children.map(li).join('') + '</ul>' : '') + '</li>';
    }
    tree.innerHTML = '<ul class="list-unstyled ps-0 org-tree">' + nodes.map(li).join('') + '</ul>';
  }

  function load() {
    return Promise.all([
      wanmi.json(api + '?includeInactive=' + inactive.checked),
      wanmi.json(api + '?flat=true&includeInactive=true')
    ]).then(function (r) {
      units = r[1];
      render(r[0]);
      fillParents();
    });
  }

  function fillParents() {
    var current = selected ? selected.id : null;
    parentSel.innerHTML = '<option value="">' + esc(T.none) + '</option>' + units.filter(function (u) { return u.active || (selected && u.id === selected.parentId); })
      .map(function (u) {
        return '<option value="' + u.id + '"' + (u.id === current ? ' disabled' : '') + '>' + esc(u.path.join(' / ')) + ' (' + esc(u.code) + ')</option>';
      }).join('');
    parentSel.value = selected && selected.parentId ? selected.parentId : '';
  }

  function edit(u) {
    selected = u;
    document.getElementById('org-form-title').textContent = u ? T.edit + '：' + u.name : T.create;
    form.id.value = u ? u.id : '';
    ['code', 'name', 'regionCode', 'phone', 'sortOrder'].forEach(function (k) { form[k].value = u && u[k] != null ? u[k] : ''; });
    kindSel.value = u ? u.kind : 'DEPARTMENT';
    fillParents();
    document.getElementById('org-move').disabled = !u;
    toggle.disabled = !u;
    toggle.textContent = u && !u.active ? T.activate : T.deactivate;
    document.getElementById('org-msg').className = 'alert mt-2 d-none';
    errorsTable(document.getElementById('org-form-errors'), []);
  }

  function fail(el, errEl) { return function (e) { show(el, false, e.message); errorsTable(errEl, e.problem && e.problem.errors); }; }

  tree.addEventListener('click', function (e) {
    var a = e.target.closest('a[data-id]');
    if (!a) { return; }
    e.preventDefault();
    wanmi.json(api + '/' + a.dataset.id).then(function (u) { edit(u); load(); });
  });
  inactive.addEventListener('change', load);
  document.getElementById('org-new').addEventListener('click', function () { edit(null); });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var msg = document.getElementById('org-msg'), errs = document.getElementById('org-form-errors');
    var body = { code: form.code.value, name: form.name.value, kind: kindSel.value, regionCode: form.regionCode.value,
      phone: form.phone.value, sortOrder: form.sortOrder.value === '' ? null : Number(form.sortOrder.value) };
    var id = form.id.value, req;
    if (id) {
      req = wanmi.json(api + '/' + id, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    } else {
      body.parentId = parentSel.value ? Number(parentSel.value) : null;
      req = wanmi.json(api, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    }
    req.then(function (u) { edit(u); show(msg, true, T.saved); return load(); }).catch(fail(msg, errs));
  });

  document.getElementById('org-move').addEventListener('click', function () {
    var msg = document.getElementById('org-msg');
    wanmi.json(api + '/' + selected.id + '/move', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ parentId: parentSel.value ? Number(parentSel.value) : null }) })
      .then(function (u) { edit(u); show(msg, true, T.saved); return load(); }).catch(fail(msg, document.getElementById('org-form-errors')));
  });

  toggle.addEventListener('click', function () {
    var msg = document.getElementById('org-msg');
    wanmi.json(api + '/' + selected.id + (selected.active ? '/deactivate' : '/activate'), { method: 'POST' })
      .then(function (u) { edit(u); show(msg, true, T.saved); return load(); }).catch(fail(msg, document.getElementById('org-form-errors')));
  });

  document.getElementById('org-import').addEventListener('submit', function (e) {
    e.preventDefault();
    var msg = document.getElementById('org-import-msg'), errs = document.getElementById('org-import-errors');
    wanmi.json(api + '/import', { method: 'POST', body: new FormData(e.target) }).then(function (r) {
      show(msg, true, T.imported.replace('{0}', r.rows).replace('{1}', r.created).replace('{2}', r.updated));
      errorsTable(errs, []);
      return load();
    }).catch(fail(msg, errs));
  });

  wanmi.json(api + '/kinds').then(function (kinds) {
    kindSel.innerHTML = kinds.map(function (k) { return '<option value="' + k.kind + '">' + esc(k.name) + '</option>'; }).join('');
    edit(null);
    return load();
  });
})();
