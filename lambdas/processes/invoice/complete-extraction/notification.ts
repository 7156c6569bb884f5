/** Textract's job-completion notification, as delivered to the queue (raw, or inside an SNS envelope). */
export interface JobNotification {
  readonly jobId: string;
  readonly status: string;
  readonly api: string;
}

/** Parses one queue message; undefined for anything that is not a Textract job notification. */
export function parseNotification(body: string): JobNotification | undefined {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
    if (parsed.Type === 'Notification' && typeof parsed.Message === 'string')
      parsed = JSON.parse(parsed.Message) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const { JobId, Status, API } = parsed;
  if (typeof JobId !== 'string' || typeof Status !== 'string') return undefined;
  return { jobId: JobId, status: Status, api: typeof API === 'string' ? API : '' };
}
