// Admin conveniences; every form works without this file.
(function () {
  // Confirm destructive actions; mark single-submit forms busy so a double tap sends once.
  document.addEventListener('submit', function (e) {
    var f = e.target;
    if (!f || !f.dataset) return;
    if (f.dataset.confirm && !window.confirm(f.dataset.confirm)) {
      e.preventDefault();
      return;
    }
    if (f.hasAttribute('data-once')) {
      if (f.dataset.busy) {
        e.preventDefault();
        return;
      }
      f.dataset.busy = '1';
    }
  });

  // Live markdown preview, rendered by the server exactly as the public page will show it.
  function wire(area) {
    var out = document.getElementById(area.dataset.preview);
    if (!out) return;
    var timer = null;
    function render() {
      var body = new FormData();
      body.append('markdown', area.value);
      fetch('/admin/preview', { method: 'POST', body: body, credentials: 'same-origin' })
        // A refusal (too long, too deep, too many previews) is a short escaped message: show it in place.
        .then(function (r) { return r.status < 500 ? r.text() : ''; })
        .then(function (html) {
          out.innerHTML = html;
          out.hidden = !area.value.trim();
        })
        .catch(function () {});
    }
    area.addEventListener('input', function () {
      clearTimeout(timer);
      // Long texts wait longer between previews: each one renders the whole text.
      timer = setTimeout(render, Math.min(3000, 300 + area.value.length / 100));
    });
    if (area.value.trim()) render();
  }
  document.querySelectorAll('textarea[data-preview]').forEach(wire);
})();

// Narrow screens: the admin navigation folds behind the menu button.
(function () {
  var btn = document.querySelector('.menu-btn');
  var nav = document.getElementById('admin-nav');
  if (!btn || !nav) return;
  btn.hidden = false;
  nav.setAttribute('data-folded', '');
  btn.addEventListener('click', function () {
    var open = btn.getAttribute('aria-expanded') !== 'true';
    btn.setAttribute('aria-expanded', String(open));
    if (open) nav.removeAttribute('data-folded');
    else nav.setAttribute('data-folded', '');
  });
})();

// Highlights component rows whose chosen status differs from the current one.
document.addEventListener('change', function (e) {
  var sel = e.target;
  var row = sel && sel.closest && sel.closest('.component-statuses .row');
  if (!row) return;
  if (sel.value && sel.value !== row.dataset.current) row.setAttribute('data-changed', '');
  else row.removeAttribute('data-changed');
});

// Time zones: forms carry the browser's zone in _tz, labels name it, and each time field echoes "14:30 CET (13:30 UTC)".
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // In UTC the server's default already matches and the labels already say so.
  if (!zone || /^(Etc\/)?(UTC|UCT|GMT|Universal|Zulu)$/.test(zone)) return;
  var pad = function (n) { return String(n).padStart(2, '0'); };
  var localValue = function (d) { return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes()); };
  var inZone = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
  var inUtc = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
  var utcDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  var localDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
  document.querySelectorAll('input[type="datetime-local"]').forEach(function (input) {
    var form = input.form;
    if (!form) return;
    if (!form.querySelector('input[name="_tz"]')) {
      var tz = document.createElement('input');
      tz.type = 'hidden';
      tz.name = '_tz';
      tz.value = zone;
      form.appendChild(tz);
    }
    // Values the server rendered are UTC; show them in local time.
    if (input.hasAttribute('data-utc') && input.value) {
      var utc = new Date(input.value + 'Z');
      if (!isNaN(utc.getTime())) input.value = localValue(utc);
    }
    var label = input.id && document.querySelector('label[for="' + input.id + '"]');
    if (label) label.textContent = label.textContent.replace('(UTC', '(your time, ' + zone);
    var echo = document.createElement('span');
    echo.className = 'hint tz-echo';
    echo.setAttribute('aria-live', 'polite');
    input.insertAdjacentElement('afterend', echo);
    var show = function () {
      var d = input.value ? new Date(input.value) : null;
      if (!d || isNaN(d.getTime())) { echo.textContent = ''; return; }
      var day = utcDay.format(d) === localDay.format(d) ? '' : utcDay.format(d) + ' ';
      echo.textContent = inZone.format(d) + ' (' + day + inUtc.format(d) + ' UTC)';
    };
    input.addEventListener('input', show);
    show();
  });
})();

// After a failed submit the error summary takes focus, so every problem is read out at once.
(function () {
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();
})();
