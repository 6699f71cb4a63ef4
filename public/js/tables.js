// Labels each table cell with its column header, so the stacked phone layout stays readable.
(function () {
  function label(root) {
    (root || document).querySelectorAll('main table').forEach(function (t) {
      var heads = t.querySelectorAll('thead th');
      if (!heads.length) return;
      t.querySelectorAll('tbody tr').forEach(function (tr) {
        for (var i = 0; i < tr.children.length && i < heads.length; i++) {
          var cell = tr.children[i];
          var text = heads[i].textContent.trim();
          if (cell.tagName === 'TD' && text && !cell.hasAttribute('data-label')) cell.setAttribute('data-label', text);
        }
      });
    });
  }
  window.labelTables = label;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { label(); });
  else label();
})();
