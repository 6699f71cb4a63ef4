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
        .then(function (r) { return r.ok ? r.text() : ''; })
        .then(function (html) {
          out.innerHTML = html;
          out.hidden = !area.value.trim();
        })
        .catch(function () {});
    }
    area.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(render, 300);
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
