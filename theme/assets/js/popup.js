/* Subscription popup (plugins/newsletter, README.md there documents all of this).
   Opens by itself only after the reader has scrolled a share of the article AND spent some
   time on the page, never while they use a form (a field focused or holding text, a signup
   form on screen, typing in the last 10 s), at most once per session (page views in any tab
   less than 30 minutes apart), never within the dismissal or submission snooze and never for
   a subscriber; opens at once on request. Settings: data-* attributes of the <dialog>.
   State, in localStorage: tp.subscribed (written by subscribe.js), tp.submitted,
   tp.popupDismissed, tp.popupShown, tp.lastSeen (ms since the epoch).
   Events: popup:shown, popup:dismissed and popup:submitted, bubbling from the <dialog>. */
(function () {
  var d = document, dlg = d.getElementById("subscribe-popup");
  if (!dlg || !dlg.showModal) return;
  var data = dlg.dataset, now = Date.now(), typed = 0, down, how,
    touch = matchMedia("(pointer:coarse)").matches;

  function get(k) {
    try { return localStorage.getItem("tp." + k); } catch (e) {}
  }
  function put(k, v) {
    try { localStorage.setItem("tp." + k, v); } catch (e) {}
  }
  function ago(k, days) {
    return Date.now() - get(k) < days * 864e5;
  }
  function on(el, type, f) {
    el.addEventListener(type, f);
  }
  function fire(name, x) {
    dlg.dispatchEvent(new CustomEvent("popup:" + name, { bubbles: true, detail: x }));
  }

  // sessionStorage belongs to one tab: a session is page views in any tab under 30 minutes
  // apart, and a new one forgets that the popup was shown.
  if (!(now - get("lastSeen") < 18e5)) put("popupShown", "");
  put("lastSeen", now);
  // Without storage (privacy settings) the popup could not remember a dismissal, so it never
  // opens by itself.
  function welcome() {
    return get("lastSeen") && !get("popupShown") && !get("subscribed") &&
      !ago("popupDismissed", data.dismissDays) && !ago("submitted", data.snoozeDays);
  }
  // The reader is using a form: a field has focus or holds text, they typed in the last 10 s,
  // or a signup form is on screen.
  function busy() {
    return Date.now() - typed < 1e4 ||
      [].some.call(d.querySelectorAll("input,textarea,form[data-newsletter-form]"), function (el) {
        var r = el.getBoundingClientRect();
        return !dlg.contains(el) && (el == d.activeElement ||
          (el.form === undefined ? r.bottom > 0 && r.top < innerHeight : el.value != el.defaultValue));
      });
  }

  function open(why) {
    var to = dlg.querySelector(touch ? "h2" : "input[type=email]");
    // Only a request finds it open (a banner that opened by itself): take the reader to the form.
    if (dlg.open) return to.focus();
    // On a touch screen an opening of its own is always the banner, which leaves focus alone.
    var was = d.activeElement, auto = why != "request",
      banner = touch && auto || (touch ? Math.min(innerWidth, innerHeight) : innerWidth) < data.narrowWidth;
    how = "";
    banner ? dlg.show() : dlg.showModal();
    // Opening focuses the dialog; a banner that opens by itself leaves focus where it was, and
    // a touch screen gets the heading, never a field that would raise the keyboard.
    if (banner && auto) {
      d.activeElement.blur();
      was.focus({ preventScroll: true });
    } else to.focus();
    put("popupShown", now);  // a flag for this session: the time is not read
    fire("shown", { trigger: why, banner: banner });
  }
  function close(x) {
    how = x;
    dlg.close();
  }

  on(dlg, "close", function () {
    if (how == "submit") return;
    put("popupDismissed", Date.now());
    fire("dismissed", { how: how });
  });
  // The dialog has no padding of its own, so the dialog itself is the backdrop. Only a press
  // and a release both on it close: not a drag that started by selecting text in a field.
  on(dlg, "pointerdown", function (e) { down = e.target == dlg; });
  on(dlg, "pointerup", function (e) { down && e.target == dlg && close("backdrop"); });
  on(dlg, "click", function (e) {
    if (e.target.closest("[data-popup-close]")) close("button");
  });
  on(d, "input", function () { typed = Date.now(); });
  // Esc is handled here rather than by the dialog's cancel event so that the banner closes on
  // it too; Tab, which would leave a modal dialog for the browser's toolbar, cycles inside.
  on(d, "keydown", function (e) {
    if (!dlg.open) return;
    if (e.key == "Escape") { e.preventDefault(); close("escape"); }
    if (e.key != "Tab" || !dlg.matches(":modal")) return;
    var s = [].filter.call(dlg.querySelectorAll("a[href],button,input,select,textarea"),
      function (el) { return el.tabIndex >= 0 && el.getClientRects().length; });
    var last = s.length - 1;
    if (d.activeElement == s[e.shiftKey ? 0 : last]) {
      e.preventDefault();
      s[e.shiftKey ? last : 0].focus();
    }
  });
  on(dlg, "newsletter:submitted", function () {
    how = "submit";
    fire("submitted");
  });
  on(d, "click", function (e) {
    // A modified click (new tab or window) follows the link as usual.
    if (e.target.closest('[data-subscribe],a[href$="#subscribe"]') && !(e.ctrlKey || e.metaKey || e.shiftKey)) {
      e.preventDefault();
      open("request");
    }
  });
  if (location.hash == "#subscribe") open("request");

  if (!welcome()) return;
  var body = d.querySelector(".post-body") || d.body, timeUp, read;
  function check() {
    var r = body.getBoundingClientRect();
    read = read || innerHeight - r.top >= r.height * data.scrollShare;
    // Once it has been shown, welcome() keeps it shut.
    if (timeUp && read && welcome() && !busy()) open("engagement");
  }
  on(window, "scroll", check);
  setTimeout(function () { timeUp = 1; check(); }, data.delaySeconds * 1e3);
  // Exit intent: the pointer leaves through the top of the window (towards tabs and address bar).
  if (data.exitIntent == "true") on(d, "mouseout", function (e) {
    if (!e.relatedTarget && e.clientY < 1) { read = 1; check(); }
  });
})();
