/**
 * @module The per-request api client in the router context: the root middleware puts one there (see root.tsx), and
 * every loader and action takes it with `context.get(apiContext)`.
 */
import { createContext } from "react-router";
import type { Api } from "./api.server";

export const apiContext = createContext<Api>();
