/* Mailing-list sign-up forms (templates/partials/signup.html), enhanced.
   Without this file the form is a plain POST and the browser's own checks apply. With it,
   mistakes are said in the page's language (messages come from the form's data-msg-*
   attributes), in the form's live region, next to the field at fault; a filled-in honeypot
   means a bot, so nothing is sent. A valid form is then posted as usual: the list server
   lives on another host, and connect-src 'self' keeps scripts from talking to it. */
(function () {
  "use strict";

  function enhance(form) {
    var status = form.querySelector("[role=status]");
    var email = form.querySelector("input[type=email]");
    var honeypot = form.querySelector("[data-honeypot]");
    var boxes = form.querySelectorAll("input[type=checkbox]");

    var described = email.getAttribute("aria-describedby") || ""; // the consent text

    function markEmail(invalid) {
      // An invalid field is also described by the message, read before the consent text.
      if (invalid) {
        email.setAttribute("aria-invalid", "true");
        email.setAttribute("aria-describedby", (status.id + " " + described).trim());
      } else {
        email.removeAttribute("aria-invalid");
        email.setAttribute("aria-describedby", described);
      }
    }

    function say(message) {
      // Emptied first, so that the same message said twice is announced twice.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 50);
    }

    function problem() {
      email.value = email.value.trim();
      markEmail(!email.validity.valid);
      if (!email.validity.valid) return [email, form.dataset.msgEmail];
      if (boxes.length && !Array.prototype.some.call(boxes, function (box) { return box.checked; })) {
        return [boxes[0], form.dataset.msgLists];
      }
      return null;
    }

    form.noValidate = true; // our messages, in the page's language, replace the browser's bubbles
    email.addEventListener("input", function () { if (email.validity.valid) markEmail(false); });
    form.addEventListener("submit", function (event) {
      if (honeypot && honeypot.value) {
        event.preventDefault();
        return;
      }
      var found = problem();
      if (found) {
        event.preventDefault();
        say(found[1]);
        found[0].focus();
        return;
      }
      say(form.dataset.msgSending);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-signup]"), enhance);
})();
