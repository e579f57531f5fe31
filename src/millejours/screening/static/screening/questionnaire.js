// Progressive enhancement of questionnaire forms: a question with a display condition
// (data-show-if-item / data-show-if-value) is hidden until the condition holds. Without
// JavaScript every question stays visible and the server ignores the hidden ones.
(function () {
  function update(form) {
    form.querySelectorAll("[data-show-if-item]").forEach(function (row) {
      var name = row.getAttribute("data-show-if-item");
      var wanted = row.getAttribute("data-show-if-value");
      var checked = form.querySelector('input[name="' + name + '"]:checked');
      row.hidden = !(checked && checked.value === wanted);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-questionnaire]").forEach(function (form) {
      update(form);
      form.addEventListener("change", function () { update(form); });
    });
  });
})();
