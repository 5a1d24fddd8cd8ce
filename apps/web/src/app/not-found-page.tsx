import { ButtonLink } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";

export function NotFoundPage() {
  return (
    <Card>
      <EmptyState
        headingLevel={1}
        title="Page not found"
        description="The address may be mistyped, or the page may have moved."
        action={
          <ButtonLink to="/" variant="primary">
            Go to your start page
          </ButtonLink>
        }
      />
    </Card>
  );
}

export function NoAccessPage() {
  return (
    <Card>
      <EmptyState
        headingLevel={1}
        title="You have no role in Attest yet"
        description="An administrator assigns roles (reviewer, control owner, auditor, administrator). Ask yours for the access you need."
      />
    </Card>
  );
}
