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

  // Resolves with the manifest when served from a mirror, else null; force skips the per-session memo.
  function check(force) {
    if (!window.fetch) return Promise.resolve(null);
    try { if (!force && sessionStorage.getItem(KEY)) return Promise.resolve(null); } catch (e) { /* storage off */ }
    return fetch('/mirror.json', { cache: 'no-cache' })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (m) {
        if (m && m.mirror === true) { show(m); return m; }
        try { sessionStorage.setItem(KEY, '1'); } catch (e) { /* storage off */ }
        return null;
      })
      .catch(function () { return null; });
  }

  window.statusMirror = { check: check, show: show };
  check(false);
})();
