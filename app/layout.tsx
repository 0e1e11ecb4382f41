import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import "@xyflow/react/dist/style.css";
import "./globals.css";
import { Providers } from "./providers";
import { themeBootScript } from "@/lib/client/theme-script";

export const metadata: Metadata = {
  title: { default: "Arbor", template: "%s · Arbor" },
  description: "Explore OpenAI Responses API conversations as a branching, forkable graph.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The page's Content-Security-Policy lets only scripts with this request's nonce run inline (proxy.ts sets it).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The boot script may add `dark` before React hydrates; that difference is expected.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeBootScript }} />
      </head>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
