import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { EndpointAccessProvider } from "@/components/auth/endpoint-access";
import { ViewerProvider } from "@/components/auth/viewer-context";
import { TopNav } from "@/components/nav/top-nav";
import { endpointAccess, pageViewer } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Every page of the console needs someone signed in (or a bearer token, or the anonymous role). */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const viewer = await pageViewer();
  if (!viewer) redirect("/login");
  return (
    <ViewerProvider viewer={viewer}>
      <EndpointAccessProvider table={endpointAccess()}>
        <TopNav />
        {/* Pages scroll inside main so the bar stays put; the map page fills it exactly. */}
        <main className="relative min-h-0 flex-1 overflow-y-auto">{children}</main>
      </EndpointAccessProvider>
    </ViewerProvider>
  );
}
