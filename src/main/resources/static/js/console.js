// Console lists: sort by a column header, page with the pager (or Alt+, / Alt+.), export the same filters as CSV,
// "/" jumps to the search box. Everything is done by the server: the URL carries the filters.
(function () {
  function go(changes) {
    var u = new URL(window.location.href);
    Object.keys(changes).forEach(function (k) {
      if (changes[k] === null) { u.searchParams.delete(k); } else { u.searchParams.set(k, changes[k]); }
    });
    window.location.href = u.toString();
  }
  document.addEventListener('click', function (e) {
    var s = e.target.closest('a.sort');
    if (s && document.getElementById('case-list-page')) {
      e.preventDefault();
      var cur = new URL(window.location.href).searchParams.get('sort') || 'createdAt,desc';
      var parts = cur.split(','); var dir = parts[0] === s.dataset.sort && parts[1] !== 'desc' ? 'desc' : 'asc';
      if (parts[0] !== s.dataset.sort && s.dataset.sort === 'createdAt') { dir = 'desc'; }
      go({ sort: s.dataset.sort + ',' + dir, page: null });
      return;
    }
    var p = e.target.closest('a.pager');
    if (p) {
      e.preventDefault();
      if (p.classList.contains('disabled')) { return; }
      var page = parseInt(document.getElementById('case-pager').dataset.page, 10) + parseInt(p.dataset.delta, 10);
      go({ page: String(Math.max(0, page)) });
    }
  });
  var csv = document.getElementById('fl-csv');
  if (csv) {
    csv.addEventListener('click', function (e) {
      e.preventDefault();
      var u = new URL(window.location.href);
      u.pathname = '/api/v1/cases'; u.searchParams.delete('page'); u.searchParams.delete('size'); u.searchParams.set('format', 'csv');
      window.location.href = u.toString();
    });
  }
  // empty filters are left out of the URL
  var filters = document.getElementById('case-filters');
  if (filters) {
    filters.addEventListener('submit', function () {
      filters.querySelectorAll('input, select').forEach(function (i) { if (!i.value || (i.type === 'checkbox' && !i.checked)) { i.disabled = true; } });
    });
  }
  document.addEventListener('keydown', function (e) {
    if (e.key === '/' && !e.target.matches('input, textarea, select')) {
      var q = document.getElementById('q');
      if (q) { q.focus(); e.preventDefault(); }
    }
  });
})();
