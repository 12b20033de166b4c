// Which URLs a story may hand to a reader. Checked once here, at the end of the pipeline's
// input side, whatever the door (push, files, feeds, pages): feed readers follow links and
// load images, so a `javascript:` link or a `data:text/html` image is script in their page.

/** A link: http(s) only. */
export function isSafeLinkUrl(url: string): boolean {
  return /^https?:\/\//i.test(url.trim()) && URL.canParse(url.trim());
}

// Raster data: images render inert; SVG may carry script when opened directly, so it is out.
const DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|jpg|webp|avif);base64,[a-z0-9+/=\s]*$/i;

/** An image source: http(s), or an inline raster `data:` image. */
export function isSafeImageUrl(url: string): boolean {
  return isSafeLinkUrl(url) || DATA_IMAGE.test(url.trim());
}

export function safeLinkUrl(url: string | null | undefined): string | null {
  return url && isSafeLinkUrl(url) ? url.trim() : null;
}

export function safeImageUrl(url: string | null | undefined): string | null {
  return url && isSafeImageUrl(url) ? url.trim() : null;
}
