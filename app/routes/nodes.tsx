import { Form, useNavigation } from "react-router";
import { EmptyState } from "../components/EmptyState";
import { FieldError } from "../components/FieldError";
import { FormMessage } from "../components/FormMessage";
import { LiveQueryProvider } from "../components/LiveQueryProvider";
import { apiContext } from "../lib/api-context.server";
import { apiMessages, isUserMistake } from "../lib/api-errors";
import { browserApi } from "../lib/browser-api";
import { loadForUser } from "../lib/require-user.server";
import { useLiveQuery } from "../lib/use-live-query";
import type { Route } from "./+types/nodes";

export function meta(_: Route.MetaArgs) {
  return [{ title: "Render nodes · Guitar Tone Shootout" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const api = context.get(apiContext);
  const nodes = await loadForUser(request, () => api.node.list.query());
  return { nodes, apiUrl: new URL(request.url).origin };
}

export async function action({ request, context }: Route.ActionArgs) {
  const api = context.get(apiContext);
  const form = await request.formData();
  try {
    if (form.get("intent") === "create") {
      const { node, token } = await api.node.create.mutate({ name: String(form.get("name") ?? "") });
      return { created: { name: node.name, token }, fieldErrors: {} as Record<string, string> };
    }
    if (form.get("intent") === "revoke") {
      await api.node.revoke.mutate({ id: String(form.get("id") ?? "") });
      return { created: null, fieldErrors: {} as Record<string, string> };
    }
    throw new Error(`nodes action: unknown intent ${String(form.get("intent"))}`);
  } catch (error) {
    if (!isUserMistake(error)) throw error;
    return { created: null, ...apiMessages(error) };
  }
}

const NODES_KEY = ["node.list"] as const;

const STATE_LABELS = { idle: "Idle", busy: "Rendering", offline: "Offline", revoked: "Revoked" } as const;

export default function Nodes(props: Route.ComponentProps) {
  return (
    <LiveQueryProvider>
      <NodesPage {...props} />
    </LiveQueryProvider>
  );
}

function NodesPage({ loaderData, actionData }: Route.ComponentProps) {
  const { apiUrl } = loaderData;
  // Node states change on their own (a node starts, takes a render, goes quiet): kept live, not just as loaded.
  const nodes = useLiveQuery(NODES_KEY, loaderData.nodes, () => browserApi().node.list.query(), 5_000);
  const busy = useNavigation().state === "submitting";
  const errors = actionData?.fieldErrors ?? {};
  const created = actionData?.created;
  return (
    <main className="page">
      <h1>Render nodes</h1>
      <p className="muted">
        Renders run on your own machines. Create a token, start a node with it, and it picks up your queued renders.
        States update by themselves.
      </p>
      <section className="panel" aria-labelledby="create-heading">
        <h2 id="create-heading">Add a node</h2>
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="create" />
          <label className="visually-hidden" htmlFor="node-name">
            Node name
          </label>
          <input id="node-name" name="name" placeholder="e.g. studio-pc" maxLength={64} required />
          <button type="submit" className="button" disabled={busy}>
            Create token
          </button>
        </Form>
        <FieldError id="node-name-error" message={errors.name} />
        <FormMessage message={errors.form} />
        {created && (
          <div className="token-once" role="status">
            <p>
              <strong>Token for “{created.name}”</strong>, shown only now: copy it into the node's environment.
            </p>
            <pre className="command">
              GTS_NODE_TOKEN={created.token} npx render-node start --api {apiUrl}
            </pre>
          </div>
        )}
      </section>
      {nodes.length ? (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">State</th>
                <th scope="col">Last seen</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {nodes.map((node) => (
                <tr key={node.id}>
                  <th scope="row">{node.name}</th>
                  <td>
                    <span className={`badge node-${node.state}`}>
                      {STATE_LABELS[node.state as keyof typeof STATE_LABELS] ?? node.state}
                    </span>
                  </td>
                  <td>{node.lastHeartbeatAt ? new Date(node.lastHeartbeatAt).toLocaleString("en-GB") : "never"}</td>
                  <td>
                    {node.state !== "revoked" && (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="id" value={node.id} />
                        <button type="submit" className="button button-danger">
                          Revoke
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState title="No render nodes yet">
          Create a token above and start a node with the command shown.
        </EmptyState>
      )}
    </main>
  );
}
