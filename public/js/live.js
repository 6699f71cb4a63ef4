// Live updates: listens to /api/stream and, on each change, re-fetches this page and swaps its
// [data-live-region] elements in place. Reconnects with backoff; says so when updates are paused. When the server
// refuses the stream (429/503 past its caps), polls the page instead and tries the stream again each time.
(function () {
  var main = document.querySelector('main[data-live]');
  if (!main || !window.EventSource || !window.fetch || !window.DOMParser) return;

  var statusEl = document.getElementById('live-status');
  if (!statusEl) {
    statusEl = document.createElement('p');
    statusEl.id = 'live-status';
    statusEl.className = 'live-status';
    statusEl.setAttribute('role', 'status');
    statusEl.setAttribute('aria-live', 'polite');
    main.insertBefore(statusEl, main.firstChild);
  }

  var lastId = /^\d+$/.test(main.dataset.version || '') ? Number(main.dataset.version) : null;
  var source = null;
  var backoff = 1000;
  // eslint-disable-next-line no-unused-vars -- written, never cleared: left to the live-stream owner (#22)
  var reconnectTimer = null;
  var paused = false;
  var connected = false;
  var fetching = false;
  var again = false;
  var refreshTimer = null;
  var polling = false;
  // The server's Retry-After for a refused stream (src/domain/stream-admission.ts); tests shorten it.
  var STREAM_POLL_MS = window.STATUS_STREAM_POLL_MS || 30000;

  function say(text, state) {
    statusEl.textContent = text;
    // 'live' (no text of its own) marks a connected stream; tests wait on it instead of sleeping.
    if (state || connected) statusEl.dataset.state = state || 'live';
    else delete statusEl.dataset.state;
  }

  function bannerText(doc) {
    var h = doc.querySelector('#banner h1');
    return h ? h.textContent.trim() : '';
  }

  // Elements that stand for the same thing in the old and the new page: same tag and the same key, if any.
  function sameNode(a, b) {
    if (a.nodeType !== b.nodeType) return false;
    if (a.nodeType !== 1) return true;
    return a.tagName === b.tagName && a.id === b.id && a.getAttribute('data-component') === b.getAttribute('data-component') && a.getAttribute('data-group') === b.getAttribute('data-group');
  }

  function syncAttributes(from, to) {
    // A group the visitor opened or closed stays so.
    var keepOpen = from.tagName === 'DETAILS' && from.hasAttribute('data-group');
    Array.prototype.slice.call(from.attributes).forEach(function (a) {
      if (!to.hasAttribute(a.name) && !(keepOpen && a.name === 'open')) from.removeAttribute(a.name);
    });
    Array.prototype.slice.call(to.attributes).forEach(function (a) {
      if (keepOpen && a.name === 'open') return;
      if (from.getAttribute(a.name) !== a.value) from.setAttribute(a.name, a.value);
    });
  }

  // Patches `from` (in the page) to look like `to` (parsed), keeping every node that stands for the same thing, so
  // the element that has focus, and the reader's place, survive an update.
  function morph(from, to) {
    if (from === statusEl) return; // the live region keeps its own text and state
    syncAttributes(from, to);
    var a = from.firstChild;
    var b = to.firstChild;
    while (b) {
      var nextB = b.nextSibling;
      if (!a) {
        from.appendChild(document.importNode(b, true));
      } else {
        var nextA = a.nextSibling;
        if (!sameNode(a, b)) from.replaceChild(document.importNode(b, true), a);
        else if (a.nodeType === 1) morph(a, b);
        else if (a.nodeValue !== b.nodeValue) a.nodeValue = b.nodeValue;
        a = nextA;
      }
      b = nextB;
    }
    while (a) {
      var gone = a;
      a = a.nextSibling;
      if (gone === statusEl) continue;
      from.removeChild(gone);
    }
  }

  // Each component row's name and status label, to say what changed.
  function componentStates(root) {
    var out = {};
    root.querySelectorAll('[data-component][data-status]').forEach(function (row) {
      var name = row.querySelector('.component-name');
      var label = row.querySelector('.status-text');
      if (name && label) out[row.getAttribute('data-component')] = { name: name.textContent.trim(), label: label.textContent.trim() };
    });
    return out;
  }

  // "API: Major outage; Web app: Operational" (at most five, then how many more).
  function changesSaid(before, after) {
    var said = [];
    Object.keys(after).forEach(function (k) {
      if (!before[k] || before[k].label !== after[k].label) said.push(after[k].name + ': ' + after[k].label);
    });
    if (said.length > 5) said = said.slice(0, 5).concat(['and ' + (said.length - 5) + ' more']);
    return said.join('; ');
  }

  function swap(doc) {
    var regions = main.querySelectorAll('[data-live-region][id]');
    var changed = false;
    regions.forEach(function (el) {
      var next = doc.getElementById(el.id);
      if (!next || next.innerHTML === el.innerHTML) return;
      morph(el, next);
      if (window.localiseTimes) window.localiseTimes(el);
      changed = true;
    });
    return changed;
  }

  // While polling, the page's change version says whether anything moved (a swap would also see localised times).
  function unchanged(doc) {
    var m = doc.querySelector('main[data-live]');
    var v = m && /^\d+$/.test(m.dataset.version || '') ? Number(m.dataset.version) : null;
    if (v === null) return false;
    var same = lastId !== null && v <= lastId;
    lastId = Math.max(lastId || 0, v);
    return same;
  }

  function refresh() {
    if (fetching) { again = true; return; }
    fetching = true;
    var wasPolling = polling; // a poll's answer may arrive after the stream is back
    var before = bannerText(document);
    var rowsBefore = componentStates(main);
    fetch(location.href, { cache: 'no-cache', headers: { accept: 'text/html' } })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        if (wasPolling && unchanged(doc)) return;
        if (swap(doc)) {
          var after = bannerText(document);
          var rows = changesSaid(rowsBefore, componentStates(main));
          var parts = [];
          if (after && after !== before) parts.push(after);
          if (rows) parts.push(rows);
          say(parts.length ? 'Updated: ' + parts.join('. ') + '.' : 'This page was updated.');
        } else if (statusEl.dataset.state === 'paused' && !paused) {
          say('Live updates resumed.');
        }
      })
      .catch(function () {
        say('Live updates paused: could not load the latest status. Retrying…', 'paused');
        again = true;
      })
      .then(function () {
        fetching = false;
        if (again) { again = false; schedule(paused ? backoff : 250); }
      });
  }

  function schedule(delay) {
    if (refreshTimer) return;
    refreshTimer = setTimeout(function () { refreshTimer = null; refresh(); }, delay || 30);
  }

  // On a static mirror there is no stream: poll the exported summary.json instead and refresh when it moves.
  var POLL_MS = window.STATUS_MIRROR_POLL_MS || 60000; // tests shorten it
  var checkedMirror = false;
  function pollMirror(lastSummary) {
    setTimeout(function () {
      fetch('/api/v2/summary.json', { cache: 'no-cache' })
        .then(function (res) { if (!res.ok) throw new Error('HTTP ' + res.status); return res.text(); })
        .then(function (text) {
          if (text !== lastSummary) {
            schedule();
            window.statusMirror.check(true);
          }
          pollMirror(text);
        })
        .catch(function () { pollMirror(lastSummary); });
    }, POLL_MS);
  }
  function startMirrorMode() {
    say('Checking for updates every minute.');
    fetch('/api/v2/summary.json', { cache: 'no-cache' })
      .then(function (res) { return res.ok ? res.text() : null; })
      .catch(function () { return null; })
      .then(function (text) { pollMirror(text); });
  }

  // A refused stream: fetch the page every interval (jittered, so refused tabs do not come back together) and
  // try the stream again after each fetch.
  function pollInstead() {
    if (!polling) {
      polling = true;
      paused = false;
      say('Live updates are busy; checking for updates every few seconds instead.', 'polling');
    }
    reconnectTimer = setTimeout(function () { refresh(); connect(); }, STREAM_POLL_MS * (0.75 + Math.random() / 2));
  }

  function connect() {
    reconnectTimer = null;
    var url = '/api/stream' + (lastId !== null ? '?lastEventId=' + lastId : '');
    source = new EventSource(url);
    source.addEventListener('open', function () {
      backoff = 1000;
      connected = true;
      if (paused || polling) { paused = false; polling = false; say('Live updates resumed.'); }
      else if (!statusEl.dataset.state) statusEl.dataset.state = 'live';
    });
    source.addEventListener('hello', function (e) {
      var id = JSON.parse(e.data).id;
      // Nothing to replay. A lower id than ours means the database was restored: follow it and reload once.
      if (lastId !== null && id < lastId) schedule();
      lastId = id;
    });
    source.addEventListener('change', function (e) {
      var id = Number(e.lastEventId);
      if (lastId !== null && id <= lastId) return;
      lastId = id;
      schedule();
    });
    source.addEventListener('reset', function (e) {
      lastId = JSON.parse(e.data).id;
      schedule();
    });
    source.addEventListener('error', function () {
      // An HTTP error answer (a cap's 429/503) closes the EventSource for good; a lost connection leaves it
      // reconnecting. We reconnect ourselves (with backoff and our own last id) instead of the browser's fixed retry.
      var refused = !connected && source.readyState === EventSource.CLOSED;
      source.close();
      source = null;
      connected = false;
      if (!checkedMirror && window.statusMirror) {
        checkedMirror = true;
        window.statusMirror.check(true).then(function (m) {
          if (m) startMirrorMode();
          else if (refused) pollInstead();
          else reconnectTimer = setTimeout(connect, backoff);
        });
        return;
      }
      if (refused) return pollInstead();
      if (!paused) { paused = true; say('Live updates paused: reconnecting…', 'paused'); }
      reconnectTimer = setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 30000);
    });
  }

  window.addEventListener('pagehide', function () { if (source) source.close(); });
  connect();
})();
