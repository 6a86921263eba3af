/**
 * @module Server-rendered data that stays live: the loader's value is shown at once (and again whenever the loader
 * runs, e.g. after an action), and TanStack Query refetches it in the browser every `intervalMs` while the page is
 * visible, so states that change on their own (a render node going busy or offline) appear without a reload.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";

export function useLiveQuery<T extends object>(
  key: readonly unknown[],
  loaded: T,
  fetch: () => Promise<T>,
  intervalMs: number,
): T {
  const queryClient = useQueryClient();
  useEffect(() => {
    queryClient.setQueryData(key, loaded);
  }, [queryClient, key, loaded]);
  const { data } = useQuery({
    queryKey: key,
    queryFn: fetch,
    initialData: loaded,
    refetchInterval: intervalMs,
    // A background tab does not need fresh states; the query catches up on focus.
    refetchIntervalInBackground: false,
  });
  return data;
}
