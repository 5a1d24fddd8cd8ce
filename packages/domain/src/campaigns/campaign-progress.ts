export interface ItemCounts {
  total: number;
  decided: number;
}

/** Whole percent decided; an empty campaign counts as complete. */
export function completionPercent({ total, decided }: ItemCounts): number {
  if (total === 0) return 100;
  return Math.floor((decided / total) * 100);
}

/** Pending items are overdue once the campaign's due time has passed. */
export function isOverdue(dueAt: string, now: Date): boolean {
  return new Date(dueAt).getTime() < now.getTime();
}
