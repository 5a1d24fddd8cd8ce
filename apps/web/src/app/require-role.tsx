import { Outlet } from "react-router";
import { ButtonLink } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { hasAnyRole, landingPathFor, type Role } from "@/lib/roles";
import { useSignedInUser } from "@/lib/use-session";

/**
 * Hides pages a role cannot use. The server refuses those calls anyway; this only spares the
 * person a page of errors.
 */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const user = useSignedInUser();
  if (hasAnyRole(user.roles, roles)) return <Outlet />;
  return (
    <Card>
      <EmptyState
        headingLevel={1}
        title="This page is not available for your role"
        description="Ask an administrator if you need access to it."
        action={
          <ButtonLink to={landingPathFor(user.roles)} variant="primary">
            Go to your start page
          </ButtonLink>
        }
      />
    </Card>
  );
}
