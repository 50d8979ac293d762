"use client";
import { useEffect, useRef, useState } from "react";

/**
 * Copy a value to the clipboard and say so for a moment. `copied` turns true only once the
 * browser has taken the text, so the announcement ("…をコピーしました") never claims a copy that
 * the browser refused.
 */
export function useCopy(resetAfterMs = 2000) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const copy = async (value: string) => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      return;
    }
    setCopied(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(false), resetAfterMs);
  };
  return { copied, copy };
}
