// Offers places as someone types in the place search, with the
// accessible-autocomplete component that GOV.UK and NHS services use. It
// asks /places for the names that begin with what has been typed, and picking
// one searches for it at once. Without JavaScript, or if this fails to load,
// the plain form works as it is.
(function () {
  'use strict';
  if (typeof window.accessibleAutocomplete !== 'function' || typeof window.fetch !== 'function') {
    return;
  }

  function escapeHTML(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function source(query, populate) {
    fetch('/places?q=' + encodeURIComponent(query), { headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (places) { populate(Array.isArray(places) ? places : []); })
      .catch(function () { populate([]); });
  }

  document.querySelectorAll('form.app-place-search:not([data-suggest])').forEach(function (form) {
    var input = form.querySelector('input[name="q"]');
    if (!input || !input.id) {
      return;
    }
    form.setAttribute('data-suggest', 'on');
    var describedBy = input.getAttribute('aria-describedby') || '';
    var container = document.createElement('div');
    container.className = 'app-place-search__suggest';
    input.parentNode.insertBefore(container, input);
    input.parentNode.removeChild(input);

    window.accessibleAutocomplete({
      element: container,
      id: input.id,
      name: 'q',
      defaultValue: input.value,
      minLength: 2,
      autoselect: false,
      confirmOnBlur: false,
      showNoOptionsFound: false,
      displayMenu: 'overlay',
      inputClasses: 'nhsuk-input',
      hintClasses: 'nhsuk-input',
      menuAttributes: { 'aria-label': 'Places' },
      source: source,
      templates: {
        inputValue: function (place) { return place ? place.name : ''; },
        suggestion: function (place) {
          if (typeof place === 'string') {
            return escapeHTML(place);
          }
          var where = place.area ? ' <span class="app-place-search__where">' + escapeHTML(place.area) + '</span>' : '';
          return escapeHTML(place.name) + where;
        }
      },
      onConfirm: function (place) {
        if (!place || form.getAttribute('data-suggest') === 'sent') {
          return; // nothing picked, or the search is already on its way
        }
        form.setAttribute('data-suggest', 'sent');
        var field = form.querySelector('input[name="q"]');
        field.value = place.name;
        form.submit();
      }
    });

    // Enter in the field searches for what was typed, as it does without
    // JavaScript: the component would swallow it while its menu is open, so
    // it does not hear it, and the form sends itself as usual. Enter on a
    // suggestion picks it (onConfirm above).
    form.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && event.target && event.target.id === input.id) {
        event.stopPropagation();
      }
    }, true);

    // Keep the hint (and any error) the plain field was described by, beside
    // the component's own instructions.
    var made = document.getElementById(input.id);
    if (made && describedBy) {
      var own = made.getAttribute('aria-describedby');
      made.setAttribute('aria-describedby', own ? describedBy + ' ' + own : describedBy);
    }
    if (made) {
      made.setAttribute('spellcheck', 'false');
    }
  });
})();
