"use client";

import { memo, type AnchorHTMLAttributes } from "react";
import Markdown, { type Components } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";

const SAFE_LINK = /^https?:\/\//i;

/** Links open in a new tab and only when they are http(s); anything else renders as plain text. */
function SafeLink({ href, children }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  if (!href || !SAFE_LINK.test(href)) return <span>{children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

const components: Components = { a: SafeLink };
const remarkPlugins = [remarkGfm];
const rehypePlugins = [rehypeSanitize];

/** An answer rendered as GitHub-flavoured markdown, sanitised (model output is untrusted). */
export const AnswerMarkdown = memo(function AnswerMarkdown({ text }: { text: string }) {
  return (
    <div className="arbor-markdown">
      <Markdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
        {text}
      </Markdown>
    </div>
  );
});
