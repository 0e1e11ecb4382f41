import { describe, expect, it } from "vitest";
import { promptCacheReport } from "@/lib/tree/prompt-cache";

describe("promptCacheReport", () => {
  it("gives the share of input served from the cache, and the provider's diagnostics as lines", () => {
    const usage = {
      input_tokens: 2000,
      output_tokens: 10,
      total_tokens: 2010,
      input_tokens_details: { cached_tokens: 1536 },
      output_tokens_details: { reasoning_tokens: 0 },
      prompt_cache_diagnostics: { comparison_response_id: "resp_a", miss_reason: "tools_changed" },
    };
    expect(promptCacheReport(usage)).toEqual({
      input: 2000,
      cached: 1536,
      hitRatio: 0.768,
      notes: ["prompt_cache_diagnostics.comparison_response_id: resp_a", "prompt_cache_diagnostics.miss_reason: tools_changed"],
    });
  });

  it("is null when the provider reported no cached count", () => {
    expect(promptCacheReport({ input_tokens: 5, output_tokens: 1 })).toBeNull();
    expect(promptCacheReport(null)).toBeNull();
  });
});
