// S3 notifications the sandbox has yet to send. S3 delivers a notification for every object it stored,
// at least once; the sandbox forwards each upload as it happens, so with --persist each one is noted
// here before it is sent and removed once sent: a kill -9 between an upload and its notification leaves
// it here, and the next start sends it.
import { randomUUID } from 'node:crypto';
import { readJson, writeJson } from './json-file.ts';

export interface PendingNotification {
  readonly bucket: string;
  readonly key: string;
  /** The manifest queue it goes to. */
  readonly queue: string;
}

type Pending = Record<string, PendingNotification>;

export class NotificationOutbox {
  private readonly pending: Pending;

  /** Without a file, nothing outlasts the sandbox. */
  constructor(private readonly file?: string) {
    this.pending = file ? readJson<Pending>(file, {}) : {};
  }

  /** Notes a notification to send; its id, to remove it once sent. */
  add(notification: PendingNotification): string {
    const id = randomUUID();
    this.pending[id] = notification;
    this.save();
    return id;
  }

  remove(id: string): void {
    delete this.pending[id];
    this.save();
  }

  /** What an earlier run noted and did not send. */
  entries(): [string, PendingNotification][] {
    return Object.entries(this.pending);
  }

  private save(): void {
    if (this.file) writeJson(this.file, this.pending);
  }
}
