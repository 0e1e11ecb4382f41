import { describe, expect, it } from "vitest";
import { plainPreview } from "@/lib/client/format";
import { imageHost, isRemoteImageUrl } from "@/lib/client/remote-images";

describe("plainPreview", () => {
  it("drops markdown marks a card would show literally, images included", () => {
    expect(plainPreview("A chart: ![budget chart](https://images.example.com/chart.png) and [a link](https://x.test)")).toBe("A chart: budget chart and a link");
    expect(plainPreview("## **Bold** `code`")).toBe("Bold code");
  });
});

describe("remote images", () => {
  it("are any URL but data: and blob:, named by their host", () => {
    expect(isRemoteImageUrl("https://images.example.com/a.png")).toBe(true);
    expect(isRemoteImageUrl("http://10.0.0.1/a.png")).toBe(true);
    expect(isRemoteImageUrl("//cdn.test/a.png")).toBe(true);
    expect(isRemoteImageUrl("data:image/png;base64,AAAA")).toBe(false);
    expect(isRemoteImageUrl(" blob:http://localhost/1")).toBe(false);
    expect(imageHost("https://images.example.com:8443/a.png")).toBe("images.example.com:8443");
    expect(imageHost("not a url")).toBe("not a url");
  });
});
