/**
 * Progress of a long batch on stderr: on a terminal a bar with the count, the share and the time
 * left, redrawn in place and cleared at the end; nothing at all when stderr is not a terminal (a
 * pipe, a file, CI) or when the batch ends before the bar would be worth showing.
 */
import { inLocale } from '../service/message';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export interface Progress {
  /** One more item started (`label`: the file). */
  tick(label?: string): void;
  /** The batch is over: the bar is cleared. */
  done(): void;
}

export interface ProgressOptions {
  /** Show nothing before this much time has passed (short batches stay quiet). */
  delayMs?: number;
  /** Redraw at most this often. */
  intervalMs?: number;
  now?: () => number;
  locale?: 'zh' | 'en';
}

const QUIET: Progress = { tick() {}, done() {} };
const BAR_WIDTH = 24;

function duration(ms: number, locale: 'zh' | 'en'): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  if (locale === 'zh') return m ? `${m} 分 ${s % 60} 秒` : `${s} 秒`;
  return m ? `${m}m ${s % 60}s` : `${s}s`;
}

/** The bar's text for `done` of `total` after `elapsed` ms (exported for tests). */
export function progressLine(done: number, total: number, elapsedMs: number, label: string, width: number, locale: 'zh' | 'en' = 'zh'): string {
  const share = total ? done / total : 1;
  const filled = Math.round(share * BAR_WIDTH);
  const eta = done ? (elapsedMs / done) * (total - done) : NaN;
  const left = Number.isFinite(eta) ? inLocale(locale, ` · 剩余约 ${duration(eta, locale)}`, ` · ${duration(eta, locale)} left`) : '';
  const head = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${done}/${total} ${(share * 100).toFixed(0)}%${left}`;
  const room = width - head.length - 3;
  const name = room > 8 ? ` ${label.length > room ? '…' + label.slice(label.length - room + 1) : label}` : '';
  return head + name;
}

export function startProgress(total: number, stream: ProgressStream = process.stderr, options: ProgressOptions = {}): Progress {
  if (!stream.isTTY || total < 2) return QUIET;
  const now = options.now ?? Date.now;
  const delay = options.delayMs ?? 400;
  const interval = options.intervalMs ?? 100;
  const start = now();
  let done = -1;
  let drawn = 0;
  let shown = false;
  return {
    tick(label = '') {
      done++;
      const t = now();
      if (t - start < delay || (shown && t - drawn < interval && done < total)) return;
      drawn = t;
      shown = true;
      stream.write(`\r\x1b[K${progressLine(done, total, t - start, label, (stream.columns ?? 80) - 1, options.locale)}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
