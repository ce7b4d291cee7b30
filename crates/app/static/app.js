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
