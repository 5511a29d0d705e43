/* Newsletter forms (plugins/newsletter; README.md there documents this). The forms work
   without it. It sends each signup once: while a form is being sent its button is disabled
   and a second submit is ignored. It records the time of a submission (tp.submitted), which
   only snoozes the popup: a signup is not confirmed until the reader clicks the link in the
   provider's email. Confirmation, or a visit from a link in a feed or a newsletter email,
   arrives as the #subscriber fragment, which sets tp.subscribed = "1" for good and is taken
   off the address at once, so a copied link does not carry it. The fragment never reaches
   the server.
   Event: newsletter:submitted, bubbling from the form, detail {form, placement}.
   Settings: data-* attributes of form[data-newsletter-form]. */
(function () {
  function put(key, value) {
    // Storage may be blocked (privacy settings); the signup itself still goes through.
    try { localStorage.setItem("tp." + key, value); } catch (e) {}
  }
  if (location.hash == "#subscriber") {
    put("subscribed", "1");
    history.replaceState(history.state, "", location.pathname + location.search);
  }
  function ready(form) {
    form.sending = false;
    form.querySelector("[type=submit]").disabled = false;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.matches("form[data-newsletter-form]")) return;
    if (form.sending) return event.preventDefault();
    form.sending = true;
    // The entry list is built after this event, from the fields: the button sends nothing.
    form.querySelector("[type=submit]").disabled = true;
    // A provider that answers without a new page (or a stalled network) leaves the reader
    // here: after 15 s the form can be sent again.
    setTimeout(ready, 15e3, form);
    put("submitted", Date.now());
    var status = form.querySelector("[data-newsletter-status]");
    if (status) status.textContent = form.getAttribute("data-newsletter-sending") || "";
    form.dispatchEvent(new CustomEvent("newsletter:submitted", {
      bubbles: true,
      detail: { form: form.getAttribute("data-newsletter-form"), placement: form.getAttribute("data-newsletter-placement") }
    }));
  });
  // Back from the provider's page, the browser may restore this page as it was left.
  addEventListener("pageshow", function (event) {
    if (event.persisted) [].forEach.call(document.querySelectorAll("form[data-newsletter-form]"), ready);
  });
})();
