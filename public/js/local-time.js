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
  // Without this script times stay UTC and the footer says so; with it, it names the viewer's zone.
  function noteZone() {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    document.querySelectorAll('[data-tz-note]').forEach(function (el) {
      el.textContent = 'Times are shown in your time zone' + (zone ? ' (' + zone + ')' : '') + '; hover for UTC.';
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', noteZone);
  else noteZone();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { localise(); });
  else localise();
})();
