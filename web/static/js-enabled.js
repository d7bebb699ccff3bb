// Marks the page as having JavaScript, and a browser new enough for the
// NHS.UK frontend, before anything is drawn. It runs as the body's first
// child, so the body exists.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' nhsuk-frontend-supported' : '');
