// The video/AI review queue: each detection with its snapshot; accept → a case (channel VIDEO), dismiss with a reason.
(function () {
  var holder = document.getElementById('review-list');
  if (!holder) { return; }
  var T = window.wanmiReviewText;
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) { e.className = cls; } if (text != null) { e.textContent = text; } return e; }
  function load() {
    wanmi.json('/api/v1/intake/reviews?limit=100').then(function (list) {
      holder.innerHTML = '';
      document.getElementById('review-empty').classList.toggle('d-none', list.length > 0);
      list.forEach(function (r) {
        var col = el('div', 'col-md-4 col-xl-3 review'); col.dataset.id = r.id;
        var card = el('div', 'card h-100'); col.appendChild(card);
        if (r.snapshotThumbnailUrl || r.snapshotUrl) { var img = el('img', 'card-img-top'); img.src = r.snapshotThumbnailUrl || r.snapshotUrl; img.alt = ''; img.style.maxHeight = '180px'; img.style.objectFit = 'cover'; card.appendChild(img); }
        var body = el('div', 'card-body p-2 small'); card.appendChild(body);
        body.appendChild(el('div', 'fw-bold', (r.categoryKind || '') + ' ' + (r.categoryCode || '') + ' · ' + T.confidence + ' ' + Math.round(r.confidence * 100) + '%'));
        body.appendChild(el('div', '', r.description || ''));
        body.appendChild(el('div', 'text-muted', (r.address || '') + ' · ' + T.camera + ' ' + (r.cameraId || '-')));
        var actions = el('div', 'd-flex gap-1 mt-2 align-items-center flex-wrap'); body.appendChild(actions);
        var ok = el('button', 'btn btn-sm btn-primary review-accept', T.accept); ok.type = 'button';
        var sel = el('select', 'form-select form-select-sm w-auto review-reason');
        sel.appendChild(el('option', '', T.reason)).value = '';
        Object.keys(T.reasons).forEach(function (k) { var o = el('option', '', T.reasons[k]); o.value = k; sel.appendChild(o); });
        var no = el('button', 'btn btn-sm btn-outline-secondary review-dismiss', T.dismiss); no.type = 'button';
        var msg = el('div', 'invalid-feedback d-block w-100');
        actions.appendChild(ok); actions.appendChild(sel); actions.appendChild(no); actions.appendChild(msg);
        ok.addEventListener('click', function () {
          ok.disabled = true;
          wanmi.json('/api/v1/intake/reviews/' + r.id + '/accept', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
            .then(function (c) { actions.innerHTML = ''; var a = el('a', '', T.created + ' ' + c.caseNo); a.href = '/cases/' + c.id; actions.appendChild(a); })
            .catch(function (e) { ok.disabled = false; msg.textContent = e.message; });
        });
        no.addEventListener('click', function () {
          no.disabled = true;
          wanmi.json('/api/v1/intake/reviews/' + r.id + '/dismiss', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reasonCode: sel.value || null }) })
            .then(function () { col.remove(); })
            .catch(function (e) { no.disabled = false; msg.textContent = e.message; sel.classList.add('is-invalid'); });
        });
        holder.appendChild(col);
      });
    }).catch(function (e) { holder.textContent = e.message; });
  }
  load();
})();
