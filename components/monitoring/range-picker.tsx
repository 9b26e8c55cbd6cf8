"use client";

import { Segmented } from "@/components/ui/segmented";
import { RANGES, type RangeId } from "./ranges";

/** The chart ranges as one segmented control. */
export function RangePicker({ value, onChange }: { value: RangeId; onChange: (id: RangeId) => void }) {
  return <Segmented label="Chart range" value={value} options={RANGES} onChange={onChange} />;
}
