// Fills each <datalist data-src="…"> with the names the server lists there (a JSON array of strings).
document.querySelectorAll("datalist[data-src]").forEach(async (list) => {
  const response = await fetch(list.dataset.src, { credentials: "same-origin" });
  if (!response.ok) {
    return;
  }
  const names = await response.json();
  list.replaceChildren(...names.map((name) => {
    const option = document.createElement("option");
    option.value = name;
    return option;
  }));
});
