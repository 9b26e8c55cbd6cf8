import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditPage } from "@/components/accounts/audit-page";

export const metadata: Metadata = { title: "Audit log" };

export default function Page() {
  // The page reads its filters from the URL on the client.
  return (
    <Suspense>
      <AuditPage />
    </Suspense>
  );
}
