// <jx-explore>: the explore page's one custom element. It wires the markup of
// src/components/explore/*.astro to a Session (src/explore/session.ts) and renders
// what the DOM-free modules compute. Every text from a file goes in as text.
import { Session, type EngineState, type Failure, type PendingMapping, type TaskView, type UploadView } from "./session.ts";
import { h, clear, svgNode, download, svgToPng } from "./dom.ts";
import { loadOverview, loadUnit, SHOW_ROWS, type UnitDashboard, type Overview } from "./dashboard.ts";
import { CHOOSABLE, tableOf, type SavedMapping } from "./mapping.ts";
import { whereText, type MappingRequest } from "./importer.ts";
import { BOM, csvChunk, jsonRows, safeFileName, sheetName, standaloneSvg, svgSize, xlsxSheetData, XLSX_MAX_ROWS, type SheetSpec } from "./exports.ts";
import { EXAMPLES, limitedSql, sqlErrorText, TABLES, storedAs } from "./sql.ts";
import { plainMatrix } from "../query/arrow.ts";
import { SYNONYMS, type TableName } from "../core/canonical.ts";
import { indicatorTree, parsedText, shareText, sourceText, wanText, yuanText } from "../site/view.ts";
import { t as messages } from "../site/i18n.ts";
import type { ChartResult } from "../charts/types.ts";
import type { Value } from "../query/engine.ts";
import type { UnitRow } from "../query/queries.ts";
import ImportWorker from "../workers/import.ts?worker";

const CONSOLE_ROWS = 1000;
const XLSX_LIMIT = 200_000;
const { kinds: KIND_LABEL, severity: SEVERITY_LABEL } = messages("zh");
const TABLE_LABEL: Record<string, string> = { units: "单位", budget: "预算", tasks: "重点任务", indicators: "绩效指标", findings: "数据质量检查", actuals: "指标完成情况（监控/自评）", execution: "预算执行（监控/自评）" };
const mb = (n: number) => `${(n / 1e6).toFixed(n < 1e6 ? 2 : 1)} MB`;
const colLabel = (c: string) => {
  const zh = SYNONYMS[c]?.find((s) => /[\u4e00-\u9fff]/.test(s));
  return zh ? `${zh}（${c}）` : c;
};

class ExploreElement extends HTMLElement {
  private session!: Session;
  private $ = <T extends Element = HTMLElement>(name: string) => this.querySelector(`[data-x="${name}"]`) as T;
  private selected: string | null = null;
  private overview: Overview | null = null;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private pickedAt = 0;

  connectedCallback() {
    const base = this.dataset.base ?? "/";
    const timeout = Number((window as unknown as { __JIXIAO_ENGINE_TIMEOUT_MS?: number }).__JIXIAO_ENGINE_TIMEOUT_MS) || undefined;
    this.session = new Session({ wasmGzUrl: `${base}duckdb/${this.dataset.wasm}`, createWorker: () => new ImportWorker(), engineTimeoutMs: timeout });
    this.session.on("engine", (s) => this.renderEngine(s));
    this.session.on("task", (t) => this.renderTask(t));
    this.session.on("uploads", (u) => this.renderUploads(u));
    this.session.on("failures", (f) => this.renderFailures(f));
    this.session.on("mappings", (m) => this.renderMappings(m));
    this.session.on("data", (d) => {
      if (d.first && (!this.selected || d.reason === "loaded")) this.selected = `${d.first.unitId}|${d.first.year}`;
      void this.refresh();
      // How many loaded files are safely in this browser's storage (tests wait for it before a reload).
      void this.session.saved().then(() => (this.dataset.saved = String(this.session.uploads.length)));
    });
    this.wireIntake();
    this.wireConsole();
    this.renderEngine(this.session.engineState);
    this.dataset.state = "idle";
    void this.session.restore().then((n) => {
      if (!n) this.dataset.state = "empty";
    });
  }

  // ---- Intake ----

  private wireIntake() {
    const input = this.$<HTMLInputElement>("file");
    const drop = this.$("drop");
    const take = (files: FileList | null) => {
      if (!files?.length) return;
      this.pickedAt = performance.now();
      performance.mark("jixiao:files-picked");
      this.dataset.state = "loading";
      void this.session.addFiles(Array.from(files));
    };
    input.addEventListener("change", () => {
      take(input.files);
      input.value = "";
    });
    drop.addEventListener("dragover", (e) => {
      e.preventDefault();
      drop.classList.add("over");
    });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      take(e.dataTransfer?.files ?? null);
    });
    this.$("cancel").addEventListener("click", () => this.session.cancel());
    this.$("clear").addEventListener("click", async () => {
      if (!confirm("清除本页载入的全部文件、表格和已保存的表头对应关系？此操作不可撤销。")) return;
      this.selected = null;
      await this.session.clear();
    });
  }

  private renderEngine(s: EngineState) {
    const el = this.$("engine");
    this.dataset.engine = s.state;
    const bar = this.$<HTMLProgressElement>("engine-bar");
    bar.hidden = s.state !== "loading";
    if (s.state === "idle") clear(el, "数据探索引擎：未启动。载入文件时自动启动（约 7.7 MB，首次下载后保存在本浏览器中）。");
    else if (s.state === "ready") clear(el, `数据探索引擎已就绪（DuckDB ${s.version ?? ""}，在本机浏览器中运行）。`);
    else if (s.state === "failed") {
      clear(el, h("strong", {}, "数据探索引擎无法启动："), `${s.message ?? "原因不明"}。`,
        "已发布的", h("a", { href: this.dataset.base ?? "/" }, "概览和单位页面"), "不受影响，仍可正常查看；请换用较新的 Chrome、Edge 或 Firefox 再试。");
      el.setAttribute("role", "alert");
    } else {
      const p = s.progress;
      if (p?.phase === "download" && p.total) {
        bar.max = p.total;
        bar.value = p.loaded ?? 0;
        clear(el, p.fromCache ? "正在从本浏览器缓存载入数据探索引擎…" : `正在下载数据探索引擎：${mb(p.loaded ?? 0)} / ${mb(p.total)}`);
      } else {
        bar.removeAttribute("value");
        clear(el, p?.phase === "decompress" ? "正在解压数据探索引擎…" : p?.phase === "start" ? "正在启动数据探索引擎…" : "正在准备数据探索引擎…");
      }
    }
  }

  private renderTask(t: TaskView | null) {
    const box = this.$("progress");
    box.hidden = !t;
    this.dataset.busy = t ? "true" : "false";
    if (!t) {
      if (this.dataset.state === "loading") this.dataset.state = this.session.uploads.length ? "shown" : "empty";
      return;
    }
    const bar = this.$<HTMLProgressElement>("bar");
    if (t.fraction === null) bar.removeAttribute("value");
    else {
      bar.max = 1;
      bar.value = t.fraction;
    }
    clear(this.$("task-label"), t.label);
    this.$<HTMLButtonElement>("cancel").disabled = !t.cancellable;
  }

  private renderFailures(list: Failure[]) {
    const el = this.$("failures");
    clear(el, list.length ? h("h3", {}, `未能载入（${list.length}）`) : null,
      list.length ? h("ul", { class: "findings" }, list.map((f) => h("li", { "data-failure": "" },
        h("span", { class: "badge error" }, "错误"), " ", f.message,
        f.location?.row ? h("span", { class: "where" }, ` · ${whereText(f.location)}`) : null,
        h("span", { class: "where" }, ` · ${f.at}；此前载入的数据不受影响`)))) : null);
  }

  private renderUploads(list: UploadView[]) {
    const el = this.$("uploads");
    this.$<HTMLButtonElement>("clear").hidden = !list.length;
    if (!list.length) return clear(el);
    clear(el, h("div", { class: "table-wrap" }, h("table", { class: "stack" },
      h("caption", {}, `已载入的文件（${list.length}）：只保存在本浏览器中，“清除全部数据”可全部删除`),
      h("thead", {}, h("tr", {}, ["来源文件", "载入时间", "大小", "读入行数", "检查结果", ""].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, list.map((u) => h("tr", { "data-upload": u.id },
        h("td", { "data-label": "来源文件" }, h("strong", {}, u.name), u.parts.length > 1 ? h("span", { class: "where" }, `（${u.parts.length} 个工作表）`) : null,
          u.route === "bulk" ? h("span", { class: "where" }, "（大文件：DuckDB 直接读取）") : null, u.restored ? h("span", { class: "where" }, "（已从本浏览器恢复）") : null),
        h("td", { "data-label": "载入时间" }, u.loadedAt),
        h("td", { "data-label": "大小", class: "num" }, mb(u.bytes)),
        h("td", { "data-label": "读入行数", class: "num" }, u.rows.toLocaleString("zh-CN")),
        h("td", { "data-label": "检查结果" }, `错误 ${u.counts.error}，警告 ${u.counts.warning}，提示 ${u.counts.info}`,
          u.problems.length ? h("details", {}, h("summary", {}, "查看问题（含行列位置）"), h("ul", { class: "findings" }, u.problems.map((p) =>
            h("li", {}, h("span", { class: `badge ${p.severity}` }, SEVERITY_LABEL[p.severity]), " ", p.message, h("span", { class: "where" }, ` · ${whereText(p)}`))))) : null),
        h("td", {}, h("button", { type: "button", class: "link", onclick: () => void this.session.remove(u.id) }, "移除")),
      ))))));
  }

  private renderMappings(list: PendingMapping[]) {
    const el = this.$("mappings");
    clear(el, list.map((m) => this.mappingCard(m)));
  }

  private mappingCard(m: PendingMapping): HTMLElement {
    const selects: HTMLSelectElement[][] = [];
    const status = h("p", { class: "where", role: "status" });
    const sections = m.requests.map((r: MappingRequest, ri) => {
      selects[ri] = [];
      return h("div", { class: "table-wrap" }, h("table", {},
        h("caption", {}, `${r.part}：表头对应关系`),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "文件中的表头"), h("th", { scope: "col" }, "对应的规范列"), h("th", { scope: "col" }, "依据"))),
        h("tbody", {}, r.headers.map((header, i) => {
          const s = r.suggestions[i];
          const select = h("select", { "aria-label": `“${header}”对应的列`, "data-header": header },
            h("option", { value: "" }, "（忽略此列）"), CHOOSABLE.map((c) => h("option", { value: c, selected: c === s.column }, colLabel(c))));
          selects[ri].push(select);
          return h("tr", {}, h("td", {}, header || "（空）"), h("td", {}, select),
            h("td", { class: "where" }, s.confidence === "exact" ? "已知的同义表头" : s.confidence === "guess" ? "按表头名称推测，请核对" : "无对应，默认忽略"));
        }))));
    });
    const confirm = () => {
      const choices: SavedMapping[] = [];
      for (const [ri, r] of m.requests.entries()) {
        const columns = Object.fromEntries(r.headers.map((hd, i) => [hd, selects[ri][i].value]));
        const table = tableOf(r.headers.map((hd) => columns[hd]));
        if (!table) {
          clear(status, `${r.part}：按所选的列无法判断是哪张表（指标表至少需要“一级指标”和“三级指标”或“指标值”，以及“单位名称”或“单位编码”和“年度”）。`);
          return;
        }
        choices.push({ signature: r.signature, table, columns, savedAt: new Date().toISOString() });
      }
      void this.session.answerMapping(m.key, choices);
    };
    return h("section", { class: "x-mapping", "aria-label": `${m.name} 表头对应` },
      h("h3", {}, `${m.name}：有表头未能识别，请确认对应关系`),
      h("p", {}, "建议依据表头同义词表给出。确认后按此读取，并保存在本浏览器中，下次遇到相同表头时直接使用。"),
      sections, status,
      h("p", {}, h("button", { type: "button", onclick: confirm }, "确认并读取"), " ", h("button", { type: "button", class: "link", onclick: () => this.session.dismissMapping(m.key) }, "跳过此文件")));
  }

  // ---- Dashboards ----

  private async refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      this.dataset.state = "refreshing";
      do {
        this.refreshAgain = false;
        await this.renderDashboards().catch((e) => this.dashboardError(e));
      } while (this.refreshAgain);
    })();
    await this.refreshing;
    this.refreshing = null;
  }

  private dashboardError(e: unknown) {
    clear(this.$("unit"), h("p", { role: "alert" }, `看板无法显示：${(e as Error).message ?? e}`));
  }

  private async renderDashboards() {
    const engine = this.session.engine;
    const workspace = this.$("workspace");
    if (!engine) return;
    performance.mark("jixiao:step 看板：概览查询");
    const overview = await loadOverview(engine);
    this.overview = overview;
    workspace.hidden = overview.totals.units === 0 && overview.totals.findings === 0;
    if (workspace.hidden) {
      this.dataset.state = this.session.uploads.length ? "shown" : "empty";
      return;
    }
    const key = (u: { unit_id: string; fiscal_year: number }) => `${u.unit_id}|${u.fiscal_year}`;
    if (!this.selected || !overview.units.some((u) => key(u) === this.selected)) this.selected = overview.units[0] ? key(overview.units[0]) : null;
    performance.mark("jixiao:step 看板：概览表");
    this.renderOverview(overview, key);
    const unit = overview.units.find((u) => key(u) === this.selected);
    performance.mark("jixiao:step 看板：单位查询");
    const dashboard = unit ? await loadUnit(engine, unit) : null;
    performance.mark("jixiao:step 看板：单位图表与表格");
    if (dashboard) this.renderUnit(dashboard);
    else clear(this.$("unit"));
    if (this.pickedAt) {
      performance.mark("jixiao:dashboard");
      performance.measure("jixiao:drop-to-dashboard", "jixiao:files-picked", "jixiao:dashboard");
    }
    // The console's table list and the exports come after the dashboards are on screen.
    await this.renderSchema();
    this.renderExports();
    this.dataset.state = "shown";
  }

  private renderOverview(o: Overview, key: (u: { unit_id: string; fiscal_year: number }) => string) {
    const select = this.$<HTMLSelectElement>("unit-select");
    const MAX_OPTIONS = 2000;
    const options = o.units.length > MAX_OPTIONS ? [...o.units.slice(0, MAX_OPTIONS), ...o.units.filter((u) => key(u) === this.selected)] : o.units;
    clear(select, options.map((u) => h("option", { value: key(u), selected: key(u) === this.selected }, `${u.unit_name} · ${u.fiscal_year} 年度`)));
    select.onchange = () => {
      this.selected = select.value;
      void this.refresh();
    };
    const shown = o.units.slice(0, SHOW_ROWS);
    // Keyed once: a million-row upload has thousands of unit years.
    const figures = new Map(o.figures.map((f) => [key(f), f]));
    const named = new Map<string, number>();
    for (const l of o.level1) named.set(key(l), (named.get(key(l)) ?? 0) + l.named);
    const findings = new Map(o.findings.map((f) => [`${key(f)}|${f.severity}`, f.n]));
    clear(this.$("overview"),
      h("p", { class: "lede" }, `共 ${o.totals.units} 个单位年度、${o.totals.indicators.toLocaleString("zh-CN")} 条指标、${o.totals.budget} 条预算、${o.totals.findings.toLocaleString("zh-CN")} 条检查结果。数据均为本页载入的文件（上传数据），不是已发布的申报数据。`),
      h("div", { class: "table-wrap" }, h("table", { class: "stack", "data-table": "overview" },
        h("caption", {}, `各单位年度对比${o.units.length > SHOW_ROWS ? `（显示前 ${SHOW_ROWS} 个，完整列表见 SQL 查询）` : ""}`),
        h("thead", {}, h("tr", {}, ["单位", "年度", "预算总额", "基本支出占比", "三级指标", "错误 / 警告", "来源文件", ""].map((c, i) => h("th", { scope: "col", class: i === 2 || i === 3 || i === 4 ? "num" : null }, c)))),
        h("tbody", {}, shown.map((u) => {
          const f = figures.get(key(u));
          const count = (sev: string) => findings.get(`${key(u)}|${sev}`) ?? 0;
          return h("tr", {},
            h("td", { "data-label": "单位" }, u.unit_name, u.data_source === "sample" ? h("span", { class: "badge sample" }, "示例数据") : h("span", { class: "badge upload" }, "上传数据")),
            h("td", { "data-label": "年度" }, String(u.fiscal_year)),
            h("td", { "data-label": "预算总额", class: "num" }, wanText(f?.total ?? null)),
            h("td", { "data-label": "基本支出占比", class: "num" }, shareText(f?.basic ?? null, f?.total ?? null)),
            h("td", { "data-label": "三级指标", class: "num" }, (named.get(key(u)) ?? 0).toLocaleString("zh-CN")),
            h("td", { "data-label": "错误 / 警告" }, `${count("error")} / ${count("warning")}`),
            h("td", { "data-label": "来源文件", class: "where" }, sourceText(u.source_file, null)),
            h("td", {}, h("button", { type: "button", class: "link", onclick: () => { this.selected = key(u); void this.refresh(); } }, "查看")));
        })))));
  }

  private chartFigure(name: string, wide: ChartResult | null, compact: ChartResult | null, source: string): HTMLElement | null {
    if (!wide) return null;
    const exportSvg = () => download(new Blob([standaloneSvg(wide.svg)], { type: "image/svg+xml" }), safeFileName(name, "svg"));
    const exportPng = async () => {
      const svg = standaloneSvg(wide.svg);
      const { width, height } = svgSize(svg);
      download(await svgToPng(svg, width, height), safeFileName(name, "png"));
    };
    const t = wide.table;
    return h("figure", { class: "chart", "data-chart": name },
      h("div", { class: compact ? "wide" : "wide only" }, svgNode(wide.svg)),
      compact ? h("div", { class: "compact" }, svgNode(compact.svg)) : null,
      h("figcaption", {}, wide.summary, " ", h("span", { class: "where" }, `数据来源：${source}`)),
      h("p", { class: "x-actions" }, "下载图表：", h("button", { type: "button", class: "link", onclick: exportSvg }, "SVG"), " ", h("button", { type: "button", class: "link", onclick: () => void exportPng() }, "PNG"),
        " · 图表数据：", h("button", { type: "button", class: "link", onclick: () => void this.saveRows(name, t.head, t.rows, "csv") }, "CSV"), " ",
        h("button", { type: "button", class: "link", onclick: () => void this.saveRows(name, t.head, t.rows, "xlsx") }, "XLSX")),
      h("details", { class: "data" }, h("summary", {}, "查看图表数据（表格）"), h("div", { class: "table-wrap" }, h("table", {},
        h("caption", {}, t.caption),
        h("thead", {}, h("tr", {}, t.head.map((c, i) => h("th", { scope: "col", class: t.numeric[i] ? "num" : null }, c)))),
        h("tbody", {}, t.rows.map((r) => h("tr", {}, r.map((c, i) => h("td", { class: t.numeric[i] ? "num" : null }, c)))))))));
  }

  private renderUnit(d: UnitDashboard) {
    const u = d.unit;
    const sample = u.data_source === "sample";
    const total = d.budget.find((b) => b.kind === "total");
    const basic = d.budget.find((b) => b.kind === "structure" && b.item === "基本支出");
    const project = d.budget.find((b) => b.kind === "structure" && b.item === "项目支出");
    const named = d.indicators.filter((i) => i.name).length;
    const upload = this.session.uploads.find((x) => x.parts.includes(u.source_file ?? "") || x.name === u.source_file);
    const fig = (label: string, big: string, exact: string) => h("li", {}, h("span", { class: "label" }, label), h("span", { class: "big" }, big), h("span", { class: "exact" }, exact));
    const tree = indicatorTree(d.indicators);
    clear(this.$("unit"),
      h("h3", { class: "x-unit-title" }, `${u.unit_name} · ${u.fiscal_year} 年度`),
      h("p", { class: "lede" }, sample ? h("span", { class: "badge sample" }, "示例数据") : h("span", { class: "badge upload" }, "上传数据"),
        ` 来源：${sourceText(u.source_file, null)}${upload ? ` · 载入于 ${upload.loadedAt}` : ""}`, u.funding_method ? ` · 财政资金拨款方式：${u.funding_method}` : ""),
      h("ul", { class: "figures", "aria-label": "关键数字" },
        fig("预算总额", wanText(total?.amount ?? null), yuanText(total?.amount ?? null)),
        fig(`基本支出（占 ${shareText(basic?.amount ?? null, total?.amount ?? null)}）`, wanText(basic?.amount ?? null), yuanText(basic?.amount ?? null)),
        fig(`项目支出（占 ${shareText(project?.amount ?? null, total?.amount ?? null)}）`, wanText(project?.amount ?? null), yuanText(project?.amount ?? null)),
        fig("绩效指标", `${d.indicatorCount.toLocaleString("zh-CN")} 条`, d.indicatorCount > d.indicators.length ? `下方列出前 ${d.indicators.length} 条` : `其中三级指标 ${named} 项`)),
      h("h4", {}, "预算结构"),
      d.budget.length ? [
        this.chartFigure(`${u.unit_name}-${u.fiscal_year}-预算结构`, d.budgetChart, d.budgetChartCompact, sourceText(u.source_file, null)),
        h("div", { class: "table-wrap" }, h("table", { class: "stack", "data-table": "budget" },
          h("caption", {}, "预算明细（金额精确到分）"),
          h("thead", {}, h("tr", {}, ["类别", "项目（按文件原文）", "金额（元）", "占总额", "来源"].map((c, i) => h("th", { scope: "col", class: i === 2 || i === 3 ? "num" : null }, c)))),
          h("tbody", {}, d.budget.map((b) => h("tr", {},
            h("td", { "data-label": "类别" }, b.kind === "total" ? "总额" : b.kind === "source" ? "资金来源" : "资金结构"),
            h("td", { "data-label": "项目" }, b.item),
            h("td", { class: "num", "data-label": "金额（元）" }, yuanText(b.amount)),
            h("td", { class: "num", "data-label": "占总额" }, shareText(b.amount, total?.amount ?? null)),
            h("td", { class: "where", "data-label": "来源" }, sourceText(b.source_file, b.source_row))))))),
        h("ul", { "aria-label": "预算核对" }, d.checks.map((c) => h("li", {}, h("span", { class: c.state === "ok" ? "ok" : "mismatch" }, c.state === "ok" ? "✓ 相符" : c.state === "mismatch" ? "✗ 不符" : "— 未核对"), " ", c.text))),
      ] : h("p", {}, "载入的文件中没有这个单位年度的预算。"),
      h("h4", {}, "绩效指标"),
      this.chartFigure(`${u.unit_name}-${u.fiscal_year}-绩效指标`, d.indicatorChart, d.indicatorChartCompact, sourceText(u.source_file, null)),
      d.indicatorCount > d.indicators.length ? h("p", { class: "lede" }, `共 ${d.indicatorCount.toLocaleString("zh-CN")} 条，下面按顺序列出前 ${d.indicators.length} 条；全部指标可在 SQL 查询中查看或导出。`) : null,
      tree.map((l1) => h("section", { "aria-label": l1.level1 ?? "" },
        h("h5", {}, `${l1.level1 ?? "（无一级指标）"}（${l1.groups.reduce((s, g) => s + g.rows.length, 0)} 条）`),
        l1.groups.every((g) => g.rows.every((r) => r.name === null))
          ? h("div", { class: "table-wrap" }, h("table", { class: "stack ind", "data-table": "indicators" },
              h("caption", {}, `${l1.level1 ?? ""}：各项均无三级指标和指标值（按文件原样保留）`),
              h("thead", {}, h("tr", {}, ["二级指标", "说明", "来源"].map((c) => h("th", { scope: "col" }, c)))),
              h("tbody", {}, l1.groups.flatMap((g) => g.rows).map((r) => h("tr", { "data-indicator": r.indicator_id },
                h("td", { "data-label": "二级指标" }, r.level2 ?? "—"),
                h("td", { "data-label": "说明" }, r.note ?? "—"),
                h("td", { class: "where", "data-label": "来源" }, sourceText(r.source_file, r.source_row)))))))
          : l1.groups.map((g) => h("div", { class: "table-wrap" }, h("table", { class: "stack ind", "data-table": "indicators" },
              h("caption", {}, `${l1.level1 ?? ""} › ${g.level2 ?? ""}（${g.rows.length} 条）`),
              h("thead", {}, h("tr", {}, ["三级指标", "指标值（原文）", "类型", "解读", "来源"].map((c) => h("th", { scope: "col" }, c)))),
              h("tbody", {}, g.rows.map((r) => h("tr", { "data-indicator": r.indicator_id },
                h("td", { "data-label": "三级指标" }, r.name ?? h("span", { class: "where" }, "（无三级指标名称）")),
                h("td", { "data-label": "指标值" }, r.target ?? "—"),
                h("td", { class: "kind", "data-label": "类型" }, KIND_LABEL[r.target_kind] ?? r.target_kind),
                h("td", { "data-label": "解读" }, parsedText(r)),
                h("td", { class: "where", "data-label": "来源" }, sourceText(r.source_file, r.source_row)))))))))),
      h("h4", {}, "数据质量检查"),
      d.findings.length ? [
        h("ul", { class: "findings", "data-list": "findings" }, d.findings.filter((f) => f.severity !== "info").map((f) => this.findingItem(f))),
        d.findings.some((f) => f.severity === "info") ? h("details", {}, h("summary", {}, `提示（${d.findings.filter((f) => f.severity === "info").length} 条）`),
          h("ul", { class: "findings" }, d.findings.filter((f) => f.severity === "info").map((f) => this.findingItem(f)))) : null,
      ] : h("p", {}, "未发现问题。"),
      d.findingCount > d.findings.length ? h("p", { class: "where" }, `超过 ${d.findings.length} 条，只列出前 ${d.findings.length} 条；全部结果见 SQL 查询（findings 表）。`) : null,
    );
  }

  private findingItem(f: UnitDashboard["findings"][number]) {
    return h("li", {}, h("span", { class: `badge ${f.severity}` }, SEVERITY_LABEL[f.severity]), " ", f.message, h("br"),
      h("span", { class: "where" }, `${sourceText(f.source_file, f.source_row, f.source_column)} · ${f.code}`));
  }

  // ---- SQL console ----

  private wireConsole() {
    const input = this.$<HTMLTextAreaElement>("sql-input");
    clear(this.$("sql-examples"), EXAMPLES.map((x) => h("button", { type: "button", class: "chip", onclick: () => { input.value = x.sql; void this.runSql(); } }, x.label)));
    this.$("sql-run").addEventListener("click", () => void this.runSql());
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void this.runSql();
      }
    });
  }

  private async runSql() {
    const engine = this.session.engine ?? (await this.session.ensureEngine().catch(() => null));
    const out = this.$("sql-result");
    const err = this.$("sql-error");
    clear(err);
    if (!engine) return clear(err, "数据探索引擎未启动，无法查询。");
    const text = this.$<HTMLTextAreaElement>("sql-input").value;
    if (!text.trim()) return;
    const { sql, limited } = limitedSql(text, CONSOLE_ROWS + 1);
    const t0 = performance.now();
    clear(out, h("p", { class: "where", role: "status" }, "正在查询…"));
    try {
      const m = plainMatrix(await engine.arrow(sql));
      const ms = performance.now() - t0;
      const more = limited && m.rows.length > CONSOLE_ROWS;
      const rows = more ? m.rows.slice(0, CONSOLE_ROWS) : m.rows;
      clear(out,
        h("p", { class: "where", role: "status" }, m.columns.length ? `${more ? `超过 ${CONSOLE_ROWS} 行，显示前 ${CONSOLE_ROWS} 行` : `${rows.length} 行`} · ${ms.toFixed(0)} 毫秒` : `已执行 · ${ms.toFixed(0)} 毫秒`,
          m.columns.length ? [" · 导出全部结果：", h("button", { type: "button", class: "link", onclick: () => void this.exportQuery(text, "csv") }, "CSV"), " ",
            h("button", { type: "button", class: "link", onclick: () => void this.exportQuery(text, "xlsx") }, "XLSX")] : null),
        m.columns.length ? h("div", { class: "table-wrap x-result" }, h("table", { "data-table": "sql" },
          h("thead", {}, h("tr", {}, m.columns.map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, rows.map((r) => h("tr", {}, r.map((v) => h("td", { class: typeof v === "number" ? "num" : null }, v === null ? "NULL" : String(v)))))))) : null);
      if (!/^\s*(select|with|from|values|table|describe|show|summarize|pragma)\b/i.test(text)) void this.refresh();
    } catch (e) {
      clear(out);
      clear(err, sqlErrorText(String((e as Error).message ?? e)));
    }
  }

  private async renderSchema() {
    const engine = this.session.engine;
    if (!engine) return;
    const cols = await engine.query<{ table_name: string; column_name: string; data_type: string; is_view: boolean }>(
      `SELECT c.table_name, c.column_name, c.data_type, t.table_type = 'VIEW' AS is_view FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
       WHERE c.table_schema = 'main' ORDER BY CASE c.table_name WHEN 'units' THEN 0 WHEN 'budget' THEN 1 WHEN 'tasks' THEN 2 WHEN 'indicators' THEN 3 WHEN 'findings' THEN 4 ELSE 5 END, c.table_name, c.ordinal_position`);
    const tables = [...new Set(cols.map((c) => c.table_name))];
    const note: Record<string, string> = { indicator_rows: "indicators 视图的基础表（不含目标解读列）", target_lookup: "每种指标值写法的解读结果", uploads: "载入的文件" };
    clear(this.$("sql-schema"), h("ul", {}, tables.map((t) => h("li", {}, h("details", {},
      h("summary", {}, h("code", {}, t), ` ${TABLE_LABEL[t] ?? note[t] ?? ""}${cols.find((c) => c.table_name === t)?.is_view ? "（视图）" : ""}`),
      h("ul", { class: "x-cols" }, cols.filter((c) => c.table_name === t).map((c) => h("li", {}, h("code", {}, c.column_name), ` ${c.data_type}`))))))));
  }

  // ---- Exports ----

  private renderExports() {
    clear(this.$("exports"),
      h("div", { class: "table-wrap" }, h("table", {},
        h("caption", {}, "导出载入的数据（CSV 以 UTF-8 带 BOM 保存，Excel 可直接打开；以 = + - @ 开头的单元格前加 ' 以防被当作公式）"),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "表"), h("th", { scope: "col" }, "下载"))),
        h("tbody", {}, TABLES.filter((t) => t in TABLE_LABEL).map((t) => h("tr", {},
          h("td", {}, `${TABLE_LABEL[t]}（${t}）`),
          h("td", {}, h("button", { type: "button", class: "link", "data-export": `${t}.csv`, onclick: () => void this.exportTable(t, "csv") }, "CSV"), " ",
            h("button", { type: "button", class: "link", "data-export": `${t}.xlsx`, onclick: () => void this.exportTable(t, "xlsx") }, "XLSX"))))))),
      h("p", {}, h("button", { type: "button", "data-export": "json", onclick: () => void this.exportJson() }, "下载规范 JSON（全部载入数据）"),
        h("span", { class: "where" }, " 与 jixiao import --json 的格式相同，可再次载入。")));
  }

  private tableSql(t: TableName) {
    // DECIMAL stays DECIMAL: exact text in CSV and JSON (src/query/arrow.ts), a number in XLSX.
    const cols = `* EXCLUDE (upload_id${t === "units" ? ", placeholder" : ""})`;
    return t === "indicators"
      ? `SELECT i.* EXCLUDE (upload_id), l.recognised FROM indicators i LEFT JOIN target_lookup l USING (target, fiscal_year) ORDER BY i.upload_id, i.unit_id, i.fiscal_year, i.ord`
      : `SELECT ${cols} FROM ${storedAs(t)} ORDER BY upload_id`;
  }

  private async withTask<T>(label: string, work: () => Promise<T>): Promise<T | undefined> {
    this.renderTask({ label, fraction: null, cancellable: false });
    try {
      return await work();
    } catch (e) {
      alert(`${label}失败：${(e as Error).message}`);
      return undefined;
    } finally {
      this.renderTask(null);
    }
  }

  private async exportTable(t: TableName, kind: "csv" | "xlsx") {
    const sql = t === "indicators" ? this.tableSql(t).replace("i.* EXCLUDE (upload_id), l.recognised", "i.* EXCLUDE (upload_id)") : this.tableSql(t);
    await this.exportQuery(sql, kind, `jixiao-${t}`, `${TABLE_LABEL[t]}`);
  }

  private async exportQuery(sql: string, kind: "csv" | "xlsx", name = "jixiao-query", sheet = "查询结果") {
    const engine = this.session.engine;
    if (!engine) return;
    const s = sql.trim().replace(/;\s*$/, "");
    await this.withTask(`正在导出 ${name}.${kind}`, async () => {
      if (kind === "csv") {
        const parts: string[] = [BOM];
        let first = true;
        await engine.stream(s, (batch) => {
          const m = plainMatrix(batch);
          parts.push(csvChunk(m.columns, m.rows, first));
          first = false;
        });
        download(new Blob(parts, { type: "text/csv;charset=utf-8" }), safeFileName(name, "csv"));
        return;
      }
      const [{ n }] = await engine.query<{ n: number }>(`SELECT CAST(count(*) AS BIGINT) AS n FROM (${s}) AS x`);
      if (n > XLSX_LIMIT) throw new Error(`共 ${n.toLocaleString("zh-CN")} 行，超过 XLSX 导出上限 ${XLSX_LIMIT.toLocaleString("zh-CN")} 行，请导出 CSV 或先用 SQL 筛选`);
      const m = plainMatrix(await engine.arrow(s));
      await this.saveXlsx(name, { name: sheetName(sheet), columns: m.columns, types: m.types, rows: m.rows });
    });
  }

  private async saveRows(name: string, head: string[], rows: string[][], kind: "csv" | "xlsx") {
    if (kind === "csv") return download(new Blob([BOM, csvChunk(head, rows)], { type: "text/csv;charset=utf-8" }), safeFileName(name, "csv"));
    await this.saveXlsx(name, { name: sheetName(name), columns: head, types: head.map(() => "VARCHAR"), rows });
  }

  private async saveXlsx(name: string, spec: SheetSpec) {
    const { default: writeXlsxFile } = await import("write-excel-file/browser");
    const { data, cut } = xlsxSheetData(spec);
    const blob = await writeXlsxFile(data as never, { sheet: spec.name } as never).toBlob();
    download(blob, safeFileName(name, "xlsx"));
    if (cut) alert(`只导出了前 ${XLSX_MAX_ROWS} 行（Excel 的上限）。`);
  }

  private async exportJson() {
    const engine = this.session.engine;
    if (!engine) return;
    await this.withTask("正在导出规范 JSON", async () => {
      const parts: string[] = ["{"];
      for (const [ti, t] of (["units", "budget", "tasks", "indicators", "findings"] as const).entries()) {
        parts.push(`${ti ? "," : ""}${JSON.stringify(t)}:[`);
        let any = false;
        await engine.stream(this.tableSql(t), (batch) => {
          const m = plainMatrix(batch);
          const rows = m.rows.map((r) => Object.fromEntries(m.columns.map((c, i) => [c, r[i]])) as Record<string, Value>);
          if (!rows.length) return;
          parts.push(`${any ? "," : ""}${jsonRows(t, rows)}`);
          any = true;
        });
        parts.push("]");
      }
      parts.push("}");
      download(new Blob(parts, { type: "application/json" }), "jixiao-canonical.json");
    });
  }
}

export function defineExplore(): void {
  if (!customElements.get("jx-explore")) customElements.define("jx-explore", ExploreElement);
}

export type { UnitRow };
