import Link from "next/link";

/** Any unknown URL. */
export default function NotFound() {
  return (
    <main className="flex h-dvh flex-col items-center justify-center gap-3 px-6 text-center">
      <p className="font-mono text-xs text-zinc-500">404</p>
      <h1 className="text-lg font-semibold tracking-tight">This page does not exist</h1>
      <p className="max-w-sm text-[13px] text-zinc-500 dark:text-zinc-400">The link may be old, or the address mistyped.</p>
      <Link
        href="/"
        className="mt-2 inline-flex h-8 items-center rounded-md bg-indigo-600 px-3 text-[13px] font-medium text-white hover:bg-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500/70 focus-visible:outline-none"
      >
        Back to your trees
      </Link>
    </main>
  );
}
