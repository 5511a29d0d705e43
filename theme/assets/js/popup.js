/* Subscription popup (plugins/subscribe_popup; README.md there documents all of this).
   Opens by itself only after the reader has scrolled a share of the article AND spent some
   time on the page, at most once per session, never within the dismissal period and never
   after a signup; opens at once on request. Settings: data-* attributes of the <dialog>.
   State: localStorage tp.subscribed (written by subscribe.js) and tp.popupDismissed (ms
   since epoch), sessionStorage tp.popupShown. Events: popup:shown, popup:dismissed and
   popup:submitted, bubbling from the <dialog>. */
(function () {
  var dialog = document.getElementById("subscribe-popup");
  if (!dialog || !dialog.showModal) return;
  var data = dialog.dataset, how;

  // Storage may be blocked (privacy settings): without it the popup could not remember a
  // dismissal, so it never opens by itself.
  function welcome() {
    try {
      return localStorage.getItem("tp.subscribed") != "1" &&
        !sessionStorage.getItem("tp.popupShown") &&
        !(Date.now() - localStorage.getItem("tp.popupDismissed") < data.dismissDays * 864e5);
    } catch (e) { return false; }
  }
  function put(store, key, value) {
    try { window[store].setItem(key, value); } catch (e) {}
  }
  function fire(name, detail) {
    dialog.dispatchEvent(new CustomEvent("popup:" + name, { bubbles: true, detail: detail }));
  }

  function open(trigger) {
    var email = dialog.querySelector("input[type=email]");
    // Only a request finds it open (a banner that opened by itself): take the reader to the form.
    if (dialog.open) return email.focus();
    var before = document.activeElement, banner = innerWidth < data.narrowWidth;
    how = "";
    banner ? dialog.show() : dialog.showModal();
    // Opening focuses the dialog's first field; a banner that opens by itself must not take
    // the reader's focus (nor bring up a phone's keyboard).
    if (banner && trigger != "request") {
      document.activeElement.blur();
      before.focus({ preventScroll: true });
    } else email.focus();
    put("sessionStorage", "tp.popupShown", "1");
    fire("shown", { trigger: trigger, banner: banner });
  }
  function close(reason) {
    how = reason;
    dialog.close();
  }

  dialog.addEventListener("close", function () {
    if (how == "submit") return;
    put("localStorage", "tp.popupDismissed", String(Date.now()));
    fire("dismissed", { how: how });
  });
  // The dialog has no padding of its own, so a click on it is a click on the backdrop.
  dialog.addEventListener("click", function (e) {
    if (e.target == dialog) close("backdrop");
    else if (e.target.closest("[data-popup-close]")) close("button");
  });
  // Esc is handled here rather than by the dialog's cancel event so that the banner closes on
  // it too; Tab, which would leave a modal dialog for the browser's toolbar, cycles inside.
  document.addEventListener("keydown", function (e) {
    if (!dialog.open) return;
    if (e.key == "Escape") { e.preventDefault(); close("escape"); }
    if (e.key != "Tab" || !dialog.matches(":modal")) return;
    var stops = [].filter.call(dialog.querySelectorAll("a[href],button,input,select,textarea"),
      function (el) { return el.tabIndex >= 0 && el.getClientRects().length; });
    var last = stops.length - 1;
    if (document.activeElement == stops[e.shiftKey ? 0 : last]) {
      e.preventDefault();
      stops[e.shiftKey ? last : 0].focus();
    }
  });
  dialog.addEventListener("newsletter:submitted", function () {
    how = "submit";
    fire("submitted");
  });
  document.addEventListener("click", function (e) {
    var link = e.target.closest('[data-subscribe],a[href$="#subscribe"]');
    // A modified click (new tab or window) follows the link as usual.
    if (link && !(e.ctrlKey || e.metaKey || e.shiftKey)) {
      e.preventDefault();
      open("request");
    }
  });
  if (location.hash == "#subscribe") open("request");

  if (!welcome()) return;
  var body = document.querySelector(".post-body") || document.body, timeUp, read;
  function check() {
    var box = body.getBoundingClientRect();
    read = read || innerHeight - box.top >= box.height * data.scrollShare;
    if (timeUp && read && welcome()) {
      removeEventListener("scroll", check);
      open("engagement");
    }
  }
  addEventListener("scroll", check, { passive: true });
  setTimeout(function () { timeUp = 1; check(); }, data.delaySeconds * 1000);
  // Exit intent: the pointer leaves through the top of the window (towards tabs and address bar).
  if (data.exitIntent == "true") document.addEventListener("mouseout", function (e) {
    if (!e.relatedTarget && e.clientY < 1) { read = 1; check(); }
  });
})();
