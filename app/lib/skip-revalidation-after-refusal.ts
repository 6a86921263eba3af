/**
 * @module A `shouldRevalidate` for routes whose data an action's refusal cannot change: after an action answered
 * `{ fieldErrors }` with at least one message, nothing was written, so reloading the page's data would only cost a
 * round trip (and race the person's next submit).
 */
import type { ShouldRevalidateFunctionArgs } from "react-router";

export function skipRevalidationAfterRefusal({ actionResult, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  const fieldErrors = (actionResult as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors;
  if (fieldErrors && Object.keys(fieldErrors).length > 0) return false;
  return defaultShouldRevalidate;
}
