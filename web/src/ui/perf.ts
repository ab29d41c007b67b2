// Performance marks for the benchmarks (bench/web.mjs reads them): `<name>:data` when a screen
// first renders with its data, `<name>:interactive` once that render is committed (its
// elements and handlers in place), `<name>:painted` once it has reached the screen.
import { useEffect, useState } from "react";

export function usePaintMarks(name: string): void {
  // The initialiser runs once, during the first render: the data is there by then.
  useState(() => performance.mark(`${name}:data`));
  useEffect(() => {
    performance.mark(`${name}:interactive`);
    // A task queued from the frame callback runs after that frame is painted.
    const frame = requestAnimationFrame(() => setTimeout(() => performance.mark(`${name}:painted`)));
    return () => cancelAnimationFrame(frame);
  }, [name]);
}
