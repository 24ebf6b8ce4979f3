// Progressive enhancement only: the form works without this script.
// 1. Offer only the ages and languages the chosen talk and region have.
// 2. Show the slides without reloading the page (the logo stays chosen).
(function () {
  "use strict";
  var form = document.getElementById("deck-form");
  if (!form) { return; }
  var talk = form.elements.talk, region = form.elements.region;
  var age = form.elements.age, lang = form.elements.lang;

  function allowed(select, list) {
    var first = null;
    Array.prototype.forEach.call(select.options, function (opt) {
      var ok = list.indexOf(opt.value) !== -1;
      opt.disabled = !ok;
      opt.hidden = !ok;
      if (ok && first === null) { first = opt; }
    });
    if (select.selectedOptions[0] && select.selectedOptions[0].disabled && first) { first.selected = true; }
  }
  function sync() {
    var t = talk.selectedOptions[0], r = region.selectedOptions[0];
    if (!t || !r) { return; }
    allowed(age, t.dataset.ages.split(","));
    var talkLangs = t.dataset.langs.split(","), regionLangs = r.dataset.langs.split(",");
    var both = talkLangs.filter(function (x) { return regionLangs.indexOf(x) !== -1; });
    allowed(lang, both.length ? both : talkLangs);
  }
  talk.addEventListener("change", sync);
  region.addEventListener("change", sync);
  sync();

  var status = document.getElementById("status"), preview = document.getElementById("preview");
  form.addEventListener("submit", function (event) {
    var by = event.submitter;
    if (!by || by.value !== "preview" || !window.fetch || !window.FormData) { return; }
    event.preventDefault();
    var data = new FormData(form);
    data.set("format", "preview");
    status.textContent = form.dataset.loading;
    by.disabled = true;
    fetch(form.dataset.preview, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        preview.innerHTML = html;
        status.textContent = "";
        var target = preview.querySelector("#slides-heading, #error");
        if (target) { target.focus(); }
      })
      .catch(function () { form.submit(); })
      .finally(function () { by.disabled = false; });
  });
}());
