"use client";

import type { ImgHTMLAttributes, MouseEvent } from "react";
import { allowRemoteImages, imageHost, useImageAllowed } from "@/lib/client/remote-images";
import { focusRing } from "./button";

type Props = Omit<ImgHTMLAttributes<HTMLImageElement>, "src"> & {
  src: string;
  /** A small square (a card or composer thumbnail): an icon button in place of the worded placeholder. */
  compact?: boolean;
};

/**
 * An image that loads only when that is safe to do unasked: data: and blob: URLs, and remote URLs the user chose in
 * this tab. Any other remote image is a placeholder naming its host, with a button that loads it.
 */
export function RemoteImage({ src, alt, compact = false, className = "", ...rest }: Props) {
  const allowed = useImageAllowed(src);
  if (allowed) {
    // Data URLs and arbitrary hosts: nothing for next/image to optimise.
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={src} alt={alt} className={className} {...rest} />;
  }
  const host = imageHost(src);
  const load = (event: MouseEvent) => {
    // Inside a graph card the click would select the node too.
    event.stopPropagation();
    allowRemoteImages([src]);
  };
  if (compact) {
    return (
      <button
        type="button"
        onClick={load}
        aria-label={`Load remote image from ${host}`}
        title={`Remote image from ${host}, not loaded. Click to load it.`}
        data-testid="remote-image-placeholder"
        className={`flex items-center justify-center bg-zinc-100 text-zinc-400 hover:text-zinc-700 dark:bg-zinc-800 dark:text-zinc-500 dark:hover:text-zinc-200 ${focusRing} ${className}`}
      >
        <ImageOffIcon />
      </button>
    );
  }
  return (
    <span
      data-testid="remote-image-placeholder"
      className="inline-flex max-w-full items-start gap-2 rounded-md border border-dashed border-zinc-300 bg-zinc-50 px-2.5 py-1.5 align-middle text-xs text-zinc-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-400"
    >
      <span className="mt-0.5">
        <ImageOffIcon />
      </span>
      <span className="flex min-w-0 flex-col gap-0.5">
        <span className="truncate text-zinc-700 dark:text-zinc-300" title={src}>
          {alt || "Remote image"}
        </span>
        <span className="flex min-w-0 flex-wrap items-center gap-x-1.5">
          <span className="min-w-0 truncate font-mono text-[11px]">{host}</span>
          <button
            type="button"
            onClick={load}
            aria-label={`Load remote image from ${host}`}
            className={`shrink-0 rounded font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400 ${focusRing}`}
          >
            Load remote image
          </button>
        </span>
      </span>
    </span>
  );
}

const ImageOffIcon = () => (
  <svg width={14} height={14} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" aria-hidden="true" className="shrink-0">
    <rect x="2" y="2.5" width="12" height="11" rx="2" />
    <path d="m2.5 12 3.5-3.5 2.5 2.5 2-2 3 3" />
    <path d="M2 14 14 2" strokeLinecap="round" />
  </svg>
);
