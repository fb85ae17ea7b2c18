// Working-time calendar administration (/admin/calendar): day overrides, settings, CSV import, deadline calculator.
(function () {
  var API = '/api/v1/calendar';
  var KIND = { WORKDAY: '工作日', REST_DAY: '休息日', HOLIDAY: '节假日', MAKEUP_WORKDAY: '调休上班' };
  var LIGHT = { GREEN: '绿灯', YELLOW: '黄灯', RED: '红灯' };
  function $(id) { return document.getElementById(id); }
  function esc(s) { var d = document.createElement('div'); d.textContent = s == null ? '' : String(s); return d.innerHTML; }
  function problemList(err) {
    var html = esc(err.message);
    if (err.problem && err.problem.errors) {
      html += '<ul class="mb-0">' + err.problem.errors.map(function (e) { return '<li>' + esc(e.message) + '</li>'; }).join('') + '</ul>';
    }
    return '<span class="text-danger">' + html + '</span>';
  }

  // --- day editor ---------------------------------------------------------------
  var current = null;
  var modal = null;
  document.querySelectorAll('#cal-year-grid td.day').forEach(function (td) {
    td.addEventListener('click', function () {
      current = td.dataset;
      $('cal-day-title').textContent = current.date;
      var info = KIND[current.kind] + (current.name ? ' · ' + current.name : '');
      if (current.seeded) { info += '；预置：' + (current.seeded === 'HOLIDAY' ? '放假' : '上班') + (current.seededName ? ' ' + current.seededName : ''); }
      if (current.source === 'OVERRIDE') { info += '；已被管理员修改'; }
      $('cal-day-info').textContent = info;
      var working = current.kind === 'WORKDAY' || current.kind === 'MAKEUP_WORKDAY';
      // clicking toggles: a working day is proposed as a holiday, a day off as a workday
      $(working ? 'dt-h' : 'dt-w').checked = true;
      $('cal-day-name').value = current.name || '';
      $('cal-day-error').textContent = '';
      $('cal-day-revert').disabled = current.source !== 'OVERRIDE';
      modal = modal || new bootstrap.Modal($('cal-day'));
      modal.show();
    });
  });
  $('cal-day-save').addEventListener('click', function () {
    var type = document.querySelector('input[name="day-type"]:checked').value;
    wanmi.json(API + '/days/' + current.date, {
      method: 'PUT', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: type, name: $('cal-day-name').value })
    }).then(function () { location.reload(); }, function (e) { $('cal-day-error').textContent = e.message; });
  });
  $('cal-day-revert').addEventListener('click', function () {
    wanmi.json(API + '/days/' + current.date, { method: 'DELETE' })
      .then(function () { location.reload(); }, function (e) { $('cal-day-error').textContent = e.message; });
  });

  // --- settings -----------------------------------------------------------------
  $('cal-settings').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var periods = $('periods').value.split(/[,，;；]/).map(function (p) { return p.trim(); }).filter(Boolean).map(function (p) {
      var parts = p.split(/\s*[-–~～]\s*/);
      return { start: parts[0], end: parts[1] || '' };
    });
    var weekend = Array.prototype.map.call(document.querySelectorAll('input[name="weekendDays"]:checked'), function (c) { return Number(c.value); });
    var body = {
      periods: periods, weekendDays: weekend, timeZone: $('timeZone').value,
      hoursPerDay: Number($('hoursPerDay').value), yellowPercent: Number($('yellowPercent').value), redPercent: Number($('redPercent').value)
    };
    wanmi.json(API + '/settings', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (s) {
        $('cal-settings-msg').innerHTML = '<span class="text-success">已保存。每天工作 ' + esc(s.workingPeriodsHours) + ' 小时，1 工作日 = ' + esc(s.hoursPerDay) + ' 工作时。</span>';
      }, function (e) { $('cal-settings-msg').innerHTML = problemList(e); });
  });

  // --- import -------------------------------------------------------------------
  $('cal-import').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var file = $('import-file').files[0];
    var table = $('cal-import-errors');
    table.classList.add('d-none');
    if (!file) { $('cal-import-msg').innerHTML = '<span class="text-danger">请选择 CSV 文件。</span>'; return; }
    var form = new FormData();
    form.append('file', file);
    var year = $('import-year').value;
    wanmi.json(API + '/import' + (year ? '?year=' + encodeURIComponent(year) : ''), { method: 'POST', body: form })
      .then(function (r) {
        $('cal-import-msg').innerHTML = '<span class="text-success">已导入 ' + esc(r.year) + ' 年：' + esc(r.rows) + ' 行，' + esc(r.changedDays) + ' 天有变化。</span>';
        setTimeout(function () { location.href = '?year=' + r.year; }, 800);
      }, function (e) {
        $('cal-import-msg').innerHTML = '<span class="text-danger">' + esc(e.message) + '</span>';
        var rows = (e.problem && e.problem.errors) || [];
        if (rows.length) {
          table.querySelector('tbody').innerHTML = rows.map(function (r) {
            return '<tr><td>' + esc(r.row) + '</td><td>' + esc(r.value) + '</td><td>' + esc(r.message) + '</td></tr>';
          }).join('');
          table.classList.remove('d-none');
        }
      });
  });

  // --- deadline calculator ---------------------------------------------------------
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  var now = new Date();
  $('dl-from').value = now.getFullYear() + '-' + pad(now.getMonth() + 1) + '-' + pad(now.getDate()) + 'T' + pad(now.getHours()) + ':' + pad(now.getMinutes());
  function hm(minutes) {
    var neg = minutes < 0; minutes = Math.abs(minutes);
    return (neg ? '超时 ' : '') + Math.floor(minutes / 60) + ' 小时 ' + (minutes % 60) + ' 分';
  }
  $('cal-deadline').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var q = '?limit=' + encodeURIComponent($('dl-limit').value) + '&from=' + encodeURIComponent($('dl-from').value);
    if ($('dl-now').value) { q += '&now=' + encodeURIComponent($('dl-now').value); }
    wanmi.json(API + '/deadline' + q).then(function (r) {
      var html = '<div>截止时间：<strong>' + esc(r.deadline.replace('T', ' ').substring(0, 16)) + '</strong></div>'
        + '<div>时限 ' + esc(r.limit) + (r.workingTimeOnly ? '（只计工作时间，' + esc(r.limitMinutes / 60) + ' 工作时）' : '（连续计时）') + '</div>'
        + (r.workingTimeOnly && !r.fromIsWorkingTime ? '<div>起算时刻不在工作时间内，从 ' + esc(r.clockStart.replace('T', ' ').substring(0, 16)) + ' 开始计时</div>' : '')
        + '<div>其间工作时间 ' + hm(r.workingMinutes) + '，自然时间 ' + hm(r.calendarMinutes) + '</div>';
      if (r.progress) {
        var p = r.progress;
        var cls = { GREEN: 'success', YELLOW: 'warning', RED: 'danger' }[p.light];
        html += '<div class="mt-1"><span class="badge text-bg-' + cls + '">' + LIGHT[p.light] + '</span> 已用 '
          + Math.round(p.shareUsed * 100) + '%，剩余 ' + hm(p.remainingMinutes) + '</div>';
      }
      $('cal-deadline-result').innerHTML = html;
    }, function (e) { $('cal-deadline-result').innerHTML = problemList(e); });
  });
})();
