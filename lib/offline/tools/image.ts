import { objects, type JsonObject } from "@/lib/responses/json";
import type { Item } from "../core/types";

/** What can be read of an image without seeing it: its format and pixel size, from the file's header. */
export type ImageHeader = { format: "PNG" | "JPEG" | "GIF" | "WebP"; width: number; height: number };

/** The `input_image` parts of a message. */
export function imageParts(item: Item | undefined): JsonObject[] {
  return objects(item?.content).filter((part) => part.type === "input_image");
}

/** An honest answer about images: format and size when a data URL carries them; remote URLs are not fetched. */
export function describeImages(parts: readonly JsonObject[], question: string): string {
  const lines = parts.map((part, i) => `- Image ${i + 1}: ${describeImage(part)}`);
  const count = parts.length === 1 ? "an image" : `${parts.length} images`;
  return [
    `You sent ${count}. I'm **offline-assistant**, a rule-based model with no vision: I cannot see what a picture shows,`,
    "only read what its file header says.",
    "",
    ...lines,
    ...(question ? ["", `Your message with it: "${question}"`] : []),
  ].join("\n");
}

function describeImage(part: JsonObject): string {
  const url = typeof part.image_url === "string" ? part.image_url : null;
  if (url === null) {
    return typeof part.file_id === "string" ? `file ${part.file_id} (files are not opened, so nothing could be read).` : "no image URL.";
  }
  const data = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(url);
  if (!data) return `a remote image at ${url}. I work offline and did not fetch it, so I know nothing about it.`;
  const bytes = data[2] ? Buffer.from(data[3] ?? "", "base64") : Buffer.from(decodeURIComponent(data[3] ?? ""), "latin1");
  const header = readImageHeader(bytes);
  const size = bytes.length < 1024 ? `${bytes.length} bytes` : `${(bytes.length / 1024).toFixed(1)} KB`;
  if (!header) return `a data URL of ${size} (${data[1] || "no media type"}) whose format I could not recognise.`;
  return `a ${header.format} image, ${header.width} × ${header.height} pixels (${size}).`;
}

/** Format and pixel size from a PNG, JPEG, GIF or WebP header, or null when the bytes are none of these. */
export function readImageHeader(bytes: Buffer): ImageHeader | null {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.toString("latin1", 12, 16) === "IHDR") {
    return { format: "PNG", width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length >= 10 && /^GIF8[79]a$/.test(bytes.toString("latin1", 0, 6))) {
    return { format: "GIF", width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  }
  const riff = bytes.length >= 30 && bytes.toString("latin1", 0, 4) === "RIFF";
  if (riff && bytes.toString("latin1", 8, 12) === "WEBP") return webpHeader(bytes);
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegHeader(bytes);
  return null;
}

function webpHeader(bytes: Buffer): ImageHeader | null {
  const chunk = bytes.toString("latin1", 12, 16);
  if (chunk === "VP8 ") {
    return { format: "WebP", width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === "VP8L") {
    const bits = bytes.readUInt32LE(21);
    return { format: "WebP", width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8X") return { format: "WebP", width: bytes.readUIntLE(24, 3) + 1, height: bytes.readUIntLE(27, 3) + 1 };
  return null;
}

// JPEG: walk the segments to the first start-of-frame marker (SOF0-SOF15, except DHT, JPG and DAC), which holds the size.
function jpegHeader(bytes: Buffer): ImageHeader | null {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { format: "JPEG", width: bytes.readUInt16BE(offset + 7), height: bytes.readUInt16BE(offset + 5) };
    }
    offset += 2 + bytes.readUInt16BE(offset + 2);
  }
  return null;
}
