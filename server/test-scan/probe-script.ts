/**
 * The test page's one external script (the CSP allows no inline script): it times three
 * round trips to the server, takes the fastest, and reports it with whether the page is a
 * secure context (which decides if delegates' phones can keep documents offline).
 */
export const PROBE_JS = `(function () {
  var base = location.pathname.replace(/\\/+$/, '');
  var out = document.getElementById('probe');
  function ping() {
    var t0 = performance.now();
    return fetch(base + '/ping', { cache: 'no-store' }).then(function () { return performance.now() - t0; });
  }
  var best = Infinity;
  ping().then(function (a) { best = Math.min(best, a); return ping(); })
    .then(function (b) { best = Math.min(best, b); return ping(); })
    .then(function (c) {
      best = Math.min(best, c);
      var secure = !!window.isSecureContext;
      if (out) out.textContent = out.getAttribute('data-rtt').replace('{ms}', String(Math.round(best))) + ' · ' + out.getAttribute(secure ? 'data-secure' : 'data-insecure');
      return fetch(base + '/report', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rttMs: best, secure: secure }) });
    })
    .catch(function () {});
})();
`;
