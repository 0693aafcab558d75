// Progress on the declared indicators: the 运行监控 (mid-year) and 绩效自评
// (year-end) forms and their 一体化-style column exports → Actual and
// ExecutionLine rows; matching them to the declared indicators; scoring each
// unit (or project) and period with src/core/scoring.ts. Pure and DOM-free.
// See docs/data-format.md (“Progress”) and docs/scoring.md. One file per part:
export * from "./progress/words.ts"; // periods, likelihoods, deviation kinds, grade tiers
export * from "./decimal.ts"; // exact decimals and 1-N月 headers
export * from "./progress/rows.ts"; // canonical rows ⇄ Actual / ExecutionLine, JSON
export * from "./progress/form.ts"; // the unit-level 自评/监控 column layout
export * from "./progress/link.ts"; // matching to the declared indicators, 未填报
export * from "./progress/report.ts"; // scoring per unit (or project) and period
