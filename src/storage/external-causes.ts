/**
 * External-cause intervals of a request (server farm closed, Internet down, attacks, planned
 * maintenance), kept in Forge storage because their reasons and authors are not for customers.
 */
import { kvs } from '@forge/kvs';
import { ExternalCauseError } from './errors';
import { KEYS } from './keys';

export interface ExternalCause {
  /** ISO 8601 instants; `end` is null while the cause is still open. */
  start: string;
  end: string | null;
  reason: string;
  /** Account id of the agent who recorded it, and when. */
  recordedBy: string;
  recordedAt: string;
}

export interface ExternalCauseRecord {
  intervals: ExternalCause[];
}

/** The intervals as stored, oldest first; [] when none was ever recorded. */
export function causesOf(stored: unknown): ExternalCause[] {
  const record = stored as ExternalCauseRecord | undefined;
  return [...(record?.intervals ?? [])].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

function instant(text: string, field: 'start' | 'end'): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    throw new ExternalCauseError(`the ${field} "${text}" is not an ISO 8601 instant`);
  }
  return date;
}

/** Records an interval, possibly after the fact; `end` null leaves it open. */
export async function recordExternalCause(
  issueId: string,
  cause: Omit<ExternalCause, 'recordedAt'>,
  now: Date,
): Promise<ExternalCause[]> {
  if (cause.reason.trim() === '') {
    throw new ExternalCauseError('an external cause needs a reason, such as "Internet down"');
  }
  const start = instant(cause.start, 'start');
  const end = cause.end === null ? null : instant(cause.end, 'end');
  if (start.getTime() > now.getTime()) {
    throw new ExternalCauseError(
      `the cause starts (${cause.start}) in the future; record it when it begins`,
    );
  }
  if (end !== null && end.getTime() <= start.getTime()) {
    throw new ExternalCauseError(
      `the interval ends (${cause.end}) before it starts (${cause.start})`,
    );
  }

  const intervals = causesOf(await kvs.get(KEYS.externalCauses(issueId)));
  if (cause.end === null && intervals.some((interval) => interval.end === null)) {
    throw new ExternalCauseError(
      'an external cause is already open on this request; close it first',
    );
  }
  intervals.push({
    start: start.toISOString(),
    end: end?.toISOString() ?? null,
    reason: cause.reason.trim(),
    recordedBy: cause.recordedBy,
    recordedAt: now.toISOString(),
  });
  await kvs.set(KEYS.externalCauses(issueId), { intervals } satisfies ExternalCauseRecord);
  return causesOf({ intervals });
}

/** Closes the open interval at `end`. */
export async function closeExternalCause(issueId: string, end: Date): Promise<ExternalCause[]> {
  const intervals = causesOf(await kvs.get(KEYS.externalCauses(issueId)));
  const open = intervals.find((interval) => interval.end === null);
  if (!open) throw new ExternalCauseError('no external cause is open on this request');
  if (end.getTime() <= Date.parse(open.start)) {
    throw new ExternalCauseError(
      `the cause cannot close (${end.toISOString()}) before it opened (${open.start})`,
    );
  }

  open.end = end.toISOString();
  await kvs.set(KEYS.externalCauses(issueId), { intervals } satisfies ExternalCauseRecord);
  return intervals;
}
