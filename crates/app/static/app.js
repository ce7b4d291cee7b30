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
  var video = lesson.querySelector("video[data-media]");
  // The player's position as last seen while playing (a seek changes currentTime before the
  // "seeking" event, so the position before the seek is kept here).
  var last = 0;
  var send = function (position) {
    var headers = { "X-CSRF-Token": token };
    var body = null;
    if (video && position !== null) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify({ media: video.getAttribute("data-media"), position: position });
    }
    return fetch(url, { method: "POST", headers: headers, body: body, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        // Completed by watching: show the page as the server now sees it.
        if (s && s.completed && !document.querySelector(".lesson-done")) location.reload();
      })
      .catch(function () {});
  };
  var beat = function () {
    if (document.visibilityState !== "visible") return;
    send(video && !video.paused ? video.currentTime : null);
  };
  setInterval(beat, 15000);
  if (video) {
    var start = parseFloat(video.getAttribute("data-start") || "0");
    if (start > 0) video.addEventListener("loadedmetadata", function () { video.currentTime = start; last = start; }, { once: true });
    video.addEventListener("timeupdate", function () { if (!video.seeking) last = video.currentTime; });
    video.addEventListener("seeking", function () { send(last); });
    video.addEventListener("pause", function () { send(video.currentTime); });
    video.addEventListener("ended", function () { send(video.duration || video.currentTime); });
  }
})();
// The final test: each answer is saved the moment it is given; the time left counts down (the
// server's clock decides; at zero the page reloads to show the result).
(function () {
  "use strict";
  var form = document.querySelector("form.final-test");
  if (!form || !window.fetch) return;
  // Now that answers save themselves, say so (the page without script says to press Save).
  var note = document.querySelector("[data-js-text]");
  if (note) note.textContent = note.getAttribute("data-js-text");
  var url = form.getAttribute("data-answer");
  var token = form.getAttribute("data-csrf");
  form.addEventListener("change", function (e) {
    var box = e.target.closest("fieldset[data-question]");
    if (!box) return;
    var options = [];
    if (box.getAttribute("data-kind") === "ordering") {
      box.querySelectorAll("select").forEach(function (s) { if (s.value) options.push(s.value); });
    } else {
      box.querySelectorAll("input:checked").forEach(function (i) { options.push(i.value); });
    }
    box.classList.add("saving");
    fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
      body: JSON.stringify({ question: box.getAttribute("data-question"), options: options }),
      credentials: "same-origin",
    }).then(function (r) {
      box.classList.remove("saving");
      box.classList.toggle("saved", r.ok);
      if (r.status === 410) location.reload();
    }).catch(function () { box.classList.remove("saving"); box.classList.remove("saved"); });
  });
  var timer = document.querySelector(".timer[data-seconds-left]");
  if (!timer) return;
  var end = Date.now() + parseInt(timer.getAttribute("data-seconds-left"), 10) * 1000;
  var template = timer.getAttribute("data-template");
  var one = timer.getAttribute("data-template-one");
  var tick = function () {
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    if (left === 0) { location.reload(); return; }
    var minutes = Math.ceil(left / 60);
    timer.textContent = minutes === 1 && one ? one : template.replace("%M%", String(minutes));
  };
  setInterval(tick, 15000);
})();
// Protector check: scan the certificate's QR code with the camera where the browser can read
// QR codes (BarcodeDetector); otherwise the officer pastes the text from a scanner.
(function () {
  "use strict";
  var button = document.querySelector("button.scan");
  var field = document.getElementById("qr");
  var video = document.querySelector("video.scanner");
  if (!button || !field || !video || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  button.hidden = false;
  var label = button.textContent;
  var stream = null;
  var stop = function () {
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null; video.hidden = true; button.textContent = label;
  };
  button.addEventListener("click", function () {
    if (stream) { stop(); return; }
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (s) {
      stream = s; video.srcObject = s; video.hidden = false; video.play();
      button.textContent = button.getAttribute("data-stop");
      var look = function () {
        if (!stream) return;
        detector.detect(video).then(function (codes) {
          if (codes.length) { field.value = codes[0].rawValue; stop(); field.form.submit(); }
          else setTimeout(look, 300);
        }).catch(function () { setTimeout(look, 500); });
      };
      look();
    }).catch(stop);
  });
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
// Type-ahead for long lists: typing in a search box tied to a list (data-filter) hides the
// entries that do not match, as the search without script does on the server.
(function () {
  "use strict";
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var select = document.getElementById(input.getAttribute("data-filter"));
    if (!select) return;
    var filter = function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      select.querySelectorAll("optgroup").forEach(function (group) {
        var shown = 0;
        group.querySelectorAll("option").forEach(function (o) {
          var text = o.textContent.toLowerCase();
          var ok = o.selected || words.every(function (w) { return text.indexOf(w) >= 0; });
          o.hidden = !ok;
          o.disabled = !ok;
          if (ok) shown++;
        });
        group.hidden = shown === 0;
      });
    };
    input.addEventListener("input", filter);
  });
})();
