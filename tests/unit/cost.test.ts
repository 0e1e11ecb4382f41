import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { listProviders } from "@/lib/server/providers/registry";
import { costUsd, formatUsd, priceFor } from "@/lib/tree/cost";
import { readUsage, sumUsage, tokenCounts, tokensPerSecond } from "@/lib/tree/usage";
import type { NodeSummary } from "@/lib/contracts/nodes";

const gpt5 = { input: 1.25, cachedInput: 0.125, output: 10 };

describe("costUsd", () => {
  it("prices uncached input, cached input and output per 1M tokens", () => {
    // 1M input of which 200k cached, 100k output: 0.8 * 1.25 + 0.2 * 0.125 + 0.1 * 10
    expect(costUsd({ input: 1_000_000, cached: 200_000, output: 100_000 }, gpt5)).toBeCloseTo(1 + 0.025 + 1, 10);
  });

  it("charges cached tokens at the input price when the model has no cached price", () => {
    expect(costUsd({ input: 1000, cached: 500, output: 0 }, { input: 2, output: 8 })).toBeCloseTo(0.002, 10);
  });

  it("never counts more cached tokens than input tokens", () => {
    expect(costUsd({ input: 100, cached: 1000, output: 0 }, gpt5)).toBeCloseTo((100 * 0.125) / 1e6, 12);
  });

  it("is null, not a guess, when the price or the usage is unknown", () => {
    expect(costUsd(null, gpt5)).toBeNull();
    expect(costUsd({ input: 10, cached: 0, output: 10 }, undefined)).toBeNull();
  });

  it("is zero for a free model", () => {
    expect(costUsd({ input: 500, cached: 0, output: 500 }, { input: 0, cachedInput: 0, output: 0 })).toBe(0);
  });
});

describe("priceFor and formatUsd", () => {
  it("finds a model's price only when listed", () => {
    expect(priceFor({ "gpt-5": gpt5 }, "gpt-5")).toBe(gpt5);
    expect(priceFor({ "gpt-5": gpt5 }, "toString")).toBeUndefined();
    expect(priceFor(undefined, "gpt-5")).toBeUndefined();
  });

  it("shows dollars, fractions of a cent, and a dash for unknown", () => {
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(1.234)).toBe("$1.23");
    expect(formatUsd(0.00123)).toBe("$0.0012");
    expect(formatUsd(null)).toBe("—");
  });
});

describe("usage", () => {
  const usage = {
    input_tokens: 120,
    input_tokens_details: { cached_tokens: 20 },
    output_tokens: 80,
    output_tokens_details: { reasoning_tokens: 30 },
    total_tokens: 200,
  };

  it("reads input, cached, output, reasoning and total tokens", () => {
    expect(readUsage(usage)).toEqual({ input: 120, cached: 20, output: 80, reasoning: 30, total: 200 });
    expect(readUsage(null)).toEqual({ input: null, cached: null, output: null, reasoning: null, total: null });
    expect(tokenCounts(usage)).toEqual({ input: 120, cached: 20, output: 80 });
    expect(tokenCounts({ total_tokens: 3 })).toBeNull();
  });

  it("measures tokens per second after the first token", () => {
    expect(tokensPerSecond(100, 2100, 100)).toBe(50);
    expect(tokensPerSecond(100, 100, 100)).toBeNull();
    expect(tokensPerSecond(null, 1000, 0)).toBeNull();
  });

  it("sums tokens and known costs over nodes, counting the priced ones", () => {
    const node = (costUsd: number | null, input: number) => ({ usage: { input_tokens: input, output_tokens: 1 }, costUsd }) as unknown as NodeSummary;
    const totals = sumUsage([node(0.5, 10), node(null, 20), node(0.25, 30)], (n) => n.costUsd);
    expect(totals).toMatchObject({ nodes: 3, input: 60, output: 3, costUsd: 0.75, priced: 2 });
  });
});

describe("price tables in the provider configuration", () => {
  const saved = { providers: process.env.ARBOR_PROVIDERS, key: process.env.OPENAI_API_KEY };
  afterEach(() => {
    process.env.ARBOR_PROVIDERS = saved.providers;
    process.env.OPENAI_API_KEY = saved.key;
    if (saved.providers === undefined) delete process.env.ARBOR_PROVIDERS;
    if (saved.key === undefined) delete process.env.OPENAI_API_KEY;
    resetEnvForTests();
  });

  it("prices the offline models at zero, lists OpenAI prices, and reads prices from ARBOR_PROVIDERS", () => {
    process.env.OPENAI_API_KEY = "sk-test";
    process.env.ARBOR_PROVIDERS = JSON.stringify([
      { id: "local", label: "Local", baseURL: "http://127.0.0.1:9999/v1", models: ["m1", "m2"], prices: { m1: { input: 0.5, output: 1.5 } } },
    ]);
    resetEnvForTests();
    const byId = new Map(listProviders().map((p) => [p.id, p]));
    expect(priceFor(byId.get("offline")?.prices, "offline-assistant")).toEqual({ input: 0, cachedInput: 0, output: 0 });
    expect(priceFor(byId.get("openai")?.prices, "gpt-5")?.output).toBeGreaterThan(0);
    expect(priceFor(byId.get("local")?.prices, "m1")).toEqual({ input: 0.5, output: 1.5 });
    expect(priceFor(byId.get("local")?.prices, "m2")).toBeUndefined();
  });
});
