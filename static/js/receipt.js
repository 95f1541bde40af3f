// The receipt page: copy the receipt code, print the page. Without JavaScript the code is
// plain, selectable text and the browser's own print works; the buttons stay hidden.
document.addEventListener("DOMContentLoaded", () => {
  const status = document.getElementById("copy-status");
  document.querySelectorAll("[data-copy], [data-print]").forEach((button) => {
    if (button.hasAttribute("data-copy") && !navigator.clipboard) return;
    button.hidden = false;
  });
  document.addEventListener("click", (event) => {
    const copy = event.target.closest("[data-copy]");
    if (copy) {
      const text = document.getElementById(copy.dataset.copy).textContent.trim();
      navigator.clipboard.writeText(text).then(() => { status.textContent = copy.dataset.copied; });
    }
    if (event.target.closest("[data-print]")) window.print();
  });
});
