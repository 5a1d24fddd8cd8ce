import { Navigate } from "react-router";
import { landingPathFor } from "@/lib/roles";
import { useSignedInUser } from "@/lib/use-session";

export function LandingRedirect() {
  const user = useSignedInUser();
  return <Navigate to={landingPathFor(user.roles)} replace />;
}
