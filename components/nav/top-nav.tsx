"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { PresentButton, usePresenting } from "@/components/present/present-button";
import { FiringBadge } from "./firing-badge";
import { UserMenu } from "./user-menu";

const LINKS = [
  { href: "/", label: "Map" },
  { href: "/placement", label: "Placement" },
  { href: "/mci", label: "MCIs" },
  { href: "/alerts", label: "Alerts" },
  { href: "/connections", label: "Connections" },
  { href: "/api-docs", label: "API" },
  { href: "/demo", label: "Demo" },
] as const;

function isActive(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  // An MCI's own pages live under its namespace: /ns/<ns>/mci/…
  if (href === "/mci" && /^\/ns\/[^/]+\/mci(\/|$)/.test(pathname)) return true;
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The console's one bar: fixed height so no page ever shifts under it. */
export function TopNav() {
  const pathname = usePathname() ?? "/";
  // A presentation shows the map alone: no bar.
  const presenting = usePresenting();
  if (presenting) return null;
  return (
    <header className="z-[1100] flex h-12 shrink-0 items-center gap-6 border-b border-panel-edge bg-panel px-4">
      <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight text-white">
        <span aria-hidden className="inline-block h-3 w-3 rounded-full bg-amber-400 shadow-[0_0_10px_#fbbf24]" />
        Barista
      </Link>
      <nav aria-label="Main" className="flex items-center gap-1">
        {LINKS.map((link) => {
          const active = isActive(pathname, link.href);
          return (
            <Link
              key={link.href}
              href={link.href}
              aria-current={active ? "page" : undefined}
              className={`inline-flex items-center rounded-md px-3 py-1.5 text-[0.95rem] font-medium transition-colors ${
                active ? "bg-slate-700/70 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"
              }`}
            >
              {link.label}
              {link.href === "/alerts" && <FiringBadge />}
            </Link>
          );
        })}
      </nav>
      <UserMenu />
      <PresentButton />
    </header>
  );
}
