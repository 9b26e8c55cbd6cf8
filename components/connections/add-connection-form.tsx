"use client";

import { useState, useTransition, type FormEvent } from "react";
import { fieldProps, FieldBox, inputClass, FormError } from "@/components/ui/form-fields";
import { fieldIn } from "@/components/ui/place-issues";
import { useFormIssues } from "@/components/ui/use-form-issues";
import type { DriverKind } from "@/lib/core/drivers";
import type { ConnectionView } from "@/lib/validation/connections";
import { addConnectionAction } from "./actions";
import type { ProviderChoice } from "./catalogue-choices";
import { parseHostLines } from "./host-lines";
import { SshHostFields, type SshFieldsValue } from "./ssh-host-fields";
import { useHydrated } from "./use-hydrated";

type Props = {
  providers: readonly ProviderChoice[];
  drivers: readonly string[];
  onAdded: (connection: ConnectionView) => void;
};

type Field = "provider" | "region" | "name" | "credential" | "driver" | "location" | "hosts";
const FIELDS: readonly Field[] = ["provider", "region", "name", "credential", "driver", "location", "hosts"];

/** The provider (and driver) of your own servers: its region is a label of yours, its place and hosts are given. */
const SSH = "ssh";

const number = (text: string) => (text.trim() === "" ? NaN : Number(text));

/**
 * Provider, then one of its regions, an optional name and the credential the driver signs in with;
 * or your own servers (ssh): a label, where they stand and which hosts.
 */
export function AddConnectionForm({ providers, drivers, onAdded }: Props) {
  const [provider, setProvider] = useState("");
  const [region, setRegion] = useState("");
  const [name, setName] = useState("");
  const [credential, setCredential] = useState("default");
  const [driver, setDriver] = useState(drivers[0] ?? "sim");
  const [sshFields, setSshFields] = useState<SshFieldsValue>({ latitude: "", longitude: "", hosts: "" });
  const { errors, formError, clear: clearError, show, showField, reset } = useFormIssues<Field>();
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  const ssh = provider === SSH;
  const chosen = providers.find((p) => p.id === provider);
  const regions = chosen?.regions ?? [];
  const defaultName = provider && region ? `${provider}-${region}` : null;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    reset();
    if (ssh) {
      if (!region.trim()) return showField("region", "Give your servers a label, e.g. lab or office-berlin.");
    } else {
      if (!chosen) return showField("provider", "Choose a provider first; its regions then fill the next list.");
      if (!region) return showField("region", `Choose one of ${chosen.name}'s ${regions.length} regions.`);
    }
    startTransition(async () => {
      const result = await addConnectionAction({
        provider,
        region: region.trim(),
        name: name.trim() || undefined,
        credential: credential.trim() || undefined,
        driver: (ssh ? SSH : driver) as DriverKind,
        ...(ssh ? { location: { latitude: number(sshFields.latitude), longitude: number(sshFields.longitude) }, hosts: parseHostLines(sshFields.hosts).map((h) => ({ ...h, port: h.port ?? 22 })) } : {}),
      });
      if (result.ok) {
        reset();
        setName("");
        onAdded(result.data);
        return;
      }
      show(result, fieldIn(FIELDS));
    });
  }

  return (
    <section aria-labelledby="add-connection-title" className="rounded-xl border border-panel-edge bg-panel p-5 shadow-lg">
      <h2 id="add-connection-title" className="text-xl font-semibold text-white">
        Add connection
      </h2>
      <form data-testid="add-connection-form" onSubmit={submit} noValidate className="mt-3">
        <div className="grid grid-cols-1 gap-x-4 gap-y-3 md:grid-cols-2 xl:grid-cols-[1.1fr_1.4fr_1.2fr_1fr_0.6fr_auto]">
          <FieldBox prefix="add" id="provider" label="Provider" error={errors.provider}>
            <select
              {...fieldProps("add", "provider", errors.provider)}
              value={provider}
              onChange={(e) => {
                setProvider(e.target.value);
                setRegion("");
                if (e.target.value === SSH) setCredential("");
                clearError("provider");
                clearError("region");
              }}
            >
              <option value="">Choose a provider…</option>
              {drivers.includes(SSH) && <option value={SSH}>Your own servers (ssh)</option>}
              {providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.regions.length})
                </option>
              ))}
            </select>
          </FieldBox>
          <FieldBox prefix="add" id="region" label={ssh ? "Label" : "Region"} error={errors.region}>
            {ssh ? (
              <input
                {...fieldProps("add", "region", errors.region)}
                value={region}
                autoComplete="off"
                spellCheck={false}
                placeholder="e.g. lab"
                onChange={(e) => {
                  setRegion(e.target.value);
                  clearError("region");
                }}
                className={`${inputClass(errors.region)} font-mono`}
              />
            ) : (
            <select
              {...fieldProps("add", "region", errors.region)}
              value={region}
              disabled={!chosen}
              onChange={(e) => {
                setRegion(e.target.value);
                clearError("region");
              }}
            >
              <option value="">{chosen ? `Choose one of ${regions.length} regions…` : "Choose a provider first"}</option>
              {regions.map((r) => (
                <option key={r.region} value={r.region}>
                  {r.region} · {r.name}
                </option>
              ))}
            </select>
            )}
          </FieldBox>
          <FieldBox
            prefix="add"
            id="name"
            label="Name (optional)"
            error={errors.name}
            hint={defaultName ? <>Empty: <span className="font-mono">{defaultName}</span></> : "Lower case, digits and dashes"}
          >
            <input
              {...fieldProps("add", "name", errors.name)}
              value={name}
              autoComplete="off"
              spellCheck={false}
              placeholder={defaultName ?? "e.g. seoul-main"}
              onChange={(e) => {
                setName(e.target.value);
                clearError("name");
              }}
              className={`${inputClass(errors.name)} font-mono`}
            />
          </FieldBox>
          <FieldBox prefix="add" id="credential" label="Credential" error={errors.credential} hint={ssh ? "An ssh credential of the vault: username and privateKey" : "default needs no secret on the simulator; any other must be in the vault"}>
            <input
              {...fieldProps("add", "credential", errors.credential)}
              value={credential}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => {
                setCredential(e.target.value);
                clearError("credential");
              }}
              className={`${inputClass(errors.credential)} font-mono`}
            />
          </FieldBox>
          <FieldBox prefix="add" id="driver" label="Driver" error={errors.driver}>
            <select
              {...fieldProps("add", "driver", errors.driver)}
              value={ssh ? SSH : driver}
              disabled={ssh}
              onChange={(e) => {
                setDriver(e.target.value);
                clearError("driver");
              }}
            >
              {drivers.filter((d) => ssh || d !== SSH).map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </FieldBox>
          <div className="flex items-start xl:pt-[1.625rem]">
            <button
              type="submit"
              disabled={pending || !hydrated}
              className="w-full whitespace-nowrap rounded-lg bg-sky-700 px-5 py-2 text-base font-semibold text-white shadow hover:bg-sky-800 disabled:cursor-wait disabled:bg-sky-800 xl:w-auto"
            >
              {pending ? "Adding…" : "Add connection"}
            </button>
          </div>
        </div>
        {ssh && <SshHostFields value={sshFields} onChange={setSshFields} errors={{ location: errors.location, hosts: errors.hosts }} clear={clearError} />}
        <FormError message={formError} className="mt-3" />
      </form>
    </section>
  );
}
