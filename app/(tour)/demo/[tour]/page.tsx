import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { TourStage } from "@/components/demo/tour-stage";
import { tourById } from "@/components/demo/tours";

type Props = { params: Promise<{ tour: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tour = tourById((await params).tour);
  return { title: tour ? tour.title : "Demo" };
}

export default async function Page({ params }: Props) {
  const tour = tourById((await params).tour);
  if (!tour) notFound();
  return (
    <Suspense>
      <TourStage tourId={tour.id} />
    </Suspense>
  );
}
