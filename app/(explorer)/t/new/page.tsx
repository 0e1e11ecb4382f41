import type { Metadata } from "next";
import { NewTree } from "@/components/explorer/new-tree";

export const metadata: Metadata = { title: "New tree" };

/** `/t/new`: a tree not saved yet; its first message saves it. */
export default function NewTreePage() {
  return <NewTree />;
}
