// Admin conveniences; every form works without this file.
(function () {
  // Confirm destructive actions.
  document.addEventListener('submit', function (e) {
    var f = e.target;
    if (f && f.dataset && f.dataset.confirm && !window.confirm(f.dataset.confirm)) e.preventDefault();
  });
})();
