// Starts the app; kept out of index.html so the Content-Security-Policy needs no inline script.
import init from '../pkg/access-sim-web.js';

init().catch((e) => {
  document.getElementById('app').textContent = 'The simulator could not start: ' + e;
});
