import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { ViewerProvider } from "@/components/auth/viewer-context";
import { pageViewer } from "@/lib/http";

export const dynamic = "force-dynamic";

/** The guided tours' stage: the console's sign-in check, without its navigation (the stage is full screen). */
export default async function TourLayout({ children }: { children: ReactNode }) {
  const viewer = await pageViewer();
  if (!viewer) redirect("/login");
  return <ViewerProvider viewer={viewer}>{children}</ViewerProvider>;
}
