/**
 * Files the worker spills a large cycle to, so that its memory does not grow with the number of
 * payments: change-feed entries, the records a Bulk API 2.0 query returned and the writes an ingest
 * job uploads are appended to files (one JSON value per line) in a directory of the cycle's own, and
 * read back a line at a time or a hash bucket at a time. The directory is removed when the cycle ends.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { hashId } from './decisions';

const WRITE_BUFFER_BYTES = 64 * 1024;
/** What all the buckets of a BucketSpool buffer together (each at least 4 KB). */
const BUCKETS_BUFFER_BYTES = 1024 * 1024;
const READ_CHUNK_BYTES = 256 * 1024;

/** A directory for one cycle's spools; `remove()` deletes it and everything in it. */
export class SpoolDir {
  readonly path: string;
  #next = 0;
  constructor(parent: string = os.tmpdir()) {
    this.path = fs.mkdtempSync(path.join(parent, 'omni-sync-'));
  }

  file(name: string): string {
    this.#next++;
    return path.join(this.path, `${this.#next}-${name}`);
  }

  remove(): void {
    fs.rmSync(this.path, { recursive: true, force: true });
  }
}

/** An append-only file of lines with a small write buffer. */
export class LineSpool {
  readonly file: string;
  #fd: number;
  #buffer: string[] = [];
  #bytes = 0;
  /** lines appended */
  count = 0;
  readonly #bufferBytes: number;

  constructor(file: string, bufferBytes: number = WRITE_BUFFER_BYTES) {
    this.file = file;
    this.#bufferBytes = bufferBytes;
    this.#fd = fs.openSync(file, 'w');
  }

  append(line: string): void {
    this.#buffer.push(line, '\n');
    this.#bytes += line.length + 1;
    this.count++;
    if (this.#bytes >= this.#bufferBytes) this.flush();
  }

  appendJson(value: unknown): void {
    this.append(JSON.stringify(value));
  }

  flush(): void {
    if (this.#buffer.length === 0) return;
    fs.writeSync(this.#fd, this.#buffer.join(''));
    this.#buffer = [];
    this.#bytes = 0;
  }

  /** Empties the file (the change feed started again). */
  truncate(): void {
    if (this.#fd === -1) this.#fd = fs.openSync(this.file, 'w');
    this.#buffer = [];
    this.#bytes = 0;
    this.count = 0;
    fs.ftruncateSync(this.#fd, 0);
    fs.closeSync(this.#fd);
    this.#fd = fs.openSync(this.file, 'w');
  }

  close(): void {
    if (this.#fd === -1) return;
    this.flush();
    fs.closeSync(this.#fd);
    this.#fd = -1;
  }

  /** The lines written so far, read back a chunk at a time (flushes first). */
  *lines(): Generator<string> {
    if (this.#fd !== -1) this.flush();
    yield* readLines(this.file);
  }
}

/** Lines of a file, read a chunk at a time. */
export function* readLines(file: string): Generator<string> {
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(READ_CHUNK_BYTES);
    let rest = '';
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      const text = rest + chunk.toString('utf8', 0, read);
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) if (line !== '') yield line;
    }
    if (rest !== '') yield rest;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A file as a stream for an upload (an ingest job's CSV), its bytes exactly as on disk. The file is
 * read a chunk at a time into one buffer and each chunk handed on as a copy made through a string on
 * the V8 heap. A stream that hands on freshly allocated buffers (as `fs.createReadStream` does) leaves
 * their memory, outside the heap, to be freed at the next collection, which an upload doing little
 * JavaScript seldom brings on: at 100,000 payments 9–17 MB of such buffers were seen during the
 * upload. The strings fill the young generation as the upload goes, so its collections free the
 * chunks the upload has finished with every megabyte or two.
 */
export function uploadStream(file: string, chunkBytes: number = WRITE_BUFFER_BYTES): Readable {
  let fd: number | null = null;
  const buffer = Buffer.allocUnsafe(chunkBytes);
  return new Readable({
    highWaterMark: chunkBytes,
    read() {
      try {
        fd ??= fs.openSync(file, 'r');
        const read = fs.readSync(fd, buffer, 0, buffer.length, null);
        if (read === 0) {
          this.push(null);
          return;
        }
        // latin1 maps each byte to one character and back: a multi-byte character split between two
        // chunks comes out as it went in
        this.push(buffer.toString('latin1', 0, read), 'latin1');
      } catch (err) {
        this.destroy(err as Error);
      }
    },
    destroy(err, callback) {
      if (fd !== null) fs.closeSync(fd);
      fd = null;
      callback(err);
    }
  });
}

/**
 * Lines spread over `count` files by the FNV-1a hash of a record Id, so that two large sets keyed by
 * record Id can be joined a bucket at a time (each bucket holds about 1/count of either set).
 */
export class BucketSpool {
  readonly buckets: LineSpool[];
  constructor(dir: SpoolDir, name: string, count: number) {
    const length = Math.max(1, count);
    // the buckets fill side by side for a whole direction: their buffers together stay small
    const bufferBytes = Math.max(4096, Math.floor(BUCKETS_BUFFER_BYTES / length));
    this.buckets = Array.from({ length }, (_, i) => new LineSpool(dir.file(`${name}-${i}`), bufferBytes));
  }

  static bucketOf(recordId: string, count: number): number {
    return hashId(recordId) % count;
  }

  append(recordId: string, value: unknown): void {
    this.buckets[BucketSpool.bucketOf(recordId, this.buckets.length)].appendJson(value);
  }

  close(): void {
    for (const bucket of this.buckets) bucket.close();
  }

  /** Every value of bucket `index` (a bucket is small enough to hold). */
  read<T>(index: number): T[] {
    return [...this.each<T>(index)];
  }

  /** The values of bucket `index` one at a time, for a single pass that need not hold them all. */
  *each<T>(index: number): Generator<T> {
    for (const line of readLines(this.buckets[index].file)) yield JSON.parse(line) as T;
  }
}
