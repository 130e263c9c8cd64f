// A form, or the button that submits it, marked data-confirm="…" asks that question first and is not sent when the
// answer is no. (The pages carry no inline script or onclick: the Content-Security-Policy would refuse them.)
document.addEventListener("submit", (event) => {
  const question = event.submitter?.dataset.confirm ?? event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
