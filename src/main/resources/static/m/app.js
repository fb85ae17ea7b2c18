/* 城管通 — the field app. Plain JS, no build step. Offline first: every report and task answer is written to the
 * device's IndexedDB queue first and sent from there (photos first, then the report or answer that names them). */
(function () {
	'use strict';
	var CFG = window.WANMI_M || {};
	var TEXTS = { zh: CFG.texts || {} };
	var lang = localStorage.getItem('wanmi.m.lang') || 'zh';
	var state = { token: localStorage.getItem('wanmi.m.token'), user: json(localStorage.getItem('wanmi.m.user')),
		fix: null, watch: null, patrolling: false, tasks: [], cases: {}, categories: json(localStorage.getItem('wanmi.m.cats')) || [],
		tab: null, syncing: false, trackCount: 0 };
	var $ = function (s, root) { return (root || document).querySelector(s); };
	var $$ = function (s, root) { return Array.prototype.slice.call((root || document).querySelectorAll(s)); };

	function json(s) { try { return s ? JSON.parse(s) : null; } catch (e) { return null; } }
	function t(key) {
		var s = (TEXTS[lang] && TEXTS[lang][key]) || TEXTS.zh[key] || key;
		for (var i = 1; i < arguments.length; i++) s = s.split('{' + (i - 1) + '}').join(arguments[i]);
		return s;
	}
	function esc(s) {
		return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
			return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
		});
	}
	function uuid() {
		if (crypto.randomUUID) return crypto.randomUUID();
		var b = crypto.getRandomValues(new Uint8Array(16)); b[6] = b[6] & 15 | 64; b[8] = b[8] & 63 | 128;
		var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
		return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
	}
	function toast(msg) {
		var el = $('#toast'); el.textContent = msg; el.hidden = false;
		clearTimeout(toast.timer); toast.timer = setTimeout(function () { el.hidden = true; }, 3500);
	}
	function fmtTime(iso) {
		if (!iso) return '';
		var d = new Date(iso), p = function (n) { return (n < 10 ? '0' : '') + n; };
		return (d.getMonth() + 1) + '-' + p(d.getDate()) + ' ' + p(d.getHours()) + ':' + p(d.getMinutes());
	}
	function distance(a, b) { // metres, haversine
		var R = 6371008.8, r = Math.PI / 180, dLat = (b.lat - a.lat) * r, dLon = (b.lon - a.lon) * r;
		var h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
		return 2 * R * Math.asin(Math.sqrt(h));
	}
	function fmtDist(m) { return m == null ? '' : m < 1000 ? Math.round(m) + ' m' : (m / 1000).toFixed(1) + ' km'; }

	// ------------------------------------------------------------------ API
	function NetError(e) { this.message = String(e); this.network = true; }
	function api(method, path, body, headers) {
		var h = Object.assign({ 'Accept': 'application/json', 'Accept-Language': lang === 'en' ? 'en' : 'zh-CN' }, headers || {});
		if (state.token) h.Authorization = 'Bearer ' + state.token;
		var opts = { method: method, headers: h };
		if (body instanceof FormData) opts.body = body;
		else if (body !== undefined) { h['Content-Type'] = 'application/json'; opts.body = JSON.stringify(body); }
		return fetch(path, opts).catch(function (e) { throw new NetError(e); }).then(function (r) {
			var ct = r.headers.get('Content-Type') || '';
			var parse = ct.indexOf('json') >= 0 ? r.json() : r.text();
			return parse.then(function (data) {
				if (r.ok) return data;
				var err = new Error((data && data.detail) || r.status + ' ' + r.statusText);
				err.status = r.status; err.problem = data;
				if (r.status === 401 && path !== '/api/v1/auth/token') expired();
				throw err;
			});
		});
	}
	function expired() {
		state.token = null; localStorage.removeItem('wanmi.m.token');
		toast(t('m.login.expired')); render();
	}

	// ------------------------------------------------------------------ IndexedDB queue
	var dbp = null;
	function db() {
		if (!dbp) dbp = new Promise(function (ok, fail) {
			var req = indexedDB.open('wanmi-m', 1);
			req.onupgradeneeded = function () {
				req.result.createObjectStore('queue', { keyPath: 'id' });
				req.result.createObjectStore('track', { keyPath: 'at' });
			};
			req.onsuccess = function () { ok(req.result); };
			req.onerror = function () { fail(req.error); };
		});
		return dbp;
	}
	function tx(store, mode, fn) {
		return db().then(function (d) {
			return new Promise(function (ok, fail) {
				var x = d.transaction(store, mode), s = x.objectStore(store), out;
				var r = fn(s); if (r) r.onsuccess = function () { out = r.result; };
				x.oncomplete = function () { ok(out); }; x.onerror = function () { fail(x.error); }; x.onabort = function () { fail(x.error); };
			});
		});
	}
	var Q = {
		all: function (store) { return tx(store || 'queue', 'readonly', function (s) { return s.getAll(); }); },
		put: function (item, store) { return tx(store || 'queue', 'readwrite', function (s) { return s.put(item); }); },
		del: function (id, store) { return tx(store || 'queue', 'readwrite', function (s) { return s.delete(id); }); },
		count: function (store) { return tx(store || 'queue', 'readonly', function (s) { return s.count(); }); }
	};

	/** A photo as the queue keeps it: the file, and what the device said at the moment it was taken. */
	function capturePhoto(file) {
		var now = Date.now();
		// a camera photo arrives right after it is taken; an older file (picked from the gallery) keeps its own time
		var at = file.lastModified && file.lastModified <= now + 60000 ? Math.min(file.lastModified, now) : now;
		var p = { clientId: uuid(), blob: file, name: file.name || 'photo.jpg', capturedAt: new Date(at).toISOString(), attachmentId: null };
		if (state.fix) { p.lon = state.fix.lon; p.lat = state.fix.lat; p.accuracy = state.fix.accuracy; }
		return p;
	}

	function enqueue(item) {
		item.createdAt = new Date().toISOString();
		item.attempts = 0;
		return Q.put(item).then(updatePending).then(function () { sync(); });
	}

	function updatePending() {
		return Q.count().then(function (n) {
			$('#pending-count').textContent = n;
			$('#pending').hidden = n === 0;
			return n;
		});
	}

	// ------------------------------------------------------------------ sync
	function uploadPhoto(p) {
		if (p.attachmentId) return Promise.resolve(p.attachmentId); // resumable: never sent twice
		var f = new FormData();
		f.append('file', p.blob, p.name);
		f.append('clientId', p.clientId);
		if (p.capturedAt) f.append('capturedAt', p.capturedAt);
		if (p.lon != null) { f.append('lon', p.lon); f.append('lat', p.lat); }
		if (p.accuracy != null) f.append('accuracy', Math.min(p.accuracy, 10000));
		return api('POST', '/api/v1/mobile/photos', f).then(function (r) { p.attachmentId = r.attachment.id; return p.attachmentId; });
	}

	function uploadAll(item, list) {
		var ids = [];
		return (list || []).reduce(function (chain, p) {
			return chain.then(function () { return uploadPhoto(p); }).then(function (id) {
				ids.push(id);
				return Q.put(item); // remember the attachment id at once
			});
		}, Promise.resolve()).then(function () { return ids; });
	}

	function send(item) {
		return uploadAll(item, item.photos).then(function (photoIds) {
			return uploadAll(item, item.afterPhotos).then(function (afterIds) {
				if (item.kind === 'report') {
					var b = Object.assign({}, item.body, { photos: photoIds });
					if (b.selfDisposed) b.afterPhotos = afterIds;
					return api('POST', '/api/v1/reports', b, { 'Idempotency-Key': item.id });
				}
				var body = Object.assign({}, item.body, { photos: photoIds });
				// the client id as Idempotency-Key: a resend after a lost reply gets the first answer, nothing is done twice
				return api('POST', '/api/v1/cases/' + item.caseId + '/operations/' + item.op, body, { 'Idempotency-Key': item.id }).catch(function (e) {
					if (e.status !== 409) throw e;
					// the answer may have been stored while its reply was lost: then the timeline shows it by me
					return api('GET', '/api/v1/cases/' + item.caseId + '/events').then(function (events) {
						var mine = events.some(function (ev) {
							return ev.operation === item.op && ev.actorUserId === state.user.id && Date.parse(ev.at) >= Date.parse(item.createdAt) - 60000;
						});
						if (!mine) throw e;
					});
				});
			});
		});
	}

	function sync() {
		if (state.syncing || !state.token) return Promise.resolve();
		state.syncing = true;
		var sent = 0;
		return Q.all().then(function (items) {
			items.sort(function (a, b) { return a.createdAt < b.createdAt ? -1 : 1; });
			return items.filter(function (i) { return !i.error; }).reduce(function (chain, item) {
				return chain.then(function () {
					item.attempts++;
					return send(item).then(function () { sent++; return Q.del(item.id); }, function (e) {
						if (e.network || !e.status || e.status >= 500 || e.status === 401 || e.status === 429) throw e; // try again later
						item.error = e.message; // refused: shown in the queue, the user decides
						return Q.put(item);
					});
				});
			}, Promise.resolve());
		}).then(function () { return syncTrack(); }).catch(function () { /* offline: the next try sends it */ })
			.then(function () {
				state.syncing = false;
				setNet();
				return updatePending().then(function (n) {
					if (sent) { toast(t('m.sync.done', sent)); if (state.tab === 'queue' || state.tab === 'tasks' || state.tab === 'inbox') render(); }
					return n;
				});
			});
	}

	function syncTrack() {
		if (!hasRole('INSPECTOR')) return Promise.resolve();
		return Q.all('track').then(function (points) {
			if (!points.length) return;
			var batch = points.slice(0, 500);
			return api('POST', '/api/v1/patrol/points', batch.map(function (p) {
				return { at: p.at, lon: p.lon, lat: p.lat, accuracy: p.accuracy };
			})).then(function () {
				return Promise.all(batch.map(function (p) { return Q.del(p.at, 'track'); }));
			}, function (e) {
				if (e.status === 400) return Promise.all(batch.map(function (p) { return Q.del(p.at, 'track'); })); // stale points
				throw e;
			}).then(function () { if (points.length > batch.length) return syncTrack(); });
		});
	}

	function setNet() {
		var el = $('#net'); el.classList.toggle('off', !navigator.onLine);
		el.title = navigator.onLine ? t('m.net.on') : t('m.net.off');
	}
	window.addEventListener('online', function () { setNet(); sync(); });
	window.addEventListener('offline', setNet);
	setInterval(sync, 20000);

	// ------------------------------------------------------------------ position and patrol
	/** One track point, kept on the device until the next batch is uploaded. */
	function recordPoint(fix) {
		state.lastPoint = fix;
		state.trackCount++;
		Q.put({ at: fix.at, lon: fix.lon, lat: fix.lat, accuracy: Math.min(fix.accuracy || 0, 5000) }, 'track');
	}
	function startWatch() {
		if (state.watch != null || !navigator.geolocation) return;
		state.watch = navigator.geolocation.watchPosition(function (pos) {
			var fix = { lon: pos.coords.longitude, lat: pos.coords.latitude, accuracy: pos.coords.accuracy, at: new Date(pos.timestamp || Date.now()).toISOString() };
			var prev = state.lastPoint;
			state.fix = fix;
			if (state.patrolling && (!prev || distance(prev, fix) > 5 || Date.parse(fix.at) - Date.parse(prev.at) > 30000)) recordPoint(fix);
			document.dispatchEvent(new CustomEvent('wanmi-fix'));
		}, function () { document.dispatchEvent(new CustomEvent('wanmi-fix')); }, { enableHighAccuracy: true, maximumAge: 5000, timeout: 30000 });
	}
	document.addEventListener('wanmi-fix', function () { if (state.onFix) state.onFix(); });
	setInterval(function () { if (state.patrolling) syncTrack().catch(function () { }); }, 30000);

	// ------------------------------------------------------------------ map (Leaflet loaded only when a map is shown)
	var leaflet = null;
	function loadLeaflet() {
		if (window.L) return Promise.resolve(window.L);
		if (!leaflet) leaflet = new Promise(function (ok, fail) {
			var css = document.createElement('link'); css.rel = 'stylesheet'; css.href = '/webjars/leaflet/dist/leaflet.css';
			document.head.appendChild(css);
			var s = document.createElement('script'); s.src = '/webjars/leaflet/dist/leaflet.js';
			s.onload = function () { ok(window.L); }; s.onerror = function () { leaflet = null; fail(new Error('leaflet')); };
			document.head.appendChild(s);
		});
		return leaflet;
	}
	function makeMap(el, center) {
		return loadLeaflet().then(function (L) {
			var map = L.map(el, { zoomControl: true, attributionControl: !!CFG.tileUrl }).setView([center.lat, center.lon], 16);
			if (CFG.tileUrl && CFG.tileCrs !== 'gcj02') L.tileLayer(CFG.tileUrl, { attribution: CFG.tileAttribution, maxZoom: 19 }).addTo(map);
			return map;
		});
	}
	function myGrids() {
		var cached = json(localStorage.getItem('wanmi.m.grids'));
		return api('GET', '/api/v1/mobile/grids', undefined, { Accept: 'application/geo+json' }).then(function (g) {
			localStorage.setItem('wanmi.m.grids', JSON.stringify(g)); return g;
		}, function () { return cached; });
	}
	function center() {
		if (state.fix) return state.fix;
		var g = json(localStorage.getItem('wanmi.m.grids'));
		var c = g && g.features && g.features[0] && g.features[0].geometry.coordinates[0];
		while (c && Array.isArray(c[0])) c = c[0];
		return c ? { lon: c[0], lat: c[1] } : { lon: 108.62, lat: 21.95 };
	}

	// ------------------------------------------------------------------ views
	function hasRole(r) { return !!(state.user && state.user.roles && state.user.roles.indexOf(r) >= 0); }

	function render() {
		state.onFix = null; // the view being drawn sets its own
		$('#lang').textContent = lang === 'en' ? '中文' : 'EN';
		$('#app-title').textContent = t('m.app.title');
		document.title = t('m.app.title');
		$('#logout').textContent = t('m.logout');
		if (!state.token) { $('#tabs').hidden = true; $('#logout').hidden = true; return viewLogin(); }
		$('#logout').hidden = false;
		var tabs = hasRole('INSPECTOR') ? ['patrol', 'report', 'tasks', 'queue'] : hasRole('HANDLER') ? ['inbox', 'queue'] : [];
		if (!tabs.length) { $('#tabs').hidden = true; return viewNotForYou(); }
		if (tabs.indexOf(state.tab) < 0) state.tab = tabs[0];
		var nav = $('#tabs'); nav.hidden = false;
		nav.innerHTML = tabs.map(function (k) {
			return '<a href="#' + k + '" data-tab="' + k + '" class="' + (k === state.tab ? 'on' : '') + '">' + esc(t('m.tab.' + k)) + '</a>';
		}).join('');
		({ patrol: viewPatrol, report: viewReport, tasks: viewTasks, queue: viewQueue, inbox: viewInbox })[state.tab]();
	}
	window.addEventListener('hashchange', function () { var k = location.hash.slice(1).split('/')[0]; if (k && k !== state.tab) { state.tab = k; render(); } });

	function viewLogin() {
		$('#view').innerHTML = '<div class="card"><h2>' + esc(t('m.login.title')) + '</h2><form id="login-form">'
			+ '<label for="login-username">' + esc(t('m.login.username')) + '</label><input type="text" id="login-username" autocomplete="username" autocapitalize="off" required>'
			+ '<label for="login-password">' + esc(t('m.login.password')) + '</label><input type="password" id="login-password" autocomplete="current-password" required>'
			+ '<p id="login-error" class="error" hidden></p>'
			+ '<button class="btn primary block" id="login-submit" type="submit">' + esc(t('m.login.submit')) + '</button></form></div>'
			+ '<p class="muted">' + esc(t('m.login.hint')) + '</p>';
		$('#login-form').onsubmit = function (ev) {
			ev.preventDefault();
			var err = $('#login-error'); err.hidden = true;
			api('POST', '/api/v1/auth/token', { username: $('#login-username').value.trim(), password: $('#login-password').value, client: 'mobile' })
				.then(function (r) {
					state.token = r.access_token; state.user = r.user;
					localStorage.setItem('wanmi.m.token', r.access_token);
					localStorage.setItem('wanmi.m.user', JSON.stringify(r.user));
					state.tab = null; location.hash = '';
					render(); warmUp(); sync();
				}, function (e) { err.textContent = e.network ? t('m.login.offline') : e.message; err.hidden = false; });
		};
	}

	function viewNotForYou() {
		$('#view').innerHTML = '<div class="card" id="not-for-you"><h2>' + esc(t('m.role.none.title')) + '</h2><p>'
			+ esc(t('m.role.none', state.user ? state.user.displayName || state.user.username : '')) + '</p><a class="btn" href="/">' + esc(t('m.role.console')) + '</a></div>';
	}

	/** Loads what the app needs offline: categories, my grids, the task list. */
	function warmUp() {
		if (hasRole('INSPECTOR') || hasRole('HANDLER')) {
			api('GET', '/api/v1/catalog/categories').then(function (cats) {
				state.categories = cats.map(function (c) {
					return { kind: c.kind, code: c.code, name: c.name, major: c.majorName, keywords: c.keywords || [], photo: c.photoUrl };
				});
				localStorage.setItem('wanmi.m.cats', JSON.stringify(state.categories));
				if (state.tab === 'report') renderCats();
				else $$('.task').forEach(function (card) { var n = $('.cat-name', card); if (n) n.textContent = catName({ categoryKind: n.dataset.kind, categoryCode: n.dataset.code }); });
			}).catch(function () { });
		}
		if (hasRole('INSPECTOR')) myGrids();
	}

	// ---- patrol
	var patrolMap = null;
	function viewPatrol() {
		$('#view').innerHTML = '<div class="card"><h2>' + esc(t('m.patrol.title')) + '</h2>'
			+ '<p id="patrol-status" class="muted"></p>'
			+ '<button class="btn primary block" id="patrol-toggle" type="button"></button>'
			+ '<div id="patrol-map" class="map"></div><p class="muted">' + esc(t('m.patrol.gridsHint')) + '</p></div>';
		var status = function () {
			var s = $('#patrol-status'); if (!s) return;
			s.textContent = (state.patrolling ? t('m.patrol.on') : t('m.patrol.off')) + ' · '
				+ (state.fix ? t('m.patrol.fix', state.fix.lon.toFixed(5), state.fix.lat.toFixed(5), Math.round(state.fix.accuracy || 0)) : t('m.pos.none'))
				+ ' · ' + t('m.patrol.points', state.trackCount);
			$('#patrol-toggle').textContent = state.patrolling ? t('m.patrol.stop') : t('m.patrol.start');
			if (patrolMap && state.fix) {
				if (!patrolMap.me) patrolMap.me = window.L.circleMarker([state.fix.lat, state.fix.lon], { radius: 7, color: '#0b5394', fillOpacity: .9 }).addTo(patrolMap);
				patrolMap.me.setLatLng([state.fix.lat, state.fix.lon]);
			}
		};
		$('#patrol-toggle').onclick = function () {
			state.patrolling = !state.patrolling;
			localStorage.setItem('wanmi.m.patrolling', state.patrolling ? '1' : '');
			if (state.patrolling) { startWatch(); if (state.fix) recordPoint(state.fix); } else syncTrack().catch(function () { });
			status();
		};
		state.onFix = status;
		status();
		patrolMap = null;
		makeMap($('#patrol-map'), center()).then(function (map) {
			patrolMap = map;
			myGrids().then(function (g) {
				if (!g || !g.features || !g.features.length) return;
				var layer = window.L.geoJSON(g, { className: 'rgrid', style: { color: '#0b5394', weight: 1, fillOpacity: .08 },
					onEachFeature: function (f, l) { l.bindTooltip(f.properties.name || f.properties.code); } }).addTo(map);
				var bounds = layer.getBounds();
				if (state.fix) bounds.extend([state.fix.lat, state.fix.lon]);
				map.fitBounds(bounds, { maxZoom: 17 });
			});
			status();
		}).catch(function () { $('#patrol-map').textContent = t('m.map.unavailable'); });
	}

	// ---- report
	var draft = null;
	function newDraft() { return { id: uuid(), photos: [], afterPhotos: [], pos: null, posManual: false, cat: null, description: '', selfDisposed: false }; }
	function viewReport() {
		if (!draft) draft = newDraft();
		if (!draft.pos && state.fix) draft.pos = { lon: state.fix.lon, lat: state.fix.lat };
		$('#view').innerHTML = '<form id="report-form" class="card"><h2>' + esc(t('m.report.title')) + '</h2>'
			+ '<label for="photo-input">' + esc(t('m.report.photos')) + '</label>'
			+ '<input type="file" id="photo-input" accept="image/*" capture="environment" multiple>'
			+ '<div id="photos-thumbs" class="thumbs"></div>'
			+ '<label>' + esc(t('m.report.position')) + '</label><div class="row"><span id="pos-text"></span>'
			+ '<button type="button" class="btn small" id="pos-adjust">' + esc(t('m.report.adjust')) + '</button></div>'
			+ '<div id="report-map" class="map" hidden></div>'
			+ '<label for="cat-search">' + esc(t('m.report.category')) + '</label>'
			+ '<input type="search" id="cat-search" placeholder="' + esc(t('m.report.categorySearch')) + '" autocomplete="off">'
			+ '<div id="cat-list" class="cats"></div><div id="cat-selected"></div>'
			+ '<label for="desc">' + esc(t('m.report.description')) + '</label><textarea id="desc" maxlength="2000"></textarea>'
			+ '<div class="check"><input type="checkbox" id="self-disposed"><label for="self-disposed">' + esc(t('m.report.selfDisposed')) + '</label></div>'
			+ '<div id="after-box" hidden><label for="after-input">' + esc(t('m.report.afterPhotos')) + '</label>'
			+ '<input type="file" id="after-input" accept="image/*" capture="environment" multiple><div id="after-thumbs" class="thumbs"></div></div>'
			+ '<p id="report-error" class="error" hidden></p>'
			+ '<button class="btn primary block" id="report-submit" type="submit">' + esc(t('m.report.submit')) + '</button></form>';
		$('#desc').value = draft.description;
		$('#desc').oninput = function () { draft.description = this.value; draft.descTouched = true; };
		$('#self-disposed').checked = draft.selfDisposed;
		$('#after-box').hidden = !draft.selfDisposed;
		$('#self-disposed').onchange = function () { draft.selfDisposed = this.checked; $('#after-box').hidden = !this.checked; };
		bindPhotos($('#photo-input'), $('#photos-thumbs'), draft.photos, function () { if (!draft.posManual && state.fix) setPos(state.fix); });
		bindPhotos($('#after-input'), $('#after-thumbs'), draft.afterPhotos);
		$('#cat-search').oninput = renderCats;
		renderCats(); showPos();
		if (draft.pos && !draft.description) describe();
		state.onFix = function () { if (draft && !draft.pos && state.fix) setPos(state.fix); };
		$('#pos-adjust').onclick = function () {
			var el = $('#report-map'); el.hidden = false;
			makeMap(el, draft.pos || center()).then(function (map) {
				var L = window.L, m = L.marker([(draft.pos || center()).lat, (draft.pos || center()).lon], { draggable: true }).addTo(map);
				myGrids().then(function (g) { if (g) L.geoJSON(g, { style: { color: '#0b5394', weight: 1, fillOpacity: .05 }, interactive: false }).addTo(map); });
				var move = function (ll) { m.setLatLng(ll); draft.posManual = true; setPos({ lon: ll.lng, lat: ll.lat }); };
				m.on('dragend', function () { move(m.getLatLng()); });
				map.on('click', function (e) { move(e.latlng); });
			}).catch(function () { el.textContent = t('m.map.unavailable'); });
		};
		$('#report-form').onsubmit = function (ev) { ev.preventDefault(); submitReport(); };
	}
	function setPos(p) { draft.pos = { lon: p.lon, lat: p.lat }; showPos(); describe(); }
	function showPos() {
		var el = $('#pos-text'); if (!el) return;
		el.textContent = draft.pos ? draft.pos.lon.toFixed(6) + ', ' + draft.pos.lat.toFixed(6) : t('m.pos.none');
	}
	function describe() {
		if (!draft.pos || draft.descTouched) return;
		api('GET', '/api/v1/geo/reverse?lon=' + draft.pos.lon + '&lat=' + draft.pos.lat).then(function (r) {
			if (draft.descTouched || !r.description) return;
			draft.description = r.description;
			var d = $('#desc'); if (d) d.value = r.description;
		}).catch(function () { });
	}
	function bindPhotos(input, thumbs, list, after) {
		var show = function () {
			thumbs.innerHTML = '';
			list.forEach(function (p, i) {
				var img = document.createElement('img'); img.src = URL.createObjectURL(p.blob); img.alt = p.name;
				img.title = t('m.photo.remove'); img.className = 'photo-thumb'; img.dataset.capturedAt = p.capturedAt;
				img.onclick = function () { list.splice(i, 1); show(); };
				thumbs.appendChild(img);
			});
		};
		input.onchange = function () {
			Array.prototype.forEach.call(input.files, function (f) { list.push(capturePhoto(f)); });
			input.value = ''; show(); if (after) after();
		};
		show();
	}
	function usage() { return json(localStorage.getItem('wanmi.m.catUse')) || {}; }
	function renderCats() {
		var box = $('#cat-list'); if (!box) return;
		var q = ($('#cat-search').value || '').trim().toLowerCase(), use = usage();
		var list = state.categories.filter(function (c) {
			return !q || c.name.toLowerCase().indexOf(q) >= 0 || c.code.indexOf(q) >= 0 || (c.major || '').toLowerCase().indexOf(q) >= 0
				|| c.keywords.some(function (k) { return k.toLowerCase().indexOf(q) >= 0; });
		});
		var key = function (c) { return c.kind + ':' + c.code; };
		list.sort(function (a, b) { // recent first, then frequent, then the catalog's order
			var ua = use[key(a)] || { n: 0, last: 0 }, ub = use[key(b)] || { n: 0, last: 0 };
			var ra = Date.now() - ua.last < 864e5 ? ua.last : 0, rb = Date.now() - ub.last < 864e5 ? ub.last : 0;
			return rb - ra || ub.n - ua.n;
		});
		box.innerHTML = list.slice(0, 60).map(function (c) {
			var k = key(c), u = use[k];
			return '<button type="button" data-key="' + esc(k) + '" class="' + (draft.cat && key(draft.cat) === k ? 'on' : '') + '">'
				+ esc(c.name) + ' <span class="muted">' + esc(c.major || '') + ' ' + esc(c.code) + (u ? ' · ★' + u.n : '') + '</span></button>';
		}).join('') || '<p class="muted" style="padding:.5rem">' + esc(state.categories.length ? t('m.report.noCategory') : t('m.report.categoriesOffline')) + '</p>';
		$$('button', box).forEach(function (b) {
			b.onclick = function () {
				draft.cat = state.categories.filter(function (c) { return key(c) === b.dataset.key; })[0];
				renderCats();
			};
		});
		var sel = $('#cat-selected');
		sel.innerHTML = draft.cat ? '<p><span class="badge ok" id="cat-chosen">' + esc(draft.cat.name) + '</span></p>' : '';
		if (draft.cat && draft.cat.photo && navigator.onLine) {
			fetch(draft.cat.photo, { headers: { Authorization: 'Bearer ' + state.token } }).then(function (r) { return r.ok ? r.blob() : null; })
				.then(function (b) { if (b && $('#cat-selected')) { var img = document.createElement('img'); img.className = 'cat-photo'; img.alt = t('m.report.example'); img.src = URL.createObjectURL(b); $('#cat-selected').appendChild(img); } })
				.catch(function () { });
		}
	}
	function submitReport() {
		var err = $('#report-error'), problems = [];
		if (!draft.photos.length) problems.push(t('m.report.needPhoto'));
		if (!draft.pos) problems.push(t('m.report.needPosition'));
		if (!draft.cat) problems.push(t('m.report.needCategory'));
		if (draft.selfDisposed && !draft.afterPhotos.length) problems.push(t('m.report.needAfterPhoto'));
		if (problems.length) { err.textContent = problems.join(' '); err.hidden = false; return; }
		var use = usage(), k = draft.cat.kind + ':' + draft.cat.code;
		use[k] = { n: ((use[k] || {}).n || 0) + 1, last: Date.now() };
		localStorage.setItem('wanmi.m.catUse', JSON.stringify(use));
		var item = { id: draft.id, kind: 'report', photos: draft.photos, afterPhotos: draft.selfDisposed ? draft.afterPhotos : [],
			label: draft.cat.name,
			body: { channel: 'inspector', lon: draft.pos.lon, lat: draft.pos.lat, categoryKind: draft.cat.kind, categoryCode: draft.cat.code,
				description: draft.description || null, selfDisposed: draft.selfDisposed } };
		draft = null;
		enqueue(item).then(function () { toast(t('m.report.queued')); render(); });
	}

	// ---- tasks (inspector: verify / check)
	/** The task list; an inspector's few tasks with their cases (for the distance), a handler's from the summaries. */
	function loadTasks(details) {
		var key = 'wanmi.m.tasks.' + state.user.username;
		return api('GET', '/api/v1/tasks?limit=300').then(function (tasks) {
			return Promise.all(tasks.map(function (task, i) {
				if (details && i < 100) return api('GET', '/api/v1/cases/' + task.caseSummary.id).then(function (c) { return { task: task, c: c }; });
				var s = task.caseSummary;
				return { task: task, c: { id: s.id, caseNo: s.caseNo, state: s.state, categoryKind: s.categoryKind, categoryCode: s.categoryCode,
					description: s.description, address: s.address, allowedOperations: task.operations,
					stepClock: s.stepDueAt ? { dueAt: s.stepDueAt } : null,
					deadline: s.handleDueAt ? { dueAt: s.handleDueAt, overdue: Date.parse(s.handleDueAt) < Date.now() } : null } };
			}));
		}).then(function (list) {
			try { localStorage.setItem(key, JSON.stringify(list)); } catch (e) { /* full: the list just is not kept */ }
			return list;
		}, function (e) {
			if (!e.network) throw e;
			return json(localStorage.getItem(key)) || [];
		});
	}
	function dueOf(c) {
		if (c.stepClock && c.stepClock.dueAt) return { at: c.stepClock.dueAt, overdue: c.stepClock.overdue || Date.parse(c.stepClock.dueAt) < Date.now() };
		if (c.deadline) return { at: c.deadline.dueAt, overdue: c.deadline.overdue };
		return null;
	}
	function catName(c) {
		var m = state.categories.filter(function (x) { return x.kind === c.categoryKind && x.code === c.categoryCode; })[0];
		return m ? m.name : (c.categoryCode || '');
	}
	function caseCard(c, extra) {
		var due = dueOf(c), located = typeof c.lon === 'number', d = state.fix && located ? distance(state.fix, c) : null;
		return '<div class="card task' + (due && due.overdue ? ' overdue' : '') + '" data-case-id="' + c.id + '" data-case-no="' + esc(c.caseNo) + '">'
			+ '<div class="row"><strong>' + esc(c.caseNo) + '</strong><span class="badge">' + esc(t('m.state.' + c.state)) + '</span>'
			+ (due && due.overdue ? '<span class="badge bad">' + esc(t('m.task.overdue')) + '</span>' : '')
			+ '<span class="grow"></span><span class="muted dist">' + fmtDist(d) + '</span></div>'
			+ '<div class="cat-name" data-kind="' + esc(c.categoryKind) + '" data-code="' + esc(c.categoryCode) + '">' + esc(catName(c)) + '</div><div class="muted">' + esc(c.address || '') + '</div>'
			+ (c.description ? '<div>' + esc(c.description) + '</div>' : '')
			+ (due ? '<div class="muted">' + esc(t('m.task.due', fmtTime(due.at))) + '</div>' : '')
			+ '<div class="row" style="margin-top:.4rem">' + (located ? '<a class="btn small nav" href="geo:' + c.lat + ',' + c.lon + '?q=' + c.lat + ',' + c.lon
			+ '(' + encodeURIComponent(c.caseNo) + ')">' + esc(t('m.task.navigate')) + '</a>' : '') + (extra || '') + '</div></div>';
	}
	function viewTasks() {
		$('#view').innerHTML = '<h2>' + esc(t('m.tasks.title')) + '</h2><div id="task-list"><p class="muted">' + esc(t('m.loading')) + '</p></div>';
		Promise.all([loadTasks(true), Q.all()]).then(function (r) {
			var queued = r[1].filter(function (i) { return i.kind === 'op'; }).map(function (i) { return i.caseId; });
			var list = r[0].filter(function (x) { return queued.indexOf(x.c.id) < 0 && (x.task.operations.indexOf('verify') >= 0 || x.task.operations.indexOf('check') >= 0); });
			if (state.fix) list.sort(function (a, b) { return distance(state.fix, a.c) - distance(state.fix, b.c); });
			$('#task-list').innerHTML = list.map(function (x) {
				var op = x.task.operations.indexOf('verify') >= 0 ? 'verify' : 'check';
				return caseCard(x.c, '<button type="button" class="btn small primary answer" data-op="' + op + '">' + esc(t('m.op.' + op)) + '</button>');
			}).join('') || '<p class="muted" id="no-tasks">' + esc(t('m.tasks.none')) + '</p>';
			$$('#task-list .answer').forEach(function (b) {
				b.onclick = function () { answerForm(b.closest('.task'), b.dataset.op); };
			});
		}).catch(function (e) { $('#task-list').innerHTML = '<p class="error">' + esc(e.message) + '</p>'; });
	}
	/** verify / check: passed or not, photos, a comment — queued like a report. */
	function answerForm(card, op) {
		if ($('.answer-form', card)) return;
		var f = document.createElement('form'); f.className = 'answer-form';
		f.innerHTML = '<div class="check"><input type="radio" name="passed" value="true" id="p-yes-' + card.dataset.caseId + '" checked><label for="p-yes-' + card.dataset.caseId + '">' + esc(t('m.' + op + '.yes')) + '</label></div>'
			+ '<div class="check"><input type="radio" name="passed" value="false" id="p-no-' + card.dataset.caseId + '"><label for="p-no-' + card.dataset.caseId + '">' + esc(t('m.' + op + '.no')) + '</label></div>'
			+ '<label>' + esc(t('m.report.photos')) + '</label><input type="file" class="task-photo" accept="image/*" capture="environment" multiple><div class="thumbs"></div>'
			+ '<label>' + esc(t('m.op.comment')) + '</label><input type="text" class="task-comment">'
			+ '<p class="error" hidden></p><button class="btn primary block task-submit" type="submit">' + esc(t('m.op.submit')) + '</button>';
		card.appendChild(f);
		var photos = [];
		bindPhotos($('.task-photo', f), $('.thumbs', f), photos);
		f.onsubmit = function (ev) {
			ev.preventDefault();
			if (!photos.length) { var e = $('.error', f); e.textContent = t('m.report.needPhoto'); e.hidden = false; return; }
			enqueue({ id: uuid(), kind: 'op', caseId: card.dataset.caseId, op: op, label: card.dataset.caseNo + ' ' + t('m.op.' + op), photos: photos,
				body: { passed: $('input[name=passed]:checked', f).value === 'true', comment: $('.task-comment', f).value || null } })
				.then(function () { toast(t('m.op.queued')); render(); });
		};
	}

	// ---- handler inbox
	var HANDLER_OPS = ['sign', 'feedback', 'request-return', 'request-extension', 'request-suspension'];
	var REASONS = { 'request-return': ['NOT_OURS', 'WRONG_LOCATION', 'OTHER'], 'request-extension': ['ENGINEERING', 'WEATHER', 'FUNDING', 'OTHER'],
		'request-suspension': ['ENGINEERING', 'FUNDING', 'OTHER'] };
	function viewInbox() {
		$('#view').innerHTML = '<h2>' + esc(t('m.inbox.title')) + '</h2><div id="inbox-list"><p class="muted">' + esc(t('m.loading')) + '</p></div>';
		Promise.all([loadTasks(false), Q.all()]).then(function (r) {
			var queued = r[1].filter(function (i) { return i.kind === 'op'; }).map(function (i) { return i.caseId; });
			var list = r[0].filter(function (x) { return queued.indexOf(x.c.id) < 0; });
			$('#inbox-list').innerHTML = list.map(function (x) {
				var ops = x.c.allowedOperations.filter(function (o) { return HANDLER_OPS.indexOf(o) >= 0; });
				return caseCard(x.c, ops.map(function (o) {
					return '<button type="button" class="btn small op" data-op="' + o + '">' + esc(t('m.op.' + o)) + '</button>';
				}).join(''));
			}).join('') || '<p class="muted" id="no-tasks">' + esc(t('m.tasks.none')) + '</p>';
			$$('#inbox-list .op').forEach(function (b) {
				b.onclick = function () { handlerForm(b.closest('.task'), b.dataset.op); };
			});
		}).catch(function (e) { $('#inbox-list').innerHTML = '<p class="error">' + esc(e.message) + '</p>'; });
	}
	function handlerForm(card, op) {
		var old = $('.op-form', card); if (old) old.remove();
		var f = document.createElement('form'); f.className = 'op-form'; f.dataset.op = op;
		var h = '<h3 class="muted">' + esc(t('m.op.' + op)) + '</h3>';
		if (op === 'feedback') h += '<label>' + esc(t('m.op.result')) + '</label><textarea class="op-result" required></textarea>';
		if (REASONS[op]) h += '<label>' + esc(t('m.op.reason')) + '</label><select class="op-reason">' + REASONS[op].map(function (r) {
			return '<option value="' + r + '">' + esc(t('m.reason.' + r)) + '</option>'; }).join('') + '</select>';
		if (op === 'request-suspension') h += '<label>' + esc(t('m.op.resumeAt')) + '</label><input type="datetime-local" class="op-resume">';
		if (op === 'feedback' || op === 'request-return') h += '<label>' + esc(t(op === 'feedback' ? 'm.op.afterPhotos' : 'm.op.evidence')) + '</label>'
			+ '<input type="file" class="op-photo" accept="image/*" capture="environment" multiple><div class="thumbs"></div>';
		if (op !== 'feedback') h += '<label>' + esc(t('m.op.comment')) + '</label><input type="text" class="op-comment">';
		h += '<p class="error" hidden></p><button class="btn primary block op-submit" type="submit">' + esc(t('m.op.submit')) + '</button>';
		f.innerHTML = h; card.appendChild(f);
		var photos = [];
		if ($('.op-photo', f)) bindPhotos($('.op-photo', f), $('.thumbs', f), photos);
		f.onsubmit = function (ev) {
			ev.preventDefault();
			var e = $('.error', f), body = {};
			if (op === 'feedback') {
				body.result = $('.op-result', f).value.trim();
				if (!body.result) { e.textContent = t('m.op.needResult'); e.hidden = false; return; }
				if (!photos.length) { e.textContent = t('m.op.needAfterPhoto'); e.hidden = false; return; }
			}
			if (REASONS[op]) body.reasonCode = $('.op-reason', f).value;
			if ($('.op-comment', f)) body.comment = $('.op-comment', f).value || null;
			if ($('.op-resume', f) && $('.op-resume', f).value) body.resumeAt = new Date($('.op-resume', f).value).toISOString();
			enqueue({ id: uuid(), kind: 'op', caseId: card.dataset.caseId, op: op, label: card.dataset.caseNo + ' ' + t('m.op.' + op), photos: photos, body: body })
				.then(function () { toast(t('m.op.queued')); render(); });
		};
	}

	// ---- queue
	function viewQueue() {
		$('#view').innerHTML = '<h2>' + esc(t('m.queue.title')) + '</h2><p class="muted">' + esc(t('m.queue.hint')) + '</p>'
			+ '<button class="btn primary" id="sync-now" type="button">' + esc(t('m.queue.syncNow')) + '</button><div id="queue-list" style="margin-top:.75rem"></div>';
		$('#sync-now').onclick = function () { sync().then(viewQueueList); };
		viewQueueList();
	}
	function viewQueueList() {
		Q.all().then(function (items) {
			var box = $('#queue-list'); if (!box) return;
			box.innerHTML = items.map(function (i) {
				var sent = i.photos.concat(i.afterPhotos || []).filter(function (p) { return p.attachmentId; }).length;
				var total = i.photos.length + (i.afterPhotos || []).length;
				return '<div class="card queue-item' + (i.error ? ' failed' : '') + '" data-id="' + i.id + '" data-captured-at="' + esc((i.photos[0] || {}).capturedAt || '') + '">'
					+ '<strong>' + esc(t(i.kind === 'report' ? 'm.queue.report' : 'm.queue.op')) + '</strong> ' + esc(i.label || '')
					+ '<div class="muted">' + esc(t('m.queue.made', fmtTime(i.createdAt))) + ' · ' + esc(t('m.queue.photos', sent, total)) + '</div>'
					+ (i.error ? '<p class="error">' + esc(i.error) + '</p><div class="row"><button type="button" class="btn small retry">' + esc(t('m.queue.retry'))
						+ '</button><button type="button" class="btn small danger discard">' + esc(t('m.queue.discard')) + '</button></div>' : '')
					+ '</div>';
			}).join('') || '<p class="muted" id="queue-empty">' + esc(t('m.queue.empty')) + '</p>';
			$$('.retry', box).forEach(function (b) {
				b.onclick = function () {
					var id = b.closest('.queue-item').dataset.id;
					Q.all().then(function (all) { var it = all.filter(function (x) { return x.id === id; })[0]; delete it.error; return Q.put(it); })
						.then(sync).then(viewQueueList);
				};
			});
			$$('.discard', box).forEach(function (b) {
				b.onclick = function () { if (confirm(t('m.queue.discardConfirm'))) Q.del(b.closest('.queue-item').dataset.id).then(updatePending).then(viewQueueList); };
			});
		});
	}

	// ------------------------------------------------------------------ start
	$('#lang').onclick = function () {
		lang = lang === 'en' ? 'zh' : 'en';
		localStorage.setItem('wanmi.m.lang', lang);
		document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
		loadTexts().then(render);
	};
	$('#logout').onclick = function () {
		Q.count().then(function (n) {
			if (n && !confirm(t('m.logout.pending', n))) return;
			api('POST', '/api/v1/auth/logout').catch(function () { });
			state.token = null; state.user = null; state.patrolling = false;
			['wanmi.m.token', 'wanmi.m.user', 'wanmi.m.patrolling'].forEach(function (k) { localStorage.removeItem(k); });
			render();
		});
	};
	$('#pending').onclick = function () { state.tab = hasRole('INSPECTOR') || hasRole('HANDLER') ? 'queue' : state.tab; location.hash = 'queue'; render(); };
	function loadTexts() {
		if (TEXTS[lang]) return Promise.resolve();
		return fetch('/m/messages/' + lang + '.json').then(function (r) { return r.json(); })
			.then(function (m) { TEXTS[lang] = m; }, function () { });
	}
	if ('serviceWorker' in navigator) navigator.serviceWorker.register('/m/sw.js', { scope: '/m/' }).catch(function () { });
	state.patrolling = !!localStorage.getItem('wanmi.m.patrolling');
	state.tab = location.hash.slice(1) || null;
	setNet();
	startWatch();
	loadTexts().then(function () {
		render(); updatePending();
		if (state.token) { warmUp(); sync(); }
	});
	window.wanmiMobile = { sync: sync, pending: updatePending }; // for tests and the console
})();
