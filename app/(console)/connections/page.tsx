import type { Metadata } from "next";
import { driverChoices, providerChoices } from "@/components/connections/catalogue-choices";
import { ConnectionsPage } from "@/components/connections/connections-page";
import { listConnections } from "@/lib/provisioning";
import { runtime } from "@/lib/server";

export const metadata: Metadata = { title: "Connections" };

// Connections live in the database; every visit reads them fresh.
export const dynamic = "force-dynamic";

export default async function Page() {
  const connections = await listConnections(runtime().connections);
  return <ConnectionsPage connections={connections} providers={providerChoices()} drivers={driverChoices()} />;
}
