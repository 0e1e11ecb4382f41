"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { NodeSummary } from "@/lib/contracts/nodes";
import { inputImages, inputText } from "@/lib/responses/input";
import { nodeQuery } from "@/lib/client/queries";
import type { ImageAttachment } from "./image-attachments";

/** What the user is writing: the message text and the images attached to it. */
export type Draft = { text: string; images: ImageAttachment[] };

const EMPTY: Draft = { text: "", images: [] };

/**
 * The message being written. A send takes it out of the box and puts it back if the send does not go through;
 * Edit fills the box with a node's input.
 */
export function useDraft() {
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [imageError, setImageError] = useState<string | null>(null);

  const setText = useCallback((text: string) => setDraft((current) => ({ ...current, text })), []);
  const changeImages = useCallback(
    (change: (images: ImageAttachment[]) => ImageAttachment[]) => setDraft((current) => ({ ...current, images: change(current.images) })),
    [],
  );

  /** Empty the box for a send; answers what it held, to put back if the send fails. */
  function take(): Draft {
    setDraft(EMPTY);
    setImageError(null);
    return draft;
  }

  /** Put back what a send took, unless the user has typed or attached something new meanwhile. */
  const restore = useCallback((taken: Draft) => {
    setDraft((current) => ({
      text: current.text === "" ? taken.text : current.text,
      images: current.images.length === 0 ? taken.images : current.images,
    }));
  }, []);

  /** Fill the box with a node's text and images, to send them edited as its sibling. */
  async function loadFrom(node: NodeSummary): Promise<void> {
    try {
      const { input } = await client.fetchQuery(nodeQuery(node.id));
      const images = inputImages(input).map((url, i) => ({ id: `edit-${node.id}-${i}`, url, name: `image ${i + 1}` }));
      setDraft({ text: inputText(input) || node.inputPreview, images });
    } catch {
      setText(node.inputPreview);
    }
  }

  /** Empty the box (an edit of a node that is no longer selected). */
  const clear = useCallback(() => setDraft(EMPTY), []);

  const isEmpty = draft.text.trim() === "" && draft.images.length === 0;
  return { ...draft, isEmpty, imageError, setImageError, setText, changeImages, take, restore, loadFrom, clear };
}
