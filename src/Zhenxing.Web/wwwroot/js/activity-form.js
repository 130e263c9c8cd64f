// The pairing activity form shows the fieldsets of the chosen kind only (without this script, all are shown).
document.querySelectorAll(".activity-fields").forEach((box) => {
  const kind = box.querySelector("#Activity_Kind");
  const show = () => box.querySelectorAll("fieldset[data-for]").forEach((fieldset) => {
    fieldset.hidden = kind.value !== "" && !fieldset.dataset.for.split(" ").includes(kind.value);
  });
  kind.addEventListener("change", show);
  show();
});
