// The story-file marks role of the Store: what the files source knew of each story file,
// so that an unchanged file is skipped unparsed (src/sources/files.ts).

/**
 * What the files source knew of one story file when it last stored (or confirmed) the
 * story made from it.
 */
export interface StoryFileMark {
  /** The file name inside the source's folder. */
  name: string;
  /** Size, mtime, ctime and inode as read just before the content. */
  stat: string;
  /** Whether `stat` alone may vouch for the content next time (it was old enough when read). */
  statTrusted: boolean;
  /** The wirefeed version and source options the story was made with. */
  parser: string;
  /** sha256 of the file's bytes. */
  fileHash: string;
  storyId: string;
  /** storyContentHash of the story stored from the file. */
  storyHash: string;
}

/** A mark as read back: with what the store knows beyond what the files source wrote. */
export interface KnownStoryFile extends StoryFileMark {
  /** The stored story still has the mark's `storyHash` (false when something else, e.g. a concurrent run, stored another version). */
  current: boolean;
  /** ISO time a run first found the file gone, or null while it is there. */
  missingSince: string | null;
}

export interface StoryFileStore {
  /** The story file marks of a source. */
  storyFileMarks(sourceId: string): Promise<KnownStoryFile[]>;
  saveStoryFileMark(sourceId: string, mark: StoryFileMark): Promise<void>;
  /** Drops the marks of files that are gone (their stories stay). */
  forgetStoryFiles(sourceId: string, names: readonly string[]): Promise<void>;
  /** Notes when these files were first found gone (`since`), or that they are back (null). Saving a mark clears it too. */
  setStoryFilesMissing(sourceId: string, names: readonly string[], since: Date | null): Promise<void>;
}
