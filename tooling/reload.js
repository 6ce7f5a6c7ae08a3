// Live reload for `invoke serve` only: the preview server adds this script to the pages it sends
// (tooling/devserver.py); the built site never contains it. It listens to the server's build events
// (same origin, so the site's CSP — script-src 'self', connect-src 'self' — allows it) and reloads
// the page once a build newer than the one the page came from is in place.
(() => {
  const built = document.currentScript.dataset.build;
  const events = new EventSource("/_dev/events");
  events.addEventListener("message", (event) => {
    if (event.data !== built) {
      events.close();
      location.reload();
    }
  });
})();
