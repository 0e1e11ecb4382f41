"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { ArborError } from "@/lib/contracts/errors";

/** Retry server hiccups, never a 4xx: a missing tree or bad input will not fix itself. */
function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof ArborError && error.status < 500) return false;
  return failureCount < 2;
}

/** Client-side providers for the whole app: React Query owns all server data. */
export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 10_000, retry: shouldRetry, refetchOnWindowFocus: false },
          mutations: { retry: false },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
