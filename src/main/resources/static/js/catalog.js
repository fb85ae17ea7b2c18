// Catalog admin pages: "/" focuses the search box, Escape clears it.
document.addEventListener('keydown', function (e) {
  var q = document.getElementById('q');
  if (!q) { return; }
  var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
  if (e.key === '/' && !typing) { e.preventDefault(); q.focus(); q.select(); }
  else if (e.key === 'Escape' && document.activeElement === q && q.value) { q.value = ''; q.dispatchEvent(new Event('input', { bubbles: true })); }
});
// Forms with data-confirm ask before submitting.
document.addEventListener('submit', function (e) {
  var msg = e.target.getAttribute && e.target.getAttribute('data-confirm');
  if (msg && !window.confirm(msg)) { e.preventDefault(); }
}, true);
