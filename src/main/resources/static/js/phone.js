// Phone intake (电话受理): caller, phone, callback wanted; the address from the gazetteer's suggestions or a click on
// the map (described back by reverse geocoding); the category searched by name or code with its example photo; posted
// to POST /api/v1/reports as channel "hotline". The server validates everything: its problem+json message is shown
// under the field it concerns. Then the new case's possible duplicates, side by side, with a merge button.
(function () {
  var form = document.getElementById('phone-form');
  if (!form) { return; }
  var T = window.wanmiPhoneText;
  var pos = null, category = null;
  var mapEl = document.getElementById('p-map');
  var map = L.map(mapEl, { attributionControl: false }).setView([parseFloat(mapEl.dataset.lat) || 21.96, parseFloat(mapEl.dataset.lon) || 108.62], 14);
  mapEl.style.background = '#f4f1ea';
  wanmi.json('/api/v1/geo/divisions/community.geojson').then(function (fc) {
    L.geoJSON(fc, { style: { color: '#6fa8dc', weight: 1, fillOpacity: 0.05 }, interactive: false }).addTo(map);
  }).catch(function () { });
  var marker = null;
  function place(lat, lon, address) {
    pos = { lat: lat, lon: lon };
    if (marker) { marker.setLatLng([lat, lon]); } else { marker = L.marker([lat, lon]).addTo(map); }
    document.getElementById('p-position').textContent = T.position + ' ' + lon.toFixed(6) + ', ' + lat.toFixed(6);
    if (address) { document.getElementById('p-address').value = address; }
    clear('address');
  }
  map.on('click', function (e) {
    place(e.latlng.lat, e.latlng.lng, null);
    wanmi.json('/api/v1/geo/reverse?lon=' + e.latlng.lng + '&lat=' + e.latlng.lat)
      .then(function (r) { document.getElementById('p-address').value = r.description; }).catch(function () { });
  });
  // address suggestions
  var addr = document.getElementById('p-address'), hits = document.getElementById('p-address-hits'), timer = null;
  addr.addEventListener('input', function () {
    pos = null; document.getElementById('p-position').textContent = '';
    clearTimeout(timer);
    var q = addr.value.trim();
    if (q.length < 2) { hits.innerHTML = ''; return; }
    timer = setTimeout(function () {
      wanmi.json('/api/v1/geo/address/search?limit=8&q=' + encodeURIComponent(q)).then(function (list) {
        hits.innerHTML = '';
        list.forEach(function (h) {
          var a = document.createElement('button');
          a.type = 'button'; a.className = 'list-group-item list-group-item-action py-1 address-hit';
          a.textContent = h.address || h.name;
          a.addEventListener('click', function () {
            place(h.lat, h.lon, h.address || h.name); hits.innerHTML = ''; map.setView([h.lat, h.lon], 17);
          });
          hits.appendChild(a);
        });
      }).catch(function () { hits.innerHTML = ''; });
    }, 200);
  });
  addr.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown') { var f = hits.querySelector('button'); if (f) { f.focus(); e.preventDefault(); } }
  });
  hits.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' && e.target.nextElementSibling) { e.target.nextElementSibling.focus(); e.preventDefault(); }
    if (e.key === 'ArrowUp') { (e.target.previousElementSibling || addr).focus(); e.preventDefault(); }
  });
  // category search with example photos
  var cq = document.getElementById('p-category-q'), chits = document.getElementById('p-category-hits'), ctimer = null;
  cq.addEventListener('input', function () {
    clearTimeout(ctimer);
    var q = cq.value.trim();
    if (!q) { chits.innerHTML = ''; return; }
    ctimer = setTimeout(function () {
      wanmi.json('/api/v1/catalog/categories?q=' + encodeURIComponent(q)).then(function (list) {
        chits.innerHTML = '';
        list.filter(function (c) { return c.code.length >= 5 || c.kind === 'MATTER' || c.kind === 'EVENT'; }).slice(0, 12).forEach(function (c) {
          var b = document.createElement('button');
          b.type = 'button'; b.className = 'btn btn-sm btn-outline-secondary text-start category-hit';
          b.dataset.kind = c.kind; b.dataset.code = c.code;
          if (c.photoUrl) { var img = document.createElement('img'); img.src = c.photoUrl; img.alt = ''; img.width = 40; img.height = 30; img.className = 'me-1'; img.style.objectFit = 'cover'; b.appendChild(img); }
          b.appendChild(document.createTextNode(c.name + ' ' + c.code));
          b.addEventListener('click', function () {
            category = { kind: c.kind, code: c.code };
            chits.querySelectorAll('.category-hit').forEach(function (x) { x.classList.remove('active'); });
            b.classList.add('active');
            document.getElementById('p-category-chosen').textContent = T.chosen + '：' + (c.kindLabel || c.kind) + ' · ' + c.majorName + ' · ' + c.name + ' (' + c.code + ')';
            clear('category');
          });
          chits.appendChild(b);
        });
      }).catch(function () { });
    }, 200);
  });
  // errors under their fields
  var FIELD = [
    [/^cases\.caller\.phone/, 'callerPhone'], [/^cases\.caller/, 'callerName'],
    [/^cases\.(report\.position|report\.outside|address)/, 'address'],
    [/^cases\.category/, 'category'], [/^cases\.description/, 'description'], [/^cases\.photo/, 'photos']
  ];
  function clear(field) {
    var fb = form.querySelector('.invalid-feedback[data-field="' + field + '"]');
    if (fb) { fb.textContent = ''; fb.classList.remove('d-block'); }
  }
  function showProblem(e) {
    var code = e.problem && e.problem.code || '';
    var field = null;
    FIELD.forEach(function (f) { if (!field && f[0].test(code)) { field = f[1]; } });
    if (!field && code === 'cases.field.tooLong' && e.problem.detail) {
      ['callerName', 'callerPhone', 'description', 'address'].forEach(function (n) { if (!field && e.problem.detail.indexOf(n) >= 0) { field = n; } });
    }
    var fb = field && form.querySelector('.invalid-feedback[data-field="' + field + '"]');
    if (fb) {
      fb.textContent = e.message; fb.classList.add('d-block');
      var input = form.querySelector('[name="' + field + '"]') || (field === 'category' ? cq : null);
      if (input) { input.classList.add('is-invalid'); input.focus(); }
    } else {
      var err = document.getElementById('p-error'); err.textContent = e.message; err.classList.remove('d-none');
    }
  }
  form.addEventListener('input', function (e) { e.target.classList.remove('is-invalid'); });
  form.addEventListener('reset', function () { pos = null; category = null; chits.innerHTML = ''; document.getElementById('p-category-chosen').textContent = ''; document.getElementById('p-position').textContent = ''; });
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    form.querySelectorAll('.invalid-feedback').forEach(function (f) { f.textContent = ''; f.classList.remove('d-block'); });
    form.querySelectorAll('.is-invalid').forEach(function (f) { f.classList.remove('is-invalid'); });
    document.getElementById('p-error').classList.add('d-none');
    var submit = document.getElementById('p-submit');
    submit.disabled = true;
    var input = document.getElementById('p-photos');
    var upload = Promise.resolve([]);
    if (input.files.length) {
      var data = new FormData();
      Array.prototype.forEach.call(input.files, function (f) { data.append('file', f); });
      upload = wanmi.json('/api/v1/attachments', { method: 'POST', body: data }).then(function (l) { return l.map(function (a) { return a.id; }); });
    }
    upload.then(function (photos) {
      var v = function (id) { var s = document.getElementById(id).value.trim(); return s === '' ? null : s; };
      var body = { channel: 'hotline', callerName: v('p-callerName'), callerPhone: v('p-callerPhone'),
        callbackWanted: document.getElementById('p-callbackWanted').checked, address: v('p-address'),
        description: v('p-description'), urgent: document.getElementById('p-urgent').checked, photos: photos,
        reporterName: v('p-callerName'), reporterContact: v('p-callerPhone') };
      if (pos) { body.lon = pos.lon; body.lat = pos.lat; }
      if (category) { body.categoryKind = category.kind; body.categoryCode = category.code; }
      return wanmi.json('/api/v1/reports', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'phone-' + Date.now() + '-' + Math.random() }, body: JSON.stringify(body) });
    }).then(function (c) {
      submit.disabled = false;
      form.reset();
      var done = document.getElementById('p-done');
      done.classList.remove('d-none');
      var link = document.getElementById('p-case-link');
      link.textContent = c.caseNo; link.href = '/cases/' + c.id; link.dataset.caseId = c.id;
      return wanmi.json('/api/v1/cases/' + c.id + '/duplicates').then(function (ds) { duplicates(c, ds); });
    }).catch(function (e) { submit.disabled = false; showProblem(e); });
  });
  function card(title, c, extra) {
    var d = document.createElement('div'); d.className = 'col-6';
    var box = document.createElement('div'); box.className = 'border rounded p-2 h-100 small';
    var h = document.createElement('div'); h.className = 'fw-bold'; h.textContent = title; box.appendChild(h);
    var p = document.createElement('div'); p.textContent = c.description || ''; box.appendChild(p);
    var a = document.createElement('div'); a.className = 'text-muted'; a.textContent = (c.address || '') + (extra || ''); box.appendChild(a);
    d.appendChild(box);
    return { col: d, box: box };
  }
  function duplicates(c, ds) {
    var holder = document.getElementById('p-duplicates');
    holder.innerHTML = '';
    var h = document.createElement('div'); h.className = 'small fw-bold'; h.textContent = ds.length ? T.duplicates : T.noDuplicates; holder.appendChild(h);
    ds.forEach(function (d) {
      var row = document.createElement('div'); row.className = 'row g-2 mb-2 duplicate-pair';
      row.appendChild(card(T.thisCase + ' ' + c.caseNo, c).col);
      var right = card(d.caseNo, d, ' · ' + Math.round(d.distanceMeters) + T.meters);
      var b = document.createElement('button'); b.type = 'button'; b.className = 'btn btn-sm btn-outline-danger mt-1 merge-into'; b.textContent = T.merge;
      b.addEventListener('click', function () {
        b.disabled = true;
        wanmi.json('/api/v1/cases/' + c.id + '/operations/merge', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ masterId: d.id }) })
          .then(function () { b.textContent = T.merged; }).catch(function (e) { b.disabled = false; b.textContent = e.message; });
      });
      right.box.appendChild(b);
      row.appendChild(right.col);
      holder.appendChild(row);
    });
  }
})();
