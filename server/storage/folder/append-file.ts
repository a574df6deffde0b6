import { type FileHandle, open } from 'node:fs/promises'
import { writeFileAtomic } from './durable-write.js'

interface QueuedLine {
  bytes: Buffer
  onCommitted: ((offset: number) => void) | undefined
  resolve: (offset: number) => void
  reject: (error: unknown) => void
}

/**
 * An append-only file with group commit: `append` resolves (with the line's offset) only after
 * the line is written and fdatasync'd, and lines appended while a sync is running share the
 * next write and sync. Durability then costs one disk flush per batch, not per line. Every file
 * operation (appends, reads, a rewrite) runs one at a time, so a rewrite never races a write.
 *
 * @example
 * const file = await AppendFile.open('data/reports.jsonl', sizeOfCompleteLines)
 * const offset = await file.append(Buffer.from('{"id":"SH-7K3M9Q"}\n')) // on disk now
 */
export class AppendFile {
  readonly path: string
  private handle: FileHandle
  /** Bytes of complete, synced lines: where the next batch starts. */
  private size: number
  private queue: QueuedLine[] = []
  private flushQueued = false
  private chain: Promise<void> = Promise.resolve()
  /** Set when the file is closed or could not be repaired: every later append fails with it. */
  private broken: Error | null = null
  private closed = false

  /** Runs before each batch is written; throwing rejects the batch with nothing written. */
  private readonly beforeWrite: () => Promise<void>

  private constructor(
    path: string,
    handle: FileHandle,
    size: number,
    beforeWrite: () => Promise<void>,
  ) {
    this.path = path
    this.handle = handle
    this.size = size
    this.beforeWrite = beforeWrite
  }

  /**
   * Opens `path` for appending (creating it); `size` is its current length. `beforeWrite` runs
   * before each batch (the store checks there that its folder and lock are still in place).
   */
  static async open(
    path: string,
    size: number,
    beforeWrite: () => Promise<void> = async () => {},
  ): Promise<AppendFile> {
    return new AppendFile(path, await open(path, 'a+'), size, beforeWrite)
  }

  /** True once `close` ran: nothing is written any more. */
  get isClosed(): boolean {
    return this.closed
  }

  /** True after a failed write could not be undone: appends fail until `reopen` succeeds. */
  get needsRepair(): boolean {
    return this.broken !== null && !this.closed
  }

  /** The open file's identity, to compare with what the path names now. */
  async identity(): Promise<{ dev: number; ino: number }> {
    const { dev, ino } = await this.handle.stat()
    return { dev, ino }
  }

  /**
   * Re-opens the path (a new file after the folder was re-created, or the same one after a
   * repair) with `size` bytes of complete lines, cutting anything after them. Only from inside
   * `exclusive` or `beforeWrite`, where no write runs.
   */
  async reopen(size = this.size): Promise<void> {
    const handle = await open(this.path, 'a+')
    try {
      if ((await handle.stat()).size > size) await handle.truncate(size)
    } catch (error) {
      await handle.close()
      throw error
    }
    await this.handle.close().catch(() => {})
    this.handle = handle
    this.size = size
    this.broken = null
  }

  /**
   * Appends one line (its newline included) durably; resolves with its offset. `onCommitted`
   * runs synchronously once the line is synced, before any later file operation, so an index
   * built from it never sees a rewrite between a write and its entry.
   */
  append(bytes: Buffer, onCommitted?: (offset: number) => void): Promise<number> {
    if (this.closed && this.broken) return Promise.reject(this.broken)
    const done = new Promise<number>((resolve, reject) => {
      this.queue.push({ bytes, onCommitted, resolve, reject })
    })
    if (!this.flushQueued) {
      this.flushQueued = true
      // Waiting one macrotask lets the requests already read from sockets join this batch.
      void this.exclusive(async () => {
        await new Promise((resolve) => setImmediate(resolve))
        await this.flush()
      })
    }
    return done
  }

  /**
   * Runs `task` with the file to itself; `replace` swaps the whole content durably (temp file,
   * fsync, rename) and reopens, for compaction.
   */
  exclusive<T>(
    task: (tools: { replace: (bytes: Buffer) => Promise<void>; broken: boolean }) => Promise<T>,
  ): Promise<T> {
    const run = this.chain.then(() =>
      task({ replace: (bytes) => this.replaceNow(bytes), broken: this.broken !== null }),
    )
    this.chain = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }

  /** Finishes queued appends, then closes; later appends fail. */
  close(): Promise<void> {
    return this.exclusive(async () => {
      if (this.closed) return
      this.closed = true
      this.broken = new Error(`${this.path} is closed`)
      await this.handle.close()
    })
  }

  /** Reads without waiting its turn: only inside `exclusive`, where nothing else runs. */
  async readNow(offset: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(length)
    await this.handle.read(buffer, 0, length, offset)
    return buffer
  }

  private async replaceNow(bytes: Buffer): Promise<void> {
    await writeFileAtomic(this.path, bytes)
    await this.handle.close()
    this.handle = await open(this.path, 'a+')
    this.size = bytes.length
  }

  private async flush(): Promise<void> {
    this.flushQueued = false
    while (this.queue.length > 0) {
      const batch = this.queue
      this.queue = []
      let writing = false
      try {
        if (this.closed && this.broken) throw this.broken
        await this.beforeWrite()
        if (this.broken) throw this.broken
        writing = true
        const bytes = Buffer.concat(batch.map((line) => line.bytes))
        let written = 0
        while (written < bytes.length) {
          const result = await this.handle.write(bytes, written, bytes.length - written)
          written += result.bytesWritten
        }
        await this.handle.datasync()
      } catch (error) {
        if (writing) await this.undoPartialWrite()
        for (const line of batch) line.reject(error)
        continue
      }
      for (const line of batch) {
        line.onCommitted?.(this.size)
        line.resolve(this.size)
        this.size += line.bytes.length
      }
    }
  }

  /** After a failed write (disk full), cut back to the last good line, or refuse further appends. */
  private async undoPartialWrite(): Promise<void> {
    if (this.broken) return
    try {
      await this.handle.truncate(this.size)
    } catch (error) {
      this.broken = new Error(`the file ${this.path} cannot be repaired after a failed write`, {
        cause: error,
      })
    }
  }
}
