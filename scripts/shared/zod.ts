import type { z } from 'zod';

/**
 * The first problem zod found, as `field "<path>" <message>`: one clear line naming the field. `whole`
 * names the value itself when the problem is at its top level.
 */
export function fieldProblem(error: z.ZodError, whole = ''): string {
  const issue = error.issues[0];
  return `field "${issue.path.join('.') || whole}" ${issue.message}`;
}
