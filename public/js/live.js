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

  // Keeps the operator-visible state of <details> groups across a swap.
  function openGroups(root) {
    var out = {};
    root.querySelectorAll('details[data-group]').forEach(function (d) { out[d.dataset.group] = d.open; });
    return out;
  }

  function swap(doc) {
    var regions = main.querySelectorAll('[data-live-region][id]');
    var changed = false;
    regions.forEach(function (el) {
      var next = doc.getElementById(el.id);
      if (!next || next.innerHTML === el.innerHTML) return;
      var groups = openGroups(el);
      var keepStatus = el.contains(statusEl);
      var fresh = document.importNode(next, true);
      if (keepStatus) {
        // The aria-live element must survive the swap, or screen readers miss the announcement.
        var placeholder = fresh.querySelector('#live-status');
        if (placeholder) placeholder.replaceWith(statusEl);
      }
      fresh.querySelectorAll('details[data-group]').forEach(function (d) {
        if (d.dataset.group in groups) d.open = groups[d.dataset.group];
      });
      el.replaceWith(fresh);
      if (window.localiseTimes) window.localiseTimes(fresh);
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
          say(after && after !== before ? 'Updated: ' + after : 'This page was updated.');
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
