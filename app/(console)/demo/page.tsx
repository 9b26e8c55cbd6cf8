import type { Metadata } from "next";
import { DemoPage } from "@/components/demo/demo-page";

export const metadata: Metadata = { title: "Guided demos" };

export default function Page() {
  return <DemoPage />;
}
