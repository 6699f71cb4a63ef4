// "Use template" without a reload: the template sets impact, status, its components' statuses and the notify choice;
// the title and message are filled only where nothing is typed yet, so nothing typed is lost. Without JavaScript the
// picker is a GET form and the page reloads with the template's values.
(function () {
  var picker = document.querySelector('[data-template-picker]');
  var data = document.getElementById('template-data');
  var form = document.querySelector('form[method="post"][data-once]');
  if (!picker || !data || !form) return;
  var templates = JSON.parse(data.textContent || '{}');
  var status = picker.querySelector('[data-template-status]');

  function set(el, value) {
    if (el.type === 'checkbox') el.checked = value === 'on';
    else el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    var fold = el.closest('details');
    if (fold) fold.open = true;
  }

  picker.addEventListener('submit', function (e) {
    var select = picker.querySelector('select[name="template"]');
    var t = templates[select.value];
    if (!t) return;
    e.preventDefault();
    var kept = [];
    Object.keys(t).forEach(function (name) {
      var el = form.querySelector('input[type="checkbox"][name="' + name + '"]') || form.querySelector('[name="' + name + '"]:not([type="hidden"])');
      if (!el) return;
      var typed = (el.tagName === 'TEXTAREA' || el.type === 'text') && el.value.trim() !== '' && el.value !== t[name];
      if (typed) kept.push(el.labels && el.labels[0] ? el.labels[0].textContent.trim() : name);
      else set(el, t[name]);
    });
    var chosen = select.options[select.selectedIndex].textContent;
    status.textContent = 'Template “' + chosen + '” applied.' + (kept.length ? ' Kept what you typed in: ' + kept.join(', ') + '.' : '');
  });
})();
