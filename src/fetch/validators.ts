// Conditional-GET validators: what fetch remembers of a URL between runs, and the small
// store it keeps them in (the Store implements it; fetch never imports the store).

/** Conditional-GET validators of one URL as fetched for one source, and when it was last checked. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
  /** ISO time of the last successful fetch. */
  checkedAt: string;
  /** SHA-256 of the body last processed: an upstream without validators that sends the same bytes is unchanged. */
  bodyHash?: string | null;
}

/** Where conditional-GET validators live between runs, per source. */
export interface ValidatorStore {
  /** Validators saved by the last successful fetch of `url` for this source, or null. */
  getValidators(sourceId: string, url: string): Promise<Validators | null>;
  saveValidators(sourceId: string, url: string, validators: Validators): Promise<void>;
}
