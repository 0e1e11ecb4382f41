import { evaluateArithmetic } from "./arithmetic";
import { numbersIn } from "./message-words";

/** What the code interpreter "ran": the Python shown, the log it printed, and the answer sentence. */
export type CodeRun = { code: string; logs: string; answer: string };

type Statistic = { label: string; python: string; pattern: RegExp; compute: (xs: number[]) => number | null };

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => sum(xs) / xs.length;
const variance = (xs: number[]) => (xs.length < 2 ? null : sum(xs.map((x) => (x - mean(xs)) ** 2)) / (xs.length - 1));

// Sample variance and standard deviation, as Python's statistics.variance and statistics.stdev compute them.
const STATISTICS: readonly Statistic[] = [
  { label: "mean", python: "statistics.mean(data)", pattern: /\b(mean|average|avg)\b/i, compute: mean },
  { label: "median", python: "statistics.median(data)", pattern: /\bmedian\b/i, compute: median },
  { label: "sum", python: "sum(data)", pattern: /\b(sum|total|add up)\b/i, compute: sum },
  { label: "minimum", python: "min(data)", pattern: /\b(min|minimum|smallest|lowest)\b/i, compute: (xs) => Math.min(...xs) },
  {
    label: "maximum",
    python: "max(data)",
    pattern: /\b(max|maximum|largest|biggest|highest)\b/i,
    compute: (xs) => Math.max(...xs),
  },
  {
    label: "standard deviation",
    python: "statistics.stdev(data)",
    pattern: /\b(standard deviation|std ?dev|stdev|std)\b/i,
    compute: (xs) => {
      const v = variance(xs);
      return v === null ? null : Math.sqrt(v);
    },
  },
  { label: "variance", python: "statistics.variance(data)", pattern: /\bvariance\b/i, compute: variance },
];

/** The statistics or arithmetic a message asks for, computed without evaluating code; null when it asks neither. */
export function planCodeRun(text: string): CodeRun | null {
  return statisticsRun(text) ?? arithmeticRun(text);
}

function statisticsRun(text: string): CodeRun | null {
  const asked = STATISTICS.filter((s) => s.pattern.test(text));
  const data = numbersIn(text);
  if (asked.length === 0 || data.length < 2) return null;
  const results = asked.map((s) => ({ s, value: s.compute(data) }));
  const list = `[${data.join(", ")}]`;
  const usesStatistics = asked.some((s) => s.python.startsWith("statistics."));
  const imports = usesStatistics ? ["import statistics", ""] : [];
  const code = [...imports, `data = ${list}`, ...asked.map((s) => `print(${s.python})`)].join("\n");
  const logs = results
    .map(({ value }) => (value === null ? "StatisticsError: at least two data points are needed" : String(value)))
    .join("\n");
  const answer = results
    .map(({ s, value }) =>
      value === null ? `The ${s.label} of ${list} needs at least two numbers.` : `The ${s.label} of ${list} is **${format(value)}**.`,
    )
    .join("\n");
  return { code, logs, answer };
}

function arithmeticRun(text: string): CodeRun | null {
  // The longest run of arithmetic characters that holds an operator between two numbers.
  const runs = text.match(/[\d.(][\d\s.+\-*/%^()×÷]*[\d)]/g) ?? [];
  const candidates = runs.filter((c) => /\d\s*[-+*/%^×÷]\s*[-+(]?\s*[\d.(]/.test(c));
  const expression = candidates.sort((a, b) => b.length - a.length)[0]?.trim();
  if (!expression) return null;
  const result = evaluateArithmetic(expression);
  const python = expression.replace(/\^/g, "**").replace(/×/g, "*").replace(/÷/g, "/");
  if (!result.ok) {
    const answer = `I could not evaluate \`${expression}\`: ${result.reason}.`;
    return { code: `print(${python})`, logs: `Error: ${result.reason}`, answer };
  }
  return { code: `print(${python})`, logs: String(result.value), answer: `\`${expression}\` = **${format(result.value)}**` };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

// Answers round away floating-point noise; logs print the full value, as Python would.
function format(value: number): string {
  return String(Number(value.toPrecision(12)));
}
