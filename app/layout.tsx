import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Barista", template: "%s · Barista" },
  description: "Run many clouds as one: a multi-cloud console on a world map.",
  // Inline, so the console needs no icon file and the browser never asks for a missing /favicon.ico.
  icons: {
    icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='6' fill='%23fbbf24'/%3E%3C/svg%3E",
  },
};

export const viewport: Viewport = { themeColor: "#0b1320", colorScheme: "dark" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className="h-full">
      <body className="flex h-full flex-col bg-sea text-slate-100 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
