import { formatLocale } from "d3-format";
import { describe, expect, it } from "vitest";
import {
  formatChange,
  formatCount,
  formatNumber,
  formatShare,
  type Lang,
  formatDate,
  formatDecimalString,
  formatMoneyShort,
  formatPercent,
  formatWan,
  formatYuan,
  shanghaiDate,
  spokenMoney,
} from "../src/core/format.ts";

// One table per language: every kind of figure the pages, charts, workspace and CLI show.
const FIGURES: [Lang, [string, () => string, string][]][] = [
  [
    "zh",
    [
      ["元", () => formatYuan(9_278_733_100n, "zh"), "92,787,331.00 元"],
      ["元 under a head that names it", () => formatYuan(9_278_733_100n, "zh", { unit: false }), "92,787,331.00"],
      ["元, signed", () => formatYuan(729_818_752n, "zh", { signed: true }), "+7,298,187.52 元"],
      ["元, signed zero", () => formatYuan(0n, "zh", { signed: true }), "0.00 元"],
      ["元, negative", () => formatYuan(-100n, "zh", { signed: true }), "-1.00 元"],
      ["万元", () => formatWan(9_278_733_100n, "zh"), "9,278.73 万元"],
      ["万元 beside a 金额单位 note", () => formatWan(9_278_733_100n, "zh", { unit: false }), "9,278.73"],
      ["万元, signed", () => formatWan(729_818_752n, "zh", { signed: true }), "+729.82 万元"],
      ["万元, signed, rounds to zero", () => formatWan(1n, "zh", { signed: true }), "0.00 万元"],
      ["亿元", () => formatMoneyShort(12_300_000_000n, "zh"), "1.23 亿元"],
      ["share", () => formatShare(5_083_928_487n, 9_278_733_100n, "zh"), "54.8%"],
      ["share, tiny", () => formatShare(1n, 10_000n, "zh"), "<0.1%"],
      ["share, nearly whole", () => formatShare(9_999n, 10_000n, "zh"), ">99.9%"],
      ["share, negative part", () => formatShare(-250n, 10_000n, "zh"), "-2.5%"],
      ["share, tiny negative part", () => formatShare(-1n, 10_000n, "zh"), ">-0.1%"],
      ["share of nothing", () => formatShare(1n, 0n, "zh"), "—"],
      ["change", () => formatChange(110n, 100n, "zh"), "+10.0%"],
      ["change, tiny fall", () => formatChange(99_999n, 100_000n, "zh"), ">-0.1%"],
      ["change with no base", () => formatChange(100n, 0n, "zh"), "—"],
      ["count", () => formatCount(131_535, "zh"), "131,535"],
      ["number as written", () => formatNumber(15_000.5, "zh"), "15,000.5"],
    ],
  ],
  [
    "en",
    [
      ["yuan", () => formatYuan(9_278_733_100n, "en"), "¥92,787,331.00"],
      ["yuan under a head that names it", () => formatYuan(9_278_733_100n, "en", { unit: false }), "92,787,331.00"],
      ["yuan, signed", () => formatYuan(729_818_752n, "en", { signed: true }), "+¥7,298,187.52"],
      ["yuan, negative", () => formatYuan(-100n, "en", { signed: true }), "-¥1.00"],
      ["millions", () => formatWan(9_278_733_100n, "en"), "¥92.79M"],
      ["millions keep ¥…M without a unit word", () => formatWan(9_278_733_100n, "en", { unit: false }), "¥92.79M"],
      ["millions, signed", () => formatWan(729_818_752n, "en", { signed: true }), "+¥7.30M"],
      ["billions", () => formatMoneyShort(123_000_000_000n, "en"), "¥1.23B"],
      ["share", () => formatShare(5_083_928_487n, 9_278_733_100n, "en"), "54.8%"],
      ["share, tiny", () => formatShare(1n, 10_000n, "en"), "<0.1%"],
      ["share, negative part", () => formatShare(-250n, 10_000n, "en"), "-2.5%"],
      ["change", () => formatChange(90n, 100n, "en"), "-10.0%"],
      ["count", () => formatCount(131_535, "en"), "131,535"],
      ["number as written", () => formatNumber(-0.5, "en"), "-0.5"],
    ],
  ],
];

describe.each(FIGURES)("figures in %s", (_lang, cases) => {
  it.each(cases)("%s reads %j", (_what, format, text) => {
    expect(format()).toBe(text);
  });
});

describe("formatYuan", () => {
  it("formatYuan(fen) groups a hostile 100,000-digit amount in linear time", () => {
    const started = performance.now();
    const s = formatYuan(10n ** 100_000n, "zh", { unit: false });
    expect(s.length).toBe(100_000 - 2 + 1 + Math.floor((100_000 - 2) / 3) + 3);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it.each([
    [9_278_733_100n, "92,787,331.00 元", "¥92,787,331.00"],
    [0n, "0.00 元", "¥0.00"],
    [1n, "0.01 元", "¥0.01"],
    [-1n, "-0.01 元", "-¥0.01"],
    [99n, "0.99 元", "¥0.99"],
    [100_000n, "1,000.00 元", "¥1,000.00"],
    [-5_083_928_487n, "-50,839,284.87 元", "-¥50,839,284.87"],
    [123_456_789_012_345_678n, "1,234,567,890,123,456.78 元", "¥1,234,567,890,123,456.78"],
    [
      -(10n ** 30n) - 1n,
      "-10,000,000,000,000,000,000,000,000,000.01 元",
      "-¥10,000,000,000,000,000,000,000,000,000.01",
    ],
  ])("formatYuan(%sn) is %j in Chinese and %j in English", (fen, zh, en) => {
    expect(formatYuan(fen)).toBe(zh);
    expect(formatYuan(fen, "zh")).toBe(zh);
    expect(formatYuan(fen, "en")).toBe(en);
  });

  it("formatYuan(2n ** 53n + 1n) keeps the last fen a float would lose", () => {
    expect(formatYuan(2n ** 53n + 1n, "en")).toBe("¥90,071,992,547,409.93");
  });

  it.each([0n, 1n, -1n, 999n, 123_456n, -98_765_432_10n, 9_278_733_100n, 2n ** 40n])(
    "formatYuan(%sn) agrees with d3's own $,.2f where a Number is exact",
    (fen) => {
      const zh = formatLocale({ decimal: ".", thousands: ",", grouping: [3], currency: ["", " 元"], minus: "-" });
      const en = formatLocale({ decimal: ".", thousands: ",", grouping: [3], currency: ["¥", ""], minus: "-" });
      expect(formatYuan(fen, "zh")).toBe(zh.format("$,.2f")(Number(fen) / 100));
      expect(formatYuan(fen, "en")).toBe(en.format("$,.2f")(Number(fen) / 100));
    },
  );
});

describe("formatWan", () => {
  it.each([
    [9_278_733_100n, "9,278.73 万元", "¥92.79M"],
    [0n, "0.00 万元", "¥0.00M"],
    [1_000_000n, "1.00 万元", "¥0.01M"],
    [-9_278_733_100n, "-9,278.73 万元", "-¥92.79M"],
    [123_456_789_012_345_678n, "123,456,789,012.35 万元", "¥1,234,567,890.12M"],
  ])("formatWan(%sn) is %j in Chinese and %j in English", (fen, zh, en) => {
    expect(formatWan(fen)).toBe(zh);
    expect(formatWan(fen, "en")).toBe(en);
  });

  // Rounding edges: half a hundredth of the shown unit rounds away from zero, anything less towards it.
  it.each([
    [4_999n, "0.00 万元"],
    [5_000n, "0.01 万元"],
    [14_999n, "0.01 万元"],
    [15_000n, "0.02 万元"],
    [-4_999n, "0.00 万元"],
    [-5_000n, "-0.01 万元"],
    [999_994_999n, "999.99 万元"],
    [999_995_000n, "1,000.00 万元"],
    [123_456_789_012_344_999n, "123,456,789,012.34 万元"],
    [123_456_789_012_345_000n, "123,456,789,012.35 万元"],
  ])("formatWan(%sn) rounds to %j", (fen, text) => {
    expect(formatWan(fen, "zh")).toBe(text);
  });

  it.each([
    [499_999n, "¥0.00M"],
    [500_000n, "¥0.01M"],
    [-499_999n, "¥0.00M"],
    [-500_000n, "-¥0.01M"],
    [999_499_999n, "¥9.99M"],
    [999_500_000n, "¥10.00M"],
    [123_456_789_012_344_999_999n, "¥1,234,567,890,123.45M"],
    [123_456_789_012_345_000_000n, "¥1,234,567,890,123.45M"],
    [123_456_789_012_345_500_000n, "¥1,234,567,890,123.46M"],
  ])("formatWan(%sn, \"en\") rounds to %j", (fen, text) => {
    expect(formatWan(fen, "en")).toBe(text);
  });
});

describe("formatMoneyShort", () => {
  it.each([
    [0n, "0.00 元"],
    [999_900n, "9,999.00 元"],
    [999_999n, "9,999.99 元"],
    [1_000_000n, "1.00 万元"],
    [9_278_733_100n, "9,278.73 万元"],
    [9_999_994_999n, "9,999.99 万元"],
    [9_999_995_000n, "1.00 亿元"],
    [10_000_000_000n, "1.00 亿元"],
    [12_300_000_000n, "1.23 亿元"],
    [-12_300_000_000n, "-1.23 亿元"],
    [-999_900n, "-9,999.00 元"],
    [123_456_789_012_345_678n, "12,345,678.90 亿元"],
  ])("formatMoneyShort(%sn) in Chinese is %j", (fen, text) => {
    expect(formatMoneyShort(fen, "zh")).toBe(text);
  });

  it.each([
    [999_900n, "¥9,999.00"],
    [99_999_999n, "¥999,999.99"],
    [100_000_000n, "¥1.00M"],
    [9_278_733_100n, "¥92.79M"],
    [99_999_499_999n, "¥999.99M"],
    [99_999_500_000n, "¥1.00B"],
    [123_000_000_000n, "¥1.23B"],
    [-123_000_000_000n, "-¥1.23B"],
    [123_456_789_012_345_678n, "¥1,234,567.89B"],
  ])("formatMoneyShort(%sn) in English is %j", (fen, text) => {
    expect(formatMoneyShort(fen, "en")).toBe(text);
  });
});

describe("formatShare", () => {
  // Half up to 0.1%, with the guards at both ends.
  it.each([
    [0n, 10n, "0.0%"],
    [10n, 10n, "100.0%"],
    [5n, 10_000n, "0.1%"],
    [4n, 10_000n, "<0.1%"],
    [9_994n, 10_000n, "99.9%"],
    [9_995n, 10_000n, ">99.9%"],
    [-9_995n, 10_000n, "<-99.9%"],
    [-5n, -10n, "50.0%"],
    [3n, 2n, "150.0%"],
    [25n, 1n, "2,500.0%"],
  ])("formatShare(%sn, %sn) is %j", (part, whole, text) => {
    expect(formatShare(part, whole)).toBe(text);
  });
});

describe("formatCount", () => {
  it.each([
    [0, "0"],
    [7, "7"],
    [15000, "15,000"],
    [-1234567, "-1,234,567"],
    [1234.5, "1,235"],
    [Number.MAX_SAFE_INTEGER, "9,007,199,254,740,991"],
    [Number.NaN, "—"],
    [Number.POSITIVE_INFINITY, "—"],
  ])("formatCount(%s) is %j in both languages", (n, text) => {
    expect(formatCount(n, "zh")).toBe(text);
    expect(formatCount(n, "en")).toBe(text);
  });
});

describe("formatPercent", () => {
  it.each([
    [0.95, 1, "95.0%"],
    [1, 1, "100.0%"],
    [0, 1, "0.0%"],
    [0.12345, 2, "12.35%"],
    [0.5, 0, "50%"],
    [-0.025, 1, "-2.5%"],
    [12.5, 1, "1,250.0%"],
    [Number.NaN, 1, "—"],
  ])("formatPercent(%s, lang, %s) is %j in both languages", (ratio, digits, text) => {
    expect(formatPercent(ratio, "zh", digits)).toBe(text);
    expect(formatPercent(ratio, "en", digits)).toBe(text);
  });

  it("formatPercent(0.95) defaults to Chinese and one decimal", () => {
    expect(formatPercent(0.95)).toBe("95.0%");
  });
});

describe("formatDecimalString", () => {
  it.each([
    ["15000.00", "15,000.00"],
    ["200.00", "200.00"],
    ["685.74", "685.74"],
    ["146400.00", "146,400.00"],
    ["0.00", "0.00"],
    ["-1234567.5", "-1,234,567.5"],
    ["-0.00", "0.00"],
    ["+5", "5"],
    ["007", "7"],
    [".5", "0.5"],
    ["1,200.5", "1,200.5"],
    ["1234567890123456789012345.678901", "1,234,567,890,123,456,789,012,345.678901"],
  ])("formatDecimalString(%j) is %j", (value, text) => {
    expect(formatDecimalString(value, "zh")).toBe(text);
    expect(formatDecimalString(value, "en")).toBe(text);
  });

  it.each(["abc", "", "1,2", "1.2.3", "95%", "."])("formatDecimalString(%j) returns it unchanged", (value) => {
    expect(formatDecimalString(value)).toBe(value);
  });
});

describe("formatDate", () => {
  it.each([
    ["2026-10-31", "2026年10月31日", "31 Oct 2026"],
    ["2024-02-29", "2024年2月29日", "29 Feb 2024"],
    ["2025-01-01", "2025年1月1日", "1 Jan 2025"],
    ["2025-12-31", "2025年12月31日", "31 Dec 2025"],
  ])("formatDate(%j) is %j in Chinese and %j in English", (iso, zh, en) => {
    expect(formatDate(iso)).toBe(zh);
    expect(formatDate(iso, "en")).toBe(en);
  });

  it.each(["2023-02-29", "2026-13-01", "2026-1-5", "31/10/2026", ""])(
    "formatDate(%j) is not a real ISO date and comes back unchanged",
    (iso) => {
      expect(formatDate(iso, "zh")).toBe(iso);
      expect(formatDate(iso, "en")).toBe(iso);
    },
  );
});

describe("shanghaiDate", () => {
  it.each([
    ["2026-12-01T15:59:59.999Z", "2026-12-01"],
    ["2026-12-01T16:00:00Z", "2026-12-02"],
    ["2026-12-31T23:30:00Z", "2027-01-01"],
    ["2026-06-30T00:00:00Z", "2026-06-30"],
  ])("shanghaiDate(%s) is %s, the date in Beijing time whatever the machine's zone", (iso, day) => {
    expect(shanghaiDate(new Date(iso))).toBe(day);
  });
});

describe("spokenMoney(text, lang): English money as a screen reader should say it", () => {
  it.each([
    ["¥92.79M", "92.79 million yuan"],
    ["¥1.23B", "1.23 billion yuan"],
    ["¥92,787,331.00", "92,787,331.00 yuan"],
    ["+¥7.30M", "plus 7.30 million yuan"],
    ["-¥325,165.82", "minus 325,165.82 yuan"],
  ])("%s → %s", (text, spoken) => {
    expect(spokenMoney(text, "en")).toBe(spoken);
  });

  it("leaves Chinese and anything that is not an amount alone", () => {
    expect(spokenMoney("9,278.73 万元", "zh")).toBeNull();
    expect(spokenMoney("¥92.79M", "zh")).toBeNull();
    expect(spokenMoney("96.00%", "en")).toBeNull();
    expect(spokenMoney("—", "en")).toBeNull();
    expect(spokenMoney(formatWan(9_278_733_100n, "en"), "en")).toBe("92.79 million yuan");
  });
});
