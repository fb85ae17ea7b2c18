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
  if (mapEl && window.L) {
    var map = L.map(mapEl, { attributionControl: false, preferCanvas: true }).setView([21.96, 108.62], 12);
    mapEl.style.background = '#f4f1ea';
    var layer = L.layerGroup().addTo(map);
    var list = document.getElementById('inspector-list');
    wanmi.json('/api/v1/patrol/positions').then(function (ps) {
      var pts = [];
      ps.forEach(function (p) {
        var ll = [p.lat, p.lon]; pts.push(ll);
        L.circleMarker(ll, { radius: 6, color: '#0b5394', fillOpacity: 0.9 }).bindTooltip(p.displayName + ' · ' + Math.round(p.ageSeconds / 60) + ' min').addTo(layer);
        var li = document.createElement('li');
        li.textContent = p.displayName + ' (' + p.username + ') · ' + (p.gridCode || '') + ' · ' + Math.round(p.ageSeconds / 60) + ' min';
        list.appendChild(li);
      });
      if (pts.length) { map.fitBounds(pts, { maxZoom: 15, padding: [20, 20] }); }
      if (!ps.length) { var li = document.createElement('li'); li.className = 'text-muted'; li.textContent = '—'; list.appendChild(li); }
    }).catch(function () { });
  }
})();
