"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { RoleBadge } from "@/components/accounts/role-badge";
import { signOut } from "@/components/accounts/sign-out";
import { useCan, useViewer } from "@/components/auth/viewer-context";
import type { Viewer } from "@/lib/http";

/** What the bar calls the viewer: a person's email, or what kind of credential is in use. */
function displayName(viewer: Viewer): string {
  if (viewer.kind === "automation") return "Automation token";
  if (viewer.kind === "token") return `Token “${viewer.name}”`;
  return viewer.name;
}

const ITEM = "flex w-full items-center rounded-md px-3 py-2 text-left text-[0.95rem] text-slate-100 hover:bg-slate-700/60 focus-visible:bg-slate-700/60";

/**
 * The viewer at the right of the bar: name and role, opening Account, Users and Audit (admins) and
 * Sign out. A disclosure button: Tab moves through the items, Esc or a click elsewhere closes it.
 */
export function UserMenu() {
  const viewer = useViewer();
  const admin = useCan("admin");
  const pathname = usePathname() ?? "/";
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", away);
    return () => document.removeEventListener("pointerdown", away);
  }, [open]);

  if (viewer.kind === "anonymous") {
    return (
      <div data-testid="user-menu" className="ml-auto flex items-center gap-3">
        <span className="text-slate-300">
          Anonymous <span className="text-slate-400">({viewer.role})</span>
        </span>
        <Link href={`/login?next=${encodeURIComponent(pathname)}`} className="rounded-md bg-sky-700 px-3 py-1.5 text-[0.95rem] font-medium text-white hover:bg-sky-800">
          Sign in
        </Link>
      </div>
    );
  }

  const name = displayName(viewer);
  const items = [{ href: "/account", label: "Account" }, ...(admin ? [{ href: "/users", label: "Users" }, { href: "/audit", label: "Audit" }] : [])];
  return (
    <div
      ref={rootRef}
      data-testid="user-menu"
      className="relative ml-auto"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls="user-menu-panel"
        onClick={() => setOpen(!open)}
        className={`flex items-center gap-2 rounded-md px-2.5 py-1 text-[0.95rem] transition-colors ${open ? "bg-slate-700/70 text-white" : "text-slate-200 hover:bg-slate-800 hover:text-white"}`}
      >
        <span aria-hidden className="flex h-7 w-7 items-center justify-center rounded-full bg-slate-700 text-sm font-semibold uppercase text-white ring-1 ring-slate-500">
          {viewer.kind === "user" ? name.charAt(0) : "⚙"}
        </span>
        <span className="max-w-[16rem] truncate">{name}</span>
        <RoleBadge role={viewer.role} />
        <svg aria-hidden viewBox="0 0 20 20" className={`h-4 w-4 fill-slate-400 transition-transform ${open ? "rotate-180" : ""}`}>
          <path d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.17l3.71-3.94a.75.75 0 1 1 1.08 1.04l-4.25 4.5a.75.75 0 0 1-1.08 0l-4.25-4.5a.75.75 0 0 1 .02-1.06Z" />
        </svg>
      </button>
      {open && (
        <div id="user-menu-panel" className="absolute right-0 top-full z-[1200] mt-2 w-72 rounded-xl border border-panel-edge bg-panel p-2 shadow-2xl">
          <p className="border-b border-panel-edge px-3 pb-2 pt-1 text-sm text-slate-400">
            {viewer.kind === "user" ? "Signed in as" : "Acting as"} <span className="block truncate text-[0.95rem] font-medium text-white">{viewer.kind === "user" ? viewer.name : name}</span>
          </p>
          <nav aria-label="Account" className="py-1">
            <ul>
              {items.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} aria-current={pathname === item.href ? "page" : undefined} onClick={() => setOpen(false)} className={`${ITEM} ${pathname === item.href ? "font-semibold text-white" : ""}`}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {viewer.kind === "user" && (
            <div className="border-t border-panel-edge pt-1">
              <button type="button" data-testid="sign-out" onClick={() => void signOut()} className={`${ITEM} text-rose-200`}>
                Sign out
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
