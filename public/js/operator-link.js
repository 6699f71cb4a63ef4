// Reveals the "manage in the admin" link on a public page for a signed-in operator. The page itself is the same
// cached HTML for everyone (the link ships hidden); only this browser's own hint cookie decides, and it grants nothing.
(function () {
  if (!/(?:^|;\s*)sp_operator=1(?:;|$)/.test(document.cookie)) return;
  document.querySelectorAll('[data-operator-link]').forEach(function (el) {
    el.hidden = false;
  });
})();
