"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNow } from "@/components/connections/use-now";
import type { Viewer } from "@/lib/http";
import type { TokenCreated, TokenView } from "./account-types";
import { NewTokenForm } from "./new-token-form";
import { SectionCard, TableQuery, TH } from "./section-card";
import { TokenRow } from "./token-row";
import { TokenValue } from "./token-value";
import { accountKeys, useTokens } from "./use-accounts";

/** API tokens: the form that makes one (its value shown once) and the list, each revocable. */
export function TokensSection({ viewer }: { viewer: Viewer }) {
  const tokens = useTokens(true);
  const queryClient = useQueryClient();
  const now = useNow();
  const [created, setCreated] = useState<TokenCreated | null>(null);
  const admin = viewer.role === "admin";
  const rows = tokens.data ?? [];
  const columns = admin ? 8 : 7;

  function refresh() {
    void queryClient.invalidateQueries({ queryKey: accountKeys.tokens });
  }

  function revoked(id: string) {
    queryClient.setQueryData<TokenView[]>(accountKeys.tokens, (old) => old?.filter((t) => t.id !== id));
    if (created?.id === id) setCreated(null);
    refresh();
  }

  return (
    <SectionCard
      id="tokens"
      title="API tokens"
      intro={
        <>
          For scripts and CI: send one as <code className="text-slate-100">Authorization: Bearer &lt;token&gt;</code>. A token never does more than its role, nor more than its
          owner may. {admin ? "As an admin you see every token of this Barista." : "These are yours."}
        </>
      }
    >
      <NewTokenForm
        held={viewer.role}
        onCreated={(t) => {
          setCreated(t);
          refresh();
        }}
      />
      {created && <TokenValue key={created.id} token={created} onDone={() => setCreated(null)} />}
      <TableQuery query={tokens} what="the tokens" empty={{ title: "No API tokens yet", body: "Make one with the form above; its value is shown once, right here." }}>
        <table data-testid="tokens-table" className="w-full table-fixed text-left">
          <thead className="border-t border-panel-edge text-sm text-slate-400">
            <tr>
              <th className={`${TH} ${admin ? "w-[16%]" : "w-[24%]"}`}>Name</th>
              <th className={`${TH} w-[9%]`}>Role</th>
              <th className={`${TH} w-[11%]`}>Starts with</th>
              {admin && <th className={`${TH} w-[17%]`}>Owner</th>}
              <th className={`${TH} w-[10%]`}>Created</th>
              <th className={`${TH} w-[16%]`}>Last used</th>
              <th className={`${TH} w-[10%]`}>Expires</th>
              <th className={`${TH} text-right`}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <TokenRow key={t.id} token={t} showOwner={admin} columns={columns} now={now} onRevoked={revoked} />
            ))}
          </tbody>
        </table>
      </TableQuery>
    </SectionCard>
  );
}
