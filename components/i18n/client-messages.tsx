import type { ReactNode } from "react";
import { getMessages } from "next-intl/server";
import { CLIENT_NAMESPACES, type LayoutFile } from "@/lib/i18n/client-namespaces.generated";
import { MoreMessages } from "./more-messages";

// The browser gets the messages its code can show, not the whole catalog: each layout sends the
// namespaces the client components of its pages name (worked out by scripts/client-namespaces.ts)
// beyond what the layouts above it sent. Every layout names its own file here; a test holds
// each to it.

type Messages = Awaited<ReturnType<typeof getMessages>>;

/** The namespaces `layout` sends, taken from the request's catalog. */
export async function clientMessagesOf(layout: LayoutFile): Promise<Messages> {
  const all = await getMessages();
  const picked: Messages = {};
  for (const namespace of CLIENT_NAMESPACES[layout]) picked[namespace] = all[namespace];
  return picked;
}

/** Adds `layout`'s namespaces to the browser's messages for everything below it. */
export async function ClientMessages({ layout, children }: { layout: LayoutFile; children: ReactNode }) {
  if (CLIENT_NAMESPACES[layout].length === 0) return children;
  return <MoreMessages messages={await clientMessagesOf(layout)}>{children}</MoreMessages>;
}
