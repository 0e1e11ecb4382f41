"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { allowRemoteImages } from "@/lib/client/remote-images";
import { Button, IconButton } from "@/components/ui/button";
import { CloseIcon } from "@/components/ui/icons";
import { RemoteImage } from "@/components/ui/remote-image";
import { TextInput } from "./fields";

/** An image attached to the next message: a URL, or a file read as a data URL. */
export type ImageAttachment = { id: string; url: string; name: string };

/** Node bodies are capped at 1 MB by default (ARBOR_MAX_INPUT_BYTES) and base64 grows a file by a third. */
const MAX_IMAGE_BYTES = 700 * 1024;

let nextImageId = 0;
const newId = () => `image-${(nextImageId += 1)}`;

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read"));
    reader.readAsDataURL(file);
  });
}

/** Read image files (picked or pasted) as attachments; a file that is not an image or is too big is an error. */
export async function imagesFromFiles(files: readonly File[]): Promise<{ images: ImageAttachment[]; error: string | null }> {
  const images: ImageAttachment[] = [];
  const problems: string[] = [];
  for (const file of files) {
    if (!file.type.startsWith("image/")) problems.push(`${file.name} is not an image`);
    else if (file.size > MAX_IMAGE_BYTES) {
      problems.push(`${file.name} is ${Math.round(file.size / 1024)} KB; attach images under ${MAX_IMAGE_BYTES / 1024} KB, or by URL`);
    } else images.push({ id: newId(), url: await readAsDataUrl(file), name: file.name || "pasted image" });
  }
  return { images, error: problems.length > 0 ? `${problems.join("; ")}.` : null };
}

const ImageIcon = () => (
  <svg width={15} height={15} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" aria-hidden="true">
    <rect x="2" y="2.5" width="12" height="11" rx="2" />
    <circle cx="6" cy="6.5" r="1.2" />
    <path d="m2.5 12 3.5-3.5 2.5 2.5 2-2 3 3" />
  </svg>
);

const LinkIcon = () => (
  <svg width={15} height={15} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" aria-hidden="true">
    <path d="M6.5 9.5a3 3 0 0 0 4.2 0l2-2a3 3 0 0 0-4.2-4.2l-.8.8M9.5 6.5a3 3 0 0 0-4.2 0l-2 2a3 3 0 0 0 4.2 4.2l.8-.8" />
  </svg>
);

/** Attach an image: pick a file, or give its URL in a small form above the button. */
export function AttachImageButtons({ onAdd, onError }: { onAdd: (images: ImageAttachment[]) => void; onError: (error: string | null) => void }) {
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [urlOpen, setUrlOpen] = useState(false);
  const [url, setUrl] = useState("");
  const [urlError, setUrlError] = useState<string | undefined>();

  async function onFiles(files: FileList | null) {
    const { images, error } = await imagesFromFiles(Array.from(files ?? []));
    if (images.length > 0) onAdd(images);
    onError(error);
    if (fileInput.current) fileInput.current.value = "";
  }

  function addUrl(event: FormEvent) {
    event.preventDefault();
    const text = url.trim();
    if (!/^https?:\/\/\S+$/i.test(text) && !/^data:image\//i.test(text)) {
      setUrlError("Enter an http(s) or data:image URL");
      return;
    }
    // The user typed this URL: it is theirs to see, here and wherever the node shows it.
    allowRemoteImages([text]);
    onAdd([{ id: newId(), url: text, name: text.split("/").pop() || text }]);
    setUrl("");
    setUrlError(undefined);
    setUrlOpen(false);
  }

  return (
    <div className="relative flex items-center">
      <input ref={fileInput} type="file" accept="image/*" multiple hidden onChange={(e) => void onFiles(e.target.files)} aria-hidden="true" tabIndex={-1} />
      <IconButton label="Attach an image file" onClick={() => fileInput.current?.click()}>
        <ImageIcon />
      </IconButton>
      <IconButton label="Attach an image by URL" pressed={urlOpen} aria-expanded={urlOpen} onClick={() => setUrlOpen((open) => !open)}>
        <LinkIcon />
      </IconButton>
      {urlOpen ? (
        <form
          onSubmit={addUrl}
          onKeyDown={(e) => e.key === "Escape" && setUrlOpen(false)}
          className="absolute bottom-full left-0 z-20 mb-2 flex w-80 items-start gap-1.5 rounded-lg border border-zinc-200 bg-white p-2 shadow-lg dark:border-zinc-800 dark:bg-zinc-950"
        >
          <div className="flex-1">
            <label htmlFor={`${id}-url`} className="sr-only">
              Image URL
            </label>
            <TextInput
              id={`${id}-url`}
              autoFocus
              error={urlError}
              value={url}
              placeholder="https://example.com/photo.jpg"
              onChange={(e) => setUrl(e.target.value)}
            />
            {urlError ? (
              <p id={`${id}-url-error`} role="alert" className="mt-1 text-[11px] text-red-600 dark:text-red-400">
                {urlError}
              </p>
            ) : null}
          </div>
          <Button size="sm" type="submit">
            Add
          </Button>
        </form>
      ) : null}
    </div>
  );
}

/** The images attached to the next message, each removable. */
export function AttachmentThumbnails({ images, onRemove }: { images: readonly ImageAttachment[]; onRemove: (id: string) => void }) {
  if (images.length === 0) return null;
  return (
    <ul aria-label="Attached images" className="flex gap-2 overflow-x-auto px-3 pt-2.5">
      {images.map((image) => (
        <li key={image.id} className="group relative shrink-0" data-testid="image-attachment">
          <RemoteImage
            compact
            src={image.url}
            alt={image.name}
            title={image.name}
            className="size-12 rounded-md border border-zinc-200 bg-zinc-50 object-cover dark:border-zinc-800 dark:bg-zinc-900"
          />
          <button
            type="button"
            aria-label={`Remove image ${image.name}`}
            onClick={() => onRemove(image.id)}
            className="absolute -top-1.5 -right-1.5 flex size-4.5 items-center justify-center rounded-full border border-zinc-200 bg-white text-zinc-600 shadow-xs hover:text-zinc-900 focus-visible:ring-2 focus-visible:ring-indigo-500/70 focus-visible:outline-none dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
          >
            <CloseIcon width={10} height={10} />
          </button>
        </li>
      ))}
    </ul>
  );
}
