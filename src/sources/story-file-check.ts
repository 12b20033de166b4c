// When may a story file's stat stand for its content, so that an unchanged file is not
// even read? This is git's "racy clean" problem. File times have a granularity (ns on
// ext4 and tmpfs but taken from a coarse kernel clock, 1 s on some file systems, 2 s on
// FAT), so a file rewritten within one tick at the same size shows the very same stat.
// A stat is therefore trusted only when its times were already older than any such
// granularity when the content was read: a later write must then show a later ctime.
// A stat too fresh to trust (a file written just before the run) costs a read and a hash
// on the next run, never a parse when the bytes are the same; after that it is trusted.
//
// ctime is in the signature because mtime can be set at will (touch -d, cp -p, rsync -t,
// tar) while ctime is always the kernel's time of the last change; device and inode
// catch a file replaced by a rename. Not covered: a network file system whose server
// clock runs more than the margin behind ours (the schedule's re-read of changed stats
// still catches every write that changes size, mtime, ctime or inode).
import type { BigIntStats } from 'node:fs';

/** Above the coarsest common granularity (FAT's 2 s), plus slack between the clocks. */
export const STAT_TRUST_MARGIN_MS = 3_000;

export type FileStat = Pick<BigIntStats, 'dev' | 'ino' | 'size' | 'mtimeNs' | 'ctimeNs'>;

export interface FileCheck {
  /** What must stay equal for the file to count as unchanged without a read. */
  stat: string;
  /** Whether `stat` may vouch for the content on the next run (see above). */
  trusted: boolean;
  mtimeMs: number;
}

export function statSignature(info: FileStat): string {
  return `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.dev}:${info.ino}`;
}

/** `readAtMs`: wall-clock time taken before the stat that precedes the read. */
export function fileCheck(info: FileStat, readAtMs: number, marginMs = STAT_TRUST_MARGIN_MS): FileCheck {
  const latestNs = info.mtimeNs > info.ctimeNs ? info.mtimeNs : info.ctimeNs;
  return {
    stat: statSignature(info),
    trusted: Number(latestNs / 1_000_000n) < readAtMs - marginMs,
    mtimeMs: Number(info.mtimeNs / 1_000_000n),
  };
}
