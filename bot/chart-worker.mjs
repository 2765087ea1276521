/**
 * Turns chart SVGs into PNGs off the main thread (bot/chart.ts starts it).
 * resvg compiled to WebAssembly, with the font files read once and handed
 * over as bytes: no system font is ever looked at. Plain JavaScript so it
 * starts the same under node, tsx and vitest.
 *
 * In:  { id, svg, scale }
 * Out: { id, png, width, height } or { id, error }
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import { initWasm, Resvg } from "@resvg/resvg-wasm";

const require = createRequire(import.meta.url);
await initWasm(readFileSync(require.resolve("@resvg/resvg-wasm/index_bg.wasm")));

/** @type {{ fontFiles: string[], family: string, background: string }} */
const { fontFiles, family, background } = workerData;
const fontBuffers = fontFiles.map((file) => new Uint8Array(readFileSync(file)));

/** Resvg with our fonts, drawing `svg` at `scale`. */
function draw(svg, scale) {
  return new Resvg(svg, {
    font: {
      fontBuffers,
      defaultFontFamily: family,
      sansSerifFamily: family,
      serifFamily: family,
      monospaceFamily: family,
    },
    fitTo: { mode: "zoom", value: scale },
    background,
  });
}

// One small drawing first: WebAssembly compiles lazily, so the first real
// chart would otherwise take several times longer than the next ones.
{
  const warm = draw(
    `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect width="80" height="20" fill="#0072B2"/><text x="4" y="40" font-size="16">邻里 Linli 0123</text><text x="4" y="58" font-size="16" font-weight="bold">互助</text></svg>`,
    2,
  );
  const image = warm.render();
  image.asPng();
  image.free();
  warm.free();
}

parentPort?.on("message", (/** @type {{ id: number, svg: string, scale: number }} */ job) => {
  let resvg;
  let image;
  try {
    resvg = draw(job.svg, job.scale);
    image = resvg.render();
    // Copied, not transferred: the array might be a view on wasm memory.
    const png = image.asPng();
    parentPort?.postMessage({ id: job.id, png, width: image.width, height: image.height });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: String(error) });
  } finally {
    // wasm memory is freed by hand, not by the garbage collector.
    image?.free();
    resvg?.free();
  }
});
