"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import { useCan, useViewer } from "@/components/auth/viewer-context";
import { PageNotice } from "@/components/ui/page-notice";
import { RoleNotice } from "@/components/ui/role-notice";
import type { NamespaceView } from "@/lib/validation/mci";
import type { UserView } from "./account-types";
import { AddUserForm } from "./add-user-form";
import { SectionCard, TableQuery, TH } from "./section-card";
import { signOut } from "./sign-out";
import { accountKeys, useUsers } from "./use-accounts";
import { UserRow } from "./user-row";

const COLUMNS = 6;

function PageHeader({ count }: { count?: number }) {
  return (
    <header className="flex flex-wrap items-end justify-between gap-x-8 gap-y-2">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight text-white">Users</h1>
        <p className="mt-1 max-w-3xl text-slate-300">Who may sign in, and what each may do: viewers read, operators also change clouds and MCIs, admins also manage users.</p>
      </div>
      {count !== undefined && (
        <p className="text-lg text-slate-300">
          <span data-testid="user-count" className="font-semibold tabular-nums text-white">
            {count}
          </span>{" "}
          {count === 1 ? "user" : "users"}
        </p>
      )}
    </header>
  );
}

function UsersList() {
  const viewer = useViewer();
  const users = useUsers(true);
  const namespaces = useQuery({ queryKey: ["namespaces"], queryFn: ({ signal }) => fetchJson<NamespaceView[]>("/api/v1/namespaces", signal), staleTime: 30_000 });
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const rows = users.data ?? [];
  const nsNames = (namespaces.data ?? []).map((n) => n.name);

  function refresh() {
    void queryClient.invalidateQueries({ queryKey: accountKeys.users });
  }

  function added(user: UserView) {
    queryClient.setQueryData<UserView[]>(accountKeys.users, (old) => [...(old ?? []), user]);
    setNotice(`Added ${user.email} as ${user.role}. Tell them their password another way; an admin can reset it here.`);
    refresh();
  }

  function saved(user: UserView, signedOut: boolean) {
    queryClient.setQueryData<UserView[]>(accountKeys.users, (old) => old?.map((u) => (u.id === user.id ? user : u)));
    // A new role or password for yourself ended your own session too.
    if (signedOut && user.email === viewer.name && viewer.kind === "user") return void signOut();
    setNotice(`Saved ${user.email}.${signedOut ? " They were signed out everywhere and sign in again with the new role or password." : ""}`);
    refresh();
  }

  function removed(user: UserView) {
    queryClient.setQueryData<UserView[]>(accountKeys.users, (old) => old?.filter((u) => u.id !== user.id));
    if (user.email === viewer.name && viewer.kind === "user") return void signOut();
    setNotice(`Removed ${user.email}; their sessions and tokens no longer work.`);
    refresh();
  }

  return (
    <>
      <PageHeader count={users.data?.length} />
      <PageNotice notice={notice} onDismiss={() => setNotice(null)} />
      <AddUserForm onAdded={added} />
      <SectionCard id="user-list" title="Everyone who may sign in" intro="Namespace roles narrow a user's role in single namespaces (an operator who only reads prod).">
        <TableQuery query={users} what="the users" empty={{ title: "No users yet", body: "Add one with the form above." }}>
          <table data-testid="users-table" className="w-full table-fixed text-left">
            <thead className="border-t border-panel-edge text-sm text-slate-400">
              <tr>
                <th className={`${TH} w-[17%]`}>Name</th>
                <th className={`${TH} w-[22%]`}>Email</th>
                <th className={`${TH} w-[10%]`}>Role</th>
                <th className={`${TH} w-[22%]`}>Namespace roles</th>
                <th className={`${TH} w-[10%]`}>Created</th>
                <th className={`${TH} text-right`}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <UserRow key={u.id} user={u} self={viewer.kind === "user" && u.email === viewer.name} columns={COLUMNS} namespaces={nsNames} onSaved={saved} onRemoved={removed} />
              ))}
            </tbody>
          </table>
        </TableQuery>
      </SectionCard>
    </>
  );
}

/** Admins add users, change their roles (globally and per namespace), reset passwords and remove them. */
export function UsersPage() {
  const admin = useCan("admin");
  return (
    <div className="mx-auto max-w-[92rem] px-6 pb-16 pt-6">
      {admin ? (
        <UsersList />
      ) : (
        <>
          <PageHeader />
          <RoleNotice what="Seeing who may sign in and changing their roles" access="admin" />
        </>
      )}
    </div>
  );
}
