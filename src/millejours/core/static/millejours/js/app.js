// Mille Jours: small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Confirmation for dangerous actions: <button data-confirm="Texte">
  document.body.addEventListener("click", (event) => {
    const target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.dataset.confirm)) {
      event.preventDefault();
    }
  });
  // A switch that applies itself: <input type="checkbox" data-autosubmit>
  document.body.addEventListener("change", (event) => {
    if (event.target.matches("[data-autosubmit]") && event.target.form) {
      event.target.form.submit();
    }
  });
  // An invalid form: move the focus to its error summary (core/_form.html) so that a
  // screen reader announces it and a keyboard user starts from the list of errors.
  // Without a summary, a refusal message after a redirect (e.g. the worklist's bulk
  // action bar) gets the focus in the same way.
  const refusal = document.querySelector(".messages .alert-error");
  if (refusal) refusal.setAttribute("tabindex", "-1");
  const summary = document.querySelector("[data-error-summary]") || refusal;
  if (summary) {
    summary.focus();
    summary.scrollIntoView({ block: "start" });
  }
});
// Content swapped in by htmx (an inline form answered with its errors): same rule.
document.addEventListener("htmx:load", (event) => {
  const root = event.detail.elt;
  if (!(root instanceof Element)) return;
  const summary = root.matches("[data-error-summary]") ? root : root.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
