import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// The standalone server's code cache (scripts/compile-cache.cjs), each run in a fresh Node process as the launcher
// installs it: recorded, checked, then read; never used when damaged, unchecked or out of date.
const hook = path.resolve("scripts/compile-cache.cjs");
const { readEntries, writeCache } = createRequire(import.meta.url)(hook) as {
  readEntries: (file: string) => { key: string; source: string; data: Buffer }[];
  writeCache: (file: string, entries: { key: string; source: string; data: Buffer }[], options: { checked: boolean }) => void;
};

describe("the compile cache", () => {
  const root = mkdtempSync(path.join(tmpdir(), "arbor-compile-cache-test-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const cache = path.join(root, "compile-cache.bin");
  const recording = `${cache}.recording`;
  writeFileSync(path.join(root, "answer.js"), `"use strict"; exports.where = () => new Error("here").stack.split("\\n")[1];\nexports.answer = (n) => n * 2;\nexports.resolved = require.resolve("./answer.js");\n`);

  /** Start a process that installs the cache, requires answer.js and prints what it got. */
  const run = (record: string | null = null) => {
    const script = `
      const { installCompileCache } = require(${JSON.stringify(hook)});
      const counts = installCompileCache(${JSON.stringify(cache)}, { root: ${JSON.stringify(root)}, record: ${JSON.stringify(record)} });
      const m = require(${JSON.stringify(path.join(root, "answer.js"))});
      console.log(JSON.stringify({ counts, answer: m.answer(21), where: m.where(), resolved: m.resolved }));`;
    const out = execFileSync(process.execPath, ["--disable-warning=ExperimentalWarning", "-e", script], { encoding: "utf8" });
    return JSON.parse(out.trim().split("\n").find((line) => line.startsWith("{"))!) as { counts: { cached: number }; answer: number; where: string; resolved: string };
  };
  const plain = () => {
    const out = execFileSync(process.execPath, ["-e", `const m = require(${JSON.stringify(path.join(root, "answer.js"))}); console.log(JSON.stringify({ where: m.where() }));`], { encoding: "utf8" });
    return JSON.parse(out) as { where: string };
  };

  it("compiles a module from a checked recording, as Node would run it", () => {
    const recorded = run(recording);
    expect(recorded.answer).toBe(42);
    // A recording is not read until the recorder has checked it.
    expect(run().counts.cached).toBe(0);
    writeCache(cache, readEntries(recording), { checked: true });
    const cached = run();
    expect(cached.counts.cached).toBe(1);
    expect(cached).toMatchObject({ answer: 42, resolved: path.join(root, "answer.js") });
    expect(cached.where).toBe(plain().where); // the same file, line and column (on the first line) in a stack trace
  });

  it("is not used for a file changed since, nor when damaged", () => {
    writeCache(cache, readEntries(recording), { checked: true });
    const whole = readFileSync(cache);
    writeFileSync(cache, whole.subarray(0, 100));
    expect(run()).toMatchObject({ counts: { cached: 0 }, answer: 42 });
    writeFileSync(cache, "");
    expect(run()).toMatchObject({ counts: { cached: 0 }, answer: 42 });
    writeFileSync(cache, whole);
    writeFileSync(path.join(root, "answer.js"), readFileSync(path.join(root, "answer.js"), "utf8").replace("n * 2", "n * 3"));
    expect(run()).toMatchObject({ counts: { cached: 0 }, answer: 63 });
  });
});
