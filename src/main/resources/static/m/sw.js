/* 城管通 service worker: keeps the app shell (and, once used, Leaflet) so the app opens without a network.
 * Data never goes through this cache: /api/ requests pass straight to the network (the app keeps its own queue). */
var SHELL = 'wanmi-m-shell-v1';
var ASSETS = ['/m/', '/m/app.js', '/m/app.css', '/m/messages/zh.json', '/m/messages/en.json', '/m/manifest.webmanifest', '/m/icon.svg'];

self.addEventListener('install', function (e) {
	e.waitUntil(caches.open(SHELL).then(function (c) { return c.addAll(ASSETS); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (e) {
	e.waitUntil(caches.keys().then(function (keys) {
		return Promise.all(keys.filter(function (k) { return k !== SHELL; }).map(function (k) { return caches.delete(k); }));
	}).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (e) {
	var req = e.request, url = new URL(req.url);
	if (req.method !== 'GET' || url.origin !== location.origin) return;
	if (url.pathname.indexOf('/m/') === 0 || url.pathname === '/m') {
		// the shell: network first (a new version shows at once), the cached copy when offline
		var key = url.pathname === '/m' || url.pathname === '/m/index.html' ? '/m/' : url.pathname;
		e.respondWith(fetch(req).then(function (res) {
			if (res.ok) { var copy = res.clone(); caches.open(SHELL).then(function (c) { c.put(key, copy); }); }
			return res;
		}).catch(function () {
			return caches.match(key, { ignoreSearch: true }).then(function (hit) { return hit || Response.error(); });
		}));
	}
	else if (url.pathname.indexOf('/webjars/leaflet/') === 0) {
		// Leaflet: versioned, fetched the first time a map is shown, then from the cache
		e.respondWith(caches.match(req).then(function (hit) {
			return hit || fetch(req).then(function (res) {
				if (res.ok) { var copy = res.clone(); caches.open(SHELL).then(function (c) { c.put(req, copy); }); }
				return res;
			});
		}));
	}
});
