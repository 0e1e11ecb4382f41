"use client";

import { memo, useMemo, type AnchorHTMLAttributes, type ImgHTMLAttributes } from "react";
import Markdown, { type Components } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import type { CitedSource } from "@/lib/responses/citations";
import { RemoteImage } from "@/components/ui/remote-image";
import { CitationMarker } from "./citations";

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

/** Images in model output are remote URLs the user did not choose: a placeholder until they ask to load one. */
function MarkdownImage({ src, alt }: ImgHTMLAttributes<HTMLImageElement>) {
  if (typeof src !== "string" || src === "") return null;
  return <RemoteImage src={src} alt={alt ?? ""} className="max-h-80 max-w-full rounded-md" />;
}

const components: Components = { a: SafeLink, img: MarkdownImage };
const remarkPlugins = [remarkGfm];
const rehypePlugins = [rehypeSanitize];

const CITE = /^#cite-(\d+)$/;

/** What an answer is rendered from: its text, and the sources its `[n](#cite-n)` markers point at. */
export type AnswerMarkdownProps = { text: string; sources?: readonly CitedSource[]; onCite?: (n: number) => void };

/**
 * An answer rendered as GitHub-flavoured markdown, sanitised (model output is untrusted). With `sources`, the
 * `[n](#cite-n)` markers placed by `citeAnswer` render as citation markers with hover cards. Loaded by ./markdown.tsx
 * once the page is idle, or when an answer is first shown.
 */
export default memo(function AnswerMarkdown({ text, sources, onCite }: AnswerMarkdownProps) {
  const withCitations = useMemo<Components>(() => {
    if (!sources?.length || !onCite) return components;
    return {
      ...components,
      a: (props: AnchorHTMLAttributes<HTMLAnchorElement>) => {
        const n = Number(CITE.exec(props.href ?? "")?.[1] ?? NaN);
        const source = sources[n - 1];
        return source ? <CitationMarker source={source} onOpen={onCite} /> : <SafeLink {...props} />;
      },
    };
  }, [sources, onCite]);
  return (
    <div className="arbor-markdown">
      <Markdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={withCitations}>
        {text}
      </Markdown>
    </div>
  );
});
