import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import type { StudioHost } from '../../../support/studio-host';

/*
 * Talking to a real browser-mode host over its WebSocket, as a page would (the burst and the
 * fuzz tests): numbered calls answered by id, the close code, the host's memory.
 */

export interface Answer {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

/** One WebSocket session with the host: numbered calls, answers matched by id. */
export class Session {
  private nextId = 1;
  private readonly waiting = new Map<number, (answer: Answer) => void>();
  /** The close code, once the host (or we) closed the socket. */
  readonly closed: Promise<number>;
  /** Stream events pushed to this session, in order. */
  readonly events: Record<string, unknown>[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as {
        kind: string;
        id?: number;
        result?: Answer;
        event?: unknown;
      };
      if (frame.kind === 'event') this.events.push(frame.event as Record<string, unknown>);
      if (frame.kind !== 'result' || frame.id === undefined) return;
      this.waiting.get(frame.id)?.(frame.result as Answer);
      this.waiting.delete(frame.id);
    });
    this.closed = new Promise((done) => socket.once('close', (code) => done(code)));
  }

  static async open(host: StudioHost): Promise<Session> {
    const url = new URL(host.url);
    const socket = new WebSocket(`ws://127.0.0.1:${url.port}/bridge?token=${url.searchParams.get('token')}`, {
      origin: `http://127.0.0.1:${url.port}`,
      maxPayload: 0,
    });
    await new Promise((done, reject) => {
      socket.once('open', done);
      socket.once('error', reject);
    });
    return new Session(socket);
  }

  call(channel: string, payload?: unknown): Promise<Answer> {
    const id = this.nextId++;
    return new Promise((done) => {
      this.waiting.set(id, done);
      this.socket.send(JSON.stringify({ kind: 'call', id, channel, payload }));
    });
  }

  close(): void {
    this.socket.close();
  }
}

/** Resident memory of the host and its child processes, in MB (Linux's /proc; null elsewhere). */
export function treeRssMb(pid: number): number | null {
  if (!existsSync(`/proc/${pid}/status`)) return null;
  let kb = 0;
  const visit = (id: number) => {
    try {
      const line = readFileSync(`/proc/${id}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m);
      kb += line ? Number(line[1]) : 0;
      for (const task of readdirSync(`/proc/${id}/task`)) {
        const children = readFileSync(`/proc/${id}/task/${task}/children`, 'utf8').trim();
        for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
      }
    } catch {
      // The process ended while we looked: it holds no memory.
    }
  };
  visit(pid);
  return kb / 1024;
}

/** Answers within `ms`, or rejects: the host is alive. */
export async function answersWithin<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
