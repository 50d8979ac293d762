import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";
import { ScrollArea } from "./scroll-area";

/** A table that scrolls inside its own box (focusable when it does), never widening the page. */
export function Table({ className, ...props }: HTMLAttributes<HTMLTableElement>) {
  return (
    <ScrollArea>
      <table className={cn("w-full border-collapse text-sm", className)} {...props} />
    </ScrollArea>
  );
}

export function Th({ className, numeric, ...props }: ThHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return <th scope="col" className={cn("whitespace-nowrap border-b border-line bg-canvas px-4 py-2 text-left text-xs font-semibold text-muted", numeric && "text-right", className)} {...props} />;
}

export function Td({ className, numeric, ...props }: TdHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return <td className={cn("border-b border-line px-4 py-2.5 align-middle", numeric && "text-right tabular", className)} {...props} />;
}
