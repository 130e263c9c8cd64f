// The trip form's item list narrows to the items whose title holds the searched words; ticked items stay shown.
(() => {
  const search = document.getElementById("item-search");
  if (!search) return;
  search.addEventListener("input", () => document.querySelectorAll("#item-picker label").forEach((label) => {
    const words = search.value.trim();
    label.hidden = words !== "" && !label.dataset.title.includes(words) && !label.querySelector("input").checked;
  }));
})();
