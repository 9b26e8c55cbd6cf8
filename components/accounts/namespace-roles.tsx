import type { Role } from "@/lib/core/roles";

/** A user's narrowed roles, `prod: viewer`, or a word saying the global role applies everywhere. */
export function NamespaceRoles({ roles, empty = "—" }: { roles: Record<string, Role>; empty?: string }) {
  const entries = Object.entries(roles).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <span className="text-slate-400">{empty}</span>;
  return (
    <span className="flex flex-wrap gap-1.5">
      {entries.map(([ns, role]) => (
        <span key={ns} className="rounded bg-slate-700/60 px-1.5 py-0.5 font-mono text-sm text-slate-100">
          {ns}: <span className="text-slate-300">{role}</span>
        </span>
      ))}
    </span>
  );
}
