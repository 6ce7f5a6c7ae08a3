// Live reload for `invoke serve` only: the preview server adds this script to the pages it sends
// (tooling/devserver.py); the built site never contains it. It listens to the server's build events
// (same origin, so the site's CSP — script-src 'self', connect-src 'self' — allows it), reloads the
// page once a build newer than the one the page came from is in place, and shows why a build stopped:
// in the page's language and direction, each message linked to what to do about it.
(() => {
  const built = document.currentScript.dataset.build;
  const events = new EventSource("/_dev/events");

  events.addEventListener("message", (event) => {
    if (event.data !== built) {
      events.close();
      location.reload();
    }
  });

  function panel() {
    let box = document.getElementById("dev-build-problem");
    if (!box) {
      box = document.createElement("div");
      box.id = "dev-build-problem";
      box.setAttribute("role", "alert");
      // CSSOM properties, not a style attribute: the CSP (style-src 'self') allows these.
      Object.assign(box.style, {
        position: "fixed", insetInline: "0", bottom: "0", zIndex: "1000", margin: "0",
        maxHeight: "50vh", overflow: "auto", padding: "1rem", whiteSpace: "pre-wrap",
        background: "#fff3f3", color: "#6b0000", borderTop: "4px solid #b00020", font: "14px/1.5 monospace",
      });
      document.body.append(box);
    }
    return box;
  }

  events.addEventListener("problem", (event) => {
    const report = JSON.parse(event.data);
    const lang = report[document.documentElement.lang] ? document.documentElement.lang : Object.keys(report)[0];
    const words = report[lang];
    const box = panel();
    box.lang = lang;
    box.dir = words.dir;
    const intro = document.createElement("p");
    intro.textContent = words.intro;
    const list = document.createElement("ul");
    for (const problem of words.problems) {
      const item = document.createElement("li");
      const text = document.createElement("span");
      text.textContent = problem.text;
      item.append(text);
      if (problem.link) {
        const link = document.createElement("a");
        link.href = problem.link;
        link.target = "_blank";
        link.textContent = words.explain;
        Object.assign(link.style, { marginInlineStart: "0.75em", color: "#0b57d0" });
        item.append(" ", link);
      }
      list.append(item);
    }
    box.replaceChildren(intro, list);
  });
})();
