import type { Metadata } from "next";
import { Suspense } from "react";
import { AlertsPage } from "@/components/alerts/alerts-page";

export const metadata: Metadata = { title: "Alerts" };

export default function Page() {
  // The page reads its URL (?mci=) on the client.
  return (
    <Suspense>
      <AlertsPage />
    </Suspense>
  );
}
