import { describe, expect, it } from "vitest";
import { describeImages, readImageHeader } from "@/lib/offline/tools/image";

function png(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write("IHDR", 12, "latin1");
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes;
}

function gif(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(13);
  bytes.write("GIF89a", 0, "latin1");
  bytes.writeUInt16LE(width, 6);
  bytes.writeUInt16LE(height, 8);
  return bytes;
}

// SOI, an APP0 segment to skip, then SOF0 with the size.
function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x04, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0, 0, 0, 0, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof]);
}

function webpExtended(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(30);
  bytes.write("RIFF", 0, "latin1");
  bytes.write("WEBP", 8, "latin1");
  bytes.write("VP8X", 12, "latin1");
  bytes.writeUIntLE(width - 1, 24, 3);
  bytes.writeUIntLE(height - 1, 27, 3);
  return bytes;
}

const dataUrl = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString("base64")}`;

describe("image headers", () => {
  it("reads format and pixel size of PNG, GIF, JPEG and WebP", () => {
    expect(readImageHeader(png(640, 480))).toEqual({ format: "PNG", width: 640, height: 480 });
    expect(readImageHeader(gif(32, 16))).toEqual({ format: "GIF", width: 32, height: 16 });
    expect(readImageHeader(jpeg(1920, 1080))).toEqual({ format: "JPEG", width: 1920, height: 1080 });
    expect(readImageHeader(webpExtended(800, 600))).toEqual({ format: "WebP", width: 800, height: 600 });
    expect(readImageHeader(Buffer.from("not an image"))).toBeNull();
  });

  it("says it cannot see the picture, and does not fetch remote URLs", () => {
    const text = describeImages(
      [
        { type: "input_image", image_url: dataUrl("image/png", png(640, 480)) },
        { type: "input_image", image_url: "https://images.example/cat.jpg" },
      ],
      "What is in these?",
    );
    expect(text).toContain("I cannot see what a picture shows");
    expect(text).toContain("- Image 1: a PNG image, 640 × 480 pixels");
    expect(text).toContain("- Image 2: a remote image at https://images.example/cat.jpg. I work offline and did not fetch it");
    expect(text).toContain('Your message with it: "What is in these?"');
  });
});
