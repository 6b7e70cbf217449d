// The review screen: words selected in the text fill "Words in the text" of the form for a missed fact.
// Without this script the reviewer types or pastes them; the form works the same.
document.addEventListener("selectionchange", () => {
  const selection = document.getSelection();
  const body = document.querySelector(".radar-body");
  const quote = document.querySelector(".radar-add input[name=quote]");
  if (!selection || !body || !quote || selection.isCollapsed) return;
  if (!body.contains(selection.anchorNode) || !body.contains(selection.focusNode)) return;
  const words = selection.toString().replace(/\s+/g, " ").trim();
  if (!words) return;
  quote.value = words;
  quote.closest("details").open = true;
});

// After htmx swapped the review region, keyboard focus returns to the fact just decided (or to the form
// for a missed fact), not to the top of the page.
let decided = null;
document.addEventListener("htmx:beforeRequest", (event) => {
  const item = event.detail.elt.closest(".fact-item, .radar-add");
  decided = item && item.id ? item.id : null;
});
document.addEventListener("htmx:afterSettle", () => {
  const item = decided && document.getElementById(decided);
  decided = null;
  if (!item) return;
  const target = item.matches("details") ? item.querySelector("summary") : item;
  target.focus({ preventScroll: false });
});
