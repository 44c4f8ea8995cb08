import { lazyPackage } from "../../startup/lazy-package.ts";

// Loaded on the first chart only: a native binding that no other command needs at start-up.
const resvg = lazyPackage<typeof import("@resvg/resvg-js")>("@resvg/resvg-js");

/**
 * An SVG rendered to PNG at its own size, with the machine's fonts (text is drawn with whatever
 * sans-serif the system has; without any, the lines still render).
 */
export function svgToPng(svg: string): Buffer {
  const { Resvg } = resvg();
  return new Resvg(svg, { background: "#ffffff", font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } }).render().asPng();
}
