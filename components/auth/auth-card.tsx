import type { ReactNode } from "react";
import { ThemeToggle } from "@/components/ui/theme-toggle";

/** The frame of the sign-in and sign-up pages: Arbor's name, a title, and the form. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle: string; children?: ReactNode }) {
  return (
    <main className="relative flex min-h-dvh items-center justify-center bg-zinc-50 px-4 dark:bg-zinc-950">
      <div className="absolute top-3 right-3">
        <ThemeToggle />
      </div>
      <div className="w-full max-w-sm">
        <p className="mb-6 text-center text-[13px] font-semibold tracking-tight text-indigo-600 dark:text-indigo-400">Arbor</p>
        <section aria-labelledby="auth-title" className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <h1 id="auth-title" className="text-[17px] font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">
            {title}
          </h1>
          <p className="mt-1 mb-5 text-[13px] text-zinc-500 dark:text-zinc-400">{subtitle}</p>
          {children}
        </section>
      </div>
    </main>
  );
}

/** One labelled input of an auth form. */
export function AuthField({ label, ...props }: { label: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="mb-3.5 block">
      <span className="mb-1 block text-xs font-medium text-zinc-700 dark:text-zinc-300">{label}</span>
      <input
        {...props}
        className="h-9 w-full rounded-md border border-zinc-300 bg-white px-2.5 text-[13px] text-zinc-900 outline-none focus-visible:border-indigo-500 focus-visible:ring-3 focus-visible:ring-indigo-500/20 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100"
      />
    </label>
  );
}
