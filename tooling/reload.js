// Live reload for `invoke serve` only: the preview server adds this script to the pages it sends
// (tooling/devserver.py); the built site never contains it. It listens to the server's build events
// (same origin, so the site's CSP — script-src 'self', connect-src 'self' — allows it), reloads the
// page once a build newer than the one the page came from is in place, and shows why a build stopped.
(() => {
  const built = document.currentScript.dataset.build;
  const events = new EventSource("/_dev/events");

  events.addEventListener("message", (event) => {
    if (event.data !== built) {
      events.close();
      location.reload();
    }
  });

  events.addEventListener("problem", (event) => {
    let box = document.getElementById("dev-build-problem");
    if (!box) {
      box = document.createElement("pre");
      box.id = "dev-build-problem";
      box.setAttribute("role", "alert");
      box.dir = "ltr"; // the build's messages are in English, also on Arabic pages
      // CSSOM properties, not a style attribute: the CSP (style-src 'self') allows these.
      Object.assign(box.style, {
        position: "fixed", insetInline: "0", bottom: "0", zIndex: "1000", margin: "0",
        maxHeight: "50vh", overflow: "auto", padding: "1rem", whiteSpace: "pre-wrap",
        background: "#fff3f3", color: "#6b0000", borderTop: "4px solid #b00020", font: "14px/1.5 monospace",
      });
      document.body.append(box);
    }
    box.textContent = "This page is the last good build. The new one stopped:\n\n" + JSON.parse(event.data);
  });
})();
