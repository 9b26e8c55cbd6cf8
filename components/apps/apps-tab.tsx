"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { RoleNotice } from "@/components/ui/role-notice";
import type { Access } from "@/lib/core/roles";
import type { AppView, MciApp } from "@/lib/validation/apps";
import { AppProgress } from "./app-progress";
import { AppVmList } from "./app-vm-list";
import { installApp } from "./install-app";
import { appKeys, useAppCatalogue, useMciApps } from "./use-apps";

type Props = {
  namespace: string;
  mciId: string;
  subGroups: readonly { name: string; vmCount: number }[];
  installAccess: Access;
  canInstall: boolean;
  onOpenVm: (vmId: string) => void;
  onOpenCommand: (commandId: string) => void;
};

const ports = (app: AppView) => app.ports.map((p) => `${p.protocol} ${p.port}`).join(" · ");

/** The MCI's Apps tab: the recipes to install, and each installed app's progress on every VM. */
export function AppsTab({ namespace, mciId, subGroups, installAccess, canInstall, onOpenVm, onOpenCommand }: Props) {
  const queryClient = useQueryClient();
  const catalogue = useAppCatalogue();
  const installed = useMciApps(namespace, mciId);
  const [subGroup, setSubGroup] = useState("");
  const [pending, setPending] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const byApp = new Map((installed.data ?? []).map((a) => [a.app, a]));

  async function install(app: AppView) {
    setPending(app.id);
    setNotice(null);
    const answer = await installApp(namespace, mciId, { app: app.id, ...(subGroup ? { subGroup } : {}) });
    setPending(null);
    if (answer.ok) setNotice({ tone: "ok", text: `Installing ${app.name} (${answer.data.id}) ${subGroup ? `on subgroup ${subGroup}` : "on every VM"}.` });
    else setNotice({ tone: "error", text: `${app.name} was not installed: ${answer.error}` });
    void queryClient.invalidateQueries({ queryKey: appKeys.mci(namespace, mciId) });
  }

  return (
    <div data-testid="apps-tab" className="min-h-0 flex-1 overflow-y-auto px-5 py-4">
      <section aria-label="Installed apps" className="mb-5">
        {installed.error && <p role="alert" className="text-rose-200">The MCI&apos;s apps could not be loaded: {installed.error.message}</p>}
        {installed.data?.length === 0 && <p className="text-slate-400">No app has been installed on this MCI yet: pick one below.</p>}
        {(installed.data ?? []).map((a) => (
          <InstalledApp key={a.installId} app={a} onOpenVm={onOpenVm} onOpenCommand={onOpenCommand} />
        ))}
      </section>
      <section aria-label="Apps to install">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-lg font-semibold text-white">Install an app</h2>
          {canInstall && subGroups.length > 1 && (
            <label className="text-sm text-slate-300">
              Install on{" "}
              <select value={subGroup} onChange={(e) => setSubGroup(e.target.value)} className="rounded-md border border-panel-edge bg-slate-900 px-2 py-1 text-slate-100">
                <option value="">every VM</option>
                {subGroups.map((s) => (
                  <option key={s.name} value={s.name}>
                    subgroup {s.name} ({s.vmCount})
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {!canInstall && (
          <div className="mt-2">
            <RoleNotice what="Installing apps" access={installAccess} ns={namespace} compact testId="apps-role-notice" />
          </div>
        )}
        {notice && (
          <p role={notice.tone === "error" ? "alert" : "status"} className={`mt-2 rounded-lg px-3 py-2 text-sm ${notice.tone === "error" ? "bg-rose-500/15 text-rose-100" : "bg-emerald-500/10 text-emerald-100"}`}>
            {notice.text}
          </p>
        )}
        {catalogue.error && <p role="alert" className="mt-2 text-rose-200">The apps could not be loaded: {catalogue.error.message}</p>}
        <ul className="mt-3 grid gap-2">
          {(catalogue.data ?? []).map((app) => {
            const busy = byApp.get(app.id)?.status === "installing";
            return (
              <li key={app.id} data-testid="app-recipe" data-app={app.id} className="flex items-start justify-between gap-3 rounded-lg border border-panel-edge bg-slate-900/40 px-3 py-2">
                <div className="min-w-0">
                  <p className="font-medium text-white">
                    {app.name} <span className="text-sm font-normal text-slate-400">{app.version}</span>
                  </p>
                  <p className="text-sm text-slate-300">{app.description}</p>
                  {app.ports.length > 0 && <p className="text-xs text-slate-400">Opens {ports(app)}</p>}
                </div>
                {canInstall && (
                  <button
                    type="button"
                    data-testid="app-install"
                    disabled={busy || pending !== null}
                    onClick={() => void install(app)}
                    className="shrink-0 rounded-md bg-sky-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-sky-500 disabled:cursor-not-allowed disabled:opacity-50"
                  >
                    {busy ? "Installing…" : pending === app.id ? "Starting…" : byApp.has(app.id) ? "Install again" : "Install"}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}

function InstalledApp({ app, onOpenVm, onOpenCommand }: { app: MciApp; onOpenVm: (vmId: string) => void; onOpenCommand: (cid: string) => void }) {
  return (
    <article data-testid="installed-app" data-app={app.app} data-status={app.status} className="mb-4">
      <h3 className="font-semibold text-white">
        {app.name} <span className="text-sm font-normal text-slate-400">{app.version}{app.subGroup ? ` · subgroup ${app.subGroup}` : ""} · {app.status === "installing" ? "installing" : "finished"} · by {app.createdBy}</span>
      </h3>
      <div className="mt-1">
        <AppProgress app={app} />
      </div>
      <AppVmList app={app} onOpenVm={onOpenVm} onOpenCommand={onOpenCommand} />
    </article>
  );
}
