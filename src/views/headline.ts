// The headline strip a leader reads first (src/site/headline.ts computes it): 预算 ·
// 执行率 · 得分/等级 · 未达成 N 项 · change against last year, each illustrative run
// of figures marked 示例数据 once, before it. The overview's cards, the unit page
// and the workspace's unit dashboard show the same strip.
import type { Headline } from "../site/headline.ts";
import { t, type Lang } from "../i18n/messages.ts";
import { el, type Element } from "./tree.ts";
import { money } from "./text.ts";

export function headlineStrip(h: Headline, lang: Lang): Element {
  return el("div", { class: "headline", role: "group", "aria-label": t(lang, "site.hlLabel") },
    h.runs.map((run) => el("div", { class: run.sample ? "hl-run hl-sample" : "hl-run", "data-sample": run.sample ? "" : null },
      run.sample ? el("p", { class: "hl-mark" }, el("span", { class: "badge sample" }, t(lang, "site.sample"))) : null,
      el("dl", {}, run.items.map((it) => el("div", { class: ["hl-item", `hl-${it.key}`, it.tone && `hl-${it.tone}`].filter(Boolean).join(" ") },
        el("dt", {}, it.label),
        el("dd", { class: "hl-value" }, money(it.value, lang)),
        it.detail ? el("dd", { class: "hl-detail" }, money(it.detail, lang)) : null))))));
}
