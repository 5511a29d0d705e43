/* Newsletter forms (plugins/newsletter; README.md there documents this). The forms work
   without it; it only remembers a signup so that the popup never asks again, and announces
   the submission. A submit event fires only once the browser's own validation has passed.
   State: localStorage tp.subscribed = "1", also set by the thank-you page (?subscribed=1).
   Event: newsletter:submitted, bubbling from the form, detail {form, placement}.
   Settings: data-* attributes of form[data-newsletter-form]. */
(function () {
  function remember() {
    // Storage may be blocked (privacy settings); the signup itself still goes through.
    try { localStorage.setItem("tp.subscribed", "1"); } catch (e) {}
  }
  if (/[?&]subscribed=1(&|$)/.test(location.search)) remember();

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.matches("form[data-newsletter-form]")) return;
    remember();
    var status = form.querySelector("[data-newsletter-status]");
    if (status) status.textContent = form.getAttribute("data-newsletter-sending") || "";
    form.dispatchEvent(new CustomEvent("newsletter:submitted", {
      bubbles: true,
      detail: { form: form.getAttribute("data-newsletter-form"), placement: form.getAttribute("data-newsletter-placement") }
    }));
  });
})();
