// Adds the "manage in the admin" link on a public page for a signed-in operator. The page itself is the same
// cached HTML for everyone (a hidden placeholder naming the admin path, so the static mirror carries no link to the
// admin); only this browser's own hint cookie decides, and it grants nothing.
(function () {
  if (!/(?:^|;\s*)sp_operator=1(?:;|$)/.test(document.cookie)) return;
  document.querySelectorAll('[data-operator-link]').forEach(function (el) {
    var path = el.getAttribute('data-operator-link');
    if (!/^\/admin\/[\w/-]+$/.test(path)) return;
    var a = document.createElement('a');
    a.href = path;
    a.textContent = 'Manage in the admin';
    el.append(' · ', a);
    el.hidden = false;
  });
})();
