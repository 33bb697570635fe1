import type { QueryClient } from '@tanstack/react-query';
import { trainingKeys } from './keys';

/**
 * The server says a workshop changed (seats, attendance, certificates) or a training notice
 * arrived: refresh what may show it. Events carry ids only.
 */
export function onTrainingEvent(client: QueryClient, data: string): void {
  let event: { reason?: string; workshopId?: string } | null = null;
  try {
    event = JSON.parse(data) as { reason?: string; workshopId?: string };
  } catch {
    event = null;
  }
  if (!event || typeof event.workshopId !== 'string') return;
  void client.invalidateQueries({ queryKey: trainingKeys.all });
}
