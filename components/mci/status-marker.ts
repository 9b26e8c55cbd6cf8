import { CircleMarker, type CircleMarkerOptions, type LatLngExpression, type Point } from "leaflet";

export type RingSegment = { colour: string; count: number; opacity?: number };

export type StatusMarkerOptions = CircleMarkerOptions & {
  segments: readonly RingSegment[];
  label: string;
  /** Pixels from the geographic point, so regions in one city sit side by side instead of on top of each other. */
  offset?: readonly [number, number];
  /** A white ring around the marker: the selected region. */
  highlight?: boolean;
  /** The disc behind the label (a heat map colours it); the sea colour by default. */
  disc?: string;
};

// What Leaflet keeps on a canvas-drawn circle; not in its typings, stable across 1.x.
type CanvasInternals = { _drawing: boolean; _ctx: CanvasRenderingContext2D };
type MarkerInternals = {
  _renderer: CanvasInternals;
  _point: Point;
  _radius: number;
  _map: { latLngToLayerPoint(latlng: unknown): Point };
  _latlng: unknown;
  _empty(): boolean;
  _updateBounds(): void;
};

const FONT = 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';
const HALO = 4;
// The disc behind a count: the sea colour, so the number reads on land and water alike.
const DISC = "rgba(11, 19, 32, 0.92)";

/**
 * A circle on the map's canvas drawn as a ring cut into status-coloured arcs, with a count in the
 * middle: hundreds of them stay one canvas, with Leaflet's own hit testing, zoom animation and
 * partial redraws. Only works with the canvas renderer (the maps set `preferCanvas`).
 */
export class StatusMarker extends CircleMarker {
  segments: readonly RingSegment[];
  label: string;
  offset: readonly [number, number];
  highlight: boolean;
  disc: string | undefined;

  constructor(latlng: LatLngExpression, options: StatusMarkerOptions) {
    // The stroke is never drawn; its weight only widens the redraw area to cover the halo.
    super(latlng, { ...options, stroke: true, weight: 2 * HALO + 2 });
    this.segments = options.segments;
    this.label = options.label;
    this.offset = options.offset ?? [0, 0];
    this.highlight = options.highlight ?? false;
    this.disc = options.disc;
  }

  /** Changes what the marker shows and redraws it (Leaflet reprojects on redraw, so a new offset applies too). */
  update(next: { segments: readonly RingSegment[]; label: string; radius: number; highlight: boolean; offset: readonly [number, number]; disc?: string }): void {
    this.segments = next.segments;
    this.disc = next.disc;
    this.label = next.label;
    this.highlight = next.highlight;
    this.offset = next.offset;
    if (next.radius !== this.getRadius()) this.setRadius(next.radius);
    else this.redraw();
  }

  _project(): void {
    const self = this as unknown as MarkerInternals;
    const p = self._map.latLngToLayerPoint(self._latlng);
    self._point = p.add(this.offset as [number, number]);
    self._updateBounds();
  }

  _updatePath(): void {
    const self = this as unknown as MarkerInternals;
    const renderer = self._renderer;
    if (!renderer._drawing || self._empty()) return;
    const ctx = renderer._ctx;
    const { x, y } = self._point;
    const r = Math.max(Math.round(self._radius), 2);
    const ring = Math.max(3.5, r * 0.3);
    ctx.save();

    if (this.highlight) {
      ctx.beginPath();
      ctx.arc(x, y, r + HALO, 0, Math.PI * 2);
      ctx.lineWidth = 3;
      ctx.strokeStyle = "#ffffff";
      ctx.globalAlpha = 1;
      ctx.stroke();
    }

    // Without a count the middle stays open, so the region dot under the ring shows through.
    if (this.label) {
      ctx.beginPath();
      ctx.arc(x, y, r, 0, Math.PI * 2);
      ctx.fillStyle = DISC;
      ctx.fill();
      if (this.disc) {
        ctx.beginPath();
        ctx.arc(x, y, r - ring, 0, Math.PI * 2);
        ctx.fillStyle = this.disc;
        ctx.globalAlpha = 0.75;
        ctx.fill();
        ctx.globalAlpha = 1;
      }
    }

    const total = this.segments.reduce((s, seg) => s + seg.count, 0);
    let start = -Math.PI / 2;
    for (const seg of this.segments) {
      if (seg.count <= 0 || total <= 0) continue;
      const end = start + (2 * Math.PI * seg.count) / total;
      ctx.beginPath();
      ctx.arc(x, y, r - ring / 2, start, end);
      ctx.lineWidth = ring;
      ctx.strokeStyle = seg.colour;
      ctx.globalAlpha = seg.opacity ?? 1;
      ctx.stroke();
      start = end;
    }

    if (this.label) {
      ctx.globalAlpha = 1;
      const size = this.label.length > 3 ? 11 : r >= 16 ? 13 : 12;
      ctx.font = `700 ${size}px ${FONT}`;
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(11, 19, 32, 0.9)";
      ctx.strokeText(this.label, x, y + 0.5);
      ctx.fillStyle = "#ffffff";
      ctx.fillText(this.label, x, y + 0.5);
    }
    ctx.restore();
  }
}

// Kept in a file without Leaflet, so code that only sizes markers (and its tests) runs outside a browser.
export { radiusForCount } from "./marker-radius";
