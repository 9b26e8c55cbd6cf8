"use client";

type Props = { isPending: boolean; error: Error | null; empty: boolean; onRetry: () => void };

/** What the map is waiting for or why it is empty, with the next step to take. */
export function MapStatus({ isPending, error, empty, onRetry }: Props) {
  if (!isPending && !error && !empty) return null;
  return (
    <div role="status" className="pointer-events-none absolute inset-x-0 top-20 z-[1000] flex justify-center px-4">
      <div className="pointer-events-auto max-w-lg rounded-xl border border-panel-edge bg-panel/95 px-5 py-3 text-center text-base text-slate-200 shadow-2xl backdrop-blur">
        {isPending && <p>Loading every region of every provider…</p>}
        {error && (
          <>
            <p>
              <span className="font-semibold text-white">The regions could not be loaded.</span> {error.message}
            </p>
            <button type="button" onClick={onRetry} className="mt-2 rounded-md bg-sky-700 px-4 py-1.5 font-medium text-white hover:bg-sky-800">
              Retry
            </button>
          </>
        )}
        {empty && (
          <p>
            The catalogue has no regions yet. Rebuild it with <code className="font-mono">npm run catalogue</code>, then reload.
          </p>
        )}
      </div>
    </div>
  );
}

/** Same size and colour as the map, so nothing moves when Leaflet arrives. */
export function MapPlaceholder() {
  return (
    <div className="absolute inset-0 flex items-center justify-center bg-sea text-slate-400" data-testid="world-map-loading">
      Loading the map…
    </div>
  );
}
