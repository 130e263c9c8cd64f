// 打印 buttons (data-print): print the page; the print stylesheet in site.css leaves out the menu, filters and buttons.
document.querySelectorAll("[data-print]").forEach((button) => button.addEventListener("click", () => window.print()));
