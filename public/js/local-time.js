// Shows <time data-local> elements in the viewer's time zone; the UTC text stays in the title.
(function () {
  var dt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  var d = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
  function localise(root) {
    var nodes = (root || document).querySelectorAll('time[data-local]');
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      if (el.dataset.localised) continue;
      var when = new Date(el.getAttribute('datetime'));
      if (isNaN(when.getTime())) continue;
      el.textContent = el.dataset.local === 'date' ? d.format(when) : dt.format(when);
      el.dataset.localised = '1';
    }
  }
  window.localiseTimes = localise;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { localise(); });
  else localise();
})();
