// Static mirror: when this page is served from an export (its mirror.json manifest answers), says so and
// when it was written. The origin answers 404 once per tab session; live.js asks again when its stream fails.
(function () {
  var KEY = 'statuspage-origin';
  var shown = null;

  function show(m) {
    var at = new Date(m.writtenAt);
    if (isNaN(at.getTime())) return;
    if (!shown) {
      shown = document.createElement('p');
      shown.id = 'mirror-banner';
      shown.className = 'mirror-banner live-status';
      shown.setAttribute('role', 'note');
      var main = document.getElementById('main') || document.body;
      main.insertBefore(shown, main.firstChild);
    }
    shown.textContent = 'This is a mirror, updated ';
    var t = document.createElement('time');
    t.dateTime = at.toISOString();
    t.title = at.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
    t.textContent = at.toLocaleString();
    shown.appendChild(t);
    shown.appendChild(document.createTextNode('.'));
  }

  // The history and SLA filters are GET forms; a static host ignores their query, so on a mirror they go to the
  // path the export wrote that page under (src/server/export/mirror-paths.ts names the same paths).
  function mirrorTarget(form) {
    var action = form.getAttribute('action');
    var data = new FormData(form);
    if (action === '/history') {
      var slug = String(data.get('component') || '');
      if (!slug) return '/history';
      // the slug pattern of src/domain/slug.ts
      return /^[a-z0-9][a-z0-9-]{0,79}$/.test(slug) ? '/history/component/' + slug + '/' : null;
    }
    if (action === '/sla') {
      var month = String(data.get('month') || '');
      return /^\d{4}-\d{2}$/.test(month) ? '/sla/' + month + '/' : null;
    }
    return null;
  }
  var formsRedirected = false;
  function redirectForms() {
    if (formsRedirected) return;
    formsRedirected = true;
    document.addEventListener('submit', function (e) {
      var form = e.target;
      if (!form || form.tagName !== 'FORM' || (form.getAttribute('method') || 'get').toLowerCase() !== 'get') return;
      var to = mirrorTarget(form);
      if (to) { e.preventDefault(); location.assign(to); }
    });
  }

  // Resolves with the manifest when served from a mirror, else null; force skips the per-session memo.
  function check(force) {
    if (!window.fetch) return Promise.resolve(null);
    try { if (!force && sessionStorage.getItem(KEY)) return Promise.resolve(null); } catch { /* storage off */ }
    return fetch('/mirror.json', { cache: 'no-cache' })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (m) {
        if (m && m.mirror === true) { show(m); redirectForms(); return m; }
        try { sessionStorage.setItem(KEY, '1'); } catch { /* storage off */ }
        return null;
      })
      .catch(function () { return null; });
  }

  window.statusMirror = { check: check, show: show };
  check(false);
})();
