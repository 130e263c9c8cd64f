// Each <select data-unit-picker> gets a filter box above it: typing keeps the units whose name contains the text, or
// whose pinyin initials start with it when lib/pinyin-pro is loaded ("rj" → 瑞金市), and selects the first match.
// Without this script the select still works: a plain list in pinyin order.
(() => {
  const initialsOf = (name) =>
    window.pinyinPro ? window.pinyinPro.pinyin(name, { pattern: "first", toneType: "none", type: "array" }).join("").toLowerCase() : "";

  const enhance = (select) => {
    if (select.dataset.unitPickerReady) {
      return;
    }
    select.dataset.unitPickerReady = "1";
    const options = [...select.options].filter((option) => option.value !== "");
    const initials = new Map(options.map((option) => [option, initialsOf(option.text)]));
    const box = document.createElement("input");
    box.type = "search";
    box.className = "unit-filter";
    box.placeholder = window.pinyinPro ? "输入名称或拼音首字母筛选" : "输入名称筛选";
    // Not named after the select ("所属单位"): a label search for the select must find the select alone.
    box.setAttribute("aria-label", "筛选列表（名称或拼音首字母）");
    box.autocomplete = "off";
    // Box and select in one wrapper: in a two-column form they stay together in the field's column.
    const wrapper = document.createElement("span");
    wrapper.className = "unit-picker";
    select.before(wrapper);
    wrapper.append(box, select);

    box.addEventListener("input", () => {
      const text = box.value.trim().toLowerCase();
      let first = null;
      for (const option of options) {
        const match = text === "" || option.text.toLowerCase().includes(text) || initials.get(option).startsWith(text);
        option.hidden = !match;
        if (match && first === null) {
          first = option;
        }
      }
      for (const group of select.querySelectorAll("optgroup")) {
        group.hidden = [...group.children].every((option) => option.hidden);
      }
      if (text !== "" && first !== null && ((select.selectedOptions[0]?.hidden ?? true) || select.value === "")) {
        first.selected = true;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
      box.classList.toggle("no-match", text !== "" && first === null);
      box.title = text !== "" && first === null ? "没有符合的单位" : "";
    });
    // Enter in the box picks the selection; it does not send the form half-filled.
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        select.focus();
      }
    });
  };

  const enhanceAll = () => document.querySelectorAll("select[data-unit-picker]").forEach(enhance);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
