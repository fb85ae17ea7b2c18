// Console helpers: htmx sends the CSRF token; Alt+key shortcuts are native accesskeys.
document.addEventListener('htmx:configRequest', function (e) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) { e.detail.headers[header.content] = token.content; }
});
window.wanmi = {
  csrf: function () {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var h = {};
    if (token && header) { h[header.content] = token.content; }
    return h;
  },
  /** fetch JSON; a problem+json answer rejects with its detail. */
  json: function (url, options) {
    options = options || {};
    options.headers = Object.assign({ 'Accept': 'application/json, application/geo+json;q=0.9, application/problem+json;q=0.8' }, wanmi.csrf(), options.headers || {});
    return fetch(url, options).then(function (r) {
      var ct = r.headers.get('Content-Type') || '';
      var body = ct.indexOf('json') >= 0 ? r.json() : r.text();
      return body.then(function (b) { if (!r.ok) { var err = new Error((b && b.detail) || r.statusText); err.problem = b; err.status = r.status; throw err; } return b; });
    });
  }
};
// Keyboard lists (.kbd-list): j/k move between rows, Enter opens the row's case.
document.addEventListener('keydown', function (e) {
  if (e.target.matches('input, textarea, select') || e.altKey || e.ctrlKey || e.metaKey) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll('.kbd-list tbody tr[tabindex]'));
  if (!rows.length) { return; }
  var i = rows.indexOf(document.activeElement);
  if (e.key === 'j') { (rows[i + 1] || rows[0]).focus(); e.preventDefault(); }
  else if (e.key === 'k') { (rows[i - 1] || rows[rows.length - 1]).focus(); e.preventDefault(); }
  else if (e.key === 'Enter' && i >= 0 && rows[i].dataset.href) { window.location.href = rows[i].dataset.href; }
});
document.addEventListener('dblclick', function (e) {
  var row = e.target.closest('.kbd-list tbody tr[data-href]');
  if (row) { window.location.href = row.dataset.href; }
});
