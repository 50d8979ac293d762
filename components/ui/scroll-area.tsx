"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { cn } from "./cn";

/**
 * A box that scrolls sideways when its content (a wide table) does not fit, without pushing the
 * page wider than the window. When it does scroll, it takes keyboard focus so that people who
 * cannot use a mouse can scroll it with the arrow keys (axe: scrollable-region-focusable).
 */
export function ScrollArea({ children, className, label }: { children: ReactNode; className?: string; label?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className={cn("max-w-full overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600", className)}
      tabIndex={scrolls ? 0 : undefined}
      role={scrolls && label ? "region" : undefined}
      aria-label={scrolls ? label : undefined}
    >
      {children}
    </div>
  );
}
