import type { Metadata } from "next";
import { MciListPage } from "@/components/mci/mci-list-page";

export const metadata: Metadata = { title: "MCIs" };

type Props = { searchParams: Promise<{ ns?: string | string[]; deleted?: string | string[] }> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function Page({ searchParams }: Props) {
  const { ns, deleted } = await searchParams;
  const namespace = one(ns) || "default";
  // Keyed by namespace so switching resets the page's notices and filters.
  return <MciListPage key={namespace} namespace={namespace} deleted={one(deleted) ?? null} />;
}
