import type { Geometry } from '@aws-sdk/client-textract';

/**
 * Positions on the page. The extractor works in points with the origin at the top left (y grows
 * downwards, as in Textract); only the response normalises them to fractions of the page.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Corners clockwise from the top left, as Textract orders a Polygon. */
export type Quad = readonly [Point, Point, Point, Point];

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export interface PageSize {
  readonly width: number;
  readonly height: number;
}

export function boxOfPoints(points: readonly Point[]): Box {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
}

export function unionBox(boxes: readonly Box[]): Box {
  return {
    left: Math.min(...boxes.map((b) => b.left)),
    top: Math.min(...boxes.map((b) => b.top)),
    right: Math.max(...boxes.map((b) => b.right)),
    bottom: Math.max(...boxes.map((b) => b.bottom)),
  };
}

export function quadOfBox(box: Box): Quad {
  return [
    { x: box.left, y: box.top },
    { x: box.right, y: box.top },
    { x: box.right, y: box.bottom },
    { x: box.left, y: box.bottom },
  ];
}

/** The part of the quad between fractions `from` and `to` of its width (a word inside a run). */
export function sliceQuad(quad: Quad, from: number, to: number): Quad {
  const [tl, tr, br, bl] = quad;
  const at = (a: Point, b: Point, t: number): Point => ({
    x: a.x + (b.x - a.x) * t,
    y: a.y + (b.y - a.y) * t,
  });
  return [at(tl, tr, from), at(tl, tr, to), at(bl, br, to), at(bl, br, from)];
}

/** Width of the overlap of two boxes' horizontal extents; negative when they are apart. */
export function horizontalOverlap(a: Box, b: Box): number {
  return Math.min(a.right, b.right) - Math.max(a.left, b.left);
}

/** Textract's Geometry: a BoundingBox and a Polygon, both as fractions (0–1) of the page. */
export function geometryOf(quad: Quad, page: PageSize): Geometry {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const polygon = quad.map((p) => ({ X: clamp(p.x / page.width), Y: clamp(p.y / page.height) }));
  const box = boxOfPoints(polygon.map((p) => ({ x: p.X, y: p.Y })));
  return {
    BoundingBox: { Width: box.right - box.left, Height: box.bottom - box.top, Left: box.left, Top: box.top },
    Polygon: polygon,
  };
}
