// The dashboards' fonts, made known before the dashboards need them. The first
// use of a font at a size and weight (a "strike") costs a renderer a few
// milliseconds on Linux desktops — Chromium asks fontconfig through the browser
// process — and the dashboards use about twenty strikes: their first frame spent
// ~100 ms of its layout there (measured on the build machine, Chromium 156). Once
// the page is idle (before a file is dropped, or while the engine reads one), a
// line in each of them is laid out off screen, hidden and out of the
// accessibility tree, and removed in the same task, before any frame: nothing is
// painted, and the fonts are then known. Chart text is scaled with its SVG
// (viewBox 640 or 340 wide, drawn at the figure's width), so the line is drawn
// in a figure of the same width.

/** Characters of each script the dashboards show: CJK, digits and signs, Latin. */
const SAMPLE = "预算绩效指标（上传数据）：0123456789,.%-/≥≤ ABC abc";

/** The dashboards' text styles (src/explore/ui.ts, resultsView.ts, site.css), one line of each. */
function markup(s: string): string {
  const svg = (width: number) =>
    `<svg viewBox="0 0 ${width} 60" width="100%" font-family="inherit" font-size="13">${[11, 12, 13, 14]
      .flatMap((size) => [400, 600].map((weight) => `<text x="0" y="20" font-size="${size}" font-weight="${weight}">${s}</text>`)).join("")}</svg>`;
  return `<h3 class="x-unit-title">${s}</h3><h4>${s}</h4><h5>${s}</h5>
    <p class="lede">${s}<span class="badge upload">${s}</span><strong>${s}</strong></p><p class="where">${s}</p>
    <ul class="figures"><li><span class="label">${s}</span><span class="big">${s}</span><span class="exact">${s}</span></li></ul>
    <figure class="chart"><div class="wide">${svg(640)}</div><div class="compact">${svg(340)}</div><figcaption>${s}</figcaption></figure>
    <div class="table-wrap"><table class="stack"><caption>${s}</caption><thead><tr><th>${s}</th><th class="num">${s}</th></tr></thead>
      <tbody><tr><td>${s}<strong>${s}</strong></td><td class="num">${s}</td><td class="where">${s}</td><td><button type="button" class="link">${s}</button></td></tr></tbody></table></div>
    <ul class="findings"><li><span class="badge error">${s}</span> ${s}</li></ul><details open><summary>${s}</summary></details>
    <div class="x-sql"><div class="x-schema"><ul><li><details open><summary><code>${s}</code></summary><ul class="x-cols"><li><code>${s}</code></li></ul></details></li></ul></div>
      <div class="x-editor"><textarea>${s}</textarea></div></div>`;
}

/** Lays out the dashboards' text styles once inside `host` (where the dashboards are drawn), then removes them. */
export function warmFonts(host: HTMLElement): void {
  const box = document.createElement("div");
  box.setAttribute("aria-hidden", "true");
  box.inert = true;
  box.style.cssText = `position:absolute;left:-10000px;top:0;width:${host.getBoundingClientRect().width}px;visibility:hidden;contain:layout paint`;
  box.innerHTML = markup(SAMPLE); // constant markup, nothing from a file
  host.append(box);
  void box.offsetHeight; // layout: the text is shaped, each strike's font made
  box.remove();
}

/** warmFonts once the page is idle. */
export function warmFontsWhenIdle(host: HTMLElement): void {
  const run = () => {
    if (host.isConnected) warmFonts(host);
  };
  if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 200);
}
