import type { TokenRole } from "@/lib/core/roles";

const STYLES: Record<TokenRole, string> = {
  admin: "bg-amber-400/15 text-amber-200 ring-amber-300/40",
  operator: "bg-sky-400/15 text-sky-200 ring-sky-300/40",
  viewer: "bg-slate-400/15 text-slate-200 ring-slate-300/40",
  agent: "bg-violet-400/15 text-violet-200 ring-violet-300/40",
};

/** A role as a small pill, one colour per role wherever it is shown (menu, account, users, tokens). */
export function RoleBadge({ role, className = "" }: { role: TokenRole; className?: string }) {
  return (
    <span data-testid="role-badge" data-role={role} className={`inline-flex items-center rounded-full px-2 py-px text-sm font-medium ring-1 ${STYLES[role]} ${className}`}>
      {role}
    </span>
  );
}
