import { index, type RouteConfig, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("signin", "routes/signin.tsx"),
  route("signup", "routes/signup.tsx"),
  route("signout", "routes/signout.tsx"),
  route("library", "routes/library.tsx"),
  route("library/tone3000", "routes/library.tone3000.tsx"),
  route("shootouts", "routes/shootouts.tsx"),
  route("shootouts/new", "routes/shootouts.new.tsx"),
  route("shootouts/:id", "routes/shootouts.$id.tsx"),
  route("nodes", "routes/nodes.tsx"),
  route("s/:id", "routes/s.$id.tsx"),
] satisfies RouteConfig;
