// PakSoftSkills: small enhancements only; every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // "Show password" boxes.
  document.querySelectorAll("input[data-reveal]").forEach(function (box) {
    box.addEventListener("change", function () {
      var field = document.getElementById(box.getAttribute("data-reveal"));
      if (field) field.type = box.checked ? "text" : "password";
    });
  });
  // Districts: show only the chosen province's group.
  var province = document.getElementById("province");
  var district = document.getElementById("district");
  if (province && district) {
    var groups = Array.prototype.slice.call(district.querySelectorAll("optgroup"));
    var names = Array.prototype.map.call(province.options, function (o) { return o.text; });
    var filter = function () {
      var chosen = province.options[province.selectedIndex];
      groups.forEach(function (g) {
        var show = !chosen || !chosen.value || g.label === chosen.text;
        g.hidden = !show;
        g.disabled = !show;
      });
      var sel = district.options[district.selectedIndex];
      if (sel && sel.parentNode.disabled) district.value = "";
    };
    if (names.length) { province.addEventListener("change", filter); filter(); }
  }
  // Move focus to the error summary so screen readers announce it.
  var alert = document.querySelector(".alert[role=alert]");
  if (alert) alert.focus();
})();
// Lesson heartbeats: while the lesson is on screen, tell the server every 15 s. The server
// credits only time that really passed; this only keeps it informed.
(function () {
  "use strict";
  var lesson = document.querySelector("[data-heartbeat]");
  if (!lesson || !window.fetch) return;
  var url = lesson.getAttribute("data-heartbeat");
  var token = lesson.getAttribute("data-csrf");
  var beat = function () {
    if (document.visibilityState !== "visible") return;
    fetch(url, { method: "POST", headers: { "X-CSRF-Token": token }, credentials: "same-origin" }).catch(function () {});
  };
  setInterval(beat, 15000);
})();
// Offline lessons (see /sw.js). Signed out: forget them.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) return;
  var signedIn = !!document.querySelector("form[action='/sign-out']");
  navigator.serviceWorker.register("/sw.js").then(function (reg) {
    if (!signedIn && reg.active) reg.active.postMessage("signed-out");
  }).catch(function () {});
})();
