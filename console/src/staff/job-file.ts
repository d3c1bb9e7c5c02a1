import { unwrap, type ApiClient } from '../api/client';

/**
 * Downloads a job's file: the API hands out a link that works for minutes (and records who asked
 * for it), and the browser follows it; the file comes from the exports bucket, not through the API.
 */
export async function downloadJobFile(api: ApiClient, schoolId: string, jobId: string): Promise<void> {
  const link = await unwrap(api.GET('/schools/{schoolId}/jobs/{jobId}/file', { params: { path: { schoolId, jobId } } }));
  window.location.assign(link.url);
}
