"use client";

import { lazy, Suspense } from "react";
import type { AnswerMarkdownProps } from "./markdown-render";

// The markdown renderer (react-markdown, remark-gfm, rehype-sanitize and their parsers) is a large part of the page's
// script, and nothing on a tree's first paint needs it: it loads once the page is idle, or when the first answer is
// shown if that comes first.
const loadRenderer = () => import("./markdown-render");
const Rendered = lazy(loadRenderer);
if (typeof window !== "undefined") {
  if ("requestIdleCallback" in window) window.requestIdleCallback(() => void loadRenderer(), { timeout: 3000 });
  else setTimeout(() => void loadRenderer(), 1000);
}

/**
 * An answer rendered as sanitised GitHub-flavoured markdown, with citation markers when `sources` are given. Until
 * the renderer has loaded (once per page), the text shows as it is.
 */
export function AnswerMarkdown(props: AnswerMarkdownProps) {
  return (
    <Suspense
      fallback={
        <div className="arbor-markdown whitespace-pre-wrap" aria-busy="true">
          {props.text}
        </div>
      }
    >
      <Rendered {...props} />
    </Suspense>
  );
}
