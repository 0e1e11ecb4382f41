"use client";

import type { ClipboardEvent, KeyboardEvent } from "react";
import { COMPOSER_INPUT_ID } from "@/lib/client/focus";
import { AttachmentThumbnails, imagesFromFiles, type ImageAttachment } from "./image-attachments";

/** The message box: attached images above the text; Enter sends, Shift+Enter breaks the line, pasted images attach. */
export function MessageInput({
  text,
  onText,
  images,
  onImages,
  onImageError,
  onSend,
  placeholder,
  autoFocus = false,
}: {
  text: string;
  onText: (text: string) => void;
  images: readonly ImageAttachment[];
  onImages: (change: (images: ImageAttachment[]) => ImageAttachment[]) => void;
  onImageError: (error: string | null) => void;
  onSend: () => void;
  placeholder: string;
  /** Focus the box when it appears (a new, empty tree: the next thing to do is type). */
  autoFocus?: boolean;
}) {
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      onSend();
    }
  }

  async function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const files = Array.from(event.clipboardData.files).filter((file) => file.type.startsWith("image/"));
    if (files.length === 0) return;
    event.preventDefault();
    const { images: pasted, error } = await imagesFromFiles(files);
    if (pasted.length > 0) onImages((current) => [...current, ...pasted]);
    onImageError(error);
  }

  return (
    <>
      <AttachmentThumbnails images={images} onRemove={(id) => onImages((current) => current.filter((image) => image.id !== id))} />
      <label htmlFor={COMPOSER_INPUT_ID} className="sr-only">
        Message
      </label>
      <textarea
        id={COMPOSER_INPUT_ID}
        aria-describedby="composer-target composer-hint"
        rows={2}
        autoFocus={autoFocus}
        value={text}
        onChange={(event) => onText(event.target.value)}
        onKeyDown={onKeyDown}
        onPaste={(event) => void onPaste(event)}
        placeholder={placeholder}
        className="block max-h-40 min-h-[52px] w-full resize-none bg-transparent px-3 pt-2.5 text-[13.5px] leading-5 text-zinc-900 outline-none placeholder:text-zinc-400 dark:text-zinc-100 dark:placeholder:text-zinc-500"
      />
    </>
  );
}
