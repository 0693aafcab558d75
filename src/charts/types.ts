// The contract every chart keeps: (rows, options) → ChartResult, with no DOM and no clock.

export type Lang = "zh" | "en";

export interface ChartOptions {
  /** Prefix for every id inside the SVG (title, desc, patterns); must be unique on the page. */
  id: string;
  lang?: Lang;
  title: string;
  /** Width of the viewBox in user units (default 640); the SVG itself is width 100%. */
  width?: number;
  /** Illustrative data: a visible 示例数据 badge, and the summary says so first. */
  sample?: boolean;
  /**
   * Draw the 示例数据 badge inside the chart (default true). False where the page already marks
   * the whole section or page as illustrative (one mark, in the page's own style); the title and
   * summary still say so.
   */
  sampleBadge?: boolean;
  /** Stack labels above bars (phone layout); default: width < 480. */
  compact?: boolean;
}

/** The data behind a chart as a plain table, for screen readers, printouts and <noscript>. */
export interface ChartTable {
  caption: string;
  head: string[];
  rows: string[][];
  /** Per column: right-align as a number. */
  numeric: boolean[];
}

export interface ChartResult {
  svg: string;
  /** One sentence that says what the chart shows, with exact figures. */
  summary: string;
  /**
   * The chart's point in one short sentence, computed from the data (达成占比最低的是…): the page
   * writes it before the chart, for a reader who will not look at the marks.
   */
  takeaway?: string;
  table: ChartTable;
}
