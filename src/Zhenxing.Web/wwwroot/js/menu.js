// The main menu. Without this script the whole menu is simply shown (at phone width as a vertical list) and 更多 is a
// plain <details>. With it, below 1100 px (where the bar would wrap to two rows) the menu folds behind the 菜单 button; Esc or a click elsewhere closes the
// menu and an open 更多 group, and focus returns to the control that opened it.
(() => {
  const toggle = document.querySelector(".menu-toggle");
  const menu = document.getElementById("menu");
  if (!toggle || !menu) {
    return;
  }
  const more = menu.querySelector("details.more");
  const phone = window.matchMedia("(max-width: 1099.98px)");

  const setOpen = (open) => {
    toggle.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("open", open);
    // On a phone the opened menu lists every link, those of 更多 included.
    if (more && phone.matches) {
      more.open = open;
    }
  };

  document.documentElement.classList.add("menu-js");
  toggle.hidden = false;
  setOpen(false);
  toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
  phone.addEventListener("change", () => {
    setOpen(false);
    if (more) {
      more.open = false;
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") {
      return;
    }
    if (phone.matches && menu.classList.contains("open")) {
      setOpen(false);
      toggle.focus();
    } else if (more?.open) {
      more.open = false;
      more.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", (event) => {
    if (more?.open && !phone.matches && !more.contains(event.target)) {
      more.open = false;
    }
  });
})();
