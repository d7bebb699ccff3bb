// Starts the NHS.UK frontend's components: the header menu, skip link and
// the rest.
import { initAll } from '/assets/nhsuk/nhsuk-frontend.min.js';
initAll();
