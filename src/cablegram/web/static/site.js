// Small vanilla modules: copy a citation, brush the date histogram into a date filter,
// show a correspondent's lines in the network drawing.

function copyButtons() {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    button.addEventListener("click", async () => {
      const source = document.getElementById(button.dataset.copy);
      const status = button.parentElement.querySelector(".copied");
      try {
        await navigator.clipboard.writeText(source.textContent.trim());
        if (status) status.textContent = "Copied.";
      } catch {
        // No clipboard (an insecure origin): select the text for the reader to copy.
        const range = document.createRange();
        range.selectNodeContents(source);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        if (status) status.textContent = "Selected: press Ctrl+C to copy.";
      }
    });
  }
}

function brushHistogram() {
  const box = document.querySelector(".histogram");
  if (!box) return;
  const svg = box.querySelector("svg");
  const bars = [...svg.querySelectorAll("g.bar")];
  if (!bars.length) return;
  let start = null;
  const yearAt = (event) => {
    const rect = svg.getBoundingClientRect();
    const x = (event.clientX - rect.left) / rect.width;
    const i = Math.min(bars.length - 1, Math.max(0, Math.floor(x * bars.length)));
    return Number(bars[i].dataset.year);
  };
  const paint = (a, b) => {
    for (const bar of bars) {
      const y = Number(bar.dataset.year);
      bar.classList.toggle("brushed", y >= Math.min(a, b) && y <= Math.max(a, b));
    }
  };
  svg.addEventListener("pointerdown", (e) => { start = yearAt(e); paint(start, start);
    svg.setPointerCapture(e.pointerId); });
  svg.addEventListener("pointermove", (e) => { if (start !== null) paint(start, yearAt(e)); });
  svg.addEventListener("pointerup", (e) => {
    if (start === null) return;
    const end = yearAt(e);
    const [a, b] = [Math.min(start, end), Math.max(start, end)];
    start = null;
    const q = box.dataset.q.replace(/\s*date:\S+/g, "");
    const clause = a === b ? `date:${a}` : `date:${a}..${b}`;
    const params = new URLSearchParams({ q: `${q} ${clause}`.trim() });
    window.location.href = `/search?${params}`;
  });
}

function highlightNetwork() {
  const figure = document.querySelector("[data-network]");
  if (!figure) return;
  const lines = [...figure.querySelectorAll("line")];
  const show = (name) => {
    figure.classList.toggle("focused", name !== null);
    for (const line of lines) {
      line.classList.toggle("on", line.dataset.from === name || line.dataset.to === name);
    }
  };
  for (const node of figure.querySelectorAll("a[data-node]")) {
    for (const kind of ["pointerenter", "focus"]) {
      node.addEventListener(kind, () => show(node.dataset.node));
    }
    for (const kind of ["pointerleave", "blur"]) node.addEventListener(kind, () => show(null));
  }
}

copyButtons();
brushHistogram();
highlightNetwork();
