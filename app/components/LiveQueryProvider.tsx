/**
 * @module A TanStack Query cache for the pages that keep data live (see lib/use-live-query.ts). Provided by those
 * pages rather than the root, so pages without live data (the share page, the landing page) do not ship the library.
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";

export function LiveQueryProvider({ children }: { children: ReactNode }) {
  // Created once per mounted page in the browser; never shared between requests on the server.
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 2_000, retry: 1, refetchOnWindowFocus: true } } }),
  );
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
